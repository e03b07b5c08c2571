// SPDX-License-Identifier: GPL-2.0
/* Result records as JSON and CSV; see record.h. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/record.h"
#include "sb_result.h"

/* Keys that look numeric but are text: CPU lists ("0"), names, words. */
static int sb_key_is_text(const char *k, size_t kl)
{
	return sb_result_key_kind(k, kl) == SB_KEY_TEXT;
}

static json_t *sb_value_json(const char *k, size_t kl, const char *v,
			     size_t vl)
{
	char buf[64];
	size_t i = 0, dot = 0;
	long long x;
	char *end;

	if (sb_key_is_text(k, kl) || !vl || vl >= sizeof(buf))
		return json_stringn(v, vl);
	if (v[0] == '-')
		i = 1;
	if (i == vl)
		return json_stringn(v, vl);
	for (; i < vl; i++) {
		if (v[i] == '.' && !dot && i + 1 < vl && i > (v[0] == '-'))
			dot = i;
		else if (v[i] < '0' || v[i] > '9')
			return json_stringn(v, vl);
	}
	memcpy(buf, v, vl);
	buf[vl] = '\0';
	/*
	 * The record's fixed-point numbers (fairness_jain, op_ns, a decimal
	 * update_pct) are JSON numbers; at most 6 decimals, which a double
	 * keeps and sb_record_text() prints back the same.
	 */
	if (dot)
		return json_real(strtod(buf, NULL));
	errno = 0;
	x = strtoll(buf, &end, 10);
	if (errno)	/* beyond 2^63: keep every digit as text */
		return json_stringn(v, vl);
	return json_integer(x);
}

static int sb_is_driver_key(const char *k)
{
	static const char *const keys[] = {
		"point", "repeat", "backend", "placement", "mem", "emulated",
		"ts", "matrix",
	};
	size_t i;

	for (i = 0; i < SB_ARRAY_SIZE(keys); i++)
		if (!strcmp(k, keys[i]))
			return 1;
	return 0;
}

/*
 * The characters of every text value but a reason: config words, names,
 * CPU lists, histograms, point ids, memory policies. Nothing a shell,
 * gnuplot, a browser or a terminal gives a meaning to (no space, quote,
 * backquote, '$', '<', '\\', control byte).
 */
static int sb_word_ok(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("_.,:=+/-", *s)))
			return 0;
	return 1;
}

/* A reason is free text, on one line, with no control byte. */
static int sb_line_ok(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/* A real as the record printed it: 6 decimals at most, no trailing 0s. */
static const char *sb_real_text(double d, char *buf, size_t len)
{
	size_t n;

	snprintf(buf, len, "%.6f", d);
	n = strlen(buf);
	while (n > 1 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n && buf[n - 1] == '.')
		buf[--n] = '\0';
	return buf;
}

/* Quote v for a message: its first bytes, control bytes as '?'. */
static const char *sb_quote_value(const json_t *v, char *buf, size_t len)
{
	char *tmp = json_dumps(v, JSON_ENCODE_ANY);
	size_t i;

	snprintf(buf, len, "%.40s%s", tmp ? tmp : "?",
		 tmp && strlen(tmp) > 40 ? "..." : "");
	free(tmp);
	for (i = 0; buf[i]; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			buf[i] = '?';
	return buf;
}

/*
 * A value of the record's own keys, of the kind the schema gives its key
 * (sb_result_key_kind): text keys take a word (a reason: a line of text),
 * number keys a finite number, not negative unless the key is a signed
 * config key (node; sb_config_parse checks its range), and keys the
 * schema does not know (a side's extras) a non-negative integer or a
 * word. The schema's keys are checked again, to their types and ranges,
 * by sb_result_parse; this is what holds for every key, so that no value
 * carries text a reader could run or a number no reader can rank.
 */
static int sb_value_check(const char *k, const json_t *v, char *why,
			  size_t len)
{
	enum sb_key_kind kind = sb_result_key_kind(k, strlen(k));
	const struct sb_key *ck = sb_key_find(k, strlen(k), SB_SIDE_BOTH);
	int is_signed = ck && ck->type == SB_KT_S64;
	const char *bad = NULL, *s;
	char q[64];

	if (!sb_word_ok(k)) {
		snprintf(why, len, "a key with a character no key has");
		return -1;
	}
	if (json_is_integer(v)) {
		if (kind == SB_KEY_TEXT)
			bad = "a number where text belongs";
		else if (json_integer_value(v) < 0 && !is_signed)
			bad = "negative";
	} else if (json_is_real(v)) {
		/* a side's extras are counts and times: integers */
		if (kind != SB_KEY_NUMBER)
			bad = kind == SB_KEY_TEXT ?
				"a number where text belongs" :
				"not an integer";
		else if (!isfinite(json_real_value(v)))
			bad = "not finite";
		else if (json_real_value(v) < 0 && !is_signed)
			bad = "negative";
	} else if (json_is_string(v)) {
		s = json_string_value(v);
		if (kind == SB_KEY_NUMBER)
			bad = "text where a number belongs";
		else if (!strcmp(k, "reason") ? !sb_line_ok(s) :
			 !sb_word_ok(s))
			bad = !strcmp(k, "reason") ? "a control byte in text" :
				"text with a character no value of it has";
	} else {
		bad = "not a number or a string";
	}
	if (!bad)
		return 0;
	snprintf(why, len, "bad value for %.40s: %s (%s)", k,
		 sb_quote_value(v, q, sizeof(q)), bad);
	return -1;
}

/* Every key of a record but the driver's, by sb_value_check. */
static int sb_record_values_check(const json_t *rec, char *why, size_t len)
{
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)rec, k, v) {
		if (sb_is_driver_key(k))
			continue;
		if (sb_value_check(k, v, why, len))
			return -1;
	}
	return 0;
}

