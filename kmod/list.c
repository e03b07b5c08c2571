// SPDX-License-Identifier: GPL-2.0
/* Building, checking and freeing the shared list; see list.h. */
#include <linux/bitmap.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include "list.h"

struct sb_entry *sb_entry_alloc(int node, gfp_t gfp)
{
	return kmalloc_node(sizeof(struct sb_entry), gfp, node);
}

/* The buckets, empty, on @node; each one cache-line aligned. */
static int sb_list_buckets(struct sb_list *l, u32 nbuckets, size_t lock_size)
{
	u32 i;

	l->nbuckets = nbuckets;
	l->stride = SB_BUCKET_HDR + ALIGN(lock_size, SMP_CACHE_BYTES);
	l->buckets_mem = kvzalloc_node((size_t)nbuckets * l->stride +
				       SMP_CACHE_BYTES, SB_GFP_KV, l->node);
	if (!l->buckets_mem)
		return -ENOMEM;
	l->buckets = PTR_ALIGN(l->buckets_mem, SMP_CACHE_BYTES);
	for (i = 0; i < nbuckets; i++) {
		struct sb_bucket *b = sb_bucket_at(l, i);

		INIT_LIST_HEAD(&b->head);
		/* keys i, i + N, ... below len */
		b->len = (l->len - i + nbuckets - 1) / nbuckets;
		b->walk_max = l->len;
		b->idx = i;
		b->nbuckets = nbuckets;
	}
	return 0;
}

int sb_list_init(struct sb_list *l, u64 len, int node, u32 nbuckets,
		 size_t lock_size)
{
	u64 i;

	memset(l, 0, sizeof(*l));
	l->len = len;
	l->node = node;
	l->key_space = len;
	if (sb_list_buckets(l, nbuckets, lock_size))
		return -ENOMEM;
	for (i = 0; i < len; i++) {
		struct sb_entry *e = sb_entry_alloc(node, SB_GFP);

		if (!e) {
			sb_list_free(l);
			return -ENOMEM;
		}
		e->key = i;
		e->value = i;
		e->check = sb_check_of(i, i);
		refcount_set(&e->ref, 1);
		list_add_tail(&e->node, &sb_bucket_of(l, i)->head);
		l->initial_sum += i;
		/*
		 * A million entries take a while: let others run, and stop
		 * for a writer that was killed (the OOM killer's, say).
		 */
		if (!(i & 1023)) {
			cond_resched();
			if (fatal_signal_pending(current)) {
				sb_list_free(l);
				return -EINTR;
			}
		}
	}
	return 0;
}

int sb_list_churn_init(struct sb_list *l, u64 key_space)
{
	u32 i;

	l->key_space = key_space;
	for (i = 0; i < l->nbuckets; i++) {
		struct sb_bucket *b = sb_bucket_at(l, i);

		/* keys i, i + N, ... below key_space (>= len > i) */
		b->slots = (key_space - i + l->nbuckets - 1) / l->nbuckets;
		b->present = kvcalloc(BITS_TO_LONGS(b->slots), sizeof(long),
				      SB_GFP_KV);
		if (!b->present)
			return -ENOMEM;	/* sb_list_free() frees the others */
		bitmap_set(b->present, 0, b->len);
	}
	return 0;
}

/*
 * A free slot of @b for a fresh key, @old_slot just freed: searched from a
 * point old's key hashes to, so membership wanders over the bucket's
 * keys; old's own when no other is free (or, racing, nothing is).
 */
static u64 sb_bucket_free_slot(struct sb_bucket *b, u64 oldkey, u64 old_slot)
{
	u64 start = ((oldkey * SB_CHECK_MUL) >> 32) * b->slots >> 32;
	u64 j;

	j = find_next_zero_bit(b->present, b->slots, start);
	if (j >= b->slots)
		j = find_first_zero_bit(b->present, b->slots);
	return j < b->slots ? j : old_slot;
}

/*
 * update_op=delete_insert, under bucket @b's update-side exclusion, @old
 * found for its key: link @new under a key of the bucket absent from it
 * (see sb_bucket_free_slot()), carrying old's value + 1 (so the sum
 * invariant counts it as one update), then unlink @old. The caller frees
 * @old: after the lock, or after a grace period (@rcu: the readers walk
 * without the lock, so the _rcu link operations).
 */
void sb_list_churn(struct sb_bucket *b, struct sb_entry *old,
		   struct sb_entry *new, bool rcu)
{
	u64 slot = old->key / b->nbuckets;

	__clear_bit(slot, b->present);
	slot = sb_bucket_free_slot(b, old->key, slot);
	__set_bit(slot, b->present);
	sb_entry_fresh(new, slot * b->nbuckets + b->idx, old->value + 1);
	if (rcu) {
		list_add_rcu(&new->node, &b->head);
		list_del_rcu(&old->node);
	} else {
		list_add(&new->node, &b->head);
		list_del(&old->node);
	}
}

