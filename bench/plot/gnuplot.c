// SPDX-License-Identifier: GPL-2.0
/* Running gnuplot on the chart scripts; see gnuplot.h. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sb_config.h"
#include "plot/gnuplot.h"
#include "store/load.h"
#include "util/now.h"

/* after the timeout: SIGTERM, then SIGKILL this much later */
#define SB_GNUPLOT_GRACE_MS 1000
/* how long a SIGKILLed gnuplot may take to go (it may be stuck in I/O) */
#define SB_GNUPLOT_KILL_WAIT_MS 5000

/* A file that every scripts directory has. */
#define SB_PLOTS_MARKER "common.gp"

int sb_gnuplot_find(char *path, size_t len, char *err, size_t errlen)
{
	const char *env = getenv("SYNCBENCH_GNUPLOT"), *p, *end;
	char cand[PATH_MAX];

	if (env && *env) {
		if (!access(env, X_OK))
			return sb_strscpy(path, env, len);
		sb_snprintf(err, errlen, "SYNCBENCH_GNUPLOT=%s: %s", env,
			 strerror(errno));
		return -1;
	}
	for (p = getenv("PATH"); p && *p; p = *end ? end + 1 : end) {
		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		if (end == p)
			continue;
		sb_snprintf(cand, sizeof(cand), "%.*s/gnuplot",
			    (int)(end - p), p);
		if (!access(cand, X_OK))
			return sb_strscpy(path, cand, len);
	}
	sb_snprintf(err, errlen, "gnuplot not found in PATH: install it "
		 "(Debian: apt-get install gnuplot-nox)");
	return -1;
}

static int is_plots_dir(const char *dir)
{
	char p[PATH_MAX + 128];
	struct stat st;

	sb_snprintf(p, sizeof(p), "%s/%s", dir, SB_PLOTS_MARKER);
	return !stat(p, &st) && S_ISREG(st.st_mode);
}

int sb_plots_dir(char *dir, size_t len, char *err, size_t errlen)
{
	static const char *const rel[] = {
		"../../plots", "../share/syncbench/plots", "../plots",
	};
	const char *env = getenv("SYNCBENCH_PLOTS_DIR");
	char exe[PATH_MAX], cand[PATH_MAX + 64], *d;
	ssize_t n;
	size_t i;

	if (env && *env) {
		if (is_plots_dir(env))
			return sb_strscpy(dir, env, len);
		sb_snprintf(err, errlen, "SYNCBENCH_PLOTS_DIR=%s: no %s there",
			 env, SB_PLOTS_MARKER);
		return -1;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		d = dirname(exe);
		for (i = 0; i < SB_ARRAY_SIZE(rel); i++) {
			sb_snprintf(cand, sizeof(cand), "%s/%s", d, rel[i]);
			if (is_plots_dir(cand))
				return sb_strscpy(dir, cand, len);
		}
	}
#ifdef SB_SOURCE_DIR
	if (is_plots_dir(SB_SOURCE_DIR "/plots"))
		return sb_strscpy(dir, SB_SOURCE_DIR "/plots", len);
#endif
	if (is_plots_dir("plots"))
		return sb_strscpy(dir, "plots", len);
	sb_snprintf(err, errlen,
		    "the gnuplot scripts (plots/%s) were not found "
		 "beside the binary or in ./plots; set SYNCBENCH_PLOTS_DIR",
		 SB_PLOTS_MARKER);
	return -1;
}

/*
 * The line of the log that says what went wrong: the first that mentions an
 * error, else the last one; "" when the log is empty.
 */
static void first_error(const char *log, char *out, size_t outlen)
{
	char line[512];
	FILE *f = fopen(log, "r");

	*out = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!*line)
			continue;
		sb_strscpy(out, line, outlen);
		if (strstr(line, "rror"))
			break;
	}
	fclose(f);
}

/*
 * Wait for pid to end until deadline_ms (CLOCK_MONOTONIC; < 0: forever).
 * It is left unreaped (WNOWAIT): while it is a zombie its pid, and so its
 * process group id, cannot be reused, and kill(-pid) reaches only what it
 * started. 1 when it has ended, 0 at the deadline, -1 on an error.
 */
static int sb_wait_until(pid_t pid, long long deadline_ms)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	int flags = WEXITED | WNOWAIT | (deadline_ms < 0 ? 0 : WNOHANG);
	siginfo_t si;

	for (;;) {
		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, (id_t)pid, &si, flags) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (si.si_pid == pid)
			return 1;
		if (sb_now_ms() >= deadline_ms)
			return 0;
		nanosleep(&tick, NULL);
	}
}

/* Reap pid, which sb_wait_until() saw end. */
static int sb_reap(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return 0;
}

/*
 * After the timeout: SIGTERM to the group (and SIGCONT, so that a stopped
 * one acts on it), SIGKILL after a grace period. 1 when it ended, 0 when
 * even SIGKILL did not end it in time (stuck in the kernel), -1 on an error.
 */
