// SPDX-License-Identifier: GPL-2.0
/*
 * The harness's own decisions, on exact inputs:
 * - lat_sample=0 (auto): sb_lat_sample_auto() picks the smallest power of
 *   two N <= 1024 with 100 x timestamp <= N x loop (user/run.h), checked at
 *   the boundary, where an off-by-one in the rule or the rounding shows;
 * - sb_window_stretched(): a window whose wall time or whose threads' CPU
 *   time says the workers did not run throughout it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "run.h"

static void test_auto_boundary(void **state)
{
	(void)state;
	/* 100 x 1280 = 128 x 1000: exactly 2%, still allowed */
	assert_int_equal(sb_lat_sample_auto(1280, 1000), 128);
	/* one ps more and 128 is over 2%: the next power of two */
	assert_int_equal(sb_lat_sample_auto(1281, 1000), 256);
	/* time-stamps that cost 1% of the loop: every operation */
	assert_int_equal(sb_lat_sample_auto(10, 1000), 1);
	assert_int_equal(sb_lat_sample_auto(11, 1000), 2);
}

static void test_auto_limits(void **state)
{
	(void)state;
	/* this machine's figures: 18.4 ns a time-stamp, 2.08 ns a loop */
	assert_int_equal(sb_lat_sample_auto(18412, 2081), 1024);
	/* no power of two is enough: the ceiling, never more */
	assert_int_equal(sb_lat_sample_auto(1000000, 1000), SB_LAT_SAMPLE_MAX);
	/* a loop that could not be measured: the ceiling */
	assert_int_equal(sb_lat_sample_auto(18000, 0), SB_LAT_SAMPLE_MAX);
	/* a slow loop (a sanitizer build): fewer untimed operations */
	assert_int_equal(sb_lat_sample_auto(18000, 60000), 32);
}

/* The first user row whose caps include @with and none of @without. */
static const char *prim_with(unsigned int with, unsigned int without)
{
	unsigned int i;

	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];

		if ((p->sides & SB_SIDE_USER) && (p->caps & with) == with &&
		    !(p->caps & without))
			return p->name;
	}
	fail_msg("no user primitive with caps %#x without %#x", with, without);
	return NULL;
}

/* A run of duration_ms=1000 whose threads ran cpu_ms each, on cpus[]. */
static struct sb_run *window(const char *prim, unsigned int n,
			     const unsigned int *cpus, const sb_u64 *cpu_ms)
{
	struct sb_run *run = calloc(1, sizeof(*run));
	unsigned int i;

	assert_non_null(run);
	run->threads = aligned_alloc(SB_CACHELINE, n * sizeof(*run->threads));
	assert_non_null(run->threads);
	memset(run->threads, 0, n * sizeof(*run->threads));
	run->nr_threads = n;
	run->cfg.duration_ms = 1000;
	snprintf(run->cfg.prim, sizeof(run->cfg.prim), "%s", prim);
	for (i = 0; i < n; i++) {
		run->threads[i].cpu = cpus[i];
		run->threads[i].cpu_ns = cpu_ms[i] * 1000000ULL;
	}
	return run;
}

static void window_free(struct sb_run *run)
{
	free(run->threads);
	free(run);
}

#define MS 1000000ULL

static void test_window_wall(void **state)
{
	const char *spins = prim_with(0, SB_CAP_SLEEPS | SB_CAP_GRACE);
	static const unsigned int cpu[] = { 0, 1 };
	static const sb_u64 ran[] = { 1000, 1000 };
	struct sb_run *run = window(spins, 2, cpu, ran);
	char why[SB_REASON_LEN] = "";

	(void)state;
	/* a sleep that overslept: fine */
	assert_int_equal(sb_window_stretched(run, 1300 * MS, why, sizeof(why)),
			 0);
	/* 2 x 1000 ms + 500 ms is the limit */
	assert_int_equal(sb_window_stretched(run, 2500 * MS, why, sizeof(why)),
			 0);
	assert_int_equal(sb_window_stretched(run, 2500 * MS + 1, why,
					     sizeof(why)), 1);
	/* the case: stopped 3 s in a 1 s point */
	assert_int_equal(sb_window_stretched(run, 3300 * MS, why, sizeof(why)),
			 1);
	assert_non_null(strstr(why, "3300 ms of wall time for duration_ms=1000"));
	window_free(run);
}

