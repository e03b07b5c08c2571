// SPDX-License-Identifier: GPL-2.0
/*
 * check_kcsan - judge a store run under the KCSAN kernel (vm.kcsan).
 *
 *   check_kcsan --prims PRIMS_FILE STORE_DIR
 *
 * PRIMS_FILE is the catalogue's kernel rows ("name cap,cap" a line). Every
 * record of STORE_DIR/points.jsonl must be ok and carry debug_kernel=1 and
 * kcsan_reports (backend/kdebug.c); a sound row's records must have
 * kcsan_reports 0, and each broken row (cap "broken": none, toctou,
 * rcu_nogp) must have some over its records: KCSAN sees the race the
 * quarantine counts, and no race in the sound ones. Every kernel row must
 * have run. meta.json must say debug_kernel: true. The guest consoles
 * (STORE_DIR/vm-console*.log) must show nothing vm_log_bad_line() names
 * besides KCSAN's report titles, which are counted.
 * Prints one line per row and per finding; exit 0 when all hold, 1 when
 * not, 2 on a usage or I/O error.
 */
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "vmcheck.h"

#define MAX_PRIMS 64

struct row {
	char name[32];
	int broken;
	unsigned long long records, reports;
};

static struct row rows[MAX_PRIMS];
static int nrows, failures;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;

	printf("FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failures++;
}

static int read_prims(const char *path)
{
	char line[256];
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f) && nrows < MAX_PRIMS) {
		char *caps = strchr(line, ' ');

		line[strcspn(line, "\n")] = '\0';
		if (caps)
			*caps++ = '\0';
		if (!*line)
			continue;
		if (strlen(line) >= sizeof(rows[nrows].name))
			continue;	/* no primitive has such a name */
		memcpy(rows[nrows].name, line, strlen(line) + 1);
		rows[nrows].broken = caps && strstr(caps, "broken") != NULL;
		nrows++;
	}
	fclose(f);
	return nrows ? 0 : -1;
}

static struct row *row_of(const char *prim)
{
	int i;

	for (i = 0; i < nrows; i++)
		if (!strcmp(rows[i].name, prim))
			return &rows[i];
	return NULL;
}

static void check_record(const json_t *rec)
{
	const char *prim = json_string_value(json_object_get(rec, "prim"));
	const char *status = json_string_value(json_object_get(rec, "status"));
	const char *point = json_string_value(json_object_get(rec, "point"));
	json_t *k = json_object_get(rec, "kcsan_reports");
	struct row *r = prim ? row_of(prim) : NULL;

	if (!r) {
		fail("record of '%s': not a kernel row", prim ? prim : "?");
		return;
	}
	if (!status || strcmp(status, "ok"))
		fail("%s: a record not ok (status %s)", point ? point : prim,
		     status ? status : "?");
	if (json_integer_value(json_object_get(rec, "debug_kernel")) != 1)
		fail("%s: record without debug_kernel=1", prim);
	if (!json_is_integer(k)) {
		fail("%s: record without kcsan_reports", prim);
		return;
	}
	r->records++;
	r->reports += (unsigned long long)json_integer_value(k);
	if (!r->broken && json_integer_value(k))
		fail("%s: a sound primitive drew %lld KCSAN reports", prim,
		     (long long)json_integer_value(k));
}

static int read_points(const char *dir)
{
	char path[4096], *line = NULL;
	size_t cap = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/points.jsonl", dir);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (getline(&line, &cap, f) > 0) {
		json_t *rec = json_loads(line, 0, NULL);

		if (!rec) {
			fail("points.jsonl: a line that is not JSON");
			continue;
		}
		check_record(rec);
		json_decref(rec);
	}
	free(line);
	fclose(f);
	return 0;
}

static void check_meta(const char *dir)
{
	char path[4096];
	json_t *m;

	snprintf(path, sizeof(path), "%s/meta.json", dir);
	m = json_load_file(path, 0, NULL);
	if (!json_is_true(json_object_get(m, "debug_kernel")))
		fail("meta.json: debug_kernel is not true");
	else
		printf("ok   meta.json: debug_kernel true\n");
	json_decref(m);
}

/* The consoles: nothing bad but KCSAN's titles, which are counted. */
static void scan_consoles(const char *dir)
{
	char pat[4096], *line = NULL;
	unsigned long long titles = 0, mod = 0;
	size_t cap = 0, i;
	glob_t g;

	snprintf(pat, sizeof(pat), "%s/vm-console*.log", dir);
	if (glob(pat, 0, NULL, &g) || !g.gl_pathc) {
		fail("no guest console log in %s", dir);
		return;
	}
	for (i = 0; i < g.gl_pathc; i++) {
		FILE *f = fopen(g.gl_pathv[i], "r");
		ssize_t n;

		if (!f)
			continue;
		while ((n = getline(&line, &cap, f)) > 0) {
			const char *bad;

			if (vm_log_kcsan_line(line, (size_t)n)) {
				titles++;
				mod += strstr(line, "[syncbench]") != NULL;
				continue;
			}
			bad = vm_log_bad_line(line, (size_t)n);
			if (bad) {
				line[strcspn(line, "\n")] = '\0';
				fail("console: '%s': %.200s", bad, line);
			}
		}
		fclose(f);
	}
	printf("ok   console scan: %zu log(s), %llu KCSAN report(s), %llu "
	       "naming the module, nothing else\n", g.gl_pathc, titles, mod);
	globfree(&g);
	free(line);
}

int main(int argc, char **argv)
{
	int i;

	if (argc != 4 || strcmp(argv[1], "--prims")) {
		fprintf(stderr, "usage: check_kcsan --prims FILE STORE_DIR\n");
		return 2;
	}
	if (read_prims(argv[2])) {
		fprintf(stderr, "check_kcsan: cannot read %s\n", argv[2]);
		return 2;
	}
	if (read_points(argv[3])) {
		fprintf(stderr, "check_kcsan: no %s/points.jsonl\n", argv[3]);
		return 2;
	}
	for (i = 0; i < nrows; i++) {
		struct row *r = &rows[i];

		if (!r->records) {
			fail("%s: no record with kcsan_reports", r->name);
			continue;
		}
		if (r->broken && !r->reports) {
			fail("%s: broken, yet KCSAN reported no race in %lld "
			     "records", r->name, (long long)r->records);
			continue;
		}
		printf("ok   %s (%s): %llu KCSAN report(s) in %llu record(s)\n",
		       r->name, r->broken ? "broken" : "sound", r->reports,
		       r->records);
	}
	check_meta(argv[3]);
	scan_consoles(argv[3]);
	printf("%s: %d failure(s)\n", failures ? "FAILED" : "PASSED",
	       failures);
	return failures ? 1 : 0;
}
