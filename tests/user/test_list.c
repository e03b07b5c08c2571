// SPDX-License-Identifier: GPL-2.0
/*
 * The post-run invariant checker (user/list.c) against lists damaged on
 * purpose, one kind of damage at a time: each must be counted, as
 * kmod/list.c counts it, and an intact list must pass.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "list.h"

#define LEN 16

/* as place.c's: cache-line aligned, zeroed */
static void *pool_alloc(size_t bytes, void *arg)
{
	size_t n = (bytes + SB_CACHELINE - 1) & ~(size_t)(SB_CACHELINE - 1);
	void *mem = aligned_alloc(SB_CACHELINE, n);

	(void)arg;
	if (mem)
		memset(mem, 0, n);
	return mem;
}

static void setup_buckets(struct sb_list *l, unsigned int nbuckets)
{
	assert_int_equal(sb_list_init(l, LEN, nbuckets, 8, pool_alloc, NULL),
			 0);
	assert_int_equal(l->initial_sum, LEN * (LEN - 1) / 2);
}

static void setup(struct sb_list *l)
{
	setup_buckets(l, 1);
}

static void teardown(struct sb_list *l)
{
	sb_list_free(l);
	free(l->mem);
}

static void bump(struct sb_entry *e)
{
	e->value++;
	e->check = sb_entry_check(e->key, e->value);
}

static void test_intact(void **state)
{
	struct sb_list l;
	struct sb_list_check c;

	(void)state;
	setup(&l);
	bump(&l.pool[3]);
	bump(&l.pool[3]);
	bump(&l.pool[7]);
	sb_list_check(&l, 3, &c);
	assert_int_equal(c.final_len, LEN);
	assert_int_equal(c.violations, 0);
	assert_int_equal(c.lost_updates, 0);
	teardown(&l);
}

static void test_lost_updates(void **state)
{
	struct sb_list l;
	struct sb_list_check c;

	(void)state;
	setup(&l);
	bump(&l.pool[1]);
	sb_list_check(&l, 4, &c);	/* 4 done, 1 landed */
	assert_int_equal(c.lost_updates, 3);
	assert_int_equal(c.violations, 3);
	teardown(&l);
}

static void test_torn_entry(void **state)
{
	struct sb_list l;
	struct sb_list_check c;

	(void)state;
	setup(&l);
	l.pool[5].value++;	/* value without its check */
	sb_list_check(&l, 1, &c);
	assert_int_equal(c.bad_entries, 1);
	assert_int_equal(c.violations, 1);
	teardown(&l);
}

static void test_missing_and_duplicate(void **state)
{
	struct sb_list l;
	struct sb_list_check c;

	(void)state;
	setup(&l);
	/* key 9 becomes a second 8: one duplicate, one missing */
	l.pool[9].key = 8;
	l.pool[9].value = 8;	/* keep the sum, so only the keys count */
	l.pool[9].check = sb_entry_check(8, 8);
	l.pool[8].value = 9;
	l.pool[8].check = sb_entry_check(8, 9);
	sb_list_check(&l, 0, &c);
	assert_int_equal(c.violations, 2);
	teardown(&l);
}

static void test_unlinked(void **state)
{
	struct sb_list l;
	struct sb_list_check c;

	(void)state;
	setup(&l);
	cds_list_del(&l.pool[0].node);	/* length 15, key 0 missing */
	sb_list_check(&l, 0, &c);
	assert_int_equal(c.final_len, LEN - 1);
	/* 1 for the length, 1 for the missing key; key 0's value was 0 */
	assert_int_equal(c.violations, 2);
	teardown(&l);
}

static void test_cycle_bounded(void **state)
{
	struct sb_list l;
	struct sb_list_check c;

	(void)state;
	setup(&l);
	/* the last entry points back to the third: the walk must end */
	l.pool[LEN - 1].node.next = &l.pool[2].node;
	sb_list_check(&l, 0, &c);
	assert_true(c.violations > 0);
	assert_true(c.final_len <= LEN + 1);
	assert_null(sb_list_find(sb_bucket_at(&l, 0), 1000));	/* bounded */
	l.pool[LEN - 1].node.next = &sb_bucket_at(&l, 0)->head;
	teardown(&l);
}

