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
	l->quarantine = NULL;
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
		refcount_set(&e->ref, 1);
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
	refcount_set(&new->ref, 1);
	if (rcu) {
		list_add_rcu(&new->node, &l->head);
		list_del_rcu(&old->node);
	} else {
		list_add(&new->node, &l->head);
		list_del(&old->node);
	}
}

int sb_list_quarantine_init(struct sb_list *l, u64 cap)
{
	struct sb_entry *e;

	l->quarantine = kvmalloc_array(cap, sizeof(*l->quarantine),
				       GFP_KERNEL);
	if (!l->quarantine)
		return -ENOMEM;
	l->quarantine_cap = cap;
	atomic_long_set(&l->nr_quarantine, 0);
	list_for_each_entry(e, &l->head, node)
		sb_list_quarantine_add(l, e);
	return 0;
}

bool sb_list_quarantine_add(struct sb_list *l, struct sb_entry *e)
{
	long i = atomic_long_inc_return(&l->nr_quarantine) - 1;

	if (i >= l->quarantine_cap) {
		atomic_long_dec(&l->nr_quarantine);
		return false;
	}
	l->quarantine[i] = e;
	return true;
}

/*
 * The same churn with nothing held (a broken primitive): two of these at
 * once lose links, leave an unlinked entry reachable or the bitmap wrong,
 * which the list check counts. Memory-safe all the same: every entry stays
 * allocated until the run ends (the quarantine), a walk is bounded, the
 * links are written without list debugging's poison or checks, and a key
 * is never outside the bitmap.
 */
void sb_list_churn_racy(struct sb_list *l, struct sb_entry *old,
			struct sb_entry *new)
{
	u64 start = ((old->key * SB_CHECK_MUL) >> 32) * l->key_space >> 32;
	struct list_head *prev, *next;
	u64 k, oldkey = READ_ONCE(old->key);

	if (oldkey < l->key_space)
		clear_bit(oldkey, l->present);
	k = find_next_zero_bit(l->present, l->key_space, start);
	if (k >= l->key_space)
		k = find_first_zero_bit(l->present, l->key_space);
	if (k >= l->key_space)	/* another thread took every free key */
		k = oldkey < l->key_space ? oldkey : 0;
	set_bit(k, l->present);
	new->key = k;
	new->value = READ_ONCE(old->value) + 1;
	new->check = sb_check_of(k, new->value);
	refcount_set(&new->ref, 1);
	next = READ_ONCE(l->head.next);
	new->node.next = next;
	new->node.prev = &l->head;
	WRITE_ONCE(next->prev, &new->node);
	WRITE_ONCE(l->head.next, &new->node);
	prev = READ_ONCE(old->node.prev);
	next = READ_ONCE(old->node.next);
	WRITE_ONCE(next->prev, prev);
	WRITE_ONCE(prev->next, next);
}

/* Free every entry of the quarantine: the list's links are not trusted. */
static void sb_list_quarantine_free(struct sb_list *l)
{
	long i, n = min_t(long, atomic_long_read(&l->nr_quarantine),
			  l->quarantine_cap);

	for (i = 0; i < n; i++) {
		kfree(l->quarantine[i]);
		if (!(i & 1023))
			cond_resched();
	}
	kvfree(l->quarantine);
	l->quarantine = NULL;
	INIT_LIST_HEAD(&l->head);
}

/* No readers may remain: called after the threads and rcu_barrier(). */
void sb_list_free(struct sb_list *l)
{
	struct sb_entry *e, *tmp;
	u64 n = 0;

	kvfree(l->present);
	l->present = NULL;
	if (l->quarantine) {
		sb_list_quarantine_free(l);
		return;
	}
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
	rep->lost_updates = want > sum ? want - sum : 0;
	rep->final_len = n;
	rep->violations = bad;
	return 0;
}
