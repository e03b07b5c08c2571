// SPDX-License-Identifier: GPL-2.0
/*
 * srcu: sleepable RCU on an srcu_struct of its own. Lookups between
 * srcu_read_lock() and srcu_read_unlock() (a per-CPU counter each, with
 * memory barriers: dearer than rcu_read_lock()); updates copy and replace
 * as rcu does (defer.c) and free the old entry after synchronize_srcu(), or
 * synchronize_srcu_expedited() with rcu_gp=expedited (rcu_free=sync, its
 * latency in the rcu_gp histogram) or call_srcu() (rcu_free=async). SRCU
 * has no kfree_rcu() form: no SB_CAP_KFREE, so rcu_free=kfree_rcu is
 * refused. Updates may sleep (SB_CAP_SLEEPS). No interrupt contender:
 * srcu_read_lock() is not allowed in hard-IRQ context.
 * The srcu_struct lives for one run: init_srcu_struct() allocates its
 * per-CPU state (and gives it its own lockdep class), and
 * cleanup_srcu_struct() frees it once srcu_barrier() has run every
 * callback.
 */
#include <linux/spinlock.h>
#include <linux/srcu.h>
#include "defer.h"
#include "prim.h"

static struct srcu_struct sb_srcu;

static void sb_srcu_sync(void)
{
	synchronize_srcu(&sb_srcu);
}

static void sb_srcu_sync_expedited(void)
{
	synchronize_srcu_expedited(&sb_srcu);
}

static void sb_srcu_call(struct rcu_head *head, rcu_callback_t func)
{
	call_srcu(&sb_srcu, head, func);
}

static const struct sb_gp_ops sb_srcu_gp = {
	.sync = sb_srcu_sync,
	.sync_expedited = sb_srcu_sync_expedited,
	.call = sb_srcu_call,
};

static int sb_srcu_init(struct sb_run *run)
{
	sb_defer_init();
	return init_srcu_struct(&sb_srcu);
}

/* Every callback must have run before the list, or the struct, goes. */
static void sb_srcu_exit(struct sb_run *run)
{
	srcu_barrier(&sb_srcu);
	cleanup_srcu_struct(&sb_srcu);
}

/* sb_list_find_rcu() for an SRCU reader (lockdep knows which it holds). */
static __always_inline struct sb_entry *sb_srcu_find(struct sb_bucket *b,
						     u64 key)
{
	struct sb_entry *e;
	u64 n = 0;

	list_for_each_entry_srcu(e, &b->head, node,
				 srcu_read_lock_held(&sb_srcu)) {
		if (e->key == key)
			return e;
		if (++n > b->walk_max)
			break;
	}
	return NULL;
}

static __always_inline int sb_srcu_lookup(struct sb_thread *t,
					  struct sb_run *run, u64 key)
{
	struct sb_entry *e;
	int ret = -ENOENT, idx;

	idx = srcu_read_lock(&sb_srcu);
	e = sb_srcu_find(sb_bucket_of(&run->list, key), key);
	if (e)
		ret = sb_entry_read(t, run, e);
	srcu_read_unlock(&sb_srcu, idx);
	return ret;
}

/* Rare and long (an allocation, a grace period): out of line. */
static noinline int sb_srcu_update(struct sb_thread *t, struct sb_run *run,
				   u64 key)
{
	return sb_defer_update(t, run, sb_bucket_of(&run->list, key),
			       &sb_srcu_gp, key);
}

static void sb_srcu_result(struct sb_run *run, struct sb_result *r)
{
	sb_defer_result(r);
}

#define SB_LOOP sb_srcu_loop
#define SB_LOOKUP sb_srcu_lookup
#define SB_UPDATE sb_srcu_update
#include "worker.h"

const struct sb_prim_ops sb_prim_srcu = {
	.name = "srcu",
	.init = sb_srcu_init,
	.exit = sb_srcu_exit,
	.loop = sb_srcu_loop,
	.lock_size = sizeof(spinlock_t),
	.lock_init = sb_defer_lock_init,
	.result = sb_srcu_result,
	.gp = &sb_srcu_gp,
};
