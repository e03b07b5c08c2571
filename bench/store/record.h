/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A result record (common/sb_result.h text) as the store keeps it: a JSON
 * object with every key of the record (integers as JSON integers,
 * fairness_jain as a real, config words, CPU lists, histograms "idx:count,..."
 * and other text as strings; per-thread keys flat, "thread.0.ops") plus the
 * driver's keys (backend, point, repeat, placement, mem, emulated, ts,
 * matrix). The CSV form has the scalar columns only, in a fixed order.
 */
#ifndef SB_BENCH_RECORD_H
#define SB_BENCH_RECORD_H

#include <stdio.h>
#include <jansson.h>

#include "matrix/matrix.h"

/* Every key=value line of text into a new object; NULL with a reason. */
json_t *sb_record_json(const char *text, size_t len, char *err,
		       size_t errlen);

/*
 * The text of a failed record for point p when the backend gave none: the
 * point's config echoed, status=failed and the reason.
 */
char *sb_record_failed_text(const struct sb_point *p, const char *reason);

/*
 * Is rec a record this driver wrote? The driver keys with their types
 * (point, repeat, backend, status), and every other key through the common
 * parser (sb_result_parse: the types and ranges of the record's own keys,
 * the schema). 0, or -1 with the first offending key and why.
 */
int sb_record_check(const json_t *rec, char *why, size_t len);

/* Add the driver keys to rec. */
void sb_record_add_driver_keys(json_t *rec, const struct sb_point *p,
			       int repeat, int emulated);

/* The fixed CSV columns, NULL-terminated. */
const char *const *sb_csv_columns(void);
void sb_csv_header(FILE *f);
/*
 * A text cell: as is, or quoted (quotes doubled, line breaks as spaces)
 * when it holds a comma, a quote or a line break.
 */
void sb_csv_string(FILE *f, const char *s);
/* One row of rec's values in the sb_csv_columns() order. */
void sb_csv_row(FILE *f, const json_t *rec);

#endif /* SB_BENCH_RECORD_H */
