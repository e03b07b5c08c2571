// SPDX-License-Identifier: GPL-2.0
/*
 * The controller: set up the list and the workers, drive the phases, stop,
 * reap, check the list and fill the result. Every wait is bounded; a signal
 * aborts the run cleanly.
 */
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/topology.h>
#include "prim.h"

/* How long workers get to start, and to finish their last operation. */
#define SB_START_TIMEOUT (10 * HZ)
#define SB_FINISH_TIMEOUT (10 * HZ)

/*
 * A worker reads the phase (and so sees the stop) and calls cond_resched()
 * once per batch of operations: at most SB_BATCH_MAX, fewer when one
 * operation walks a long list (about SB_BATCH_WALK entries per batch) or
 * busy-waits cs_ns + think_ns (about SB_BATCH_NS per batch). 256 operations
 * of the shortest kind are ~10 us on a real CPU, a few hundred under TCG.
 */
#define SB_BATCH_MAX 256
#define SB_BATCH_WALK 16384
#define SB_BATCH_NS (200 * NSEC_PER_USEC)
/*
 * delete_insert on a broken primitive keeps every entry it unlinks until
 * the run ends (list.h): room for at most this many updates beyond the
 * list (some 64 MiB), fewer where the memory available is less
 * (sb_run_plan()); a run that fills it stops early, status=stopped.
 */
#define SB_QUARANTINE (1ULL << 20)
/*
 * A flood of asynchronous frees could pile up memory faster than grace
 * periods end: past this many pending entries (fewer on a small machine)
 * an updater waits for one itself (defer.c).
 */
#define SB_DEFER_MAX_PENDING (1ULL << 20)
/*
 * A smaller bound, set at load time: vm.debug's kernel (KASAN, kmemleak)
 * updates too slowly to fill a million entries within the longest run,
 * and the full quarantine's path must run there too. Never above the
 * default.
 */
static unsigned long quarantine_entries = SB_QUARANTINE;
module_param(quarantine_entries, ulong, 0444);
MODULE_PARM_DESC(quarantine_entries,
		 "the broken rows' quarantine beyond the list (1..1048576)");
/* lat_sample=0 (auto): sampling costs at most 1/SB_AUTO_PCT of the loop */
#define SB_AUTO_PCT 100
#define SB_AUTO_MAX 1024	/* the largest lat_sample (sb_config.c) */

static __printf(3, 4) void sb_fail(struct sb_result *r, int status,
				   const char *fmt, ...)
{
	va_list ap;

	if (r->status != SB_STATUS_OK)
		return;		/* keep the first reason */
	r->status = status;
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
	va_end(ap);
}

/*
 * Sleep for @ms, or less: -EINTR on a signal or when *abort (module unload)
 * is set.
 */
static int sb_sleep(struct sb_run *run, wait_queue_head_t *wq, bool *abort,
		    u64 ms)
{
	long ret;

	if (!ms || READ_ONCE(run->qfull))
		return 0;
	ret = wait_event_interruptible_timeout(*wq, READ_ONCE(*abort) ||
					       READ_ONCE(run->qfull),
					       msecs_to_jiffies(ms));
	/* the quarantine filled (race.c): end the window now, no error */
	if (READ_ONCE(run->qfull) && !READ_ONCE(*abort) && ret >= 0)
		return 0;
	return ret ? -EINTR : 0;
}

static void sb_free_threads(struct sb_run *run)
{
	unsigned int i;

	for (i = 0; i < run->nr_threads; i++) {
		kfree(run->threads[i]->spare);
		kvfree(run->threads[i]);
	}
}

static int sb_alloc_threads(struct sb_run *run)
{
	int cpu = -1;
	unsigned int i = 0, h;

	while ((cpu = sb_config_next_cpu(&run->cfg, cpu)) >= 0) {
		struct sb_thread *t;

		t = kvzalloc_node(sizeof(*t), SB_GFP_KV, cpu_to_node(cpu));
		if (!t)
			return -ENOMEM;
		run->threads[i] = t;
		run->nr_threads = ++i;
		t->run = run;
		t->idx = i - 1;
		t->cpu = cpu;
		/* the same sequence as the mirror's thread (sb_op.h) */
		t->rng = sb_op_seed(run->cfg.seed, 0, t->idx);
		t->upd_thresh = sb_op_upd_thresh(&run->cfg, t->idx);
		sb_op_digest_init(&t->op_dig);
		t->pert_rng = sb_op_seed(run->cfg.seed, SB_OP_SALT_PERTURB,
					 t->idx);
		for (h = 0; h < SB_NR_HISTS; h++)
			sb_hist_init(&t->hist[h]);
	}
	return 0;
}

