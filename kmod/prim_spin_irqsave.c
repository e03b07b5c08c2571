// SPDX-License-Identifier: GPL-2.0
/*
 * spin_irqsave: spin_lock_irqsave(), and the one lock the interrupt
 * contender may take too: with interrupts off while it is held, the timer on
 * the holder's CPU cannot fire and spin on it. The worker records the window
 * in which it had interrupts off for the lock, so the contender can tell
 * whether its lateness was caused by the lock (irq_lat_locked) or not
 * (irq_lat).
 */
#include <linux/spinlock.h>
#include <linux/ktime.h>
#include "prim.h"

/* Each bucket's lock (buckets=N): its own, in the bucket. */
static int sb_irqsave_lock_init(struct sb_run *run, void *lock)
{
	spin_lock_init((spinlock_t *)lock);
	return 0;
}

/* The irqs-off window opens before we spin for the lock. */
static __always_inline unsigned long sb_irqsave_lock_rec(struct sb_thread *t,
							 spinlock_t *l)
	__acquires(l)
{
	unsigned long flags;
	u64 start = 0;

	if (t->timer_on)
		start = ktime_get_ns();
	spin_lock_irqsave(l, flags);
	if (t->timer_on)
		WRITE_ONCE(t->irqoff_start, start);
	return flags;
}

static __always_inline void sb_irqsave_unlock_rec(struct sb_thread *t,
						  spinlock_t *l,
						  unsigned long flags)
	__releases(l)
{
	if (t->timer_on)
		sb_irqoff_end(t);
	spin_unlock_irqrestore(l, flags);
}

static __always_inline int sb_irqsave_lookup(struct sb_thread *t,
					     struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	spinlock_t *l = sb_bucket_lock(b);
	unsigned long flags = sb_irqsave_lock_rec(t, l);
	int ret = sb_lookup_locked(t, run, b, key);

	sb_irqsave_unlock_rec(t, l, flags);
	return ret;
}

static __always_inline int sb_irqsave_update(struct sb_thread *t,
					     struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	spinlock_t *l = sb_bucket_lock(b);
	unsigned long flags = sb_irqsave_lock_rec(t, l);
	int ret = sb_update_locked(t, run, b, key);

	sb_irqsave_unlock_rec(t, l, flags);
	return ret;
}

/*
 * The contender takes a bucket's lock in a hard hrtimer callback. Under
 * PREEMPT_RT a spinlock_t is a sleeping lock and spin_lock_irqsave() leaves
 * interrupts on, so the contender would sleep in hard-IRQ context; lockdep's
 * raw-lock nesting check flags the same nesting on other kernels. There,
 * refuse the contender.
 */
static int sb_irqsave_check(const struct sb_config *cfg, char *err,
			    size_t errlen)
{
	if (cfg->irq_hz && (IS_ENABLED(CONFIG_PREEMPT_RT) ||
			    IS_ENABLED(CONFIG_PROVE_RAW_LOCK_NESTING))) {
		sb_snprintf(err, errlen,
			    "prim spin_irqsave: irq_hz must be 0 on this kernel: with PREEMPT_RT (or PROVE_RAW_LOCK_NESTING) a spinlock_t must not be taken in hard-IRQ context");
		return -1;
	}
	return 0;
}

/* Hard IRQ: interrupts are already off, a plain spin_lock() is right. */
static int sb_irqsave_irq_lookup(struct sb_thread *t, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&t->run->list, key);
	spinlock_t *l = sb_bucket_lock(b);
	struct sb_entry *e;
	int ret = -ENOENT;

	spin_lock(l);
	e = sb_list_find(b, key);
	if (e)
		ret = sb_entry_verify(e);
	spin_unlock(l);
	return ret;
}

#define SB_LOOP sb_irqsave_loop
#define SB_LOOKUP sb_irqsave_lookup
#define SB_UPDATE sb_irqsave_update
#include "worker.h"

const struct sb_prim_ops sb_prim_spin_irqsave = {
	.name = "spin_irqsave",
	.check = sb_irqsave_check,
	.loop = sb_irqsave_loop,
	.lock_size = sizeof(spinlock_t),
	.lock_init = sb_irqsave_lock_init,
	.irq_lookup = sb_irqsave_irq_lookup,
};
