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

/* No readers may remain: called after the threads and rcu_barrier(). */
void sb_list_free(struct sb_list *l)
{
	struct sb_entry *e, *tmp;
	u64 n = 0;

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
 *  - a key is missing or seen again, or is out of range: one per key;
 *  - an entry's check word does not match its value: one per entry;
 *  - the sum of the values differs from the initial sum plus the updates
 *    performed: |difference| (the updates lost to a race, for `none`).
 * The walk is bounded, so a corrupted (cyclic) list cannot hang us.
 */
int sb_list_check(struct sb_list *l, u64 updates_done,
		  struct sb_list_report *rep)
{
	unsigned long *seen;
	struct sb_entry *e;
	u64 n = 0, sum = 0, bad = 0, want, k;

	/*
	 * 128 KiB for the longest list: not a high-order kmalloc that may fail
	 * on a fragmented machine after the whole run has been measured.
	 */
	seen = kvcalloc(BITS_TO_LONGS(l->len), sizeof(*seen), GFP_KERNEL);
	if (!seen)
		return -ENOMEM;
	list_for_each_entry(e, &l->head, node) {
		if (n > l->len) {
			bad++;	/* longer than it should be: stop */
			break;
		}
		n++;
		if (e->key >= l->len || test_and_set_bit(e->key, seen))
			bad++;
		if (sb_entry_verify(e))
			bad++;
		sum += e->value;
		if (!(n & 1023))
			cond_resched();
	}
	for (k = 0; k < l->len; k++)
		if (!test_bit(k, seen))
			bad++;
	kvfree(seen);
	bad += n > l->len ? n - l->len : l->len - n;
	want = l->initial_sum + updates_done;
	bad += sum > want ? sum - want : want - sum;
	rep->final_len = n;
	rep->violations = bad;
	return 0;
}