/* Create every worker bound to its CPU, but do not start any yet. */
static int sb_create_threads(struct sb_run *run, struct sb_result *r)
{
	unsigned int i;

	for (i = 0; i < run->nr_threads; i++) {
		struct sb_thread *t = run->threads[i];
		struct task_struct *task;

		task = kthread_create_on_node(sb_worker, t, cpu_to_node(t->cpu),
					      "syncbench/%d", t->cpu);
		if (IS_ERR(task)) {
			/* -EINTR: the writer got a fatal signal meanwhile. */
			if (PTR_ERR(task) == -EINTR)
				sb_fail(r, SB_STATUS_ABORTED,
					"interrupted by a signal");
			else
				sb_fail(r, SB_STATUS_FAILED,
					"cannot create the thread for CPU %d: %ld",
					t->cpu, PTR_ERR(task));
			return PTR_ERR(task);
		}
		kthread_bind(task, t->cpu);
		t->task = task;
	}
	return 0;
}

/*
 * Wait for @started workers to leave their loops, bounded by progress
 * rather than by the clock: after the stop flag each worker finishes the
 * operation it is in, and a convoy of many threads on a long list (256
 * threads queued on a mutex around a 1M-entry walk) can take longer than
 * any fixed limit. Only SB_FINISH_TIMEOUT with no worker finishing gives
 * up; that is at most started + 1 waits.
 */
static bool sb_wait_finished(struct sb_run *run, unsigned int started)
{
	int before;

	do {
		before = atomic_read(&run->nr_finished);
		if (wait_event_timeout(run->ctl_wq,
				       atomic_read(&run->nr_finished) == started,
				       SB_FINISH_TIMEOUT))
			return true;
	} while (atomic_read(&run->nr_finished) != before);
	return false;
}

/*
 * Stop every worker: set the stop flag, wait (see sb_wait_finished()) for
 * each to leave its loop, then reap it. Returns false if one did not: it
 * is then left running with the module pinned and the run leaked (a use
 * after free would be worse), and the result says so.
 */
static bool sb_stop_threads(struct sb_run *run, struct sb_result *r,
			    unsigned int started)
{
	unsigned int i;
	bool all = true;

	WRITE_ONCE(run->phase, SB_PH_STOP);
	WRITE_ONCE(run->stop, true);
	WRITE_ONCE(run->go, true);
	wake_up_all(&run->go_wq);
	if (started && !sb_wait_finished(run, started)) {
		sb_fail(r, SB_STATUS_FAILED,
			"only %d of %u threads finished; none in the last %d s",
			atomic_read(&run->nr_finished), started,
			SB_FINISH_TIMEOUT / HZ);
		all = false;
	}
	for (i = 0; i < run->nr_threads; i++) {
		struct sb_thread *t = run->threads[i];

		if (!t->task)
			continue;
		if (i >= started) {
			/* Never woken: kthread_stop() just reaps it. */
			kthread_stop(t->task);
			t->task = NULL;
			continue;
		}
		if (!all)
			continue;
		kthread_stop(t->task);
		t->task = NULL;
		module_put(THIS_MODULE);
	}
	return all;
}

static int sb_start_threads(struct sb_run *run, struct sb_result *r,
			    unsigned int *started)
{
	unsigned int i;

	for (i = 0; i < run->nr_threads; i++) {
		/* A live worker pins the module: see sb_stop_threads(). */
		__module_get(THIS_MODULE);
		wake_up_process(run->threads[i]->task);
		*started = i + 1;
	}
	if (!wait_event_timeout(run->ctl_wq,
				atomic_read(&run->nr_ready) == run->nr_threads,
				SB_START_TIMEOUT)) {
		sb_fail(r, SB_STATUS_FAILED,
			"only %d of %u threads started within %d s",
			atomic_read(&run->nr_ready), run->nr_threads,
			SB_START_TIMEOUT / HZ);
		return -EIO;
	}
	for (i = 0; i < run->nr_threads; i++) {
		if (READ_ONCE(run->threads[i]->wrong_cpu)) {
			sb_fail(r, SB_STATUS_FAILED,
				"thread %u is not running on CPU %d (offline?)",
				i, run->threads[i]->cpu);
			return -EIO;
		}
	}
	return 0;
}

