// SPDX-License-Identifier: GPL-2.0
/* One point in this process; see run.h. */
#include <errno.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>
#include "clock.h"
#include "perturb.h"
#include "place.h"
#include "run.h"

static sb_u64 sb_thread_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (sb_u64)ts.tv_sec * 1000000000ULL + (sb_u64)ts.tv_nsec;
}

static void sb_sleep_ms(sb_u64 ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000 };

	while (clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts) == EINTR)
		;
}

/*
 * The warm-up is over: forget what it counted. Signals are held off so
 * that an interrupt contender does not record into a histogram being
 * reset under it.
 */
void sb_thread_window_start(struct sb_thread *t)
{
	struct rusage ru;
	sigset_t all, old;
	unsigned int i;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	/* the worker keeps lookups/updates in registers and resets them */
	t->check_failures = 0;
	t->cs_ticks = t->cs_count = t->think_ticks = t->think_count = 0;
	t->irq_count_hard = t->irq_count_soft = t->irq_check_failures = 0;
	t->seq_retries = t->seq_locked_reads = 0;
	t->lookup_misses = t->update_misses = 0;
	t->perturbations = 0;
	for (i = 0; i < SB_NR_HISTS; i++)
		sb_hist_init(&t->hist[i]);
	if (!getrusage(RUSAGE_THREAD, &ru)) {
		t->nvcsw0 = ru.ru_nvcsw;
		t->nivcsw0 = ru.ru_nivcsw;
	}
	t->cpu_ns0 = sb_thread_cpu_ns();
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static void sb_thread_window_end(struct sb_thread *t)
{
	struct rusage ru;

	t->cpu_ns = sb_thread_cpu_ns() - t->cpu_ns0;
	if (!getrusage(RUSAGE_THREAD, &ru)) {
		t->nvcsw = ru.ru_nvcsw - t->nvcsw0;
		t->nivcsw = ru.ru_nivcsw - t->nivcsw0;
	}
}

static void *sb_thread_main(void *arg)
{
	struct sb_thread *t = arg;
	struct sb_run *run = t->run;
	const struct sb_prim *p = run->prim;
	int rc;

	rc = sb_place_bind_self(run->place, t->cpu);
	if (rc) {
		t->error = rc;
		sb_snprintf(t->errmsg, sizeof(t->errmsg),
			    "thread %u: cannot pin to CPU %u: %s", t->idx,
			    t->cpu, strerror(-rc));
	} else {
		rc = p->thread_init ? p->thread_init(t) : 0;
		t->inited = !rc;
		if (rc) {
			t->error = rc;
			sb_snprintf(t->errmsg, sizeof(t->errmsg),
				    "thread %u: %s setup failed: %s", t->idx,
				    p->name, strerror(-rc));
		}
	}
	/* Everyone checks in, failed or not, so nobody waits forever. */
	pthread_mutex_lock(&run->gate_lock);
	run->gate_ready++;
	pthread_cond_broadcast(&run->gate_cond);
	while (!run->gate_go)
		pthread_cond_wait(&run->gate_cond, &run->gate_lock);
	pthread_mutex_unlock(&run->gate_lock);
	if (!t->error) {
		if (p->thread_start)
			p->thread_start(t);
		p->worker(t);
		sb_thread_window_end(t);
	}
	if (p->thread_exit && t->inited)
		p->thread_exit(t);
	return NULL;
}

static void sb_run_merge(struct sb_run *run, struct sb_result *r,
			 struct sb_user_extra *x, sb_u64 *all_updates)
{
	sb_u64 cs = 0, csn = 0, th = 0, thn = 0, win_viol = 0, first = 0;
	sb_u64 digest = SB_FNV_BASIS;
	unsigned int i, h;

	*all_updates = 0;
	for (i = 0; i < run->nr_threads; i++) {
		struct sb_thread *t = &run->threads[i];

		sb_op_digest_finish(&t->op_dig, t->rnd, run->key_space,
				    t->upd_thresh);
		digest = sb_op_digest_combine(digest, t->op_dig.hash);
		r->thread[i].cpu = t->cpu;
		r->thread[i].lookups = t->lookups;
		r->thread[i].updates = t->updates;
		r->thread[i].ops = t->lookups + t->updates;
		/* an update that missed its key changed nothing */
		*all_updates += t->warm_updates + t->updates -
				t->update_misses_all;
		r->lookup_misses += t->lookup_misses;
		if (sb_ticks_to_ns(t->irqoff_max) > r->irqoff_max_ns)
			r->irqoff_max_ns = sb_ticks_to_ns(t->irqoff_max);
		r->update_misses += t->update_misses;
		r->check_failures += t->check_failures + t->irq_check_failures;
		r->uaf_reads += t->uaf_reads;
		r->uaf_writes += t->uaf_writes;
		r->perturbations += t->perturbations;
		win_viol += t->win_violations;
		if (t->first_violation && (!first || t->first_violation < first))
			first = t->first_violation;
		cs += t->cs_ticks;
		csn += t->cs_count;
		th += t->think_ticks;
		thn += t->think_count;
		r->irq_count += t->irq_count_hard + t->irq_count_soft;
		x->irq_count_locked += t->hist[SB_H_IRQ_LOCKED].count;
		r->seq_retries += t->seq_retries;
		x->seq_locked_reads += t->seq_locked_reads;
		r->voluntary_ctxsw += (sb_u64)t->nvcsw;
		r->involuntary_ctxsw += (sb_u64)t->nivcsw;
		x->cpu_ns += t->cpu_ns;
		for (h = 0; h < SB_NR_HISTS; h++)
			sb_hist_merge(&r->hist[h], &t->hist[h]);
	}
	sb_hist_merge(&r->hist[SB_H_RCU_GP], &run->cb_hist);
	r->cs_ns_actual = csn ? sb_ticks_to_ns(cs / csn) : 0;
	r->think_ns_actual = thn ? sb_ticks_to_ns(th / thn) : 0;
	r->rcu_peak_pending = run->rcu_peak_pending;
	r->rcu_callbacks = run->rcu_callbacks;
	/* from the window's start; a violation at its very start is 1 ns */
	if (first) {
		sb_u64 ns = first > run->win_start ?
			sb_ticks_to_ns(first - run->win_start) : 0;

		r->first_violation_ns = ns ? ns : 1;
	}
	r->violations_per_sec_milli = sb_result_rate_milli(win_viol,
							   r->elapsed_ns);
	r->op_digest = sb_op_digest_value(digest);
}

/*
 * The measured window's sleep. With a quarantine (a broken row), in 10 ms
 * slices so that a full one (race.h) ends it early; otherwise in one: a
 * controller waking at 100 Hz would preempt a worker sharing its CPU (30
 * involuntary switches in a 300 ms window, flagged "preempted", measured).
 */
static void sb_sleep_window(struct sb_run *run, sb_u64 ms)
{
	if (!run->list.quarantine) {
		sb_sleep_ms(ms);
		return;
	}
	while (ms && !__atomic_load_n(&run->qfull, __ATOMIC_RELAXED)) {
		sb_u64 slice = ms < 10 ? ms : 10;

		sb_sleep_ms(slice);
		ms -= slice;
	}
}

static void sb_fail(struct sb_result *r, const char *why)
{
	r->status = SB_STATUS_FAILED;
	sb_snprintf(r->reason, sizeof(r->reason), "%s", why);
}

static unsigned int sb_run_ok_threads(struct sb_run *run)
{
	unsigned int i, n = 0;

	for (i = 0; i < run->nr_threads; i++)
		n += !__atomic_load_n(&run->threads[i].error, __ATOMIC_RELAXED);
	return n;
}

/*
 * SIGCONTs received: a job-control stop (kill -STOP, Ctrl-Z) ends with
 * one, and a stop inside the window is otherwise invisible when it ends
 * before the window would have.
 */
static int sb_conts;	/* lock-free atomics: safe in a handler */

static void sb_on_cont(int sig)
{
	int e = errno;

	(void)sig;
	/* on whichever thread the kernel picks: a worker, as often as not */
	__atomic_add_fetch(&sb_conts, 1, __ATOMIC_RELAXED);
	errno = e;
}

/* Count SIGCONTs from now (@old: the action to restore). */
static void sb_watch_cont(struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = sb_on_cont;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCONT, &sa, old);
}

