/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's timed loop, generated once per primitive so that the lock and
 * the list walk inline into it (Concurrency Kit's shape; user/worker.h is
 * the userspace twin). A primitive file defines
 *
 *   SB_LOOP			the name of the loop to generate (its ops->loop)
 *   SB_LOOKUP(t, run, key)	one lookup of key: 0, -ENOENT, -EBADMSG or
 *				SB_HELD (ref=refcount: the entry to use)
 *   SB_UPDATE(t, run, key)	one update of key: 0, -ENOENT or -ENOMEM
 *   SB_LOOP_FIXED		optional: also generate
 *				u64 SB_LOOP_FIXED(t, batches), a fixed number
 *				of measured batches returning the operations
 *				done (the null loop's cost, calibration)
 *
 * as static __always_inline functions or macros, and includes this file.
 *
 * Each operation: one random draw (common/sb_op.h: the generator and its
 * decoding, shared with user/worker.h) gives the key (top half,
 * multiply-shift), the lookup/update choice (bottom half against
 * t->upd_thresh: the run's update_pct, or the thread's role), folded into
 * op_digest for the first SB_OP_DIGEST_OPS, and, from
 * the Weyl state it advanced, whether to time it (top half against
 * run->sample_thresh: one in lat_sample, evenly spread). The Weyl state is
 * also the operation counter, so the window's operations cost nothing to
 * count; the updates are one register; failures (never, on a sound list)
 * go to an out-of-line function. Everything is written back to the thread
 * after its last phase.
 *
 * The phase (and the stop flag, as SB_PH_STOP) is read once per batch of
 * run->batch operations, and cond_resched() runs there too: between
 * operations, never inside a critical section. run->batch is bounded in
 * count and, through list_len, cs_ns and think_ns, in time (run.c), so the
 * stop is seen within about 200 us of work and no CPU is hogged.
 */
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "run.h"
#include "sb_op.h"

#ifndef SB_WORKER_H_ONCE
#define SB_WORKER_H_ONCE

/* The 1-in-lat_sample timed operation: out of line, off the fast path. */
static noinline void sb_worker_sample(struct sb_thread *t, bool upd, u64 t0)
{
	u64 ns = sb_cycles_to_ns(sb_now() - t0);

	sb_hist_record(&t->hist[upd ? SB_H_UPDATE : SB_H_LOOKUP], ns);
}

/*
 * A failed operation: a torn entry is a lookup done (and a check failure);
 * a missing key or a failed allocation is not an operation done.
 */
static noinline void sb_worker_err(struct sb_thread *t, bool upd, int ret,
				   bool win)
{
	/*
	 * delete_insert: a key off the list is a lookup done that found
	 * nothing, or an update that changed nothing (not in the sum).
	 */
	if (ret == -ENOENT && t->run->churn) {
		if (upd)
			t->failed_updates++;
		if (win && upd)
			t->update_misses++;
		else if (win)
			t->lookup_misses++;
		return;
	}
	if (ret == -EBADMSG) {
		t->check_failures++;
		sb_violation(t);
		return;
	}
	/*
	 * A SB_CAP_UAF row used an entry already freed (race.c counted it):
	 * a lookup done (it read poison); an update that changed nothing.
	 * -ENOSPC: the quarantine is full, the run is stopping (race.c).
	 */
	if (ret == -ESTALE || ret == -ENOSPC) {
		if (upd)
			t->failed_updates++;
		if (win && upd)
			t->win_failed_updates++;
		return;
	}
	if (ret == -ENOMEM)
		t->alloc_failures++;
	else
		t->misses++;
	if (upd)
		t->failed_updates++;
	if (win && upd)
		t->win_failed_updates++;
	else if (win)
		t->win_failed_lookups++;
}

/*
 * delete_insert, before an update (outside any critical section): the
 * fresh entry a lock primitive's update links, if the last one was used.
 */
static noinline void sb_worker_churn_prep(struct sb_thread *t)
{
	if (!t->spare)
		t->spare = sb_entry_alloc(t->run->list.node, SB_GFP);
}

/*
 * ... after it, the lock dropped: the entry it unlinked (with ref=refcount
 * the list's reference on it: a lookup may still be using it).
 */
static noinline void sb_worker_churn_done(struct sb_thread *t)
{
	if (t->to_free && t->run->ref)
		sb_entry_put(t->run, t->to_free);
	else
		kfree(t->to_free);
	t->to_free = NULL;
}

/*
 * ref=refcount, after the lookup's section: use the entry (read and
 * verify it, hold it hold_ns), then drop the reference.
 */
static noinline int sb_worker_use(struct sb_thread *t, struct sb_run *run)
{
	struct sb_entry *e = t->held;
	int ret = sb_entry_verify(e);

	t->held = NULL;
	if (run->hold_cycles)
		ret |= sb_entry_hold(e, run->hold_cycles);
	sb_entry_put(run, e);
	return ret;
}

static noinline void sb_worker_think(struct sb_thread *t, u64 cycles)
{
	t->think_cycles += sb_busy_wait(cycles);
	t->think_count++;
}

/*
 * update_interval_ns: an updater's updates start one interval apart (a
 * deadline schedule, so a slow update does not shift the later ones; more
 * than an interval behind, it starts afresh from now). Long waits sleep
 * (the CPU is free for others, as a control path's would be), in slices
 * of at most 1 ms so that a phase change is seen; the last 20 us spin.
 * Between operations: never inside a critical section. A paced update is
 * always timed (SB_STEP): beside the wait, two time-stamps cost nothing,
 * and the updater's latency is the point.
 */
static noinline void sb_worker_pace(struct sb_thread *t, struct sb_run *run)
{
	u64 now = ktime_get_ns(), due = t->next_update + run->upd_interval_ns;
	int ph = READ_ONCE(run->phase);

	if (!t->next_update || due + run->upd_interval_ns < now)
		due = now;
	t->next_update = due;
	while (now < due && READ_ONCE(run->phase) == ph) {
		u64 left = due - now;

		if (left > 20 * NSEC_PER_USEC) {
			unsigned long us = min_t(u64, left - 10 * NSEC_PER_USEC,
						 NSEC_PER_MSEC) / NSEC_PER_USEC;

			usleep_range(us, us + 10);
		} else {
			cpu_relax();
		}
		now = ktime_get_ns();
	}
}

/*
 * One operation. W: in the measured window (a constant: the sampling test
 * and the timing exist only in the window's copy of the loop). U: set to
 * whether it was an update.
 */
#define SB_STEP(W, U)							\
	do {								\
		u64 r_ = sb_rand(&rnd);					\
		u64 key_ = sb_op_key(r_, run->key_space);		\
		bool upd_ = sb_op_is_update(r_, t->upd_thresh);		\
		int ret_;						\
									\
		sb_op_note(&t->op_dig, key_, upd_);			\
		if (unlikely(upd_ && run->churn))			\
			sb_worker_churn_prep(t);			\
		if (!(W) || likely((rnd >> 32) >= run->sample_thresh &&	\
				   !(upd_ && run->upd_interval_ns))) {	\
			ret_ = upd_ ? SB_UPDATE(t, run, key_) :		\
				      SB_LOOKUP(t, run, key_);		\
		} else {						\
			u64 t0_ = sb_now();				\
									\
			ret_ = upd_ ? SB_UPDATE(t, run, key_) :		\
				      SB_LOOKUP(t, run, key_);		\
			sb_worker_sample(t, upd_, t0_);			\
		}							\
		nu += upd_;						\
		(U) = upd_;						\
		if (unlikely(upd_ && run->churn))			\
			sb_worker_churn_done(t);			\
		if (unlikely(ret_ == SB_HELD))				\
			ret_ = sb_worker_use(t, run);			\
		if (unlikely(ret_))					\
			sb_worker_err(t, upd_, ret_, (W));		\
		if (unlikely(run->think_cycles))			\
			sb_worker_think(t, run->think_cycles);		\
		if (unlikely(upd_ && run->upd_interval_ns))		\
			sb_worker_pace(t, run);				\
	} while (0)

/*
 * Batches of operations while the phase is @ph; cond_resched() between.
 * An update may be long (RCU's waits for a grace period, milliseconds):
 * the phase is read again after each one, so a batch of them cannot
 * outlast a phase. A load of a read-mostly line, on the rarer operation.
 */
#define SB_PHASE(ph, W)							\
	do {								\
		while (READ_ONCE(run->phase) == (ph)) {			\
			unsigned int i_;				\
			bool u_;					\
									\
			for (i_ = 0; i_ < run->batch; i_++) {		\
				SB_STEP(W, u_);				\
				if (u_ && READ_ONCE(run->phase) != (ph)) \
					break;				\
			}						\
			cond_resched();					\
		}							\
	} while (0)

#endif /* SB_WORKER_H_ONCE */

static void SB_LOOP(struct sb_thread *t)
{
	struct sb_run *run = t->run;
	u64 rnd = t->rng, nu = 0, start, nu_start;

	SB_PHASE(SB_PH_WARMUP, false);
	start = rnd;
	nu_start = nu;
	SB_PHASE(SB_PH_MEASURE, true);
	t->updates = nu - nu_start - t->win_failed_updates;
	t->lookups = sb_rand_draws(start, rnd) - (nu - nu_start) -
		     t->win_failed_lookups;
	/* Keep the load on until every thread has left its window. */
	SB_PHASE(SB_PH_COOLDOWN, false);
	t->updates_done = nu - t->failed_updates;
	t->rng = rnd;
}

#ifdef SB_LOOP_FIXED
static u64 SB_LOOP_FIXED(struct sb_thread *t, u64 batches)
{
	struct sb_run *run = t->run;
	u64 rnd = t->rng, nu = 0, b, start = rnd;

	for (b = 0; b < batches; b++) {
		unsigned int i_;
		bool u_;

		for (i_ = 0; i_ < run->batch; i_++) {
			SB_STEP(true, u_);
			if (u_ && READ_ONCE(run->phase) == SB_PH_STOP)
				break;
		}
		cond_resched();
	}
	t->updates_done += nu;
	t->rng = rnd;
	return sb_rand_draws(start, rnd);
}
#undef SB_LOOP_FIXED
#endif

#undef SB_LOOP
#undef SB_LOOKUP
#undef SB_UPDATE
