// SPDX-License-Identifier: GPL-2.0
/*
 * perturb: "schedule it badly" inside the race window, the way
 * locktorture's stutter and the sched_ext schedulers built to expose
 * concurrency bugs do, but built in, so it works on any kernel. The window
 * is where sb_perturb() is called: inside every real primitive's critical
 * or read-side section (sb_cs()), between the check and the act for a
 * broken row with SB_CAP_UAF. perturb_pct of the calls (a draw of the
 * thread's own state) are perturbed:
 *
 * - delay: a busy wait of perturb_ns, the CPU kept;
 * - yield: a voluntary reschedule, the task asleep on an hrtimer for
 *   perturb_ns so that anything runnable takes the CPU; only where the
 *   window may sleep (SB_CAP_YIELD: sb_prim_config_check() refuses it
 *   elsewhere, so never under a spinlock or rcu_read_lock());
 * - preempt: a perturber kthread per worker CPU, SCHED_FIFO, bound to it,
 *   woken by a pinned hard hrtimer at random instants (gaps uniform in
 *   [0, 2 x mean], mean = perturb_ns x 100 / perturb_pct, at least
 *   SB_PERTURB_MIN_GAP_NS), takes the CPU for perturb_ns by busy waiting.
 *   It preempts the worker wherever the kernel allows: anywhere
 *   preemptible under preempt=full, and at cond_resched() otherwise, which
 *   the window offers where it may sleep (SB_CAP_YIELD), so that the
 *   preemption lands inside it. perturb_pct is here the share of each
 *   CPU's time the perturber takes: perturb_ns every mean gap, the gaps
 *   measured from one wake-up to the next (the timer is forwarded from
 *   its expiry), as userspace's perturber does (user/perturb.c).
 *
 * perturbations counts those done in the measured window, on both sides.
 *
 * Everything is bounded: perturb_ns <= 1 ms (the config table), the
 * perturber takes at most about half of a CPU, run.c's batch counts the
 * perturbation into an operation's length.
 */
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/topology.h>
#include "prim.h"

/* The shortest gap between a perturber's wake-ups: 20 kHz at most. */
#define SB_PERTURB_MIN_GAP_NS (50 * NSEC_PER_USEC)

