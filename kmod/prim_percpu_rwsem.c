// SPDX-License-Identifier: GPL-2.0
/*
 * percpu_rwsem: struct percpu_rw_semaphore. Readers touch only a per-CPU
 * counter while no writer is around (near free); a writer switches every
 * reader to the slow path, which takes an RCU grace period (rcu_sync), and
 * waits for the readers to drain: the update histogram, the writer's
 * latency, is what this primitive is about. Sleeps on both sides
 * (SB_CAP_SLEEPS), so workers only, never an interrupt contender. The
 * semaphore lives for one run: percpu_init_rwsem() allocates its per-CPU
 * counters (and gives it its own lockdep class), percpu_free_rwsem()
 * frees them.
 */
#include <linux/percpu-rwsem.h>
#include "prim.h"

static struct percpu_rw_semaphore sb_percpu_rwsem;

static int sb_percpu_rwsem_init(struct sb_run *run)
{
	return percpu_init_rwsem(&sb_percpu_rwsem);
}

/* Every worker has left: no reader or writer holds it. */
static void sb_percpu_rwsem_exit(struct sb_run *run)
{
	percpu_free_rwsem(&sb_percpu_rwsem);
}

static __always_inline int sb_percpu_rwsem_lookup(struct sb_thread *t,
						  struct sb_run *run, u64 key)
{
	int ret;

	percpu_down_read(&sb_percpu_rwsem);
	ret = sb_lookup_locked(t, run, key);
	percpu_up_read(&sb_percpu_rwsem);
	return ret;
}

/* Rare and long (a grace period per write lock): out of line. */
static noinline int sb_percpu_rwsem_update(struct sb_thread *t,
					   struct sb_run *run, u64 key)
{
	int ret;

	percpu_down_write(&sb_percpu_rwsem);
	ret = sb_update_locked(t, run, key);
	percpu_up_write(&sb_percpu_rwsem);
	return ret;
}

#define SB_LOOP sb_percpu_rwsem_loop
#define SB_LOOKUP sb_percpu_rwsem_lookup
#define SB_UPDATE sb_percpu_rwsem_update
#include "worker.h"

const struct sb_prim_ops sb_prim_percpu_rwsem = {
	.name = "percpu_rwsem",
	.init = sb_percpu_rwsem_init,
	.exit = sb_percpu_rwsem_exit,
	.loop = sb_percpu_rwsem_loop,
};
