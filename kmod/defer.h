/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The update side the RCU-like primitives share (prim_rcu.c, prim_srcu.c):
 * copy the entry, bump the copy and list_replace_rcu() it under the
 * primitive's update-side spinlock, then free the old entry after a grace
 * period of the primitive's flavour: waiting for one (rcu_free=sync, the
 * wait goes to the rcu_gp histogram, and the update latency includes it:
 * that is what the updater pays) or queueing a callback (rcu_free=async).
 * Either way the entries off the list but not yet freed are counted and
 * their peak kept (rcu_peak_pending), with the callbacks run
 * (rcu_callbacks). A freed entry is poisoned first, so a reader still
 * holding it fails its check instead of silently reading it.
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
	void (*sync)(void);	/* wait for a grace period: may sleep */
	void (*call)(struct rcu_head *head, rcu_callback_t func);
};

/* Before a run (ops->init): the counters start at 0. */
void sb_defer_init(void);
/*
 * One update of @key (never in atomic context: it allocates with
 * GFP_KERNEL and may wait for a grace period). 0, -ENOENT or -ENOMEM.
 */
int sb_defer_update(struct sb_thread *t, struct sb_run *run,
		    spinlock_t *lock, const struct sb_gp_ops *gp, u64 key);
/* After the run and the barrier (ops->result): the counters. */
void sb_defer_result(struct sb_result *r);

#endif /* SB_DEFER_H */
