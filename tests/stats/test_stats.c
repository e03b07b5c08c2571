// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the repeat statistics used by run summaries and compare. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store/stats.h"

static void test_basic(void **state)
{
	const double v[] = { 5, 1, 4, 2, 3 };
	struct sb_stats s;

	(void)state;
	sb_stats_compute(v, 5, &s);
	assert_int_equal(s.n, 5);
	assert_float_equal(s.median, 3, 1e-12);
	assert_float_equal(s.min, 1, 1e-12);
	assert_float_equal(s.max, 5, 1e-12);
	assert_float_equal(s.mean, 3, 1e-12);
	assert_float_equal(s.stddev, sqrt(2.5), 1e-12);
	/* geometric: exp(mean(ln v) +- t(0.975, 4) * sd(ln v) / sqrt(5)) */
	{
		double lm = 0, lsq = 0, h;
		int i;

		for (i = 0; i < 5; i++)
			lm += log(v[i]) / 5;
		for (i = 0; i < 5; i++)
			lsq += (log(v[i]) - lm) * (log(v[i]) - lm);
		h = 2.776 * sqrt(lsq / 4) / sqrt(5);
		assert_float_equal(s.ci95_lo, exp(lm - h), 1e-9);
		assert_float_equal(s.ci95_hi, exp(lm + h), 1e-9);
		assert_true(s.ci95_lo > 0);
	}
	assert_float_equal(v[0], 5, 0);	/* input untouched */
}

/* With a negative sample: the arithmetic mean's interval. */
static void test_arithmetic_ci(void **state)
{
	const double v[] = { -2, 0, 2 };
	struct sb_stats s;

	(void)state;
	sb_stats_compute(v, 3, &s);
	/* t(0.975, 2) = 4.303, sd = 2 */
	assert_float_equal(s.ci95_hi - s.mean, 4.303 * 2 / sqrt(3), 1e-9);
	assert_float_equal(s.mean - s.ci95_lo, 4.303 * 2 / sqrt(3), 1e-9);
}

/*
 * Samples never below 0 with one at 0 (a count, a rate; an update p99 of a
 * repeat that timed none): the interval stops at 0, never below, as
 * update_p99_ns.ci95_lo = -197008 once did.
 */
static void test_ci_never_below_zero(void **state)
{
	const double v[] = { 0, 2, 4 }, w[] = { 0, 0, 0, 600000 };
	struct sb_stats s;

	(void)state;
	sb_stats_compute(v, 3, &s);
	assert_float_equal(s.ci95_hi - s.mean, 4.303 * 2 / sqrt(3), 1e-9);
	assert_float_equal(s.ci95_lo, 0, 0);
	sb_stats_compute(w, 4, &s);
	assert_float_equal(s.ci95_lo, 0, 0);
	assert_true(s.ci95_hi > s.mean);
}

/*
 * Times to the first violation where repeats that saw none are censored at
 * the run's length: 1 of 3 saw one at 48 ms in 1 s runs, so the median is
 * past 1 s, not 48 ms; 2 of 3: the median is measured.
 */
static void test_censored_median(void **state)
{
	const double v[] = { 48e6, 1e9, 1e9 }, w[] = { 48e6, 1e9, 20e6 };
	const int c1[] = { 0, 1, 1 }, c2[] = { 0, 1, 0 }, none[] = { 0, 0 };
	const double x[] = { 5, 7 }, y[] = { 48e6, 1e9 };
	const int c3[] = { 0, 1 };
	double med;

	(void)state;
	assert_int_equal(sb_stats_censored_median(v, c1, 3, &med), 1);
	assert_float_equal(med, 1e9, 0);
	assert_int_equal(sb_stats_censored_median(w, c2, 3, &med), 0);
	assert_float_equal(med, 48e6, 0);
	assert_int_equal(sb_stats_censored_median(x, none, 2, &med), 0);
	assert_float_equal(med, 6, 0);
	/* even: one of the two middle ones censored, a bound */
	assert_int_equal(sb_stats_censored_median(y, c3, 2, &med), 1);
	assert_float_equal(med, (48e6 + 1e9) / 2, 0);
}

static void test_edges(void **state)
{
	const double one[] = { 7 }, two[] = { 2, 4 };
	struct sb_stats s;

	(void)state;
	sb_stats_compute(NULL, 0, &s);
	assert_int_equal(s.n, 0);
	assert_float_equal(s.mean, 0, 0);
	sb_stats_compute(one, 1, &s);
	assert_float_equal(s.ci95_lo, 7, 0);
	assert_float_equal(s.ci95_hi, 7, 0);
	sb_stats_compute(two, 2, &s);
	assert_float_equal(s.median, 3, 1e-12);
	assert_float_equal(sb_t95(1), 12.706, 1e-9);
	assert_float_equal(sb_t95(1000), 1.96, 1e-9);
}

static void test_differ(void **state)
{
	const double base[] = { 100, 101, 99, 100, 100 };
	const double same[] = { 100, 99, 101, 100, 101 };
	const double worse[] = { 80, 81, 79, 80, 80 };
	const double noisy[] = { 60, 140, 100, 90, 110 };
	const double tiny[] = { 101, 101, 101, 101, 101 };
	struct sb_stats a, b;

	(void)state;
	sb_stats_compute(base, 5, &a);
	sb_stats_compute(same, 5, &b);
	assert_int_equal(sb_stats_differ(&a, &b, 0.02), 0);
	sb_stats_compute(worse, 5, &b);
	assert_int_equal(sb_stats_differ(&a, &b, 0.02), -1);
	assert_int_equal(sb_stats_differ(&b, &a, 0.02), 1);
	sb_stats_compute(noisy, 5, &b);
	assert_int_equal(sb_stats_differ(&a, &b, 0.02), 0);
	/* significant but below the relative floor: within noise */
	sb_stats_compute(tiny, 5, &b);
	assert_int_equal(sb_stats_differ(&a, &b, 0.02), 0);
	/* single samples: only disjoint values count */
	sb_stats_compute(base, 1, &a);
	sb_stats_compute(worse, 1, &b);
	assert_int_equal(sb_stats_differ(&a, &b, 0.02), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_arithmetic_ci),
		cmocka_unit_test(test_ci_never_below_zero),
		cmocka_unit_test(test_censored_median),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_differ),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
