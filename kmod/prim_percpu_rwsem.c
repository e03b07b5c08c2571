// SPDX-License-Identifier: GPL-2.0
/*
 * percpu_rwsem: struct percpu_rw_semaphore. Readers touch only a per-CPU
 * counter while no writer is around (near free); a writer switches every
 * reader to the slow path, which takes an RCU grace period (rcu_sync), and
 * waits for the readers to drain: the update histogram, the writer's
 * latency, is what this primitive is about. Sleeps on both sides
 * (SB_CAP_SLEEPS), so workers only, never an interrupt contender. The
 * semaphores (one per bucket) live for one run: percpu_init_rwsem()
 * allocates their per-CPU counters (and gives them their own lockdep
 * class), percpu_free_rwsem() frees them.
 */
#include <linux/percpu-rwsem.h>
#include "prim.h"

/* Each bucket's semaphore (buckets=N): its own, in the bucket. */
static int sb_percpu_rwsem_lock_init(struct sb_run *run, void *lock)
{
	return percpu_init_rwsem((struct percpu_rw_semaphore *)lock);
}

/* Every worker has left: no reader or writer holds it. */
static void sb_percpu_rwsem_lock_exit(struct sb_run *run, void *lock)
{
	percpu_free_rwsem(lock);
}

static __always_inline int sb_percpu_rwsem_lookup(struct sb_thread *t,
						  struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	struct percpu_rw_semaphore *l = sb_bucket_lock(b);
	int ret;

	percpu_down_read(l);
	ret = sb_lookup_locked(t, run, b, key);
	percpu_up_read(l);
	return ret;
}

/* Rare and long (a grace period per write lock): out of line. */
static noinline int sb_percpu_rwsem_update(struct sb_thread *t,
					   struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	struct percpu_rw_semaphore *l = sb_bucket_lock(b);
	int ret;

	percpu_down_write(l);
	ret = sb_update_locked(t, run, b, key);
	percpu_up_write(l);
	return ret;
}

#define SB_LOOP sb_percpu_rwsem_loop
#define SB_LOOKUP sb_percpu_rwsem_lookup
#define SB_UPDATE sb_percpu_rwsem_update
#include "worker.h"

const struct sb_prim_ops sb_prim_percpu_rwsem = {
	.name = "percpu_rwsem",
	.loop = sb_percpu_rwsem_loop,
	.lock_size = sizeof(struct percpu_rw_semaphore),
	.lock_init = sb_percpu_rwsem_lock_init,
	.lock_exit = sb_percpu_rwsem_lock_exit,
};
