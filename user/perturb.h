/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perturb: "schedule it badly" inside the race window, the userspace twin
 * of kmod/perturb.c (same keys, same meaning). The window is where
 * sb_perturb() is called: inside every real primitive's critical or
 * read-side section (sb_cs_work(), listops.h), between the check and the
 * act for a broken row with SB_CAP_UAF. perturb_pct of the calls (a draw
 * of the thread's own state) are perturbed:
 *
 * - delay: a busy wait of perturb_ns;
 * - yield: a voluntary reschedule, a nanosleep of perturb_ns (only where
 *   the window may sleep: SB_CAP_YIELD, the catalogue's rule, the same on
 *   both sides so that points join);
 * - preempt: one perturber thread per worker CPU, pinned there, SCHED_FIFO
 *   when the process may (else the best it may: SCHED_OTHER at the lowest
 *   nice it can set; perturb_sched in the record says which), woken at
 *   random instants and then taking the CPU for perturb_ns by busy
 *   waiting. The instants are the kernel's: gaps from one wake-up to the
 *   next uniform in [0, 2 x mean], mean = perturb_ns x 100 / perturb_pct,
 *   at least SB_PERTURB_MIN_GAP_NS, on an absolute schedule (a perturbation
 *   or a late wake-up does not push the next one back), so the perturber
 *   takes perturb_pct% of the CPU's time on both sides. The kernel
 *   preempts the worker wherever it is; where the window may sleep it
 *   also yields to a perturber that is due, so that the preemption lands
 *   inside the window as the kernel side's cond_resched() makes it.
 */
#ifndef SB_USER_PERTURB_H
#define SB_USER_PERTURB_H

#include "run.h"

/* The run's perturbation from its config and caps (sb_run_setup()). */
void sb_perturb_setup(struct sb_run *run);
/* One perturbation of the window, perturb_pct of the calls. */
void sb_perturb_window(struct sb_thread *t, struct sb_run *run);

static inline void sb_perturb(struct sb_thread *t, struct sb_run *run)
{
	if (__builtin_expect(run->perturb != SB_PERTURB_OFF, 0))
		sb_perturb_window(t, run);
}

/*
 * perturb=preempt: start the perturbers (0, or -errno with none left
 * running) before the workers, stop and join them after; r->perturb_sched
 * and the perturbations they made go to @r.
 */
int sb_perturb_start(struct sb_run *run);
void sb_perturb_stop(struct sb_run *run, struct sb_result *r);

#endif /* SB_USER_PERTURB_H */