/* Create, release, time and join the workers. Returns 0 or -errno. */
static int sb_run_threads(struct sb_run *run, sb_u64 *elapsed_ns)
{
	struct sigaction old_cont;
	int conts;
	unsigned int i, started = 0;
	sb_u64 t0, t1;
	int rc = 0;

	pthread_mutex_init(&run->gate_lock, NULL);
	pthread_cond_init(&run->gate_cond, NULL);
	for (i = 0; i < run->nr_threads; i++) {
		rc = -pthread_create(&run->threads[i].tid, NULL, sb_thread_main,
				     &run->threads[i]);
		if (rc)
			break;
		started++;
	}
	/* A thread that could not start: those that did stop at once. */
	if (rc)
		__atomic_store_n(&run->phase, SB_PH_STOP, __ATOMIC_RELEASE);
	pthread_mutex_lock(&run->gate_lock);
	while (run->gate_ready < started)
		pthread_cond_wait(&run->gate_cond, &run->gate_lock);
	run->gate_go = 1;
	pthread_cond_broadcast(&run->gate_cond);
	pthread_mutex_unlock(&run->gate_lock);
	if (!rc) {
		sb_sleep_ms(run->cfg.warmup_ms);
		/*
		 * The window opens when the warm-up is over and every worker
		 * has run (refscale: warm up until everyone checked in). A
		 * worker that failed its setup never checks in, nor does one
		 * stuck in its first operation: after 10 s, open anyway and
		 * let the record show it.
		 */
		for (i = 0; i < 10000 && __atomic_load_n(&run->checked_in,
				__ATOMIC_ACQUIRE) < sb_run_ok_threads(run); i++)
			sb_sleep_ms(1);
		sb_watch_cont(&old_cont);
		conts = __atomic_load_n(&sb_conts, __ATOMIC_RELAXED);
		run->qfull_warmup = __atomic_load_n(&run->qfull,
						    __ATOMIC_RELAXED);
		t0 = sb_ticks();
		run->win_start = t0;
		__atomic_store_n(&run->phase, SB_PH_MEASURE, __ATOMIC_RELEASE);
		sb_sleep_window(run, run->cfg.duration_ms);
		__atomic_store_n(&run->phase, SB_PH_STOP, __ATOMIC_RELEASE);
		t1 = sb_ticks();
		run->stopped = __atomic_load_n(&sb_conts, __ATOMIC_RELAXED) !=
			       conts;
		sigaction(SIGCONT, &old_cont, NULL);
		*elapsed_ns = sb_ticks_to_ns(t1 - t0);
	}
	for (i = 0; i < started; i++)
		pthread_join(run->threads[i].tid, NULL);
	pthread_cond_destroy(&run->gate_cond);
	pthread_mutex_destroy(&run->gate_lock);
	return rc;
}

