// SPDX-License-Identifier: GPL-2.0
/*
 * spin: spin_lock()/spin_unlock() with interrupts on. Its own lock, so its
 * lockdep class is never mixed with spin_irqsave's irq-safe one.
 */
#include <linux/spinlock.h>
#include "prim.h"

static DEFINE_SPINLOCK(sb_spin_lock);

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
	int ret;

	spin_lock(&sb_spin_lock);
	ret = sb_lookup_locked(t, run, key);
	spin_unlock(&sb_spin_lock);
	return ret;
}

static __always_inline int sb_spin_update(struct sb_thread *t,
					  struct sb_run *run, u64 key)
{
	int ret;

	spin_lock(&sb_spin_lock);
	ret = sb_update_locked(t, run, key);
	spin_unlock(&sb_spin_lock);
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
};
