// SPDX-License-Identifier: GPL-2.0
/*
 * The user backend: every point runs in a child process, the userspace
 * mirror syncbench-user, so a deadlock or crash in one point is a recorded
 * failure (with a timeout), not a lost matrix. The child dies with us
 * (PR_SET_PDEATHSIG), so killing the driver leaves no runner behind.
 *
 * The figures of a point that belong to its first CPU rather than to its
 * config (the clock's rate, the time-stamp cost, the timed empty section,
 * the bare spin lock: some 50 ms a point, more on a busy machine) are
 * measured once per matrix and CPU, by `--calibrate cpus=N` before the
 * first point, and passed to each point as --calibration (user/calib.h);
 * its record says calibration=matrix. The timed loop's figures are shared
 * likewise by the points of one loop config (user_loop.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <numa.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend/backend.h"
#include "backend/user_loop.h"
#include "util/now.h"
#include "util/util.h"

/*
 * The matrix's calibration of one CPU (see the top of this file). Static,
 * as the backend is: nothing to free on any way out of a run.
 */
struct sb_user_cal {
	unsigned int cpu;
	char arg[256];	/* --calibration's; "": its points measure them */
};

static struct sb_user_cal sb_user_cals[SB_MAX_CPUS];
static int sb_user_ncal;
/* check's --calibrate output: the calibration of the CPU it ran on */
static char sb_user_check_out[4096];

struct sb_child_out {
	char *out;
	size_t outlen;
	char err[512];
	int status;	/* wait status */
	int timed_out;
};

/*
 * Fork and exec argv with its stdout and stderr on two pipes; the child
 * dies with the driver. The child's pid, with fds[0] and fds[1] the read
 * ends of its stdout and stderr; -1 (errno set) when it could not start.
 */
