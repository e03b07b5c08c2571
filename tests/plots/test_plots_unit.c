// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the plot/report/compare internals on hand-made records:
 * grouping repeats into points and labelling the workload, the chart files
 * handed to gnuplot, histogram merging for the CDF, compare's verdicts, the
 * store reader's errors, and the report's escaping and base64.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "report/compare.h"
#include "plot/chart.h"
#include "plot/charts.h"
#include "sb_prims.h"
#include "store/group.h"
#include "store/load.h"
#include "report/report.h"
#include "report/regime.h"
#include "report/regime_text.h"
#include "plot/view.h"
#include "sb_hist.h"

static json_t *rec(const char *prim, int threads, int upd, int repeat,
		   double ops, const char *status)
{
	char id[64];

	snprintf(id, sizeof(id), "user/%s/t%d/u%d", prim, threads, upd);
	return json_pack("{s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:s, s:f, "
			 "s:i, s:i, s:i, s:s, s:s}",
			 "backend", "user", "point", id, "prim", prim,
			 "threads", threads, "update_pct", upd, "list_len", 64,
			 "repeat", repeat, "status", status, "ops_per_sec", ops,
			 "lookup_count", 100, "lookup_p99_ns", 500,
			 "update_count", 0, "placement", "compact",
			 "invariants", "ok");
}

/* The readers' form of every record of pts (what the store loader keeps). */
static struct sb_rrec **rrecs(const json_t *pts)
{
	struct sb_rrec **r = calloc(json_array_size(pts) + 1, sizeof(*r));
	size_t i;

	assert_non_null(r);
	for (i = 0; i < json_array_size(pts); i++) {
		r[i] = sb_rrec_from_json(json_array_get(pts, i));
		assert_non_null(r[i]);
	}
	return r;
}

static void rrecs_free(struct sb_rrec **r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sb_rrec_free(r[i]);
	free(r);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = calloc(1, 1 << 16);

	assert_non_null(f);
	assert_non_null(buf);
	assert_true(fread(buf, 1, (1 << 16) - 1, f) > 0);
	fclose(f);
	return buf;
}

static void test_group(void **state)
{
	json_t *pts = json_array();
	struct sb_rrec **recs;
	struct sb_pset ps;

	(void)state;
	/* Out of order on purpose: groups come back sorted. */
	json_array_append_new(pts, rec("mutex", 2, 50, 0, 100, "ok"));
	json_array_append_new(pts, rec("spin", 2, 10, 0, 300, "ok"));
	json_array_append_new(pts, rec("spin", 1, 10, 0, 200, "ok"));
	json_array_append_new(pts, rec("spin", 1, 10, 1, 220, "ok"));
	json_array_append_new(pts, rec("spin", 1, 10, 2, 0, "failed"));
	recs = rrecs(pts);
	assert_int_equal(sb_pset_build(&ps, recs, json_array_size(pts)), 0);
	assert_int_equal(ps.n, 3);
	/* update 10% before 50%, then threads */
	assert_string_equal(ps.g[0].wl, "update 10%");
	assert_int_equal(ps.g[0].threads, 1);
	assert_int_equal(ps.g[0].n, 2);
	assert_int_equal(ps.g[0].nfailed, 1);
	assert_non_null(ps.g[0].failed);
	assert_int_equal(ps.g[1].threads, 2);
	assert_string_equal(ps.g[2].prim, "mutex");
	assert_string_equal(ps.g[2].wl, "update 50%");
	/* what does not vary is said once */
	assert_non_null(strstr(ps.fixed, "list 64"));
	assert_null(strstr(ps.fixed, "update"));
	assert_false(ps.multi_backend);
	assert_false(ps.multi_placement);
	{
		struct sb_stats st;

		assert_int_equal(sb_pgroup_stat(&ps.g[0], "ops_per_sec", &st),
				 2);
		assert_true(fabs(st.median - 210) < 1e-9);
	}
	sb_pset_free(&ps);
	rrecs_free(recs, json_array_size(pts));
	json_decref(pts);
}

static int is_rgb(const char *c)
{
	size_t i;

	if (strlen(c) != 7 || c[0] != '#')
		return 0;
	for (i = 1; i < 7; i++)
		if (!strchr("0123456789abcdef", c[i]))
			return 0;
	return 1;
}

