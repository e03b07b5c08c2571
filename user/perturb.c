// SPDX-License-Identifier: GPL-2.0
/* perturb: the race window scheduled badly; see perturb.h. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>
#include "clock.h"
#include "perturb.h"
#include "place.h"

/* 20 kHz at most (as the kernel's); a stop is seen within 100 ms. */
#define SB_PERTURB_MIN_GAP_NS 50000ULL
#define SB_PERTURB_SLICE_NS 100000000ULL
/*
 * A perturber more than this behind its schedule (a wake-up that came
 * late on a busy machine) starts afresh from now, as the kernel's timer
 * skips the expiries it missed: a backlog is not caught up in one burst.
 */
#define SB_PERTURB_MAX_BEHIND_NS 10000000ULL

struct sb_perturber {
	struct sb_run *run;
	unsigned int cpu;
	pthread_t tid;
	sb_u64 rng;
	int due;		/* atomic: the perturber is about to run */
	int fifo;		/* it got SCHED_FIFO */
	sb_u64 runs;		/* perturbations it made */
} __attribute__((aligned(SB_CACHELINE)));

struct sb_perturbers {
	unsigned int n;
	int stop;		/* atomic */
	sb_u64 gap_ns;		/* the mean gap */
	struct sb_perturber p[];
};

/* xorshift64: the perturbation's draws, apart from the loop's state. */
static inline sb_u64 sb_perturb_rand(sb_u64 *s)
{
	sb_u64 x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

void sb_perturb_setup(struct sb_run *run)
{
	const struct sb_config *cfg = &run->cfg;

	run->perturb = (int)cfg->perturb;
	if (run->perturb == SB_PERTURB_OFF)
		return;
	run->perturb_cs = !(run->caps & SB_CAP_UAF);
	run->perturb_can_sleep = !!(run->caps & SB_CAP_YIELD);
	run->perturb_thresh = (cfg->perturb_mpct << 32) / 100000;
	run->perturb_ticks = sb_ns_to_ticks(cfg->perturb_ns);
}

static void sb_perturb_sleep(sb_u64 ns)
{
	struct timespec ts = { (time_t)(ns / 1000000000ULL),
			       (long)(ns % 1000000000ULL) };

	nanosleep(&ts, NULL);
}

void sb_perturb_window(struct sb_thread *t, struct sb_run *run)
{
	if (run->perturb == SB_PERTURB_PREEMPT) {
		struct sb_perturbers *ps = run->perturbers;

		/* a due perturber of this CPU: let it in, inside the window */
		if (run->perturb_can_sleep && ps &&
		    __atomic_load_n(&ps->p[t->idx].due, __ATOMIC_RELAXED))
			sched_yield();
		return;
	}
	if ((sb_perturb_rand(&t->pert_rng) & 0xffffffffULL) >=
	    run->perturb_thresh)
		return;
	t->perturbations++;
	if (run->perturb == SB_PERTURB_YIELD && run->perturb_can_sleep)
		sb_perturb_sleep(run->cfg.perturb_ns);
	else
		sb_busy_ticks(run->perturb_ticks);
}

/* SCHED_FIFO if permitted, else the lowest nice this thread may have. */
static int sb_perturber_sched(void)
{
	struct sched_param sp = { .sched_priority =
					  sched_get_priority_max(SCHED_FIFO) };
	int nice;

	if (!pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp))
		return 1;
	for (nice = -20; nice < 0; nice++)
		if (!setpriority(PRIO_PROCESS, (id_t)gettid(), nice))
			break;
	return 0;
}

/* Sleep until CLOCK_MONOTONIC @due ns, or a stop (seen within a slice). */
static void sb_perturber_wait(struct sb_perturbers *ps, sb_u64 due)
{
	sb_u64 now = sb_mono_ns();

	while (now < due && !__atomic_load_n(&ps->stop, __ATOMIC_ACQUIRE)) {
		sb_u64 until = due - now > SB_PERTURB_SLICE_NS ?
			now + SB_PERTURB_SLICE_NS : due;
		struct timespec ts = { (time_t)(until / 1000000000ULL),
				       (long)(until % 1000000000ULL) };

		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
		now = sb_mono_ns();
	}
}

