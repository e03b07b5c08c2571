/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Read-only view of a results store (results/<run>/) for plot, report and
 * compare: the records of points.jsonl that stand for the run
 * (sb_store_current), each kept as the compact record of rrec.h, and
 * meta.json as an object, plus the checks that matter to readers.
 *
 * points.jsonl is read a line at a time: each record is parsed, checked
 * as the driver's store reader checks it (sb_record_check: a torn last
 * line is skipped, a malformed complete one refused), reduced to the keys
 * the readers use, and its parse freed, so memory grows with the records'
 * useful part only, never with the file or jansson's form of it.
 *
 * Bad stores get one clear sentence: missing directory, no points.jsonl,
 * no records, a schema newer than this build understands. A store whose
 * points all failed loads fine (nr_ok == 0); each command decides what to
 * say about it.
 */
#ifndef SB_STORE_LOAD_H
#define SB_STORE_LOAD_H

#include <stddef.h>
#include <jansson.h>

#include "store/rrec.h"

#define SB_STORE_SCHEMA 1	/* newest meta.json "schema" we understand */
#define SB_STORE_ERR_LEN 512

struct sb_rstore {
	char dir[4096];
	char name[256];		/* last path component, for titles */
	json_t *meta;		/* object; empty object when meta.json absent */
	struct sb_rrec **recs;	/* file order: the record that stands for
				 * each point x repeat (sb_store_current) */
	size_t nrecs;
	size_t nr_ok;		/* status ok or stopped: measured */
	size_t nr_failed;	/* everything else */
	size_t nr_superseded;	/* failed records retried since (not in
				 * points; still in points.jsonl) */
};

int sb_rstore_load(struct sb_rstore *s, const char *dir, char *err,
		   size_t errlen);
void sb_rstore_free(struct sb_rstore *s);

#include "util/json.h"
#include "util/util.h"

#endif /* SB_STORE_LOAD_H */