/* xorshift64: the perturbation's draws, apart from the loop's state. */
static inline u64 sb_perturb_rand(u64 *s)
{
	u64 x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

static void sb_perturb_sleep(u64 ns)
{
	ktime_t kt = ns_to_ktime(ns);

	__set_current_state(TASK_UNINTERRUPTIBLE);
	schedule_hrtimeout_range(&kt, 0, HRTIMER_MODE_REL);
}

void sb_perturb_setup(struct sb_run *run)
{
	const struct sb_config *cfg = &run->cfg;

	run->perturb = cfg->perturb;
	if (run->perturb == SB_PERTURB_OFF)
		return;
	run->perturb_cs = !(run->caps & SB_CAP_UAF);
	run->perturb_can_sleep = run->caps & SB_CAP_YIELD;
	/* perturb_pct x 1000 < 2^17: the shift cannot overflow */
	run->perturb_thresh = div_u64(cfg->perturb_mpct << 32, 100000);
	run->perturb_cycles = sb_ns_to_cycles(cfg->perturb_ns);
	run->perturb_gap_ns = div64_u64(cfg->perturb_ns * 100000,
					cfg->perturb_mpct);
}

void sb_perturb_window(struct sb_thread *t, struct sb_run *run)
{
	if (run->perturb == SB_PERTURB_PREEMPT) {
		/* a preemption point, where the window may sleep */
		if (run->perturb_can_sleep)
			cond_resched();
		return;
	}
	if ((sb_perturb_rand(&t->pert_rng) & 0xffffffffULL) >=
	    run->perturb_thresh)
		return;
	/* counted in the measured window, as the other figures */
	if (sb_measuring(t))
		t->perturbations++;
	if (run->perturb == SB_PERTURB_YIELD && run->perturb_can_sleep)
		sb_perturb_sleep(run->cfg.perturb_ns);
	else
		sb_busy_wait(run->perturb_cycles);
}

static enum hrtimer_restart sb_perturb_fire(struct hrtimer *timer)
{
	struct sb_thread *t = container_of(timer, struct sb_thread,
					   pert_timer);
	u64 gap = t->run->perturb_gap_ns;

	gap = ((sb_perturb_rand(&t->pert_timer_rng) & 0xffffffffULL) *
	       2 * gap) >> 32;
	WRITE_ONCE(t->pert_kick, true);
	wake_up_process(t->pert_task);
	hrtimer_forward_now(timer,
			    ns_to_ktime(max_t(u64, gap,
					      SB_PERTURB_MIN_GAP_NS)));
	return HRTIMER_RESTART;
}

/* The perturber: sleeps until its timer kicks it, then takes the CPU. */
static int sb_perturber(void *arg)
{
	struct sb_thread *t = arg;

	for (;;) {
		set_current_state(TASK_IDLE);
		if (kthread_should_stop())
			break;
		if (!READ_ONCE(t->pert_kick))
			schedule();
		__set_current_state(TASK_RUNNING);
		if (xchg(&t->pert_kick, false)) {
			sb_busy_wait(t->run->perturb_cycles);
			if (sb_measuring(t))
				t->perturbations++;
		}
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/*
 * Called by the worker, pinned on its CPU, so the timer fires there; the
 * perturber exists (sb_perturb_start()) before any worker runs.
 */
void sb_perturb_timer_start(struct sb_thread *t)
{
	if (!t->pert_task)
		return;
	hrtimer_init(&t->pert_timer, CLOCK_MONOTONIC,
		     HRTIMER_MODE_REL_PINNED_HARD);
	t->pert_timer.function = sb_perturb_fire;
	t->pert_timer_on = true;
	hrtimer_start(&t->pert_timer,
		      ns_to_ktime(max_t(u64, t->run->perturb_gap_ns,
					SB_PERTURB_MIN_GAP_NS)),
		      HRTIMER_MODE_REL_PINNED_HARD);
}

void sb_perturb_timer_stop(struct sb_thread *t)
{
	if (!t->pert_timer_on)
		return;
	hrtimer_cancel(&t->pert_timer);
	t->pert_timer_on = false;
}

/*
 * perturb=preempt: one SCHED_FIFO perturber per worker CPU, bound and
 * started (asleep until its timer, which the worker starts). 0 or -errno;
 * on an error the ones made are stopped.
 */
int sb_perturb_start(struct sb_run *run)
{
	unsigned int i;

	if (run->perturb != SB_PERTURB_PREEMPT)
		return 0;
	for (i = 0; i < run->nr_threads; i++) {
		struct sb_thread *t = run->threads[i];
		struct task_struct *task;

		t->pert_timer_rng = t->pert_rng ^ 0x2545f4914f6cdd1dULL;
		if (!t->pert_timer_rng)
			t->pert_timer_rng = 1;
		task = kthread_create_on_node(sb_perturber, t,
					      cpu_to_node(t->cpu),
					      "syncbench-pert/%d", t->cpu);
		if (IS_ERR(task)) {
			sb_perturb_stop(run);
			return PTR_ERR(task);
		}
		kthread_bind(task, t->cpu);
		sched_set_fifo(task);
		t->pert_task = task;
		wake_up_process(task);
	}
	return 0;
}

/* After the workers stopped their timers: reap every perturber. */
void sb_perturb_stop(struct sb_run *run)
{
	unsigned int i;

	for (i = 0; i < run->nr_threads; i++) {
		struct sb_thread *t = run->threads[i];

		sb_perturb_timer_stop(t);
		if (!t->pert_task)
			continue;
		kthread_stop(t->pert_task);
		t->pert_task = NULL;
	}
}
