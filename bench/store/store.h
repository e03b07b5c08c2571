/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The result store of one run, results/<name>/:
 *   points.jsonl   one complete record a line (record.h), appended with one
 *                  write(2) and fsync'd before the next point starts;
 *   points.csv     the same records' scalar columns, rebuilt from
 *                  points.jsonl on every open so the two never disagree;
 *   meta.json      the machine and the run (written atomically: tmp+rename);
 *   topology.xml   hwloc's view of the machine;
 *   summary.json   statistics over repeats, per point (summary.h).
 *
 * A kill at any moment leaves at most one torn last line in points.jsonl;
 * readers skip it and sb_store_open(resume) cuts it off, so every finished
 * record survives and nothing half-written is ever read.
 */
#ifndef SB_BENCH_STORE_H
#define SB_BENCH_STORE_H

#include <limits.h>
#include <stddef.h>
#include <jansson.h>

struct sb_store {
	char dir[PATH_MAX];
	int jsonl_fd;
	int csv_fd;
	int lock_fd;	/* flock'd while open: one writer per store */
};

/* Does dir hold a run (meta.json or a non-empty points.jsonl)? */
int sb_store_exists(const char *dir);

/*
 * Create dir (and its parents) or, with resume, reopen it for appending.
 * Without resume a dir that already holds a run is an error naming --resume.
 * A dir that holds other files and no run is an error, and so is a store
 * another process has open (dir/.lock, flock).
 * 0, or -1 with a reason.
 */
int sb_store_open(struct sb_store *s, const char *dir, int resume, char *err,
		  size_t errlen);
/* Append one record (one line) to points.jsonl and points.csv, durably. */
int sb_store_append(struct sb_store *s, const json_t *rec, char *err,
		    size_t errlen);
void sb_store_close(struct sb_store *s);

/*
 * Write dir/name atomically (a temporary, fsync'd, renamed: a reader, or a
 * full disk, leaves the old file or the new one, never a part). 0, or -1
 * with "cannot write PATH: why".
 */
int sb_store_write_file(const char *dir, const char *name, const char *buf,
			size_t len, char *err, size_t errlen);
/* Write dir/name as JSON, atomically. */
int sb_store_write_json(const char *dir, const char *name, const json_t *v,
			char *err, size_t errlen);

/*
 * Every complete record of dir/points.jsonl as a JSON array (new
 * reference); NULL with a reason when the file is missing or a complete line
 * is not a JSON object.
 */
json_t *sb_store_load_points(const char *dir, char *err, size_t errlen);
/* dir/meta.json; NULL with a reason. */
json_t *sb_store_load_meta(const char *dir, char *err, size_t errlen);
/*
 * Is rec a measurement: status ok, or stopped (a race run that ended early
 * on its full quarantine, measured up to then: counted like any other)?
 */
int sb_store_rec_ok(const json_t *rec);
/*
 * Is there a record for point id, repeat in points (an array)? With
 * ok_only, only a measurement (sb_store_rec_ok) counts.
 */
int sb_store_has(const json_t *points, const char *id, long repeat,
		 int ok_only);
/*
 * The records that stand for the run (a new array holding references): for
 * each point x repeat, the newest ok record, or when none is ok the newest
 * failed one. A run with --resume --retry-failed appends an ok record after
 * the failed ones of a repeat, and a repeat may have failed more than once;
 * points.jsonl keeps them all, while statistics and failure counts read
 * this view. Records without a point or repeat are all kept. *superseded
 * (if not NULL): how many records were left out.
 */
json_t *sb_store_current(const json_t *points, size_t *superseded);

#endif /* SB_BENCH_STORE_H */
