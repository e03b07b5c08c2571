// SPDX-License-Identifier: GPL-2.0
/*
 * The operation sequence both sides draw (common/sb_op.h), against a
 * reference written out here from the definitions (wyrand, splitmix64,
 * FNV-1a): the thread seeds, the update threshold of update_pct and of
 * roles, the key and kind of a draw, and op_digest: only the first
 * SB_OP_DIGEST_OPS operations enter it, a thread cut short is completed
 * from its state, and the run's value folds the threads in order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "sb_op.h"

static uint64_t ref_splitmix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t ref_wyrand(uint64_t *s)
{
	unsigned __int128 m;

	*s += 0xa0761d6478bd642fULL;
	m = (unsigned __int128)*s * (*s ^ 0xe7037ed1a0b428dbULL);
	return (uint64_t)(m >> 64) ^ (uint64_t)m;
}

/* One thread's digest, from the definitions. */
static uint64_t ref_thread(uint64_t seed, unsigned int idx, uint64_t space,
			   uint64_t thresh)
{
	uint64_t s = ref_splitmix(seed + (idx + 1ULL) * 0x9e3779b97f4a7c15ULL);
	uint64_t h = 0xcbf29ce484222325ULL;

	for (unsigned int i = 0; i < 4096; i++) {
		uint64_t r = ref_wyrand(&s);
		uint64_t key = (r >> 32) * space >> 32;
		uint64_t upd = (uint32_t)r < thresh;

		h = (h ^ (key * 2 + upd)) * 0x100000001b3ULL;
	}
	return h;
}

static void test_seed(void **state)
{
	(void)state;
	assert_int_equal(sb_op_seed(1, 0, 0),
			 ref_splitmix(1 + 0x9e3779b97f4a7c15ULL));
	assert_int_equal(sb_op_seed(5, 0, 3),
			 ref_splitmix(5 + 4 * 0x9e3779b97f4a7c15ULL));
	assert_int_equal(sb_op_seed(5, SB_OP_SALT_PERTURB, 3),
			 ref_splitmix((5 ^ SB_OP_SALT_PERTURB) +
				      4 * 0x9e3779b97f4a7c15ULL));
	/* neighbouring threads and seeds start apart */
	assert_true(sb_op_seed(1, 0, 0) != sb_op_seed(1, 0, 1));
	assert_true(sb_op_seed(1, 0, 0) != sb_op_seed(2, 0, 0));
	assert_true(sb_op_seed(1, 0, 0) != sb_op_seed(1, SB_OP_SALT_PERTURB, 0));
}

static void test_rand(void **state)
{
	uint64_t a = 42, b = 42;

	(void)state;
	for (int i = 0; i < 1000; i++)
		assert_int_equal(sb_rand(&a), ref_wyrand(&b));
	assert_int_equal(sb_rand_draws(42, a), 1000);
}

static void test_thresh(void **state)
{
	struct sb_config c = { 0 };

	(void)state;
	assert_int_equal(sb_op_upd_thresh_pct(0), 0);
	assert_int_equal(sb_op_upd_thresh_pct(100000), 1ULL << 32);
	assert_int_equal(sb_op_upd_thresh_pct(50000), 1ULL << 31);
	/* update_pct=0.5: floor(2^32 x 0.005) */
	assert_int_equal(sb_op_upd_thresh_pct(500), 21474836);
	c.update_mpct = 10000;
	assert_int_equal(sb_op_upd_thresh(&c, 5), 429496729);
	/* roles: the first updaters threads always update, the rest never */
	c.update_mpct = 0;
	c.updaters = 2;
	assert_int_equal(sb_op_upd_thresh(&c, 0), 1ULL << 32);
	assert_int_equal(sb_op_upd_thresh(&c, 1), 1ULL << 32);
	assert_int_equal(sb_op_upd_thresh(&c, 2), 0);
	assert_true(sb_op_is_update(0xffffffffULL, 1ULL << 32));
	assert_false(sb_op_is_update(0, 0));
}

static void test_key(void **state)
{
	(void)state;
	assert_int_equal(sb_op_key(0, 100), 0);
	assert_int_equal(sb_op_key(~0ULL, 100), 99);
	assert_int_equal(sb_op_key(0x8000000000000000ULL, 128), 64);
}

/* Only the first SB_OP_DIGEST_OPS notes count. */
static void test_note_bounded(void **state)
{
	struct sb_op_digest a, b;
	unsigned int i;

	(void)state;
	sb_op_digest_init(&a);
	sb_op_digest_init(&b);
	for (i = 0; i < SB_OP_DIGEST_OPS; i++) {
		sb_op_note(&a, i, i & 1);
		sb_op_note(&b, i, i & 1);
	}
	for (i = 0; i < 1000; i++)
		sb_op_note(&b, 7, 1);
	assert_int_equal(a.n, SB_OP_DIGEST_OPS);
	assert_int_equal(b.n, SB_OP_DIGEST_OPS);
	assert_int_equal(a.hash, b.hash);
	/* the kind is part of it */
	sb_op_digest_init(&a);
	sb_op_digest_init(&b);
	sb_op_note(&a, 3, 0);
	sb_op_note(&b, 3, 1);
	assert_true(a.hash != b.hash);
}

/*
 * The loop's digest (draw, decode, note) over its first operations,
 * completed by sb_op_digest_finish from wherever the thread stopped, is
 * the reference's; and the run's value folds the threads in order.
 */
static void test_digest(void **state)
{
	static const unsigned int stops[] = { 0, 1, 1000, 4095, 4096, 9000 };
	struct sb_config c = { 0 };
	uint64_t want[3], acc = 0xcbf29ce484222325ULL;
	unsigned int i, k;

	(void)state;
	c.seed = 12345;
	c.list_len = 64;
	c.key_space = 1000;
	c.update_mpct = 10000;
	for (i = 0; i < 3; i++) {
		want[i] = ref_thread(c.seed, i, 1000, 429496729);
		for (k = 0; k < SB_ARRAY_SIZE(stops); k++) {
			struct sb_op_digest d;
			sb_u64 s = sb_op_seed(c.seed, 0, i);
			unsigned int n;

			sb_op_digest_init(&d);
			for (n = 0; n < stops[k]; n++) {
				sb_u64 r = sb_rand(&s);

				sb_op_note(&d, sb_op_key(r, 1000),
					   sb_op_is_update(r, 429496729));
			}
			sb_op_digest_finish(&d, s, 1000, 429496729);
			assert_int_equal(d.hash, want[i]);
		}
		acc = (acc ^ want[i]) * 0x100000001b3ULL;
	}
	assert_int_equal(sb_op_digest_expect(&c, 3), acc >> 1);
	assert_true(sb_op_digest_expect(&c, 3) < (1ULL << 63));
	/* order, count, key_space (0: list_len), seed and roles all count */
	assert_true(want[0] != want[1]);
	assert_true(sb_op_digest_expect(&c, 2) != sb_op_digest_expect(&c, 3));
	c.key_space = 0;
	assert_int_equal(sb_op_digest_expect(&c, 1),
			 ((0xcbf29ce484222325ULL ^
			   ref_thread(12345, 0, 64, 429496729)) *
			  0x100000001b3ULL) >> 1);
	c.updaters = 1;
	c.update_mpct = 0;
	assert_int_equal(sb_op_digest_expect(&c, 1),
			 ((0xcbf29ce484222325ULL ^
			   ref_thread(12345, 0, 64, 1ULL << 32)) *
			  0x100000001b3ULL) >> 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_rand),
		cmocka_unit_test(test_thresh),
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_note_bounded),
		cmocka_unit_test(test_digest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
