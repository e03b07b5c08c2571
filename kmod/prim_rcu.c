// SPDX-License-Identifier: GPL-2.0
/*
 * rcu: lookups under rcu_read_lock() only; updates copy the entry, bump the
 * copy and list_replace_rcu() it under an update-side spinlock, then free
 * the old entry after a grace period:
 *
 * - rcu_free=sync: synchronize_rcu(), or synchronize_rcu_expedited() with
 *   rcu_gp=expedited; its latency goes to the rcu_gp histogram, and the
 *   update latency includes it: that is what the updater pays.
 * - rcu_free=async: call_rcu(); our callback frees it, so we count the
 *   entries still waiting and keep the peak (rcu_callbacks: those run).
 * - rcu_free=kfree_rcu: kfree_rcu(), as drivers free an object with an
 *   rcu_head: no callback of ours, RCU batches the kfree()s itself. So
 *   nothing tells us when an entry is freed: each one's grace period is
 *   tracked instead by cookie (get_state_synchronize_rcu() once it is off
 *   the list, poll_state_synchronize_rcu() at each later kfree_rcu()), and
 *   rcu_peak_pending is the most entries whose grace period had not ended
 *   at a kfree_rcu(): a lower bound of what RCU held (the kfree() comes
 *   after the grace period, when RCU gets to the batch). rcu_callbacks and
 *   rcu_gp stay empty; kfree() is the core kernel's, so unloading needs no
 *   wait for those frees (and the list never sees the old entries again).
 *
 * rcu_peak_pending_bytes is the peak in the bytes the entries really
 * occupy (the kmalloc size class of struct sb_entry).
 */
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "prim.h"

/*
 * A flood of call_rcu()s could pile up memory faster than grace periods
 * end; past this many pending entries an updater waits for one itself.
 */
#define SB_RCU_MAX_PENDING (1L << 20)

static DEFINE_SPINLOCK(sb_rcu_update_lock);
static atomic_long_t sb_rcu_pending;
static atomic_long_t sb_rcu_peak;
static atomic_long_t sb_rcu_cbs;

/*
 * rcu_free=kfree_rcu: the entries given to kfree_rcu() whose grace period
 * has not been seen to end, as batches of one cookie each, oldest first;
 * under sb_rcu_update_lock. Cookies are ordered and only those of the
 * grace period in progress and of the next one can be unfinished, so a
 * few slots hold them all; should they not, the newest batch takes the
 * newer cookie (a later end: counted pending longer, never shorter).
 */
#define SB_KFREE_BATCHES 8
static struct {
	unsigned long cookie;
	long n;
} sb_kfree_ring[SB_KFREE_BATCHES];
static unsigned int sb_kfree_first, sb_kfree_len;
static long sb_kfree_pending;

static int sb_rcu_check(const struct sb_config *cfg, char *err,
			size_t errlen)
{
	if (cfg->rcu_gp == SB_RCU_GP_EXPEDITED &&
	    cfg->rcu_free != SB_RCU_SYNC) {
		sb_snprintf(err, errlen,
			    "prim rcu: rcu_gp=expedited needs rcu_free=sync (synchronize_rcu_expedited); call_rcu and kfree_rcu have no expedited form");
		return -1;
	}
	return 0;
}

static int sb_rcu_init(struct sb_run *run)
{
	atomic_long_set(&sb_rcu_pending, 0);
	atomic_long_set(&sb_rcu_peak, 0);
	atomic_long_set(&sb_rcu_cbs, 0);
	sb_kfree_first = 0;
	sb_kfree_len = 0;
	sb_kfree_pending = 0;
	return 0;
}

/* Every callback must have run before the list, or the module, goes. */
static void sb_rcu_exit(struct sb_run *run)
{
	rcu_barrier();
}

static __always_inline int sb_rcu_lookup(struct sb_thread *t,
					 struct sb_run *run, u64 key)
{
	struct sb_entry *e;
	int ret = -ENOENT;

	rcu_read_lock();
	e = sb_list_find_rcu(&run->list, key);
	if (e)
		ret = sb_entry_read(t, run, e);
	rcu_read_unlock();
	return ret;
}

static void sb_rcu_free_cb(struct rcu_head *head)
{
	struct sb_entry *e = container_of(head, struct sb_entry, rcu);

	/* Poison: a reader still holding it would now fail its check. */
	WRITE_ONCE(e->check, 0);
	kfree(e);
	atomic_long_dec(&sb_rcu_pending);
	atomic_long_inc(&sb_rcu_cbs);
}

