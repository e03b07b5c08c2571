// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of syncbench-user through the real binary: every primitive with 2
 * threads keeps its invariants, the none race shows up, a hung or crashed
 * point becomes a failed record, every kind of bad input exits 2 with one
 * stderr line naming the key, and the CLI contract the driver relies on.
 *
 * usage: test_user <path to syncbench-user> prims|race|deadline|bad|cli
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "sb_op.h"
#include "sb_result.h"

static const char *tool;
static int ignore_sigchld;	/* run_tool: start the tool with SIGCHLD ignored */
/* run_tool: stop the tool's process group at stop_at_ms for stop_for_ms */
static int stop_at_ms, stop_for_ms;
/* run_tool: the tool's stdout is the pipe, closed, or /dev/full */
static enum { OUT_PIPE, OUT_CLOSED, OUT_FULL } stdout_to;

struct out {
	char *so, *se;		/* stdout, stderr (NUL-terminated) */
	size_t sol, sel;
	int status;		/* exit code, or 128 + signal */
	double wall_s;
};

/* Append what fd has; returns 0 at EOF. */
static int drain(int fd, char **buf, size_t *len)
{
	char tmp[65536];
	ssize_t n = read(fd, tmp, sizeof(tmp));

	if (n <= 0)
		return 0;
	*buf = realloc(*buf, *len + (size_t)n + 1);
	assert_non_null(*buf);
	memcpy(*buf + *len, tmp, (size_t)n);
	*len += (size_t)n;
	(*buf)[*len] = '\0';
	return 1;
}

/*
 * The poll timeout until the job-control stop is due (-1: none pending);
 * when it is, stop the tool's group (the point's child too, as Ctrl-Z
 * does), wait, and let it go on.
 */
static int stop_pending(pid_t pid, const struct timespec *t0)
{
	struct timespec now, d = { stop_for_ms / 1000,
				   (stop_for_ms % 1000) * 1000000L };
	long ms;

	if (!stop_for_ms)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - t0->tv_sec) * 1000 +
	     (now.tv_nsec - t0->tv_nsec) / 1000000;
	if (ms < stop_at_ms)
		return (int)(stop_at_ms - ms);
	assert_int_equal(kill(-pid, SIGSTOP), 0);
	while (nanosleep(&d, &d) && errno == EINTR)
		;
	assert_int_equal(kill(-pid, SIGCONT), 0);
	stop_for_ms = 0;
	return -1;
}

/*
 * Run the tool with args (NULL-terminated), optional stdin text, optional
 * "NAME=value" environment addition, optional CPU affinity (-1: none).
 */
static void run_tool(struct out *o, const char *stdin_text, const char *env,
		     int only_cpu, const char *arg, ...)
{
	const char *argv[64];
	int in[2], so[2], se[2], n = 1, open_fds = 2;
	struct timespec t0, t1;
	va_list ap;
	pid_t pid;

	memset(o, 0, sizeof(*o));
	argv[0] = tool;
	va_start(ap, arg);
	for (; arg && n < 63; arg = va_arg(ap, const char *))
		argv[n++] = arg;
	va_end(ap);
	argv[n] = NULL;
	assert_int_equal(pipe(in), 0);
	assert_int_equal(pipe(so), 0);
	assert_int_equal(pipe(se), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(so[1], 1);
		dup2(se[1], 2);
		close(in[1]);
		close(so[0]);
		close(se[0]);
		if (env)
			putenv((char *)env);
		if (only_cpu >= 0) {
			cpu_set_t set;

			CPU_ZERO(&set);
			CPU_SET(only_cpu, &set);
			sched_setaffinity(0, sizeof(set), &set);
		}
		if (stop_for_ms)	/* its own group, as a shell job */
			setpgid(0, 0);
		if (ignore_sigchld)	/* inherited across exec */
			signal(SIGCHLD, SIG_IGN);
		if (stdout_to == OUT_CLOSED)
			close(1);
		if (stdout_to == OUT_FULL) {
			int full = open("/dev/full", O_WRONLY);

			if (full < 0 || dup2(full, 1) < 0)
				_exit(126);
		}
		execv(tool, (char *const *)argv);
		_exit(127);
	}
	if (stop_for_ms)
		setpgid(pid, pid);	/* whichever of us runs first */
	close(in[0]);
	close(so[1]);
	close(se[1]);
	if (stdin_text)
		assert_true(write(in[1], stdin_text, strlen(stdin_text)) >= 0);
	close(in[1]);
	o->so = calloc(1, 1);
	o->se = calloc(1, 1);
	while (open_fds) {
		struct pollfd p[2] = { { so[0], POLLIN, 0 }, { se[0], POLLIN, 0 } };

		if (poll(p, 2, stop_pending(pid, &t0)) < 0 && errno == EINTR)
			continue;
		if (p[0].fd >= 0 && p[0].revents && !drain(so[0], &o->so, &o->sol)) {
			close(so[0]);
			so[0] = -1;
			open_fds--;
		}
		if (p[1].fd >= 0 && p[1].revents && !drain(se[0], &o->se, &o->sel)) {
			close(se[0]);
			se[0] = -1;
			open_fds--;
		}
	}
	assert_int_equal(waitpid(pid, &o->status, 0), pid);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	o->wall_s = (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	o->status = WIFEXITED(o->status) ? WEXITSTATUS(o->status) :
		    128 + WTERMSIG(o->status);
}

static void out_free(struct out *o)
{
	free(o->so);
	free(o->se);
}

/* The value of an extra key the common parser does not know. */
static long long extra_key(const char *text, const char *key)
{
	size_t kl = strlen(key);
	const char *p = text;

	while ((p = strstr(p, key))) {
		if ((p == text || p[-1] == '\n') && p[kl] == '=')
			return atoll(p + kl + 1);
		p += kl;
	}
	fail_msg("no key %s in record", key);
	return -1;
}

static struct sb_result *parse(const struct out *o)
{
	struct sb_result *r = malloc(sizeof(*r));
	char err[SB_ERR_LEN];

	assert_non_null(r);
	if (sb_result_parse(r, o->so, o->sol, err, sizeof(err)))
		fail_msg("record does not parse: %s\n%s", err, o->so);
	return r;
}

#define POINT "cpus=0-1", "duration_ms=200", "warmup_ms=50", "list_len=16"

/*
 * The matrix's calibration (figures no measurement here would give, so
 * that taking them is what the record shows), on the monotonic clock so
 * that it holds on any machine.
 */
#define MONO "SYNCBENCH_USER_CLOCK=monotonic"
#define MATRIX_CAL "cpu=0,clock=monotonic,tsc_khz=1000000," \
		   "timestamp_ps=7777,harness_ns=99,spin_lock_unlock_ps=12345"

/*
 * One lookup in lat_sample_used is timed (user/worker.h): the lookup
 * histogram holds about lookups / lat_sample_used samples. The draw that
 * picks them is evenly spread, so half to twice that (with room for a few
 * when the expectation is small) is a wide margin, and every-op timing,
 * or none, is far outside it.
 */
static void assert_sampled(const struct sb_result *r)
{
	sb_u64 n = r->lat_sample_used, want, got = r->hist[SB_H_LOOKUP].count;

	if (n < 1 || n > 1024 || (n & (n - 1) && n != r->cfg.lat_sample))
		fail_msg("lat_sample_used=%llu for lat_sample=%llu",
			 (unsigned long long)n,
			 (unsigned long long)r->cfg.lat_sample);
	want = r->lookups / n;
	if (got > 2 * want + 16 || got < (want > 16 ? want / 2 : 0))
		fail_msg("%llu lookups timed of %llu at 1 in %llu",
			 (unsigned long long)got,
			 (unsigned long long)r->lookups, (unsigned long long)n);
}

/* Every primitive: 2 threads, both ran, invariants hold, nothing torn. */
static struct sb_result *run_ok(struct out *o)
{
	struct sb_result *r;

	if (o->status != 0 || o->sel)
		fail_msg("exit %d, stderr: %s", o->status, o->se);
	r = parse(o);
	if (r->status != SB_STATUS_OK)
		fail_msg("status not ok: %s", r->reason);
	assert_string_equal(r->side, "user");
	assert_int_equal(r->threads, 2);
	assert_int_equal(r->thread[0].cpu, 0);
	assert_int_equal(r->thread[1].cpu, 1);
	/*
	 * Not both > 0: on a loaded 2-core machine a spinning thread whose
	 * lock holder was preempted can lose a whole short window. Fairness
	 * is measured, not asserted.
	 */
	assert_true(r->thread[0].ops + r->thread[1].ops > 0);
	assert_true(r->lookups > 0 && r->updates > 0);
	assert_int_equal(r->ops, r->lookups + r->updates);
	assert_true(r->elapsed_ns >= 200000000ULL);
	assert_int_equal(r->invariants_ok, SB_INV_OK);
	assert_int_equal(r->violations, 0);
	assert_int_equal(r->check_failures, 0);
	assert_int_equal(r->final_len, 16);
	assert_sampled(r);
	assert_true(r->harness_ns > 0);
	/* the null loop under the same config, measured in the same run */
	assert_true(r->loop_ps > 0);
	assert_true(r->op_ps > 0);
	assert_int_equal(extra_key(o->so, "lost_updates"), 0);
	/* a sound primitive never uses a freed entry, never is caught */
	assert_int_equal(r->uaf_reads, 0);
	assert_int_equal(r->uaf_writes, 0);
	assert_int_equal(r->first_violation_ns, 0);
	assert_int_equal(r->violations_per_sec_milli, 0);
	return r;
}

static void test_spin(void **state)
{
	struct out o;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "prim=spin", POINT, "update_pct=30",
		 "cs_ns=200", NULL);
	free(run_ok(&o));
	/* with cs_ns, the record says how long the busy work really took */
	assert_true(extra_key(o.so, "cs_ns_actual") >= 200);
	out_free(&o);
}

