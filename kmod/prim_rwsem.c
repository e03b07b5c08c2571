// SPDX-License-Identifier: GPL-2.0
/*
 * rwsem: struct rw_semaphore, down_read() for lookups, down_write() for
 * updates. A sleeping lock (SB_CAP_SLEEPS): taken only by the workers,
 * never in atomic context, so no interrupt contender. The update
 * histogram is the writer's latency, the wait for readers to drain
 * included.
 */
#include <linux/rwsem.h>
#include "prim.h"

/* Each bucket's lock (buckets=N): its own, in the bucket. */
static int sb_rwsem_lock_init(struct sb_run *run, void *lock)
{
	struct rw_semaphore *l = lock;

	init_rwsem(l);
	return 0;
}

static __always_inline int sb_rwsem_lookup(struct sb_thread *t,
					   struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	struct rw_semaphore *l = sb_bucket_lock(b);
	int ret;

	down_read(l);
	ret = sb_lookup_locked(t, run, b, key);
	up_read(l);
	return ret;
}

static __always_inline int sb_rwsem_update(struct sb_thread *t,
					   struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	struct rw_semaphore *l = sb_bucket_lock(b);
	int ret;

	down_write(l);
	ret = sb_update_locked(t, run, b, key);
	up_write(l);
	return ret;
}

#define SB_LOOP sb_rwsem_loop
#define SB_LOOKUP sb_rwsem_lookup
#define SB_UPDATE sb_rwsem_update
#include "worker.h"

const struct sb_prim_ops sb_prim_rwsem = {
	.name = "rwsem",
	.loop = sb_rwsem_loop,
	.lock_size = sizeof(struct rw_semaphore),
	.lock_init = sb_rwsem_lock_init,
};
