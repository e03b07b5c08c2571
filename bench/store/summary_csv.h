/* SPDX-License-Identifier: GPL-2.0 */
/*
 * summary.csv: summary.json flattened, one row per point, to paste into a
 * spreadsheet or a review: the point id, each matrix dimension as its own
 * column (sb_dims[] order), n and failed, then for every summary metric
 * its median, 95% CI bounds, min and max ("" where nothing measured it);
 * last, first_violation_ns_censored (repeats that saw no violation),
 * first_violation_ns_median_censored (1: the median is a lower bound,
 * "> median") and emulated (1: a vm point, QEMU TCG timings).
 * Numbers are printed with %.10g, the text the report's points table
 * carries in its data-v attributes, so the two can be compared exactly.
 */
#ifndef SB_STORE_SUMMARY_CSV_H
#define SB_STORE_SUMMARY_CSV_H

#include <stdio.h>
#include <jansson.h>

/* The CSV of summary (sb_summary_build's object) into f. */
void sb_summary_csv(FILE *f, const json_t *summary);
/* ... written atomically as dir/summary.csv. 0, or -1 with err. */
int sb_summary_csv_write(const char *dir, const json_t *summary, char *err,
			 size_t errlen);
/* A number as summary.csv and the report print it. */
void sb_summary_num(char *buf, size_t len, double v);

#endif /* SB_STORE_SUMMARY_CSV_H */