/*
 * Every harness primitive (SB_CAP_HARNESS: the timed loop alone) runs as a
 * point of its own: its updates change nothing, so the list check expects
 * the initial sum, and a run with updates keeps its invariants.
 */
static void test_harness_prims(void **state)
{
	char arg[16 + SB_PRIM_LEN];
	unsigned int i, n = 0;
	struct out o;

	(void)state;
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];

		if (!(p->sides & SB_SIDE_USER) || !(p->caps & SB_CAP_HARNESS))
			continue;
		snprintf(arg, sizeof(arg), "prim=%s", p->name);
		run_tool(&o, NULL, NULL, -1, arg, POINT, "update_pct=30", NULL);
		free(run_ok(&o));
		out_free(&o);
		n++;
	}
	assert_true(n > 0);	/* the catalogue has one: run.c needs it */
}

/*
 * One point of @prim under the workload keys @a1 @a2 @a3, run again (twice
 * at most) when its window was judged stretched (the workers starved: seen
 * on this shared 2-core machine at load 8), which says nothing of the
 * primitive, though its list check must still hold; then run_ok()'s checks.
 */
static struct sb_result *run_mode(struct out *o, const char *prim,
				  const char *a1, const char *a2,
				  const char *a3)
{
	struct sb_result *r;
	unsigned int tries;

	for (tries = 0;; tries++) {
		run_tool(o, NULL, NULL, -1, prim, POINT, a1, a2, a3, NULL);
		if (tries == 2 || o->status != 0 || o->sel)
			break;
		r = parse(o);
		if (r->status == SB_STATUS_OK ||
		    !strstr(r->reason, "measuring window stretched")) {
			free(r);
			break;
		}
		/* starved, not broken: its list check must still hold */
		assert_int_equal(r->invariants_ok, SB_INV_OK);
		free(r);
		out_free(o);
	}
	print_message("%s %s %s %s\n", prim, a1, a2, a3 ? a3 : "");
	return run_ok(o);
}

/*
 * Every primitive of the catalogue's user column that is meant to be
 * correct (not SB_CAP_BROKEN; harness rows run above) keeps the list
 * invariants with 2 threads, critical sections wide enough for a broken
 * exclusion to lose updates or tear entries, and lookups and updates
 * timed into histograms of their own (a writer's latency apart from a
 * reader's). A primitive added to the catalogue is tested here unasked.
 */
static void test_catalogue_prims(void **state)
{
	char arg[16 + SB_PRIM_LEN];
	unsigned int i, n = 0;
	struct sb_result *r;
	struct out o;

	(void)state;
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];

		if (!(p->sides & SB_SIDE_USER) ||
		    (p->caps & (SB_CAP_BROKEN | SB_CAP_HARNESS)))
			continue;
		snprintf(arg, sizeof(arg), "prim=%s", p->name);
		r = run_mode(&o, arg, "update_pct=30", "cs_ns=300",
			     "lat_sample=16");
		assert_string_equal(r->cfg.prim, p->name);
		if (!r->hist[SB_H_UPDATE].count)
			fail_msg("%s: %llu updates, none timed", p->name,
				 (unsigned long long)r->updates);
		free(r);
		out_free(&o);
		n++;
	}
	assert_true(n > 0);
}

/*
 * The read-mostly workload keys on every correct user primitive: roles
 * (thread 0 only updates, thread 1 only looks up, each role's rate and
 * fairness in the record), a decimal update rate, and lookups that hold
 * their entry; the invariants hold in each. A paced updater keeps to its
 * interval: never faster (a deadline schedule), and with no lock (the
 * harness) close to it.
 */
static void test_workload_modes(void **state)
{
	char arg[16 + SB_PRIM_LEN];
	struct sb_result *r;
	unsigned int i;
	struct out o;

	(void)state;
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];

		if (!(p->sides & SB_SIDE_USER) ||
		    (p->caps & (SB_CAP_BROKEN | SB_CAP_HARNESS)))
			continue;
		snprintf(arg, sizeof(arg), "prim=%s", p->name);
		r = run_mode(&o, arg, "update_pct=0", "updaters=1", NULL);
		assert_int_equal(r->thread[0].lookups, 0);
		assert_int_equal(r->thread[1].updates, 0);
		assert_true(r->lookups_per_sec > 0 && r->updates_per_sec > 0);
		assert_int_equal(r->fairness_jain_readers_ppm, 1000000);
		assert_int_equal(r->fairness_jain_updaters_ppm, 1000000);
		free(r);
		out_free(&o);
		free(run_mode(&o, arg, "update_pct=0.5", "lat_sample=16",
			      NULL));
		assert_non_null(strstr(o.so, "\nupdate_pct=0.5\n"));
		out_free(&o);
		free(run_mode(&o, arg, "update_pct=30", "hold_ns=500", NULL));
		out_free(&o);
		/*
		 * buckets=4: four lists, each under a lock of its own (or its
		 * own update-side lock and RCU head), updates wide enough for
		 * a broken exclusion to tear or lose; invariants per bucket.
		 */
		r = run_mode(&o, arg, "update_pct=30", "buckets=4",
			     "cs_ns=300");
		assert_int_equal(r->cfg.buckets, 4);
		assert_int_equal(r->final_len, 16);
		assert_non_null(strstr(o.so, "\nbuckets=4\n"));
		free(r);
		out_free(&o);
		/*
		 * ref=refcount: lookups use their entry after the section
		 * while updates free entries at their last reference
		 * (delete_insert for the locks, whose entries are otherwise
		 * rewritten in place).
		 */
		if (p->caps & SB_CAP_REF) {
			free(run_mode(&o, arg, "ref=refcount", "hold_ns=300",
				      p->caps & SB_CAP_GRACE ?
				      "rcu_free=async" :
				      "update_op=delete_insert"));
			out_free(&o);
		}
		if (!(p->caps & SB_CAP_CHURN))
			continue;
		/* the list's membership churns over 32 keys: lookups miss */
		r = run_mode(&o, arg, "update_pct=30",
			     "update_op=delete_insert", "key_space=32");
		if (!r->lookup_misses || !r->update_misses)
			fail_msg("%s: delete_insert over 32 keys: %llu lookups and %llu updates missed",
				 p->name, (unsigned long long)r->lookup_misses,
				 (unsigned long long)r->update_misses);
		free(r);
		out_free(&o);
		/* churn in 4 buckets: a fresh key stays in its bucket */
		free(run_mode(&o, arg, "update_op=delete_insert",
			      "key_space=32", "buckets=4"));
		out_free(&o);
	}
	r = run_mode(&o, "prim=null", "update_pct=0", "updaters=1",
		     "update_interval_ns=100000");
	if (r->updates_per_sec > 10500 || r->updates_per_sec < 5000)
		fail_msg("paced at 100 us: %llu updates/s",
			 (unsigned long long)r->updates_per_sec);
	/* paced updates are rare: every one is timed */
	assert_int_equal(r->hist[SB_H_UPDATE].count, r->updates);
	free(r);
	out_free(&o);
}

/*
 * op_digest: the record's digest of each thread's first SB_OP_DIGEST_OPS
 * draws is the one the config alone gives (sb_op_digest_expect, the
 * module's too: vm.seed compares the two sides), whatever the run's
 * timing; with a thread past SB_OP_DIGEST_OPS, so that the timed loop's
 * own folding is what is checked (the operations of a thread cut short
 * are completed from its state). Another seed draws another sequence.
 */
