// SPDX-License-Identifier: GPL-2.0
/* Building, checking and freeing the shared list; see list.h. */
#include <linux/bitmap.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "list.h"

struct sb_entry *sb_entry_alloc(int node, gfp_t gfp)
{
	return kmalloc_node(sizeof(struct sb_entry), gfp, node);
}

int sb_list_init(struct sb_list *l, u64 len, int node)
{
	u64 i;

	INIT_LIST_HEAD(&l->head);
	l->len = len;
	l->node = node;
	l->initial_sum = 0;
	l->present = NULL;	/* delete_insert: sb_list_churn_init() */
	l->key_space = len;
	for (i = 0; i < len; i++) {
		struct sb_entry *e = sb_entry_alloc(node, GFP_KERNEL);

		if (!e) {
			sb_list_free(l);
			return -ENOMEM;
		}
		e->key = i;
		e->value = i;
		e->check = sb_check_of(i, i);
		list_add_tail(&e->node, &l->head);
		l->initial_sum += i;
		/* A million entries take a while: let others run. */
		if (!(i & 1023))
			cond_resched();
	}
	return 0;
}

int sb_list_churn_init(struct sb_list *l, u64 key_space)
{
	l->key_space = key_space;
	l->present = kvcalloc(BITS_TO_LONGS(key_space), sizeof(long),
			      GFP_KERNEL);
	if (!l->present)
		return -ENOMEM;
	bitmap_set(l->present, 0, l->len);
	return 0;
}

/*
 * update_op=delete_insert, under the update side's exclusion, @old found
 * for its key: link @new under a key absent from the list (searched from a
 * point the old key's hash picks, so membership wanders over key_space;
 * the old key itself when no other is absent), carrying old's value + 1
 * (so the sum invariant counts it as one update), then unlink @old. The
 * caller frees @old: after the lock, or after a grace period (@rcu: the
 * readers walk without the lock, so the _rcu link operations).
 */
void sb_list_churn(struct sb_list *l, struct sb_entry *old,
		   struct sb_entry *new, bool rcu)
{
	u64 start = ((old->key * SB_CHECK_MUL) >> 32) * l->key_space >> 32;
	u64 k;

	__clear_bit(old->key, l->present);
	k = find_next_zero_bit(l->present, l->key_space, start);
	if (k >= l->key_space)
		k = find_first_zero_bit(l->present, l->key_space);
	__set_bit(k, l->present);
	new->key = k;
	new->value = old->value + 1;
	new->check = sb_check_of(k, new->value);
	if (rcu) {
		list_add_rcu(&new->node, &l->head);
		list_del_rcu(&old->node);
	} else {
		list_add(&new->node, &l->head);
		list_del(&old->node);
	}
}

/* No readers may remain: called after the threads and rcu_barrier(). */
void sb_list_free(struct sb_list *l)
{
	struct sb_entry *e, *tmp;
	u64 n = 0;

	kvfree(l->present);
	l->present = NULL;
	list_for_each_entry_safe(e, tmp, &l->head, node) {
		list_del(&e->node);
		kfree(e);
		if (!(++n & 1023))
			cond_resched();
	}
}

/*
 * The post-run invariants, each violation counted once per unit:
 *  - the length differs from list_len: |length - list_len|;
 *  - a key is missing or seen again, or is out of range: one per key
 *    (with delete_insert: of key_space, and "missing" means on the
 *    update side's presence bitmap but not on the list, or the reverse);
 *  - an entry's check word does not match its value: one per entry;
 *  - the sum of the values differs from the initial sum plus the updates
 *    performed: |difference| (the updates lost to a race, for `none`).
 * The walk is bounded, so a corrupted (cyclic) list cannot hang us.
 */
int sb_list_check(struct sb_list *l, u64 updates_done,
		  struct sb_list_report *rep)
{
	u64 n = 0, sum = 0, bad = 0, want, k, keys;
	unsigned long *seen;
	struct sb_entry *e;

	keys = l->present ? l->key_space : l->len;
	/*
	 * 128 KiB for the longest list: not a high-order kmalloc that may fail
	 * on a fragmented machine after the whole run has been measured.
	 */
	seen = kvcalloc(BITS_TO_LONGS(keys), sizeof(*seen), GFP_KERNEL);
	if (!seen)
		return -ENOMEM;
	list_for_each_entry(e, &l->head, node) {
		if (n > l->len) {
			bad++;	/* longer than it should be: stop */
			break;
		}
		n++;
		if (e->key >= keys || test_and_set_bit(e->key, seen))
			bad++;
		if (sb_entry_verify(e))
			bad++;
		sum += e->value;
		if (!(n & 1023))
			cond_resched();
	}
	for (k = 0; k < keys; k++)
		if (l->present ? test_bit(k, seen) != test_bit(k, l->present) :
		    !test_bit(k, seen))
			bad++;
	kvfree(seen);
	bad += n > l->len ? n - l->len : l->len - n;
	want = l->initial_sum + updates_done;
	bad += sum > want ? sum - want : want - sum;
	rep->final_len = n;
	rep->violations = bad;
	return 0;
}
