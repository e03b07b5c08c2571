/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Statistics over the repeats of every point of a store: n (repeats with an
 * ok record), failed (repeats without one), and for ops_per_sec and each
 * lookup/update percentile the median, min, max and 95% confidence
 * interval of the mean (stats.h). Each repeat counts once, by the record
 * that stands for it (sb_store_current: a failure retried into an ok record
 * is superseded). Failed and aborted records are counted, never averaged
 * in; a point without an ok record has null metrics, not medians of 0.
 * Below SB_NOISE_MIN_REPEATS (3) ok repeats a metric has no interval
 * (ci95_lo/hi null, "note": "too few repeats"); no interval of these
 * metrics, never negative, reaches below 0 (stats.h). first_violation_ns
 * counts a repeat that saw none as censored at its elapsed_ns
 * ("median_censored", "censored": see sb_summary_first in summary.c).
 * "emulated" says the point ran in the vm backend's QEMU TCG guest (the
 * printed table marks it EMULATED). Each point's "noise" holds its flags
 * (store/noise.h) and the figures behind them.
 */
#ifndef SB_BENCH_SUMMARY_H
#define SB_BENCH_SUMMARY_H

#include <stdio.h>
#include <jansson.h>

/* The metrics summarised, in table order; NULL-terminated. */
extern const char *const sb_summary_metrics[];

/*
 * {"schema":1,"points":[{"point":..,"n":..,"failed":..,<metric>:{..},
 *  "noise":{"flags":[..],"involuntary_ctxsw_per_thread_s":..,
 *  "thread_ops_max_min":..,"ops_per_sec_cv":..}}]}
 */
json_t *sb_summary_build(const json_t *points);
/* The table printed at the end of a run. */
void sb_summary_print(FILE *f, const json_t *summary);

#endif /* SB_BENCH_SUMMARY_H */
