// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of what the summary and the report say on hand-made records
 * (issue 21): a repeat that saw no violation is censored, not dropped; no
 * interval of a count, rate or latency goes below 0, nor the latency the
 * lock adds; emulated points are marked in the terminal summary; links to
 * the store are paths, never a scheme.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report/points_html.h"
#include "report/race_html.h"
#include "report/report.h"
#include "store/group.h"
#include "store/summary.h"
#include "store/summary_csv.h"

/* A race record of toctou: first violation at fv ns (0: none), in 1 s. */
static json_t *race_rec(int repeat, double fv)
{
	json_t *r = json_pack("{s:s,s:s,s:s,s:i,s:i,s:i,s:i,s:s,s:f,s:s,s:s,"
			 "s:f,s:f,s:f,s:i,s:i,s:s,s:i}",
			 "backend", "user", "point", "user/toctou/t2/u20",
			 "prim", "toctou", "threads", 2, "update_pct", 20,
			 "list_len", 16, "repeat", repeat, "status", "ok",
			 "ops_per_sec", 1e6, "placement", "compact",
			 "invariants", "broken", "first_violation_ns", fv,
			 "elapsed_ns", 1e9, "violations_per_sec",
			 fv > 0 ? 3.0 : 0.0,
			 "lookup_count", 100, "update_count", 20,
			 "perturb", "off", "irq_hz", 0);

	/* the matrix values the run stored with it */
	json_object_set_new(r, "matrix", json_pack("{s:s,s:s,s:i}", "prim",
						   "toctou", "perturb", "off",
						   "threads", 2));
	return r;
}

static json_t *race_store(void)
{
	json_t *pts = json_array();

	/* 1 of 3 repeats saw a violation, at 48 ms */
	json_array_append_new(pts, race_rec(0, 48e6));
	json_array_append_new(pts, race_rec(1, 0));
	json_array_append_new(pts, race_rec(2, 0));
	return pts;
}

/* The terminal summary of sum, in a file read back: a malloc'd string. */
static char *print_summary(const json_t *sum)
{
	FILE *f = tmpfile();
	char *out = calloc(1, 1 << 16);

	assert_non_null(f);
	assert_non_null(out);
	sb_summary_print(f, sum);
	rewind(f);
	assert_true(fread(out, 1, (1 << 16) - 1, f) > 0);
	fclose(f);
	return out;
}

/*
 * Item 13: the median first violation of a point where 1 of 3 repeats saw
 * one is beyond the run (> 1 s), not the one repeat's 48 ms.
 */
static void test_first_violation_censored(void **state)
{
	json_t *pts = race_store(), *sum, *fv;
	char *out;

	(void)state;
	sum = sb_summary_build(pts);
	fv = json_object_get(json_array_get(json_object_get(sum, "points"), 0),
			     "first_violation_ns");
	assert_true(json_is_object(fv));
	assert_float_equal(json_number_value(json_object_get(fv, "median")),
			   1e9, 0);
	assert_true(json_is_true(json_object_get(fv, "median_censored")));
	assert_int_equal(json_integer_value(json_object_get(fv, "censored")),
			 2);
	out = print_summary(sum);
	assert_non_null(strstr(out, ">1000000000"));
	assert_null(strstr(out, "48000000"));
	free(out);
	/* summary.csv: the median is a bound, 2 repeats saw none */
	{
		FILE *f = tmpfile();
		char csv[8192] = "";

		assert_non_null(f);
		sb_summary_csv(f, sum);
		rewind(f);
		assert_true(fread(csv, 1, sizeof(csv) - 1, f) > 0);
		fclose(f);
		assert_non_null(strstr(csv,
			",first_violation_ns_censored,"
			"first_violation_ns_median_censored,emulated\n"));
		assert_non_null(strstr(csv, ",2,1,0\n"));
	}
	json_decref(sum);
	/* 2 of 3 saw one: a measured median */
	json_array_set_new(pts, 1, race_rec(1, 20e6));
	sum = sb_summary_build(pts);
	fv = json_object_get(json_array_get(json_object_get(sum, "points"), 0),
			     "first_violation_ns");
	assert_float_equal(json_number_value(json_object_get(fv, "median")),
			   48e6, 0);
	assert_false(json_is_true(json_object_get(fv, "median_censored")));
	json_decref(sum);
	json_decref(pts);
}

/* The readers' records and groups of pts. */
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

/* The same in the report's race section: "> 1 s", not 48 ms. */
static void test_report_race_censored(void **state)
{
	json_t *pts = race_store();
	struct sb_rrec **recs = rrecs(pts);
	struct sb_pset ps;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_int_equal(sb_pset_build(&ps, recs, json_array_size(pts)), 0);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	sb_report_race(f, &ps);
	fclose(f);
	assert_non_null(strstr(buf, "1 of 3"));
	assert_non_null(strstr(buf, "&gt; 1 s"));
	assert_null(strstr(buf, "48 ms"));
	free(buf);
	sb_pset_free(&ps);
	rrecs_free(recs, json_array_size(pts));
	json_decref(pts);
}

