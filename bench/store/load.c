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
#include "store/load.h"
#include "sb_config.h"
#include "store/store.h"
#include "sb_result.h"

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
		fprintf(stderr, "syncbench: warning: %s: %s; machine details "
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

/*
 * The records come through the driver's store reader, which skips a torn
 * last line (a kill mid-append) and refuses a malformed complete one.
 */
static int load_points(struct sb_rstore *s, char *err, size_t errlen)
{
	char path[4200], why[512];
	json_t *p, *all;
	double rs;
	size_t i;

	sb_snprintf(path, sizeof(path), "%s/points.jsonl", s->dir);
	if (access(path, F_OK)) {
		set_err(err, errlen, "%s: %s: not a syncbench results store "
			"(run `syncbench run` first)", path, strerror(errno));
		return -1;
	}
	all = sb_store_load_points(s->dir, why, sizeof(why));
	if (!all) {
		set_err(err, errlen, "%s", why);
		return -1;
	}
	/*
	 * Charts, report and compare read one record per point x repeat:
	 * a failure that --retry-failed made good is no longer a failure
	 * (it stays in points.jsonl, counted in nr_superseded).
	 */
	s->points = sb_store_current(all, &s->nr_superseded);
	json_decref(all);
	json_array_foreach(s->points, i, p) {
		if (!sb_jnum(p, "result_schema", &rs) &&
		    rs > SB_RESULT_SCHEMA) {
			set_err(err, errlen, "%s: record %zu: result schema "
				"%g is newer than this syncbench understands "
				"(%d); use a newer syncbench", path, i + 1, rs,
				SB_RESULT_SCHEMA);
			return -1;
		}
		if (sb_store_rec_ok(p))
			s->nr_ok++;
		else
			s->nr_failed++;
	}
	if (!json_array_size(s->points)) {
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
	json_decref(s->meta);
	json_decref(s->points);
	s->meta = NULL;
	s->points = NULL;
}
