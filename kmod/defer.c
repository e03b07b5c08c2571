// SPDX-License-Identifier: GPL-2.0
/* Copy, replace, free after a grace period: see defer.h. */
#include <linux/atomic.h>
#include <linux/slab.h>
#include "defer.h"

static atomic_long_t sb_defer_pending;
static atomic_long_t sb_defer_peak;
static atomic_long_t sb_defer_cbs;

/*
 * rcu_free=kfree_rcu: the entries given to gp->kfree whose grace period
 * has not been seen to end, as batches of one cookie each, oldest first;
 * under sb_kfree_lock (the update side has a lock per bucket, buckets=N),
 * each cookie taken under it, so the ring is in cookie order. Cookies are
 * ordered and only those of the grace period in progress and of the next
 * one can be unfinished, so a few slots hold them all; should they not,
 * the newest batch takes the newer cookie (a later end: counted pending
 * longer, never shorter).
 */
#define SB_KFREE_BATCHES 8
static struct {
	unsigned long cookie;
	long n;
} sb_kfree_ring[SB_KFREE_BATCHES];
static unsigned int sb_kfree_first, sb_kfree_len;
static DEFINE_SPINLOCK(sb_kfree_lock);
static long sb_kfree_pending;

void sb_defer_init(void)
{
	atomic_long_set(&sb_defer_pending, 0);
	atomic_long_set(&sb_defer_peak, 0);
	atomic_long_set(&sb_defer_cbs, 0);
	sb_kfree_first = 0;
	sb_kfree_len = 0;
	sb_kfree_pending = 0;
}

/* Off the list and past its grace period: poison, free, uncount. */
static void sb_defer_release(struct sb_entry *e)
{
	/* Poison: a reader still holding it would now fail its check. */
	WRITE_ONCE(e->check, 0);
	kfree(e);
	atomic_long_dec(&sb_defer_pending);
}

static void sb_defer_free_cb(struct rcu_head *head)
{
	sb_defer_release(container_of(head, struct sb_entry, rcu));
	atomic_long_inc(&sb_defer_cbs);
}

/*
 * ref=refcount: the grace period after the unlink is over, so no lookup
 * can take a new reference; drop the list's. Whoever drops the last one
 * frees the entry, here or in sb_entry_put().
 */
static void sb_defer_put_cb(struct rcu_head *head)
{
	struct sb_entry *e = container_of(head, struct sb_entry, rcu);

	if (refcount_dec_and_test(&e->ref))
		sb_defer_release(e);
	atomic_long_inc(&sb_defer_cbs);
}

/*
 * ref=refcount: a lookup's reference, or the list's on an entry a lock
 * primitive unlinked (delete_insert). Its last holder frees it: nothing
 * can find it any more (unlinked under the lock, or unlinked a grace
 * period ago for the RCU-like ones, which count it pending until now).
 */
void sb_entry_put(struct sb_run *run, struct sb_entry *e)
{
	if (!refcount_dec_and_test(&e->ref))
		return;
	if (run->caps & SB_CAP_GRACE)
		sb_defer_release(e);
	else
		kfree(e);
}

/* Bounded: each failed cmpxchg sees a larger peak, which may end it. */
static void sb_defer_note_peak(long cur)
{
	long old = atomic_long_read(&sb_defer_peak);

	while (cur > old && !atomic_long_try_cmpxchg(&sb_defer_peak, &old, cur))
		;
}

static void sb_defer_note_pending(void)
{
	sb_defer_note_peak(atomic_long_inc_return(&sb_defer_pending));
}

/*
 * rcu_free=kfree_rcu, the old entry just unlinked: retire the batches
 * whose grace period has ended (at most SB_KFREE_BATCHES), then add the
 * entry to the batch of its cookie (taken now: its grace period must
 * start after the unlink).
 */
