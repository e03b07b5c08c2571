// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs `calibrate`: the bare primitives in refscale's loop shape, so a
 * run's op_ns can be held against what the primitive alone costs here.
 * Each figure is a tight loop of SB_CAL_PAIRS lock/unlock pairs on one
 * uncontended lock, timed as a whole, best of SB_CAL_ROUNDS rounds, per
 * pair in ns with 3 decimals. "_irqoff" figures run the loop with
 * interrupts off (nothing can hit the round); the others with interrupts
 * on and preemption off, except the sleeping locks' (mutex, rwsem), whose
 * rounds stay preemptible because mutex_lock() and down_read() may sleep,
 * and which have no irqs-off figure for the same reason. The reader-writer
 * and SRCU figures are the read side, what a lookup pays: read_lock/unlock,
 * down_read/up_read, srcu_read_lock/unlock (preemption off like rcu_ns:
 * the SRCU reader never sleeps here, and one srcu_struct of our own, set
 * up for the calibration and torn down after it). empty_loop_ns is the
 * loop with no body, timestamp_ns one time-stamp (sb_now()) back to back.
 *
 * Bounded: 12 figures x 16 rounds x 2048 pairs, well under a second under
 * TCG; a signal between two rounds ends it (-EINTR). The caller holds the
 * run lock, so no run competes for the CPU it measures on.
 */
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/rwsem.h>
#include <linux/sched/signal.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/srcu.h>
#include "prim.h"

#define SB_CAL_PAIRS 2048
#define SB_CAL_ROUNDS 16

/* Own locks: not the primitives', which a run's lockdep classes own. */
static DEFINE_SPINLOCK(sb_cal_spin);
static DEFINE_SPINLOCK(sb_cal_irqsave);
static DEFINE_MUTEX(sb_cal_mutex);
static DEFINE_RWLOCK(sb_cal_rwlock);
static DECLARE_RWSEM(sb_cal_rwsem);
/* Initialised by sb_calibrate() for its figures, cleaned up after. */
static struct srcu_struct sb_cal_srcu;

enum sb_cal_kind {
	SB_CAL_EMPTY, SB_CAL_TIMESTAMP, SB_CAL_SPIN, SB_CAL_IRQSAVE,
	SB_CAL_RCU, SB_CAL_MUTEX, SB_CAL_RWLOCK_READ, SB_CAL_RWSEM_READ,
	SB_CAL_SRCU,
};

/* One round: the cycles SB_CAL_PAIRS pairs took. */
static u64 sb_cal_round(enum sb_cal_kind kind)
{
	unsigned long flags;
	unsigned int i;
	u64 t0, t1;
	int idx;

	t0 = sb_now();
	switch (kind) {
	case SB_CAL_EMPTY:
		for (i = 0; i < SB_CAL_PAIRS; i++)
			barrier();
		break;
	case SB_CAL_TIMESTAMP:
		for (i = 0; i < SB_CAL_PAIRS; i++)
			t1 = sb_now();
		break;
	case SB_CAL_SPIN:
		for (i = 0; i < SB_CAL_PAIRS; i++) {
			spin_lock(&sb_cal_spin);
			spin_unlock(&sb_cal_spin);
		}
		break;
	case SB_CAL_IRQSAVE:
		for (i = 0; i < SB_CAL_PAIRS; i++) {
			spin_lock_irqsave(&sb_cal_irqsave, flags);
			spin_unlock_irqrestore(&sb_cal_irqsave, flags);
		}
		break;
	case SB_CAL_RCU:
		for (i = 0; i < SB_CAL_PAIRS; i++) {
			rcu_read_lock();
			rcu_read_unlock();
		}
		break;
	case SB_CAL_MUTEX:
		for (i = 0; i < SB_CAL_PAIRS; i++) {
			mutex_lock(&sb_cal_mutex);
			mutex_unlock(&sb_cal_mutex);
		}
		break;
	case SB_CAL_RWLOCK_READ:
		for (i = 0; i < SB_CAL_PAIRS; i++) {
			read_lock(&sb_cal_rwlock);
			read_unlock(&sb_cal_rwlock);
		}
		break;
	case SB_CAL_RWSEM_READ:
		for (i = 0; i < SB_CAL_PAIRS; i++) {
			down_read(&sb_cal_rwsem);
			up_read(&sb_cal_rwsem);
		}
		break;
	case SB_CAL_SRCU:
		for (i = 0; i < SB_CAL_PAIRS; i++) {
			idx = srcu_read_lock(&sb_cal_srcu);
			srcu_read_unlock(&sb_cal_srcu, idx);
		}
		break;
	}
	t1 = sb_now();
	return t1 - t0;
}