/* buckets=N: key k in bucket k mod N, each its share of the entries */
static void test_buckets_intact(void **state)
{
	struct sb_list l;
	struct sb_list_check c;
	struct sb_entry *e;
	unsigned int b, n;

	(void)state;
	setup_buckets(&l, 3);
	for (b = 0; b < 3; b++) {
		struct sb_bucket *bk = sb_bucket_at(&l, b);

		/* locks on a line of their own, after the header's */
		assert_int_equal((char *)sb_bucket_lock(bk) - (char *)bk,
				 SB_CACHELINE);
		assert_int_equal((uintptr_t)bk % SB_CACHELINE, 0);
		n = 0;
		cds_list_for_each_entry(e, &bk->head, node) {
			assert_int_equal(e->key % 3, b);
			assert_ptr_equal(sb_bucket_of(&l, e->key), bk);
			n++;
		}
		assert_int_equal(n, bk->len);
		assert_int_equal(n, (LEN - b + 2) / 3);	/* 6, 5, 5 */
		assert_non_null(sb_list_find(bk, b + 3));
		assert_null(sb_list_find(bk, b + 1));	/* another's key */
	}
	sb_list_check(&l, 0, &c);
	assert_int_equal(c.final_len, LEN);
	assert_int_equal(c.violations, 0);
	teardown(&l);
}

/* An entry in another bucket than its key's: counted, per bucket */
static void test_buckets_misplaced(void **state)
{
	struct sb_list l;
	struct sb_list_check c;

	(void)state;
	setup_buckets(&l, 4);
	cds_list_del(&l.pool[5].node);		/* key 5: bucket 1 */
	cds_list_add(&l.pool[5].node, &sb_bucket_at(&l, 2)->head);
	sb_list_check(&l, 0, &c);
	assert_int_equal(c.final_len, LEN);
	/* bucket 1 one short, bucket 2 one long, key 5 out of place */
	assert_int_equal(c.violations, 3);
	cds_list_del(&l.pool[5].node);
	cds_list_add(&l.pool[5].node, &sb_bucket_at(&l, 1)->head);
	teardown(&l);
}

/* delete_insert stays in its bucket: the new key has the old's residue */
static void test_buckets_churn(void **state)
{
	struct sb_list l;
	struct sb_list_check c;
	struct sb_entry fresh[8];
	unsigned int i;

	(void)state;
	setup_buckets(&l, 4);
	assert_int_equal(sb_list_churn_init(&l, 4 * LEN), 0);
	for (i = 0; i < 8; i++) {
		struct sb_entry *old = &l.pool[i];
		struct sb_bucket *b = sb_bucket_of(&l, old->key);

		sb_list_churn(b, old, &fresh[i], 0);
		assert_int_equal(fresh[i].key % 4, i % 4);
		assert_true(fresh[i].key < 4 * LEN);
		assert_ptr_equal(sb_bucket_of(&l, fresh[i].key), b);
	}
	sb_list_check(&l, 8, &c);
	assert_int_equal(c.final_len, LEN);
	assert_int_equal(c.violations, 0);
	for (i = 0; i < 8; i++)	/* not pooled: off the list before free */
		cds_list_del(&fresh[i].node);
	teardown(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intact),
		cmocka_unit_test(test_lost_updates),
		cmocka_unit_test(test_torn_entry),
		cmocka_unit_test(test_missing_and_duplicate),
		cmocka_unit_test(test_unlinked),
		cmocka_unit_test(test_cycle_bounded),
		cmocka_unit_test(test_buckets_intact),
		cmocka_unit_test(test_buckets_misplaced),
		cmocka_unit_test(test_buckets_churn),
	};

	return cmocka_run_group_tests_name("list", tests, NULL, NULL);
}
