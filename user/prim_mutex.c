// SPDX-License-Identifier: GPL-2.0
/*
 * mutex: pthread_mutex_t (a futex: contended waiters sleep). The record's
 * voluntary_ctxsw/involuntary_ctxsw (getrusage per thread, measured window)
 * show how often they did.
 */
#include <errno.h>
#include <stdlib.h>
#include "listops.h"

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
	.lock_init = sb_bucket_mutex_init,	/* each bucket's, in it */
	.lock_exit = sb_bucket_mutex_exit,
	.worker = mutex_worker,
};
