// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs `calibrate`: the bare primitives in refscale's loop shape, so a
 * run's op_ns can be held against what the primitive alone costs here.
 * Each figure is a tight loop of SB_CAL_PAIRS lock/unlock pairs on one
 * uncontended lock, timed as a whole, best of SB_CAL_ROUNDS rounds, per
 * pair in ns with 3 decimals. "_irqoff" figures run the loop with
 * interrupts off (nothing can hit the round); the others with interrupts
 * on and preemption off, except the mutex, whose rounds stay preemptible
 * because mutex_lock() may sleep, and which has no irqs-off figure for the
 * same reason. empty_loop_ns is the loop with no body, timestamp_ns one
 * time-stamp (sb_now()) back to back.
 *
 * Bounded: 10 figures x 16 rounds x 2048 pairs, well under a second under
 * TCG; a signal between two rounds ends it (-EINTR). The caller holds the
 * run lock, so no run competes for the CPU it measures on.
 */
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include "prim.h"

#define SB_CAL_PAIRS 2048
#define SB_CAL_ROUNDS 16

/* Own locks: not the primitives', which a run's lockdep classes own. */
static DEFINE_SPINLOCK(sb_cal_spin);
static DEFINE_SPINLOCK(sb_cal_irqsave);
static DEFINE_MUTEX(sb_cal_mutex);

enum sb_cal_kind {
	SB_CAL_EMPTY, SB_CAL_TIMESTAMP, SB_CAL_SPIN, SB_CAL_IRQSAVE,
	SB_CAL_RCU, SB_CAL_MUTEX,
};

/* One round: the cycles SB_CAL_PAIRS pairs took. */
static u64 sb_cal_round(enum sb_cal_kind kind)
{
	unsigned long flags;
	unsigned int i;
	u64 t0, t1;

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
};

/* Measure, then print key=value lines into buf; the length, or -EINTR. */
int sb_calibrate(char *buf, size_t len)
{
	u64 ps[ARRAY_SIZE(sb_cal_figs)];
	unsigned int i;
	int n, err = 0, cpu = raw_smp_processor_id();

	for (i = 0; i < ARRAY_SIZE(sb_cal_figs); i++) {
		ps[i] = sb_cal_best(sb_cal_figs[i].kind, sb_cal_figs[i].irqoff,
				    sb_cal_figs[i].sleeps, &err);
		if (err)
			return err;
	}
	n = scnprintf(buf, len,
		      "cpu=%d\nclock=%s\npairs=%d\nrounds=%d\n", cpu,
		      sb_clk.tsc ? "tsc" : "monotonic", SB_CAL_PAIRS,
		      SB_CAL_ROUNDS);
	for (i = 0; i < ARRAY_SIZE(sb_cal_figs); i++)
		n += scnprintf(buf + n, len - n, "%s=%llu.%03llu\n",
			       sb_cal_figs[i].key, ps[i] / 1000, ps[i] % 1000);
	n += scnprintf(buf + n, len - n,
		       "note=no mutex_irqoff_ns: mutex_lock() may sleep, so never with interrupts off\n");
	return n;
}
