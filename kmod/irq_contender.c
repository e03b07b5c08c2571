// SPDX-License-Identifier: GPL-2.0
/*
 * The interrupt-context contender: a per-CPU hrtimer at irq_hz, started by
 * the pinned worker on its own CPU. Each expiry records its lateness
 * (now - programmed expiry) and does one lookup through the primitive's
 * irq_lookup hook, under the same lock as the workers. The primitive's
 * capability picks the context: SB_CAP_IRQ a hard hrtimer (hard-IRQ
 * context; lateness into irq_lat / irq_lat_locked), SB_CAP_SOFTIRQ a soft
 * one (HRTIMER_SOFTIRQ context, run after the hard IRQ that raised it: on
 * its exit, at the worker's local_bh_enable() or in ksoftirqd; lateness
 * into softirq_lat / softirq_lat_locked). The two are different
 * quantities, so they never share a histogram.
 */
#include <linux/hrtimer.h>
#include <linux/minmax.h>
#include <linux/ktime.h>
#include "prim.h"

static enum hrtimer_restart sb_irq_fire(struct hrtimer *timer)
{
	struct sb_thread *t = container_of(timer, struct sb_thread, timer);
	struct sb_run *run = t->run;
	u64 exp = ktime_to_ns(hrtimer_get_expires(timer));
	u64 now = ktime_get_ns();
	u64 late = now > exp ? now - exp : 0, key, took;
	/*
	 * Late because this CPU's worker had interrupts off for the lock when
	 * the timer expired? Its last window is the one that held us off: we
	 * cannot run inside a window, only right after it.
	 */
	bool locked = READ_ONCE(t->irqoff_start) <= exp &&
		      exp < READ_ONCE(t->irqoff_end);
	bool soft = run->caps & SB_CAP_SOFTIRQ;
	int ret;

	if (sb_measuring(t)) {
		if (soft) {
			sb_hist_record(&t->hist[locked ? SB_H_SOFTIRQ_LOCKED :
						SB_H_SOFTIRQ], late);
			t->softirq_count++;
		} else {
			sb_hist_record(&t->hist[locked ? SB_H_IRQ_LOCKED :
						SB_H_IRQ], late);
			t->irq_count++;
		}
	}
	t->irq_rng ^= t->irq_rng << 13;
	t->irq_rng ^= t->irq_rng >> 7;
	t->irq_rng ^= t->irq_rng << 17;
	key = ((t->irq_rng & 0xffffffffULL) * run->key_space) >> 32;
	ret = run->ops->irq_lookup(t, key);
	/* delete_insert: a key off the list is a lookup that found nothing */
	if (ret && !(ret == -ENOENT && run->churn))
		t->irq_check_failures++;
	/*
	 * Back off when the handler is slow (a long list, an emulated CPU):
	 * the interrupt never takes more than about half of the CPU, so the
	 * worker always gets to see the stop flag.
	 */
	took = ktime_get_ns() - now;
	hrtimer_forward_now(timer,
			    ns_to_ktime(max_t(u64, run->irq_period_ns,
					      2 * took)));
	return HRTIMER_RESTART;
}

/* Called by the worker, pinned on its CPU, so the timer fires there. */
void sb_irq_start(struct sb_thread *t)
{
	enum hrtimer_mode mode = t->run->caps & SB_CAP_SOFTIRQ ?
		HRTIMER_MODE_REL_PINNED_SOFT : HRTIMER_MODE_REL_PINNED_HARD;

	t->irq_rng = t->rng | 1;
	hrtimer_init(&t->timer, CLOCK_MONOTONIC, mode);
	t->timer.function = sb_irq_fire;
	t->timer_on = true;
	hrtimer_start(&t->timer, ns_to_ktime(t->run->irq_period_ns), mode);
}

/*
 * Waits for a running callback (hard or soft); afterwards the irq fields
 * are ours.
 */
void sb_irq_stop(struct sb_thread *t)
{
	if (!t->timer_on)
		return;
	hrtimer_cancel(&t->timer);
	t->timer_on = false;
}
