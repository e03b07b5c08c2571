// SPDX-License-Identifier: GPL-2.0
/* Result records as JSON and CSV; see record.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/record.h"
#include "sb_result.h"

/* Keys that look numeric but are text: CPU lists ("0"), names, words. */
static int sb_key_is_text(const char *k, size_t kl)
{
	const struct sb_key *ck = sb_key_find(k, kl, SB_SIDE_BOTH);

	if (ck)
		return ck->type == SB_KT_CPULIST || ck->type == SB_KT_ENUM ||
			ck->type == SB_KT_NAME;
	return kl > 5 && !strncmp(k, "hist.", 5);
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
	return o;
}

/* The driver's own keys: present, of their type, in their range. */
static int sb_record_check_driver(const json_t *rec, char *why, size_t len)
{
	const char *point = json_string_value(json_object_get(rec, "point"));
	const char *be = json_string_value(json_object_get(rec, "backend"));
	const json_t *rep = json_object_get(rec, "repeat");
	int i;

	if (!point || !*point) {
		snprintf(why, len, "no \"point\" id: not a syncbench record");
		return -1;
	}
	if (!json_is_integer(rep) || json_integer_value(rep) < 0) {
		snprintf(why, len, "\"repeat\" is not a non-negative integer");
		return -1;
	}
	for (i = 0; be && i < SB_NR_BK; i++)
		if (!strcmp(be, sb_backend_names[i]))
			return 0;
	snprintf(why, len, "\"backend\" is not user, kernel or vm");
	return -1;
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
	if (sb_record_check_driver(rec, why, len))
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
	unsigned int side = p->backend == SB_BK_USER ? SB_SIDE_USER :
		SB_SIDE_KERNEL;
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
	sb_result_init(r, &cfg, p->backend == SB_BK_USER ? "user" : "kernel");
	r->status = SB_STATUS_FAILED;
	snprintf(r->reason, sizeof(r->reason), "%s", reason);
	for (c = r->reason; *c; c++)
		if (*c == '\n' || *c == '\r')
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
			    json_string(sb_backend_names[p->backend]));
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
