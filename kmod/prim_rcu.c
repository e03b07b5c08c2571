// SPDX-License-Identifier: GPL-2.0
/*
 * rcu: lookups under rcu_read_lock() only; updates copy the entry, bump the
 * copy and list_replace_rcu() it under an update-side spinlock, then free
 * the old entry after a grace period: synchronize_rcu() (rcu_free=sync, its
 * latency goes to the rcu_gp histogram) or call_rcu() (rcu_free=async; we
 * count the entries still waiting and keep the peak). With rcu_free=sync
 * the update latency includes the grace period: that is what the updater
 * pays.
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

static int sb_rcu_init(struct sb_run *run)
{
	atomic_long_set(&sb_rcu_pending, 0);
	atomic_long_set(&sb_rcu_peak, 0);
	atomic_long_set(&sb_rcu_cbs, 0);
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

static void sb_rcu_note_pending(void)
{
	long cur = atomic_long_inc_return(&sb_rcu_pending);
	long old = atomic_long_read(&sb_rcu_peak);

	while (cur > old && !atomic_long_try_cmpxchg(&sb_rcu_peak, &old, cur))
		;
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
	spin_unlock(&sb_rcu_update_lock);

	/* Off the list, not yet freed: pending, whichever way it is freed. */
	sb_rcu_note_pending();
	if (run->cfg.rcu_free == SB_RCU_SYNC) {
		t0 = sb_now();
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
	r->rcu_callbacks = atomic_long_read(&sb_rcu_cbs);
}

#define SB_LOOP sb_rcu_loop
#define SB_LOOKUP sb_rcu_lookup
#define SB_UPDATE sb_rcu_update
#include "worker.h"

const struct sb_prim_ops sb_prim_rcu = {
	.name = "rcu",
	.init = sb_rcu_init,
	.exit = sb_rcu_exit,
	.loop = sb_rcu_loop,
	.irq_lookup = sb_rcu_irq_lookup,
	.result = sb_rcu_result,
};
