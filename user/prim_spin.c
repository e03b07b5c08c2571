// SPDX-License-Identifier: GPL-2.0
/* spin: pthread_spinlock_t around the lookup and the in-place update. */
#include <errno.h>
#include <stdlib.h>
#include "listops.h"

static inline void spin_lookup(struct sb_thread *t, struct sb_run *run,
			       sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	pthread_spinlock_t *l = sb_bucket_lock(b);

	pthread_spin_lock(l);
	sb_op_lookup(t, run, b, key);
	pthread_spin_unlock(l);
}

static inline void spin_update(struct sb_thread *t, struct sb_run *run,
			       sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	pthread_spinlock_t *l = sb_bucket_lock(b);

	pthread_spin_lock(l);
	sb_op_update(t, run, b, key);
	pthread_spin_unlock(l);
}

#define SB_WORKER spin_worker
#define SB_LOOKUP spin_lookup
#define SB_UPDATE spin_update
#include "worker.h"

const struct sb_prim sb_prim_spin = {
	.name = "spin",
	.irq_refusal = "the handler would spin forever on the lock held by the thread it interrupted",
	.lock_size = sizeof(pthread_spinlock_t),
	.lock_init = sb_bucket_spin_init,	/* each bucket's, in it */
	.lock_exit = sb_bucket_spin_exit,
	.worker = spin_worker,
};
