/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Statistics over the repeats of one point: median, min, max, mean, sample
 * standard deviation and a 95% confidence interval (Student's t, n - 1
 * degrees of freedom). When every sample is positive, as throughputs and
 * latencies are, the interval is that of the geometric mean, computed on
 * the logarithms: run-to-run noise in performance is multiplicative, and
 * the interval then never reaches below zero, which a symmetric interval
 * of the arithmetic mean does with few repeats. Otherwise it is the
 * interval of the arithmetic mean, which stops at 0 when no sample is
 * negative (a count, a rate or a latency is never below 0). With one
 * sample it is the sample.
 */
#ifndef SB_BENCH_STATS_H
#define SB_BENCH_STATS_H

#include <stddef.h>

struct sb_stats {
	size_t n;
	double median;
	double min;
	double max;
	double mean;
	double stddev;
	double ci95_lo;
	double ci95_hi;
};

/* v is not modified; n may be 0 (everything 0 then). */
void sb_stats_compute(const double *v, size_t n, struct sb_stats *out);
/*
 * The median of n samples of which those with censored[i] set are only
 * known to be above v[i] (a time to the first violation that did not come
 * within the run: above the run's length). Returns 1 when the median is
 * such a lower bound ("> *median"), 0 when it is a measured value.
 */
int sb_stats_censored_median(const double *v, const int *censored, size_t n,
			     double *median);
/* Two-sided 95% Student t quantile for df degrees of freedom (df >= 1). */
double sb_t95(size_t df);
/*
 * Do two sets of repeats differ beyond noise? 0 = within noise, +1 = b is
 * larger, -1 = b is smaller. Welch's t-test at 95%, and a relative change
 * below min_rel (e.g. 0.02) never counts.
 */
int sb_stats_differ(const struct sb_stats *a, const struct sb_stats *b,
		    double min_rel);

#endif /* SB_BENCH_STATS_H */
