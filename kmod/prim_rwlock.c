// SPDX-License-Identifier: GPL-2.0
/*
 * rwlock: rwlock_t, read_lock() for lookups (which share it), write_lock()
 * for updates (which exclude everyone). Interrupts stay on, so no interrupt
 * contender: a reader in an interrupt on the CPU of a writer waiting for
 * the lock would spin forever (the catalogue gives it no SB_CAP_IRQ). The
 * update histogram is the writer's latency, readers' wait included.
 */
#include <linux/spinlock.h>
#include "prim.h"

/* Each bucket's lock (buckets=N): its own, in the bucket. */
static int sb_rwlock_lock_init(struct sb_run *run, void *lock)
{
	rwlock_t *l = lock;

	rwlock_init(l);
	return 0;
}

static __always_inline int sb_rwlock_lookup(struct sb_thread *t,
					    struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	rwlock_t *l = sb_bucket_lock(b);
	int ret;

	read_lock(l);
	ret = sb_lookup_locked(t, run, b, key);
	read_unlock(l);
	return ret;
}

static __always_inline int sb_rwlock_update(struct sb_thread *t,
					    struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	rwlock_t *l = sb_bucket_lock(b);
	int ret;

	write_lock(l);
	ret = sb_update_locked(t, run, b, key);
	write_unlock(l);
	return ret;
}

#define SB_LOOP sb_rwlock_loop
#define SB_LOOKUP sb_rwlock_lookup
#define SB_UPDATE sb_rwlock_update
#include "worker.h"

const struct sb_prim_ops sb_prim_rwlock = {
	.name = "rwlock",
	.loop = sb_rwlock_loop,
	.lock_size = sizeof(rwlock_t),
	.lock_init = sb_rwlock_lock_init,
};