static int sb_run_setup(struct sb_run *run, const struct sb_config *cfg,
			struct sb_place *place, const struct sb_prim *prim)
{
	const struct sb_prim_info *info;
	unsigned int i;

	memset(run, 0, sizeof(*run));
	run->cfg = *cfg;
	run->prim = prim;
	run->place = place;
	run->nr_threads = place->nr_threads;
	run->phase = SB_PH_WARMUP;
	run->upd_thresh = sb_op_upd_thresh_pct(cfg->update_mpct);
	run->hold_ticks = sb_ns_to_ticks(cfg->hold_ns);
	run->upd_interval_ns = cfg->update_interval_ns;
	run->key_space = sb_config_key_space(cfg);
	run->churn = cfg->update_op == SB_UPDATE_DELETE_INSERT;
	run->ref = cfg->ref == SB_REF_REFCOUNT;
	info = sb_prim_info_find(cfg->prim, strlen(cfg->prim));
	run->caps = info ? info->caps : 0;
	/*
	 * 2^32 / lat_sample, rounded up: lat_sample=1 times every op. The
	 * caller has resolved lat_sample=0 (auto) to the N it chose.
	 */
	run->sample_thresh = ((1ULL << 32) + cfg->lat_sample - 1) /
			     cfg->lat_sample;
	run->cs_ticks = sb_ns_to_ticks(cfg->cs_ns);
	run->think_ticks = sb_ns_to_ticks(cfg->think_ns);
	sb_perturb_setup(run);
	sb_hist_init(&run->cb_hist);
	run->threads = aligned_alloc(SB_CACHELINE,
				     run->nr_threads * sizeof(*run->threads));
	if (!run->threads)
		return -ENOMEM;
	memset(run->threads, 0, run->nr_threads * sizeof(*run->threads));
	for (i = 0; i < run->nr_threads; i++) {
		struct sb_thread *t = &run->threads[i];

		t->run = run;
		t->idx = i;
		t->cpu = place->cpu[i];
		/* the same sequence as the module's thread (sb_op.h) */
		t->rnd = sb_op_seed(cfg->seed, 0, i);
		t->upd_thresh = sb_op_upd_thresh(cfg, i);
		sb_op_digest_init(&t->op_dig);
		t->pert_rng = sb_op_seed(cfg->seed, SB_OP_SALT_PERTURB, i);
	}
	return 0;
}

/*
 * delete_insert on a broken primitive keeps every entry it unlinks until
 * the run ends (list.h): room for at most this many updates beyond the
 * list, fewer where less memory is available (sb_run_mem_plan()); a run
 * that fills it stops early, status=stopped.
 */
#define SB_QUARANTINE (1ULL << 22)
/* rcu_free=async: the most frees pending a grace period (as the module) */
#define SB_PENDING_MAX (1ULL << 20)
/* A thread's stack as it is touched (its reservation is virtual). */
#define SB_STACK_BYTES (64 * 1024)

/* MemAvailable (/proc/meminfo), else what sysconf says is free. */
static sb_u64 sb_mem_available(void)
{
	const char *t = getenv("SYNCBENCH_USER_TEST_MEMAVAIL");
	unsigned long long kib = 0;
	char line[128];
	sb_u64 v;
	FILE *f;

	if (t && *t && !sb_parse_u64(t, strlen(t), &v))
		return v;
	f = fopen("/proc/meminfo", "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %llu kB", &kib) == 1)
			break;
	if (f)
		fclose(f);
	if (kib)
		return (sb_u64)kib * 1024;
	return (sb_u64)sysconf(_SC_AVPHYS_PAGES) * (sb_u64)sysconf(_SC_PAGESIZE);
}