/* A plain record with an update p99 and interrupt lateness. */
static json_t *lat_rec(int repeat, double upd_p99, double irq, double irq_l,
		       int emulated)
{
	return json_pack("{s:s,s:s,s:s,s:i,s:i,s:i,s:i,s:s,s:f,s:s,s:s,"
			 "s:i,s:i,s:f,s:f,s:i,s:f,s:f,s:b}",
			 "backend", emulated ? "vm" : "user", "point",
			 emulated ? "vm/spin_irqsave/t2/u20" :
				    "user/spin_irqsave/t2/u20",
			 "prim", "spin_irqsave", "threads", 2,
			 "update_pct", 20, "list_len", 64, "repeat", repeat,
			 "status", "ok", "ops_per_sec", 1e6 + repeat * 1e5,
			 "placement", "compact", "invariants", "ok",
			 "lookup_count", 100, "update_count", 20,
			 "update_p99_ns", upd_p99, "lookup_p99_ns", 500.0,
			 "irq_hz", 1000, "irq_lat_p99_ns", irq,
			 "irq_lat_locked_p99_ns", irq_l, "emulated", emulated);
}

/*
 * Item 13: update_p99_ns 0, 0, 600000 over three repeats gave
 * ci95_lo = -197008 (an interval of the arithmetic mean through 0): every
 * interval of the summary stops at 0.
 */
static void test_summary_ci_not_negative(void **state)
{
	json_t *pts = json_array(), *sum, *o;
	const char *const *m;

	(void)state;
	json_array_append_new(pts, lat_rec(0, 0, 2e6, 1e6, 0));
	json_array_append_new(pts, lat_rec(1, 0, 2e6, 1e6, 0));
	json_array_append_new(pts, lat_rec(2, 600000, 2e6, 1e6, 0));
	sum = sb_summary_build(pts);
	o = json_array_get(json_object_get(sum, "points"), 0);
	for (m = sb_summary_metrics; *m; m++) {
		json_t *lo = json_object_get(json_object_get(o, *m), "ci95_lo");

		if (json_is_number(lo))
			assert_true(json_number_value(lo) >= 0);
	}
	assert_true(json_is_number(json_object_get(
		json_object_get(o, "update_p99_ns"), "ci95_lo")));
	json_decref(sum);
	json_decref(pts);
}

/*
 * Item 13: the report's "irq p99 added by the lock" is never negative
 * (held below not held is noise: 0), and item 10: the data links are
 * ./-prefixed and percent-encoded, so a store named javascript:... is a
 * path.
 */
static void test_points_table(void **state)
{
	json_t *pts = json_array();
	struct sb_rrec **recs;
	struct sb_pset ps;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	json_array_append_new(pts, lat_rec(0, 900, 9e6, 1.1e6, 0));
	json_array_append_new(pts, lat_rec(1, 900, 9e6, 1.1e6, 0));
	recs = rrecs(pts);
	assert_int_equal(sb_pset_build(&ps, recs, json_array_size(pts)), 0);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	sb_report_points(f, &ps, "javascript:alert(1)//x y\"'");
	fclose(f);
	assert_null(strstr(buf, "-7900000"));
	{
		const char *p;

		/* no cell holds a negative number ("-" alone: none) */
		for (p = strstr(buf, ">-"); p; p = strstr(p + 1, ">-"))
			assert_false(p[2] >= '0' && p[2] <= '9');
	}
	assert_null(strstr(buf, "href=\"javascript:"));
	assert_non_null(strstr(buf, "href=\"./javascript%3Aalert%281%29//x%20y"
				    "%22%27/summary.csv\""));
	/* item 19: the update p99 of 20 updates timed says n=20 */
	assert_non_null(strstr(buf, "data-key=\"update_p99_ns\" data-v=\"900\">"
				    "900 <small>(n=20)</small>"));
	assert_non_null(strstr(buf, "data-key=\"lookup_p99_ns\" data-v=\"500\">"
				    "500</td>"));
	free(buf);
	sb_pset_free(&ps);
	rrecs_free(recs, json_array_size(pts));
	json_decref(pts);
}

/* Item 22: the terminal summary marks emulated points and says why. */
static void test_summary_marks_emulated(void **state)
{
	json_t *pts = json_array(), *sum;
	char *out, *line;

	(void)state;
	json_array_append_new(pts, lat_rec(0, 900, 9e6, 1.1e6, 1));
	json_array_append_new(pts, lat_rec(0, 900, 9e6, 1.1e6, 0));
	sum = sb_summary_build(pts);
	out = print_summary(sum);
	assert_non_null(strstr(out, "QEMU TCG"));
	line = strstr(out, "\nvm/spin_irqsave");
	assert_non_null(line);
	assert_non_null(strstr(line, "EMULATED"));
	assert_true(strstr(line, "EMULATED") < strstr(line + 1, "\n"));
	line = strstr(out, "\nuser/spin_irqsave");
	assert_non_null(line);
	assert_true(!strstr(line + 1, "EMULATED") ||
		    strstr(line + 1, "EMULATED") > strstr(line + 1, "\n"));
	free(out);
	json_decref(sum);
	json_decref(pts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_violation_censored),
		cmocka_unit_test(test_report_race_censored),
		cmocka_unit_test(test_summary_ci_not_negative),
		cmocka_unit_test(test_points_table),
		cmocka_unit_test(test_summary_marks_emulated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
