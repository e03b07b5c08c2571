// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the result record: totals, fairness, print/parse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sb_result.h"

static struct sb_result a, b;
static char text[256 * 1024], text2[256 * 1024];

static void fill(struct sb_result *r)
{
	struct sb_config c;
	char err[SB_ERR_LEN];
	uint64_t v;

	sb_config_default(&c, SB_SIDE_BOTH);
	assert_int_equal(sb_config_parse(&c, "prim=rcu cpus=0-2", 17,
					 SB_SIDE_BOTH, err, sizeof(err)), 0);
	sb_result_init(r, &c, "kernel");
	r->threads = 3;
	r->elapsed_ns = 2000000000ULL;
	r->thread[0] = (struct sb_thread_result){ 0, 100, 90, 10 };
	r->thread[1] = (struct sb_thread_result){ 1, 200, 150, 50 };
	r->thread[2] = (struct sb_thread_result){ 2, 300, 300, 0 };
	r->violations = 0;
	r->invariants_ok = SB_INV_OK;
	r->harness_ns = 12;
	r->rcu_peak_pending = 77;
	snprintf(r->reason, sizeof(r->reason), "%s", "");
	for (v = 1; v < 100000; v = v * 3 + 1)
		sb_hist_record(&r->hist[SB_H_LOOKUP], v);
	sb_hist_record(&r->hist[SB_H_UPDATE], 4242);
	sb_hist_record(&r->hist[SB_H_RCU_GP], 20000000);
	sb_result_finish(r);
}

static void test_finish(void **state)
{
	(void)state;
	fill(&a);
	assert_int_equal(a.ops, 600);
	assert_int_equal(a.lookups, 540);
	assert_int_equal(a.updates, 60);
	assert_int_equal(a.ops_per_sec, 300);
	assert_int_equal(a.thread_ops_min, 100);
	assert_int_equal(a.thread_ops_max, 300);
	/* Jain: 600^2 / (3 * (100^2 + 200^2 + 300^2)) = 0.857142 */
	assert_int_equal(a.fairness_jain_ppm, 857142);
}

static void test_jain_large_counts(void **state)
{
	unsigned int i;

	(void)state;
	sb_result_init(&b, NULL, "user");
	b.threads = 64;
	b.elapsed_ns = 1;
	for (i = 0; i < 64; i++)
		b.thread[i].ops = 5000000000ULL;	/* squares overflow 64 bits */
	sb_result_finish(&b);
	assert_int_equal(b.fairness_jain_ppm, 1000000);
	assert_true(b.ops_per_sec == 64ULL * 5000000000ULL * 1000000000ULL ||
		    b.ops_per_sec != 0);
	b.thread[0].ops = 0;
	sb_result_finish(&b);
	assert_true(b.fairness_jain_ppm > 984000 &&
		    b.fairness_jain_ppm < 984500); /* 63/64 = 0.984375 */
}

static void test_print_contains_contract_keys(void **state)
{
	static const char *const keys[] = {
		"prim=rcu\n", "cpus=0-2\n", "status=ok\n", "threads=3\n",
		"elapsed_ns=2000000000\n", "ops=600\n", "ops_per_sec=300\n",
		"lookups=540\n", "updates=60\n", "lookup_p50_ns=",
		"lookup_p99_ns=", "lookup_p999_ns=", "lookup_max_ns=",
		"update_p50_ns=4242\n", "update_max_ns=4242\n",
		"fairness_jain=0.857142\n", "invariants=ok\n", "violations=0\n",
		"harness_ns=12\n", "thread.0.cpu=0\n", "thread.2.ops=300\n",
		"hist.lookup=", "side=kernel\n", "result_schema=1\n",
		"rcu_gp_p50_ns=20000000\n",
	};
	unsigned int i;
	int n;

	(void)state;
	fill(&a);
	n = sb_result_print(&a, SB_SIDE_KERNEL, text, sizeof(text));
	assert_int_equal(n, (int)strlen(text));
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strstr(text, keys[i]))
			fail_msg("record lacks %s", keys[i]);
	/* the config is echoed first */
	assert_memory_equal(text, "prim=rcu\n", 9);
	/* too small a buffer: full length reported, text truncated */
	assert_int_equal(sb_result_print(&a, SB_SIDE_KERNEL, text2, 100), n);
	assert_int_equal(strlen(text2), 99);
}

