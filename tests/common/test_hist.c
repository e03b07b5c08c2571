// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the log-linear histogram math (common/sb_hist.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "sb_hist.h"

static struct sb_hist h1, h2, h3;

static void test_small_values_exact(void **state)
{
	uint64_t v;

	(void)state;
	for (v = 0; v < 2 * SB_HIST_SUB; v++) {
		assert_int_equal(sb_hist_index(v), v);
		assert_int_equal(sb_hist_bucket_lo(v), v);
		assert_int_equal(sb_hist_bucket_hi(v), v);
	}
}

/* Buckets tile the value range with no gap and no overlap. */
static void test_bucket_boundaries(void **state)
{
	unsigned int i;

	(void)state;
	assert_int_equal(sb_hist_bucket_lo(0), 0);
	for (i = 1; i < SB_HIST_BUCKETS; i++) {
		uint64_t lo = sb_hist_bucket_lo(i);

		assert_true(lo == sb_hist_bucket_hi(i - 1) + 1);
		assert_int_equal(sb_hist_index(lo), i);
		assert_int_equal(sb_hist_index(sb_hist_bucket_hi(i)), i);
	}
	assert_int_equal(sb_hist_index(64), 64);
	assert_int_equal(sb_hist_index(65), 64);
	assert_int_equal(sb_hist_index(66), 65);
	assert_int_equal(sb_hist_index(UINT64_MAX), SB_HIST_BUCKETS - 1);
	assert_int_equal(sb_hist_index(1ULL << SB_HIST_MAX_BITS),
			 SB_HIST_BUCKETS - 1);
	assert_int_equal(sb_hist_index((1ULL << SB_HIST_MAX_BITS) - 1),
			 SB_HIST_BUCKETS - 1);
}

/* Documented bound: (hi - lo) / lo <= 1/32 for every bucket. */
static void test_relative_error_bound(void **state)
{
	unsigned int i;
	uint64_t v;

	(void)state;
	for (i = 2 * SB_HIST_SUB; i < SB_HIST_BUCKETS; i++) {
		uint64_t lo = sb_hist_bucket_lo(i), hi = sb_hist_bucket_hi(i);

		assert_true((hi - lo) * SB_HIST_SUB <= lo);
	}
	/* and any value maps to a bucket whose upper bound is within it */
	srand(7);
	for (i = 0; i < 100000; i++) {
		v = ((uint64_t)rand() << 20) ^ (uint64_t)rand();
		v >>= rand() % 40;
		if (v >> SB_HIST_MAX_BITS)
			continue;
		assert_true(sb_hist_bucket_hi(sb_hist_index(v)) - v <=
			    v / SB_HIST_SUB);
	}
}

static void test_percentiles(void **state)
{
	uint64_t v;

	(void)state;
	sb_hist_init(&h1);
	assert_int_equal(sb_hist_percentile(&h1, 500000), 0);
	/* 1..1000 once each */
	for (v = 1; v <= 1000; v++)
		sb_hist_record(&h1, v);
	assert_int_equal(h1.count, 1000);
	assert_int_equal(h1.min, 1);
	assert_int_equal(h1.max, 1000);
	assert_int_equal(sb_hist_mean(&h1), 500);
	/* p50 is the 500th value = 500, reported as its bucket's top */
	v = sb_hist_percentile(&h1, 500000);
	assert_true(v >= 500 && v <= 500 + 500 / 32);
	v = sb_hist_percentile(&h1, 990000);
	assert_true(v >= 990 && v <= 990 + 990 / 32);
	assert_int_equal(sb_hist_percentile(&h1, 1000000), 1000);
	assert_int_equal(sb_hist_percentile(&h1, 0), 1);
	/* small values are exact */
	sb_hist_init(&h2);
	sb_hist_record(&h2, 7);
	sb_hist_record(&h2, 9);
	sb_hist_record(&h2, 9);
	sb_hist_record(&h2, 40);
	assert_int_equal(sb_hist_percentile(&h2, 250000), 7);
	assert_int_equal(sb_hist_percentile(&h2, 500000), 9);
	assert_int_equal(sb_hist_percentile(&h2, 750000), 9);
	assert_int_equal(sb_hist_percentile(&h2, 760000), 40);
	/* a single huge value is clamped to the exact max */
	sb_hist_init(&h3);
	sb_hist_record(&h3, 123456789);
	assert_int_equal(sb_hist_percentile(&h3, 990000), 123456789);
}

static void test_merge(void **state)
{
	uint64_t v;
	unsigned int i;

	(void)state;
	sb_hist_init(&h1);
	sb_hist_init(&h2);
	sb_hist_init(&h3);
	for (v = 1; v < 5000; v += 3) {
		sb_hist_record(v % 2 ? &h1 : &h2, v * 11);
		sb_hist_record(&h3, v * 11);
	}
	sb_hist_merge(&h1, &h2);
	assert_int_equal(h1.count, h3.count);
	assert_int_equal(h1.sum, h3.sum);
	assert_int_equal(h1.min, h3.min);
	assert_int_equal(h1.max, h3.max);
	for (i = 0; i < SB_HIST_BUCKETS; i++)
		assert_int_equal(h1.buckets[i], h3.buckets[i]);
	/* merging an empty histogram changes nothing, min included */
	sb_hist_init(&h2);
	sb_hist_merge(&h1, &h2);
	assert_int_equal(h1.min, h3.min);
	sb_hist_merge(&h2, &h1);
	assert_int_equal(h2.min, h3.min);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_values_exact),
		cmocka_unit_test(test_bucket_boundaries),
		cmocka_unit_test(test_relative_error_bound),
		cmocka_unit_test(test_percentiles),
		cmocka_unit_test(test_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
