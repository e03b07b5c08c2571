// SPDX-License-Identifier: GPL-2.0
/* The result store: records as JSON, write, read back, torn tail, resume. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "store/record.h"
#include "sb_result.h"
#include "store/store.h"
#include "store/noise.h"
#include "store/summary.h"
#include "matrix/topology.h"

static char err[512];

/* An ok record as a backend prints it: 2 threads, some latencies. */
static char *ok_text(const struct sb_point *p)
{
	struct sb_result *r = calloc(1, sizeof(*r));
	struct sb_config cfg;
	char *buf;
	int len, i;

	sb_config_default(&cfg, SB_SIDE_USER);
	assert_int_equal(sb_config_parse(&cfg, p->config, strlen(p->config),
					 SB_SIDE_USER, err, sizeof(err)), 0);
	sb_result_init(r, &cfg, "user");
	r->threads = 2;
	r->elapsed_ns = 1000000000;
	r->thread[0].ops = r->thread[0].lookups = 300;
	r->thread[1].ops = r->thread[1].lookups = 100;
	for (i = 1; i <= 100; i++)
		sb_hist_record(&r->hist[SB_H_LOOKUP], (sb_u64)i * 10);
	sb_result_finish(r);
	len = sb_result_print(r, SB_SIDE_USER, NULL, 0);
	buf = malloc((size_t)len + 1);
	sb_result_print(r, SB_SIDE_USER, buf, (size_t)len + 1);
	free(r);
	return buf;
}

static struct sb_point *points(int *n)
{
	hwloc_topology_t t, topo[SB_NR_BACKENDS];
	struct sb_matrix m;
	struct sb_point *pts;

	assert_int_equal(sb_topo_load(&t, NULL, "pack:1 core:2 pu:1", err,
				      sizeof(err)), 0);
	topo[0] = topo[1] = topo[2] = t;
	sb_matrix_default(&m);
	assert_int_equal(sb_matrix_set(&m, "threads", "1,2", err,
				       sizeof(err)), 0);
	assert_int_equal(sb_matrix_expand(&m, topo, &pts, n, NULL, err,
					  sizeof(err)), 0);
	hwloc_topology_destroy(t);
	return pts;
}

static json_t *rec(const struct sb_point *p, int repeat, int ok)
{
	char *text = ok ? ok_text(p) : sb_record_failed_text(p, "timeout, 5 s");
	json_t *o = sb_record_json(text, strlen(text), err, sizeof(err));

	if (!o)
		fail_msg("%s", err);
	free(text);
	sb_record_add_driver_keys(o, p, repeat, 0);
	return o;
}

static void record_types(void **state)
{
	struct sb_point *pts;
	json_t *o;
	int n;

	(void)state;
	pts = points(&n);
	o = rec(&pts[1], 0, 1);
	/* "cpus=1" is a CPU list, not a number. */
	assert_true(json_is_string(json_object_get(o, "cpus")));
	assert_true(json_is_integer(json_object_get(o, "ops")));
	assert_int_equal(json_integer_value(json_object_get(o, "ops")), 400);
	assert_true(json_is_real(json_object_get(o, "fairness_jain")));
	assert_true(json_is_string(json_object_get(o, "hist.lookup")));
	assert_true(json_is_integer(json_object_get(o, "thread.1.ops")));
	assert_true(json_is_integer(json_object_get(o, "node")));
	assert_string_equal(json_string_value(json_object_get(o, "point")),
			    "user/spin/t2/compact/u10/l64/cs0/th0");
	assert_int_equal(json_integer_value(json_object_get(
		json_object_get(o, "matrix"), "threads")), 2);
	assert_true(json_is_false(json_object_get(o, "emulated")));
	json_decref(o);
	o = rec(&pts[0], 0, 0);
	assert_string_equal(json_string_value(json_object_get(o, "status")),
			    "failed");
	assert_string_equal(json_string_value(json_object_get(o, "reason")),
			    "timeout, 5 s");
	json_decref(o);
	assert_null(sb_record_json("garbage\n", 8, err, sizeof(err)));
	/*
	 * A failed record's reason from elsewhere (a runner's stderr) is
	 * made one line without control bytes: the record it makes is one
	 * a reader takes.
	 */
	{
		char *t = sb_record_failed_text(&pts[0], "a\tb\x1b[31mc\nd\r");

		o = sb_record_json(t, strlen(t), err, sizeof(err));
		free(t);
		if (!o)
			fail_msg("%s", err);
		assert_string_equal(json_string_value(json_object_get(o,
				    "reason")), "a b [31mc d");
		sb_record_add_driver_keys(o, &pts[0], 0, 0);
		assert_int_equal(sb_record_check(o, err, sizeof(err)), 0);
		json_decref(o);
	}
	/* a backend's record out of range is no record (issue 21 item 6) */
	{
		char *t = ok_text(&pts[0]), *b;
		size_t n = strlen(t) + 32;

		b = malloc(n);
		snprintf(b, n, "%slookup_p99_ns=-5\n", t);
		assert_null(sb_record_json(b, strlen(b), err, sizeof(err)));
		assert_non_null(strstr(err, "lookup_p99_ns"));
		free(b);
		free(t);
	}
	free(pts);
}

