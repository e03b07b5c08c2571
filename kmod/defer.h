/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The update side the RCU-like primitives share (prim_rcu.c, prim_srcu.c):
 * copy the entry, bump the copy and list_replace_rcu() it under the
 * primitive's update-side spinlock, then free the old entry after a grace
 * period of the primitive's flavour:
 *
 * - rcu_free=sync: wait for one (gp->sync, or gp->sync_expedited with
 *   rcu_gp=expedited); the wait goes to the rcu_gp histogram, and the
 *   update latency includes it: that is what the updater pays.
 * - rcu_free=async: queue a callback (gp->call); ours frees the entry, so
 *   the callbacks run are counted (rcu_callbacks).
 * - rcu_free=kfree_rcu: gp->kfree, set only for a flavour with a
 *   kfree_rcu() form (the catalogue's SB_CAP_KFREE: RCU has one, SRCU has
 *   not), as drivers free an object with an rcu_head: no callback of ours,
 *   the flavour batches the kfree()s itself. So nothing tells us when an
 *   entry is freed: each one's grace period is tracked instead by cookie
 *   (gp->gp_state once it is off the list, gp->gp_poll at each later
 *   kfree), and rcu_peak_pending is the most entries whose grace period
 *   had not ended at a kfree: a lower bound of what the flavour held (the
 *   kfree() comes after the grace period, when it gets to the batch).
 *   rcu_callbacks and rcu_gp stay empty; kfree() is the core kernel's, so
 *   unloading needs no wait for those frees.
 *
 * Either way the entries off the list but not yet freed are counted and
 * their peak kept (rcu_peak_pending, and rcu_peak_pending_bytes in the
 * bytes they really occupy: the kmalloc size class of struct sb_entry).
 * A freed entry is poisoned first where the free is ours, so a reader
 * still holding it fails its check instead of silently reading it.
 *
 * One run at a time, and each primitive's exit waits for its callbacks
 * (rcu_barrier(), srcu_barrier()) before the next run starts: so one set
 * of counters serves every primitive.
 */
#ifndef SB_DEFER_H
#define SB_DEFER_H

#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include "run.h"

/* A grace-period flavour. */
struct sb_gp_ops {
	void (*sync)(void);		/* wait for a grace period: may sleep */
	void (*sync_expedited)(void);	/* the same, expedited: may sleep */
	void (*call)(struct rcu_head *head, rcu_callback_t func);
	/*
	 * Optional, all three or none, set exactly when the catalogue gives
	 * the primitive SB_CAP_KFREE (sb_prims_selftest() checks it at load): free @e after a grace period with the
	 * flavour's kfree_rcu() (never sleeps), and the grace-period cookie
	 * of now and whether the grace period of a cookie has ended (both
	 * callable under a spinlock).
	 */
	void (*kfree)(struct sb_entry *e);
	unsigned long (*gp_state)(void);
	bool (*gp_poll)(unsigned long cookie);
};

/* Before a run (ops->init): the counters start at 0. */
void sb_defer_init(void);
/*
 * The update side's lock of a bucket: a spinlock_t (the primitive's
 * lock_size, lock_init).
 */
int sb_defer_lock_init(struct sb_run *run, void *lock);
/*
 * One update of @key in its bucket @b, under the bucket's update-side lock
 * (never in atomic context: it allocates with GFP_KERNEL and may wait for
 * a grace period). 0, -ENOENT or -ENOMEM. rcu_free=kfree_rcu needs
 * gp->kfree: sb_validate() refuses it for a primitive without
 * SB_CAP_KFREE.
 */
int sb_defer_update(struct sb_thread *t, struct sb_run *run,
		    struct sb_bucket *b, const struct sb_gp_ops *gp, u64 key);
/* After the run and the barrier (ops->result): the counters. */
void sb_defer_result(struct sb_result *r);

#endif /* SB_DEFER_H */
