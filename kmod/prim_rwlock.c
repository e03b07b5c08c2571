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

static DEFINE_RWLOCK(sb_rwlock);

static __always_inline int sb_rwlock_lookup(struct sb_thread *t,
					    struct sb_run *run, u64 key)
{
	int ret;

	read_lock(&sb_rwlock);
	ret = sb_lookup_locked(t, run, key);
	read_unlock(&sb_rwlock);
	return ret;
}

static __always_inline int sb_rwlock_update(struct sb_thread *t,
					    struct sb_run *run, u64 key)
{
	int ret;

	write_lock(&sb_rwlock);
	ret = sb_update_locked(t, run, key);
	write_unlock(&sb_rwlock);
	return ret;
}

#define SB_LOOP sb_rwlock_loop
#define SB_LOOKUP sb_rwlock_lookup
#define SB_UPDATE sb_rwlock_update
#include "worker.h"

const struct sb_prim_ops sb_prim_rwlock = {
	.name = "rwlock",
	.loop = sb_rwlock_loop,
};
