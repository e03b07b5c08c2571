/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A record as plot, report and compare keep it: only the keys they read,
 * each a small tagged value, instead of the whole parsed JSON object (some
 * 120 keys, per-thread counters included, ~20 KB a record in jansson: a
 * store of 100,000 records took 2 GB). Short strings are shared between
 * records. About 1-3 KB a record, most of it the latency histograms.
 *
 * The keys are one table (rrec.c: sb_rrec_base_keys[] and the workload
 * dimensions of group.c); reading a key that is not in it is a bug in the
 * reader and aborts with a line naming the key, so a chart that starts
 * reading a new key fails its first test instead of drawing nothing.
 *
 * The accessors read as util/json.h's do: a number, a boolean or a string
 * holding a number counts as a number; strings format as the value.
 */
#ifndef SB_STORE_RREC_H
#define SB_STORE_RREC_H

#include <stddef.h>
#include <jansson.h>

struct sb_rrec;

/* The reader's keys of o (a record object); NULL when out of memory. */
struct sb_rrec *sb_rrec_from_json(const json_t *o);
void sb_rrec_free(struct sb_rrec *r);

/* key as a number: 0, or -1 when absent or not a number. */
int sb_rrec_num(const struct sb_rrec *r, const char *key, double *out);
double sb_rrec_num_or(const struct sb_rrec *r, const char *key, double def);
/* The text form of key (as sb_jstr), "" when absent. */
const char *sb_rrec_str(const struct sb_rrec *r, const char *key, char *buf,
			size_t len);
/* key's string value, not copied, or NULL when absent or not a string. */
const char *sb_rrec_text(const struct sb_rrec *r, const char *key);
/* Is the record a measurement: status ok or stopped (sb_store_rec_ok)? */
int sb_rrec_ok(const struct sb_rrec *r);

#endif /* SB_STORE_RREC_H */