static void test_op_digest(void **state)
{
	static const char *const modes[][3] = {
		{ "prim=spin", "update_pct=30", "seed=7" },
		{ "prim=rcu", "update_op=delete_insert", "key_space=32" },
		{ "prim=mutex", "update_pct=0", "updaters=1" },
		{ "prim=rwlock", "update_pct=0.5", "seed=8" },
	};
	sb_u64 seen[SB_ARRAY_SIZE(modes)];
	struct sb_result *r;
	unsigned int i, j, tries;
	struct out o;

	(void)state;
	for (i = 0; i < SB_ARRAY_SIZE(modes); i++) {
		/* a starved window (a loaded machine) is run again */
		for (tries = 0;; tries++) {
			run_tool(&o, NULL, NULL, -1, modes[i][0], POINT,
				 modes[i][1], modes[i][2], NULL);
			if (o.status != 0 || o.sel)
				fail_msg("exit %d, stderr: %s", o.status, o.se);
			r = parse(&o);
			if (r->thread_ops_max >= SB_OP_DIGEST_OPS || tries == 4)
				break;
			free(r);
			out_free(&o);
		}
		if (r->thread_ops_max < SB_OP_DIGEST_OPS)
			fail_msg("%s: %llu ops at most in a thread, too few to exercise the loop",
				 modes[i][0],
				 (unsigned long long)r->thread_ops_max);
		if (r->op_digest != sb_op_digest_expect(&r->cfg, r->threads))
			fail_msg("%s %s %s: op_digest=%llu, the config's %llu",
				 modes[i][0], modes[i][1], modes[i][2],
				 (unsigned long long)r->op_digest,
				 (unsigned long long)sb_op_digest_expect(
					&r->cfg, r->threads));
		assert_true(strstr(o.so, "\nop_digest=") != NULL);
		seen[i] = r->op_digest;
		for (j = 0; j < i; j++)
			assert_true(seen[j] != seen[i]);
		free(r);
		out_free(&o);
	}
}

/* rw_pref=writer builds the writer-preferring kind, and says so. */
static void test_rwlock_writer(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "prim=rwlock", "rw_pref=writer", POINT,
		 "update_pct=30", "cs_ns=300", NULL);
	r = run_ok(&o);
	assert_int_equal(r->cfg.rw_pref, SB_RW_PREF_WRITER);
	assert_non_null(strstr(o.so, "\nrw_pref=writer\n"));
	free(r);
	out_free(&o);
}

/*
 * seqlock under its worst case: one entry, every other operation a write
 * with 1 us inside it. Readers overlap writers all the time, so they must
 * have retried (seq_retries), and none may have returned the torn entry
 * it saw (check_failures = 0: a reader that skipped the count's recheck
 * fails this, measured). Readers that gave up and took the lock are
 * counted apart.
 */
static void test_seqlock_retries(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "prim=seqlock", "cpus=0-1",
		 "duration_ms=200", "warmup_ms=20", "list_len=1",
		 "update_pct=50", "cs_ns=1000", NULL);
	if (o.status != 0 || o.sel)
		fail_msg("exit %d, stderr: %s", o.status, o.se);
	r = parse(&o);
	/* a stretched window voids the timing, not what this checks */
	if (r->status != SB_STATUS_OK &&
	    !strstr(r->reason, "measuring window stretched"))
		fail_msg("status not ok: %s", r->reason);
	assert_true(r->lookups > 0 && r->updates > 0);
	assert_int_equal(r->invariants_ok, SB_INV_OK);
	assert_int_equal(r->check_failures, 0);
	assert_true(r->seq_retries > 0);
	/* at most every lookup of the window fell back, never more */
	assert_true(extra_key(o.so, "seq_locked_reads") <= (long long)r->lookups);
	free(r);
	out_free(&o);
}

static void test_mutex(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "prim=mutex", POINT, "update_pct=30",
		 "cs_ns=2000", NULL);
	r = run_ok(&o);
	/* contended futex waits show up as voluntary switches */
	assert_true(r->voluntary_ctxsw + r->involuntary_ctxsw > 0);
	free(r);
	out_free(&o);
}

static void irqsave(const char *mask)
{
	struct out o;
	struct sb_result *r;

	run_tool(&o, NULL, NULL, -1, "prim=spin_irqsave", POINT, mask,
		 "irq_hz=2000", "update_pct=30", "cs_ns=2000", NULL);
	r = run_ok(&o);
	/*
	 * 2 x 2000 Hz x 0.2 s = 800 expiries; a loaded 2-core machine (or a
	 * sanitizer build) coalesces most of them: a thread that waits long
	 * with the interrupt masked takes one per overrun. Demand a few.
	 */
	assert_true(r->irq_count >= 5);
	assert_int_equal(r->hist[SB_H_IRQ].count +
			 r->hist[SB_H_IRQ_LOCKED].count, r->irq_count);
	/* with 2 us critical sections some arrive while masked */
	assert_true(r->hist[SB_H_IRQ_LOCKED].count > 0);
	/* the longest masked window holds at least a 2 us section */
	if (r->irqoff_max_ns < 2000)
		fail_msg("irqoff_max_ns=%llu with cs_ns=2000",
			 (unsigned long long)r->irqoff_max_ns);
	free(r);
	out_free(&o);
}

static void test_irqsave_sigmask(void **state)
{
	(void)state;
	irqsave("irq_mask=sigmask");
}

static void test_irqsave_soft(void **state)
{
	(void)state;
	irqsave("irq_mask=soft");
}

static void rcu(const char *flavor, const char *free_mode)
{
	struct out o;
	struct sb_result *r;

	/* with readers in the interrupt contender too, as the kernel has */
	run_tool(&o, NULL, NULL, -1, "prim=rcu", POINT, flavor, free_mode,
		 "update_pct=20", "irq_hz=1000", NULL);
	r = run_ok(&o);
	assert_true(r->irq_count >= 5);	/* see irqsave() */
	assert_true(r->hist[SB_H_RCU_GP].count > 0);
	assert_true(r->rcu_peak_pending >= 1);
	if (strstr(free_mode, "async"))
		assert_true(r->rcu_callbacks > 0);
	free(r);
	out_free(&o);
}

static void test_rcu_memb_sync(void **state)
{
	(void)state;
	rcu("rcu_flavor=memb", "rcu_free=sync");
}

static void test_rcu_memb_async(void **state)
{
	(void)state;
	rcu("rcu_flavor=memb", "rcu_free=async");
}

static void test_rcu_mb_sync(void **state)
{
	(void)state;
	rcu("rcu_flavor=mb", "rcu_free=sync");
}

static void test_rcu_qsbr_async(void **state)
{
	(void)state;
	rcu("rcu_flavor=qsbr", "rcu_free=async");
}

static void test_rcu_qsbr_sync(void **state)
{
	(void)state;
	rcu("rcu_flavor=qsbr", "rcu_free=sync");
}

/*
 * node=0: the entries RCU makes during the run come from the node-placed
 * entry cache (user/entry_cache.c); every live entry is on node 0 after.
 * Both free modes: the call_rcu thread returns entries to the cache too.
 * (vm.usernuma checks the placement where there are two nodes.)
 */
static void rcu_node0(const char *free_mode)
{
	int numa = access("/sys/devices/system/node/node0", F_OK) == 0;
	const char *want = numa ? "\nlist_nodes=node0:16\n" :
				  "\nlist_nodes=unknown\n";
	struct out o;
	struct sb_result *r;

	run_tool(&o, NULL, NULL, -1, "prim=rcu", POINT, free_mode, "node=0",
		 "update_pct=50", NULL);
	r = run_ok(&o);
	if (!strstr(o.so, want))
		fail_msg("want %s in the record:\n%s", want + 1, o.so);
	free(r);
	out_free(&o);
}

static void test_rcu_node0_sync(void **state)
{
	(void)state;
	rcu_node0("rcu_free=sync");
}

static void test_rcu_node0_async(void **state)
{
	(void)state;
	rcu_node0("rcu_free=async");
}

/* none: lost updates and torn reads are counted, the list survives. */
static void test_none_race(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	/* no cs_ns: the perturbation holds the window open */
	run_tool(&o, NULL, NULL, -1, "prim=none", "cpus=0-1",
		 "duration_ms=200", "warmup_ms=20", "list_len=1",
		 "update_pct=50", "perturb=yield", "perturb_pct=10",
		 "perturb_ns=2000", NULL);
	assert_int_equal(o.status, 0);
	r = parse(&o);
	assert_int_equal(r->status, SB_STATUS_OK);
	assert_int_equal(r->invariants_ok, SB_INV_VIOLATED);
	assert_true(r->violations > 0);
	assert_true(extra_key(o.so, "lost_updates") > 0);
	assert_true(r->lost_updates > 0);
	assert_true(r->perturbations > 0);
	assert_int_equal(r->final_len, 1);	/* structure intact */
	free(r);
	out_free(&o);
}

/*
 * Updates that change the list (delete_insert) race too: none's unlocked
 * unlink and link lose entries or link them twice, and the list check
 * counts it; the process survives (its quarantine keeps every unlinked
 * entry until the run ends, so ASan sees no use after free). The same
 * point under spin keeps the list whole.
 */
static void test_none_churn_race(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "prim=none", "cpus=0-1",
		 "duration_ms=200", "warmup_ms=20", "list_len=4",
		 "key_space=8", "update_op=delete_insert", "update_pct=100",
		 "perturb=yield", "perturb_pct=10", "perturb_ns=2000", NULL);
	assert_int_equal(o.status, 0);
	r = parse(&o);
	assert_int_equal(r->status, SB_STATUS_OK);
	assert_int_equal(r->invariants_ok, SB_INV_VIOLATED);
	assert_true(r->violations > 0);
	free(r);
	out_free(&o);
	run_tool(&o, NULL, NULL, -1, "prim=spin", "cpus=0-1",
		 "duration_ms=200", "warmup_ms=20", "list_len=4",
		 "key_space=8", "update_op=delete_insert", "update_pct=100",
		 "perturb=delay", "perturb_pct=10", "perturb_ns=2000", NULL);
	assert_int_equal(o.status, 0);
	r = parse(&o);
	assert_int_equal(r->status, SB_STATUS_OK);
	assert_int_equal(r->invariants_ok, SB_INV_OK);
	assert_int_equal(r->violations, 0);
	assert_int_equal(r->final_len, 4);
	assert_true(r->updates > 0);
	free(r);
	out_free(&o);
}

