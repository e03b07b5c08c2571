// SPDX-License-Identifier: GPL-2.0
/*
 * raw_spin: raw_spin_lock()/raw_spin_unlock() with interrupts on. On most
 * kernels spinlock_t is this same lock and the two cost the same; under
 * PREEMPT_RT spinlock_t becomes a sleeping rt_mutex and raw_spinlock_t
 * stays the truly spinning lock, so the pair shows what RT's conversion
 * costs. Its own lock, so its own lockdep class. No interrupt contender:
 * with interrupts on, one would spin on the lock its own CPU holds.
 */
#include <linux/spinlock.h>
#include "prim.h"

/* Each bucket's lock (buckets=N): its own, in the bucket. */
static int sb_raw_spin_lock_init(struct sb_run *run, void *lock)
{
	raw_spinlock_t *l = lock;

	raw_spin_lock_init(l);
	return 0;
}

static __always_inline int sb_raw_spin_lookup(struct sb_thread *t,
					      struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	raw_spinlock_t *l = sb_bucket_lock(b);
	int ret;

	raw_spin_lock(l);
	ret = sb_lookup_locked(t, run, b, key);
	raw_spin_unlock(l);
	return ret;
}

static __always_inline int sb_raw_spin_update(struct sb_thread *t,
					      struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	raw_spinlock_t *l = sb_bucket_lock(b);
	int ret;

	raw_spin_lock(l);
	ret = sb_update_locked(t, run, b, key);
	raw_spin_unlock(l);
	return ret;
}

#define SB_LOOP sb_raw_spin_loop
#define SB_LOOKUP sb_raw_spin_lookup
#define SB_UPDATE sb_raw_spin_update
#include "worker.h"

const struct sb_prim_ops sb_prim_raw_spin = {
	.name = "raw_spin",
	.loop = sb_raw_spin_loop,
	.lock_size = sizeof(raw_spinlock_t),
	.lock_init = sb_raw_spin_lock_init,
};
