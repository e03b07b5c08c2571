/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Time-stamps for the userspace mirror: rdtscp where the TSC is invariant
 * (constant_tsc and nonstop_tsc in /proc/cpuinfo), CLOCK_MONOTONIC
 * otherwise. Never cpuid: it traps to the hypervisor in a VM and would cost
 * microseconds per sample.
 *
 * Ticks are converted to ns with a 32.32 fixed-point multiplier computed
 * once by sb_clock_init() against CLOCK_MONOTONIC; with clock=monotonic a
 * tick is already a nanosecond and the multiplier is 1.0.
 */
#ifndef SB_USER_CLOCK_H
#define SB_USER_CLOCK_H

#include <time.h>
#include "sb_result.h"

struct sb_clock_info {
	int use_tsc;		/* enum sb_clock: SB_CLOCK_TSC or _MONOTONIC */
	sb_u64 tsc_khz;		/* ticks per ms; 1000000 for monotonic */
	sb_u64 ns_mult;		/* ns = ticks * ns_mult >> 32 */
	sb_u64 tick_mult;	/* ticks = ns * tick_mult >> 32 */
	sb_u64 timestamp_ps;	/* measured cost of one sb_ticks() */
	sb_u64 timestamp_ns;	/* ... rounded, as the record carries it */
	sb_u64 empty_ns;	/* a timed empty section: t1 - t0, nothing between */
};

extern struct sb_clock_info sb_clk;

/*
 * Calibrate and measure the time-stamp and empty-section costs on the
 * calling thread's CPU (about 25 ms). SYNCBENCH_USER_CLOCK=monotonic forces
 * the fallback, so it can be tested on a machine that has a good TSC.
 */
void sb_clock_init(void);
/* Whether sb_clock_init() would use the TSC (the environment, the flags). */
int sb_clock_tsc_usable(void);
/*
 * The same figures, measured before by sb_clock_init() on this CPU (the
 * matrix's calibration, user/calib.h); @tsc_khz 0 for CLOCK_MONOTONIC.
 */
void sb_clock_given(sb_u64 tsc_khz, sb_u64 timestamp_ps, sb_u64 empty_ns);
/*
 * The TSC's rate now, against CLOCK_MONOTONIC over SB_CLOCK_CHECK_MS (a
 * given rate is checked with it: a wrong one scales every timing).
 */
#define SB_CLOCK_CHECK_MS 5
sb_u64 sb_clock_tsc_khz_now(void);

static inline sb_u64 sb_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (sb_u64)ts.tv_sec * 1000000000ULL + (sb_u64)ts.tv_nsec;
}

static inline sb_u64 sb_ticks(void)
{
#if defined(__x86_64__)
	if (__builtin_expect(sb_clk.use_tsc, 1)) {
		unsigned int lo, hi, aux;

		/* rdtscp waits for earlier instructions: no lfence needed */
		__asm__ __volatile__("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
		return ((sb_u64)hi << 32) | lo;
	}
#endif
	return sb_mono_ns();
}

static inline sb_u64 sb_ticks_to_ns(sb_u64 ticks)
{
	return (sb_u64)(((unsigned __int128)ticks * sb_clk.ns_mult) >> 32);
}

static inline sb_u64 sb_ns_to_ticks(sb_u64 ns)
{
	return (sb_u64)(((unsigned __int128)ns * sb_clk.tick_mult) >> 32);
}

/*
 * Busy-wait for @ticks (the calibrated cs_ns/think_ns work); returns the
 * ticks it really took, so the result can report the applied contention.
 */
static inline sb_u64 sb_busy_ticks(sb_u64 ticks)
{
	sb_u64 t0 = sb_ticks(), t;

	do {
		__builtin_ia32_pause();
		t = sb_ticks();
	} while (t - t0 < ticks);
	return t - t0;
}

#endif /* SB_USER_CLOCK_H */
