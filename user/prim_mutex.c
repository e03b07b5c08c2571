// SPDX-License-Identifier: GPL-2.0
/*
 * mutex: pthread_mutex_t (a futex: contended waiters sleep). The record's
 * voluntary_ctxsw/involuntary_ctxsw (getrusage per thread, measured window)
 * show how often they did.
 */
#include <errno.h>
#include <stdlib.h>
#include "listops.h"

/* Each bucket's lock (buckets=N): its own, in the bucket. */
static int mutex_bucket_init(struct sb_run *run, void *lock)
{
	(void)run;
	return -pthread_mutex_init(lock, NULL);
}

static void mutex_bucket_exit(struct sb_run *run, void *lock)
{
	(void)run;
	pthread_mutex_destroy(lock);
}

static inline void mutex_lookup(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	pthread_mutex_t *m = sb_bucket_lock(b);

	pthread_mutex_lock(m);
	sb_op_lookup(t, run, b, key);
	pthread_mutex_unlock(m);
}

static inline void mutex_update(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	pthread_mutex_t *m = sb_bucket_lock(b);

	pthread_mutex_lock(m);
	sb_op_update(t, run, b, key);
	pthread_mutex_unlock(m);
}

#define SB_WORKER mutex_worker
#define SB_LOOKUP mutex_lookup
#define SB_UPDATE mutex_update
#include "worker.h"

const struct sb_prim sb_prim_mutex = {
	.name = "mutex",
	.irq_refusal = "a mutex cannot be taken in interrupt context",
	.lock_size = sizeof(pthread_mutex_t),
	.lock_init = mutex_bucket_init,
	.lock_exit = mutex_bucket_exit,
	.worker = mutex_worker,
};