json_t *sb_record_json(const char *text, size_t len, char *err,
		       size_t errlen)
{
	const char *pos = text, *end = text + len, *k, *v;
	struct sb_result *r = malloc(sizeof(*r));
	char why[SB_ERR_LEN];
	size_t kl, vl;
	json_t *o;

	if (!r)
		abort();
	if (sb_result_parse(r, text, len, why, sizeof(why))) {
		snprintf(err, errlen, "not a valid result record: %s", why);
		free(r);
		return NULL;
	}
	free(r);
	o = json_object();
	while (sb_kv_next(&pos, end, &k, &kl, &v, &vl)) {
		char key[128];

		/* A CR from a serial line is not part of the value. */
		while (vl && (v[vl - 1] == '\r' || v[vl - 1] == ' '))
			vl--;
		if (kl >= sizeof(key))
			continue;
		memcpy(key, k, kl);
		key[kl] = '\0';
		json_object_set_new(o, key, sb_value_json(k, kl, v, vl));
	}
	/*
	 * The same checks as a store's reader makes (sb_record_check): a
	 * backend's record that a reader would refuse is never stored as
	 * a measurement.
	 */
	if (sb_record_values_check(o, why, sizeof(why))) {
		snprintf(err, errlen, "not a valid result record: %s", why);
		json_decref(o);
		return NULL;
	}
	return o;
}

/*
 * One driver key's value, top level or in the matrix object: each that
 * sb_record_add_driver_keys writes has one form. A store is data from
 * elsewhere, and a reader passes these on (ids and policies into chart
 * titles, the report, file names), so no other form is let in. 1 when k
 * is not one of them.
 */
static int sb_driver_value_check(const char *k, const json_t *v, char *why,
				 size_t len)
{
	const char *s = json_string_value(v), *want = NULL;
	struct sb_mem m;
	char q[64], e[160], names[64];
	int i;

	if (!strcmp(k, "point")) {
		if (!s || !*s || !sb_word_ok(s))
			want = "a point id";
	} else if (!strcmp(k, "backend")) {
		/* data: a name the table knows, said from the table */
		if (!sb_backend_find(s)) {
			sb_backend_names_text(names, sizeof(names));
			want = names;
		}
	} else if (!strcmp(k, "placement")) {
		for (i = 0; s && i < SB_NR_PLACES; i++)
			if (!strcmp(s, sb_place_names[i]))
				break;
		if (!s || i == SB_NR_PLACES)
			want = "compact, cores, spread or explicit";
	} else if (!strcmp(k, "mem")) {
		if (!s || !sb_word_ok(s) || sb_mem_parse(s, &m, e, sizeof(e)))
			want = "local, node=N or interleave";
	} else if (!strcmp(k, "emulated")) {
		if (!json_is_boolean(v))
			want = "true or false";
	} else if (!strcmp(k, "repeat") || !strcmp(k, "ts")) {
		if (!json_is_integer(v) || json_integer_value(v) < 0)
			want = "a non-negative integer";
	} else if (!strcmp(k, "threads")) {	/* the matrix's */
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > SB_MAX_THREADS)
			want = "an integer of 1 to 256";
	} else {
		return 1;
	}
	if (!want)
		return 0;
	snprintf(why, len, "bad value for %s: %s (%s)", k,
		 sb_quote_value(v, q, sizeof(q)), want);
	return -1;
}

/*
 * The driver's matrix object: a point's value of each axis. Driver axes
 * as the driver keys, config axes as the config parser takes them (their
 * ranges), any other as a record's own value.
 */