/*
 * buckets=2 does not hide the race: each bucket's list is as unprotected
 * under none, and spin's per-bucket locks keep each one intact.
 */
static void test_none_buckets_race(void **state)
{
	static const char *const prims[] = { "prim=none", "prim=spin" };
	struct sb_result *r;
	unsigned int i;
	struct out o;

	(void)state;
	for (i = 0; i < 2; i++) {
		run_tool(&o, NULL, NULL, -1, prims[i], "cpus=0-1",
			 "duration_ms=200", "warmup_ms=20", "list_len=4",
			 "buckets=2", "update_pct=100", "cs_ns=1000", NULL);
		assert_int_equal(o.status, 0);
		r = parse(&o);
		assert_int_equal(r->status, SB_STATUS_OK);
		assert_int_equal(r->cfg.buckets, 2);
		if (i == 0) {
			assert_int_equal(r->invariants_ok, SB_INV_VIOLATED);
		} else {
			assert_int_equal(r->invariants_ok, SB_INV_OK);
			assert_true(r->updates > 0);
		}
		free(r);
		out_free(&o);
	}
}

/* The same point, correctly locked, has no violation: not a fluke. */
static void test_none_vs_spin(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "prim=spin", "cpus=0-1",
		 "duration_ms=200", "warmup_ms=20", "list_len=1",
		 "update_pct=50", "perturb=delay", "perturb_pct=10",
		 "perturb_ns=2000", NULL);
	assert_int_equal(o.status, 0);
	r = parse(&o);
	if (r->status != SB_STATUS_OK)
		fail_msg("spin point not ok: %s", r->reason);
	assert_true(r->updates > 0);
	assert_int_equal(r->invariants_ok, SB_INV_OK);
	assert_int_equal(r->violations, 0);
	assert_int_equal(extra_key(o.so, "lost_updates"), 0);
	free(r);
	out_free(&o);
}

static void bad(const char *key, int only_cpu, const char *a1,
		const char *a2, const char *a3);

/*
 * toctou and rcu_nogp (every user row with SB_CAP_UAF) under each
 * perturbation mode their window allows: a use after free is seen and
 * counted within the run (its first one timed inside the window, a rate
 * of violations per second above 0, the perturbations done), and the
 * process survives it (the poisoned quarantine: ASan sees no use after
 * free, since nothing is freed before the run ends).
 */
static void test_uaf_exposed(void **state)
{
	static const char *const modes[] = { "perturb=delay",
					     "perturb=preempt",
					     "perturb=yield" };
	char arg[16 + SB_PRIM_LEN];
	unsigned int i, m, n = 0;
	struct sb_result *r;
	struct out o;

	(void)state;
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];

		if (!(p->sides & SB_SIDE_USER) || !(p->caps & SB_CAP_UAF))
			continue;
		snprintf(arg, sizeof(arg), "prim=%s", p->name);
		for (m = 0; m < SB_ARRAY_SIZE(modes); m++) {
			if (m == 2 && !(p->caps & SB_CAP_YIELD)) {
				bad("perturb: yield is refused", -1, arg,
				    modes[m], NULL);
				continue;
			}
			run_tool(&o, NULL, NULL, -1, arg, "cpus=0-1",
				 "duration_ms=300", "warmup_ms=20",
				 "list_len=16", "update_pct=20", modes[m],
				 "perturb_pct=10", "perturb_ns=20000", NULL);
			if (o.status)
				fail_msg("%s %s: exit %d: %s", arg, modes[m],
					 o.status, o.se);
			r = parse(&o);
			print_message("%s %s: uaf_reads=%llu uaf_writes=%llu first_violation_ns=%llu\n",
				      arg, modes[m],
				      (unsigned long long)r->uaf_reads,
				      (unsigned long long)r->uaf_writes,
				      (unsigned long long)r->first_violation_ns);
			if (r->status != SB_STATUS_OK)
				fail_msg("%s %s: %s", arg, modes[m],
					 r->reason);
			assert_true(r->uaf_reads > 0);
			assert_true(r->first_violation_ns > 0);
			assert_true(r->first_violation_ns <= r->elapsed_ns);
			assert_true(r->violations_per_sec_milli > 0);
			assert_true(r->perturbations > 0);
			free(r);
			out_free(&o);
			n++;
		}
	}
	assert_true(n >= 2);
}

/*
 * A race run that fills its quarantine keeps what it measured (issue 21,
 * item 7): a small machine (MemAvailable stood in for) gets a small
 * quarantine (sb_budget.h), toctou and rcu_nogp churning fill it within a
 * long window, and the run stops there with status=stopped, the reason
 * saying when and how many entries, and every figure measured until then:
 * operations, uses after free, the first violation, a window shorter
 * than asked. Full before the window opened, it measured nothing: failed.
 */
static void test_quarantine_stopped(void **state)
{
	static const char *const prims[] = { "prim=toctou", "prim=rcu_nogp" };
	struct sb_result *r;
	unsigned int i;
	struct out o;

	(void)state;
	for (i = 0; i < SB_ARRAY_SIZE(prims); i++) {
		run_tool(&o, NULL, "SYNCBENCH_USER_TEST_MEMAVAIL=4194304", -1,
			 prims[i], "cpus=0-1", "duration_ms=20000",
			 "warmup_ms=10", "list_len=16", "update_pct=30",
			 "update_op=delete_insert", "perturb=delay",
			 "perturb_pct=10", "perturb_ns=20000", NULL);
		if (o.status)
			fail_msg("%s: exit %d: %s", prims[i], o.status, o.se);
		r = parse(&o);
		print_message("%s: status %s, ops=%llu uaf_reads=%llu elapsed_ns=%llu: %s\n",
			      prims[i], r->status == SB_STATUS_STOPPED ?
			      "stopped" : "not stopped",
			      (unsigned long long)r->ops,
			      (unsigned long long)r->uaf_reads,
			      (unsigned long long)r->elapsed_ns, r->reason);
		assert_int_equal(r->status, SB_STATUS_STOPPED);
		assert_non_null(strstr(r->reason,
				       "the quarantine filled after "));
		assert_non_null(strstr(r->reason, " entries"));
		assert_true(r->ops > 0);
		assert_true(r->uaf_reads > 0);
		assert_true(r->first_violation_ns > 0);
		assert_true(r->first_violation_ns <= r->elapsed_ns);
		assert_true(r->elapsed_ns > 0);
		assert_true(r->elapsed_ns < 20000000000ULL);
		assert_true(r->threads == 2);
		free(r);
		out_free(&o);
	}
	/* full during the warm-up: nothing measured, so a failure */
	run_tool(&o, NULL, "SYNCBENCH_USER_TEST_MEMAVAIL=4194304", -1,
		 "prim=rcu_nogp", "cpus=0-1", "duration_ms=1000",
		 "warmup_ms=5000", "list_len=16", "update_pct=30",
		 "update_op=delete_insert", NULL);
	if (o.status)
		fail_msg("warm-up: exit %d: %s", o.status, o.se);
	r = parse(&o);
	assert_int_equal(r->status, SB_STATUS_FAILED);
	assert_non_null(strstr(r->reason,
			       "the quarantine filled during the warm-up"));
	free(r);
	out_free(&o);
}

/*
 * Every sound user primitive (not broken, not the harness) scheduled
 * badly inside its critical or read-side section, under each mode its
 * window allows (yield only with SB_CAP_YIELD; the others refuse it):
 * the perturbation happened, and run_ok()'s checks hold (invariants, no
 * torn read, no use after free).
 */
static void test_perturb_sound(void **state)
{
	static const char *const modes[] = { "perturb=delay",
					     "perturb=preempt",
					     "perturb=yield" };
	char arg[16 + SB_PRIM_LEN];
	unsigned int i, m, n = 0;
	struct sb_result *r;
	struct out o;

	(void)state;
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];

		if (!(p->sides & SB_SIDE_USER) ||
		    (p->caps & (SB_CAP_BROKEN | SB_CAP_HARNESS)))
			continue;
		snprintf(arg, sizeof(arg), "prim=%s", p->name);
		for (m = 0; m < SB_ARRAY_SIZE(modes); m++) {
			if (m == 2 && !(p->caps & SB_CAP_YIELD)) {
				bad("perturb: yield is refused", -1, arg,
				    modes[m], NULL);
				continue;
			}
			r = run_mode(&o, arg, "update_pct=20", modes[m],
				     "perturb_pct=5");
			if (!r->perturbations)
				fail_msg("%s %s: nothing perturbed", arg,
					 modes[m]);
			free(r);
			out_free(&o);
			n++;
		}
	}
	assert_true(n > 0);
}

