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

/* With a zero or negative sample: the arithmetic mean's interval. */
static void test_arithmetic_ci(void **state)
{
	const double v[] = { 0, 2, 4 };
	struct sb_stats s;

	(void)state;
	sb_stats_compute(v, 3, &s);
	/* t(0.975, 2) = 4.303, sd = 2 */
	assert_float_equal(s.ci95_hi - s.mean, 4.303 * 2 / sqrt(3), 1e-9);
	assert_float_equal(s.mean - s.ci95_lo, 4.303 * 2 / sqrt(3), 1e-9);
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
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_differ),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
