// SPDX-License-Identifier: GPL-2.0
/*
 * null: the timed loop alone, no lock and no list walk: what the harness
 * costs one operation (the key draw, the update choice, the sampling at
 * lat_sample, think time, the batch bookkeeping). Its catalogue row says
 * SB_CAP_HARNESS: it changes nothing, so the list check expects the initial
 * sum. Every run also measures it before starting (run.c): loop_ns.
 */
#include <linux/ktime.h>
#include <linux/sched/signal.h>
#include "prim.h"

/* The key reaches a register, so the draw is not optimised away. */
static __always_inline int sb_null_op(struct sb_thread *t, struct sb_run *run,
				      u64 key)
{
	asm volatile("" : : "r" (key));
	return 0;
}

#define SB_LOOP sb_null_loop
#define SB_LOOP_FIXED sb_null_loop_fixed
#define SB_LOOKUP sb_null_op
#define SB_UPDATE sb_null_op
#include "worker.h"

/* Rounds of the null pass: best of up to 16, stopping after ~20 ms. */
#define SB_NULL_ROUNDS 16
#define SB_NULL_BUDGET_NS (20 * NSEC_PER_MSEC)
/* Operations per round: one in 1024 is timed at most, so 1024 hold one. */
#define SB_NULL_ROUND_OPS 1024
/* ...but a round with think time stays near 100 us. */
#define SB_NULL_ROUND_NS (100 * NSEC_PER_USEC)

u64 sb_null_loop_ps(struct sb_thread *t)
{
	struct sb_run *run = t->run;
	u64 ops = SB_NULL_ROUND_OPS, best = U64_MAX, begin, batches;
	unsigned int i;

	if (run->cfg.think_ns)
		ops = clamp_t(u64, SB_NULL_ROUND_NS / run->cfg.think_ns, 1,
			      SB_NULL_ROUND_OPS);
	batches = max_t(u64, 1, ops / run->batch);
	begin = ktime_get_ns();
	for (i = 0; i < SB_NULL_ROUNDS; i++) {
		u64 t0, c, n;

		if (signal_pending(current))
			return 0;
		t0 = sb_now();
		n = sb_null_loop_fixed(t, batches);
		c = sb_now() - t0;
		if (n)
			best = min(best, div64_u64(sb_cycles_to_ns(c * 1000), n));
		if (i >= 2 && ktime_get_ns() - begin > SB_NULL_BUDGET_NS)
			break;
	}
	return best == U64_MAX ? 0 : max_t(u64, best, 1);
}

const struct sb_prim_ops sb_prim_null = {
	.name = "null",
	.loop = sb_null_loop,
};