/* Order and colours are the catalogue's; names it lacks come after. */
static void test_colors_from_catalogue(void **state)
{
	static const char *const unknown[] = { "seqlock_x", "zz_future" };
	unsigned int i, j;

	(void)state;
	assert_true(sb_nr_prim_infos >= 2);
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const char *name = sb_prim_infos[i].name;

		assert_string_equal(sb_prim_color(name),
				    sb_prim_infos[i].color);
		assert_true(is_rgb(sb_prim_color(name)));
		assert_int_equal(sb_prim_rank(name), i);
		assert_int_equal(sb_prim_caps(name), sb_prim_infos[i].caps);
		for (j = 0; j < i; j++)
			assert_string_not_equal(sb_prim_infos[j].color,
						sb_prim_infos[i].color);
	}
	for (i = 0; i < SB_ARRAY_SIZE(unknown); i++) {
		assert_int_equal(sb_prim_rank(unknown[i]), SB_NR_PRIMS);
		assert_int_equal(sb_prim_caps(unknown[i]), 0);
		assert_true(is_rgb(sb_prim_color(unknown[i])));
		for (j = 0; j < sb_nr_prim_infos; j++)
			assert_string_not_equal(sb_prim_color(unknown[i]),
						sb_prim_infos[j].color);
	}
	/* markers: the family's shape, filled for user, open for the kernel */
	assert_true(sb_series_pt("spin", "user") != sb_series_pt("spin", "vm"));
	assert_int_equal(sb_series_pt("spin", "vm"),
			 sb_series_pt("spin", "kernel"));
	assert_int_equal(sb_series_pt("spin", "user"),
			 sb_series_pt("mutex", "user"));
	assert_true(sb_series_pt("spin", "user") != sb_series_pt("rcu", "user"));
	assert_true(sb_series_pt("rcu", "user") != sb_series_pt("none", "user"));
}

static void test_chart_files(void **state)
{
	char dir[] = "/tmp/sbplotXXXXXX", path[128], *txt;
	struct sb_chart c;
	double v[3] = { 1, 0.5, 1.5 };
	size_t pa, pb, s1, s2, s3;

	(void)state;
	assert_non_null(mkdtemp(dir));
	sb_chart_init(&c, "t", "x, y, lo, hi", 3);
	pa = sb_chart_panel(&c, "a", "panel \"A\"");
	/* store text: single-quoted, where gnuplot substitutes nothing */
	pb = sb_chart_panel(&c, "b", "B `touch x` $(y) 'q' \\\n2\x1b");
	assert_int_equal(sb_chart_panel(&c, "a", "again"), pa);
	/* interleaved: the writer regroups series by panel */
	s1 = sb_chart_series(&c, pa, "spin", "spin", "#111111", 1, 7);
	s2 = sb_chart_series(&c, pb, "spin", "spin", "#111111", 1, 7);
	s3 = sb_chart_series(&c, pa, "rcu", "rcu", "#222222", 1, 7);
	sb_chart_row(&c, s1, 2, v);
	sb_chart_row(&c, s1, 1, v);
	sb_chart_row(&c, s2, 4, v);
	sb_chart_row(&c, s3, 1, v);
	assert_int_equal(sb_chart_nrows(&c), 4);
	assert_int_equal(sb_chart_write(&c, dir, 2, "extra_var = 1\n"), 0);
	snprintf(path, sizeof(path), "%s/t.vars.gp", dir);
	txt = slurp(path);
	assert_non_null(strstr(txt, "npanels = 2\n"));
	assert_non_null(strstr(txt, "panel_first[1] = 1\npanel_count[1] = 2"));
	assert_non_null(strstr(txt, "panel_first[2] = 3\npanel_count[2] = 1"));
	assert_non_null(strstr(txt, "'panel \"A\"'"));
	assert_non_null(strstr(txt, "'B `touch x` $(y) ''q'' \\'.\"\\n\".'2 '"));
	assert_null(strstr(txt, "\"B"));
	assert_non_null(strstr(txt, "array ser_title[3] = ['spin', "
				    "'rcu', 'spin']"));
	assert_non_null(strstr(txt, "xmin = 0.5\nxmax = 4.5\n"));
	assert_non_null(strstr(txt, "set xtics (1, 2, 4)"));
	assert_non_null(strstr(txt, "extra_var = 1\n"));
	free(txt);
	snprintf(path, sizeof(path), "%s/t.p1.dat", dir);
	txt = slurp(path);
	/* rows sorted by x; two blocks apart by two blank lines */
	assert_non_null(strstr(txt, "1 1 0.5 1.5\n2 1 0.5 1.5\n\n\n"));
	free(txt);
	sb_chart_free(&c);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
}

