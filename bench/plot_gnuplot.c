// SPDX-License-Identifier: GPL-2.0
/* Running gnuplot on the chart scripts; see plot_gnuplot.h. */
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
#include "plot_gnuplot.h"
#include "plot_store.h"

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

/* The first line of the log that says what went wrong, for the note. */
static void first_error(const char *log, char *note, size_t notelen)
{
	char line[512], last[512] = "";
	FILE *f = fopen(log, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!*line)
			continue;
		if (strstr(line, "rror")) {
			sb_snprintf(note, notelen, "gnuplot: %s (see %s)", line,
				 log);
			fclose(f);
			return;
		}
		memcpy(last, line, sizeof(last));
	}
	fclose(f);
	if (*last)
		sb_snprintf(note, notelen, "gnuplot: %s (see %s)", last, log);
}

static long long sb_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Wait for pid until deadline_ms (CLOCK_MONOTONIC; < 0: forever). 1 when
 * it was reaped (*status filled), 0 at the deadline, -1 on an error.
 */
static int sb_wait_until(pid_t pid, int *status, long long deadline_ms)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };

	for (;;) {
		pid_t w = waitpid(pid, status, deadline_ms < 0 ? 0 : WNOHANG);

		if (w == pid)
			return 1;
		if (w < 0 && errno != EINTR)
			return -1;
		if (w == 0) {
			if (sb_mono_ms() >= deadline_ms)
				return 0;
			nanosleep(&tick, NULL);
		}
	}
}

int sb_gnuplot_run(const char *gnuplot, const char *vars, const char *script,
		   const char *log, unsigned int timeout_s, char *note,
		   size_t notelen)
{
	int fd, status, got;
	long long deadline;
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
		dup2(fd, 1);
		dup2(fd, 2);
		execl(gnuplot, "gnuplot", vars, script, (char *)NULL);
		dprintf(2, "exec %s: %s\n", gnuplot, strerror(errno));
		_exit(127);
	}
	close(fd);
	setpgid(pid, pid);	/* also here: no race with the child's */
	deadline = sb_mono_ms() + (long long)timeout_s * 1000;
	got = sb_wait_until(pid, &status, deadline);
	if (!got) {
		kill(-pid, SIGTERM);
		if (!sb_wait_until(pid, &status, sb_mono_ms() + 1000)) {
			kill(-pid, SIGKILL);
			sb_wait_until(pid, &status, -1);
		}
		kill(-pid, SIGKILL);	/* anything it left behind */
		sb_snprintf(note, notelen,
			    "gnuplot timed out after %u s and was killed (see %s)",
			    timeout_s, log);
		return -1;
	}
	if (got < 0) {
		sb_snprintf(note, notelen, "waitpid: %s", strerror(errno));
		return -1;
	}
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	if (WIFEXITED(status))
		sb_snprintf(note, notelen, "gnuplot exited with %d (see %s)",
			    WEXITSTATUS(status), log);
	else
		sb_snprintf(note, notelen, "gnuplot killed by signal SIG%s (see %s)",
			    sigabbrev_np(WTERMSIG(status)) ?
			    sigabbrev_np(WTERMSIG(status)) : "?", log);
	first_error(log, note, notelen);
	return -1;
}
