// SPDX-License-Identifier: GPL-2.0
/*
 * The worker kthread: one per configured CPU; see run.h for the phases and
 * worker.h for the timed loop each primitive generates.
 */
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include "prim.h"

int sb_worker(void *arg)
{
	struct sb_thread *t = arg;
	struct sb_run *run = t->run;

	/* Bound by kthread_bind(); a CPU going offline would break that. */
	if (raw_smp_processor_id() != t->cpu)
		WRITE_ONCE(t->wrong_cpu, true);
	atomic_inc(&run->nr_ready);
	wake_up(&run->ctl_wq);
	wait_event_idle(run->go_wq, READ_ONCE(run->go));

	if (run->irq_period_ns && !t->wrong_cpu && !READ_ONCE(run->stop))
		sb_irq_start(t);
	if (!t->wrong_cpu && !READ_ONCE(run->stop))
		sb_perturb_timer_start(t);
	/* Every phase, until SB_PH_STOP: the primitive's own loop. */
	if (!t->wrong_cpu)
		run->ops->loop(t);
	/*
	 * A CPU taken offline during the run moves its worker away for good
	 * (the kernel widens the affinity it breaks): the numbers are no
	 * longer this CPU's, and the result must say so.
	 */
	if (raw_smp_processor_id() != t->cpu || current->nr_cpus_allowed != 1)
		WRITE_ONCE(t->wrong_cpu, true);
	sb_irq_stop(t);
	sb_perturb_timer_stop(t);
	atomic_inc(&run->nr_finished);
	wake_up(&run->ctl_wq);

	/*
	 * Stay until kthread_stop(): the controller must be able to reap us
	 * without racing with our exit.
	 */
	for (;;) {
		set_current_state(TASK_IDLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}
