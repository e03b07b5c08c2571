/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The result record, shared by kernel and userspace: one key=value per line,
 * the config echoed first, then "result_schema=N" and the measured keys, the
 * per-thread lines "thread.<i>.<field>=" and the merged histograms
 * "hist.<name>=<bucket>:<count>,..." (sparse; bucket indexes are those of
 * sb_hist.h). Keys are only ever added, never renamed; readers skip keys
 * they do not know.
 */
#ifndef SB_RESULT_H
#define SB_RESULT_H

#include "sb_config.h"
#include "sb_hist.h"

#define SB_RESULT_SCHEMA 1
#define SB_REASON_LEN 512	/* a reason whole, a path or two in it */

/*
 * stopped: the run ended early for a reason it reports (a broken row's
 * quarantine filled), everything up to the stop measured: a measurement
 * like ok, over a shorter window.
 */
enum sb_status { SB_STATUS_OK, SB_STATUS_FAILED, SB_STATUS_ABORTED,
		 SB_STATUS_STOPPED };
enum sb_clock { SB_CLOCK_TSC, SB_CLOCK_MONOTONIC };
/* The post-run list check; unchecked when the run ended before it. */
enum sb_invariants { SB_INV_VIOLATED, SB_INV_OK, SB_INV_UNCHECKED };
/*
 * How perturb=preempt's perturber ran: none (another mode, or off), fifo
 * (SCHED_FIFO), other (userspace without the privilege: the best
 * available, SCHED_OTHER at the lowest nice it may set).
 */
enum sb_perturb_sched { SB_PSCHED_NONE, SB_PSCHED_FIFO, SB_PSCHED_OTHER };

/* The histograms a result carries; names are their key prefixes. */
enum sb_hist_id {
	SB_H_LOOKUP,		/* lookup latency */
	SB_H_UPDATE,		/* update latency */
	SB_H_IRQ,		/* interrupt contender lateness, lock not held */
	SB_H_IRQ_LOCKED,	/* ... while a lock holder had "irqs" off */
	SB_H_RCU_GP,		/* grace-period latency (synchronize_rcu) */
	/*
	 * The softirq contender's lateness (SB_CAP_SOFTIRQ), apart from the
	 * hard-IRQ one: a softirq runs after the hard IRQ that raised it
	 * (on its exit, at local_bh_enable() or in ksoftirqd), so its
	 * lateness is a different quantity and must not share a chart or a
	 * percentile with irq_lat.
	 */
	SB_H_SOFTIRQ,		/* softirq contender lateness, lock not held */
	SB_H_SOFTIRQ_LOCKED,	/* ... while a lock holder had softirqs off */
	SB_NR_HISTS
};
extern const char *const sb_hist_names[SB_NR_HISTS];

struct sb_thread_result {
	sb_u64 cpu;
	sb_u64 ops;
	sb_u64 lookups;
	sb_u64 updates;
};

