// SPDX-License-Identifier: GPL-2.0
/*
 * spin_bh: spin_lock_bh(), the lock a driver shares between process
 * context and its bottom half. With softirqs off while it is held, the
 * softirq contender (a soft hrtimer on the holder's CPU, SB_CAP_SOFTIRQ:
 * see irq_contender.c) cannot run there and spin on it; it runs at
 * spin_unlock_bh() instead. Interrupts stay on. The worker records the
 * window in which it had softirqs off for the lock, so the contender can
 * tell whether its lateness was caused by the lock (softirq_lat_locked)
 * or not (softirq_lat).
 */
#include <linux/spinlock.h>
#include <linux/ktime.h>
#include "prim.h"

/* Each bucket's lock (buckets=N): its own, in the bucket. */
static int sb_bh_lock_init(struct sb_run *run, void *lock)
{
	spin_lock_init((spinlock_t *)lock);
	return 0;
}

/* The softirqs-off window opens before we spin for the lock. */
static __always_inline void sb_bh_lock_rec(struct sb_thread *t, spinlock_t *l)
	__acquires(l)
{
	u64 start = 0;

	if (t->timer_on)
		start = ktime_get_ns();
	spin_lock_bh(l);
	if (t->timer_on)
		WRITE_ONCE(t->irqoff_start, start);
}

static __always_inline void sb_bh_unlock_rec(struct sb_thread *t,
					     spinlock_t *l)
	__releases(l)
{
	if (t->timer_on)
		sb_irqoff_end(t);
	spin_unlock_bh(l);
}

static __always_inline int sb_bh_lookup(struct sb_thread *t,
					struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	spinlock_t *l = sb_bucket_lock(b);
	int ret;

	sb_bh_lock_rec(t, l);
	ret = sb_lookup_locked(t, run, b, key);
	sb_bh_unlock_rec(t, l);
	return ret;
}

static __always_inline int sb_bh_update(struct sb_thread *t,
					struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	spinlock_t *l = sb_bucket_lock(b);
	int ret;

	sb_bh_lock_rec(t, l);
	ret = sb_update_locked(t, run, b, key);
	sb_bh_unlock_rec(t, l);
	return ret;
}

/* Softirq context: softirqs are already off here, a plain spin_lock(). */
static int sb_bh_softirq_lookup(struct sb_thread *t, u64 key)
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

#define SB_LOOP sb_bh_loop
#define SB_LOOKUP sb_bh_lookup
#define SB_UPDATE sb_bh_update
#include "worker.h"

const struct sb_prim_ops sb_prim_spin_bh = {
	.name = "spin_bh",
	.loop = sb_bh_loop,
	.lock_size = sizeof(spinlock_t),
	.lock_init = sb_bh_lock_init,
	.irq_lookup = sb_bh_softirq_lookup,
};