/*
 * The run's worst-case memory against what the machine can spare (issue
 * 21, item 2): with 192 MiB available, the config (a million
 * entries, 65536 buckets, rcu_nogp's quarantine) is refused before
 * anything runs, exit 3 and one stderr line saying what it needs, part
 * by part; a million entries under spin fit and run. The same budget as
 * the module's (common/sb_budget.c).
 */
static void test_mem_budget(void **state)
{
	struct sb_result *r;
	struct out o;

	(void)state;
	run_tool(&o, NULL, "SYNCBENCH_USER_TEST_MEMAVAIL=201326592", -1,
		 "prim=rcu_nogp", "list_len=1048576", "buckets=65536",
		 "update_pct=100", "cpus=0-1", NULL);
	if (o.status != 3 || o.sol || !strstr(o.se, "not enough memory") ||
	    !strstr(o.se, "quarantine") || !strstr(o.se, "98304 KiB") ||
	    strchr(o.se, '\n') != o.se + o.sel - 1)
		fail_msg("exit %d, stdout '%s', stderr '%s'", o.status, o.so,
			 o.se);
	/* refused before the run: no list of a million entries built */
	assert_true(o.wall_s < 2.0);
	out_free(&o);
	run_tool(&o, NULL, "SYNCBENCH_USER_TEST_MEMAVAIL=201326592", -1,
		 "prim=spin", "list_len=1048576", "cpus=0", "duration_ms=50",
		 "warmup_ms=10", NULL);
	if (o.status)
		fail_msg("spin, 1M entries: exit %d: %s", o.status, o.se);
	r = parse(&o);
	assert_int_equal(r->status, SB_STATUS_OK);
	free(r);
	out_free(&o);
}

/*
 * perturb=preempt means the same on both sides (issue 21, item 15): the
 * perturber takes perturb_pct% of its CPU's time, perturb_ns at a time,
 * as the module's does. One worker on CPU 0, perturb_pct=40 of 50 us
 * perturbations (mean gap 125 us, at least 50 us: 50/130 = 38.5%): the
 * share the window's perturbations took must be 34% to 42%. Sleeping the
 * gap after each perturbation (the old mirror) gave p/(100+p): 28%.
 */
static void test_perturb_preempt_share(void **state)
{
	struct sb_result *r;
	double share;
	struct out o;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "prim=spin", "cpus=0", "update_pct=20",
		 "duration_ms=500", "warmup_ms=50", "perturb=preempt",
		 "perturb_pct=40", "perturb_ns=50000", NULL);
	if (o.status)
		fail_msg("exit %d: %s", o.status, o.se);
	r = parse(&o);
	if (r->status != SB_STATUS_OK)
		fail_msg("status not ok: %s", r->reason);
	share = (double)r->perturbations * 50000.0 / (double)r->elapsed_ns;
	print_message("perturb=preempt perturb_pct=40: %llu perturbations of 50 us in %llu ns: %.1f%% of the CPU (perturb_sched %s)\n",
		      (unsigned long long)r->perturbations,
		      (unsigned long long)r->elapsed_ns, 100 * share,
		      r->perturb_sched == SB_PSCHED_FIFO ? "fifo" : "other");
	if (share < 0.34 || share > 0.42)
		fail_msg("the perturber took %.1f%% of the CPU, want 40%% (34%% to 42%%)",
			 100 * share);
	free(r);
	out_free(&o);
}

static void test_hang_timeout(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	run_tool(&o, NULL, "SYNCBENCH_USER_TEST_HANG=1", -1,
		 "--timeout-ms", "400", "prim=spin", "cpus=0", NULL);
	assert_int_equal(o.status, 0);
	r = parse(&o);
	assert_int_equal(r->status, SB_STATUS_FAILED);
	assert_string_equal(r->reason, "timeout after 400 ms");
	assert_string_equal(r->cfg.prim, "spin");
	assert_true(o.wall_s < 5.0);
	free(r);
	out_free(&o);
}

/*
 * Started with SIGCHLD ignored (a parent's disposition survives exec): the
 * runner must still reap its point itself and print the record.
 */
static void test_sigchld_ignored(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	ignore_sigchld = 1;
	run_tool(&o, NULL, NULL, -1, "prim=spin", "cpus=0", "duration_ms=50",
		 NULL);
	ignore_sigchld = 0;
	if (o.status != 0 || o.sel)
		fail_msg("exit %d, stderr: %s", o.status, o.se);
	r = parse(&o);
	assert_int_equal(r->status, SB_STATUS_OK);
	free(r);
	out_free(&o);
}

/*
 * A job-control stop (kill -STOP of the process group, as the issue did):
 * 3 s of the window in which nothing ran, so the point fails with that
 * reason instead of reporting a throughput half as high as it was. The
 * window opens a few hundred ms after the start (calibration, the harness
 * loop, no warm-up) and lasts 2 s: the stop at 1 s lands inside it.
 */
static void test_stopped_window(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	stop_at_ms = 1000;
	stop_for_ms = 3000;
	run_tool(&o, NULL, NULL, -1, "prim=spin", "cpus=0", "duration_ms=2000",
		 "warmup_ms=0", NULL);
	assert_int_equal(stop_for_ms, 0);	/* it was stopped */
	if (o.status != 0)
		fail_msg("exit %d, stderr: %s", o.status, o.se);
	r = parse(&o);
	if (r->status != SB_STATUS_FAILED || !strstr(r->reason, "stretched"))
		fail_msg("status %s, reason '%s', elapsed_ns=%llu",
			 r->status == SB_STATUS_OK ? "ok" : "not ok", r->reason,
			 (unsigned long long)r->elapsed_ns);
	/* the run itself was sound: only its timing is void */
	assert_int_equal(r->invariants_ok, SB_INV_OK);
	assert_true(r->elapsed_ns > 3000000000ULL);
	free(r);
	out_free(&o);
}

static void test_crash(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	run_tool(&o, NULL, "SYNCBENCH_USER_TEST_CRASH=1", -1, "prim=mutex",
		 "cpus=0", NULL);
	assert_int_equal(o.status, 0);
	r = parse(&o);
	assert_int_equal(r->status, SB_STATUS_FAILED);
	assert_string_equal(r->reason, "killed by signal SIGSEGV");
	free(r);
	out_free(&o);
}

/* Exit 2, nothing on stdout, exactly one stderr line containing @key. */
static void bad(const char *key, int only_cpu, const char *a1,
		const char *a2, const char *a3)
{
	struct out o;

	run_tool(&o, NULL, NULL, only_cpu, a1, a2, a3, NULL);
	if (o.status != 2 || o.sol || !strstr(o.se, key) ||
	    strchr(o.se, '\n') != o.se + o.sel - 1)
		fail_msg("%s %s %s: exit %d, stdout '%s', stderr '%s'", a1,
			 a2 ? a2 : "", a3 ? a3 : "", o.status, o.so, o.se);
	out_free(&o);
}

static void test_bad_keys(void **state)
{
	char names[SB_PRIM_NAMES_LEN], arg[16 + SB_PRIM_LEN];
	unsigned int i, n = 0;

	(void)state;
	bad("frobnicate", -1, "frobnicate=1", NULL, NULL);
	bad("not a key=value", -1, "duration_ms", NULL, NULL);
	bad("duration_ms", -1, "duration_ms=abc", NULL, NULL);
	bad("duration_ms", -1, "duration_ms=0", NULL, NULL);
	bad("[1, 60000]", -1, "duration_ms=60001", NULL, NULL);
	bad("update_pct", -1, "update_pct=101", NULL, NULL);
	bad("at most 3 decimals", -1, "update_pct=0.0001", NULL, NULL);
	bad("buckets: 5 is more than list_len=4", -1, "list_len=4",
	    "buckets=5", NULL);
	bad("buckets: '0' is not an integer in [1, 65536]", -1, "buckets=0",
	    NULL, NULL);
	bad("updaters", -1, "cpus=0-1", "update_pct=0", "updaters=3");
	bad("update_pct: must be 0 with updaters=1", -1, "cpus=0-1",
	    "updaters=1", NULL);
	bad("update_interval_ns", -1, "update_interval_ns=1000", NULL, NULL);
	bad("key_space", -1, "list_len=64", "key_space=32", NULL);
	bad("needs update_op=delete_insert", -1, "key_space=128", NULL, NULL);
	/* a primitive whose readers walk unprotected refuses delete_insert */
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];

		if (!(p->sides & SB_SIDE_USER) || (p->caps & SB_CAP_CHURN))
			continue;
		snprintf(arg, sizeof(arg), "prim=%s", p->name);
		bad("update_op=delete_insert would free", -1, arg,
		    "update_op=delete_insert", NULL);
	}
	/* ref=refcount: only where a lookup ends with a stable entry */
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];

		if (!(p->sides & SB_SIDE_USER))
			continue;
		snprintf(arg, sizeof(arg), "prim=%s", p->name);
		if (!(p->caps & SB_CAP_REF))
			bad("ref=refcount needs", -1, arg, "ref=refcount",
			    NULL);
		else if (!(p->caps & SB_CAP_GRACE))
			bad("use update_op=delete_insert", -1, arg,
			    "ref=refcount", NULL);
	}
	bad("perturb", -1, "perturb=sometimes", NULL, NULL);
	bad("perturb_pct", -1, "perturb_pct=100.5", NULL, NULL);
	bad("perturb_pct: 0 perturbs nothing", -1, "perturb=delay",
	    "perturb_pct=0", NULL);
	bad("perturb_ns", -1, "perturb_ns=0", NULL, NULL);
	bad("perturb_ns", -1, "perturb_ns=1000001", NULL, NULL);
	bad("list_len", -1, "list_len=0", NULL, NULL);
	bad("lat_sample", -1, "lat_sample=1025", NULL, NULL);
	bad("seed", -1, "seed=-1", NULL, NULL);
	bad("prim", -1, "prim=bogus", NULL, NULL);
	/* The error lists the catalogue's user rows. */
	sb_prim_list(names, sizeof(names), SB_SIDE_USER, 0, "|");
	bad(names, -1, "prim=no_such_primitive", NULL, NULL);
	bad("rcu_free", -1, "rcu_free=later", NULL, NULL);
	bad("rcu_flavor", -1, "rcu_flavor=bp", NULL, NULL);
	bad("irq_mask", -1, "irq_mask=cli", NULL, NULL);
	bad("rw_pref", -1, "rw_pref=fair", NULL, NULL);
	bad("irq_hz", -1, "irq_hz=20001", "prim=spin_irqsave", NULL);
	/* refused, as in the kernel: it would deadlock */
	bad("irq_hz", -1, "prim=spin", "irq_hz=100", NULL);
	bad("irq_hz", -1, "prim=mutex", "irq_hz=100", NULL);
	/* every user primitive without SB_CAP_IRQ refuses a contender */
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];

		if (!(p->sides & SB_SIDE_USER) || (p->caps & SB_CAP_IRQ))
			continue;
		snprintf(arg, sizeof(arg), "prim=%s", p->name);
		bad("irq_hz: must be 0", -1, arg, "irq_hz=100", NULL);
		n++;
	}
	assert_true(n > 0);
	/* the message names every primitive that takes a contender */
	bad("needs prim=spin_irqsave|rcu:", -1, "prim=none", "irq_hz=100",
	    NULL);
}

