// SPDX-License-Identifier: GPL-2.0
/*
 * rcu: lookups under rcu_read_lock() only; updates copy the entry, bump the
 * copy and list_replace_rcu() it under its bucket's update-side spinlock,
 * then free the old entry after a grace period: synchronize_rcu(), or
 * synchronize_rcu_expedited() with rcu_gp=expedited (rcu_free=sync, its
 * latency goes to the rcu_gp histogram), call_rcu() (rcu_free=async; we
 * count the entries still waiting and keep the peak) or kfree_rcu()
 * (rcu_free=kfree_rcu, SB_CAP_KFREE: pending tracked by grace-period
 * cookie). With rcu_free=sync the update latency includes the grace
 * period: that is what the updater pays. The update side is defer.c's,
 * shared with srcu.
 */
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "defer.h"
#include "prim.h"

static void sb_rcu_sync(void)
{
	synchronize_rcu();
}

static void sb_rcu_sync_expedited(void)
{
	synchronize_rcu_expedited();
}

/* No callback of ours: RCU batches the kfree()s after the grace period. */
static void sb_rcu_kfree(struct sb_entry *e)
{
	kfree_rcu(e, rcu);
}

static const struct sb_gp_ops sb_rcu_gp = {
	.sync = sb_rcu_sync,
	.sync_expedited = sb_rcu_sync_expedited,
	.call = call_rcu,
	.kfree = sb_rcu_kfree,
	.gp_state = get_state_synchronize_rcu,
	.gp_poll = poll_state_synchronize_rcu,
};

static int sb_rcu_init(struct sb_run *run)
{
	sb_defer_init();
	return 0;
}

/*
 * Every callback must have run before the list, or the module, goes
 * (kfree_rcu()'s frees are the core kernel's: nothing of ours to wait for).
 */
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
	e = sb_list_find_rcu(sb_bucket_of(&run->list, key), key);
	if (e)
		ret = sb_entry_read(t, run, e);
	rcu_read_unlock();
	return ret;
}

/* Rare and long (an allocation, a grace period): out of line. */
static noinline int sb_rcu_update(struct sb_thread *t, struct sb_run *run,
				  u64 key)
{
	return sb_defer_update(t, run, sb_bucket_of(&run->list, key),
			       &sb_rcu_gp, key);
}

/* Hard IRQ: readers need nothing but rcu_read_lock(). */
static int sb_rcu_irq_lookup(struct sb_thread *t, u64 key)
{
	struct sb_entry *e;
	int ret = -ENOENT;

	rcu_read_lock();
	e = sb_list_find_rcu(sb_bucket_of(&t->run->list, key), key);
	if (e)
		ret = sb_entry_verify(e);
	rcu_read_unlock();
	return ret;
}

static void sb_rcu_result(struct sb_run *run, struct sb_result *r)
{
	sb_defer_result(r);
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
	.lock_size = sizeof(spinlock_t),
	.lock_init = sb_defer_lock_init,
	.irq_lookup = sb_rcu_irq_lookup,
	.result = sb_rcu_result,
	.gp = &sb_rcu_gp,
};
