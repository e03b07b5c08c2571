/* SPDX-License-Identifier: GPL-2.0 */
/* CLOCK_MONOTONIC in milliseconds: deadlines, timeouts and ETAs. */
#ifndef SB_BENCH_NOW_H
#define SB_BENCH_NOW_H

#include <time.h>

static inline long long sb_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

#endif /* SB_BENCH_NOW_H */