/* Bounded: each failed cmpxchg sees a larger peak, which may end it. */
static void sb_rcu_note_peak(long cur)
{
	long old = atomic_long_read(&sb_rcu_peak);

	while (cur > old && !atomic_long_try_cmpxchg(&sb_rcu_peak, &old, cur))
		;
}

static void sb_rcu_note_pending(void)
{
	sb_rcu_note_peak(atomic_long_inc_return(&sb_rcu_pending));
}

/*
 * rcu_free=kfree_rcu, under sb_rcu_update_lock, the old entry just
 * unlinked: retire the batches whose grace period has ended, then add the
 * entry to the batch of its cookie (taken now: its grace period must start
 * after the unlink).
 */
static void sb_kfree_note(void)
	__must_hold(&sb_rcu_update_lock)
{
	unsigned long cookie = get_state_synchronize_rcu();
	unsigned int last;

	while (sb_kfree_len &&
	       poll_state_synchronize_rcu(sb_kfree_ring[sb_kfree_first].cookie)) {
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
	sb_rcu_note_peak(++sb_kfree_pending);
}

/* Rare and long (an allocation, a grace period): out of line. */
static noinline int sb_rcu_update(struct sb_thread *t, struct sb_run *run,
				  u64 key)
{
	struct sb_entry *old, *new;
	u64 t0;

	/* Allocate before the lock: GFP_KERNEL may sleep. */
	new = sb_entry_alloc(run->list.node, GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	spin_lock(&sb_rcu_update_lock);
	old = sb_list_find(&run->list, key);
	if (!old) {
		spin_unlock(&sb_rcu_update_lock);
		kfree(new);
		return -ENOENT;
	}
	new->key = old->key;
	new->value = old->value + 1;
	new->check = sb_check_of(new->key, new->value);
	sb_cs(t, run);
	list_replace_rcu(&old->node, &new->node);
	if (run->cfg.rcu_free == SB_RCU_KFREE) {
		sb_kfree_note();
		spin_unlock(&sb_rcu_update_lock);
		kfree_rcu(old, rcu);
		return 0;
	}
	spin_unlock(&sb_rcu_update_lock);

	/* Off the list, not yet freed: pending, whichever way it is freed. */
	sb_rcu_note_pending();
	if (run->cfg.rcu_free == SB_RCU_SYNC) {
		t0 = sb_now();
		if (run->cfg.rcu_gp == SB_RCU_GP_EXPEDITED)
			synchronize_rcu_expedited();
		else
			synchronize_rcu();
		if (sb_measuring(t))
			sb_hist_record(&t->hist[SB_H_RCU_GP],
				       sb_cycles_to_ns(sb_now() - t0));
		kfree(old);
		atomic_long_dec(&sb_rcu_pending);
		return 0;
	}
	call_rcu(&old->rcu, sb_rcu_free_cb);
	if (atomic_long_read(&sb_rcu_pending) > SB_RCU_MAX_PENDING)
		synchronize_rcu();
	return 0;
}

/* Hard IRQ: readers need nothing but rcu_read_lock(). */
static int sb_rcu_irq_lookup(struct sb_thread *t, u64 key)
{
	struct sb_entry *e;
	int ret = -ENOENT;

	rcu_read_lock();
	e = sb_list_find_rcu(&t->run->list, key);
	if (e)
		ret = sb_entry_verify(e);
	rcu_read_unlock();
	return ret;
}

static void sb_rcu_result(struct sb_run *run, struct sb_result *r)
{
	r->rcu_peak_pending = atomic_long_read(&sb_rcu_peak);
	r->rcu_peak_pending_bytes = r->rcu_peak_pending *
		kmalloc_size_roundup(sizeof(struct sb_entry));
	r->rcu_callbacks = atomic_long_read(&sb_rcu_cbs);
}

#define SB_LOOP sb_rcu_loop
#define SB_LOOKUP sb_rcu_lookup
#define SB_UPDATE sb_rcu_update
#include "worker.h"

const struct sb_prim_ops sb_prim_rcu = {
	.name = "rcu",
	.check = sb_rcu_check,
	.init = sb_rcu_init,
	.exit = sb_rcu_exit,
	.loop = sb_rcu_loop,
	.irq_lookup = sb_rcu_irq_lookup,
	.result = sb_rcu_result,
};
