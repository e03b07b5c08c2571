/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One benchmark run: the controller (the task that wrote to `run`) and one
 * pinned worker kthread per configured CPU. The controller owns the phases:
 * workers park on a start barrier, run a warm-up that is not counted, count
 * operations while the phase is SB_MEASURE, and keep the load on until the
 * stop flag, so that no thread is measured on an idle machine (refscale's
 * discipline).
 */
#ifndef SB_RUN_H
#define SB_RUN_H

#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/hrtimer.h>
#include <linux/wait.h>
#include "sb_budget.h"
#include "sb_op.h"
#include "sb_result.h"
#include "clock.h"
#include "list.h"

struct sb_prim_ops;

/* SB_PH_STOP: the stop flag's twin, so a worker reads one word per batch. */
enum sb_phase { SB_PH_WARMUP, SB_PH_MEASURE, SB_PH_COOLDOWN, SB_PH_STOP };

/* Per worker; vmalloc'd on the worker's node, so on its own cache lines. */
struct sb_thread {
	struct sb_run *run;
	struct task_struct *task;
	unsigned int idx;
	int cpu;
	bool wrong_cpu;		/* not running on the CPU it was bound to */
	bool timer_on;
	u64 rng;		/* Weyl state of sb_rand(), common/sb_op.h */
	struct sb_op_digest op_dig;	/* its first operations' op_digest */
	/*
	 * Update if a draw's low 32 bits < this: the run's update_pct, or
	 * with roles (updaters=K) 2^32 for the first K threads, 0 for the
	 * others.
	 */
	u64 upd_thresh;
	u64 next_update;	/* updaters: ktime ns the next update is due */
	/*
	 * delete_insert under a lock: the fresh entry, allocated before the
	 * lock (GFP_KERNEL may sleep), and the unlinked one, freed after it.
	 */
	struct sb_entry *spare;
	struct sb_entry *to_free;
	struct sb_entry *held;	/* ref=refcount: the lookup's, to use */
	u64 lookup_misses;	/* delete_insert: key not on the list, window */
	u64 update_misses;
	/* counted in the measured window only */
	u64 lookups;
	u64 updates;
	u64 win_failed_lookups;	/* not found: not counted as done */
	u64 win_failed_updates;	/* not found or no memory */
	/* counted over the whole run */
	u64 updates_done;	/* performed updates, for the sum invariant */
	u64 failed_updates;
	u64 check_failures;	/* lookups that saw a torn entry */
	u64 misses;		/* key not found (a broken list) */
	u64 alloc_failures;
	u64 seq_retries;	/* seqlock read retries, measured window */
	u64 cs_cycles, cs_count;
	u64 think_cycles, think_count;
	/*
	 * The interrupt contender of this CPU (hard-IRQ or softirq, by the
	 * primitive's caps): touched by its callback only.
	 */
	struct hrtimer timer;
	u64 irq_rng;
	u64 irq_count;		/* hard-IRQ contender lookups, window */
	u64 softirq_count;	/* softirq contender lookups, window */
	u64 irq_check_failures;
	/*
	 * The last lock window of this worker in which the contender was held
	 * off (interrupts off for spin_irqsave, softirqs off for spin_bh),
	 * ktime ns.
	 */
	u64 irqoff_start;
	u64 irqoff_end;
	u64 irqoff_max;		/* the longest such window, measured window */
	/*
	 * Race exposure (race.c), measured window: uses of an entry
	 * already freed into the poisoned quarantine; the violations (those
	 * and torn reads) detected, and the ktime ns of the first of them
	 * (0: none yet).
	 */
	u64 uaf_reads;
	u64 uaf_writes;
	u64 win_violations;
	u64 first_violation;
	/*
	 * perturb (perturb.c): the draw's own state (the loop's Weyl state
	 * counts operations and must not move), the perturbations done, and
	 * with perturb=preempt this CPU's perturber: its kthread, the hrtimer
	 * that wakes it at random instants, its own draw state, and the
	 * flag the timer sets for it.
	 */
	u64 pert_rng;
	u64 perturbations;
	struct task_struct *pert_task;
	struct hrtimer pert_timer;
	u64 pert_timer_rng;
	bool pert_timer_on;
	bool pert_kick;
	struct sb_hist hist[SB_NR_HISTS];
} ____cacheline_aligned_in_smp;

