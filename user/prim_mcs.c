// SPDX-License-Identifier: GPL-2.0
/*
 * mcs: the MCS queue lock (Mellor-Crummey and Scott, 1991), the queue
 * the kernel's qspinlock puts its contended waiters in: each waiter spins
 * on a flag in its own queue node (here one per thread, on its own cache
 * line) instead of on the lock word, so a handover touches one waiter's
 * line, not every waiter's. FIFO like ticket. The lock is only the tail
 * pointer. Its kernel counterpart is spin (qspinlock), the catalogue's
 * pair. The preemption hazard of a fair spinning lock in userspace: see
 * cpu_relax.h.
 */
#include <errno.h>
#include <stdlib.h>
#include "cpu_relax.h"
#include "listops.h"

struct mcs_node {
	struct mcs_node *next;	/* the waiter queued behind us */
	int locked;		/* 1 while we wait, 0 when handed the lock */
} __attribute__((aligned(SB_CACHELINE)));

/* A bucket's lock (buckets=N): its own tail, in the bucket. */
struct mcs {
	struct mcs_node *tail;
};

/*
 * The queue nodes: one per worker, by sb_thread.idx, whichever bucket's
 * lock it queues on (a thread holds or waits for one lock at a time).
 */
static int mcs_init(struct sb_run *run)
{
	struct mcs_node *nodes = aligned_alloc(SB_CACHELINE,
					       run->nr_threads *
					       sizeof(*nodes));

	if (!nodes)
		return -ENOMEM;
	memset(nodes, 0, run->nr_threads * sizeof(*nodes));
	run->prim_data = nodes;
	return 0;
}

static void mcs_exit(struct sb_run *run)
{
	free(run->prim_data);
	run->prim_data = NULL;
}

static int mcs_bucket_init(struct sb_run *run, void *lock)
{
	(void)run;
	memset(lock, 0, sizeof(struct mcs));
	return 0;
}

static inline void mcs_lock(struct mcs *l, struct mcs_node *n)
{
	struct mcs_node *prev;

	__atomic_store_n(&n->next, NULL, __ATOMIC_RELAXED);
	__atomic_store_n(&n->locked, 1, __ATOMIC_RELAXED);
	/*
	 * acquire: the critical section of a holder that left the queue
	 * empty (its release CAS) before ours; release: our node's reset
	 * before a successor that finds it as tail writes its next.
	 */
	prev = __atomic_exchange_n(&l->tail, n, __ATOMIC_ACQ_REL);
	if (!prev)
		return;
	/* release: our reset before the holder hands over through it */
	__atomic_store_n(&prev->next, n, __ATOMIC_RELEASE);
	while (__atomic_load_n(&n->locked, __ATOMIC_ACQUIRE))
		sb_cpu_relax();
}

static inline void mcs_unlock(struct mcs *l, struct mcs_node *n)
{
	struct mcs_node *next = __atomic_load_n(&n->next, __ATOMIC_ACQUIRE);
	struct mcs_node *expect = n;

	if (!next) {
		/* nobody queued: leave the lock empty, if still so */
		if (__atomic_compare_exchange_n(&l->tail, &expect, NULL, 0,
						__ATOMIC_RELEASE,
						__ATOMIC_RELAXED))
			return;
		/*
		 * Someone swapped the tail in but has not linked behind us
		 * yet: the one window in which the holder waits for a
		 * waiter (a preempted one stalls the lock, cpu_relax.h).
		 */
		while (!(next = __atomic_load_n(&n->next, __ATOMIC_ACQUIRE)))
			sb_cpu_relax();
	}
	/* release: our critical section before the successor's */
	__atomic_store_n(&next->locked, 0, __ATOMIC_RELEASE);
}

static inline void mcs_lookup(struct sb_thread *t, struct sb_run *run,
			      sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	struct mcs *l = sb_bucket_lock(b);
	struct mcs_node *n = (struct mcs_node *)run->prim_data + t->idx;

	mcs_lock(l, n);
	sb_op_lookup(t, run, b, key);
	mcs_unlock(l, n);
}

static inline void mcs_update(struct sb_thread *t, struct sb_run *run,
			      sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	struct mcs *l = sb_bucket_lock(b);
	struct mcs_node *n = (struct mcs_node *)run->prim_data + t->idx;

	mcs_lock(l, n);
	sb_op_update(t, run, b, key);
	mcs_unlock(l, n);
}

#define SB_WORKER mcs_worker
#define SB_LOOKUP mcs_lookup
#define SB_UPDATE mcs_update
#include "worker.h"

const struct sb_prim sb_prim_mcs = {
	.name = "mcs",
	.irq_refusal = "the handler would queue behind the node its own thread holds the lock with, and spin forever",
	.init = mcs_init,
	.exit = mcs_exit,
	.lock_size = sizeof(struct mcs),
	.lock_init = mcs_bucket_init,
	.worker = mcs_worker,
};
