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

static DECLARE_RWSEM(sb_rwsem);

static __always_inline int sb_rwsem_lookup(struct sb_thread *t,
					   struct sb_run *run, u64 key)
{
	int ret;

	down_read(&sb_rwsem);
	ret = sb_lookup_locked(t, run, key);
	up_read(&sb_rwsem);
	return ret;
}

static __always_inline int sb_rwsem_update(struct sb_thread *t,
					   struct sb_run *run, u64 key)
{
	int ret;

	down_write(&sb_rwsem);
	ret = sb_update_locked(t, run, key);
	up_write(&sb_rwsem);
	return ret;
}

#define SB_LOOP sb_rwsem_loop
#define SB_LOOKUP sb_rwsem_lookup
#define SB_UPDATE sb_rwsem_update
#include "worker.h"

const struct sb_prim_ops sb_prim_rwsem = {
	.name = "rwsem",
	.loop = sb_rwsem_loop,
};
