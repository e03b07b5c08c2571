// SPDX-License-Identifier: GPL-2.0
/*
 * lat_sample=0 (auto): sb_lat_sample_auto() picks the smallest power of two
 * N <= 1024 with 100 x timestamp <= N x loop (user/run.h). Exact cases at
 * the boundary, where an off-by-one in the rule or the rounding shows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "run.h"

static void test_auto_boundary(void **state)
{
	(void)state;
	/* 100 x 1280 = 128 x 1000: exactly 2%, still allowed */
	assert_int_equal(sb_lat_sample_auto(1280, 1000), 128);
	/* one ps more and 128 is over 2%: the next power of two */
	assert_int_equal(sb_lat_sample_auto(1281, 1000), 256);
	/* time-stamps that cost 1% of the loop: every operation */
	assert_int_equal(sb_lat_sample_auto(10, 1000), 1);
	assert_int_equal(sb_lat_sample_auto(11, 1000), 2);
}

static void test_auto_limits(void **state)
{
	(void)state;
	/* this machine's figures: 18.4 ns a time-stamp, 2.08 ns a loop */
	assert_int_equal(sb_lat_sample_auto(18412, 2081), 1024);
	/* no power of two is enough: the ceiling, never more */
	assert_int_equal(sb_lat_sample_auto(1000000, 1000), SB_LAT_SAMPLE_MAX);
	/* a loop that could not be measured: the ceiling */
	assert_int_equal(sb_lat_sample_auto(18000, 0), SB_LAT_SAMPLE_MAX);
	/* a slow loop (a sanitizer build): fewer untimed operations */
	assert_int_equal(sb_lat_sample_auto(18000, 60000), 32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_auto_boundary),
		cmocka_unit_test(test_auto_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
