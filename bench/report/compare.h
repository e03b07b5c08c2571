/* SPDX-License-Identifier: GPL-2.0 */
/* Comparing two stores point by point; see compare.c. */
#ifndef SB_BENCH_COMPARE_H
#define SB_BENCH_COMPARE_H

#include <stdio.h>

#include "store/group.h"

#define SB_CMP_DEF_THR 5.0	/* % throughput change that can count */
#define SB_CMP_DEF_P99_THR 10.0	/* tails are noisier */
#define SB_CMP_NR_METRICS 3	/* ops_per_sec, lookup p99, update p99 */

enum sb_verdict {
	SB_V_NOISE, SB_V_BETTER, SB_V_WORSE, SB_V_NA, SB_V_ONLY_A,
	SB_V_ONLY_B, SB_V_FAILED, SB_V_FIXED, SB_V_BROKEN,
	SB_V_BOTH_FAILED, SB_V_FEW, SB_V_NR
};

struct sb_cmp_metric {
	double a, b;		/* medians of the repeats */
	double change_pct;	/* geometric means, B against A */
	enum sb_verdict verdict;
};

struct sb_cmp_row {
	const struct sb_pgroup *a, *b;	/* either may be NULL */
	unsigned int noise_a, noise_b;	/* store/noise.h flags */
	struct sb_cmp_metric m[SB_CMP_NR_METRICS];
	enum sb_verdict verdict;
};

const char *sb_verdict_name(enum sb_verdict v);
int sb_verdict_is_worse(enum sb_verdict v);
void sb_compare_point(const struct sb_pgroup *a, const struct sb_pgroup *b,
		      double thr, double p99_thr, struct sb_cmp_row *r);
void sb_cmp_label(const struct sb_pgroup *g, char *buf, size_t len);
void sb_compare_csv(FILE *f, const struct sb_cmp_row *rows, size_t n);

#endif /* SB_BENCH_COMPARE_H */