int sb_list_quarantine_init(struct sb_list *l, u64 cap)
{
	struct sb_entry *e;
	u32 i;

	l->quarantine = kvmalloc_array(cap, sizeof(*l->quarantine), SB_GFP_KV);
	if (!l->quarantine)
		return -ENOMEM;
	l->quarantine_cap = cap;
	atomic_long_set(&l->nr_quarantine, 0);
	for (i = 0; i < l->nbuckets; i++)
		list_for_each_entry(e, &sb_bucket_at(l, i)->head, node)
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
 * links are written without list debugging's poison or checks, and a slot
 * is never outside the bitmap.
 */
void sb_list_churn_racy(struct sb_bucket *b, struct sb_entry *old,
			struct sb_entry *new)
{
	u64 oldkey = READ_ONCE(old->key), slot = oldkey / b->nbuckets;
	struct list_head *prev, *next;

	if (slot < b->slots)
		clear_bit(slot, b->present);
	else
		slot = 0;
	slot = sb_bucket_free_slot(b, oldkey, slot);
	set_bit(slot, b->present);
	sb_entry_fresh(new, slot * b->nbuckets + b->idx,
		       READ_ONCE(old->value) + 1);
	next = READ_ONCE(b->head.next);
	new->node.next = next;
	new->node.prev = &b->head;
	WRITE_ONCE(next->prev, &new->node);
	WRITE_ONCE(b->head.next, &new->node);
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
}

/* No readers may remain: called after the threads and rcu_barrier(). */
void sb_list_free(struct sb_list *l)
{
	struct sb_entry *e, *tmp;
	u64 n = 0;
	u32 i;

	if (!l->buckets_mem)
		return;
	if (l->quarantine)
		sb_list_quarantine_free(l);
	for (i = 0; i < l->nbuckets; i++) {
		struct sb_bucket *b = sb_bucket_at(l, i);

		kvfree(b->present);
		b->present = NULL;
		if (l->quarantine_cap) {	/* freed with the quarantine */
			INIT_LIST_HEAD(&b->head);
			continue;
		}
		list_for_each_entry_safe(e, tmp, &b->head, node) {
			list_del(&e->node);
			kfree(e);
			if (!(++n & 1023))
				cond_resched();
		}
	}
	kvfree(l->buckets_mem);
	l->buckets_mem = NULL;
	l->buckets = NULL;
}

/*
 * One bucket's walk for sb_list_check(): its entries' keys marked in
 * @seen, the damage counted in @bad (a key twice, out of range or of
 * another bucket; a torn entry; a length not the bucket's), the values
 * summed. Returns the entries walked.
 */
static u64 sb_bucket_check(struct sb_bucket *b, u64 keys,
			   unsigned long *seen, u64 *sum, u64 *bad)
{
	struct sb_entry *e;
	u64 n = 0;

	list_for_each_entry(e, &b->head, node) {
		if (n > b->walk_max) {
			(*bad)++;	/* longer than the whole list: stop */
			break;
		}
		n++;
		if (e->key >= keys || test_and_set_bit(e->key, seen) ||
		    e->key % b->nbuckets != b->idx)
			(*bad)++;
		if (sb_entry_verify(e))
			(*bad)++;
		*sum += e->value;
		if (!(n & 1023))
			cond_resched();
	}
	*bad += n > b->len ? n - b->len : b->len - n;
	return n;
}

/* Whether key @k should be on the list: its bucket's presence bit. */
static bool sb_list_present(struct sb_list *l, u64 k)
{
	struct sb_bucket *b = sb_bucket_of(l, k);

	return test_bit(k / l->nbuckets, b->present);
}

/*
 * The post-run invariants, each violation counted once per unit, per
 * bucket where they are a bucket's:
 *  - a bucket's length differs from its share of list_len: |difference|;
 *  - a key is missing or seen again, out of range, or in another bucket
 *    than its own: one per key (with delete_insert: of key_space, and
 *    "missing" means on its bucket's presence bitmap but not on the list,
 *    or the reverse);
 *  - an entry's check word does not match its value: one per entry;
 *  - the sum of the values differs from the initial sum plus the updates
 *    performed: |difference| (the updates lost to a race, for `none`).
 * The walks are bounded, so a corrupted (cyclic) list cannot hang us.
 */
int sb_list_check(struct sb_list *l, u64 updates_done,
		  struct sb_list_report *rep)
{
	u64 n = 0, sum = 0, bad = 0, want, k, keys;
	bool churn = sb_bucket_at(l, 0)->present;
	unsigned long *seen;
	u32 i;

	keys = churn ? l->key_space : l->len;
	/*
	 * 2 MiB for the largest key space: not a high-order kmalloc that may
	 * fail on a fragmented machine after the whole run has been measured.
	 */
	seen = kvcalloc(BITS_TO_LONGS(keys), sizeof(*seen), SB_GFP_KV);
	if (!seen)
		return -ENOMEM;
	for (i = 0; i < l->nbuckets; i++)
		n += sb_bucket_check(sb_bucket_at(l, i), keys, seen, &sum,
				     &bad);
	for (k = 0; k < keys; k++)
		if (churn ? test_bit(k, seen) != sb_list_present(l, k) :
		    !test_bit(k, seen))
			bad++;
	kvfree(seen);
	want = l->initial_sum + updates_done;
	bad += sum > want ? sum - want : want - sum;
	rep->lost_updates = want > sum ? want - sum : 0;
	rep->final_len = n;
	rep->violations = bad;
	return 0;
}