static int sb_matrix_check(const json_t *mx, char *why, size_t len)
{
	struct sb_config cfg;
	char text[256], num[64], err[SB_ERR_LEN];
	const char *k;
	json_t *v;
	int rc;

	if (!json_is_object(mx)) {
		snprintf(why, len, "\"matrix\" is not an object");
		return -1;
	}
	json_object_foreach((json_t *)mx, k, v) {
		rc = sb_driver_value_check(k, v, why, len);
		if (rc <= 0) {
			if (rc)
				return -1;
			continue;
		}
		if (sb_value_check(k, v, why, len))
			return -1;
		if (!sb_key_find(k, strlen(k), SB_SIDE_BOTH))
			continue;
		if (json_is_integer(v))
			snprintf(text, sizeof(text), "%s=%lld", k,
				 (long long)json_integer_value(v));
		else if (json_is_real(v))
			snprintf(text, sizeof(text), "%s=%s", k,
				 sb_real_text(json_real_value(v), num,
					      sizeof(num)));
		else
			snprintf(text, sizeof(text), "%s=%s", k,
				 json_string_value(v));
		sb_config_default(&cfg, SB_SIDE_BOTH);
		if (sb_config_parse(&cfg, text, strlen(text), SB_SIDE_BOTH,
				    err, sizeof(err))) {
			snprintf(why, len, "\"matrix\": %s", err);
			return -1;
		}
	}
	return 0;
}

/* The driver's own keys: the ones every record has, then each's form. */
static int sb_record_check_driver(const json_t *rec, char *why, size_t len)
{
	static const char *const keys[] = {
		"point", "repeat", "backend", "placement", "mem", "emulated",
		"ts",
	};
	const json_t *v;
	size_t i;

	if (!json_object_get(rec, "point")) {
		snprintf(why, len, "no \"point\" id: not a syncbench record");
		return -1;
	}
	if (!json_object_get(rec, "repeat") ||
	    !json_object_get(rec, "backend")) {
		snprintf(why, len, "no \"%s\": not a syncbench record",
			 json_object_get(rec, "repeat") ? "backend" :
			 "repeat");
		return -1;
	}
	for (i = 0; i < SB_ARRAY_SIZE(keys); i++) {
		v = json_object_get(rec, keys[i]);
		if (v && sb_driver_value_check(keys[i], v, why, len))
			return -1;
	}
	v = json_object_get(rec, "matrix");
	return v ? sb_matrix_check(v, why, len) : 0;
}

/* The record's own keys back into key=value text, as the printer wrote it. */
static int sb_record_text(const json_t *rec, struct sb_buf *b, char *why,
			  size_t len)
{
	const char *k, *s;
	char num[64];
	json_t *v;

	json_object_foreach((json_t *)rec, k, v) {
		if (sb_is_driver_key(k))
			continue;
		if (json_is_integer(v)) {
			sb_bprintf(b, "%s=%lld\n", k,
				   (long long)json_integer_value(v));
		} else if (json_is_real(v)) {
			sb_bprintf(b, "%s=%s\n", k,
				   sb_real_text(json_real_value(v), num,
						sizeof(num)));
		} else if (json_is_string(v)) {
			s = json_string_value(v);
			if (strpbrk(s, "\n\r") || strpbrk(k, "\n\r=")) {
				snprintf(why, len, "key \"%.40s\": a line break "
					 "or '=' where none can be", k);
				return -1;
			}
			sb_bprintf(b, "%s=%s\n", k, s);
		} else {
			snprintf(why, len, "key \"%.40s\": not a number or a "
				 "string", k);
			return -1;
		}
	}
	return 0;
}

int sb_record_check(const json_t *rec, char *why, size_t len)
{
	static struct sb_result *r;
	static char *text;
	static size_t cap;
	char err[SB_ERR_LEN];
	struct sb_buf b;

	if (!json_is_object(rec)) {
		snprintf(why, len, "not a JSON object");
		return -1;
	}
	if (sb_record_check_driver(rec, why, len) ||
	    sb_record_values_check(rec, why, len))
		return -1;
	if (!r && !(r = malloc(sizeof(*r))))
		abort();
	for (;;) {
		sb_buf_init(&b, text, cap);
		if (sb_record_text(rec, &b, why, len))
			return -1;
		if (b.n < cap)
			break;
		cap = b.n + 4096;
		free(text);
		text = malloc(cap);
		if (!text)
			abort();
	}
	if (sb_result_parse(r, text, b.n, err, sizeof(err))) {
		snprintf(why, len, "%s", err);
		return -1;
	}
	return 0;
}