int sb_run_mem_plan(const struct sb_config *cfg, struct sb_mem_plan *p,
		    char *err, size_t errlen)
{
	const struct sb_prim_info *info = sb_prim_info_find(cfg->prim,
							    strlen(cfg->prim));
	/* the largest lock of any primitive, a cache line or two */
	const sb_u64 lock = 2 * SB_CACHELINE;
	struct sb_mem_sizes sz = {
		/* malloc()'s chunk: its header, 16-byte aligned */
		.entry = (sizeof(struct sb_entry) + 8 + 15) & ~15ULL,
		.bucket = sizeof(struct sb_bucket) + lock,
		.thread = sizeof(struct sb_thread) + SB_STACK_BYTES +
			  sizeof(struct sb_hist) * SB_NR_HISTS,
		.fixed = sizeof(struct sb_run) + 2 * sizeof(struct sb_result),
		.check_bits = 8,	/* the check's map: a byte per key */
		.quarantine_max = SB_QUARANTINE,
		.pending_max = SB_PENDING_MAX,
	};

	return sb_mem_plan(cfg, info ? info->caps : 0, &sz,
			   sb_mem_available(), p, err, errlen);
}

/*
 * ref=refcount: a lookup's reference, or the list's on an entry the update
 * side unlinked. Its last holder frees it: nothing can find it any more
 * (unlinked under the lock, or unlinked a grace period ago for rcu, which
 * counts it pending until now). acq_rel: every use of the entry before
 * each put happens before the free.
 */
void sb_entry_put(struct sb_run *run, struct sb_entry *e)
{
	if (__atomic_sub_fetch(&e->ref, 1, __ATOMIC_ACQ_REL))
		return;
	if (run->caps & SB_CAP_GRACE) {
		sb_entry_retire(&run->list, e);
		__atomic_sub_fetch(&run->rcu_pending, 1, __ATOMIC_RELAXED);
	} else {
		sb_entry_drop(&run->list, e);
	}
}

/* Whether some CPU has more than one worker (--oversubscribe). */
static int sb_run_shares_cpus(const struct sb_run *run)
{
	unsigned int i, j;

	for (i = 0; i < run->nr_threads; i++)
		for (j = 0; j < i; j++)
			if (run->threads[j].cpu == run->threads[i].cpu)
				return 1;
	return 0;
}

/*
 * Whether every worker is runnable all through the window: not for a lock
 * that sleeps (a mutex waiter) or a primitive with grace periods (an
 * updater in synchronize_rcu), whose threads rightly spend CPU-less time.
 */
static int sb_run_never_sleeps(const struct sb_config *cfg)
{
	const struct sb_prim_info *info = sb_prim_info_find(cfg->prim,
							    strlen(cfg->prim));

	return info && !(info->caps & (SB_CAP_SLEEPS | SB_CAP_GRACE));
}

int sb_window_stretched(const struct sb_run *run, sb_u64 elapsed_ns,
			char *why, size_t len)
{
	sb_u64 dur = run->cfg.duration_ms * 1000000ULL, cpu = 0;
	unsigned int i;

	if (run->stopped) {
		sb_snprintf(why, len,
			    "measuring window stretched: the process was stopped during it (SIGCONT after %llu ms of wall time)",
			    (unsigned long long)(elapsed_ns / 1000000));
		return 1;
	}
	if (elapsed_ns > 2 * dur + SB_WINDOW_SLACK_NS) {
		sb_snprintf(why, len,
			    "measuring window stretched: %llu ms of wall time for duration_ms=%llu (process stopped or starved)",
			    (unsigned long long)(elapsed_ns / 1000000),
			    (unsigned long long)run->cfg.duration_ms);
		return 1;
	}
	/*
	 * Threads that share a CPU have no fair share to fall short of: a
	 * spinner can hold it for the whole of a short window while the
	 * lock holder waits for it (measured: 0 ms for 2 of 3 threads in
	 * 100 ms).
	 */
	/* perturb: yield sleeps, preempt's perturbers take CPU time */
	if (!sb_run_never_sleeps(&run->cfg) || sb_run_shares_cpus(run) ||
	    run->perturb == SB_PERTURB_YIELD ||
	    run->perturb == SB_PERTURB_PREEMPT ||
	    elapsed_ns < SB_WINDOW_CPU_MIN_NS)
		return 0;
	for (i = 0; i < run->nr_threads; i++)
		cpu += run->threads[i].cpu_ns;
	if (cpu * SB_WINDOW_CPU_FRACTION >= elapsed_ns * run->nr_threads)
		return 0;
	sb_snprintf(why, len,
		    "measuring window stretched: %u threads ran %llu ms of CPU time in all in a %llu ms window (process stopped or starved)",
		    run->nr_threads, (unsigned long long)(cpu / 1000000),
		    (unsigned long long)(elapsed_ns / 1000000));
	return 1;
}