/*
 * A chart too big to read: 3 panels of 14 series (series k of panel p peaks
 * at 100 * p + k, panel 1 has none above 0) capped to 2 panels of 12: the
 * two best panels stay in their order, each with its 12 best series in
 * the order they were added.
 */
static void test_chart_cap(void **state)
{
	struct sb_chart_capped k;
	struct sb_chart c;
	char key[16];
	double v[3] = { 0, 0, 0 };
	size_t p, i, s;

	(void)state;
	sb_chart_init(&c, "t", "x, y, lo, hi", 3);
	for (p = 0; p < 3; p++) {
		snprintf(key, sizeof(key), "p%zu", p);
		sb_chart_panel(&c, key, key);
		for (i = 0; i < 14; i++) {
			snprintf(key, sizeof(key), "s%zu", i);
			s = sb_chart_series(&c, p, key, key, "#111111", 1, 7);
			v[0] = p == 1 ? NAN : 100.0 * (double)p + (double)i;
			sb_chart_row(&c, s, 1, v);
		}
	}
	assert_int_equal(sb_chart_cap(&c, 2, 12, &k), 1);
	assert_int_equal(k.panels, 3);
	assert_int_equal(k.panels_drawn, 2);
	assert_int_equal(k.series, 42);
	assert_int_equal(k.series_drawn, 24);
	assert_int_equal(k.max_series, 14);
	assert_int_equal(c.npanels, 2);
	assert_string_equal(c.panel[0].key, "p0");
	assert_string_equal(c.panel[1].key, "p2");
	for (i = 0; i < c.nser; i++) {
		/* s0 and s1 of each panel ranked lowest and are gone */
		assert_true(strcmp(c.ser[i].key, "s0") &&
			    strcmp(c.ser[i].key, "s1"));
		assert_true(c.ser[i].panel < 2);
	}
	sb_chart_free(&c);
	/* a chart within the limits is left as it is */
	sb_chart_init(&c, "t", "x, y, lo, hi", 3);
	sb_chart_row(&c, sb_chart_series(&c, sb_chart_panel(&c, "a", "a"),
					 "s", "s", "#111111", 1, 7), 1, v);
	assert_int_equal(sb_chart_cap(&c, 12, 12, &k), 0);
	assert_int_equal(c.nser, 1);
	sb_chart_free(&c);
}

static void test_hist_merge(void **state)
{
	unsigned long long *cnt = calloc(SB_HIST_BUCKETS, sizeof(*cnt));
	json_t *a = json_pack("{s:s}", "hist.lookup", "3:2,100:5");
	json_t *b = json_pack("{s:s}", "hist.lookup", "100:1,1000:4,99999:7");
	const struct sb_rrec *reps[2] = { sb_rrec_from_json(a),
					  sb_rrec_from_json(b) };
	struct sb_pgroup g;

	(void)state;
	memset(&g, 0, sizeof(g));
	g.reps = reps;
	g.n = 2;
	assert_int_equal(sb_pgroup_hist(&g, "lookup", cnt), 1);
	assert_int_equal(cnt[3], 2);
	assert_int_equal(cnt[100], 6);
	assert_int_equal(cnt[1000], 4);	/* 99999: no such bucket, ignored */
	assert_int_equal(sb_pgroup_hist(&g, "update", cnt), 0);
	sb_rrec_free((struct sb_rrec *)reps[0]);
	sb_rrec_free((struct sb_rrec *)reps[1]);
	json_decref(a);
	json_decref(b);
	free(cnt);
}

/* A group of n repeats around mean with a +-spread. */
static struct sb_pgroup *mk_group(double mean, double spread, int n,
				  const char *status)
{
	struct sb_pgroup *g = calloc(1, sizeof(*g));
	const struct sb_rrec **reps = calloc(n, sizeof(*reps));
	json_t *o;
	int i;

	for (i = 0; i < n; i++) {
		o = rec("spin", 1, 10, i, mean + (i % 2 ? spread : -spread),
			status);
		reps[i] = sb_rrec_from_json(o);
		json_decref(o);
	}
	strcpy(g->key, "user/spin/t1/u10");
	if (strcmp(status, "ok")) {
		g->nfailed = n;
		g->failed = reps[0];
	} else {
		g->n = n;
	}
	g->reps = reps;
	return g;
}