struct sb_result {
	struct sb_config cfg;
	sb_u64 schema;
	sb_u64 status;			/* enum sb_status */
	char reason[SB_REASON_LEN];	/* why not ok; "" when ok */
	char side[8];			/* kernel | user */
	sb_u64 threads;
	sb_u64 elapsed_ns;
	sb_u64 ops;
	sb_u64 ops_per_sec;
	sb_u64 lookups;
	sb_u64 updates;
	sb_u64 fairness_jain_ppm;	/* printed as fairness_jain=0.xxxxxx */
	/*
	 * Per role (updaters=K): lookups come from the readers, updates from
	 * the updaters; Jain's index over each role's threads, 0 without
	 * roles (or a role with no thread).
	 */
	sb_u64 lookups_per_sec;
	sb_u64 updates_per_sec;
	sb_u64 fairness_jain_readers_ppm;
	sb_u64 fairness_jain_updaters_ppm;
	sb_u64 thread_ops_min;
	sb_u64 thread_ops_max;
	sb_u64 invariants_ok;		/* enum sb_invariants, printed as
					 * invariants=violated|ok|unchecked
					 */
	sb_u64 violations;		/* invariant violations found */
	sb_u64 check_failures;		/* lookups that saw a torn entry */
	sb_u64 final_len;		/* list length after the run */
	sb_u64 harness_ns;		/* empty critical section, no lock */
	/*
	 * What one operation costs one thread, in ps (printed op_ns=x.xxx):
	 * elapsed_ns * threads / ops. loop_ps: the same for the null
	 * primitive (the timed loop alone) under the same config, measured
	 * in the same run or boot, so op_ns - loop_ns is the primitive.
	 * 0: not measured.
	 */
	sb_u64 op_ps;
	sb_u64 loop_ps;
	/* the 1-in-N sampling the run used (lat_sample=0 asks for auto) */
	sb_u64 lat_sample_used;
	sb_u64 cs_ns_actual;		/* measured cs busy-wait */
	sb_u64 think_ns_actual;		/* measured think busy-wait */
	sb_u64 clock;			/* enum sb_clock */
	sb_u64 tsc_khz;			/* calibration of the cycle counter */
	sb_u64 timestamp_ns;		/* cost of one time-stamp */
	/*
	 * Most entries off the list and not yet freed. rcu_free=kfree_rcu has
	 * no callback of ours to see the free: there it counts the entries
	 * whose grace period had not ended (polled by cookie) at each
	 * kfree_rcu(), a lower bound of what RCU holds (kfree_rcu batches the
	 * frees after the grace period).
	 */
	sb_u64 rcu_peak_pending;
	sb_u64 rcu_peak_pending_bytes;	/* the same, in allocated bytes */
	sb_u64 rcu_callbacks;		/* call_rcu callbacks run */
	sb_u64 irq_count;		/* hard-IRQ contender lookups done */
	sb_u64 softirq_count;		/* softirq contender lookups done */
	/*
	 * Sequence-lock read retries in the measured window (read_seqretry()
	 * said the read overlapped a writer): seq_retries / lookups is the
	 * retries per lookup. 0 for every other primitive.
	 */
	sb_u64 seq_retries;
	/*
	 * update_op=delete_insert: lookups that found their key off the list
	 * (key_space > list_len says how often), and updates that did (they
	 * changed nothing), measured window.
	 */
	sb_u64 lookup_misses;
	sb_u64 update_misses;
	/*
	 * The longest window in which a worker held the interrupt contender
	 * off (interrupts off for spin_irqsave, softirqs off for spin_bh; in
	 * userspace the timer signal masked; the lock's wait included),
	 * measured window; 0: no contender.
	 */
	sb_u64 irqoff_max_ns;
	/*
	 * Race exposure (docs/DESIGN.md): reads and writes of an entry that
	 * was already freed into the poisoned quarantine (SB_CAP_UAF rows),
	 * the time from the start of the measured window to the first
	 * violation detected in it (a use after free or a torn read; 0:
	 * none within the run), the violations detected in the window per
	 * second (x 1000, printed x.xxx), the updates the sum invariant found
	 * lost (initial + updates - sum, 0 when the sum is higher), the
	 * perturbations applied and how the perturber was scheduled.
	 */
	sb_u64 uaf_reads;
	sb_u64 uaf_writes;
	sb_u64 first_violation_ns;
	sb_u64 violations_per_sec_milli;
	sb_u64 lost_updates;
	sb_u64 perturbations;
	sb_u64 perturb_sched;		/* enum sb_perturb_sched */
	sb_u64 voluntary_ctxsw;		/* userspace: getrusage */
	sb_u64 involuntary_ctxsw;
	/*
	 * The threads' first SB_OP_DIGEST_OPS draws (key, lookup or update),
	 * one FNV-1a digest each, folded in thread order (common/sb_op.h):
	 * equal on both sides for the same config and seed.
	 */
	sb_u64 op_digest;
	struct sb_thread_result thread[SB_MAX_THREADS];
	struct sb_hist hist[SB_NR_HISTS];
};

/* Zero everything, set the schema and every histogram empty. */
void sb_result_init(struct sb_result *r, const struct sb_config *cfg,
		    const char *side);
/*
 * From r->threads per-thread entries and r->elapsed_ns: totals, ops_per_sec,
 * fairness (Jain's index) and the per-thread min/max.
 */
void sb_result_finish(struct sb_result *r);

/* @count events in @elapsed_ns as a rate per second x 1000; 0 if no time. */
sb_u64 sb_result_rate_milli(sb_u64 count, sb_u64 elapsed_ns);

/* Returns the full length (as snprintf): call again with more room. */
int sb_result_print(const struct sb_result *r, unsigned int side, char *buf,
		    size_t len);
/* Parse a record; unknown keys are skipped. 0 or -1 with a reason. */
int sb_result_parse(struct sb_result *r, const char *text, size_t len,
		    char *err, size_t errlen);

/*
 * What a record key holds, by the schema: SB_KEY_TEXT (config words, names
 * and CPU lists, status words, side, reason, hist.<name>), SB_KEY_NUMBER
 * (every other config and result key, the histogram summaries,
 * thread.<i>.<field>), or SB_KEY_UNKNOWN (not in the schema: a side's
 * extras, or a newer key).
 */
enum sb_key_kind { SB_KEY_UNKNOWN, SB_KEY_TEXT, SB_KEY_NUMBER };
enum sb_key_kind sb_result_key_kind(const char *k, size_t kl);

/*
 * Iterate the key=value lines of a record: returns 1 with key/value spans,
 * 0 at the end. Lines without '=' are skipped.
 */
int sb_kv_next(const char **pos, const char *end, const char **key,
	       size_t *klen, const char **val, size_t *vlen);

#endif /* SB_RESULT_H */