/*
 * Wake-ups at random instants on an absolute schedule, each followed by
 * perturb_ns of busy waiting: perturb_ns / mean gap = perturb_pct% of the
 * CPU, as kmod/perturb.c's hrtimer (forwarded from its expiry) takes it.
 * Only the perturbations in the measured window are counted, as the
 * workers' own.
 */
static void *sb_perturber_main(void *arg)
{
	struct sb_perturber *p = arg;
	struct sb_run *run = p->run;
	struct sb_perturbers *ps = run->perturbers;
	sb_u64 ticks = run->perturb_ticks, due;

	sb_place_bind_self(run->place, p->cpu);
	p->fifo = sb_perturber_sched();
	/* wake at the instant drawn, not up to 50 us later (timer slack) */
	prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
	due = sb_mono_ns();
	while (!__atomic_load_n(&ps->stop, __ATOMIC_ACQUIRE)) {
		sb_u64 gap = ((sb_perturb_rand(&p->rng) & 0xffffffffULL) * 2 *
			      ps->gap_ns) >> 32, now;

		if (gap < SB_PERTURB_MIN_GAP_NS)
			gap = SB_PERTURB_MIN_GAP_NS;
		due += gap;
		now = sb_mono_ns();
		if (now > due + SB_PERTURB_MAX_BEHIND_NS)
			due = now;
		sb_perturber_wait(ps, due);
		if (__atomic_load_n(&ps->stop, __ATOMIC_ACQUIRE))
			break;
		__atomic_store_n(&p->due, 1, __ATOMIC_RELAXED);
		sb_busy_ticks(ticks);
		__atomic_store_n(&p->due, 0, __ATOMIC_RELAXED);
		if (sb_run_phase(run) == SB_PH_MEASURE)
			p->runs++;
	}
	return NULL;
}

int sb_perturb_start(struct sb_run *run)
{
	const struct sb_config *cfg = &run->cfg;
	struct sb_perturbers *ps;
	unsigned int i;
	int rc = 0;

	if (run->perturb != SB_PERTURB_PREEMPT)
		return 0;
	ps = calloc(1, sizeof(*ps) + run->nr_threads * sizeof(ps->p[0]));
	if (!ps)
		return -ENOMEM;
	ps->gap_ns = cfg->perturb_ns * 100000 / cfg->perturb_mpct;
	run->perturbers = ps;
	for (i = 0; i < run->nr_threads; i++) {
		struct sb_perturber *p = &ps->p[i];

		p->run = run;
		p->cpu = run->threads[i].cpu;
		p->rng = (cfg->seed + i + 1) * 0x9e3779b97f4a7c15ULL | 1;
		rc = -pthread_create(&p->tid, NULL, sb_perturber_main, p);
		if (rc)
			break;
		ps->n = i + 1;
	}
	if (rc) {
		sb_perturb_stop(run, NULL);
		return rc;
	}
	return 0;
}

void sb_perturb_stop(struct sb_run *run, struct sb_result *r)
{
	struct sb_perturbers *ps = run->perturbers;
	unsigned int i, fifo = 0;

	if (!ps)
		return;
	__atomic_store_n(&ps->stop, 1, __ATOMIC_RELEASE);
	for (i = 0; i < ps->n; i++) {
		pthread_join(ps->p[i].tid, NULL);
		fifo += ps->p[i].fifo;
		if (r)
			r->perturbations += ps->p[i].runs;
	}
	if (r)
		r->perturb_sched = ps->n && fifo == ps->n ? SB_PSCHED_FIFO :
			SB_PSCHED_OTHER;
	free(ps);
	run->perturbers = NULL;
}
