// SPDX-License-Identifier: GPL-2.0
/*
 * seqlock: a seqlock_t. Updates bump the value in place under
 * write_seqlock() (the list's shape never changes, so a reader's walk is
 * always safe; only an entry's value and check word may be torn). A lookup
 * walks and reads between read_seqbegin() and read_seqretry(): a read that
 * overlapped a writer is thrown away, whatever it saw, and done again; its
 * check word is judged only on a consistent read, so a torn entry is never
 * returned and never counted. Each retry in the measured window is counted
 * (seq_retries; seq_retries / lookups is the retries per lookup).
 *
 * The retries are bounded: after SB_SEQ_MAX_TRIES lockless attempts the
 * reader takes the lock itself (read_seqlock_excl(), as
 * read_seqbegin_or_lock() does), so a stream of writers can starve a reader
 * for a few attempts but never livelock it.
 */
#include <linux/seqlock.h>
#include "prim.h"

#define SB_SEQ_MAX_TRIES 16

static DEFINE_SEQLOCK(sb_seqlock);

/* A retry: counted in the measured window only, like the lookups. */
static noinline void sb_seq_retried(struct sb_thread *t)
{
	if (sb_measuring(t))
		t->seq_retries++;
}

static __always_inline int sb_seq_lookup(struct sb_thread *t,
					 struct sb_run *run, u64 key)
{
	unsigned int tries, seq;
	int ret;

	for (tries = 0; tries < SB_SEQ_MAX_TRIES; tries++) {
		seq = read_seqbegin(&sb_seqlock);
		ret = sb_lookup_locked(t, run, key);
		if (!read_seqretry(&sb_seqlock, seq))
			return ret;
		sb_seq_retried(t);
	}
	/* Still overlapping writers: exclude them for this one read. */
	read_seqlock_excl(&sb_seqlock);
	ret = sb_lookup_locked(t, run, key);
	read_sequnlock_excl(&sb_seqlock);
	return ret;
}

static __always_inline int sb_seq_update(struct sb_thread *t,
					 struct sb_run *run, u64 key)
{
	int ret;

	write_seqlock(&sb_seqlock);
	ret = sb_update_locked(t, run, key);
	write_sequnlock(&sb_seqlock);
	return ret;
}

#define SB_LOOP sb_seq_loop
#define SB_LOOKUP sb_seq_lookup
#define SB_UPDATE sb_seq_update
#include "worker.h"

const struct sb_prim_ops sb_prim_seqlock = {
	.name = "seqlock",
	.loop = sb_seq_loop,
};
