// SPDX-License-Identifier: GPL-2.0
/*
 * mutex: pthread_mutex_t (a futex: contended waiters sleep). The record's
 * voluntary_ctxsw/involuntary_ctxsw (getrusage per thread, measured window)
 * show how often they did.
 */
#include <errno.h>
#include <stdlib.h>
#include "listops.h"

static int mutex_init(struct sb_run *run)
{
	pthread_mutex_t *m = malloc(sizeof(*m));

	if (!m || pthread_mutex_init(m, NULL)) {
		free(m);
		return -ENOMEM;
	}
	run->prim_data = m;
	return 0;
}

static void mutex_exit(struct sb_run *run)
{
	if (run->prim_data)
		pthread_mutex_destroy(run->prim_data);
	free(run->prim_data);
	run->prim_data = NULL;
}

static inline void mutex_lookup(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	pthread_mutex_t *m = run->prim_data;

	pthread_mutex_lock(m);
	sb_op_lookup(t, run, key);
	pthread_mutex_unlock(m);
}

static inline void mutex_update(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	pthread_mutex_t *m = run->prim_data;

	pthread_mutex_lock(m);
	sb_op_update(t, run, key);
	pthread_mutex_unlock(m);
}

#define SB_WORKER mutex_worker
#define SB_LOOKUP mutex_lookup
#define SB_UPDATE mutex_update
#include "worker.h"

const struct sb_prim sb_prim_mutex = {
	.name = "mutex",
	.irq_refusal = "a mutex cannot be taken in interrupt context",
	.init = mutex_init,
	.exit = mutex_exit,
	.worker = mutex_worker,
};
