// SPDX-License-Identifier: GPL-2.0
/* Clock choice, calibration and the calibrated busy-wait; see clock.h. */
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <linux/processor.h>
#include <linux/irqflags.h>
#include <linux/sched.h>
#ifdef CONFIG_X86
#include <asm/cpufeature.h>
#include <asm/tsc.h>
#endif
#include "clock.h"

#define SB_CLOCK_SHIFT 24
#define SB_MEASURE_LOOPS 256
#define SB_MEASURE_ROUNDS 8

struct sb_clock_info sb_clk;

/*
 * Emulated CPUs (QEMU's default models) do not advertise a constant TSC
 * even when theirs is; force_tsc=1 uses it anyway when the kernel has
 * calibrated it, e.g. to exercise the TSC path in a VM.
 */
static bool force_tsc;
module_param(force_tsc, bool, 0444);
MODULE_PARM_DESC(force_tsc, "use the TSC even without constant_tsc");

void sb_clock_init(void)
{
	sb_clk.tsc = false;
	sb_clk.mult = 1;
	sb_clk.shift = 0;
	sb_clk.khz = 1000000;
#ifdef CONFIG_X86
	/*
	 * Only a TSC that ticks at a constant rate is a clock; tsc_khz is the
	 * kernel's calibration of it, which we record in every result.
	 */
	if (boot_cpu_has(X86_FEATURE_TSC) && tsc_khz &&
	    (boot_cpu_has(X86_FEATURE_CONSTANT_TSC) ||
	     boot_cpu_has(X86_FEATURE_TSC_RELIABLE) || force_tsc)) {
		u64 mult = div_u64((u64)NSEC_PER_MSEC << SB_CLOCK_SHIFT,
				   tsc_khz);

		if (mult && mult <= U32_MAX) {
			sb_clk.tsc = true;
			sb_clk.mult = (u32)mult;
			sb_clk.shift = SB_CLOCK_SHIFT;
			sb_clk.khz = tsc_khz;
		}
	}
#endif
}

u64 sb_ns_to_cycles(u64 ns)
{
	/* ns <= 1 ms (config range) and khz < 2^32: no overflow. */
	return div_u64(ns * sb_clk.khz, NSEC_PER_MSEC);
}

/*
 * Spin until @cycles have passed; returns the cycles that really passed.
 * Bounded: the clock always advances and the config caps the wait at 1 ms.
 */
u64 sb_busy_wait(u64 cycles)
{
	u64 start, now;

	if (!cycles)
		return 0;
	start = sb_now();
	do {
		cpu_relax();
		now = sb_now();
	} while (now - start < cycles);
	return now - start;
}

/*
 * The harness cost that every timed operation carries, in ps: the cost of
 * one time-stamp, and of a timed empty critical section (two time-stamps
 * with nothing between them and no lock). Each is the best of
 * SB_MEASURE_ROUNDS rounds of SB_MEASURE_LOOPS, each round with interrupts
 * off: an interrupt (or a vCPU preempted by its host) can only make a round
 * slower, and the minimum discards it, where a mean would carry it.
 */
void sb_clock_measure(u64 *timestamp_ps, u64 *harness_ps)
{
	u64 t0, t1, sum, best_ts = U64_MAX, best_h = U64_MAX;
	unsigned long flags;
	unsigned int i, round;

	for (round = 0; round < SB_MEASURE_ROUNDS; round++) {
		local_irq_save(flags);
		t0 = sb_now();
		for (i = 0; i < SB_MEASURE_LOOPS; i++)
			t1 = sb_now();
		t1 = sb_now();
		best_ts = min(best_ts, t1 - t0);
		sum = 0;
		for (i = 0; i < SB_MEASURE_LOOPS; i++) {
			t0 = sb_now();
			barrier();
			t1 = sb_now();
			sum += t1 - t0;
		}
		local_irq_restore(flags);
		best_h = min(best_h, sum);
		cond_resched();
	}
	*timestamp_ps = div_u64(sb_cycles_to_ns(best_ts * 1000),
				SB_MEASURE_LOOPS + 1);
	*harness_ps = div_u64(sb_cycles_to_ns(best_h * 1000), SB_MEASURE_LOOPS);
}