static void test_bad_placement(void **state)
{
	(void)state;
	bad("cpus", -1, "cpus=0-3,", NULL, NULL);
	bad("cpus", -1, "cpus=2000", NULL, NULL);
	bad("cpus", -1, "cpus=0,0", NULL, NULL);
	/* a CPU this 2-core machine does not have (but within the table) */
	bad("does not exist", -1, "cpus=0,200", NULL, NULL);
	/* more threads than CPUs without --oversubscribe */
	bad("--oversubscribe", -1, "cpus=0-255", NULL, NULL);
	/* a CPU that exists but is not allowed (affinity of the process) */
	bad("not allowed", 0, "cpus=1", NULL, NULL);
	bad("node", -1, "node=1000", NULL, NULL);
	bad("node", -1, "node=-2", NULL, NULL);
	bad("node", -1, "node=63", NULL, NULL);
}

static void test_bad_options(void **state)
{
	(void)state;
	bad("--timeout-ms", -1, "--timeout-ms", "0", NULL);
	bad("--timeout-ms", -1, "--timeout-ms", "soon", NULL);
	bad("--timeout-ms", -1, "--timeout-ms", NULL, NULL);
	bad("--frob", -1, "--frob", NULL, NULL);
	/* not "unknown option '--help' (accepted: ... --help ...)" */
	bad("--help must be the only argument", -1, "--help", "prim=spin",
	    NULL);
	bad("--calibrate runs in this process", -1, "--no-fork",
	    "--calibrate", NULL);
	bad("--calibrate: key 'prim' does not apply", -1, "--calibrate",
	    "prim=spin", NULL);
	bad("lat_sample", -1, "--calibrate", "lat_sample=1025", NULL);
	/* a deadline needs the forked child: refused, not ignored */
	bad("--no-fork", -1, "--no-fork", "--timeout-ms", "1000");
	bad("stdin", -1, "-", "prim=spin", NULL);
	/* --calibration: the whole list, once, for the point's first CPU */
	bad("--calibration: no value", -1, "--calibration", NULL, NULL);
	bad("--calibration: unknown key 'frob=1'", -1, "--calibration",
	    MATRIX_CAL ",frob=1", NULL);
	bad("--calibration: key given twice", -1, "--calibration",
	    MATRIX_CAL ",cpu=0", NULL);
	bad("--calibration: missing keys", -1, "--calibration",
	    "cpu=0,clock=monotonic", NULL);
	bad("--calibration: bad value in 'timestamp_ps=0'", -1,
	    "--calibration", "cpu=0,clock=monotonic,tsc_khz=1000000,"
	    "timestamp_ps=0,harness_ns=99,spin_lock_unlock_ps=12345", NULL);
	bad("clock=monotonic needs tsc_khz=1000000", -1, "--calibration",
	    "cpu=0,clock=monotonic,tsc_khz=5,timestamp_ps=7777,"
	    "harness_ns=99,spin_lock_unlock_ps=12345", NULL);
	bad("this point's first CPU is 1", -1, "--calibration", MATRIX_CAL,
	    "cpus=1");
	bad("--calibration given twice", -1, "--calibration", MATRIX_CAL,
	    "--calibration");
	bad("--calibration do not apply", -1, "--calibrate", "--calibration",
	    MATRIX_CAL);
	/* --loop: both figures, a power-of-two sample rate, as measured */
	bad("--loop: no value", -1, "--loop", NULL, NULL);
	bad("--loop: 'lat_sample_used=3,loop_ps=5'", -1, "--loop",
	    "lat_sample_used=3,loop_ps=5", NULL);
	bad("--loop: 'lat_sample_used=8'", -1, "--loop", "lat_sample_used=8",
	    NULL);
	bad("--loop: 'lat_sample_used=8,loop_ps=0'", -1, "--loop",
	    "lat_sample_used=8,loop_ps=0", NULL);
	bad("--loop: 'lat_sample_used=8,loop_ps=5,x=1'", -1, "--loop",
	    "lat_sample_used=8,loop_ps=5,x=1", NULL);
	bad("--loop: 'lat_sample_used=8,loop_ps=-5'", -1, "--loop",
	    "lat_sample_used=8,loop_ps=-5", NULL);
	bad("--loop given twice", -1, "--loop", "lat_sample_used=8,loop_ps=5",
	    "--loop");
	bad("asks lat_sample=16", -1, "--loop", "lat_sample_used=8,loop_ps=5",
	    "lat_sample=16");
	bad("--loop and --calibration do not apply", -1, "--calibrate", "--loop",
	    "lat_sample_used=8,loop_ps=5");
}

static void test_oversubscribe(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	/* 3 threads on 1 allowed CPU: folded onto it */
	run_tool(&o, NULL, NULL, 0, "--oversubscribe", "cpus=0-2",
		 "duration_ms=100", NULL);
	assert_int_equal(o.status, 0);
	r = parse(&o);
	assert_int_equal(r->status, SB_STATUS_OK);
	assert_int_equal(r->threads, 3);
	assert_int_equal(r->thread[2].cpu, 0);
	free(r);
	out_free(&o);
}

/*
 * 64 threads on 1 CPU: the loop is measured with one thread per CPU and
 * scaled (rounds of 64 threads took ~10 s at 64 threads on 2 CPUs, past
 * the point's deadline, so every such point timed out).
 */
static void test_oversubscribe_loop(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	run_tool(&o, NULL, NULL, 0, "--oversubscribe", "prim=null",
		 "cpus=0-63", "duration_ms=50", "warmup_ms=0", NULL);
	assert_int_equal(o.status, 0);
	r = parse(&o);
	if (r->status != SB_STATUS_OK)
		fail_msg("64 threads on 1 CPU: not ok: %s (%.1f s)", r->reason,
			 o.wall_s);
	assert_int_equal(r->threads, 64);
	assert_true(r->loop_ps > 0);
	free(r);
	out_free(&o);
}

static void test_stdin_config(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	run_tool(&o, "prim=mutex\ncpus=0\nduration_ms=50\nwarmup_ms=0\n"
		 "update_pct=100\n", NULL, -1, "-", NULL);
	assert_int_equal(o.status, 0);
	r = parse(&o);
	assert_string_equal(r->cfg.prim, "mutex");
	assert_int_equal(r->cfg.update_mpct, 100000);
	assert_int_equal(r->lookups, 0);
	assert_true(r->updates > 0);
	free(r);
	out_free(&o);
	/* bad config on stdin: the same one line, exit 2 */
	run_tool(&o, "prim=mutex list_len=x\n", NULL, -1, "-", NULL);
	assert_int_equal(o.status, 2);
	assert_int_equal(o.sol, 0);
	assert_non_null(strstr(o.se, "list_len"));
	out_free(&o);
}