/* A job-control stop inside the window: its SIGCONT tells, whatever else. */
static void test_window_sigcont(void **state)
{
	const char *sleeps = prim_with(SB_CAP_SLEEPS, 0);
	static const unsigned int cpu[] = { 0, 1 };
	static const sb_u64 ran[] = { 1000, 1000 };
	struct sb_run *run = window(sleeps, 2, cpu, ran);
	char why[SB_REASON_LEN] = "";

	(void)state;
	assert_int_equal(sb_window_stretched(run, 1000 * MS, why, sizeof(why)),
			 0);
	run->stopped = 1;
	assert_int_equal(sb_window_stretched(run, 1000 * MS, why, sizeof(why)),
			 1);
	assert_non_null(strstr(why, "stopped during it"));
	window_free(run);
}

static void test_window_cpu(void **state)
{
	const char *spins = prim_with(0, SB_CAP_SLEEPS | SB_CAP_GRACE);
	const char *sleeps = prim_with(SB_CAP_SLEEPS, 0);
	static const unsigned int cpu[] = { 0, 1 };
	static const sb_u64 starved[] = { 60, 39 }, slow[] = { 60, 40 };
	struct sb_run *run = window(spins, 2, cpu, starved);
	char why[SB_REASON_LEN] = "";

	(void)state;
	/* 99 ms of CPU in all, 2 threads x 1000 ms: under a twentieth */
	assert_int_equal(sb_window_stretched(run, 1000 * MS, why, sizeof(why)),
			 1);
	assert_non_null(strstr(why, "2 threads ran 99 ms of CPU time"));
	window_free(run);
	/* a twentieth is the limit */
	run = window(spins, 2, cpu, slow);
	assert_int_equal(sb_window_stretched(run, 1000 * MS, why, sizeof(why)),
			 0);
	window_free(run);
	/* a window of a few scheduler periods: no verdict on CPU time */
	run = window(spins, 2, cpu, starved);
	run->cfg.duration_ms = 50;
	run->threads[0].cpu_ns = run->threads[1].cpu_ns = 0;
	assert_int_equal(sb_window_stretched(run, 50 * MS, why, sizeof(why)),
			 0);
	window_free(run);
	/* a lock that sleeps: CPU-less waiting is its nature, not a stop */
	run = window(sleeps, 2, cpu, starved);
	assert_int_equal(sb_window_stretched(run, 1000 * MS, why, sizeof(why)),
			 0);
	window_free(run);
}

/*
 * Threads sharing a CPU (--oversubscribe): no fair share to measure
 * against, a spinner may hold the CPU all window long; only the wall time
 * counts.
 */
static void test_window_shared_cpu(void **state)
{
	const char *spins = prim_with(0, SB_CAP_SLEEPS | SB_CAP_GRACE);
	static const unsigned int cpu[] = { 0, 1, 0 };
	static const sb_u64 none[] = { 0, 0, 0 };
	struct sb_run *run = window(spins, 3, cpu, none);
	char why[SB_REASON_LEN] = "";

	(void)state;
	assert_int_equal(sb_window_stretched(run, 1000 * MS, why, sizeof(why)),
			 0);
	assert_int_equal(sb_window_stretched(run, 3000 * MS, why, sizeof(why)),
			 1);
	window_free(run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_auto_boundary),
		cmocka_unit_test(test_auto_limits),
		cmocka_unit_test(test_window_wall),
		cmocka_unit_test(test_window_sigcont),
		cmocka_unit_test(test_window_cpu),
		cmocka_unit_test(test_window_shared_cpu),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
