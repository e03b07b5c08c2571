/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Log-linear latency histogram (HDR-style), shared by kernel and userspace.
 *
 * Values are nanoseconds. Below 2 * SB_HIST_SUB (= 64) every value has its
 * own bucket, so small values are exact. Above that, each power-of-two range
 * [2^m, 2^(m+1)) is cut into SB_HIST_SUB (= 32) equal buckets of width
 * 2^(m - 5). A bucket's width divided by its lower bound is therefore at most
 * 1/32, so any value reported from a bucket (we report its upper bound,
 * clamped to the recorded max) is within 3.125% of the true value:
 *
 *   index(v) = v                                  if v < 64
 *   index(v) = s * 32 + (v >> s), s = msb(v) - 5   otherwise
 *
 * Values at or above 2^SB_HIST_MAX_BITS (about 18 minutes) land in the last
 * bucket. Memory is fixed: SB_HIST_BUCKETS counters of 8 bytes (~9 KiB).
 */
#ifndef SB_HIST_H
#define SB_HIST_H

#include "sb_types.h"

#define SB_HIST_SUB_BITS 5
#define SB_HIST_SUB (1u << SB_HIST_SUB_BITS)
#define SB_HIST_MAX_BITS 40
/* Index of 2^MAX_BITS - 1 is (MAX_BITS - SUB_BITS + 1) * SUB - 1. */
#define SB_HIST_BUCKETS ((SB_HIST_MAX_BITS - SB_HIST_SUB_BITS + 1) * SB_HIST_SUB)

struct sb_hist {
	sb_u64 count;
	sb_u64 sum;
	sb_u64 min;
	sb_u64 max;
	sb_u64 buckets[SB_HIST_BUCKETS];
};

void sb_hist_init(struct sb_hist *h);
unsigned int sb_hist_index(sb_u64 v);
sb_u64 sb_hist_bucket_lo(unsigned int idx);
sb_u64 sb_hist_bucket_hi(unsigned int idx);
void sb_hist_record(struct sb_hist *h, sb_u64 v);
void sb_hist_merge(struct sb_hist *dst, const struct sb_hist *src);
/* Value at quantile q, given in parts per million (p99.9 = 999000). */
sb_u64 sb_hist_percentile(const struct sb_hist *h, sb_u32 q_ppm);
sb_u64 sb_hist_mean(const struct sb_hist *h);

#endif /* SB_HIST_H */