static void test_no_fork(void **state)
{
	char arg[16 + SB_PRIM_LEN];
	struct sb_result *r;
	unsigned int i;
	struct out o;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "--no-fork", "prim=spin", "cpus=0",
		 "duration_ms=50", NULL);
	assert_int_equal(o.status, 0);
	free(parse(&o));
	out_free(&o);
	/*
	 * Every correct user primitive in this process too, with both
	 * threads: a forked point leaves with _exit, so only here do ASan's
	 * leak check see a primitive's exit path and TSan the whole run.
	 */
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];

		if (!(p->sides & SB_SIDE_USER) || (p->caps & SB_CAP_BROKEN))
			continue;
		snprintf(arg, sizeof(arg), "prim=%s", p->name);
		run_tool(&o, NULL, NULL, -1, "--no-fork", arg, "cpus=0-1",
			 "update_pct=30", "cs_ns=200", "duration_ms=50", NULL);
		if (o.status != 0 || o.sel)
			fail_msg("%s --no-fork: exit %d: %s", p->name, o.status,
				 o.se);
		r = parse(&o);
		/*
		 * A short window on this shared 2-core machine is sometimes
		 * judged stretched (the stop flag's thread starved: 837 ms
		 * for 50 ms, measured at load 8): that voids the timing,
		 * not the run, whose list check still stands.
		 */
		if ((r->status != SB_STATUS_OK &&
		     !strstr(r->reason, "measuring window stretched")) ||
		    r->invariants_ok != SB_INV_OK)
			fail_msg("%s --no-fork: status %d, invariants %d: %s",
				 p->name, (int)r->status, (int)r->invariants_ok,
				 r->reason);
		free(r);
		out_free(&o);
	}
}

/*
 * In this process, so that ASan's leak check and TSan see the whole run
 * (a forked point leaves with _exit): the rcu callbacks and the signal
 * handler paths.
 */
static void test_no_fork_rcu_irq(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "--no-fork", "prim=rcu", "cpus=0-1",
		 "rcu_free=async", "update_pct=30", "duration_ms=100", NULL);
	if (o.status != 0)
		fail_msg("rcu --no-fork: exit %d: %s", o.status, o.se);
	r = parse(&o);
	if (r->status != SB_STATUS_OK)
		fail_msg("status not ok: %s", r->reason);
	assert_int_equal(r->invariants_ok, SB_INV_OK);
	free(r);
	out_free(&o);
	run_tool(&o, NULL, NULL, -1, "--no-fork", "prim=spin_irqsave",
		 "irq_mask=soft", "irq_hz=5000", "cpus=0-1", "cs_ns=500",
		 "duration_ms=300", NULL);
	if (o.status != 0)
		fail_msg("spin_irqsave --no-fork: exit %d: %s", o.status, o.se);
	r = parse(&o);
	if (r->status != SB_STATUS_OK)
		fail_msg("status not ok: %s", r->reason);
	assert_int_equal(r->invariants_ok, SB_INV_OK);
	assert_true(r->irq_count > 0);
	free(r);
	out_free(&o);
}

/* lat_sample=16 times about one operation in 16, at random. */
static void test_lat_sample(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "prim=spin", "cpus=0", "lat_sample=16",
		 "duration_ms=100", NULL);
	r = parse(&o);
	assert_int_equal(r->status, SB_STATUS_OK);
	assert_int_equal(r->cfg.lat_sample, 16);
	assert_int_equal(r->lat_sample_used, 16);
	assert_true(r->lookups > 10000);
	assert_true(r->hist[SB_H_LOOKUP].count > r->lookups / 32);
	assert_true(r->hist[SB_H_LOOKUP].count < r->lookups / 8);
	free(r);
	out_free(&o);
}

/* lat_sample=1 times every operation, as asked. */
static void test_lat_sample_every(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "prim=spin", "cpus=0", "lat_sample=1",
		 "update_pct=20", "duration_ms=50", NULL);
	r = parse(&o);
	assert_int_equal(r->status, SB_STATUS_OK);
	assert_int_equal(r->lat_sample_used, 1);
	assert_int_equal(r->hist[SB_H_LOOKUP].count, r->lookups);
	assert_int_equal(r->hist[SB_H_UPDATE].count, r->updates);
	free(r);
	out_free(&o);
}

/*
 * The default is auto (lat_sample=0): the record says so and which N it
 * chose, a power of two; a time-stamp costs far more than 1% of the loop
 * on any machine, so N > 1 and not every operation is timed.
 */
static void test_lat_sample_auto(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "prim=spin", "cpus=0", "duration_ms=100",
		 NULL);
	r = parse(&o);
	assert_int_equal(r->status, SB_STATUS_OK);
	assert_int_equal(r->cfg.lat_sample, 0);
	assert_true(r->lat_sample_used >= 2 && r->lat_sample_used <= 1024);
	assert_int_equal(r->lat_sample_used & (r->lat_sample_used - 1), 0);
	assert_sampled(r);
	assert_true(r->timestamp_ns > 0 && r->loop_ps > 0);
	free(r);
	out_free(&o);
}

static void test_list_help_version(void **state)
{
	char names[SB_PRIM_NAMES_LEN + 1];
	struct out o;
	unsigned int i;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "--list-prims", NULL);
	assert_int_equal(o.status, 0);
	/* Exactly the catalogue's user rows, in its order, one a line. */
	sb_prim_list(names, sizeof(names) - 1, SB_SIDE_USER, 0, "\n");
	strcat(names, "\n");
	assert_string_equal(o.so, names);
	out_free(&o);
	run_tool(&o, NULL, NULL, -1, "--help", NULL);
	assert_int_equal(o.status, 0);
	for (i = 0; i < sb_nr_keys; i++)
		if (sb_keys[i].side & SB_SIDE_USER)
			assert_non_null(strstr(o.so, sb_keys[i].name));
	out_free(&o);
	run_tool(&o, NULL, NULL, -1, "--version", NULL);
	assert_int_equal(o.status, 0);
	assert_non_null(strstr(o.so, "syncbench-user"));
	out_free(&o);
}

static void test_calibrate(void **state)
{
	struct out o;
	static const char *const keys[] = {
		"tsc_khz", "timestamp_ns", "spin_lock_unlock_ns", "harness_ns",
		"lat_sample_used", "loop_ns", "harness_loop_ps",
	};
	unsigned int i;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "--calibrate", NULL);
	assert_int_equal(o.status, 0);
	assert_true(strstr(o.so, "clock=tsc\n") ||
		    strstr(o.so, "clock=monotonic\n"));
	assert_non_null(strstr(o.so, "\ncpu_model="));
	for (i = 0; i < SB_ARRAY_SIZE(keys); i++)
		assert_true(extra_key(o.so, keys[i]) > 0);
	/* auto by default */
	assert_non_null(strstr(o.so, "\nlat_sample=0\n"));
	out_free(&o);
	/* the loop at a given lat_sample, on the given CPUs */
	run_tool(&o, NULL, NULL, -1, "--calibrate", "lat_sample=4", "cpus=0-1",
		 NULL);
	if (o.status != 0 || o.sel)
		fail_msg("exit %d, stderr: %s", o.status, o.se);
	assert_int_equal(extra_key(o.so, "lat_sample_used"), 4);
	assert_int_equal(extra_key(o.so, "threads"), 2);
	assert_true(extra_key(o.so, "harness_loop_ps") > 0);
	out_free(&o);
	/* the fallback clock works too */
	run_tool(&o, NULL, "SYNCBENCH_USER_CLOCK=monotonic", -1,
		 "--calibrate", NULL);
	assert_non_null(strstr(o.so, "clock=monotonic\n"));
	assert_int_equal(extra_key(o.so, "tsc_khz"), 1000000);
	out_free(&o);
}

/* A record that took MATRIX_CAL, and says so; its loop was measured. */
static void assert_matrix_cal(const struct out *o)
{
	struct sb_result *r;

	if (o->status != 0 || o->sel)
		fail_msg("exit %d, stderr: %s", o->status, o->se);
	r = parse(o);
	assert_int_equal(r->status, SB_STATUS_OK);
	assert_non_null(strstr(o->so, "\ncalibration=matrix\n"));
	assert_int_equal(r->clock, SB_CLOCK_MONOTONIC);
	assert_int_equal(r->tsc_khz, 1000000);
	assert_int_equal(r->timestamp_ns, 8);	/* 7777 ps, rounded */
	assert_int_equal(r->harness_ns, 99);
	assert_int_equal(extra_key(o->so, "spin_lock_unlock_ps"), 12345);
	assert_true(r->loop_ps > 0);
	free(r);
}