static long file_size(const char *dir, const char *name)
{
	char p[512];
	FILE *f;
	long n;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fclose(f);
	return n;
}

static int csv_lines(const char *dir)
{
	char p[512], line[8192];
	int n = 0;
	FILE *f;

	snprintf(p, sizeof(p), "%s/points.csv", dir);
	f = fopen(p, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		n++;
	fclose(f);
	return n;
}

static void write_read_resume(void **state)
{
	char dir[] = "/tmp/sbstoreXXXXXX", sub[64], p[128];
	struct sb_store st;
	struct sb_point *pts;
	json_t *all, *o, *meta;
	FILE *f;
	int n;

	(void)state;
	pts = points(&n);
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/results/run1", dir);
	assert_int_equal(sb_store_exists(sub), 0);
	assert_int_equal(sb_store_open(&st, sub, 0, err, sizeof(err)), 0);
	meta = json_pack("{s:i}", "schema", 1);
	assert_int_equal(sb_store_write_json(sub, "meta.json", meta, err,
					     sizeof(err)), 0);
	json_decref(meta);
	o = rec(&pts[0], 0, 1);
	assert_int_equal(sb_store_append(&st, o, err, sizeof(err)), 0);
	json_decref(o);
	o = rec(&pts[1], 0, 0);
	assert_int_equal(sb_store_append(&st, o, err, sizeof(err)), 0);
	json_decref(o);
	sb_store_close(&st);
	assert_int_equal(csv_lines(sub), 3);

	all = sb_store_load_points(sub, err, sizeof(err));
	assert_int_equal(json_array_size(all), 2);
	assert_true(sb_store_has(all, pts[0].id, 0, 0));
	assert_true(sb_store_has(all, pts[1].id, 0, 0));
	assert_false(sb_store_has(all, pts[1].id, 1, 0));
	/* ok_only (--retry-failed): the failed record does not count */
	assert_true(sb_store_has(all, pts[0].id, 0, 1));
	assert_false(sb_store_has(all, pts[1].id, 0, 1));
	json_decref(all);
	meta = sb_store_load_meta(sub, err, sizeof(err));
	assert_int_equal(json_integer_value(json_object_get(meta, "schema")),
			 1);
	json_decref(meta);

	/* Another run into the same directory: refused, nothing touched. */
	assert_true(sb_store_exists(sub));
	assert_int_equal(sb_store_open(&st, sub, 0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "--resume"));

	/* Two writers on one store: the second is refused. */
	{
		struct sb_store st2;

		assert_int_equal(sb_store_open(&st, sub, 1, err, sizeof(err)),
				 0);
		assert_int_equal(sb_store_open(&st2, sub, 1, err,
					       sizeof(err)), -1);
		assert_non_null(strstr(err, "in use by another syncbench run"));
		sb_store_close(&st);
	}

	/* A kill mid-write leaves a torn line: never read, cut on resume. */
	snprintf(p, sizeof(p), "%s/points.jsonl", sub);
	f = fopen(p, "a");
	fputs("{\"point\":\"user/spin/t1", f);
	fclose(f);
	all = sb_store_load_points(sub, err, sizeof(err));
	assert_int_equal(json_array_size(all), 2);
	json_decref(all);
	assert_int_equal(sb_store_open(&st, sub, 1, err, sizeof(err)), 0);
	o = rec(&pts[1], 1, 1);
	assert_int_equal(sb_store_append(&st, o, err, sizeof(err)), 0);
	json_decref(o);
	sb_store_close(&st);
	all = sb_store_load_points(sub, err, sizeof(err));
	assert_int_equal(json_array_size(all), 3);
	assert_true(sb_store_has(all, pts[1].id, 1, 0));
	json_decref(all);

	/*
	 * --retry-failed: an ok record of the failed repeat is appended; the
	 * failed one stays, superseded, and the summary counts no failure.
	 */
	assert_int_equal(sb_store_open(&st, sub, 1, err, sizeof(err)), 0);
	o = rec(&pts[1], 0, 1);
	assert_int_equal(sb_store_append(&st, o, err, sizeof(err)), 0);
	json_decref(o);
	sb_store_close(&st);
	all = sb_store_load_points(sub, err, sizeof(err));
	assert_int_equal(json_array_size(all), 4);
	assert_true(sb_store_has(all, pts[1].id, 0, 1));
	{
		size_t sup = 0;
		json_t *cur = sb_store_current(all, &sup);

		/* The failed record (line 2) is left out, the new one kept. */
		assert_int_equal(sup, 1);
		assert_int_equal(json_array_size(cur), 3);
		assert_ptr_equal(json_array_get(cur, 1), json_array_get(all, 2));
		assert_ptr_equal(json_array_get(cur, 2), json_array_get(all, 3));
		json_decref(cur);
	}
	{
		json_t *sum = sb_summary_build(all), *q;
		size_t k;

		json_array_foreach(json_object_get(sum, "points"), k, q)
			assert_int_equal(json_integer_value(
					 json_object_get(q, "failed")), 0);
		json_decref(sum);
	}
	json_decref(all);
	assert_int_equal(csv_lines(sub), 5);
	assert_true(file_size(sub, "points.jsonl") > 0);

	/* A complete line that is not a record is an error, not skipped. */
	f = fopen(p, "a");
	fputs("not json\n", f);
	fclose(f);
	assert_null(sb_store_load_points(sub, err, sizeof(err)));
	assert_non_null(strstr(err, ":5:"));
	snprintf(p, sizeof(p), "rm -rf '%s'", dir);
	assert_int_equal(system(p), 0);
	free(pts);
}

/* A directory with other files and no run is not made a store. */
static void foreign_dir(void **state)
{
	char dir[] = "/tmp/sbstore.XXXXXX", p[600];
	struct sb_store st;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* What a run leaves before its first record is not foreign. */
	snprintf(p, sizeof(p), "%s/.lock", dir);
	f = fopen(p, "w");
	fclose(f);
	snprintf(p, sizeof(p), "%s/vm-console.2.log", dir);
	f = fopen(p, "w");
	fclose(f);
	snprintf(p, sizeof(p), "%s/vm-console.log", dir);
	f = fopen(p, "w");
	fclose(f);
	assert_int_equal(sb_store_open(&st, dir, 0, err, sizeof(err)), 0);
	sb_store_close(&st);
	snprintf(p, sizeof(p), "%s/README", dir);
	f = fopen(p, "w");
	fclose(f);
	assert_int_equal(sb_store_open(&st, dir, 0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "is not empty (README)"));
	assert_int_equal(sb_store_open(&st, dir, 1, err, sizeof(err)), -1);
	snprintf(p, sizeof(p), "rm -rf '%s'", dir);
	assert_int_equal(system(p), 0);
}

/*
 * The record that stands for each point x repeat: the newest ok one,
 * else the newest failed one; a summary counts each repeat once.
 */
static void current_records(void **state)
{
	json_t *all = json_array(), *cur, *sum, *q;
	struct sb_point *pts;
	size_t sup = 9;
	int n, i;

	(void)state;
	pts = points(&n);
	/* 0: p0 r0 failed twice, then ok, then ok again (newest wins) */
	json_array_append_new(all, rec(&pts[0], 0, 0));
	json_array_append_new(all, rec(&pts[0], 0, 0));
	json_array_append_new(all, rec(&pts[0], 0, 1));
	json_array_append_new(all, rec(&pts[0], 0, 1));
	/* 4: p0 r1 ok, then a failure after it (ok still wins) */
	json_array_append_new(all, rec(&pts[0], 1, 1));
	json_array_append_new(all, rec(&pts[0], 1, 0));
	/* 6: p1 r0 failed twice: one failed repeat */
	json_array_append_new(all, rec(&pts[1], 0, 0));
	json_array_append_new(all, rec(&pts[1], 0, 0));
	/* 8: no repeat: kept as it is */
	json_array_append_new(all, json_pack("{s:s}", "status", "ok"));
	for (i = 0; i < 4; i++)
		json_object_set_new(json_array_get(all, (size_t)i),
				    "ops_per_sec", json_integer(100 * (i + 1)));
	json_object_set_new(json_array_get(all, 4), "ops_per_sec",
			    json_integer(400));
	cur = sb_store_current(all, &sup);
	assert_int_equal(sup, 5);
	assert_int_equal(json_array_size(cur), 4);
	assert_ptr_equal(json_array_get(cur, 0), json_array_get(all, 3));
	assert_ptr_equal(json_array_get(cur, 1), json_array_get(all, 4));
	assert_ptr_equal(json_array_get(cur, 2), json_array_get(all, 7));
	assert_ptr_equal(json_array_get(cur, 3), json_array_get(all, 8));
	json_decref(cur);
	sum = sb_summary_build(all);
	q = json_array_get(json_object_get(sum, "points"), 0);
	assert_int_equal(json_integer_value(json_object_get(q, "n")), 2);
	assert_int_equal(json_integer_value(json_object_get(q, "failed")), 0);
	/* Only the newest ok record of repeat 0 (400) is measured. */
	assert_true(json_real_value(json_object_get(json_object_get(q,
			"ops_per_sec"), "min")) == 400);
	q = json_array_get(json_object_get(sum, "points"), 1);
	assert_int_equal(json_integer_value(json_object_get(q, "n")), 0);
	assert_int_equal(json_integer_value(json_object_get(q, "failed")), 1);
	json_decref(sum);
	json_decref(all);
	free(pts);
}

static void csv_quoting(void **state)
{
	json_t *o = json_pack("{s:s,s:i,s:s}", "point", "a/b", "repeat", 2,
			      "reason", "x, \"y\"");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	sb_csv_row(f, o);
	fclose(f);
	assert_int_equal(strncmp(buf, "a/b,2,", 6), 0);
	assert_non_null(strstr(buf, ",\"x, \"\"y\"\"\","));
	free(buf);
	json_decref(o);
}

/*
 * first_violation_ns is summarised over every repeat, one that saw none (0)
 * censored (later than its run: not dropped, issue 21), and violated_runs
 * counts those that saw one. Here 2 of 3 did: the median is measured.
 */
static void summary_first_violation(void **state)
{
	static const long long first[] = { 0, 5000, 7000 };
	json_t *all = json_array(), *sum, *p0, *x;
	struct sb_point *pts;
	size_t i;
	int n;

	(void)state;
	pts = points(&n);
	for (i = 0; i < 3; i++) {
		json_t *o = rec(&pts[0], (int)i, 1);

		json_object_set_new(o, "first_violation_ns",
				    json_integer(first[i]));
		json_array_append_new(all, o);
	}
	sum = sb_summary_build(all);
	p0 = json_array_get(json_object_get(sum, "points"), 0);
	assert_int_equal(json_integer_value(json_object_get(p0,
		"violated_runs")), 2);
	x = json_object_get(p0, "first_violation_ns");
	assert_true(json_real_value(json_object_get(x, "median")) == 7000);
	assert_false(json_is_true(json_object_get(x, "median_censored")));
	assert_int_equal(json_integer_value(json_object_get(x, "censored")),
			 1);
	assert_true(json_real_value(json_object_get(x, "min")) == 5000);
	json_decref(sum);
	json_decref(all);
	free(pts);
}

/*
 * A race run stopped early on its full quarantine (status=stopped, issue
 * 21 item 7) is a measurement: the store's check takes it, it stands for
 * its repeat against a later failure, and the summary counts it and its
 * violations like an ok run's, never as failed.
 */
static void stopped_is_measured(void **state)
{
	json_t *all = json_array(), *sum, *p0, *cur, *o;
	struct sb_point *pts;
	char why[256];
	int n;

	(void)state;
	pts = points(&n);
	o = rec(&pts[0], 0, 1);
	json_object_set_new(o, "first_violation_ns", json_integer(5000));
	json_array_append_new(all, o);
	o = rec(&pts[0], 1, 1);
	json_object_set_new(o, "status", json_string("stopped"));
	json_object_set_new(o, "reason", json_string(
		"the quarantine filled after 80 ms, 4096 entries: the run stopped there"));
	json_object_set_new(o, "first_violation_ns", json_integer(7000));
	if (sb_record_check(o, why, sizeof(why)))
		fail_msg("a stopped record refused: %s", why);
	assert_true(sb_store_rec_ok(o));
	json_array_append_new(all, o);
	/* a failure of the same repeat after it: the measurement stands */
	json_array_append_new(all, rec(&pts[0], 1, 0));
	json_array_append_new(all, rec(&pts[0], 2, 0));
	cur = sb_store_current(all, NULL);
	assert_int_equal(json_array_size(cur), 3);
	assert_ptr_equal(json_array_get(cur, 1), json_array_get(all, 1));
	json_decref(cur);
	sum = sb_summary_build(all);
	p0 = json_array_get(json_object_get(sum, "points"), 0);
	assert_int_equal(json_integer_value(json_object_get(p0, "n")), 2);
	assert_int_equal(json_integer_value(json_object_get(p0, "failed")), 1);
	assert_int_equal(json_integer_value(json_object_get(p0,
		"violated_runs")), 2);
	json_decref(sum);
	json_decref(all);
	free(pts);
}

static void summary_over_repeats(void **state)
{
	static const long long ops[] = { 300, 100, 200 };
	json_t *all = json_array(), *sum, *p0, *x;
	struct sb_point *pts;
	size_t i;
	int n;

	(void)state;
	pts = points(&n);
	for (i = 0; i < 3; i++) {
		json_t *o = rec(&pts[0], (int)i, 1);

		json_object_set_new(o, "ops_per_sec", json_integer(ops[i]));
		json_array_append_new(all, o);
	}
	/* A failed repeat is counted, never averaged in. */
	json_array_append_new(all, rec(&pts[0], 3, 0));
	json_array_append_new(all, rec(&pts[1], 0, 0));
	sum = sb_summary_build(all);
	assert_int_equal(json_array_size(json_object_get(sum, "points")), 2);
	p0 = json_array_get(json_object_get(sum, "points"), 0);
	assert_string_equal(json_string_value(json_object_get(p0, "point")),
			    pts[0].id);
	assert_int_equal(json_integer_value(json_object_get(p0, "n")), 3);
	assert_int_equal(json_integer_value(json_object_get(p0, "failed")), 1);
	x = json_object_get(p0, "ops_per_sec");
	assert_true(json_real_value(json_object_get(x, "median")) == 200);
	assert_true(json_real_value(json_object_get(x, "min")) == 100);
	assert_true(json_real_value(json_object_get(x, "max")) == 300);
	/*
	 * Geometric mean's interval (stats.h): logs of 100, 200, 300 have
	 * mean 5.2024 and sd 0.5556; t(2) = 4.303: exp(5.2024 -+ 1.3802).
	 */
	assert_true(json_real_value(json_object_get(x, "ci95_lo")) > 45.6 &&
		    json_real_value(json_object_get(x, "ci95_lo")) < 45.8);
	assert_true(json_real_value(json_object_get(x, "ci95_hi")) > 722.0 &&
		    json_real_value(json_object_get(x, "ci95_hi")) < 723.0);
	/*
	 * Every percentile is summarised too; first_violation_ns is null
	 * where no repeat saw a violation (0 is "none within the run", not
	 * a time: a censored repeat, see summary_first_violation), and no
	 * violated run.
	 */
	for (i = 0; sb_summary_metrics[i]; i++) {
		if (!strcmp(sb_summary_metrics[i], "first_violation_ns")) {
			assert_true(json_is_null(json_object_get(p0,
				sb_summary_metrics[i])));
			continue;
		}
		assert_non_null(json_object_get(json_object_get(p0,
			sb_summary_metrics[i]), "ci95_hi"));
	}
	assert_int_equal(json_integer_value(json_object_get(p0,
		"violated_runs")), 0);
	x = json_array_get(json_object_get(sum, "points"), 1);
	assert_int_equal(json_integer_value(json_object_get(x, "n")), 0);
	/* Only failed repeats: nothing measured, null, not a median of 0. */
	for (i = 0; sb_summary_metrics[i]; i++)
		assert_true(json_is_null(json_object_get(x,
			sb_summary_metrics[i])));
	json_decref(sum);
	json_decref(all);
	free(pts);
}

/* The noise rules of store/noise.h, each at and past its threshold. */
static void noise_flags(void **state)
{
	static const double quiet[] = { 100, 102, 101, 99 };
	static const double wide[] = { 100, 130, 70, 115 };
	static const double two[] = { 100, 101, 150 };
	struct sb_noise_rec r = { .threads = 2, .imbalance = 1.5,
				  .ctxsw_per_s = 40, .involuntary_ctxsw = 8,
				  .ctxsw_known = 1 };
	char words[128];
	double cv;

	(void)state;
	assert_int_equal(sb_noise_rec_flags(&r), 0);
	r.ctxsw_per_s = 120;
	assert_int_equal(sb_noise_rec_flags(&r), SB_NOISE_PREEMPTED);
	r.ctxsw_known = 0;	/* a kernel record: not counted */
	assert_int_equal(sb_noise_rec_flags(&r), 0);
	r.ctxsw_known = 1;
	r.involuntary_ctxsw = 4;	/* a rate from a handful is no rate */
	assert_int_equal(sb_noise_rec_flags(&r), 0);
	r.imbalance = 5;
	assert_int_equal(sb_noise_rec_flags(&r), SB_NOISE_IMBALANCED);
	r.roles = 1;	/* updaters=K: readers and updaters differ by design */
	assert_int_equal(sb_noise_rec_flags(&r), 0);
	r.jain_readers = 0.95;
	r.jain_updaters = 0.7;
	assert_int_equal(sb_noise_rec_flags(&r), SB_NOISE_IMBALANCED);
	r.roles = 0;
	r.threads = 1;
	assert_int_equal(sb_noise_rec_flags(&r), 0);

	assert_int_equal(sb_noise_repeat_flags(quiet, 4, &cv), 0);
	assert_true(cv < 0.02);
	assert_int_equal(sb_noise_repeat_flags(wide, 4, &cv), SB_NOISE_SPREAD);
	assert_int_equal(sb_noise_repeat_flags(two, 3, &cv),
			 SB_NOISE_SPREAD | SB_NOISE_BIMODAL);
	assert_int_equal(sb_noise_repeat_flags(quiet, 2, &cv), SB_NOISE_FEW);
	assert_int_equal(sb_noise_repeat_flags(quiet, 1, &cv), SB_NOISE_FEW);
	sb_noise_words(SB_NOISE_PREEMPTED | SB_NOISE_FEW, words, sizeof(words));
	assert_string_equal(words, "preempted,too few repeats");
	sb_noise_words(0, words, sizeof(words));
	assert_string_equal(words, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(record_types),
		cmocka_unit_test(write_read_resume),
		cmocka_unit_test(foreign_dir),
		cmocka_unit_test(current_records),
		cmocka_unit_test(csv_quoting),
		cmocka_unit_test(summary_over_repeats),
		cmocka_unit_test(summary_first_violation),
		cmocka_unit_test(stopped_is_measured),
		cmocka_unit_test(noise_flags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
