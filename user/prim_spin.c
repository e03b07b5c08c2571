// SPDX-License-Identifier: GPL-2.0
/* spin: pthread_spinlock_t around the lookup and the in-place update. */
#include <errno.h>
#include <stdlib.h>
#include "listops.h"

/* pthread_spinlock_t is a volatile int: wrap it to pass it around */
struct spin {
	pthread_spinlock_t lock;
};

static int spin_init(struct sb_run *run)
{
	struct spin *l = malloc(sizeof(*l));

	if (!l || pthread_spin_init(&l->lock, PTHREAD_PROCESS_PRIVATE)) {
		free(l);
		return -ENOMEM;
	}
	run->prim_data = l;
	return 0;
}

static void spin_exit(struct sb_run *run)
{
	struct spin *l = run->prim_data;

	if (l)
		pthread_spin_destroy(&l->lock);
	free(run->prim_data);
	run->prim_data = NULL;
}

static inline void spin_lookup(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	pthread_spin_lock(&((struct spin *)run->prim_data)->lock);
	sb_op_lookup(t, run, key);
	/* reloaded, not kept: a register saved across the call is a store */
	pthread_spin_unlock(&((struct spin *)run->prim_data)->lock);
}

static inline void spin_update(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	struct spin *l = run->prim_data;

	pthread_spin_lock(&l->lock);
	sb_op_update(t, run, key);
	pthread_spin_unlock(&l->lock);
}

#define SB_WORKER spin_worker
#define SB_LOOKUP spin_lookup
#define SB_UPDATE spin_update
#include "worker.h"

const struct sb_prim sb_prim_spin = {
	.name = "spin",
	.irq_refusal = "the handler would spin forever on the lock held by the thread it interrupted",
	.init = spin_init,
	.exit = spin_exit,
	.worker = spin_worker,
};