/*
 * The updates the list check expects to find in the values: a harness
 * primitive's "updates" are draws that change nothing.
 */
static sb_u64 sb_run_list_updates(const struct sb_config *cfg, sb_u64 updates)
{
	const struct sb_prim_info *info = sb_prim_info_find(cfg->prim,
							    strlen(cfg->prim));

	return info && (info->caps & SB_CAP_HARNESS) ? 0 : updates;
}

/* The first @n buckets' locks, then the primitive's exit. */
static void sb_prim_teardown(struct sb_run *run, unsigned int n)
{
	const struct sb_prim *prim = run->prim;

	while (prim->lock_exit && n--)
		prim->lock_exit(run, sb_bucket_lock(sb_bucket_at(&run->list,
								  n)));
	if (prim->exit)
		prim->exit(run);
}

/* The primitive's init, then every bucket's lock; undone on failure. */
static int sb_prim_setup(struct sb_run *run, struct sb_result *r)
{
	const struct sb_prim *prim = run->prim;
	int rc = prim->init ? prim->init(run) : 0;
	unsigned int i;

	if (rc) {
		sb_snprintf(r->reason, sizeof(r->reason), "%s init: %s",
			    prim->name, strerror(-rc));
		r->status = SB_STATUS_FAILED;
		return rc;
	}
	for (i = 0; prim->lock_init && i < run->list.nbuckets; i++) {
		rc = prim->lock_init(run,
				     sb_bucket_lock(sb_bucket_at(&run->list,
								 i)));
		if (rc) {
			sb_snprintf(r->reason, sizeof(r->reason),
				    "%s: no lock for bucket %u of %u: %s",
				    prim->name, i, run->list.nbuckets,
				    strerror(-rc));
			r->status = SB_STATUS_FAILED;
			sb_prim_teardown(run, i);
			return rc;
		}
	}
	return 0;
}

/*
 * Run @prim on @cfg; fill r and x. The list is allocated and checked here
 * so that every primitive is judged by the same invariants. @judge: fail
 * a stretched window (sb_window_stretched); the harness's own short
 * rounds keep their figure, the fastest of them is taken anyway.
 */
static int sb_run_prim(const struct sb_config *cfg, struct sb_place *place,
		       const struct sb_prim *prim, struct sb_result *r,
		       struct sb_user_extra *x, int judge)
{
	struct sb_run *run;
	struct sb_list_check chk;
	struct sb_mem_plan plan;
	char why[SB_REASON_LEN];
	sb_u64 elapsed = 0, updates;
	unsigned int i;
	int rc;

