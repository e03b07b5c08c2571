// SPDX-License-Identifier: GPL-2.0
/* Repeat statistics; see stats.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/stats.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double sb_t95(size_t df)
{
	/* Two-sided 97.5% quantiles of Student's t for df = 1..30. */
	static const double t[] = {
		12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
		2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
		2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
		2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
	};

	if (df == 0)
		return INFINITY;
	if (df <= sizeof(t) / sizeof(t[0]))
		return t[df - 1];
	if (df <= 60)
		return 2.000;
	if (df <= 120)
		return 1.980;
	return 1.960;
}

void sb_stats_compute(const double *v, size_t n, struct sb_stats *out)
{
	double *s, sum = 0, sq = 0, half;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->n = n;
	if (!n)
		return;
	s = malloc(n * sizeof(*s));
	if (!s)
		abort();
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	out->min = s[0];
	out->max = s[n - 1];
	out->median = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	for (i = 0; i < n; i++)
		sum += s[i];
	out->mean = sum / n;
	for (i = 0; i < n; i++)
		sq += (s[i] - out->mean) * (s[i] - out->mean);
	out->stddev = n > 1 ? sqrt(sq / (n - 1)) : 0;
	if (out->min > 0) {
		double lsum = 0, lsq = 0, lmean;

		for (i = 0; i < n; i++)
			lsum += log(s[i]);
		lmean = lsum / n;
		for (i = 0; i < n; i++)
			lsq += (log(s[i]) - lmean) * (log(s[i]) - lmean);
		half = n > 1 ? sb_t95(n - 1) * sqrt(lsq / (n - 1)) /
			       sqrt((double)n) : 0;
		out->ci95_lo = exp(lmean - half);
		out->ci95_hi = exp(lmean + half);
	} else {
		half = n > 1 ? sb_t95(n - 1) * out->stddev / sqrt((double)n) :
			       0;
		out->ci95_lo = out->mean - half;
		out->ci95_hi = out->mean + half;
		/*
		 * Samples that are never negative (a count, a rate, a
		 * latency with a repeat at 0) have a mean that is not
		 * either: the interval stops at 0.
		 */
		if (out->min >= 0 && out->ci95_lo < 0)
			out->ci95_lo = 0;
	}
	free(s);
}

/* Sort key of a censored sample: after every sample at the same value. */
struct sb_cens {
	double v;
	int censored;
};

static int cmp_cens(const void *a, const void *b)
{
	const struct sb_cens *x = a, *y = b;

	if (x->v != y->v)
		return (x->v > y->v) - (x->v < y->v);
	return x->censored - y->censored;
}

int sb_stats_censored_median(const double *v, const int *censored, size_t n,
			     double *median)
{
	struct sb_cens *s;
	size_t i, lo, hi;
	int bound;

	*median = 0;
	if (!n)
		return 0;
	s = malloc(n * sizeof(*s));
	if (!s)
		abort();
	for (i = 0; i < n; i++)
		s[i] = (struct sb_cens){ v[i], !!censored[i] };
	qsort(s, n, sizeof(*s), cmp_cens);
	lo = (n - 1) / 2;
	hi = n / 2;
	/*
	 * A censored sample is somewhere above its value: where the middle
	 * of the sorted samples is one, the median is only known to be
	 * above it (Kaplan-Meier's median is undefined there too).
	 */
	*median = (s[lo].v + s[hi].v) / 2;
	bound = s[lo].censored || s[hi].censored;
	free(s);
	return bound;
}

int sb_stats_differ(const struct sb_stats *a, const struct sb_stats *b,
		    double min_rel)
{
	double diff = b->mean - a->mean, va, vb, se, df, base;

	base = fabs(a->mean) > 0 ? fabs(a->mean) : 1;
	if (fabs(diff) / base < min_rel)
		return 0;
	if (a->n < 2 || b->n < 2) {
		/* No spread known: only a change beyond both ranges counts. */
		if (b->min > a->max)
			return 1;
		if (b->max < a->min)
			return -1;
		return 0;
	}
	va = a->stddev * a->stddev / a->n;
	vb = b->stddev * b->stddev / b->n;
	se = sqrt(va + vb);
	if (se == 0)
		return diff > 0 ? 1 : -1;
	/* Welch-Satterthwaite degrees of freedom. */
	df = (va + vb) * (va + vb) /
	     (va * va / (a->n - 1) + vb * vb / (b->n - 1));
	if (fabs(diff) / se < sb_t95(df < 1 ? 1 : (size_t)df))
		return 0;
	return diff > 0 ? 1 : -1;
}