static long sb_kfree_note(const struct sb_gp_ops *gp)
{
	long pending;

	unsigned long cookie;
	unsigned int last;

	spin_lock(&sb_kfree_lock);
	cookie = gp->gp_state();
	while (sb_kfree_len &&
	       gp->gp_poll(sb_kfree_ring[sb_kfree_first].cookie)) {
		sb_kfree_pending -= sb_kfree_ring[sb_kfree_first].n;
		sb_kfree_first = (sb_kfree_first + 1) % SB_KFREE_BATCHES;
		sb_kfree_len--;
	}
	last = (sb_kfree_first + sb_kfree_len + SB_KFREE_BATCHES - 1) %
	       SB_KFREE_BATCHES;
	if (!sb_kfree_len || (sb_kfree_ring[last].cookie != cookie &&
			      sb_kfree_len < SB_KFREE_BATCHES)) {
		last = (sb_kfree_first + sb_kfree_len) % SB_KFREE_BATCHES;
		sb_kfree_ring[last].cookie = cookie;
		sb_kfree_ring[last].n = 0;
		sb_kfree_len++;
	}
	sb_kfree_ring[last].cookie = cookie;
	sb_kfree_ring[last].n++;
	pending = ++sb_kfree_pending;
	sb_defer_note_peak(pending);
	spin_unlock(&sb_kfree_lock);
	return pending;
}

int sb_defer_lock_init(struct sb_run *run, void *lock)
{
	spin_lock_init((spinlock_t *)lock);
	return 0;
}

int sb_defer_update(struct sb_thread *t, struct sb_run *run,
		    struct sb_bucket *b, const struct sb_gp_ops *gp, u64 key)
{
	spinlock_t *lock = sb_bucket_lock(b);
	bool by_kfree = run->cfg.rcu_free == SB_RCU_KFREE;
	struct sb_entry *old, *new;
	u64 t0;

	/* sb_validate() refuses kfree_rcu without SB_CAP_KFREE. */
	if (WARN_ON_ONCE(by_kfree && !gp->kfree))
		return -EINVAL;
	/* Allocate before the lock: GFP_KERNEL may sleep. */
	new = sb_entry_alloc(run->list.node, SB_GFP);
	if (!new)
		return -ENOMEM;
	spin_lock(lock);
	old = sb_list_find(b, key);
	if (!old) {
		spin_unlock(lock);
		kfree(new);
		return -ENOENT;
	}
	sb_cs(t, run);
	if (run->churn) {
		sb_list_churn(b, old, new, true);
	} else {
		sb_entry_fresh(new, old->key, old->value + 1);
		list_replace_rcu(&old->node, &new->node);
	}
	spin_unlock(lock);
	if (by_kfree) {
		long pending = sb_kfree_note(gp);

		gp->kfree(old);
		/* bounded as call_rcu's below: the run's memory plan */
		if (pending > run->pending_cap)
			gp->sync();
		return 0;
	}

	/* Off the list, not yet freed: pending, whichever way it is freed. */
	sb_defer_note_pending();
	if (run->cfg.rcu_free == SB_RCU_SYNC) {
		t0 = sb_now();
		if (run->cfg.rcu_gp == SB_RCU_GP_EXPEDITED)
			gp->sync_expedited();
		else
			gp->sync();
		if (sb_measuring(t))
			sb_hist_record(&t->hist[SB_H_RCU_GP],
				       sb_cycles_to_ns(sb_now() - t0));
		if (run->ref)
			sb_entry_put(run, old);
		else
			sb_defer_release(old);
		return 0;
	}
	gp->call(&old->rcu, run->ref ? sb_defer_put_cb : sb_defer_free_cb);
	/*
	 * A flood of asynchronous frees could pile up memory faster than
	 * grace periods end: past the run's cap (its memory plan, run.c)
	 * the updater waits for one itself.
	 */
	if (atomic_long_read(&sb_defer_pending) > run->pending_cap)
		gp->sync();
	return 0;
}

void sb_defer_result(struct sb_result *r)
{
	r->rcu_peak_pending = atomic_long_read(&sb_defer_peak);
	r->rcu_peak_pending_bytes = r->rcu_peak_pending *
		kmalloc_size_roundup(sizeof(struct sb_entry));
	r->rcu_callbacks = atomic_long_read(&sb_defer_cbs);
}
