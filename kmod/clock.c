// SPDX-License-Identifier: GPL-2.0
/* Clock choice, calibration and the calibrated busy-wait; see clock.h. */
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <linux/processor.h>
#ifdef CONFIG_X86
#include <asm/cpufeature.h>
#include <asm/tsc.h>
#endif
#include "clock.h"

#define SB_CLOCK_SHIFT 24
#define SB_MEASURE_LOOPS 1024

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
 * The harness cost that every timed operation carries: the cost of one
 * time-stamp, and of a timed empty critical section (two time-stamps with
 * nothing between them and no lock), averaged with preemption off.
 */
void sb_clock_measure(u64 *timestamp_ns, u64 *harness_ns)
{
	u64 t0, t1, sum = 0;
	unsigned int i;

	preempt_disable();
	t0 = sb_now();
	for (i = 0; i < SB_MEASURE_LOOPS; i++)
		t1 = sb_now();
	t1 = sb_now();
	*timestamp_ns = sb_cycles_to_ns(t1 - t0) / (SB_MEASURE_LOOPS + 1);
	for (i = 0; i < SB_MEASURE_LOOPS; i++) {
		t0 = sb_now();
		barrier();
		t1 = sb_now();
		sum += t1 - t0;
	}
	preempt_enable();
	*harness_ns = sb_cycles_to_ns(sum) / SB_MEASURE_LOOPS;
}