char *sb_record_failed_text(const struct sb_point *p, const char *reason)
{
	unsigned int side = p->backend->side;
	struct sb_result *r = malloc(sizeof(*r));
	struct sb_config cfg;
	char why[SB_ERR_LEN], *buf, *c;
	int len;

	if (!r)
		abort();
	sb_config_default(&cfg, side);
	/* The config was validated at expansion; this cannot fail. */
	sb_config_parse(&cfg, p->config, strlen(p->config), side, why,
			sizeof(why));
	sb_result_init(r, &cfg, side == SB_SIDE_USER ? "user" : "kernel");
	r->status = SB_STATUS_FAILED;
	snprintf(r->reason, sizeof(r->reason), "%s", reason);
	/* one line, no control byte: what a reader takes (sb_line_ok) */
	for (c = r->reason; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = ' ';
	len = sb_result_print(r, side, NULL, 0);
	buf = malloc((size_t)len + 1);
	if (!buf)
		abort();
	sb_result_print(r, side, buf, (size_t)len + 1);
	free(r);
	return buf;
}

void sb_record_add_driver_keys(json_t *rec, const struct sb_point *p,
			       int repeat, int emulated)
{
	json_t *mx = json_object();
	unsigned int i;
	char mem[32];

	sb_mem_format(&p->mem, mem, sizeof(mem));
	json_object_set_new(rec, "backend",
			    json_string(p->backend->name));
	json_object_set_new(rec, "point", json_string(p->id));
	json_object_set_new(rec, "repeat", json_integer(repeat));
	json_object_set_new(rec, "placement",
			    json_string(sb_place_names[p->place]));
	json_object_set_new(rec, "mem", json_string(mem));
	json_object_set_new(rec, "emulated", json_boolean(emulated));
	json_object_set_new(rec, "ts", json_integer((json_int_t)time(NULL)));
	/* The point's value of every matrix axis, from the dimension table. */
	for (i = 0; i < sb_nr_dims; i++)
		if (sb_dim_is_axis(&sb_dims[i]))
			json_object_set_new(mx, sb_dims[i].name,
					    sb_dim_point_json(&sb_dims[i], p));
	json_object_set_new(rec, "matrix", mx);
}

static const char *const sb_driver_cols[] = {
	"point", "repeat", "backend", "placement", "mem", "emulated", "ts",
};

/*
 * The record's scalar keys in the order the common printer writes them:
 * taken from an empty record printed with every side's keys, so the columns
 * follow common/ without a second list to keep in step.
 */
const char *const *sb_csv_columns(void)
{
	static const char **cols;
	const char *pos, *end, *k, *v;
	struct sb_result *r;
	size_t kl, vl, n = 0, i;
	char *text;
	int len;

	if (cols)
		return cols;
	r = malloc(sizeof(*r));
	if (!r)
		abort();
	sb_result_init(r, NULL, "user");
	sb_config_default(&r->cfg, SB_SIDE_BOTH);
	len = sb_result_print(r, SB_SIDE_BOTH, NULL, 0);
	text = malloc((size_t)len + 1);
	if (!text)
		abort();
	sb_result_print(r, SB_SIDE_BOTH, text, (size_t)len + 1);
	free(r);
	cols = calloc(SB_ARRAY_SIZE(sb_driver_cols) + (size_t)len / 2 + 1,
		      sizeof(*cols));
	if (!cols)
		abort();
	for (i = 0; i < SB_ARRAY_SIZE(sb_driver_cols); i++)
		cols[n++] = sb_driver_cols[i];
	pos = text;
	end = text + len;
	while (sb_kv_next(&pos, end, &k, &kl, &v, &vl)) {
		if ((kl > 7 && !strncmp(k, "thread.", 7)) ||
		    (kl > 5 && !strncmp(k, "hist.", 5)))
			continue;
		cols[n++] = strndup(k, kl);
	}
	free(text);
	return cols;
}

void sb_csv_header(FILE *f)
{
	const char *const *c = sb_csv_columns();

	for (; *c; c++)
		fprintf(f, "%s%s", *c, c[1] ? "," : "\n");
}

void sb_csv_string(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	}
	fputc('"', f);
}

void sb_csv_row(FILE *f, const json_t *rec)
{
	const char *const *c = sb_csv_columns();
	char num[64];

	for (; *c; c++) {
		json_t *v = json_object_get(rec, *c);

		if (json_is_integer(v))
			fprintf(f, "%lld", (long long)json_integer_value(v));
		else if (json_is_real(v))
			fputs(sb_real_text(json_real_value(v), num,
					   sizeof(num)), f);
		else if (json_is_boolean(v))
			fputs(json_is_true(v) ? "true" : "false", f);
		else if (json_is_string(v))
			sb_csv_string(f, json_string_value(v));
		fputs(c[1] ? "," : "\n", f);
	}
}
