// SPDX-License-Identifier: GPL-2.0
/*
 * rcu_nogp (broken): RCU readers, an updater that does not wait. Lookups
 * walk under rcu_read_lock() as prim_rcu.c's do; an update copies the
 * entry, bumps the copy and list_replace_rcu()s it under an update-side
 * spinlock, then frees the old entry at once, with no grace period: the bug
 * of a kfree() where a kfree_rcu() or synchronize_rcu() belonged. A reader
 * still on the old entry then reads freed memory.
 *
 * The free poisons the entry into the quarantine (race.c): its links stay
 * (a reader standing on it walks on into memory still allocated), its key,
 * value and check read as poison, so the reader counts uaf_reads instead of
 * using freed memory. The window is the reader's, between finding the
 * entry and reading it, inside rcu_read_lock(): perturb=yield would sleep
 * there and is refused (no SB_CAP_YIELD).
 */
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "prim.h"

/* Each bucket's update-side lock (buckets=N): its own, in the bucket. */
static int sb_rcu_nogp_lock_init(struct sb_run *run, void *lock)
{
	spin_lock_init((spinlock_t *)lock);
	return 0;
}

static __always_inline int sb_rcu_nogp_lookup(struct sb_thread *t,
					      struct sb_run *run, u64 key)
{
	struct sb_entry *e;
	int ret;

	rcu_read_lock();
	e = sb_list_find_rcu(sb_bucket_of(&run->list, key), key);
	if (e) {
		sb_perturb(t, run);
		ret = sb_race_read(t, e);
	} else {
		/*
		 * A key off the list (delete_insert), or a walk that went
		 * through freed entries and missed a key on it: a violation.
		 */
		ret = run->churn ? -ENOENT : -EBADMSG;
	}
	rcu_read_unlock();
	return ret;
}

/* Rare and long (an allocation): out of line. */
static noinline int sb_rcu_nogp_update(struct sb_thread *t,
				       struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	struct sb_entry *old, *new = sb_race_alloc(run);
	spinlock_t *l = sb_bucket_lock(b);

	if (IS_ERR(new))
		return PTR_ERR(new);
	spin_lock(l);
	old = sb_list_find(b, key);
	if (!old) {
		/* registered in the quarantine: freed with it at the end */
		spin_unlock(l);
		return -ENOENT;
	}
	sb_cs(t, run);
	sb_race_replace(run, b, old, new, true, 1);
	spin_unlock(l);
	/* The bug: no synchronize_rcu() here. */
	sb_entry_poison(old);
	return 0;
}

#define SB_LOOP sb_rcu_nogp_loop
#define SB_LOOKUP sb_rcu_nogp_lookup
#define SB_UPDATE sb_rcu_nogp_update
#include "worker.h"

const struct sb_prim_ops sb_prim_rcu_nogp = {
	.name = "rcu_nogp",
	.loop = sb_rcu_nogp_loop,
	.lock_size = sizeof(spinlock_t),
	.lock_init = sb_rcu_nogp_lock_init,
};