struct sb_run {
	/* read by every worker on every operation, written by the controller */
	int phase ____cacheline_aligned_in_smp;
	bool go;
	bool stop;
	/* constant during the run */
	struct sb_config cfg ____cacheline_aligned_in_smp;
	const struct sb_prim_ops *ops;
	struct sb_list list;
	u64 cs_cycles;
	u64 think_cycles;
	u64 upd_thresh;		/* update_pct's; threads copy theirs */
	u64 hold_cycles;	/* hold_ns: a lookup keeps reading its entry */
	u64 upd_interval_ns;	/* update_interval_ns: paced updaters */
	u64 key_space;		/* keys are drawn from [0, key_space) */
	bool churn;		/* update_op=delete_insert */
	bool ref;		/* ref=refcount */
	u64 sample_thresh;	/* time if the Weyl state's top half < this */
	unsigned int batch;	/* operations between stop checks, see run.c */
	unsigned int caps;	/* the primitive's SB_CAP_* */
	u64 irq_period_ns;	/* 0: no interrupt contender */
	/*
	 * perturb: the mode (enum sb_perturb, 0 = off); whether sb_cs()
	 * perturbs (the real primitives: inside their section; a row with
	 * SB_CAP_UAF perturbs its own check-then-act window instead);
	 * whether the window may sleep (SB_CAP_YIELD: yield, and preempt's
	 * preemption point); a draw's low 32 bits below perturb_thresh
	 * perturbs; the length; preempt's mean gap between wake-ups.
	 */
	int perturb;
	bool perturb_cs;
	bool perturb_can_sleep;
	u64 perturb_thresh;
	u64 perturb_cycles;
	u64 perturb_gap_ns;
	/* ktime ns the measured window opened (first_violation_ns's 0) */
	u64 win_start_ns;
	/*
	 * The quarantine is full: the run stops early (run.c's sleep wakes
	 * on abort_wq), status=stopped with what it measured until then.
	 */
	bool qfull;
	bool qfull_warmup;	/* ... before the measured window opened */
	/* defer.c: past this many pending frees an updater waits itself */
	u64 pending_cap;
	wait_queue_head_t *abort_wq;
	unsigned int nr_threads;
	atomic_t nr_ready;
	atomic_t nr_finished;
	wait_queue_head_t go_wq;	/* workers wait for go */
	wait_queue_head_t ctl_wq;	/* the controller waits for workers */
	struct sb_thread *threads[SB_MAX_THREADS];
};

static inline bool sb_measuring(const struct sb_thread *t)
{
	return READ_ONCE(t->run->phase) == SB_PH_MEASURE;
}

/*
 * The end of a window that held the contender off (a primitive with
 * SB_CAP_IRQ or SB_CAP_SOFTIRQ, the contender on): its end for the
 * contender's classification, and the longest one of the measured window.
 */
static __always_inline void sb_irqoff_end(struct sb_thread *t)
{
	u64 now = ktime_get_ns();

	WRITE_ONCE(t->irqoff_end, now);
	if (now - t->irqoff_start > t->irqoff_max && sb_measuring(t))
		t->irqoff_max = now - t->irqoff_start;
}

/* perturb.c: one perturbation of the race window, perturb_pct of calls. */
void sb_perturb_window(struct sb_thread *t, struct sb_run *run);

/*
 * The race window's perturbation (perturb=delay|yield|preempt): called by
 * sb_cs() inside every real primitive's critical or read-side section, and
 * by a SB_CAP_UAF row between its check and its act.
 */