/* Warm-up, then the measured window; sets r->elapsed_ns. */
static int sb_drive(struct sb_run *run, struct sb_result *r,
		    wait_queue_head_t *abort_wq, bool *abort)
{
	u64 start, end;
	int ret;

	WRITE_ONCE(run->phase, SB_PH_WARMUP);
	WRITE_ONCE(run->go, true);
	wake_up_all(&run->go_wq);
	ret = sb_sleep(run, abort_wq, abort, run->cfg.warmup_ms);
	if (ret)
		return ret;
	run->qfull_warmup = READ_ONCE(run->qfull);
	start = ktime_get_ns();
	run->win_start_ns = start;
	WRITE_ONCE(run->phase, SB_PH_MEASURE);
	ret = sb_sleep(run, abort_wq, abort, run->cfg.duration_ms);
	WRITE_ONCE(run->phase, SB_PH_COOLDOWN);
	end = ktime_get_ns();
	r->elapsed_ns = end - start;
	return ret;
}

static u64 sb_avg_ns(u64 cycles, u64 count)
{
	return count ? div64_u64(sb_cycles_to_ns(cycles), count) : 0;
}

/* Per-thread numbers and histograms into the result. */
static u64 sb_merge(struct sb_run *run, struct sb_result *r)
{
	u64 updates_done = 0, cs = 0, csn = 0, th = 0, thn = 0;
	u64 misses = 0, allocs = 0, win_viol = 0, first = 0;
	u64 digest = SB_FNV_BASIS;
	unsigned int i, h;

	r->threads = run->nr_threads;
	for (i = 0; i < run->nr_threads; i++) {
		struct sb_thread *t = run->threads[i];
		struct sb_thread_result *tr = &r->thread[i];

		sb_op_digest_finish(&t->op_dig, t->rng, run->key_space,
				    t->upd_thresh);
		digest = sb_op_digest_combine(digest, t->op_dig.hash);

		tr->cpu = t->cpu;
		if (READ_ONCE(t->wrong_cpu))
			sb_fail(r, SB_STATUS_FAILED,
				"thread %u left CPU %d during the run (taken offline?)",
				i, t->cpu);
		tr->lookups = t->lookups;
		tr->updates = t->updates;
		tr->ops = t->lookups + t->updates;
		for (h = 0; h < SB_NR_HISTS; h++)
			sb_hist_merge(&r->hist[h], &t->hist[h]);
		updates_done += t->updates_done;
		r->check_failures += t->check_failures + t->irq_check_failures;
		r->irq_count += t->irq_count;
		r->softirq_count += t->softirq_count;
		r->seq_retries += t->seq_retries;
		r->lookup_misses += t->lookup_misses;
		r->irqoff_max_ns = max(r->irqoff_max_ns, t->irqoff_max);
		r->update_misses += t->update_misses;
		r->uaf_reads += t->uaf_reads;
		r->uaf_writes += t->uaf_writes;
		r->perturbations += t->perturbations;
		win_viol += t->win_violations;
		if (t->first_violation && (!first || t->first_violation < first))
			first = t->first_violation;
		misses += t->misses;
		allocs += t->alloc_failures;
		cs += t->cs_cycles;
		csn += t->cs_count;
		th += t->think_cycles;
		thn += t->think_count;
	}
	/* A harness primitive changes nothing: the sum must be the first. */
	if (run->caps & SB_CAP_HARNESS)
		updates_done = 0;
	/* from the window's start; a violation at its very start is 1 ns */
	if (first)
		r->first_violation_ns = max_t(u64, 1, first > run->win_start_ns ?
					      first - run->win_start_ns : 0);
	r->violations_per_sec_milli = sb_result_rate_milli(win_viol,
							   r->elapsed_ns);
	r->perturb_sched = run->perturb == SB_PERTURB_PREEMPT ?
		SB_PSCHED_FIFO : SB_PSCHED_NONE;
	r->cs_ns_actual = sb_avg_ns(cs, csn);
	r->think_ns_actual = sb_avg_ns(th, thn);
	if (misses)
		sb_fail(r, SB_STATUS_FAILED,
			"%llu operations did not find their key", misses);
	if (allocs)
		sb_fail(r, SB_STATUS_FAILED,
			"%llu updates could not allocate an entry (no memory)",
			allocs);
	/*
	 * A full quarantine ends the run early, everything up to then
	 * measured: stopped, not failed; unless it filled before the
	 * measured window opened, which then measured nothing.
	 */
	if (run->qfull_warmup)
		sb_fail(r, SB_STATUS_FAILED,
			"the quarantine filled during the warm-up (%llu entries), before the measured window: shorten warmup_ms or lower update_pct",
			run->list.quarantine_cap);
	else if (run->qfull)
		sb_fail(r, SB_STATUS_STOPPED,
			"the quarantine filled after %llu ms, %llu entries: the run stopped there, measured up to then (a broken primitive's freed entries are kept, poisoned, until the run ends)",
			div_u64(r->elapsed_ns, NSEC_PER_MSEC),
			run->list.quarantine_cap);
	r->op_digest = sb_op_digest_value(digest);
	sb_result_finish(r);
	return updates_done;
}

