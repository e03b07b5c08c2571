// SPDX-License-Identifier: GPL-2.0
/* Copy, replace, free after a grace period: see defer.h. */
#include <linux/atomic.h>
#include <linux/slab.h>
#include "defer.h"

/*
 * A flood of asynchronous frees could pile up memory faster than grace
 * periods end; past this many pending entries an updater waits for one
 * itself.
 */
#define SB_DEFER_MAX_PENDING (1L << 20)

static atomic_long_t sb_defer_pending;
static atomic_long_t sb_defer_peak;
static atomic_long_t sb_defer_cbs;

void sb_defer_init(void)
{
	atomic_long_set(&sb_defer_pending, 0);
	atomic_long_set(&sb_defer_peak, 0);
	atomic_long_set(&sb_defer_cbs, 0);
}

static void sb_defer_free_cb(struct rcu_head *head)
{
	struct sb_entry *e = container_of(head, struct sb_entry, rcu);

	/* Poison: a reader still holding it would now fail its check. */
	WRITE_ONCE(e->check, 0);
	kfree(e);
	atomic_long_dec(&sb_defer_pending);
	atomic_long_inc(&sb_defer_cbs);
}

static void sb_defer_note_pending(void)
{
	long cur = atomic_long_inc_return(&sb_defer_pending);
	long old = atomic_long_read(&sb_defer_peak);

	while (cur > old && !atomic_long_try_cmpxchg(&sb_defer_peak, &old, cur))
		;
}

int sb_defer_update(struct sb_thread *t, struct sb_run *run,
		    spinlock_t *lock, const struct sb_gp_ops *gp, u64 key)
{
	struct sb_entry *old, *new;
	u64 t0;

	/* Allocate before the lock: GFP_KERNEL may sleep. */
	new = sb_entry_alloc(run->list.node, GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	spin_lock(lock);
	old = sb_list_find(&run->list, key);
	if (!old) {
		spin_unlock(lock);
		kfree(new);
		return -ENOENT;
	}
	new->key = old->key;
	new->value = old->value + 1;
	new->check = sb_check_of(new->key, new->value);
	sb_cs(t, run);
	list_replace_rcu(&old->node, &new->node);
	spin_unlock(lock);

	/* Off the list, not yet freed: pending, whichever way it is freed. */
	sb_defer_note_pending();
	if (run->cfg.rcu_free == SB_RCU_SYNC) {
		t0 = sb_now();
		gp->sync();
		if (sb_measuring(t))
			sb_hist_record(&t->hist[SB_H_RCU_GP],
				       sb_cycles_to_ns(sb_now() - t0));
		kfree(old);
		atomic_long_dec(&sb_defer_pending);
		return 0;
	}
	gp->call(&old->rcu, sb_defer_free_cb);
	if (atomic_long_read(&sb_defer_pending) > SB_DEFER_MAX_PENDING)
		gp->sync();
	return 0;
}

void sb_defer_result(struct sb_result *r)
{
	r->rcu_peak_pending = atomic_long_read(&sb_defer_peak);
	r->rcu_callbacks = atomic_long_read(&sb_defer_cbs);
}