static pid_t sb_child_start(char *const argv[], int interleave, int fds[2])
{
	int out[2], err[2], e;
	pid_t pid;

	if (pipe2(out, O_CLOEXEC))
		return -1;
	if (pipe2(err, O_CLOEXEC)) {
		close(out[0]);
		close(out[1]);
		return -1;
	}
	pid = fork();
	if (!pid) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(out[1], 1);
		dup2(err[1], 2);
		if (interleave && numa_available() >= 0)
			numa_set_interleave_mask(numa_all_nodes_ptr);
		execv(argv[0], argv);
		sb_errf("cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	e = errno;
	close(out[1]);
	close(err[1]);
	if (pid < 0) {
		close(out[0]);
		close(err[0]);
		errno = e;
		return -1;
	}
	fds[0] = out[0];
	fds[1] = err[0];
	return pid;
}

/* All of the child's stdout, kept growing in o->out. */
static void sb_child_keep_out(struct sb_child_out *o, size_t *cap,
			      const char *buf, size_t n)
{
	if (o->outlen + n + 1 > *cap) {
		*cap = (o->outlen + n + 1) * 2;
		o->out = realloc(o->out, *cap);
		if (!o->out)
			abort();
	}
	memcpy(o->out + o->outlen, buf, n);
	o->outlen += n;
	o->out[o->outlen] = '\0';
}

/* The start of the child's stderr, as much as o->err holds. */
static void sb_child_keep_err(struct sb_child_out *o, const char *buf,
			      size_t n)
{
	size_t have = strlen(o->err), room = sizeof(o->err) - 1 - have;

	if (n > room)
		n = room;
	memcpy(o->err + have, buf, n);
	o->err[have + n] = '\0';
}

/* One read from each pipe poll found ready; a pipe at EOF is closed. */
static void sb_child_read(struct pollfd pf[2], int ready,
			  struct sb_child_out *o, size_t *cap)
{
	int i;

	for (i = 0; i < 2 && ready > 0; i++) {
		char buf[4096];
		ssize_t n;

		if (pf[i].fd < 0 || !pf[i].revents)
			continue;
		n = read(pf[i].fd, buf, sizeof(buf));
		if (n <= 0) {
			close(pf[i].fd);
			pf[i].fd = -1;
		} else if (i == 0) {
			sb_child_keep_out(o, cap, buf, (size_t)n);
		} else {
			sb_child_keep_err(o, buf, (size_t)n);
		}
	}
}

/*
 * Read both pipes until EOF on both, the deadline, or a stop (which kill
 * the child and set o->timed_out); the pipes are closed after.
 */
static void sb_child_collect(pid_t pid, const int fds[2], long long deadline,
			     volatile sig_atomic_t *stop,
			     struct sb_child_out *o)
{
	struct pollfd pf[2] = {
		{ .fd = fds[0], .events = POLLIN },
		{ .fd = fds[1], .events = POLLIN },
	};
	size_t cap = 0;

	while (pf[0].fd >= 0 || pf[1].fd >= 0) {
		long long left = deadline - sb_now_ms();
		int r;

		if (left <= 0 || (stop && *stop)) {
			kill(pid, SIGKILL);
			o->timed_out = 1;
			break;
		}
		r = poll(pf, 2, (int)(left > 1000 ? 1000 : left));
		if (r < 0 && errno != EINTR)
			break;
		sb_child_read(pf, r, o, &cap);
	}
	if (pf[0].fd >= 0)
		close(pf[0].fd);
	if (pf[1].fd >= 0)
		close(pf[1].fd);
}

/*
 * Both pipes at EOF is not an exit: a runner that closed them can still
 * hang, so the deadline holds until it is reaped.
 */
static void sb_child_reap(pid_t pid, long long deadline,
			  volatile sig_atomic_t *stop, struct sb_child_out *o)
{
	for (;;) {
		pid_t w = waitpid(pid, &o->status, o->timed_out ? 0 : WNOHANG);

		if (w == pid || (w < 0 && errno != EINTR))
			break;
		if (!o->timed_out && (sb_now_ms() >= deadline ||
				      (stop && *stop))) {
			kill(pid, SIGKILL);
			o->timed_out = 1;
		} else if (!w) {
			usleep(1000);
		}
	}
}

/*
 * Run argv with stdout and stderr captured; kill it after timeout_ms.
 * interleave: set the NUMA interleave policy in the child, inherited by exec.
 */
static int sb_spawn(char *const argv[], long long timeout_ms, int interleave,
		    volatile sig_atomic_t *stop, struct sb_child_out *o)
{
	long long deadline = sb_now_ms() + timeout_ms;
	int fds[2];
	pid_t pid;

	memset(o, 0, sizeof(*o));
	pid = sb_child_start(argv, interleave, fds);
	if (pid < 0)
		return -1;
	sb_child_collect(pid, fds, deadline, stop, o);
	sb_child_reap(pid, deadline, stop, o);
	/* First line of stderr only: the runner's one-line reason. */
	o->err[strcspn(o->err, "\n")] = '\0';
	return 0;
}

/*
 * The lowest CPU this process may run on, as cpus=N (-1: unknown): where
 * check calibrates, since a matrix's points most often start there, and
 * then start() has that CPU's calibration already.
 */
static int sb_user_lowest_cpu(char *arg, size_t len)
{
	cpu_set_t mask;
	int i;

	if (sched_getaffinity(0, sizeof(mask), &mask))
		return -1;
	for (i = 0; i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &mask)) {
			snprintf(arg, len, "cpus=%d", i);
			return i;
		}
	return -1;
}

static int sb_user_check(struct sb_backend *b, json_t *details, char *err,
			 size_t errlen)
{
	const char *runner = sb_user_runner();
	char *argv[4] = { (char *)runner, NULL, NULL, NULL }, cpus[32];
	struct sb_child_out o;
	json_t *prims = json_array(), *cal = NULL;
	unsigned int i;

	if (access(runner, X_OK)) {
		snprintf(err, errlen,
			 "user backend: %s not found: build it (cmake --build build --target "
			 "syncbench-user) or set SYNCBENCH_USER",
			 runner);
		goto fail;
	}
	argv[1] = "--list-prims";
	if (sb_spawn(argv, 30000, 0, NULL, &o) || !WIFEXITED(o.status) ||
	    WEXITSTATUS(o.status) || !o.out) {
		snprintf(err, errlen, "user backend: `%s --list-prims` failed: %s",
			 runner, o.err);
		free(o.out);
		goto fail;
	}
	if (sb_prim_set_parse(&b->prims, o.out, runner, err, errlen)) {
		free(o.out);
		goto fail;
	}
	free(o.out);
	for (i = 0; i < SB_NR_PRIMS; i++)
		if (b->prims.has[i])
			json_array_append_new(prims,
					      json_string(sb_prim_infos[i].name));
	argv[1] = "--calibrate";
	if (sb_user_lowest_cpu(cpus, sizeof(cpus)) >= 0)
		argv[2] = cpus;
	if (!sb_spawn(argv, 60000, 0, NULL, &o) && WIFEXITED(o.status) &&
	    !WEXITSTATUS(o.status) && o.out)
		cal = sb_kv_json(o.out);
	/* start() may use it for the points on the CPU it ran on */
	snprintf(sb_user_check_out, sizeof(sb_user_check_out), "%s",
		 cal && o.outlen < sizeof(sb_user_check_out) ? o.out : "");
	sb_user_ncal = 0;
	free(o.out);
	if (!cal)
		cal = json_object();
	json_object_set_new(details, "runner", json_string(runner));
	json_object_set_new(details, "prims", prims);
	json_object_set_new(details, "calibration", cal);
	b->emulated = 0;
	return 0;
fail:
	json_decref(prims);
	json_decref(cal);
	return -1;
}

