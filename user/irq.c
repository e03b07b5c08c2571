// SPDX-License-Identifier: GPL-2.0
/* The interrupt contender: timers, handler, deferred work; see irq.h. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include "clock.h"
#include "irq.h"

static __thread struct sb_thread *irq_self;
static __thread struct sb_irq *irq_cur;

static sb_u64 irq_expiry(struct sb_thread *t, struct sb_irq *irq)
{
	sb_u64 exp = t->irq_next_ns;
	int over = t->has_timer ? timer_getoverrun(t->timer) : 0;

	if (over > 0)
		exp += (sb_u64)over * irq->period_ns;
	t->irq_next_ns = exp + irq->period_ns;
	return exp;
}

/* The interrupt's work; its lateness into @h. */
static void irq_work(struct sb_thread *t, struct sb_irq *irq, sb_u64 exp,
		     struct sb_hist *h)
{
	sb_u64 now = sb_mono_ns();

	sb_hist_record(h, now > exp ? now - exp : 0);
	int bad = irq->work(t, now % t->run->key_space);

	/* delete_insert: a key off the list is a lookup that found nothing */
	if (bad && !(bad == SB_LK_MISS && t->run->churn))
		t->irq_check_failures++;
}

static void irq_handler(int sig, siginfo_t *si, void *uc)
{
	struct sb_thread *t = irq_self;
	struct sb_irq *irq = irq_cur;
	int saved = errno;
	sb_u64 exp;

	(void)sig;
	(void)si;
	(void)uc;
	if (!t || !irq)
		return;
	exp = irq_expiry(t, irq);
	if (irq->soft && t->irq_off) {
		/* Lazy masking: leave the work to sb_irq_enable(). */
		t->irq_pending_ns = exp;
		t->irq_pending = 1;
	} else {
		irq_work(t, irq, exp, &t->hist[t->irq_unmasking ?
				      SB_H_IRQ_LOCKED : SB_H_IRQ]);
		t->irq_count_hard++;
	}
	errno = saved;
}

void sb_irq_run_deferred(struct sb_thread *t, struct sb_irq *irq)
{
	/*
	 * The deferred work runs with irq_off set again, as the kernel runs
	 * a handler with interrupts off: a nested one would spin on the lock
	 * this thread holds inside the work. A handler that lands after
	 * irq_off = 0 does its own work.
	 */
	while (t->irq_pending) {
		sb_u64 exp;

		t->irq_off = 1;
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		exp = t->irq_pending_ns;
		t->irq_pending = 0;
		irq_work(t, irq, exp, &t->hist[SB_H_IRQ_LOCKED]);
		t->irq_count_soft++;
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		t->irq_off = 0;
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
	}
}

int sb_irq_init(struct sb_run *run, struct sb_irq *irq,
		int (*work)(struct sb_thread *t, sb_u64 key))
{
	struct sigaction sa;

	memset(irq, 0, sizeof(*irq));
	irq->work = work;
	irq->soft = run->cfg.irq_mask == SB_IRQ_MASK_SOFT;
	irq->signo = SIGRTMIN + 2;
	irq->period_ns = run->cfg.irq_hz ? 1000000000ULL / run->cfg.irq_hz : 0;
	sigemptyset(&irq->set);
	sigaddset(&irq->set, irq->signo);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = irq_handler;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(irq->signo, &sa, &irq->old))
		return -errno;
	/* Workers inherit this mask and unblock once their timer is set. */
	pthread_sigmask(SIG_BLOCK, &irq->set, NULL);
	return 0;
}

void sb_irq_exit(struct sb_irq *irq)
{
	sigaction(irq->signo, &irq->old, NULL);
}

int sb_irq_thread_init(struct sb_thread *t, struct sb_irq *irq)
{
	struct sigevent sev;

	irq_self = t;
	irq_cur = irq;
	if (!irq->period_ns)
		return 0;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = irq->signo;
	sev._sigev_un._tid = gettid();
	if (timer_create(CLOCK_MONOTONIC, &sev, &t->timer))
		return -errno;
	t->has_timer = 1;
	return 0;
}

void sb_irq_thread_start(struct sb_thread *t, struct sb_irq *irq)
{
	struct itimerspec its;
	sb_u64 first;

	if (!t->has_timer)
		return;
	first = sb_mono_ns() + irq->period_ns;
	t->irq_next_ns = first;
	its.it_value.tv_sec = first / 1000000000ULL;
	its.it_value.tv_nsec = first % 1000000000ULL;
	its.it_interval.tv_sec = irq->period_ns / 1000000000ULL;
	its.it_interval.tv_nsec = irq->period_ns % 1000000000ULL;
	timer_settime(t->timer, TIMER_ABSTIME, &its, NULL);
	pthread_sigmask(SIG_UNBLOCK, &irq->set, NULL);
}

void sb_irq_thread_exit(struct sb_thread *t, struct sb_irq *irq)
{
	pthread_sigmask(SIG_BLOCK, &irq->set, NULL);
	if (t->has_timer)
		timer_delete(t->timer);
	t->has_timer = 0;
	irq_self = NULL;
	irq_cur = NULL;
}
