/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interrupt-context contender, the userspace analogue of the kernel
 * side's per-CPU hrtimer: each worker has a POSIX timer at irq_hz that
 * signals that very thread (timer_create, SIGEV_THREAD_ID); the handler is
 * the "interrupt" and runs the primitive's irq_work (a lookup under the
 * same lock, or under rcu_read_lock()).
 *
 * Code that must not be interrupted (a lock an interrupt also takes) brackets
 * itself with sb_irq_disable()/sb_irq_enable(), in one of two ways:
 *
 * irq_mask=sigmask  pthread_sigmask() blocks the signal: two system calls
 *                   (~300 ns); the kernel delivers the pending signal when
 *                   it is unblocked, as a CPU takes a masked IRQ on sti.
 * irq_mask=soft     lazy masking, as some kernels do local_irq_save(): a
 *                   per-thread flag; a handler that finds it set only notes
 *                   that it is pending and sb_irq_enable() does the work.
 *                   Two plain stores, like cli/sti: this one mirrors the
 *                   kernel's cost.
 *
 * Lateness = when the work starts - when the timer expired (overruns
 * counted), into hist irq_lat, or irq_lat_locked when the interrupt arrived
 * while masked.
 *
 * Async-signal-safety: the handler touches only its own thread's struct
 * (found through a __thread pointer), the primitive's lock or RCU read
 * side, the list (read-only), clock_gettime() and timer_getoverrun(). It
 * never races the worker on a field: the handler writes irq_count_hard and
 * its histograms, the deferred path irq_count_soft and irq_lat_locked.
 */
#ifndef SB_USER_IRQ_H
#define SB_USER_IRQ_H

#include "run.h"
#include "clock.h"

struct sb_irq {
	int soft;			/* irq_mask=soft */
	int signo;
	sigset_t set;			/* {signo} */
	sb_u64 period_ns;		/* 0: no contender */
	struct sigaction old;
	/* the interrupt's work, in signal context: returns 1 if torn */
	int (*work)(struct sb_thread *t, sb_u64 key);
};

/* Install the handler (process-wide); workers inherit the mask. */
int sb_irq_init(struct sb_run *run, struct sb_irq *irq,
		int (*work)(struct sb_thread *t, sb_u64 key));
void sb_irq_exit(struct sb_irq *irq);
/* On the worker: create its timer (before the start gate). */
int sb_irq_thread_init(struct sb_thread *t, struct sb_irq *irq);
/* After the gate: arm the timer, let the signal in. */
void sb_irq_thread_start(struct sb_thread *t, struct sb_irq *irq);
/* Before the worker leaves: no more signals, timer gone. */
void sb_irq_thread_exit(struct sb_thread *t, struct sb_irq *irq);
/* soft: run the interrupts that arrived while masked. */
void sb_irq_run_deferred(struct sb_thread *t, struct sb_irq *irq);

static inline void sb_irq_disable(struct sb_thread *t, struct sb_irq *irq)
{
	/* with the contender on: the window it is held off, timed */
	if (irq->period_ns)
		t->irqoff_t0 = sb_ticks();
	if (irq->soft) {
		t->irq_off = 1;
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
	} else {
		pthread_sigmask(SIG_BLOCK, &irq->set, NULL);
	}
}

static inline void sb_irq_enable(struct sb_thread *t, struct sb_irq *irq)
{
	if (irq->period_ns) {
		sb_u64 d = sb_ticks() - t->irqoff_t0;

		if (d > t->irqoff_max && sb_run_phase(t->run) == SB_PH_MEASURE)
			t->irqoff_max = d;
	}
	if (irq->soft) {
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		t->irq_off = 0;
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		if (__builtin_expect(t->irq_pending, 0))
			sb_irq_run_deferred(t, irq);
	} else {
		/* A signal that was blocked runs inside this call. */
		t->irq_unmasking = 1;
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		pthread_sigmask(SIG_UNBLOCK, &irq->set, NULL);
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		t->irq_unmasking = 0;
	}
}

#endif /* SB_USER_IRQ_H */