	/* main() refused a run that does not fit; memory may have gone */
	if (sb_run_mem_plan(cfg, &plan, why, sizeof(why))) {
		sb_fail(r, why);
		return 0;
	}
	run = calloc(1, sizeof(*run));
	if (!run)
		return -ENOMEM;
	rc = sb_run_setup(run, cfg, place, prim);
	run->pending_cap = plan.pending_cap;
	/* The list is placed from the first thread's CPU (node=-1). */
	if (!rc)
		sb_place_bind_self(place, place->cpu[0]);
	if (!rc && sb_list_init(&run->list, cfg->list_len,
				(unsigned int)cfg->buckets, prim->lock_size,
				sb_place_alloc, place))
		rc = -ENOMEM;
	if (!rc && run->churn &&
	    sb_list_churn_init(&run->list, run->key_space))
		rc = -ENOMEM;
	/* a broken row that churns or frees in use (SB_CAP_UAF, race.h) */
	if (!rc && ((run->churn && (run->caps & SB_CAP_BROKEN)) ||
		    (run->caps & SB_CAP_UAF)) &&
	    sb_list_quarantine_init(&run->list,
				    cfg->list_len + plan.quarantine_extra))
		rc = -ENOMEM;
	/* node=N: entries made during the run go there too (entry_cache.h) */
	if (!rc && place->node >= 0) {
		sb_entry_cache_init(&run->ecache, place->node);
		run->list.cache = &run->ecache;
	}
	if (rc) {
		free(run->threads);
		free(run);
		return rc;
	}
	rc = sb_prim_setup(run, r);
	if (rc) {
		rc = 0;
		goto out;
	}
	rc = sb_perturb_start(run);
	if (rc) {
		sb_prim_teardown(run, run->list.nbuckets);
		sb_snprintf(r->reason, sizeof(r->reason),
			    "perturb: cannot start the perturber threads: %s",
			    strerror(-rc));
		r->status = SB_STATUS_FAILED;
		rc = 0;
		goto out;
	}
	rc = sb_run_threads(run, &elapsed);
	sb_perturb_stop(run, r);
	sb_prim_teardown(run, run->list.nbuckets);
	if (rc) {
		sb_snprintf(r->reason, sizeof(r->reason),
			    "cannot create threads: %s", strerror(-rc));
		r->status = SB_STATUS_FAILED;
		rc = 0;
		goto out;
	}
	for (i = 0; i < run->nr_threads; i++)
		if (run->threads[i].error) {
			sb_fail(r, run->threads[i].errmsg);
			break;
		}
	r->threads = run->nr_threads;
	r->elapsed_ns = elapsed;
	/*
	 * A full quarantine ends the run early, everything up to then
	 * measured: stopped, not failed; unless it filled before the
	 * measured window opened, which then measured nothing.
	 */
	if (run->qfull && r->status == SB_STATUS_OK && run->qfull_warmup) {
		sb_snprintf(why, sizeof(why),
			    "the quarantine filled during the warm-up (%llu entries), before the measured window: shorten warmup_ms or lower update_pct",
			    (unsigned long long)run->list.quarantine_cap);
		sb_fail(r, why);
	} else if (run->qfull && r->status == SB_STATUS_OK) {
		r->status = SB_STATUS_STOPPED;
		sb_snprintf(r->reason, sizeof(r->reason),
			    "the quarantine filled after %llu ms, %llu entries: the run stopped there, measured up to then (a broken primitive's freed entries are kept, poisoned, until the run ends)",
			    (unsigned long long)(elapsed / 1000000),
			    (unsigned long long)run->list.quarantine_cap);
	}
	if (judge && (r->status == SB_STATUS_OK ||
		      r->status == SB_STATUS_STOPPED) &&
	    sb_window_stretched(run, elapsed, why, sizeof(why)))
		sb_fail(r, why);
	sb_run_merge(run, r, x, &updates);
	sb_list_check(&run->list, sb_run_list_updates(cfg, updates), &chk);
	r->final_len = chk.final_len;
	r->violations = chk.violations;
	r->invariants_ok = chk.violations == 0;
	x->lost_updates = chk.lost_updates;
	r->lost_updates = chk.lost_updates > 0 ? (sb_u64)chk.lost_updates : 0;
	x->bad_entries = chk.bad_entries;
	sb_place_census(place, &run->list, x->list_nodes,
			sizeof(x->list_nodes));
	sb_result_finish(r);
	x->op_cost_ps = r->op_ps;	/* the same figure, under its old key */
	x->op_cost_cpu_ps = r->ops ? sb_mul_div(x->cpu_ns, 1000, r->ops) : 0;
out:
	for (i = 0; run->threads && i < run->nr_threads; i++)
		if (run->threads[i].spare)
			sb_entry_drop(&run->list, run->threads[i].spare);
	sb_list_free(&run->list);
	if (run->list.cache)
		sb_entry_cache_fini(run->list.cache);
	sb_place_free(place, run->list.mem, run->list.mem_bytes);
	free(run->threads);
	free(run);
	return rc;
}

/*
 * One round of the null loop under @cfg at @lat_sample: op_ps, the wall
 * time per operation per thread as every record's op_ns computes it, so
 * that op_ns - loop_ns is the primitive. 0 if the round failed.
 */
static sb_u64 sb_null_round_ps(struct sb_place *place,
			       const struct sb_config *cfg)
{
	struct sb_result *r = malloc(sizeof(*r));
	struct sb_user_extra x;
	sb_u64 ps = 0;

	if (!r)
		return 0;
	memset(&x, 0, sizeof(x));
	sb_result_init(r, cfg, "user");
	if (!sb_run_prim(cfg, place, &sb_prim_null, r, &x, 0) &&
	    r->status == SB_STATUS_OK)
		ps = r->op_ps;
	free(r);
	return ps;
}

/*
 * The timed loop alone (the null primitive) under @cfg at @lat_sample: the
 * same threads on the same CPUs, the same draw, update share and think
 * time; no lock, no list walk (so list_len=1 and no cs_ns: null ignores
 * them) and no interrupt contender. The fastest of short rounds: a
 * preemption only ever makes a round slower. Done when the two fastest
 * agree within 1/SB_LOOP_AGREE (an undisturbed round, confirmed by
 * another), after SB_LOOP_MAX_ROUNDS at most: some 10 ms per measurement
 * where 5 rounds of 5 ms took 33 ms or more, and under load a tighter
 * best-of, since a short round is more often undisturbed (user/README.md
 * has the spread).
 */
#define SB_LOOP_ROUND_MS 2
#define SB_LOOP_MIN_ROUNDS 2
#define SB_LOOP_MAX_ROUNDS 6
#define SB_LOOP_AGREE 100

/*
 * Threads sharing CPUs (--oversubscribe): @one gets one thread per
 * distinct CPU of @place; returns how many. The loop is CPU-bound, so with
 * every CPU busy, threads x elapsed / ops (op_ns's formula) is the
 * one-thread-per-CPU figure x threads / CPUs: measured that way, a round
 * costs what it costs unshared. At 64 threads on 2 CPUs the up to 12
 * rounds of 64 threads took ~10 s, past the point's deadline, every time.
 */
