// SPDX-License-Identifier: GPL-2.0
/*
 * brlock: a big-reader lock: one spinlock per worker thread, each on its
 * own cache line. A lookup takes only its own thread's lock, which no
 * other reader touches, so readers share no written line at all; an
 * update takes every thread's lock, in index order (two writers cannot
 * deadlock: both start at lock 0). Reads scale like RCU's while updates
 * cost O(threads) lock acquisitions. The userspace counterpart of the
 * kernel's percpu_rwsem (per-CPU reader state, a writer that visits every
 * CPU), the catalogue's pair; liburcu's test_perthreadlock benchmarks the
 * same idea with per-thread mutexes.
 */
#include <errno.h>
#include <stdlib.h>
#include "listops.h"

struct brlock_slot {
	pthread_spinlock_t lock;
} __attribute__((aligned(SB_CACHELINE)));

/* A bucket's lock (buckets=N): its own slots, one per worker. */
struct brlock {
	struct brlock_slot *slots;	/* one per worker, by sb_thread.idx */
	unsigned int nr;
};

static void brlock_bucket_exit(struct sb_run *run, void *lock)
{
	struct brlock *b = lock;
	unsigned int i;

	(void)run;
	for (i = 0; i < b->nr; i++)
		pthread_spin_destroy(&b->slots[i].lock);
	free(b->slots);
	b->slots = NULL;
}

static int brlock_bucket_init(struct sb_run *run, void *lock)
{
	struct brlock *b = lock;

	b->nr = 0;
	b->slots = aligned_alloc(SB_CACHELINE,
				 run->nr_threads * sizeof(*b->slots));
	if (!b->slots)
		return -ENOMEM;
	for (; b->nr < run->nr_threads; b->nr++)
		if (pthread_spin_init(&b->slots[b->nr].lock,
				      PTHREAD_PROCESS_PRIVATE)) {
			brlock_bucket_exit(run, lock);
			return -ENOMEM;
		}
	return 0;
}

static inline void brlock_lookup(struct sb_thread *t, struct sb_run *run,
				 sb_u64 key)
{
	struct sb_bucket *bk = sb_bucket_of(&run->list, key);
	struct brlock *b = sb_bucket_lock(bk);
	pthread_spinlock_t *own = &b->slots[t->idx].lock;

	pthread_spin_lock(own);
	sb_op_lookup(t, run, bk, key);
	pthread_spin_unlock(own);
}

static inline void brlock_update(struct sb_thread *t, struct sb_run *run,
				 sb_u64 key)
{
	struct sb_bucket *bk = sb_bucket_of(&run->list, key);
	struct brlock *b = sb_bucket_lock(bk);
	unsigned int i;

	for (i = 0; i < b->nr; i++)
		pthread_spin_lock(&b->slots[i].lock);
	sb_op_update(t, run, bk, key);
	/* any release order: every taker acquires them in index order */
	for (i = b->nr; i-- > 0;)
		pthread_spin_unlock(&b->slots[i].lock);
}

#define SB_WORKER brlock_worker
#define SB_LOOKUP brlock_lookup
#define SB_UPDATE brlock_update
#include "worker.h"

const struct sb_prim sb_prim_brlock = {
	.name = "brlock",
	.irq_refusal = "a handler that reads would spin on its own thread's reader lock, held by the thread it interrupted",
	.lock_size = sizeof(struct brlock),
	.lock_init = brlock_bucket_init,
	.lock_exit = brlock_bucket_exit,
	.worker = brlock_worker,
};