static void test_calibration(void **state)
{
	struct out o;
	struct sb_result *r;

	(void)state;
	/* by hand: everything measured in the point */
	run_tool(&o, NULL, MONO, -1, "prim=null", "cpus=0", "duration_ms=20",
		 NULL);
	r = parse(&o);
	assert_int_equal(o.status, 0);
	assert_non_null(strstr(o.so, "\ncalibration=point\n"));
	assert_true(extra_key(o.so, "spin_lock_unlock_ps") > 0);
	free(r);
	out_free(&o);
	/* the matrix's, in the forked child and in this process */
	run_tool(&o, NULL, MONO, -1, "--calibration", MATRIX_CAL, "prim=spin",
		 "cpus=0", "duration_ms=20", NULL);
	assert_matrix_cal(&o);
	out_free(&o);
	run_tool(&o, NULL, MONO, -1, "--no-fork", "--calibration", MATRIX_CAL,
		 "prim=spin", "cpus=0", "duration_ms=20", NULL);
	assert_matrix_cal(&o);
	out_free(&o);
	/* a calibration for the TSC where this runner uses the fallback */
	run_tool(&o, NULL, MONO, -1, "--calibration",
		 "cpu=0,clock=tsc,tsc_khz=2000000,timestamp_ps=7777,harness_ns=99,spin_lock_unlock_ps=12345",
		 "prim=spin", "cpus=0", "duration_ms=20", NULL);
	assert_int_equal(o.status, 2);
	assert_int_equal(o.sol, 0);
	assert_non_null(strstr(o.se, "this runner uses clock=monotonic"));
	out_free(&o);
	/* by hand the loop is measured; the matrix's is taken, and said so */
	run_tool(&o, NULL, NULL, -1, "prim=spin", "cpus=0", "duration_ms=20",
		 NULL);
	assert_int_equal(o.status, 0);
	assert_non_null(strstr(o.so, "\nloop_source=point\n"));
	out_free(&o);
	run_tool(&o, NULL, NULL, -1, "--loop",
		 "lat_sample_used=256,loop_ps=4321", "prim=spin", "cpus=0",
		 "duration_ms=20", NULL);
	assert_int_equal(o.status, 0);
	r = parse(&o);
	assert_int_equal(r->status, SB_STATUS_OK);
	assert_non_null(strstr(o.so, "\nloop_source=matrix\n"));
	assert_int_equal(r->loop_ps, 4321);
	assert_int_equal(r->lat_sample_used, 256);
	free(r);
	out_free(&o);
}

/*
 * The matrix's figures are checked, not taken on trust: a TSC rate half
 * this CPU's (every timing would double, status ok) is refused against
 * CLOCK_MONOTONIC; a loop figure far above the whole operation fails the
 * point.
 */
static void test_calibration_checked(void **state)
{
	char cal[256];
	long long khz;
	struct out o;
	struct sb_result *r;

	(void)state;
	run_tool(&o, NULL, NULL, -1, "--calibrate", "cpus=0", NULL);
	assert_int_equal(o.status, 0);
	if (strstr(o.so, "clock=tsc\n")) {
		khz = extra_key(o.so, "tsc_khz");
		out_free(&o);
		/* this CPU's own rate: taken */
		snprintf(cal, sizeof(cal),
			 "cpu=0,clock=tsc,tsc_khz=%lld,timestamp_ps=7777,harness_ns=99,spin_lock_unlock_ps=12345",
			 khz);
		run_tool(&o, NULL, NULL, -1, "--calibration", cal, "prim=null",
			 "cpus=0", "duration_ms=20", NULL);
		assert_int_equal(o.status, 0);
		out_free(&o);
		/* half of it: refused, naming the measured rate */
		snprintf(cal, sizeof(cal),
			 "cpu=0,clock=tsc,tsc_khz=%lld,timestamp_ps=7777,harness_ns=99,spin_lock_unlock_ps=12345",
			 khz / 2);
		run_tool(&o, NULL, NULL, -1, "--calibration", cal, "prim=null",
			 "cpus=0", "duration_ms=20", NULL);
		if (o.status != 2 || o.sol || !strstr(o.se, "CLOCK_MONOTONIC"))
			fail_msg("tsc_khz=%lld (half): exit %d, stderr '%s'",
				 khz / 2, o.status, o.se);
	}
	out_free(&o);
	/* a loop of 500 ns where the whole null operation takes a few */
	run_tool(&o, NULL, NULL, -1, "--loop",
		 "lat_sample_used=256,loop_ps=500000", "prim=null", "cpus=0",
		 "duration_ms=20", NULL);
	assert_int_equal(o.status, 0);
	r = parse(&o);
	if (r->status != SB_STATUS_FAILED || !strstr(r->reason, "--loop"))
		fail_msg("--loop loop_ps=500000 on null: status %d, reason '%s'",
			 r->status, r->reason);
	free(r);
	out_free(&o);
}

/* A record nobody can read is an error that says so: exit 1, one line. */
static void unwritable(int to, const char *a1, const char *a2)
{
	struct out o;

	stdout_to = to;
	run_tool(&o, NULL, NULL, -1, a1, a2, NULL);
	stdout_to = OUT_PIPE;
	if (o.status != 1 || !strstr(o.se, "stdout") ||
	    strchr(o.se, '\n') != o.se + o.sel - 1)
		fail_msg("%s %s, stdout %s: exit %d, stderr '%s'", a1,
			 a2 ? a2 : "", to == OUT_FULL ? "/dev/full" : "closed",
			 o.status, o.se);
	out_free(&o);
}

static void test_stdout_unwritable(void **state)
{
	(void)state;
	unwritable(OUT_FULL, "--list-prims", NULL);
	unwritable(OUT_FULL, "prim=spin", "duration_ms=20");
	unwritable(OUT_CLOSED, "prim=spin", "duration_ms=20");
	unwritable(OUT_FULL, "--no-fork", "duration_ms=20");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest prims[] = {
		cmocka_unit_test(test_spin),
		cmocka_unit_test(test_harness_prims),
		cmocka_unit_test(test_catalogue_prims),
		cmocka_unit_test(test_rwlock_writer),
		cmocka_unit_test(test_seqlock_retries),
		cmocka_unit_test(test_mutex),
		cmocka_unit_test(test_irqsave_sigmask),
		cmocka_unit_test(test_irqsave_soft),
		cmocka_unit_test(test_rcu_memb_sync),
		cmocka_unit_test(test_rcu_memb_async),
		cmocka_unit_test(test_rcu_mb_sync),
		cmocka_unit_test(test_rcu_qsbr_sync),
		cmocka_unit_test(test_rcu_qsbr_async),
		cmocka_unit_test(test_rcu_node0_sync),
		cmocka_unit_test(test_rcu_node0_async),
	};
	const struct CMUnitTest workloads[] = {
		cmocka_unit_test(test_workload_modes),
		cmocka_unit_test(test_op_digest),
	};
	const struct CMUnitTest race[] = {
		cmocka_unit_test(test_none_race),
		cmocka_unit_test(test_none_vs_spin),
		cmocka_unit_test(test_none_churn_race),
		cmocka_unit_test(test_none_buckets_race),
		cmocka_unit_test(test_uaf_exposed),
		cmocka_unit_test(test_quarantine_stopped),
	};
	const struct CMUnitTest perturb[] = {
		cmocka_unit_test(test_perturb_sound),
		cmocka_unit_test(test_perturb_preempt_share),
	};
	const struct CMUnitTest deadline[] = {
		cmocka_unit_test(test_hang_timeout),
		cmocka_unit_test(test_crash),
		cmocka_unit_test(test_stopped_window),
		cmocka_unit_test(test_sigchld_ignored),
	};
	const struct CMUnitTest badin[] = {
		cmocka_unit_test(test_bad_keys),
		cmocka_unit_test(test_bad_placement),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_mem_budget),
	};
	const struct CMUnitTest cli[] = {
		cmocka_unit_test(test_oversubscribe),
		cmocka_unit_test(test_oversubscribe_loop),
		cmocka_unit_test(test_stdin_config),
		cmocka_unit_test(test_no_fork),
		cmocka_unit_test(test_no_fork_rcu_irq),
		cmocka_unit_test(test_lat_sample),
		cmocka_unit_test(test_lat_sample_every),
		cmocka_unit_test(test_lat_sample_auto),
		cmocka_unit_test(test_stdout_unwritable),
		cmocka_unit_test(test_list_help_version),
		cmocka_unit_test(test_calibrate),
		cmocka_unit_test(test_calibration),
		cmocka_unit_test(test_calibration_checked),
	};

	if (argc != 3) {
		fprintf(stderr, "usage: %s syncbench-user prims|workloads|race|perturb|deadline|bad|cli\n",
			argv[0]);
		return 2;
	}
	tool = argv[1];
	if (!strcmp(argv[2], "prims"))
		return cmocka_run_group_tests_name("prims", prims, NULL, NULL);
	if (!strcmp(argv[2], "workloads"))
		return cmocka_run_group_tests_name("workloads", workloads, NULL,
						   NULL);
	if (!strcmp(argv[2], "race"))
		return cmocka_run_group_tests_name("race", race, NULL, NULL);
	if (!strcmp(argv[2], "perturb"))
		return cmocka_run_group_tests_name("perturb", perturb, NULL,
						   NULL);
	if (!strcmp(argv[2], "deadline"))
		return cmocka_run_group_tests_name("deadline", deadline, NULL,
						   NULL);
	if (!strcmp(argv[2], "bad"))
		return cmocka_run_group_tests_name("bad", badin, NULL, NULL);
	if (!strcmp(argv[2], "cli"))
		return cmocka_run_group_tests_name("cli", cli, NULL, NULL);
	fprintf(stderr, "unknown group %s\n", argv[2]);
	return 2;
}