static void sb_check_list(struct sb_run *run, struct sb_result *r,
			  u64 updates_done)
{
	struct sb_list_report rep;

	if (sb_list_check(&run->list, updates_done, &rep)) {
		sb_fail(r, SB_STATUS_FAILED, "no memory for the list check");
		return;
	}
	r->final_len = rep.final_len;
	r->violations = rep.violations;
	r->lost_updates = rep.lost_updates;
	r->invariants_ok = rep.violations ? SB_INV_VIOLATED : SB_INV_OK;
}

static unsigned int sb_batch(const struct sb_config *cfg)
{
	u64 b = SB_BATCH_MAX, op_ns = cfg->cs_ns + cfg->think_ns + cfg->hold_ns;

	/* a perturbed operation is perturb_ns longer (preempt: any one) */
	if (cfg->perturb != SB_PERTURB_OFF)
		op_ns += cfg->perturb_ns;

	b = min_t(u64, b, max_t(u64, 1, SB_BATCH_WALK / cfg->list_len));
	if (op_ns)
		b = min_t(u64, b, max_t(u64, 1, SB_BATCH_NS / op_ns));
	return (unsigned int)b;
}

/* 1 in @n operations timed: the Weyl state's top half below 2^32 / n. */
static u64 sb_sample_thresh(u64 n)
{
	return n ? ((1ULL << 32) + n - 1) / n : 0;
}

struct sb_null_pass {
	struct sb_thread *t;
	u64 ps;
};

static int sb_null_pass_fn(void *arg)
{
	struct sb_null_pass *p = arg;

	p->ps = sb_null_loop_ps(p->t);
	return 0;
}

/*
 * loop_ps and the sampling: the null loop (prim_null.c) run under this
 * run's config (update_pct, list_len for the key draw, think_ns, the batch)
 * on the run's first CPU before any worker starts, best of a few rounds of
 * ~1024 operations (at most ~20 ms a pass). lat_sample=0 (auto): first the
 * loop with no time-stamps (loop0), then N = the smallest power of two
 * <= 1024 with SB_AUTO_PCT x timestamp <= N x loop0, i.e. two time-stamps
 * every N operations cost at most 2% of the loop's own per-op cost (and so
 * of any operation's). Then the loop at the N used is loop_ps.
 * Sets run->sample_thresh; returns the N used. 0, -ENOMEM.
 */
static int sb_measure_loop(struct sb_run *run, struct sb_result *r,
			   u64 timestamp_ps)
{
	struct sb_null_pass p;
	int cpu = sb_config_next_cpu(&run->cfg, -1);
	u64 n = run->cfg.lat_sample;
	unsigned int h;

	p.t = kvzalloc_node(sizeof(*p.t), SB_GFP_KV, cpu_to_node(cpu));
	if (!p.t)
		return -ENOMEM;
	p.t->run = run;
	p.t->cpu = cpu;
	p.t->rng = sb_op_seed(run->cfg.seed, 0, SB_MAX_THREADS);
	/* with roles, a reader's loop: never paced, so the pass stays short */
	p.t->upd_thresh = run->cfg.updaters ? 0 : run->upd_thresh;
	for (h = 0; h < SB_NR_HISTS; h++)
		sb_hist_init(&p.t->hist[h]);
	if (!n) {
		run->sample_thresh = 0;
		p.ps = 0;
		smp_call_on_cpu(cpu, sb_null_pass_fn, &p, false);
		for (n = 1; n < SB_AUTO_MAX; n <<= 1)
			if (SB_AUTO_PCT * timestamp_ps <= n * p.ps)
				break;
	}
	run->sample_thresh = sb_sample_thresh(n);
	p.ps = 0;
	smp_call_on_cpu(cpu, sb_null_pass_fn, &p, false);
	r->loop_ps = p.ps;
	r->lat_sample_used = n;
	kfree(p.t->spare);
	kvfree(p.t);
	return 0;
}

