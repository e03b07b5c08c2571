// SPDX-License-Identifier: GPL-2.0
/* Log-linear histogram; the math is explained in sb_hist.h. */
#include "sb_hist.h"

void sb_hist_init(struct sb_hist *h)
{
	memset(h, 0, sizeof(*h));
	h->min = ~(sb_u64)0;
}

static unsigned int sb_msb(sb_u64 v)
{
	return 63 - __builtin_clzll(v);
}

unsigned int sb_hist_index(sb_u64 v)
{
	unsigned int s;

	if (v < 2 * SB_HIST_SUB)
		return (unsigned int)v;
	if (v >> SB_HIST_MAX_BITS)
		return SB_HIST_BUCKETS - 1;
	s = sb_msb(v) - SB_HIST_SUB_BITS;
	return s * SB_HIST_SUB + (unsigned int)(v >> s);
}

sb_u64 sb_hist_bucket_lo(unsigned int idx)
{
	unsigned int s;

	if (idx < 2 * SB_HIST_SUB)
		return idx;
	s = idx / SB_HIST_SUB - 1;
	return (sb_u64)(idx - s * SB_HIST_SUB) << s;
}

sb_u64 sb_hist_bucket_hi(unsigned int idx)
{
	unsigned int s;

	if (idx < 2 * SB_HIST_SUB)
		return idx;
	s = idx / SB_HIST_SUB - 1;
	return sb_hist_bucket_lo(idx) + ((sb_u64)1 << s) - 1;
}

void sb_hist_record(struct sb_hist *h, sb_u64 v)
{
	h->buckets[sb_hist_index(v)]++;
	h->count++;
	h->sum += v;
	if (v < h->min)
		h->min = v;
	if (v > h->max)
		h->max = v;
}

void sb_hist_merge(struct sb_hist *dst, const struct sb_hist *src)
{
	unsigned int i;

	if (!src->count)
		return;
	for (i = 0; i < SB_HIST_BUCKETS; i++)
		dst->buckets[i] += src->buckets[i];
	dst->count += src->count;
	dst->sum += src->sum;
	if (src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
}

sb_u64 sb_hist_percentile(const struct sb_hist *h, sb_u32 q_ppm)
{
	sb_u64 rank, seen = 0, v;
	unsigned int i;

	if (!h->count)
		return 0;
	if (q_ppm > 1000000)
		q_ppm = 1000000;
	/* The smallest value with at least q of the samples at or below it. */
	rank = (h->count * (sb_u64)q_ppm + 999999) / 1000000;
	if (rank == 0)
		rank = 1;
	for (i = 0; i < SB_HIST_BUCKETS; i++) {
		seen += h->buckets[i];
		if (seen >= rank)
			break;
	}
	if (i == SB_HIST_BUCKETS)
		return h->max;
	v = sb_hist_bucket_hi(i);
	if (v > h->max)
		v = h->max;
	if (v < h->min)
		v = h->min;
	return v;
}

sb_u64 sb_hist_mean(const struct sb_hist *h)
{
	return h->count ? h->sum / h->count : 0;
}
