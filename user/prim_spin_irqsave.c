// SPDX-License-Identifier: GPL-2.0
/*
 * spin_irqsave: the userspace analogue of spin_lock_irqsave() with an
 * interrupt-context contender. Each worker has a POSIX timer at irq_hz
 * that signals that very thread (SIGEV_THREAD_ID); the handler is the
 * "interrupt": it takes the same spinlock and does a lookup. The lock
 * holder must keep that interrupt off while it holds the lock, or the
 * handler would spin forever on a lock its own thread holds. Two ways:
 *
 * irq_mask=sigmask  pthread_sigmask() blocks the signal around the critical
 *                   section: two system calls per operation (~300 ns, tens
 *                   of times the lock itself); the kernel delivers the
 *                   pending signal when it is unblocked.
 * irq_mask=soft     lazy masking, as some kernels do for local_irq_save:
 *                   a per-thread flag; the handler that finds it set only
 *                   notes that it is pending and the unlock path does the
 *                   work. Two plain stores per operation, like cli/sti.
 *
 * Lateness = when the handler's work starts - when the timer expired,
 * into hist irq_lat, or irq_lat_locked when the lock holder had the
 * interrupt off when it arrived.
 *
 * Async-signal-safety: the handler touches only its own thread's struct
 * (found through a __thread pointer), the spinlock, the list (read-only
 * here), clock_gettime() and timer_getoverrun(). It never races the
 * worker on the same field: the handler writes irq_count_hard and its
 * histograms, the deferred path irq_count_soft and irq_lat_locked.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include "listops.h"

struct irqsave {
	pthread_spinlock_t lock;
	int soft;			/* irq_mask=soft */
	int signo;
	sigset_t set;			/* {signo} */
	sb_u64 period_ns;
	struct sigaction old;
};

static __thread struct sb_thread *irq_self;

static sb_u64 irq_expiry(struct sb_thread *t, struct irqsave *s)
{
	sb_u64 exp = t->irq_next_ns;
	int over = t->has_timer ? timer_getoverrun(t->timer) : 0;

	if (over > 0)
		exp += (sb_u64)over * s->period_ns;
	t->irq_next_ns = exp + s->period_ns;
	return exp;
}

/* The interrupt's work: a lookup under the lock; lateness into @h. */
static void irq_work(struct sb_thread *t, struct irqsave *s, sb_u64 exp,
		     struct sb_hist *h)
{
	sb_u64 now = sb_mono_ns();

	sb_hist_record(h, now > exp ? now - exp : 0);
	pthread_spin_lock(&s->lock);
	if (sb_op_lookup_nocount(t->run, now % t->run->cfg.list_len, 0, NULL))
		t->irq_check_failures++;
	pthread_spin_unlock(&s->lock);
}

static void irq_handler(int sig, siginfo_t *si, void *uc)
{
	struct sb_thread *t = irq_self;
	struct irqsave *s;
	int saved = errno;
	sb_u64 exp;

	(void)sig;
	(void)si;
	(void)uc;
	if (!t)
		return;
	s = t->run->prim_data;
	exp = irq_expiry(t, s);
	if (s->soft && t->irq_off) {
		/* Lazy masking: leave the work to the unlock path. */
		t->irq_pending_ns = exp;
		t->irq_pending = 1;
	} else {
		irq_work(t, s, exp, &t->hist[t->irq_unmasking ?
				    SB_H_IRQ_LOCKED : SB_H_IRQ]);
		t->irq_count_hard++;
	}
	errno = saved;
}

static int irqsave_init(struct sb_run *run)
{
	struct irqsave *s = calloc(1, sizeof(*s));
	struct sigaction sa;

	if (!s)
		return -ENOMEM;
	if (pthread_spin_init(&s->lock, PTHREAD_PROCESS_PRIVATE)) {
		free(s);
		return -ENOMEM;
	}
	s->soft = run->cfg.irq_mask == SB_IRQ_MASK_SOFT;
	s->signo = SIGRTMIN + 2;
	s->period_ns = run->cfg.irq_hz ? 1000000000ULL / run->cfg.irq_hz : 0;
	sigemptyset(&s->set);
	sigaddset(&s->set, s->signo);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = irq_handler;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(s->signo, &sa, &s->old)) {
		free(s);
		return -errno;
	}
	/* Workers inherit this mask and unblock once their timer is set. */
	pthread_sigmask(SIG_BLOCK, &s->set, NULL);
	run->prim_data = s;
	return 0;
}

