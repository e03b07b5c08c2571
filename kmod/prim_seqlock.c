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

/* Each bucket's seqlock (buckets=N): its own, in the bucket. */
static int sb_seq_lock_init(struct sb_run *run, void *lock)
{
	seqlock_init((seqlock_t *)lock);
	return 0;
}

/* A retry: counted in the measured window only, like the lookups. */
static noinline void sb_seq_retried(struct sb_thread *t)
{
	if (sb_measuring(t))
		t->seq_retries++;
}

static __always_inline int sb_seq_lookup(struct sb_thread *t,
					 struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	seqlock_t *l = sb_bucket_lock(b);
	unsigned int tries, seq;
	int ret;

	for (tries = 0; tries < SB_SEQ_MAX_TRIES; tries++) {
		seq = read_seqbegin(l);
		ret = sb_lookup_locked(t, run, b, key);
		if (!read_seqretry(l, seq))
			return ret;
		sb_seq_retried(t);
	}
	/* Still overlapping writers: exclude them for this one read. */
	read_seqlock_excl(l);
	ret = sb_lookup_locked(t, run, b, key);
	read_sequnlock_excl(l);
	return ret;
}

static __always_inline int sb_seq_update(struct sb_thread *t,
					 struct sb_run *run, u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	seqlock_t *l = sb_bucket_lock(b);
	int ret;

	write_seqlock(l);
	ret = sb_update_locked(t, run, b, key);
	write_sequnlock(l);
	return ret;
}

#define SB_LOOP sb_seq_loop
#define SB_LOOKUP sb_seq_lookup
#define SB_UPDATE sb_seq_update
#include "worker.h"

const struct sb_prim_ops sb_prim_seqlock = {
	.name = "seqlock",
	.loop = sb_seq_loop,
	.lock_size = sizeof(seqlock_t),
	.lock_init = sb_seq_lock_init,
};
