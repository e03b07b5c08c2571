// SPDX-License-Identifier: GPL-2.0
/*
 * rwlock: pthread_rwlock_t, lookups under the read lock (concurrent with
 * each other), updates under the write lock. The mirror of the kernel's
 * rwlock_t / rw_semaphore. Which waiter glibc lets in first is the lock's
 * kind, chosen by rw_pref:
 *  - reader (default): PTHREAD_RWLOCK_PREFER_READER_NP, glibc's default:
 *    a reader gets in whenever the lock is read-held, even with a writer
 *    waiting, so a steady stream of readers can starve the writers;
 *  - writer: PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP: a waiting
 *    writer holds off new readers (the plain PREFER_WRITER_NP kind is
 *    treated by glibc as reader-preferring, since a recursive reader
 *    would deadlock behind the writer; our readers never recurse).
 * Contended waiters sleep on a futex, as mutex's do: voluntary_ctxsw.
 * The writers' latency is the update histogram.
 */
#include <errno.h>
#include <stdlib.h>
#include "listops.h"

/* Each bucket's lock (buckets=N): its own, in the bucket. */
static int rwlock_bucket_init(struct sb_run *run, void *lock)
{
	pthread_rwlockattr_t attr;
	int kind = run->cfg.rw_pref == SB_RW_PREF_WRITER ?
		   PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP :
		   PTHREAD_RWLOCK_PREFER_READER_NP;
	int rc;

	rc = pthread_rwlockattr_init(&attr);
	if (!rc) {
		rc = pthread_rwlockattr_setkind_np(&attr, kind);
		if (!rc)
			rc = pthread_rwlock_init(lock, &attr);
		pthread_rwlockattr_destroy(&attr);
	}
	return -rc;
}

static void rwlock_bucket_exit(struct sb_run *run, void *lock)
{
	(void)run;
	pthread_rwlock_destroy(lock);
}

static inline void rwlock_lookup(struct sb_thread *t, struct sb_run *run,
				 sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	pthread_rwlock_t *l = sb_bucket_lock(b);

	pthread_rwlock_rdlock(l);
	sb_op_lookup(t, run, b, key);
	pthread_rwlock_unlock(l);
}

static inline void rwlock_update(struct sb_thread *t, struct sb_run *run,
				 sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	pthread_rwlock_t *l = sb_bucket_lock(b);

	pthread_rwlock_wrlock(l);
	sb_op_update(t, run, b, key);
	pthread_rwlock_unlock(l);
}

#define SB_WORKER rwlock_worker
#define SB_LOOKUP rwlock_lookup
#define SB_UPDATE rwlock_update
#include "worker.h"

const struct sb_prim sb_prim_rwlock = {
	.name = "rwlock",
	.irq_refusal = "a reader in the handler would wait forever for the write lock held by the thread it interrupted",
	.lock_size = sizeof(pthread_rwlock_t),
	.lock_init = rwlock_bucket_init,
	.lock_exit = rwlock_bucket_exit,
	.worker = rwlock_worker,
};