static void irqsave_exit(struct sb_run *run)
{
	struct irqsave *s = run->prim_data;

	if (!s)
		return;
	sigaction(s->signo, &s->old, NULL);
	pthread_spin_destroy(&s->lock);
	free(s);
	run->prim_data = NULL;
}

static int irqsave_thread_init(struct sb_thread *t)
{
	struct irqsave *s = t->run->prim_data;
	struct sigevent sev;

	irq_self = t;
	if (!s->period_ns)
		return 0;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = s->signo;
	sev._sigev_un._tid = gettid();
	if (timer_create(CLOCK_MONOTONIC, &sev, &t->timer))
		return -errno;
	t->has_timer = 1;
	return 0;
}

/* After the start barrier: arm the timer, then let the signal in. */
static void irqsave_thread_start(struct sb_thread *t)
{
	struct irqsave *s = t->run->prim_data;
	struct itimerspec its;
	sb_u64 first;

	if (!t->has_timer)
		return;
	first = sb_mono_ns() + s->period_ns;
	t->irq_next_ns = first;
	its.it_value.tv_sec = first / 1000000000ULL;
	its.it_value.tv_nsec = first % 1000000000ULL;
	its.it_interval.tv_sec = s->period_ns / 1000000000ULL;
	its.it_interval.tv_nsec = s->period_ns % 1000000000ULL;
	timer_settime(t->timer, TIMER_ABSTIME, &its, NULL);
	pthread_sigmask(SIG_UNBLOCK, &s->set, NULL);
}

static void irqsave_thread_exit(struct sb_thread *t)
{
	struct irqsave *s = t->run->prim_data;

	pthread_sigmask(SIG_BLOCK, &s->set, NULL);
	if (t->has_timer)
		timer_delete(t->timer);
	t->has_timer = 0;
	irq_self = NULL;
}

static inline void irq_disable(struct sb_thread *t, struct irqsave *s)
{
	if (s->soft) {
		t->irq_off = 1;
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
	} else {
		pthread_sigmask(SIG_BLOCK, &s->set, NULL);
	}
}

static inline void irq_enable(struct sb_thread *t, struct irqsave *s)
{
	if (s->soft) {
		/*
		 * A handler that runs after irq_off = 0 does its own work;
		 * one that ran before it left the work here. The deferred
		 * work runs with irq_off set again, as the kernel runs a
		 * handler with interrupts off: a nested one would spin on
		 * the lock this thread holds inside irq_work().
		 */
		for (;;) {
			__atomic_signal_fence(__ATOMIC_SEQ_CST);
			t->irq_off = 0;
			__atomic_signal_fence(__ATOMIC_SEQ_CST);
			if (!t->irq_pending)
				break;
			t->irq_off = 1;
			__atomic_signal_fence(__ATOMIC_SEQ_CST);
			t->irq_pending = 0;
			irq_work(t, s, t->irq_pending_ns,
				 &t->hist[SB_H_IRQ_LOCKED]);
			t->irq_count_soft++;
		}
	} else {
		/* A signal that was blocked runs inside this call. */
		t->irq_unmasking = 1;
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		pthread_sigmask(SIG_UNBLOCK, &s->set, NULL);
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		t->irq_unmasking = 0;
	}
}

static inline void irqsave_lookup(struct sb_thread *t, sb_u64 key)
{
	struct irqsave *s = t->run->prim_data;

	irq_disable(t, s);
	pthread_spin_lock(&s->lock);
	sb_op_lookup(t, key);
	pthread_spin_unlock(&s->lock);
	irq_enable(t, s);
}

static inline void irqsave_update(struct sb_thread *t, sb_u64 key)
{
	struct irqsave *s = t->run->prim_data;

	irq_disable(t, s);
	pthread_spin_lock(&s->lock);
	sb_op_update(t, key);
	pthread_spin_unlock(&s->lock);
	irq_enable(t, s);
}

#define SB_WORKER irqsave_worker
#define SB_LOOKUP irqsave_lookup
#define SB_UPDATE irqsave_update
#include "worker.h"

const struct sb_prim sb_prim_spin_irqsave = {
	.name = "spin_irqsave",
	.flags = SB_PRIM_IRQ,
	.help = "pthread_spinlock_t with a timer-signal contender masked while held",
	.init = irqsave_init,
	.exit = irqsave_exit,
	.thread_init = irqsave_thread_init,
	.thread_start = irqsave_thread_start,
	.thread_exit = irqsave_thread_exit,
	.worker = irqsave_worker,
};
