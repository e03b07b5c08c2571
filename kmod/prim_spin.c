// SPDX-License-Identifier: GPL-2.0
/*
 * spin: spin_lock()/spin_unlock() with interrupts on. Its own lock, so its
 * lockdep class is never mixed with spin_irqsave's irq-safe one.
 */
#include <linux/spinlock.h>
#include "prim.h"

/* Each bucket's lock (buckets=N): its own, in the bucket. */
static int sb_spin_lock_init(struct sb_run *run, void *lock)
{
	spinlock_t *l = lock;

	spin_lock_init(l);
	return 0;
}

static int sb_spin_check(const struct sb_config *cfg, char *err,
			 size_t errlen)
{
	if (cfg->irq_hz) {
		sb_snprintf(err, errlen,
			    "prim spin: irq_hz must be 0: the interrupt contender would spin forever on the lock held by the thread it interrupted on the same CPU (use spin_irqsave)");
		return -1;
	}
	return 0;
}

static __always_inline int sb_spin_lookup(struct sb_thread *t,
					  struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	spinlock_t *l = sb_bucket_lock(b);
	int ret;

	spin_lock(l);
	ret = sb_lookup_locked(t, run, b, key);
	spin_unlock(l);
	return ret;
}

static __always_inline int sb_spin_update(struct sb_thread *t,
					  struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	spinlock_t *l = sb_bucket_lock(b);
	int ret;

	spin_lock(l);
	ret = sb_update_locked(t, run, b, key);
	spin_unlock(l);
	return ret;
}

#define SB_LOOP sb_spin_loop
#define SB_LOOKUP sb_spin_lookup
#define SB_UPDATE sb_spin_update
#include "worker.h"

const struct sb_prim_ops sb_prim_spin = {
	.name = "spin",
	.check = sb_spin_check,
	.loop = sb_spin_loop,
	.lock_size = sizeof(spinlock_t),
	.lock_init = sb_spin_lock_init,
};
