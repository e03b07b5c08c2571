/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The timed loop, generated once per primitive so that the lock and the
 * list walk inline into it. A primitive file defines
 *
 *   SB_WORKER		the name of the function to generate
 *   SB_LOOKUP(t, key)	one lookup of key, verifying its check
 *   SB_UPDATE(t, key)	one update of key (value + 1)
 *   SB_AFTER_OP(t)	optional: after every operation (RCU qsbr)
 *
 * and includes this file. Each iteration: read the phase (one read-shared
 * cache line), draw a key and the lookup/update choice from one xorshift
 * draw, do the operation (timed one in lat_sample), count it, think.
 */
#include "run.h"
#include "clock.h"

#ifndef SB_AFTER_OP
#define SB_AFTER_OP(t) do { } while (0)
#endif

static void SB_WORKER(struct sb_thread *t)
{
	struct sb_run *run = t->run;
	const sb_u64 len = run->cfg.list_len;
	const sb_u64 thresh = run->upd_thresh;
	const sb_u64 think = run->think_ticks;
	const sb_u32 sample = (sb_u32)run->cfg.lat_sample;
	sb_u32 left = sample;
	sb_u64 rnd = t->rnd;
	int phase = SB_PH_WARMUP;

	for (;;) {
		int ph = sb_run_phase(run);
		sb_u64 r, key;
		int upd;

		if (__builtin_expect(ph != phase, 0)) {
			if (ph == SB_PH_STOP)
				break;
			phase = ph;
			sb_thread_window_start(t);
		}
		r = sb_rand(&rnd);
		/* multiply-shift, not %: a division costs more than the lock */
		key = ((r >> 32) * len) >> 32;
		upd = (r & 0xffffffffULL) < thresh;
		if (__builtin_expect(--left != 0, 1)) {
			if (upd)
				SB_UPDATE(t, key);
			else
				SB_LOOKUP(t, key);
		} else {
			sb_u64 t0 = sb_ticks();

			if (upd)
				SB_UPDATE(t, key);
			else
				SB_LOOKUP(t, key);
			sb_hist_record(&t->hist[upd ? SB_H_UPDATE : SB_H_LOOKUP],
				       sb_ticks_to_ns(sb_ticks() - t0));
			left = sample;
		}
		if (upd)
			t->updates++;
		else
			t->lookups++;
		SB_AFTER_OP(t);
		if (think) {
			t->think_ticks += sb_busy_ticks(think);
			t->think_count++;
		}
	}
	t->rnd = rnd;
}

#undef SB_WORKER
#undef SB_LOOKUP
#undef SB_UPDATE
#undef SB_AFTER_OP
