// SPDX-License-Identifier: GPL-2.0
/*
 * ticket: a ticket spinlock, the FIFO spinlock the kernel used before
 * qspinlock (and the fairness qspinlock keeps): take a ticket with one
 * fetch-and-add, spin until the owner counter shows it. Beside spin
 * (pthread_spinlock_t, test-and-set: whoever wins the cache line gets the
 * lock, so a thread can reacquire it at once and starve the others) it
 * shows what fairness costs: every handover goes to the next in line,
 * which must first fetch the line the releaser just wrote. Its kernel
 * counterpart is spin (qspinlock), the catalogue's pair. The preemption
 * hazard of a fair spinning lock in userspace: see cpu_relax.h.
 */
#include <errno.h>
#include <stdlib.h>
#include "cpu_relax.h"
#include "listops.h"

struct ticket {
	/*
	 * Both halves on one line, as the kernel's arch_spinlock_t: the
	 * acquirer writes next, the releaser owner, every waiter reads
	 * owner. 32 bits wrap harmlessly: only equality is tested, and
	 * fewer than 2^32 threads can hold tickets at once.
	 */
	unsigned int next;
	unsigned int owner;
} __attribute__((aligned(SB_CACHELINE)));

/* Each bucket's lock (buckets=N): its own, in the bucket (zeroed). */
static int ticket_bucket_init(struct sb_run *run, void *lock)
{
	(void)run;
	memset(lock, 0, sizeof(struct ticket));
	return 0;
}

static inline void ticket_lock(struct ticket *l)
{
	unsigned int me = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	/* acquire: the previous holder's critical section before ours */
	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me)
		sb_cpu_relax();
}

static inline void ticket_unlock(struct ticket *l)
{
	/* only the holder writes owner: a plain increment, released */
	unsigned int o = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);

	__atomic_store_n(&l->owner, o + 1, __ATOMIC_RELEASE);
}

static inline void ticket_lookup(struct sb_thread *t, struct sb_run *run,
				 sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	struct ticket *l = sb_bucket_lock(b);

	ticket_lock(l);
	sb_op_lookup(t, run, b, key);
	ticket_unlock(l);
}

static inline void ticket_update(struct sb_thread *t, struct sb_run *run,
				 sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	struct ticket *l = sb_bucket_lock(b);

	ticket_lock(l);
	sb_op_update(t, run, b, key);
	ticket_unlock(l);
}

#define SB_WORKER ticket_worker
#define SB_LOOKUP ticket_lookup
#define SB_UPDATE ticket_update
#include "worker.h"

const struct sb_prim sb_prim_ticket = {
	.name = "ticket",
	.irq_refusal = "the handler would wait forever for a ticket behind the one its own thread holds",
	.lock_size = sizeof(struct ticket),
	.lock_init = ticket_bucket_init,
	.worker = ticket_worker,
};
