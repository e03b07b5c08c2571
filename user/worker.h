/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The timed loop, generated once per primitive so that the lock and the
 * list walk inline into it. A primitive file defines
 *
 *   SB_WORKER		the name of the function to generate
 *   SB_LOOKUP(t, run, key)	one lookup of key, verifying its check
 *   SB_UPDATE(t, run, key)	one update of key (value + 1)
 *   SB_AFTER_OP(t)	optional: after every operation (RCU qsbr)
 *
 * and includes this file. Each iteration: read the phase (one read-shared
 * cache line), draw the key, the lookup/update choice and whether to time
 * it from one random draw, do the operation, count it, think.
 */
#include "run.h"
#include "clock.h"
#include "listops.h"

#ifndef SB_WORKER_SAMPLE_DEFINED
#define SB_WORKER_SAMPLE_DEFINED
/* The 1-in-lat_sample timed operation: out of line, off the fast path. */
static __attribute__((noinline, unused)) void
sb_worker_sample(struct sb_thread *t, int upd, sb_u64 t0)
{
	sb_hist_record(&t->hist[upd ? SB_H_UPDATE : SB_H_LOOKUP],
		       sb_ticks_to_ns(sb_ticks() - t0));
}
#endif

#ifndef SB_WORKER_CHURN_DEFINED
#define SB_WORKER_CHURN_DEFINED
/*
 * delete_insert, before an update (outside any critical section): the
 * fresh entry a lock primitive's update links, if the last one was used.
 * A failed allocation leaves none: the update then fails (check_failures).
 */
static __attribute__((noinline, unused)) void
sb_worker_churn_prep(struct sb_thread *t)
{
	if (!t->spare)
		t->spare = sb_entry_new(&t->run->list);
}

/* ... after it, the lock dropped: the entry it unlinked. */
static __attribute__((noinline, unused)) void
sb_worker_churn_done(struct sb_thread *t)
{
	if (!t->to_free)
		return;
	/* ref=refcount: the list's reference; a lookup may still use it */
	if (t->run->ref)
		sb_entry_put(t->run, t->to_free);
	else
		sb_entry_drop(&t->run->list, t->to_free);
	t->to_free = NULL;
}

/*
 * ref=refcount, after the lookup's section: use the entry (read and check
 * it, hold it hold_ns), then drop the reference.
 */
static __attribute__((noinline, unused)) void
sb_worker_use(struct sb_thread *t, struct sb_run *run)
{
	struct sb_entry *e = t->held;
	sb_u64 v = SB_READ_ONCE(e->value);
	int bad = SB_READ_ONCE(e->check) != sb_entry_check(e->key, v);

	t->held = NULL;
	if (run->hold_ticks)
		bad |= sb_hold_entry(e, e->key, run->hold_ticks);
	if (bad) {
		t->check_failures++;
		sb_violation(t);
	}
	sb_entry_put(run, e);
}
#endif

#ifndef SB_WORKER_PACE_DEFINED
#define SB_WORKER_PACE_DEFINED
/*
 * update_interval_ns: an updater's updates start one interval apart (a
 * deadline schedule; more than an interval behind, it starts afresh from
 * now). Long waits sleep, freeing the CPU as a control path would, in
 * slices of at most 1 ms so that the phase change is seen; the last 20 us
 * spin. Between operations, never inside a critical section. A paced
 * update is always timed (SB_WORKER_STEP): beside the wait, two
 * time-stamps cost nothing, and the updater's latency is the point.
 */
static __attribute__((noinline, unused)) void
sb_worker_pace(struct sb_thread *t, struct sb_run *run)
{
	sb_u64 now = sb_mono_ns(), due = t->next_update + run->upd_interval_ns;
	int ph = sb_run_phase(run);

	if (!t->next_update || due + run->upd_interval_ns < now)
		due = now;
	t->next_update = due;
	while (now < due && sb_run_phase(run) == ph) {
		sb_u64 left = due - now;

		if (left > 20000) {
			sb_u64 ns = left - 10000 < 1000000 ? left - 10000 :
				    1000000;
			struct timespec ts = { 0, (long)ns };

			nanosleep(&ts, NULL);
		} else {
			__builtin_ia32_pause();
		}
		now = sb_mono_ns();
	}
}
#endif

#ifndef SB_AFTER_OP
#define SB_AFTER_OP(t) do { } while (0)
#endif

/*
 * One iteration; a macro so that the warm-up and the window share it.
 * Which operations are timed is decided by the top half of the Weyl
 * state, a low-discrepancy sequence independent of the mixed draw: one in
 * lat_sample, evenly spread and never in step with anything periodic,
 * so the untimed fast path carries no sampling state across the lock
 * calls: nothing to spill, no store to drain before the locked
 * instruction.
 */
#define SB_WORKER_STEP							\
	do {								\
		sb_u64 r = sb_rand(&rnd);				\
		/* multiply-shift, not %: a division costs more	*/	\
		sb_u64 key = sb_op_key(r, run->key_space);		\
		int upd = sb_op_is_update(r, t->upd_thresh);		\
									\
		sb_op_note(&t->op_dig, key, upd);			\
		if (__builtin_expect(upd && run->churn, 0))		\
			sb_worker_churn_prep(t);			\
		if (__builtin_expect((rnd >> 32) >= run->sample_thresh && \
				     !(upd && run->upd_interval_ns), 1)) { \
			if (!upd) {					\
				SB_LOOKUP(t, run, key);			\
			} else {					\
				SB_UPDATE(t, run, key);			\
				nu++;	/* touched on updates only */	\
			}						\
		} else {						\
			sb_u64 t0 = sb_ticks();				\
									\
			if (upd)					\
				SB_UPDATE(t, run, key);			\
			else						\
				SB_LOOKUP(t, run, key);			\
			sb_worker_sample(t, upd, t0);			\
			nu += upd;					\
		}							\
		if (__builtin_expect(upd && run->churn, 0))		\
			sb_worker_churn_done(t);			\
		if (__builtin_expect(t->held != NULL, 0))		\
			sb_worker_use(t, run);				\
		SB_AFTER_OP(t);						\
		if (run->think_ticks) {					\
			t->think_ticks += sb_busy_ticks(run->think_ticks); \
			t->think_count++;				\
		}							\
		if (__builtin_expect(upd && run->upd_interval_ns, 0))	\
			sb_worker_pace(t, run);				\
	} while (0)

static void SB_WORKER(struct sb_thread *t)
{
	/*
	 * Few values live across the lock calls, so that they stay in
	 * callee-saved registers: every store in this loop (a spilled
	 * counter) must drain before the next locked instruction completes,
	 * and would be charged to the primitive. The rest is reloaded from
	 * the run, which costs a cache hit and no store.
	 */
	struct sb_run *run = t->run;
	sb_u64 rnd = t->rnd, nu = 0, start;

	/* One operation done: check in, so the window opens on all of us. */
	SB_WORKER_STEP;
	__atomic_add_fetch(&run->checked_in, 1, __ATOMIC_RELEASE);
	while (sb_run_phase(run) == SB_PH_WARMUP)
		SB_WORKER_STEP;
	t->warm_updates = nu;
	nu = 0;
	start = rnd;
	sb_thread_window_start(t);
	while (sb_run_phase(run) == SB_PH_MEASURE)
		SB_WORKER_STEP;
	t->lookups = sb_rand_draws(start, rnd) - nu;
	t->updates = nu;
	t->rnd = rnd;
}

#undef SB_WORKER
#undef SB_WORKER_STEP
#undef SB_LOOKUP
#undef SB_UPDATE
#undef SB_AFTER_OP
