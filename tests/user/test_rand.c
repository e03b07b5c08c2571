// SPDX-License-Identifier: GPL-2.0
/*
 * The timed loop's random draw (sb_rand in common/sb_op.h), decoded by the
 * functions both timed loops use (sb_op_key, sb_op_is_update): the key
 * from the high 32 bits, the update choice from the low 32, the
 * 1-in-lat_sample timing choice from the Weyl state. The workload is only what the config says if the keys are
 * uniform, the update share is update_pct and the two are independent;
 * and the operation count is only right if sb_rand_draws() inverts the
 * state. Fixed seeds: each check is deterministic, and a poor generator
 * (or a decoder that used the wrong bits) fails it by a wide margin.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "run.h"

#define DRAWS 1000000

static sb_u64 key_of(sb_u64 r, sb_u64 len)
{
	return sb_op_key(r, len);
}

static sb_u64 thresh(sb_u64 pct)
{
	return sb_op_upd_thresh_pct(pct * 1000);
}

/*
 * Pearson's chi-square of counts against a uniform expectation, checked
 * against both 0.1% tails: too uniform is as wrong as too lumpy (a bare
 * Weyl sequence, say, gives almost exactly equal counts).
 */
static double chi2(const sb_u64 *n, sb_u64 cells, double expect)
{
	double x = 0;

	for (sb_u64 i = 0; i < cells; i++)
		x += (n[i] - expect) * (n[i] - expect) / expect;
	return x;
}

#define assert_chi2(n, cells, expect, lo, hi) do {			\
		double x_ = chi2(n, cells, expect);			\
									\
		assert_true(x_ > (lo));					\
		assert_true(x_ < (hi));					\
	} while (0)

static void test_draws_count(void **state)
{
	sb_u64 seeds[] = { 0, 1, 0x123456789abcdefULL, ~0ULL };

	(void)state;
	for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		sb_u64 s = seeds[i], start = s;
		sb_u64 n = 12345 + 1000003 * i;

		for (sb_u64 j = 0; j < n; j++)
			(void)sb_rand(&s);
		assert_int_equal(sb_rand_draws(start, s), n);
	}
}

/*
 * Keys over 10 and over 1000 entries. Chi-square 0.1% points: 1.152 and
 * 27.88 for 9 degrees of freedom, about 866 and 1143 for 999.
 */
static void test_keys_uniform(void **state)
{
	static sb_u64 n[1000];
	sb_u64 lens[] = { 10, 1000 };
	double lo[] = { 1.152, 866 }, hi[] = { 27.88, 1143 };

	(void)state;
	for (int l = 0; l < 2; l++) {
		sb_u64 s = 42 + l;

		for (sb_u64 i = 0; i < lens[l]; i++)
			n[i] = 0;
		for (int i = 0; i < DRAWS; i++) {
			sb_u64 k = key_of(sb_rand(&s), lens[l]);

			assert_true(k < lens[l]);
			n[k]++;
		}
		assert_chi2(n, lens[l], (double)DRAWS / lens[l], lo[l],
			    hi[l]);
	}
}

/* update_pct=10: the share within 5 sigma (sigma = 300 in 10^6). */
static void test_update_share(void **state)
{
	sb_u64 s = 7, upd = 0, th = thresh(10);

	(void)state;
	for (int i = 0; i < DRAWS; i++)
		upd += sb_op_is_update(sb_rand(&s), th);
	assert_true(upd > 100000 - 1500 && upd < 100000 + 1500);
	assert_int_equal(thresh(100), 1ULL << 32);
	assert_int_equal(thresh(0), 0);
}

/* At 50% updates, the update share must not depend on the key. */
static void test_key_update_independent(void **state)
{
	static sb_u64 n[16];
	sb_u64 s = 99, th = thresh(50), upd = 0;

	(void)state;
	for (int i = 0; i < DRAWS; i++) {
		sb_u64 r = sb_rand(&s);

		if (sb_op_is_update(r, th)) {
			n[key_of(r, 16)]++;
			upd++;
		}
	}
	/* 15 degrees of freedom, 0.1% points 3.483 and 37.70 */
	assert_chi2(n, 16, (double)upd / 16, 3.483, 37.70);
}

/* Consecutive keys must not predict each other: pairs over 16 x 16. */
static void test_serial_pairs(void **state)
{
	static sb_u64 n[256];
	sb_u64 s = 2024, prev = key_of(sb_rand(&s), 16);

	(void)state;
	for (int i = 0; i < DRAWS; i++) {
		sb_u64 k = key_of(sb_rand(&s), 16);

		n[prev * 16 + k]++;
		prev = k;
	}
	/* 255 degrees of freedom, 0.1% points about 191 and 331 */
	assert_chi2(n, 256, (double)DRAWS / 256, 191, 331);
}

/*
 * The timing choice (Weyl state's top half below 2^32 / lat_sample) is a
 * low-discrepancy sequence: over 2^20 draws at lat_sample=1024, very
 * close to 1024 timed operations, not merely within sampling noise.
 */
static void test_sample_share(void **state)
{
	sb_u64 s = 5, timed = 0, th = ((1ULL << 32) + 1023) / 1024;

	(void)state;
	for (int i = 0; i < (1 << 20); i++) {
		(void)sb_rand(&s);
		timed += (s >> 32) < th;
	}
	assert_true(timed >= 1020 && timed <= 1028);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_draws_count),
		cmocka_unit_test(test_keys_uniform),
		cmocka_unit_test(test_update_share),
		cmocka_unit_test(test_key_update_independent),
		cmocka_unit_test(test_serial_pairs),
		cmocka_unit_test(test_sample_share),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