static void test_round_trip(void **state)
{
	char err[SB_ERR_LEN];
	int n, i;

	(void)state;
	fill(&a);
	a.status = SB_STATUS_FAILED;
	snprintf(a.reason, sizeof(a.reason), "%s", "thread 1 did not finish");
	a.invariants_ok = 0;
	a.violations = 3;
	n = sb_result_print(&a, SB_SIDE_USER, text, sizeof(text));
	assert_int_equal(sb_result_parse(&b, text, n, err, sizeof(err)), 0);
	assert_int_equal(b.status, SB_STATUS_FAILED);
	assert_string_equal(b.reason, "thread 1 did not finish");
	assert_int_equal(b.invariants_ok, 0);
	assert_int_equal(b.fairness_jain_ppm, a.fairness_jain_ppm);
	assert_int_equal(b.thread[2].ops, 300);
	assert_int_equal(b.cfg.nr_cpus, 3);
	for (i = 0; i < SB_NR_HISTS; i++) {
		assert_int_equal(b.hist[i].count, a.hist[i].count);
		assert_int_equal(b.hist[i].min, a.hist[i].min);
		assert_int_equal(b.hist[i].max, a.hist[i].max);
		assert_int_equal(sb_hist_percentile(&b.hist[i], 990000),
				 sb_hist_percentile(&a.hist[i], 990000));
	}
	/* printing the parsed record gives the same text */
	assert_int_equal(sb_result_print(&b, SB_SIDE_USER, text2,
					 sizeof(text2)), n);
	assert_string_equal(text, text2);
}

static void test_parse_errors(void **state)
{
	char err[SB_ERR_LEN];
	static const char *const bad[] = {
		"",				/* no status */
		"prim=spin\n",			/* no status */
		"status=fine\n",		/* bad word */
		"status=ok\nops=12a\n",		/* bad number */
		"status=ok\nhist.lookup=1:2,x\n",
		"status=ok\nhist.lookup=99999:1\n", /* bucket out of range */
		"status=ok\nupdate_pct=300\n",	/* config out of range */
		"status=ok\nthread.999.ops=1\n",
		"status=ok\nresult_schema=99\n", /* newer schema */
		/* issue 21 item 6: every value in its range */
#define OKREC "status=ok\nside=user\nthreads=1\n"
		OKREC "lookup_p99_ns=-5\n",	/* a negative percentile */
		OKREC "lookup_p99_ns=1.5\n",
		OKREC "update_count=-1\n",	/* a negative count */
		OKREC "irq_lat_locked_p9999_ns=1e308\n",
		OKREC "rcu_gp_p50_ns=NaN\n",
		OKREC "fairness_jain=1.000001\n", /* a ratio above 1 */
		OKREC "fairness_jain_readers=2\n",
		OKREC "fairness_jain_updaters=-0.5\n",
		"status=ok\nside=user\nthreads=0\n", /* ok, yet no thread */
		"status=ok\nside=user\nthreads=257\n",
		"status=ok\nside=`id`\nthreads=1\n",
		"status=ok\nthreads=1\n",	/* no side */
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (sb_result_parse(&b, bad[i], strlen(bad[i]), err,
				    sizeof(err)) != -1)
			fail_msg("accepted: %s", bad[i]);
	/* the same keys in their ranges are taken */
	assert_int_equal(sb_result_parse(&b, OKREC "lookup_p99_ns=5\n"
					 "fairness_jain=1.000000\n"
					 "update_count=0\n", 84, err,
					 sizeof(err)), 0);
	/* a run that ended before the list check says so */
	sb_result_init(&a, NULL, "user");
	a.status = SB_STATUS_FAILED;
	sb_result_print(&a, SB_SIDE_USER, text, sizeof(text));
	assert_non_null(strstr(text, "invariants=unchecked\n"));
	/* unknown keys and junk lines are skipped */
	assert_int_equal(sb_result_parse(&b, "junk\nstatus=aborted\nx.y=1\n"
					 "side=user\n", 35, err, sizeof(err)),
			 0);
	assert_int_equal(b.status, SB_STATUS_ABORTED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finish),
		cmocka_unit_test(test_jain_large_counts),
		cmocka_unit_test(test_print_contains_contract_keys),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