/*
 * Best of SB_CAL_ROUNDS, in ps per pair; 0 and -EINTR in *err on a signal.
 * irqoff: interrupts off for each round; sleeps: preemptible rounds.
 */
static u64 sb_cal_best(enum sb_cal_kind kind, bool irqoff, bool sleeps,
		       int *err)
{
	u64 best = U64_MAX, c;
	unsigned long flags;
	unsigned int r;

	for (r = 0; r < SB_CAL_ROUNDS; r++) {
		if (signal_pending(current)) {
			*err = -EINTR;
			return 0;
		}
		if (sleeps) {
			c = sb_cal_round(kind);
		} else if (irqoff) {
			local_irq_save(flags);
			c = sb_cal_round(kind);
			local_irq_restore(flags);
		} else {
			preempt_disable();
			c = sb_cal_round(kind);
			preempt_enable();
		}
		best = min(best, c);
		cond_resched();
	}
	/* At least 1 ps: "measured, and below resolution" is not absent. */
	return max_t(u64, 1, div_u64(sb_cycles_to_ns(best * 1000),
				     SB_CAL_PAIRS));
}

static const struct {
	const char *key;
	enum sb_cal_kind kind;
	bool irqoff;
	bool sleeps;
} sb_cal_figs[] = {
	{ "empty_loop_ns", SB_CAL_EMPTY, false, false },
	{ "timestamp_ns", SB_CAL_TIMESTAMP, false, false },
	{ "spin_ns", SB_CAL_SPIN, false, false },
	{ "spin_irqoff_ns", SB_CAL_SPIN, true, false },
	{ "spin_irqsave_ns", SB_CAL_IRQSAVE, false, false },
	{ "spin_irqsave_irqoff_ns", SB_CAL_IRQSAVE, true, false },
	{ "rcu_ns", SB_CAL_RCU, false, false },
	{ "rcu_irqoff_ns", SB_CAL_RCU, true, false },
	{ "mutex_ns", SB_CAL_MUTEX, false, true },
	{ "rwlock_read_ns", SB_CAL_RWLOCK_READ, false, false },
	{ "rwsem_read_ns", SB_CAL_RWSEM_READ, false, true },
	{ "srcu_ns", SB_CAL_SRCU, false, false },
};

/*
 * Measure, then print key=value lines into buf: the length, -EINTR or
 * -ENOMEM (no per-CPU memory for the srcu_struct).
 */
int sb_calibrate(char *buf, size_t len)
{
	u64 ps[ARRAY_SIZE(sb_cal_figs)];
	unsigned int i;
	int n, err, cpu = raw_smp_processor_id();

	err = init_srcu_struct(&sb_cal_srcu);
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(sb_cal_figs) && !err; i++)
		ps[i] = sb_cal_best(sb_cal_figs[i].kind, sb_cal_figs[i].irqoff,
				    sb_cal_figs[i].sleeps, &err);
	/* No grace period was ever asked for: nothing to wait for. */
	cleanup_srcu_struct(&sb_cal_srcu);
	if (err)
		return err;
	n = scnprintf(buf, len,
		      "cpu=%d\nclock=%s\npairs=%d\nrounds=%d\n", cpu,
		      sb_clk.tsc ? "tsc" : "monotonic", SB_CAL_PAIRS,
		      SB_CAL_ROUNDS);
	for (i = 0; i < ARRAY_SIZE(sb_cal_figs); i++)
		n += scnprintf(buf + n, len - n, "%s=%llu.%03llu\n",
			       sb_cal_figs[i].key, ps[i] / 1000, ps[i] % 1000);
	n += scnprintf(buf + n, len - n,
		       "note=no mutex_irqoff_ns, rwsem_read_irqoff_ns: mutex_lock() and down_read() may sleep, so never with interrupts off\n");
	return n;
}