static int sb_gnuplot_stop(pid_t pid)
{
	int got;

	kill(-pid, SIGTERM);
	kill(-pid, SIGCONT);
	got = sb_wait_until(pid, sb_now_ms() + SB_GNUPLOT_GRACE_MS);
	if (got)
		return got;
	kill(-pid, SIGKILL);
	return sb_wait_until(pid, sb_now_ms() + SB_GNUPLOT_KILL_WAIT_MS);
}

static void sig_name(int sig, char *buf, size_t len)
{
	const char *abbrev = sigabbrev_np(sig);

	if (abbrev)
		sb_snprintf(buf, len, "SIG%s", abbrev);
	else
		sb_snprintf(buf, len, "%d", sig);
}

/*
 * Start gnuplot on vars and script, stdout and stderr into log, stdin on
 * /dev/null, in a process group of its own; its pid, or -1 with note.
 */
static pid_t sb_gnuplot_start(const char *gnuplot, const char *cwd,
			      const char *vars, const char *script,
			      const char *log, char *note, size_t notelen)
{
	int fd;
	pid_t pid;

	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		sb_snprintf(note, notelen, "%s: %s", log, strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		sb_snprintf(note, notelen, "fork: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!pid) {
		int in = open("/dev/null", O_RDONLY | O_CLOEXEC);

		/* its own group: a timeout kills whatever it started too */
		setpgid(0, 0);
		/* never waiting on a terminal (`pause -1`, a prompt) */
		if (in >= 0)
			dup2(in, 0);
		else
			close(0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (cwd && chdir(cwd)) {
			dprintf(2, "chdir %s: %s\n", cwd, strerror(errno));
			_exit(127);
		}
		execl(gnuplot, "gnuplot", vars, script, (char *)NULL);
		dprintf(2, "exec %s: %s\n", gnuplot, strerror(errno));
		_exit(127);
	}
	close(fd);
	setpgid(pid, pid);	/* also here: no race with the child's */
	return pid;
}

/*
 * Wait for gnuplot until its timeout, then stop it; reap it into *status.
 * 0, or -1 with note (timed out, or could not be waited for).
 */
static int sb_gnuplot_wait(pid_t pid, unsigned int timeout_s, const char *log,
			   int *status, char *note, size_t notelen)
{
	int got, timed_out = 0;

	got = sb_wait_until(pid, sb_now_ms() + (long long)timeout_s * 1000);
	if (!got) {
		timed_out = 1;
		got = sb_gnuplot_stop(pid);
	}
	if (got < 0) {
		sb_snprintf(note, notelen, "waitid: %s", strerror(errno));
		return -1;
	}
	/* whatever it started and left running ends with it */
	kill(-pid, SIGKILL);
	if (!got) {
		/* in uninterruptible sleep: reported, not waited for forever */
		sb_snprintf(note, notelen,
			    "gnuplot timed out after %u s and survived SIGKILL "
			    "(pid %d left behind; see %s)", timeout_s, (int)pid,
			    log);
		return -1;
	}
	if (sb_reap(pid, status)) {
		sb_snprintf(note, notelen, "waitpid: %s", strerror(errno));
		return -1;
	}
	if (timed_out) {
		sb_snprintf(note, notelen,
			    "gnuplot timed out after %u s and was killed (see %s)",
			    timeout_s, log);
		return -1;
	}
	return 0;
}

/* Why gnuplot failed (status: its wait status, not a success), into note. */
static void sb_gnuplot_why(int status, const char *log, char *note,
			   size_t notelen)
{
	char line[200], sig[32];

	first_error(log, line, sizeof(line));
	if (WIFSIGNALED(status)) {
		/* the signal first: it is the cause, the log only a clue */
		sig_name(WTERMSIG(status), sig, sizeof(sig));
		if (*line)
			sb_snprintf(note, notelen,
				    "gnuplot killed by signal %s (its last words: "
				    "%s; see %s)", sig, line, log);
		else
			sb_snprintf(note, notelen,
				    "gnuplot killed by signal %s (see %s)", sig,
				    log);
	} else if (*line) {
		sb_snprintf(note, notelen, "gnuplot: %s (see %s)", line, log);
	} else {
		sb_snprintf(note, notelen, "gnuplot exited with %d (see %s)",
			    WEXITSTATUS(status), log);
	}
}

int sb_gnuplot_run(const char *gnuplot, const char *cwd, const char *vars,
		   const char *script,
		   const char *log, unsigned int timeout_s, char *note,
		   size_t notelen)
{
	int status;
	pid_t pid;

	pid = sb_gnuplot_start(gnuplot, cwd, vars, script, log, note, notelen);
	if (pid < 0)
		return -1;
	if (sb_gnuplot_wait(pid, timeout_s, log, &status, note, notelen))
		return -1;
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	sb_gnuplot_why(status, log, note, notelen);
	return -1;
}
