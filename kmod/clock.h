/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Time-stamps for the measured loop. On x86 with a constant (or declared
 * reliable) TSC we read the cycle counter with rdtsc_ordered() (lfence/rdtscp,
 * never cpuid: it traps under virtualisation) and convert deltas to ns with
 * the kernel's own calibration, tsc_khz; elsewhere we fall back to
 * ktime_get_ns(), whose "cycles" are already ns.
 */
#ifndef SB_CLOCK_H
#define SB_CLOCK_H

#include <linux/types.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#ifdef CONFIG_X86
#include <asm/msr.h>
#endif

struct sb_clock_info {
	bool tsc;	/* sb_now() reads the TSC */
	u32 mult;	/* ns = cycles * mult >> shift */
	u32 shift;
	u64 khz;	/* cycles per ms; 1000000 for the ns clock */
};

extern struct sb_clock_info sb_clk;

static __always_inline u64 sb_now(void)
{
#ifdef CONFIG_X86
	if (likely(sb_clk.tsc))
		return rdtsc_ordered();
#endif
	return ktime_get_ns();
}

static inline u64 sb_cycles_to_ns(u64 cycles)
{
	if (!sb_clk.tsc)
		return cycles;
	return mul_u64_u32_shr(cycles, sb_clk.mult, sb_clk.shift);
}

void sb_clock_init(void);
u64 sb_ns_to_cycles(u64 ns);
u64 sb_busy_wait(u64 cycles);
void sb_clock_measure(u64 *timestamp_ps, u64 *harness_ps);

#endif /* SB_CLOCK_H */
