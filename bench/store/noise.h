/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Noise flags of a point: what says that its numbers are not the
 * primitive's alone. Per record:
 *
 *  - preempted (user backend records; the module's kthreads are not
 *    counted): the pinned workers were switched out involuntarily more
 *    than SB_NOISE_CTXSW_PER_S times a second each (getrusage's
 *    involuntary_ctxsw over the measured window, at least
 *    SB_NOISE_CTXSW_MIN of them; a worker alone on its CPU is switched
 *    out a few times a second, one sharing it with a busy task every few
 *    ms: 100 and more a second);
 *  - imbalance: one thread did more than SB_NOISE_IMBALANCE times the
 *    operations of another (locktorture's fairness rule; for an unfair
 *    lock it is the lock, for a fair one the machine: either way the
 *    mean hides it). With roles (updaters=K) readers and updaters differ
 *    by design: then within a role, Jain's index below
 *    SB_NOISE_ROLE_JAIN (what a 2:1 split of two threads gives);
 *
 * and over the repeats of a point (ops_per_sec):
 *
 *  - spread: coefficient of variation above SB_NOISE_CV;
 *  - bimodal: the repeats fall in two clusters, the gap between them
 *    wider than SB_NOISE_GAP of the median and SB_NOISE_GAP_RATIO times
 *    the spread inside either (with 3 repeats one cluster may be one
 *    repeat: an outlier);
 *  - few: fewer than SB_NOISE_MIN_REPEATS repeats: no interval and no
 *    verdict can be trusted ("too few repeats").
 *
 * The summary (summary.c), compare and the report read the flags from
 * here, so every output says the same words.
 */
#ifndef SB_STORE_NOISE_H
#define SB_STORE_NOISE_H

#include <stddef.h>
#include <jansson.h>

#include "store/group.h"

#define SB_NOISE_CTXSW_PER_S 50.0
#define SB_NOISE_CTXSW_MIN 5	/* fewer are the tick's bookkeeping */
#define SB_NOISE_IMBALANCE 2.0
#define SB_NOISE_ROLE_JAIN 0.9
#define SB_NOISE_CV 0.10
#define SB_NOISE_GAP 0.20
#define SB_NOISE_GAP_RATIO 3.0
#define SB_NOISE_MIN_REPEATS 3

enum sb_noise_flag {
	SB_NOISE_PREEMPTED = 1u << 0,
	SB_NOISE_IMBALANCED = 1u << 1,
	SB_NOISE_SPREAD = 1u << 2,
	SB_NOISE_BIMODAL = 1u << 3,
	SB_NOISE_FEW = 1u << 4,
};

/* What one record measured that bears on noise (numbers from the record). */
struct sb_noise_rec {
	double ctxsw_per_s;	/* involuntary switches per thread-second */
	double imbalance;	/* thread_ops_max / thread_ops_min, 0: n/a */
	unsigned int threads;
	unsigned long long involuntary_ctxsw;
	int ctxsw_known;	/* userspace records: the kernel's workers are
				 * kthreads, their switches not counted (0) */
	int roles;		/* updaters=K: imbalance is per role */
	double jain_readers, jain_updaters;	/* per role, 0: no such role */
};

/* The flags of one record (sb_noise_rec filled from it). */
unsigned int sb_noise_rec_flags(const struct sb_noise_rec *r);
/* The record's figures from a stored record (a points.jsonl object). */
void sb_noise_from_json(const json_t *rec, struct sb_noise_rec *r);
/* The flags of a point's repeats (ops_per_sec of each ok repeat). */
unsigned int sb_noise_repeat_flags(const double *v, size_t n, double *cv);

/*
 * The flag words, comma separated ("preempted,spread"), "" for none;
 * "too few repeats" is its own word. For the table, compare and the
 * report (html.c may call this and sb_noise_pgroup_flags).
 */
const char *sb_noise_words(unsigned int flags, char *buf, size_t len);
/* The flags as a JSON array of words. */
json_t *sb_noise_json_words(unsigned int flags);
/* A point's flags from the readers' view: its ok repeats' records. */
unsigned int sb_noise_pgroup_flags(const struct sb_pgroup *g);

#endif /* SB_STORE_NOISE_H */