static __always_inline void sb_perturb(struct sb_thread *t,
				       struct sb_run *run)
{
	if (unlikely(run->perturb))
		sb_perturb_window(t, run);
}

/*
 * The cs_ns busy work inside a critical section, and the perturbation
 * there (the real primitives': the broken rows perturb their own window).
 */
static __always_inline void sb_cs(struct sb_thread *t, struct sb_run *run)
{
	u64 c = run->cs_cycles;

	if (unlikely(run->perturb_cs))
		sb_perturb_window(t, run);
	if (c) {
		t->cs_cycles += sb_busy_wait(c);
		t->cs_count++;
	}
}

/*
 * race.c: a violation detected during the run (a use after free or a torn
 * read): counted in the window, and the first one's time kept.
 */
void sb_violation(struct sb_thread *t);
/*
 * A SB_CAP_UAF row's use of @e outside any exclusion: 0 (sound), -EBADMSG
 * (torn) or -ESTALE (already freed into the poisoned quarantine: counted
 * as uaf_reads, a lookup done).
 */
int sb_race_read(struct sb_thread *t, const struct sb_entry *e);
/*
 * ... and its write of value + 1: 0, or -ESTALE (a freed entry: counted as
 * uaf_writes and not written, so its poison stays for later readers).
 */
int sb_race_write(struct sb_thread *t, struct sb_entry *e);
/*
 * The update side of a SB_CAP_UAF row, under its exclusion of bucket @b:
 * @new (fresh, registered in the quarantine) replaces @old carrying its
 * value + @bump (@rcu: the _rcu list operations; with delete_insert under
 * a key of the bucket absent from it). The caller then poisons @old.
 */
void sb_race_replace(struct sb_run *run, struct sb_bucket *b,
		     struct sb_entry *old, struct sb_entry *new, bool rcu,
		     u64 bump);
/*
 * @e into the quarantine; false when it is full, which stops the run
 * (status=stopped: everything measured until then is kept).
 */
bool sb_race_quarantine_add(struct sb_run *run, struct sb_entry *e);
/*
 * A fresh entry registered in the quarantine, or an ERR_PTR: -ENOMEM (no
 * memory), -ENOSPC (the quarantine is full: the run stops).
 */
struct sb_entry *sb_race_alloc(struct sb_run *run);
/* perturb.c: the run's perturbation from its config and caps. */
void sb_perturb_setup(struct sb_run *run);
/* perturb.c: preempt's perturbers, around the workers' lifetime. */
int sb_perturb_start(struct sb_run *run);
void sb_perturb_stop(struct sb_run *run);
void sb_perturb_timer_start(struct sb_thread *t);
void sb_perturb_timer_stop(struct sb_thread *t);

/*
 * hold_ns: the lookup uses the entry it found, reading and verifying it
 * again and again for @cycles, still inside the caller's critical or
 * read-side section (a torn read in that time is a check failure too).
 */
static noinline int sb_entry_hold(const struct sb_entry *e, u64 cycles)
{
	u64 start = sb_now();
	int ret = 0;

	do {
		ret |= sb_entry_verify(e);
		cpu_relax();
	} while (sb_now() - start < cycles);
	return ret;
}

/*
 * A lookup's return besides 0 and -errno: it holds a reference on its entry
 * (t->held), for the loop to use after the section (worker.h). Positive,
 * so that the loop tests for it only on its rare non-zero path.
 */
#define SB_HELD 1

/*
 * ref=refcount, inside the lookup's section: the cs_ns work, then a
 * reference on @e. A count already 0 is an entry on its way out: the
 * lookup found nothing.
 */
static noinline int sb_entry_get(struct sb_thread *t, struct sb_run *run,
				 struct sb_entry *e)
{
	sb_cs(t, run);
	if (!refcount_inc_not_zero(&e->ref))
		return -ENOENT;
	t->held = e;
	return SB_HELD;
}

/* Drop a reference; the last frees the (unlinked) entry. defer.c. */
void sb_entry_put(struct sb_run *run, struct sb_entry *e);