static void *sb_run_lock(struct sb_run *run, u32 i)
{
	return sb_bucket_lock(sb_bucket_at(&run->list, i));
}

/* The first @n buckets' locks, then the primitive's exit. */
static void sb_prim_teardown(struct sb_run *run, u32 n)
{
	const struct sb_prim_ops *ops = run->ops;

	while (ops->lock_exit && n--)
		ops->lock_exit(run, sb_run_lock(run, n));
	if (ops->exit)
		ops->exit(run);
}

/* The primitive's init, then every bucket's lock; undone on failure. */
static int sb_prim_setup(struct sb_run *run, struct sb_result *r)
{
	const struct sb_prim_ops *ops = run->ops;
	int ret = ops->init ? ops->init(run) : 0;
	u32 i;

	if (ret) {
		sb_fail(r, SB_STATUS_FAILED, "%s: init failed: %d", ops->name,
			ret);
		return ret;
	}
	for (i = 0; ops->lock_init && i < run->list.nbuckets; i++) {
		ret = ops->lock_init(run, sb_run_lock(run, i));
		if (ret) {
			sb_fail(r, SB_STATUS_FAILED,
				"%s: no lock for bucket %u of %u: %d",
				ops->name, i, run->list.nbuckets, ret);
			sb_prim_teardown(run, i);
			return ret;
		}
		if (!(i & 255))
			cond_resched();
	}
	return 0;
}

int sb_run_plan(const struct sb_config *cfg, const struct sb_prim_ops *ops,
		struct sb_mem_plan *plan, char *err, size_t errlen)
{
	const struct sb_prim_info *info = NULL;
	struct sb_mem_sizes sz = {
		.entry = kmalloc_size_roundup(sizeof(struct sb_entry)),
		.bucket = SB_BUCKET_HDR + ALIGN(ops->lock_size,
						SMP_CACHE_BYTES),
		/* its state (vmalloc'd), and a kthread for it and perturb's */
		.thread = PAGE_ALIGN(sizeof(struct sb_thread)) +
			2 * (THREAD_SIZE + sizeof(struct task_struct)),
		/* the run, the null pass's thread, the result and its text */
		.fixed = PAGE_ALIGN(sizeof(struct sb_run)) +
			PAGE_ALIGN(sizeof(struct sb_thread)) +
			3 * PAGE_ALIGN(sizeof(struct sb_result)),
		.check_bits = 1,
		.quarantine_max = clamp_t(u64, quarantine_entries, 1,
					  SB_QUARANTINE),
		.pending_max = SB_DEFER_MAX_PENDING,
	};

	sb_prim_find(cfg->prim, &info);
	return sb_mem_plan(cfg, info ? info->caps : 0, &sz,
			   (u64)si_mem_available() << PAGE_SHIFT, plan, err,
			   errlen);
}

/*
 * Run @cfg (already validated, its @plan made by sb_run_plan()) with
 * @ops. @r is filled whatever happens: status ok, stopped (the quarantine
 * filled: measured up to then), failed (with a reason) or aborted.
 * Returns 0 (ok or stopped), -EINTR (signal or *abort), -ENOMEM or -EIO.
 */
