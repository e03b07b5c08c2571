// SPDX-License-Identifier: GPL-2.0
/* Cycle-counter calibration; see clock.h. */
#include <stdlib.h>
#include <string.h>
#include "clock.h"

struct sb_clock_info sb_clk = {
	.use_tsc = 0, .tsc_khz = 1000000, .ns_mult = 1ULL << 32,
	.tick_mult = 1ULL << 32,
};

/* Both flags on the first "flags" line: the TSC rate is invariant. */
static int sb_tsc_invariant(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[4096];
	int ok = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "flags", 5))
			continue;
		ok = strstr(line, " constant_tsc") && strstr(line, " nonstop_tsc") &&
		     strstr(line, " rdtscp");
		break;
	}
	fclose(f);
	return ok;
}

/*
 * One (ticks, ns) pair, the TSC read bracketed by two CLOCK_MONOTONIC reads
 * that are close together: a pair torn by preemption (or a slow vDSO read)
 * would skew the calibration of a whole run, so it is taken again.
 */
static void sb_clock_pair(sb_u64 *ticks, sb_u64 *ns)
{
	sb_u64 a, b, c, best = ~0ULL;
	int i;

	for (i = 0; i < 100; i++) {
		a = sb_mono_ns();
		c = sb_ticks();
		b = sb_mono_ns();
		if (b - a < best) {
			best = b - a;
			*ticks = c;
			*ns = a + (b - a) / 2;
		}
		if (best < 1000)
			break;
	}
}

/*
 * Cost of one sb_ticks(), in ps: the fastest of many short rounds. A round
 * takes some 20 to 50 us, so a preemption or an interrupt spoils the one
 * round it lands in and the minimum discards it; a mean over one long loop
 * would carry every interruption in it.
 */
static sb_u64 sb_timestamp_cost_ps(void)
{
	const unsigned int n = 2000, rounds = 50;
	sb_u64 t0, t1, sink = 0, best = ~0ULL;
	unsigned int i, k;

	for (k = 0; k < rounds; k++) {
		t0 = sb_mono_ns();
		for (i = 0; i < n; i++)
			sink += sb_ticks();
		t1 = sb_mono_ns();
		if (t1 - t0 < best)
			best = t1 - t0;
	}
	__asm__ __volatile__("" : : "r"(sink));
	return best * 1000 / n;
}

static int sb_cmp_u64(const void *a, const void *b)
{
	sb_u64 x = *(const sb_u64 *)a, y = *(const sb_u64 *)b;

	return x < y ? -1 : x > y;
}

/*
 * What every latency sample carries: t1 - t0 around nothing, as the
 * kernel side measures its harness_ns. Each round's median sample (an
 * interrupted sample is one of 1001, and the median ignores it), the
 * lowest over a few rounds (a round that was migrated or slowed as a whole
 * is discarded too).
 */
static sb_u64 sb_empty_section_ns(void)
{
	enum { n = 1001, rounds = 9 };
	sb_u64 d[n], best = ~0ULL;
	unsigned int i, k;

	for (k = 0; k < rounds; k++) {
		for (i = 0; i < n; i++) {
			sb_u64 t0 = sb_ticks();

			__asm__ __volatile__("" ::: "memory");
			d[i] = sb_ticks() - t0;
		}
		qsort(d, n, sizeof(d[0]), sb_cmp_u64);
		if (d[n / 2] < best)
			best = d[n / 2];
	}
	return sb_ticks_to_ns(best);
}

int sb_clock_tsc_usable(void)
{
	const char *force = getenv("SYNCBENCH_USER_CLOCK");

	return !(force && !strcmp(force, "monotonic")) && sb_tsc_invariant();
}

/* Ticks at @khz (0: CLOCK_MONOTONIC, a tick is a ns). */
static void sb_clock_set_rate(sb_u64 khz)
{
	sb_clk.use_tsc = khz != 0;
	sb_clk.tsc_khz = khz ? khz : 1000000;
	sb_clk.ns_mult = (1000000ULL << 32) / sb_clk.tsc_khz;
	sb_clk.tick_mult = (sb_clk.tsc_khz << 32) / 1000000ULL;
}

/* The TSC against CLOCK_MONOTONIC over @window_ns, in kHz. */
static sb_u64 sb_tsc_khz_over(sb_u64 window_ns)
{
	sb_u64 n0, n1, c0, c1;

	/*
	 * A tight pair at each end: the ns between the two clocks' reads
	 * are a few ppm of a 20 ms window.
	 */
	sb_clock_pair(&c0, &n0);
	do
		sb_clock_pair(&c1, &n1);
	while (n1 - n0 < window_ns);
	return (c1 - c0) * 1000000ULL / (n1 - n0);
}

static sb_u64 sb_tsc_khz_measure(void)
{
	return sb_tsc_khz_over(20000000ULL);
}

sb_u64 sb_clock_tsc_khz_now(void)
{
	int was = sb_clk.use_tsc;
	sb_u64 khz;

	sb_clk.use_tsc = 1;	/* sb_ticks() reads rdtscp while measuring */
	khz = sb_tsc_khz_over(SB_CLOCK_CHECK_MS * 1000000ULL);
	sb_clk.use_tsc = was;
	return khz;
}

void sb_clock_init(void)
{
	sb_clock_set_rate(0);
	if (sb_clock_tsc_usable()) {
		/* ticks are read with rdtscp while measuring the rate */
		sb_clk.use_tsc = 1;
		sb_clock_set_rate(sb_tsc_khz_measure());
	}
	sb_clk.timestamp_ps = sb_timestamp_cost_ps();
	sb_clk.timestamp_ns = (sb_clk.timestamp_ps + 500) / 1000;
	sb_clk.empty_ns = sb_empty_section_ns();
}

void sb_clock_given(sb_u64 tsc_khz, sb_u64 timestamp_ps, sb_u64 empty_ns)
{
	sb_clock_set_rate(tsc_khz);
	sb_clk.timestamp_ps = timestamp_ps;
	sb_clk.timestamp_ns = (timestamp_ps + 500) / 1000;
	sb_clk.empty_ns = empty_ns;
}
