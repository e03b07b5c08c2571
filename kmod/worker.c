// SPDX-License-Identifier: GPL-2.0
/* The worker kthread: one per configured CPU; see run.h for the phases. */
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include "prim.h"

/* xorshift64*: cheap, per thread, reproducible from the seed. */
static inline u64 sb_rand(u64 *s)
{
	u64 x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static void sb_one_op(struct sb_thread *t, const struct sb_prim_ops *ops,
		      u64 len, u32 update_pct, u64 lat_sample)
{
	u64 r = sb_rand(&t->rng), key, t0 = 0;
	/* Multiply-shift instead of %: no division in the loop. */
	bool update = (u32)(((r >> 32) * 100) >> 32) < update_pct;
	bool measuring = sb_measuring(t);
	bool timed = measuring && --t->sample_left == 0;
	int ret;

	key = ((r & 0xffffffffULL) * len) >> 32;
	if (timed)
		t0 = sb_now();
	ret = update ? ops->update(t, key) : ops->lookup(t, key);
	if (timed) {
		sb_hist_record(&t->hist[update ? SB_H_UPDATE : SB_H_LOOKUP],
			       sb_cycles_to_ns(sb_now() - t0));
		t->sample_left = lat_sample;
	}
	if (ret == -EBADMSG)
		t->check_failures++;
	else if (ret == -ENOENT)
		t->misses++;
	else if (ret == -ENOMEM)
		t->alloc_failures++;
	if (update && !ret)
		t->updates_done++;
	if (measuring && ret != -ENOMEM && ret != -ENOENT) {
		if (update)
			t->updates++;
		else
			t->lookups++;
	}
}

int sb_worker(void *arg)
{
	struct sb_thread *t = arg;
	struct sb_run *run = t->run;
	const struct sb_prim_ops *ops = run->ops;
	u64 len = run->cfg.list_len, think = run->think_cycles;
	/* lat_sample=0 (auto) times every op until auto is implemented */
	u64 lat_sample = run->cfg.lat_sample ? run->cfg.lat_sample : 1;
	u32 pct = (u32)run->cfg.update_pct;

	/* Bound by kthread_bind(); a CPU going offline would break that. */
	if (raw_smp_processor_id() != t->cpu)
		WRITE_ONCE(t->wrong_cpu, true);
	t->sample_left = lat_sample;
	atomic_inc(&run->nr_ready);
	wake_up(&run->ctl_wq);
	wait_event_idle(run->go_wq, READ_ONCE(run->go));

	if (run->irq_period_ns && !t->wrong_cpu && !READ_ONCE(run->stop))
		sb_irq_start(t);
	while (!READ_ONCE(run->stop) && !t->wrong_cpu) {
		sb_one_op(t, ops, len, pct, lat_sample);
		if (think) {
			t->think_cycles += sb_busy_wait(think);
			t->think_count++;
		}
		/* Never inside a critical section: the ops have returned. */
		cond_resched();
	}
	/*
	 * A CPU taken offline during the run moves its worker away for good
	 * (the kernel widens the affinity it breaks): the numbers are no
	 * longer this CPU's, and the result must say so.
	 */
	if (raw_smp_processor_id() != t->cpu || current->nr_cpus_allowed != 1)
		WRITE_ONCE(t->wrong_cpu, true);
	sb_irq_stop(t);
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