/* The runner's first CPU for a point: the lowest of its cpus (-1: none). */
static int sb_user_first_cpu(const struct sb_point *p)
{
	struct sb_config cfg;
	char err[256];

	sb_config_default(&cfg, SB_SIDE_USER);
	if (sb_config_parse(&cfg, p->config, strlen(p->config), SB_SIDE_USER,
			    err, sizeof(err)))
		return -1;
	return sb_config_next_cpu(&cfg, -1);
}

/* --calibration's argument from --calibrate's output; "": a key missing. */
static void sb_user_cal_arg(const char *out, char *arg, size_t len)
{
	static const char *const keys[] = {
		"cpu", "clock", "tsc_khz", "timestamp_ps", "harness_ns",
		"spin_lock_unlock_ps",
	};
	size_t n = 0, vl, i;
	const char *v;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (sb_kv_find(out, keys[i], &v, &vl) ||
		    n + strlen(keys[i]) + vl + 3 > len) {
			*arg = '\0';
			return;
		}
		n += (size_t)snprintf(arg + n, len - n, "%s%s=%.*s",
				      i ? "," : "", keys[i], (int)vl, v);
	}
}

/* Whether check's --calibrate ran on @cpu: then it is that CPU's too. */
static int sb_user_check_ran_on(const char *out, int cpu)
{
	char want[32];
	const char *v;
	size_t vl;

	snprintf(want, sizeof(want), "%d", cpu);
	return !sb_kv_find(out, "cpu", &v, &vl) &&
	       vl == strlen(want) && !strncmp(v, want, vl);
}

/* One CPU's calibration: check's, or `--calibrate cpus=CPU` now. */
static void sb_user_calibrate(struct sb_backend *b, int cpu,
			      struct sb_user_cal *c)
{
	char cpus[32], *argv[4] = { (char *)sb_user_runner(), "--calibrate",
				    cpus, NULL };
	struct sb_child_out o = { 0 };
	const char *out = sb_user_check_out;

	c->cpu = (unsigned int)cpu;
	snprintf(cpus, sizeof(cpus), "cpus=%d", cpu);
	if (!sb_user_check_ran_on(out, cpu)) {
		out = NULL;
		if (!sb_spawn(argv, 60000, 0, b->opts->stop, &o) &&
		    !o.timed_out && WIFEXITED(o.status) &&
		    !WEXITSTATUS(o.status) && o.out)
			out = o.out;
	}
	*c->arg = '\0';
	if (out)
		sb_user_cal_arg(out, c->arg, sizeof(c->arg));
	free(o.out);
}

/* The calibration of @cpu, once measured; NULL if not (yet). */
static struct sb_user_cal *sb_user_cal_of(int cpu)
{
	int i;

	for (i = 0; i < sb_user_ncal; i++)
		if (sb_user_cals[i].cpu == (unsigned int)cpu)
			return &sb_user_cals[i];
	return NULL;
}

/* Calibrate every CPU some point starts on, once for the whole matrix. */
static int sb_user_start(struct sb_backend *b, const struct sb_task *tasks,
			 int ntasks, char *err, size_t errlen)
{
	int i, cpu;

	(void)err, (void)errlen;
	sb_user_ncal = 0;
	sb_user_loop_reset();
	for (i = 0; i < ntasks && !(b->opts->stop && *b->opts->stop); i++) {
		cpu = sb_user_first_cpu(tasks[i].point);
		if (cpu < 0 || sb_user_cal_of(cpu))
			continue;
		sb_user_calibrate(b, cpu, &sb_user_cals[sb_user_ncal++]);
	}
	return 0;
}

