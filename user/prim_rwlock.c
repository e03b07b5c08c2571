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

struct rwlock {
	pthread_rwlock_t lock;
} __attribute__((aligned(SB_CACHELINE)));

static int rwlock_init(struct sb_run *run)
{
	struct rwlock *l = aligned_alloc(SB_CACHELINE, sizeof(*l));
	pthread_rwlockattr_t attr;
	int kind = run->cfg.rw_pref == SB_RW_PREF_WRITER ?
		   PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP :
		   PTHREAD_RWLOCK_PREFER_READER_NP;
	int rc;

	if (!l)
		return -ENOMEM;
	rc = pthread_rwlockattr_init(&attr);
	if (!rc) {
		rc = pthread_rwlockattr_setkind_np(&attr, kind);
		if (!rc)
			rc = pthread_rwlock_init(&l->lock, &attr);
		pthread_rwlockattr_destroy(&attr);
	}
	if (rc) {
		free(l);
		return -rc;
	}
	run->prim_data = l;
	return 0;
}

static void rwlock_exit(struct sb_run *run)
{
	struct rwlock *l = run->prim_data;

	if (l)
		pthread_rwlock_destroy(&l->lock);
	free(l);
	run->prim_data = NULL;
}

static inline void rwlock_lookup(struct sb_thread *t, struct sb_run *run,
				 sb_u64 key)
{
	struct rwlock *l = run->prim_data;

	pthread_rwlock_rdlock(&l->lock);
	sb_op_lookup(t, run, key);
	pthread_rwlock_unlock(&l->lock);
}

static inline void rwlock_update(struct sb_thread *t, struct sb_run *run,
				 sb_u64 key)
{
	struct rwlock *l = run->prim_data;

	pthread_rwlock_wrlock(&l->lock);
	sb_op_update(t, run, key);
	pthread_rwlock_unlock(&l->lock);
}

#define SB_WORKER rwlock_worker
#define SB_LOOKUP rwlock_lookup
#define SB_UPDATE rwlock_update
#include "worker.h"

const struct sb_prim sb_prim_rwlock = {
	.name = "rwlock",
	.irq_refusal = "a reader in the handler would wait forever for the write lock held by the thread it interrupted",
	.init = rwlock_init,
	.exit = rwlock_exit,
	.worker = rwlock_worker,
};