int sb_run_bench(const struct sb_config *cfg, const struct sb_prim_ops *ops,
		 const struct sb_mem_plan *plan, struct sb_result *r,
		 wait_queue_head_t *abort_wq, bool *abort)
{
	const struct sb_prim_info *info = NULL;
	struct sb_run *run;
	unsigned int started = 0;
	u64 timestamp_ps, harness_ps;
	int ret, node;

	sb_result_init(r, cfg, "kernel");
	r->clock = sb_clk.tsc ? SB_CLOCK_TSC : SB_CLOCK_MONOTONIC;
	r->tsc_khz = sb_clk.tsc ? sb_clk.khz : 0;
	sb_clock_measure(&timestamp_ps, &harness_ps);
	r->timestamp_ns = DIV_ROUND_CLOSEST_ULL(timestamp_ps, 1000);
	r->harness_ns = DIV_ROUND_CLOSEST_ULL(harness_ps, 1000);

	run = kvzalloc(sizeof(*run), SB_GFP_KV);
	if (!run) {
		sb_fail(r, SB_STATUS_FAILED, "no memory for the run");
		return -ENOMEM;
	}
	run->cfg = *cfg;
	run->ops = ops;
	run->cs_cycles = sb_ns_to_cycles(cfg->cs_ns);
	run->think_cycles = sb_ns_to_cycles(cfg->think_ns);
	/* update if the draw's low 32 bits < pct% of 2^32 (pct x 1000) */
	run->upd_thresh = sb_op_upd_thresh_pct(cfg->update_mpct);
	run->hold_cycles = sb_ns_to_cycles(cfg->hold_ns);
	run->upd_interval_ns = cfg->update_interval_ns;
	run->key_space = sb_config_key_space(cfg);
	run->churn = cfg->update_op == SB_UPDATE_DELETE_INSERT;
	run->ref = cfg->ref == SB_REF_REFCOUNT;
	run->batch = sb_batch(cfg);
	run->pending_cap = plan->pending_cap;
	if (sb_prim_find(cfg->prim, &info) && info)
		run->caps = info->caps;
	run->irq_period_ns = cfg->irq_hz ?
		div64_u64(NSEC_PER_SEC, cfg->irq_hz) : 0;
	sb_perturb_setup(run);
	run->abort_wq = abort_wq;
	atomic_set(&run->nr_ready, 0);
	atomic_set(&run->nr_finished, 0);
	init_waitqueue_head(&run->go_wq);
	init_waitqueue_head(&run->ctl_wq);

	node = cfg->node >= 0 ? (int)cfg->node :
		cpu_to_node(sb_config_next_cpu(cfg, -1));
	ret = sb_list_init(&run->list, cfg->list_len, node, cfg->buckets,
			   ops->lock_size);
	if (ret == -EINTR) {
		sb_fail(r, SB_STATUS_ABORTED, "interrupted by a signal");
		goto free_run;
	} else if (ret) {
		sb_fail(r, SB_STATUS_FAILED, "no memory for %llu entries",
			cfg->list_len);
		goto free_run;
	}
	if ((run->churn && sb_list_churn_init(&run->list, run->key_space)) ||
	    (((run->churn && (run->caps & SB_CAP_BROKEN)) ||
	      (run->caps & SB_CAP_UAF)) &&
	     sb_list_quarantine_init(&run->list,
				     cfg->list_len + plan->quarantine_extra))) {
		ret = -ENOMEM;
		sb_fail(r, SB_STATUS_FAILED,
			"no memory for the key bitmap or the quarantine");
		goto free_threads;
	}
	ret = sb_alloc_threads(run);
	if (ret) {
		sb_fail(r, SB_STATUS_FAILED, "no memory for the threads");
		goto free_threads;
	}
	ret = sb_measure_loop(run, r, timestamp_ps);
	if (ret) {
		sb_fail(r, SB_STATUS_FAILED, "no memory for the null pass");
		goto free_threads;
	}
	ret = sb_prim_setup(run, r);
	if (ret)
		goto free_threads;
	ret = sb_perturb_start(run);
	if (ret) {
		sb_fail(r, SB_STATUS_FAILED,
			"perturb: cannot create the perturber threads: %d", ret);
		goto exit_prim;
	}
	ret = sb_create_threads(run, r);
	if (!ret)
		ret = sb_start_threads(run, r, &started);
	if (!ret) {
		ret = sb_drive(run, r, abort_wq, abort);
		if (ret)
			sb_fail(r, SB_STATUS_ABORTED, "%s",
				READ_ONCE(*abort) ? "module unloading" :
				"interrupted by a signal");
	}
	if (!sb_stop_threads(run, r, started)) {
		/* Leaked on purpose: a worker may still touch it. */
		pr_err("syncbench: %s\n", r->reason);
		return -EIO;
	}
	sb_perturb_stop(run);
	sb_prim_teardown(run, run->list.nbuckets);
	if (started == run->nr_threads) {
		u64 updates_done = sb_merge(run, r);

		sb_check_list(run, r, updates_done);
		if (ops->result)
			ops->result(run, r);
	}
	goto free_threads;
exit_prim:
	sb_prim_teardown(run, run->list.nbuckets);
free_threads:
	sb_free_threads(run);
	sb_list_free(&run->list);
free_run:
	kvfree(run);
	if (!ret && r->status == SB_STATUS_FAILED)
		ret = -EIO;
	return ret;
}