static int sb_user_run_point(struct sb_backend *b, const struct sb_point *p,
			     int repeat, char **text, char *reason,
			     size_t reasonlen)
{
	char *argv[64], *cfg = strdup(p->config), *save, *kv, tmo[32];
	unsigned long long own = 0, dur = 0, wu = 0;
	struct sb_user_cal *cal = sb_user_cal_of(sb_user_first_cpu(p));
	const char *loop = sb_user_loop_arg(p);
	struct sb_child_out o;
	int argc = 0;

	(void)repeat;
	if (!cfg)
		abort();
	sscanf(strstr(p->config, "duration_ms=") ?: "", "duration_ms=%llu",
	       &dur);
	sscanf(strstr(p->config, "warmup_ms=") ?: "", "warmup_ms=%llu", &wu);
	own = dur + wu + b->opts->timeout_ms;
	snprintf(tmo, sizeof(tmo), "%llu", own);
	argv[argc++] = (char *)sb_user_runner();
	argv[argc++] = "--timeout-ms";
	argv[argc++] = tmo;
	if (cal && *cal->arg) {
		argv[argc++] = "--calibration";
		argv[argc++] = cal->arg;
	}
	if (loop) {
		argv[argc++] = "--loop";
		argv[argc++] = (char *)loop;
	}
	for (kv = strtok_r(cfg, " \n", &save); kv && argc < 62;
	     kv = strtok_r(NULL, " \n", &save))
		argv[argc++] = kv;
	argv[argc] = NULL;
	*text = NULL;
	/* The runner's own watchdog first; ours 5 s later as a backstop. */
	if (sb_spawn(argv, (long long)own + 5000,
		     p->mem.kind == SB_MEM_INTERLEAVE, b->opts->stop, &o)) {
		snprintf(reason, reasonlen, "cannot start %s: %s", argv[0],
			 strerror(errno));
		free(cfg);
		return -1;
	}
	free(cfg);
	if (o.timed_out)
		snprintf(reason, reasonlen,
			 "timeout: no result after %llu ms; runner killed", own + 5000);
	else if (WIFSIGNALED(o.status))
		snprintf(reason, reasonlen, "runner killed by signal %d (%s)",
			 WTERMSIG(o.status), strsignal(WTERMSIG(o.status)));
	else if (WEXITSTATUS(o.status) == 0 && o.outlen) {
		*text = o.out;
		sb_user_loop_note(p, o.out);
		return 0;
	} else if (WEXITSTATUS(o.status) == 2)
		snprintf(reason, reasonlen, "runner rejected the point: %s",
			 o.err);
	else
		snprintf(reason, reasonlen, "runner failed (exit %d): %s",
			 WEXITSTATUS(o.status), o.err);
	free(o.out);
	return -1;
}

/* meta.json: the figures the points' --calibration came from, by CPU. */
static void sb_user_stop(struct sb_backend *b, json_t *details)
{
	json_t *by_cpu = json_object();
	char name[32], text[sizeof(sb_user_cals[0].arg)], *c;
	int i;

	(void)b;
	for (i = 0; i < sb_user_ncal; i++) {
		if (!*sb_user_cals[i].arg)
			continue;
		/* the argument's key=value pairs, as lines for sb_kv_json */
		snprintf(text, sizeof(text), "%s", sb_user_cals[i].arg);
		for (c = strchr(text, ','); c; c = strchr(c, ','))
			*c = '\n';
		snprintf(name, sizeof(name), "%u", sb_user_cals[i].cpu);
		json_object_set_new(by_cpu, name, sb_kv_json(text));
	}
	if (details)
		json_object_set_new(details, "point_calibration", by_cpu);
	else
		json_decref(by_cpu);
}

struct sb_backend sb_backend_user = {
	.name = "user",
	.desc = &sb_backend_descs[0],
	.check = sb_user_check,
	.start = sb_user_start,
	.run_point = sb_user_run_point,
	.stop = sb_user_stop,
};