static unsigned int sb_loop_place(const struct sb_place *place,
				  struct sb_place *one)
{
	unsigned int i, j, n = 0;

	*one = *place;	/* the topology shared, not owned: never freed */
	for (i = 0; i < place->nr_threads; i++) {
		for (j = 0; j < n && one->cpu[j] != place->cpu[i]; j++)
			;
		if (j == n)
			one->cpu[n++] = place->cpu[i];
	}
	one->nr_threads = n;
	return n;
}

static sb_u64 sb_null_loop_ps(struct sb_place *place,
			      const struct sb_config *cfg, sb_u64 lat_sample)
{
	static struct sb_place one;	/* SB_MAX_THREADS CPUs: not on the stack */
	struct sb_config c = *cfg;
	sb_u64 ps, best = 0, next = 0;
	unsigned int k, ncpu = sb_loop_place(place, &one);
	unsigned int nthr = place->nr_threads;

	sb_config_loop_of(&c);
	c.lat_sample = lat_sample;
	c.warmup_ms = 1;
	c.duration_ms = SB_LOOP_ROUND_MS;
	if (ncpu < nthr) {
		place = &one;
		/* roles: the same share of updaters, at least one if any */
		if (c.updaters)
			c.updaters = (c.updaters * ncpu + nthr / 2) / nthr ?: 1;
	}
	for (k = 0; k < SB_LOOP_MAX_ROUNDS; k++) {
		ps = sb_null_round_ps(place, &c);
		if (ps && (!best || ps < best)) {
			next = best;
			best = ps;
		} else if (ps && (!next || ps < next)) {
			next = ps;
		}
		if (k + 1 >= SB_LOOP_MIN_ROUNDS && best &&
		    next - best <= best / SB_LOOP_AGREE)
			break;
	}
	return ncpu < nthr ? best * nthr / ncpu : best;
}

unsigned int sb_lat_sample_auto(sb_u64 timestamp_ps, sb_u64 loop_ps)
{
	unsigned int n;

	for (n = 1; n < SB_LAT_SAMPLE_MAX; n *= 2)
		if (100 * timestamp_ps <= n * loop_ps)
			break;
	return n;
}

void sb_harness_measure(struct sb_place *place, const struct sb_config *cfg,
			struct sb_harness *h)
{
	sb_u64 probe;

	h->lat_sample = cfg->lat_sample;
	if (!h->lat_sample) {
		/* the loop with time-stamps as rare as they get */
		probe = sb_null_loop_ps(place, cfg, SB_LAT_SAMPLE_MAX);
		h->lat_sample = sb_lat_sample_auto(sb_clk.timestamp_ps, probe);
		if (h->lat_sample == SB_LAT_SAMPLE_MAX) {
			h->loop_ps = probe;
			return;
		}
	}
	h->loop_ps = sb_null_loop_ps(place, cfg, h->lat_sample);
}

sb_u64 sb_spin_bare_ps(void)
{
	/*
	 * 20 rounds of ~1 ms: 5 were too few to be sure one ran undisturbed
	 * (on a shared 2-core VM the best of 5 varied 5.1-5.8 ns between
	 * runs, and the per-op/bare ratio with it); ~20 ms per point.
	 */
	const unsigned int n = 200000, rounds = 20;
	sb_u64 t0, t1, best = ~0ULL;
	pthread_spinlock_t l;
	unsigned int i, k;

	pthread_spin_init(&l, PTHREAD_PROCESS_PRIVATE);
	for (i = 0; i < n; i++) {	/* warm the line, branch, clock */
		pthread_spin_lock(&l);
		pthread_spin_unlock(&l);
	}
	/* The best of a few rounds: preemption only ever adds time. */
	for (k = 0; k < rounds; k++) {
		t0 = sb_ticks();
		for (i = 0; i < n; i++) {
			pthread_spin_lock(&l);
			pthread_spin_unlock(&l);
		}
		t1 = sb_ticks();
		if (t1 - t0 < best)
			best = t1 - t0;
	}
	pthread_spin_destroy(&l);
	return sb_ticks_to_ns(best) * 1000 / n;
}

/*
 * The clock and the bare lock: the matrix's (@cal given), or measured
 * here, on the first CPU as --calibrate measures them (a bind that fails
 * leaves spin_lock_unlock_ps 0).
 */
static void sb_run_calibrate(struct sb_place *place,
			     const struct sb_calib *cal,
			     struct sb_user_extra *x)
{
	int bound = !sb_place_bind_self(place, place->cpu[0]);

	x->calibration = sb_calib_source(cal);
	if (cal && cal->given) {
		sb_clock_given(cal->tsc_khz, cal->timestamp_ps,
			       cal->harness_ns);
		x->spin_lock_unlock_ps = cal->spin_lock_unlock_ps;
		return;
	}
	sb_clock_init();
	if (bound)
		x->spin_lock_unlock_ps = sb_spin_bare_ps();
}

