// SPDX-License-Identifier: GPL-2.0
/*
 * spin_irqsave: the userspace analogue of spin_lock_irqsave() with an
 * interrupt-context contender (irq.h): the timer signal's handler takes
 * the same spinlock and does a lookup, so the lock holder must keep that
 * "interrupt" off while it holds the lock, or the handler would spin
 * forever on a lock its own thread holds. irq_mask=sigmask blocks the
 * signal (two system calls per operation), irq_mask=soft is lazy masking
 * with a per-thread flag, which mirrors the kernel's cost (see irq.h and
 * README.md). Interrupts are off while waiting for the lock too, as with
 * spin_lock_irqsave().
 */
#include <errno.h>
#include <stdlib.h>
#include "irq.h"
#include "listops.h"

/* The interrupt contender's state; the locks are the buckets'. */
struct irqsave {
	struct sb_irq irq;
};

/* The interrupt: a lookup under the lock (interrupts are off here). */
static int irqsave_irq_work(struct sb_thread *t, sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&t->run->list, key);
	pthread_spinlock_t *l = sb_bucket_lock(b);
	int bad;

	pthread_spin_lock(l);
	bad = sb_op_lookup_nocount(t->run, b, key, 0, NULL);
	pthread_spin_unlock(l);
	return bad;
}

static int irqsave_init(struct sb_run *run)
{
	struct irqsave *s = calloc(1, sizeof(*s));
	int rc;

	if (!s)
		return -ENOMEM;
	rc = sb_irq_init(run, &s->irq, irqsave_irq_work);
	if (rc) {
		free(s);
		return rc;
	}
	run->prim_data = s;
	return 0;
}

static void irqsave_exit(struct sb_run *run)
{
	struct irqsave *s = run->prim_data;

	if (!s)
		return;
	sb_irq_exit(&s->irq);
	free(s);
	run->prim_data = NULL;
}

static int irqsave_thread_init(struct sb_thread *t)
{
	return sb_irq_thread_init(t, &((struct irqsave *)t->run->prim_data)->irq);
}

static void irqsave_thread_start(struct sb_thread *t)
{
	sb_irq_thread_start(t, &((struct irqsave *)t->run->prim_data)->irq);
}

static void irqsave_thread_exit(struct sb_thread *t)
{
	sb_irq_thread_exit(t, &((struct irqsave *)t->run->prim_data)->irq);
}

static inline void irqsave_lookup(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	struct irqsave *s = run->prim_data;
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	pthread_spinlock_t *l = sb_bucket_lock(b);

	sb_irq_disable(t, &s->irq);
	pthread_spin_lock(l);
	sb_op_lookup(t, run, b, key);
	pthread_spin_unlock(l);
	sb_irq_enable(t, &s->irq);
}

static inline void irqsave_update(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	struct irqsave *s = run->prim_data;
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	pthread_spinlock_t *l = sb_bucket_lock(b);

	sb_irq_disable(t, &s->irq);
	pthread_spin_lock(l);
	sb_op_update(t, run, b, key);
	pthread_spin_unlock(l);
	sb_irq_enable(t, &s->irq);
}

#define SB_WORKER irqsave_worker
#define SB_LOOKUP irqsave_lookup
#define SB_UPDATE irqsave_update
#include "worker.h"

const struct sb_prim sb_prim_spin_irqsave = {
	.name = "spin_irqsave",
	.init = irqsave_init,
	.exit = irqsave_exit,
	.lock_size = sizeof(pthread_spinlock_t),
	.lock_init = sb_bucket_spin_init,	/* each bucket's, in it */
	.lock_exit = sb_bucket_spin_exit,
	.thread_init = irqsave_thread_init,
	.thread_start = irqsave_thread_start,
	.thread_exit = irqsave_thread_exit,
	.worker = irqsave_worker,
};
