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
#include <cmocka.h>
#include "list.h"

#define LEN 16

static void *pool_alloc(size_t bytes, void *arg)
{
	(void)arg;
	return calloc(1, bytes);
}

static void setup(struct sb_list *l)
{
	assert_int_equal(sb_list_init(l, LEN, pool_alloc, NULL), 0);
	assert_int_equal(l->initial_sum, LEN * (LEN - 1) / 2);
}

static void teardown(struct sb_list *l)
{
	sb_list_free(l);
	free(l->pool);
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
	assert_null(sb_list_find(&l, 1000));	/* bounded too */
	l.pool[LEN - 1].node.next = &l.head;
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
	};

	return cmocka_run_group_tests_name("list", tests, NULL, NULL);
}