/*
 * A given loop figure (--loop) is not taken on trust: the timed loop is
 * part of every operation, so a loop_ns more than twice the point's whole
 * op_ns (measured by this run's clock) is another loop config's figure or
 * a wrong one, and op_ns - loop_ns would be nonsense. The point fails,
 * saying so.
 */
static void sb_run_check_loop(const struct sb_calib *cal, struct sb_result *r)
{
	if (!cal || !cal->loop_given || r->status != SB_STATUS_OK ||
	    !r->op_ps || r->loop_ps <= 2 * r->op_ps)
		return;
	r->status = SB_STATUS_FAILED;
	sb_snprintf(r->reason, sizeof(r->reason),
		    "--loop loop_ps=%llu is more than twice this point's whole operation (op_ns=%llu.%03llu): not this loop config's figure",
		    (unsigned long long)r->loop_ps,
		    (unsigned long long)r->op_ps / 1000,
		    (unsigned long long)r->op_ps % 1000);
}

int sb_run_point(const struct sb_config *cfg, struct sb_place *place,
		 const struct sb_calib *cal, struct sb_result *r,
		 struct sb_user_extra *x, char *err, size_t errlen)
{
	const struct sb_prim *prim = sb_prim_select(cfg, err, errlen);
	struct sb_harness h;
	struct sb_config eff;
	int rc;

	memset(x, 0, sizeof(*x));
	sb_result_init(r, cfg, "user");
	if (!prim)
		return -1;
	sb_run_calibrate(place, cal, x);
	r->clock = sb_clk.use_tsc ? SB_CLOCK_TSC : SB_CLOCK_MONOTONIC;
	r->tsc_khz = sb_clk.tsc_khz;
	r->timestamp_ns = sb_clk.timestamp_ns;
	sb_snprintf(x->numa, sizeof(x->numa), "%s", place->numa_note);
	/*
	 * The harness, measured where the point runs, under its config; or
	 * the matrix's, from an earlier point with the same loop config.
	 */
	x->loop_source = sb_calib_loop_source(cal);
	if (cal && cal->loop_given) {
		h.lat_sample = cal->loop_lat_sample;
		h.loop_ps = cal->loop_ps;
	} else {
		sb_harness_measure(place, cfg, &h);
	}
	r->lat_sample_used = h.lat_sample;
	r->loop_ps = h.loop_ps;
	x->harness_loop_ps = h.loop_ps;	/* the same figure, its old key */
	/* as the kernel reports it: the timed empty critical section */
	r->harness_ns = sb_clk.empty_ns;
	/* the record echoes the lat_sample asked for; the run uses N */
	eff = *cfg;
	eff.lat_sample = h.lat_sample;
	rc = sb_run_prim(&eff, place, prim, r, x, 1);
	if (rc) {
		sb_snprintf(err, errlen, "%s", strerror(-rc));
		return -1;
	}
	sb_run_check_loop(cal, r);
	return 0;
}

char *sb_record_text(const struct sb_result *r,
		     const struct sb_user_extra *x, size_t *len)
{
	char probe[1];
	int n = sb_result_print(r, SB_SIDE_USER, probe, sizeof(probe));
	size_t cap = (size_t)n + 1024;	/* the extras below */
	char *buf = malloc(cap);
	struct sb_buf b;

	if (!buf)
		return NULL;
	sb_buf_init(&b, buf, cap);
	b.n = (size_t)sb_result_print(r, SB_SIDE_USER, buf, cap);
	sb_bprintf(&b, "spin_lock_unlock_ps=%llu\n",
		   (unsigned long long)x->spin_lock_unlock_ps);
	sb_bprintf(&b, "harness_loop_ps=%llu\n",
		   (unsigned long long)x->harness_loop_ps);
	sb_bprintf(&b, "op_cost_ps=%llu\n", (unsigned long long)x->op_cost_ps);
	sb_bprintf(&b, "cpu_ns=%llu\n", (unsigned long long)x->cpu_ns);
	sb_bprintf(&b, "op_cost_cpu_ps=%llu\n",
		   (unsigned long long)x->op_cost_cpu_ps);
	sb_bprintf(&b, "bad_entries=%llu\n",
		   (unsigned long long)x->bad_entries);
	sb_bprintf(&b, "irq_count_locked=%llu\n",
		   (unsigned long long)x->irq_count_locked);
	sb_bprintf(&b, "seq_locked_reads=%llu\n",
		   (unsigned long long)x->seq_locked_reads);
	sb_bprintf(&b, "numa=%s\n", x->numa[0] ? x->numa : "unknown");
	sb_bprintf(&b, "list_nodes=%s\n",
		   x->list_nodes[0] ? x->list_nodes : "unknown");
	sb_bprintf(&b, "calibration=%s\n",
		   x->calibration ? x->calibration : "none");
	sb_bprintf(&b, "loop_source=%s\n",
		   x->loop_source ? x->loop_source : "none");
	*len = b.n < cap ? b.n : cap - 1;
	return buf;
}
