/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One benchmark point, in this process: threads pinned and parked on a
 * start barrier, a warm-up that is not measured, a measured window ended by
 * a stop flag, per-thread counters and histograms on their own cache lines,
 * merged into the common result record at the end (refscale's discipline).
 */
#ifndef SB_USER_RUN_H
#define SB_USER_RUN_H

#include <pthread.h>
#include <signal.h>
#include <time.h>
#include "sb_budget.h"
#include "sb_op.h"
#include "sb_result.h"
#include "calib.h"
#include "entry_cache.h"
#include "list.h"
#include "prim.h"

struct sb_place;
struct sb_perturbers;

enum sb_phase { SB_PH_WARMUP, SB_PH_MEASURE, SB_PH_STOP };


/* Everything one worker writes; nobody else writes it during the run. */
struct sb_thread {
	struct sb_run *run;
	unsigned int idx;
	unsigned int cpu;		/* the CPU it was pinned to */
	pthread_t tid;
	sb_u64 rnd;			/* key draw state (sb_rand, sb_op.h) */
	struct sb_op_digest op_dig;	/* its first operations' op_digest */
	/*
	 * Update if a draw's low 32 bits < this: the run's update_pct, or
	 * with roles (updaters=K) 2^32 for the first K threads, 0 for the
	 * others.
	 */
	sb_u64 upd_thresh;
	sb_u64 next_update;		/* updaters: when the next is due, ns */
	/*
	 * delete_insert under a lock: the fresh entry, allocated before the
	 * lock, and the unlinked one, dropped after it.
	 */
	struct sb_entry *spare;
	struct sb_entry *to_free;
	struct sb_entry *held;		/* ref=refcount: the lookup's, to use */
	sb_u64 lookup_misses;		/* delete_insert: key off the list */
	sb_u64 update_misses;		/* ... window */
	sb_u64 update_misses_all;	/* ... whole run, for the sum check */
	/* measured window */
	sb_u64 lookups;
	sb_u64 updates;
	sb_u64 warm_updates;		/* updates before the window */
	sb_u64 check_failures;
	sb_u64 cs_ticks, cs_count;	/* busy-wait actually spent */
	sb_u64 think_ticks, think_count;
	long nvcsw0, nivcsw0;		/* getrusage at window start */
	long nvcsw, nivcsw;		/* ... deltas at the end */
	sb_u64 cpu_ns0, cpu_ns;		/* thread CPU time, same window */
	/* the interrupt contender (see irq.h) */
	timer_t timer;
	int has_timer;
	sb_u64 irq_next_ns;		/* CLOCK_MONOTONIC of next expiry */
	sb_u64 irq_pending_ns;		/* soft: expiry of the deferred one */
	volatile sig_atomic_t irq_off;	/* soft mask: "irqs disabled" */
	volatile sig_atomic_t irq_pending; /* soft: work deferred to unlock */
	volatile sig_atomic_t irq_unmasking; /* sigmask: in SIG_UNBLOCK */
	sb_u64 irq_count_hard;		/* written by the handler only */
	sb_u64 irq_count_soft;		/* by the deferred path only */
	sb_u64 irq_check_failures;	/* by the handler/deferred path */
	/* the longest masked window with the contender on, window, ticks */
	sb_u64 irqoff_t0, irqoff_max;
	/* seqlock: read passes retried, and reads done under its lock */
	sb_u64 seq_retries;
	sb_u64 seq_locked_reads;
	/*
	 * Race exposure (race.h), measured window: uses of an entry already
	 * freed into the poisoned quarantine, the violations detected (those
	 * and torn reads) and the ticks of the first (0: none yet).
	 */
	sb_u64 uaf_reads;
	sb_u64 uaf_writes;
	sb_u64 win_violations;
	sb_u64 first_violation;
	/* perturb (perturb.c): the draw's own state, perturbations done */
	sb_u64 pert_rng;
	sb_u64 perturbations;
	struct sb_hist hist[SB_NR_HISTS];
	int error;			/* setup failed: -errno */
	int inited;			/* prim->thread_init succeeded */
	char errmsg[96];
} __attribute__((aligned(SB_CACHELINE)));

struct sb_run {
	/* read-mostly, shared by all workers */
	struct sb_config cfg;
	const struct sb_prim *prim;
	struct sb_place *place;
	struct sb_list list;
	struct sb_entry_cache ecache;	/* list.cache when node=N */
	sb_u64 upd_thresh;		/* update if (rand & 2^32-1) < this */
	sb_u64 sample_thresh;		/* time if (state >> 32) < this */
	sb_u64 cs_ticks;
	sb_u64 think_ticks;
	sb_u64 hold_ticks;		/* hold_ns */
	sb_u64 upd_interval_ns;		/* update_interval_ns: paced updaters */
	sb_u64 key_space;		/* keys drawn from [0, key_space) */
	int churn;			/* update_op=delete_insert */
	int ref;			/* ref=refcount */
	unsigned int caps;		/* the primitive's SB_CAP_* */
	/*
	 * perturb (perturb.c): the mode (enum sb_perturb, 0 = off); whether
	 * sb_cs_work() perturbs (the real primitives; a SB_CAP_UAF row
	 * perturbs its own window); whether the window may sleep
	 * (SB_CAP_YIELD); the draw's threshold, the length; preempt's
	 * perturber threads and how they were scheduled.
	 */
	int perturb;
	int perturb_cs;
	int perturb_can_sleep;
	sb_u64 perturb_thresh;
	sb_u64 perturb_ticks;
	struct sb_perturbers *perturbers;
	/*
	 * the ticks the measured window opened at; the quarantine is full
	 * (the run stops: status=stopped), and was before the window opened
	 */
	sb_u64 win_start;
	int qfull;
	int qfull_warmup;
	/* rcu_free=async: past this many pending frees an updater waits */
	sb_u64 pending_cap;
	struct sb_thread *threads;
	unsigned int nr_threads;
	/* the start barrier: workers check in, then wait for go */
	pthread_mutex_t gate_lock;
	pthread_cond_t gate_cond;
	unsigned int gate_ready;
	int gate_go;
	unsigned int checked_in;	/* workers that did their first op */
	int stopped;			/* a SIGCONT arrived in the window */
	void *prim_data;		/* the primitive's lock etc. */
	/* the phase flag: its own cache line, written twice per run */
	int phase __attribute__((aligned(SB_CACHELINE)));
	char pad[SB_CACHELINE - sizeof(int)];
	/* RCU statistics, shared by updaters and the call_rcu thread */
	sb_u64 rcu_pending __attribute__((aligned(SB_CACHELINE)));
	sb_u64 rcu_peak_pending;
	sb_u64 rcu_callbacks;
	struct sb_hist cb_hist;		/* call_rcu delay, call_rcu thread */
};

/* Extra keys the userspace record carries beyond struct sb_result. */
struct sb_user_extra {
	/* picoseconds: these are a few ns, and their ratios matter */
	sb_u64 spin_lock_unlock_ps;	/* bare loop: this run's or matrix's */
	const char *calibration;	/* sb_calib_source(); NULL: none */
	const char *loop_source;	/* sb_calib_loop_source(); NULL: none */
	sb_u64 harness_loop_ps;		/* = loop_ps, the key's old name */
	sb_u64 op_cost_ps;		/* = op_ps, the key's old name */
	sb_u64 cpu_ns;			/* CPU time of all workers, window */
	sb_u64 op_cost_cpu_ps;		/* cpu_ns / ops: immune to preemption */
	sb_s64 lost_updates;
	sb_u64 bad_entries;
	sb_u64 irq_count_locked;
	sb_u64 seq_locked_reads;	/* seqlock reads that gave up retrying */
	char numa[64];			/* where the list memory went */
	char list_nodes[96];		/* where its entries are, after */
};

/* ref=refcount: drop a reference; the last frees the unlinked entry. */
void sb_entry_put(struct sb_run *run, struct sb_entry *e);

static inline int sb_run_phase(const struct sb_run *run)
{
	return __atomic_load_n(&run->phase, __ATOMIC_RELAXED);
}

/* Called by the worker when it first sees SB_PH_MEASURE. */
void sb_thread_window_start(struct sb_thread *t);

/*
 * Run one point in this process. The clock, the time-stamp and empty
 * section costs and the bare lock come from @cal when it is given (checked
 * against @place: sb_calib_check), else are measured here on the first
 * CPU. Returns 0 with *r and *x filled (status may still be failed, with a
 * reason), or -1 with err for an internal error.
 */
int sb_run_point(const struct sb_config *cfg, struct sb_place *place,
		 const struct sb_calib *cal, struct sb_result *r,
		 struct sb_user_extra *x, char *err, size_t errlen);

/* The config table's largest lat_sample, and auto's ceiling. */
#define SB_LAT_SAMPLE_MAX 1024

/*
 * lat_sample=0 (auto): the smallest power of two N <= SB_LAT_SAMPLE_MAX
 * with 100 x timestamp <= N x loop, i.e. the two time-stamps of a timed
 * operation, amortised over N, cost at most 2% of the loop's per-op cost
 * (and so at most 2% of any operation's); SB_LAT_SAMPLE_MAX when none is
 * enough. Both costs in ps.
 */
unsigned int sb_lat_sample_auto(sb_u64 timestamp_ps, sb_u64 loop_ps);

/* The harness under a config: the sampling it uses and the loop's cost. */
struct sb_harness {
	sb_u64 lat_sample;	/* N: cfg's, or auto's choice for 0 */
	sb_u64 loop_ps;		/* null loop at N, per op per thread; 0: failed */
};

/*
 * Measure the timed loop alone (the null primitive) on @place under @cfg:
 * for lat_sample=0 first at SB_LAT_SAMPLE_MAX to choose N (needs
 * sb_clock_init()), then at N. About 10 to 30 ms per measurement.
 */
void sb_harness_measure(struct sb_place *place, const struct sb_config *cfg,
			struct sb_harness *h);
/* Cost of a bare pthread_spin_lock/unlock pair, ps. */
sb_u64 sb_spin_bare_ps(void);

/*
 * A window longer than 2 x duration_ms + this was stretched: the stop flag
 * is set by a sleep that oversleeps by milliseconds on a busy machine, not
 * by half a second.
 */
#define SB_WINDOW_SLACK_NS 500000000ULL
/*
 * Windows shorter than this are a few scheduler periods long, in which a
 * runnable thread on a busy machine may rightly wait most of the time: no
 * CPU-time verdict on them.
 */
#define SB_WINDOW_CPU_MIN_NS 100000000ULL
/*
 * Workers that ran less than 1/this of the window in all were stopped or
 * starved: the throughput is that many times too low. (On a 2-core machine
 * shared with two busy VMs, 2-thread points ran 30% to 50% of the window,
 * a merely slow point, and in bursts 2% to 5%: 20 to 50 times too low.)
 */
#define SB_WINDOW_CPU_FRACTION 20

/*
 * Was the measuring window stretched, so that the ops were counted over
 * time the workers did not run? Its throughput would be low by the
 * stretch with nothing to show it. Yes, with @why, when
 *  - a SIGCONT arrived during it (a job-control stop: kill -STOP, Ctrl-Z);
 *  - its wall time exceeds 2 x duration_ms + SB_WINDOW_SLACK_NS (a stop,
 *    or starvation, that outlasted the window's end);
 *  - for a primitive whose threads never sleep, each on a CPU of its own,
 *    in a window of SB_WINDOW_CPU_MIN_NS or more: the workers' CPU time in
 *    all is under 1/SB_WINDOW_CPU_FRACTION of threads x the window.
 * The run's stopped flag and its threads' cpu and cpu_ns must be filled.
 */
int sb_window_stretched(const struct sb_run *run, sb_u64 elapsed_ns,
			char *why, size_t len);

/*
 * The worst-case memory of @cfg's run against what this machine has
 * available (MemAvailable, else sysconf; test-only:
 * SYNCBENCH_USER_TEST_MEMAVAIL=bytes), as the module checks its own
 * (sb_budget.h): 0 with the caps the run uses, or -1 with the reason.
 */
int sb_run_mem_plan(const struct sb_config *cfg, struct sb_mem_plan *p,
		    char *err, size_t errlen);

/* The record text (result + extras), malloc()ed; NULL on no memory. */
char *sb_record_text(const struct sb_result *r,
		     const struct sb_user_extra *x, size_t *len);

#endif /* SB_USER_RUN_H */