/*
 * Reads an entry with the cs_ns work between the value and the check, then
 * holds it hold_ns; with ref=refcount takes a reference instead, and the
 * reading is done after the section.
 */
static __always_inline int sb_entry_read(struct sb_thread *t,
					 struct sb_run *run,
					 struct sb_entry *e)
{
	int ret;

	if (unlikely(run->ref))
		return sb_entry_get(t, run, e);
	ret = sb_entry_verify(e);

	sb_cs(t, run);
	if (unlikely(run->hold_cycles))
		ret |= sb_entry_hold(e, run->hold_cycles);
	return ret;
}

/*
 * value++ as read-work-write, the same code with and without a lock: under a
 * lock it is an atomic update; for `none` the cs_ns work is the window in
 * which a concurrent update is lost (check-then-act).
 */
static __always_inline void sb_entry_bump(struct sb_thread *t,
					  struct sb_run *run,
					  struct sb_entry *e)
{
	u64 v = READ_ONCE(e->value);

	sb_cs(t, run);
	/*
	 * Marked for the compiler; the lock (or its absence, for none) is
	 * what makes it atomic: KCSAN reports a concurrent writer.
	 */
	ASSERT_EXCLUSIVE_WRITER(e->value);
	WRITE_ONCE(e->value, v + 1);
	WRITE_ONCE(e->check, sb_check_of(e->key, v + 1));
}

/*
 * Lookup/update of @key in its bucket @b; the caller holds whatever the
 * primitive needs for @b.
 */
static __always_inline int sb_lookup_locked(struct sb_thread *t,
					    struct sb_run *run,
					    struct sb_bucket *b, u64 key)
{
	struct sb_entry *e = sb_list_find(b, key);

	if (!e)
		return -ENOENT;
	return sb_entry_read(t, run, e);
}

/*
 * delete_insert under the lock: the cs_ns work, then the thread's spare
 * entry replaces @old under a key absent from the list; @old is freed by
 * the loop after the unlock.
 */
static noinline int sb_churn_locked(struct sb_thread *t, struct sb_run *run,
				    struct sb_bucket *b, struct sb_entry *old)
{
	struct sb_entry *new = t->spare;

	if (!new)
		return -ENOMEM;
	if (unlikely(run->list.quarantine)) {
		/* a broken primitive: nothing held; old stays allocated */
		if (!sb_race_quarantine_add(run, new))
			return -ENOSPC;
		t->spare = NULL;
		sb_cs(t, run);
		sb_list_churn_racy(b, old, new);
		return 0;
	}
	t->spare = NULL;
	sb_cs(t, run);
	sb_list_churn(b, old, new, false);
	t->to_free = old;
	return 0;
}

static __always_inline int sb_update_locked(struct sb_thread *t,
					    struct sb_run *run,
					    struct sb_bucket *b, u64 key)
{
	struct sb_entry *e = sb_list_find(b, key);

	if (!e)
		return -ENOENT;
	if (unlikely(run->churn))
		return sb_churn_locked(t, run, b, e);
	sb_entry_bump(t, run, e);
	return 0;
}

/*
 * run.c: the worst case of @cfg's run against si_mem_available()
 * (sb_budget.h): 0 with the caps it runs with, or -1 with the reason.
 */
int sb_run_plan(const struct sb_config *cfg, const struct sb_prim_ops *ops,
		struct sb_mem_plan *plan, char *err, size_t errlen);
/* run.c: the controller. Fills @r whatever happens; see run.c. */
int sb_run_bench(const struct sb_config *cfg, const struct sb_prim_ops *ops,
		 const struct sb_mem_plan *plan, struct sb_result *r,
		 wait_queue_head_t *abort_wq, bool *abort);

/* worker.c */
int sb_worker(void *arg);

/* irq_contender.c */
void sb_irq_start(struct sb_thread *t);
void sb_irq_stop(struct sb_thread *t);

#endif /* SB_RUN_H */