static void free_group(struct sb_pgroup *g)
{
	size_t i, n = g->n ? g->n : g->nfailed;

	for (i = 0; i < n; i++)
		sb_rrec_free((struct sb_rrec *)g->reps[i]);
	free(g->reps);
	free(g);
}

static void test_compare_verdicts(void **state)
{
	struct sb_pgroup *a = mk_group(1000, 20, 4, "ok");
	struct sb_pgroup *same = mk_group(1000, 20, 4, "ok");
	struct sb_pgroup *slow = mk_group(500, 20, 4, "ok");
	struct sb_pgroup *fast = mk_group(2000, 20, 4, "ok");
	struct sb_pgroup *close = mk_group(1030, 20, 4, "ok");
	struct sb_pgroup *noisy = mk_group(900, 400, 4, "ok");
	struct sb_pgroup *dead = mk_group(0, 0, 2, "failed");
	struct sb_cmp_row r;

	(void)state;
	sb_compare_point(a, same, 5, 10, &r);
	assert_int_equal(r.verdict, SB_V_NOISE);
	sb_compare_point(a, slow, 5, 10, &r);
	assert_int_equal(r.verdict, SB_V_WORSE);
	assert_int_equal(r.m[0].verdict, SB_V_WORSE);
	assert_true(fabs(r.m[0].change_pct + 50) < 0.5);
	assert_true(sb_verdict_is_worse(r.verdict));
	sb_compare_point(a, fast, 5, 10, &r);
	assert_int_equal(r.verdict, SB_V_BETTER);
	/* +3% is below the 5% threshold even if the t-test would see it */
	sb_compare_point(a, close, 5, 10, &r);
	assert_int_equal(r.verdict, SB_V_NOISE);
	/* -10% inside a +-40% spread is noise */
	sb_compare_point(a, noisy, 5, 10, &r);
	assert_int_equal(r.m[0].verdict, SB_V_NOISE);
	/* update p99 was never measured (update_count 0): not compared */
	assert_int_equal(r.m[2].verdict, SB_V_NA);
	sb_compare_point(a, dead, 5, 10, &r);
	assert_int_equal(r.verdict, SB_V_FAILED);
	assert_true(sb_verdict_is_worse(r.verdict));
	sb_compare_point(dead, a, 5, 10, &r);
	assert_int_equal(r.verdict, SB_V_FIXED);
	sb_compare_point(a, NULL, 5, 10, &r);
	assert_int_equal(r.verdict, SB_V_ONLY_A);
	assert_false(sb_verdict_is_worse(r.verdict));
	free_group(a);
	free_group(same);
	free_group(slow);
	free_group(fast);
	free_group(close);
	free_group(noisy);
	free_group(dead);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

#define REC "\"point\":\"user/spin/t1/compact/u10/l64/cs0/th0\",\"repeat\":0,\"backend\":\"user\"," \
	"\"side\":\"user\",\"threads\":1,"

/* points.jsonl holding text must be refused, naming line 2 and why. */
static void bad_store(const char *dir, const char *line2, const char *why)
{
	char err[SB_STORE_ERR_LEN];
	struct sb_rstore st;

	write_file(dir, "points.jsonl", "{" REC "\"prim\":\"spin\","
		   "\"status\":\"ok\",\"ops_per_sec\":5}\n");
	assert_int_equal(sb_rstore_load(&st, dir, err, sizeof(err)), 0);
	sb_rstore_free(&st);
	{
		char path[128];
		FILE *f;

		snprintf(path, sizeof(path), "%s/points.jsonl", dir);
		f = fopen(path, "a");
		assert_non_null(f);
		fprintf(f, "%s\n", line2);
		fclose(f);
	}
	assert_int_equal(sb_rstore_load(&st, dir, err, sizeof(err)), -1);
	if (!strstr(err, "points.jsonl:2:") || !strstr(err, why))
		fail_msg("'%s' refused as '%s', wanted ':2:' and '%s'", line2,
			 err, why);
}

static void test_store_errors(void **state)
{
	char dir[] = "/tmp/sbstoreXXXXXX", err[SB_STORE_ERR_LEN], path[64];
	struct sb_rstore st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(sb_rstore_load(&st, "/nonexistent/run", err,
					sizeof(err)), -1);
	assert_non_null(strstr(err, "no such results store"));
	assert_int_equal(sb_rstore_load(&st, dir, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not a syncbench results store"));
	write_file(dir, "points.jsonl", "");
	assert_int_equal(sb_rstore_load(&st, dir, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no results"));
	write_file(dir, "points.jsonl",
		   "{" REC "\"prim\":\"spin\",\"status\":\"failed\"}\n"
		   "{" REC "\"repeat\":1,\"prim\":\"spin\",\"status\":\"ok\"}\n");
	write_file(dir, "meta.json", "{\"schema\": 2}");
	assert_int_equal(sb_rstore_load(&st, dir, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "newer than this syncbench"));
	write_file(dir, "meta.json", "{\"schema\": 1, \"cpu_model\": \"x\"}");
	assert_int_equal(sb_rstore_load(&st, dir, err, sizeof(err)), 0);
	assert_int_equal(st.nr_ok, 1);
	assert_int_equal(st.nr_failed, 1);
	sb_rstore_free(&st);
	write_file(dir, "points.jsonl", "{" REC "\"prim\":\"spin\","
		   "\"status\":\"ok\",\"result_schema\":7}\n");
	assert_int_equal(sb_rstore_load(&st, dir, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "result schema 7 is newer"));
	/* Records that are not what this driver writes: refused on load. */
	bad_store(dir, "{" REC "\"prim\":\"spin\",\"status\":\"ok\","
		  "\"ops_per_sec\":-96}", "ops_per_sec");
	bad_store(dir, "{" REC "\"prim\":\"spin\",\"status\":\"ok\","
		  "\"ops_per_sec\":\"fast\"}", "ops_per_sec");
	bad_store(dir, "{\"prim\":\"spin\",\"status\":\"ok\"}", "point");
	bad_store(dir, "{\"a\":1}", "point");
	bad_store(dir, "[1,2]", "not a JSON object");
	bad_store(dir, "{" REC "\"prim\":\"spin\"}", "status");
	bad_store(dir, "{" REC "\"prim\":\"spin\",\"status\":\"great\"}",
		  "status");
	bad_store(dir, "{" REC "\"prim\":\"spin\",\"status\":\"ok\","
		  "\"lookups\":{}}", "lookups");
	snprintf(path, sizeof(path), "%s/points.jsonl", dir);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof(path), "%s/meta.json", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

/* base64 of a file holding text, as a string the caller frees. */
static char *b64_of(const char *text)
{
	char tmpl[] = "/tmp/sbb64XXXXXX", *buf = NULL;
	size_t len = 0;
	int fd = mkstemp(tmpl);
	FILE *f;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(sb_base64_file(f, tmpl), 0);
	fclose(f);
	unlink(tmpl);
	return buf;
}

static void test_html_and_base64(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	sb_html_text(f, "<a href=\"x\">&</a>");
	fclose(f);
	assert_string_equal(buf, "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
	free(buf);
	buf = b64_of("Man");
	assert_string_equal(buf, "TWFu");
	free(buf);
	buf = b64_of("Ma");
	assert_string_equal(buf, "TWE=");
	free(buf);
	buf = b64_of("M");
	assert_string_equal(buf, "TQ==");
	free(buf);
	assert_int_equal(sb_base64_file(stdout, "/nonexistent"), -1);
}

/* A record at a decimal update rate, as update_pct is about to become. */
static json_t *rec_d(const char *prim, double upd, int repeat, double ops)
{
	char id[64];

	snprintf(id, sizeof(id), "user/%s/t2/u%g", prim, upd);
	return json_pack("{s:s, s:s, s:s, s:i, s:f, s:i, s:i, s:s, s:f, "
			 "s:s, s:s}",
			 "backend", "user", "point", id, "prim", prim,
			 "threads", 2, "update_pct", upd, "list_len", 64,
			 "repeat", repeat, "status", "ok", "ops_per_sec", ops,
			 "placement", "compact", "invariants", "ok");
}

static const double upds[] = { 10, 0.5, 0, 0.01, 0.001 };

/* rcu ahead below 0.5% updates, spin from there, 3 quiet repeats each. */
static json_t *decimal_store(void)
{
	json_t *pts = json_array();
	size_t u;
	int r;

	for (u = 0; u < 5; u++)
		for (r = 0; r < 3; r++) {
			double rcu = upds[u] < 0.5 ? 2e7 : 1e6;

			json_array_append_new(pts, rec_d("rcu", upds[u], r,
							 rcu + r * 1e4));
			json_array_append_new(pts, rec_d("spin", upds[u], r,
							 5e6 + r * 1e4));
		}
	return pts;
}

/*
 * Dimension values are numbers: sorted by value, 0.001 kept, a log axis
 * over decades with 0 a decade left of the smallest; --x checked.
 */
static void test_view_decimal(void **state)
{
	json_t *pts = decimal_store();
	struct sb_rrec **r = rrecs(pts);
	struct sb_pset ps;
	struct sb_view v;
	char err[256];
	size_t i;

	(void)state;
	assert_int_equal(sb_pset_build(&ps, r, json_array_size(pts)), 0);
	assert_int_equal(sb_view_build(&v, &ps, NULL, err, sizeof(err)), 0);
	assert_string_equal(v.x.dim->key, "update_pct");
	assert_int_equal(v.x.dim->nvals, 5);
	assert_true(v.x.dim->vals[0] == 0 && v.x.dim->vals[1] == 0.001 &&
		    v.x.dim->vals[2] == 0.01 && v.x.dim->vals[3] == 0.5 &&
		    v.x.dim->vals[4] == 10);
	assert_true(v.x.log);
	assert_true(fabs(v.x.zero_at - 0.0001) < 1e-12);
	for (i = 0; i < ps.n; i++) {
		double want = sb_view_value(&ps.g[i], v.x.dim);

		assert_true(v.gx[i] == (want == 0 ? v.x.zero_at : want));
		/* threads and list_len do not vary: one panel for all */
		assert_string_equal(v.panel[i], "");
	}
	sb_view_free(&v);
	assert_int_equal(sb_view_build(&v, &ps, "threads", err, sizeof(err)),
			 0);
	assert_string_equal(v.panel[0], "update 0%");
	sb_view_free(&v);
	assert_int_equal(sb_view_build(&v, &ps, "list_len", err, sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "swept: threads, update_pct"));
	sb_pset_free(&ps);
	rrecs_free(r, json_array_size(pts));
	json_decref(pts);
}

/* The map's cells and the crossover sentence, from the numbers. */
static void test_regime_sentence(void **state)
{
	json_t *pts = decimal_store();
	struct sb_rrec **r = rrecs(pts);
	struct sb_regime_map m;
	struct sb_pset ps;
	struct sb_view v;
	char err[256], text[1024];

	(void)state;
	assert_int_equal(sb_pset_build(&ps, r, json_array_size(pts)), 0);
	assert_int_equal(sb_view_build(&v, &ps, NULL, err, sizeof(err)), 0);
	assert_int_equal(sb_regime_build(&m, &v, SB_OBJ_THROUGHPUT), 0);
	assert_int_equal(m.nctx, 1);
	assert_int_equal(m.ncols, 5);
	assert_int_equal(m.nrows, 1);
	assert_string_equal(m.ctx[0].cells[0].best->prim, "rcu");
	assert_true(m.ctx[0].cells[0].clear);
	assert_string_equal(m.ctx[0].cells[4].best->prim, "spin");
	assert_true(fabs(m.ctx[0].cells[4].margin - 4.0) < 0.05);
	assert_int_equal(sb_regime_sentence(&m, &m.ctx[0], 0, text,
					    sizeof(text)), 2);
	assert_string_equal(text, "At user: rcu wins at update_pct 0 to 0.01; "
			    "spin wins at update_pct 0.5 to 10. The lead "
			    "passes from rcu to spin between update_pct 0.01 "
			    "and 0.5.");
	sb_regime_free(&m);
	/* by update p99 nothing here has a number: no winner anywhere */
	assert_int_equal(sb_regime_build(&m, &v, SB_OBJ_UPDATE_P99), 0);
	assert_int_equal(m.nctx, 0);
	sb_regime_free(&m);
	sb_view_free(&v);
	sb_pset_free(&ps);
	rrecs_free(r, json_array_size(pts));
	json_decref(pts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_group),
		cmocka_unit_test(test_colors_from_catalogue),
		cmocka_unit_test(test_chart_files),
		cmocka_unit_test(test_chart_cap),
		cmocka_unit_test(test_hist_merge),
		cmocka_unit_test(test_compare_verdicts),
		cmocka_unit_test(test_store_errors),
		cmocka_unit_test(test_html_and_base64),
		cmocka_unit_test(test_view_decimal),
		cmocka_unit_test(test_regime_sentence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
