// SPDX-License-Identifier: GPL-2.0
/* Loading a results store for plot/report/compare; see load.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb_config.h"
#include "sb_result.h"
#include "store/load.h"
#include "store/record.h"
#include "store/store.h"
#include "util/util.h"

static void set_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* meta.json is optional (a run killed before writing it still has data). */
static int load_meta(struct sb_rstore *s, char *err, size_t errlen)
{
	char path[4200];
	json_error_t je;
	double schema;
	struct stat st;

	sb_snprintf(path, sizeof(path), "%s/meta.json", s->dir);
	if (stat(path, &st)) {
		sb_errf("syncbench: warning: %s: %s; machine details "
			"will be missing\n", path, strerror(errno));
		s->meta = json_object();
		return 0;
	}
	s->meta = json_load_file(path, 0, &je);
	if (!s->meta || !json_is_object(s->meta)) {
		set_err(err, errlen, "%s: not a JSON object (line %d: %s)",
			path, je.line, s->meta ? "not an object" : je.text);
		return -1;
	}
	if (!sb_jnum(s->meta, "schema", &schema) && schema > SB_STORE_SCHEMA) {
		set_err(err, errlen, "%s: store schema %g is newer than this "
			"syncbench understands (%d); use a newer syncbench",
			path, schema, SB_STORE_SCHEMA);
		return -1;
	}
	return 0;
}

/* What reading points.jsonl builds: the records, and a stub of each. */
struct loading {
	struct sb_rrec **recs;
	size_t n, cap;
	json_t *stubs;		/* {point, repeat, status}: for
				 * sb_store_current, which picks by them */
};

/* The record and its stub into ld; -1 when out of memory. */
static int keep_record(struct loading *ld, const json_t *rec)
{
	json_t *stub = json_pack("{s:O?,s:O?,s:O?}", "point",
				 json_object_get(rec, "point"), "repeat",
				 json_object_get(rec, "repeat"), "status",
				 json_object_get(rec, "status"));
	struct sb_rrec *r = sb_rrec_from_json(rec);

	if (ld->n == ld->cap) {
		ld->cap = ld->cap ? ld->cap * 2 : 256;
		ld->recs = realloc(ld->recs, ld->cap * sizeof(*ld->recs));
	}
	if (!stub || !r || !ld->recs) {
		json_decref(stub);
		sb_rrec_free(r);
		return -1;
	}
	ld->recs[ld->n++] = r;
	return json_array_append_new(ld->stubs, stub);
}

/*
 * One complete line: parsed and checked as the driver's store reader does
 * (sb_store_load_points), then reduced; its parse is freed at once.
 */
static int load_line(struct loading *ld, const char *path, long lineno,
		     const char *line, size_t len, char *err, size_t errlen)
{
	char why[512];
	json_error_t je;
	json_t *rec = json_loadb(line, len, 0, &je);
	int ret;

	if (!rec || sb_record_check(rec, why, sizeof(why))) {
		set_err(err, errlen, "%s:%ld: not a valid record: %s", path,
			lineno, rec ? why : je.text);
		json_decref(rec);
		return -1;
	}
	ret = keep_record(ld, rec);
	json_decref(rec);
	if (ret)
		set_err(err, errlen, "%s: out of memory", path);
	return ret;
}

/* Every complete line of path; a torn last one (a kill mid-append) is not. */
static int read_records(struct loading *ld, const char *path, char *err,
			size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	int ret = 0;

	if (!f) {
		set_err(err, errlen, "cannot read %s: %s (is it a syncbench "
			"result directory?)", path, strerror(errno));
		return -1;
	}
	while (!ret && (len = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (line[len - 1] != '\n')
			break;
		if (len > 1)
			ret = load_line(ld, path, lineno, line,
					(size_t)len - 1, err, errlen);
	}
	free(line);
	fclose(f);
	return ret;
}

/*
 * Charts, report and compare read one record per point x repeat: a
 * failure that --retry-failed made good is no longer a failure (it stays
 * in points.jsonl, counted in nr_superseded). sb_store_current picks among
 * the stubs, in order; the records of the stubs it left out are freed.
 */
static void keep_current(struct sb_rstore *s, struct loading *ld)
{
	json_t *cur = sb_store_current(ld->stubs, &s->nr_superseded);
	size_t i, j = 0, m = 0;

	for (i = 0; i < ld->n; i++) {
		if (json_array_get(cur, j) == json_array_get(ld->stubs, i)) {
			ld->recs[m++] = ld->recs[i];
			j++;
		} else {
			sb_rrec_free(ld->recs[i]);
		}
	}
	json_decref(cur);
	s->recs = ld->recs;
	s->nrecs = m;
	ld->recs = NULL;
	ld->n = 0;
}

static int load_points(struct sb_rstore *s, char *err, size_t errlen)
{
	struct loading ld = { .stubs = json_array() };
	char path[4200];
	double rs;
	size_t i;
	int ret;

	sb_snprintf(path, sizeof(path), "%s/points.jsonl", s->dir);
	if (access(path, F_OK)) {
		set_err(err, errlen, "%s: %s: not a syncbench results store "
			"(run `syncbench run` first)", path, strerror(errno));
		json_decref(ld.stubs);
		return -1;
	}
	ret = read_records(&ld, path, err, errlen);
	if (!ret)
		keep_current(s, &ld);
	for (i = 0; i < ld.n; i++)
		sb_rrec_free(ld.recs[i]);
	free(ld.recs);
	json_decref(ld.stubs);
	if (ret)
		return -1;
	for (i = 0; i < s->nrecs; i++) {
		const struct sb_rrec *p = s->recs[i];

		if (!sb_rrec_num(p, "result_schema", &rs) &&
		    rs > SB_RESULT_SCHEMA) {
			set_err(err, errlen, "%s: record %zu: result schema "
				"%g is newer than this syncbench understands "
				"(%d); use a newer syncbench", path, i + 1, rs,
				SB_RESULT_SCHEMA);
			return -1;
		}
		if (sb_rrec_ok(p))
			s->nr_ok++;
		else
			s->nr_failed++;
	}
	if (!s->nrecs) {
		set_err(err, errlen, "%s: the store holds no results (an "
			"empty run?)", path);
		return -1;
	}
	return 0;
}

int sb_rstore_load(struct sb_rstore *s, const char *dir, char *err,
		   size_t errlen)
{
	struct stat st;
	const char *base;
	size_t len;

	memset(s, 0, sizeof(*s));
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (len >= sizeof(s->dir)) {
		set_err(err, errlen, "store path too long");
		return -1;
	}
	memcpy(s->dir, dir, len);
	s->dir[len] = '\0';
	base = strrchr(s->dir, '/');
	sb_strscpy(s->name, base ? base + 1 : s->dir, sizeof(s->name));
	if (stat(s->dir, &st) || !S_ISDIR(st.st_mode)) {
		set_err(err, errlen, "%s: no such results store (expected a "
			"directory written by `syncbench run`)", s->dir);
		return -1;
	}
	/* Points first: a directory without them is no store, meta or not. */
	if (load_points(s, err, errlen) || load_meta(s, err, errlen)) {
		sb_rstore_free(s);
		return -1;
	}
	return 0;
}

void sb_rstore_free(struct sb_rstore *s)
{
	size_t i;

	for (i = 0; i < s->nrecs; i++)
		sb_rrec_free(s->recs[i]);
	free(s->recs);
	json_decref(s->meta);
	s->meta = NULL;
	s->recs = NULL;
	s->nrecs = 0;
}
