// SPDX-License-Identifier: GPL-2.0
/* fork + deadline + waitpid; see child.h. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "child.h"
#include "clock.h"
#include "place.h"

char *sb_failed_record(const struct sb_config *cfg, const char *reason,
		       size_t *len)
{
	struct sb_result *r = malloc(sizeof(*r));
	struct sb_user_extra x;
	char *text;

	if (!r)
		return NULL;
	memset(&x, 0, sizeof(x));
	sb_result_init(r, cfg, "user");
	r->status = SB_STATUS_FAILED;
	sb_snprintf(r->reason, sizeof(r->reason), "%s", reason);
	text = sb_record_text(r, &x, len);
	free(r);
	return text;
}

static int sb_write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A test hook set to 1 (every point) or to the point's primitive. */
static int sb_test_hook(const char *name, const struct sb_config *cfg)
{
	const char *v = getenv(name);

	return v && (!strcmp(v, "1") || !strcmp(v, cfg->prim));
}

static void __attribute__((noreturn))
sb_child_main(const struct sb_config *cfg, struct sb_place *place,
	      const struct sb_calib *cal, int fd)
{
	struct sb_result *r = malloc(sizeof(*r));
	struct sb_user_extra x;
	char err[SB_ERR_LEN], *text;
	size_t len;

	if (sb_test_hook("SYNCBENCH_USER_TEST_HANG", cfg))
		for (;;)
			pause();
	if (sb_test_hook("SYNCBENCH_USER_TEST_CRASH", cfg)) {
		/* the default action, even where a sanitizer hooks SIGSEGV */
		signal(SIGSEGV, SIG_DFL);
		raise(SIGSEGV);
	}
	if (!r || sb_run_point(cfg, place, cal, r, &x, err, sizeof(err))) {
		fprintf(stderr, "syncbench-user: point failed: %s\n",
			r ? err : "out of memory");
		_exit(3);
	}
	text = sb_record_text(r, &x, &len);
	if (!text || sb_write_all(fd, text, len))
		_exit(3);
	_exit(0);
}

/* Read the child's record until EOF or the deadline; 1 = deadline hit. */
static int sb_read_until(int fd, sb_u64 deadline, char **buf, size_t *len,
			 size_t *cap)
{
	for (;;) {
		sb_u64 now = sb_mono_ns();
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t n;
		int rc;

		if (now >= deadline)
			return 1;
		rc = poll(&pfd, 1, (int)((deadline - now) / 1000000 + 1));
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc == 0)
			continue;	/* re-check the deadline */
		if (*len + 65536 > *cap) {
			char *nb = realloc(*buf, *cap * 2 + 65536);

			if (!nb)
				return -1;
			*buf = nb;
			*cap = *cap * 2 + 65536;
		}
		n = read(fd, *buf + *len, *cap - *len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		*len += (size_t)n;
	}
}

/* A SIGKILLed point is given this long to die before we stop waiting. */
#define SB_KILL_GRACE_NS 5000000000ULL

/* waitpid with the remaining time; kill at the deadline. 1 = killed. */
static int sb_reap(pid_t pid, sb_u64 deadline, int *status)
{
	int killed = 0;

	for (;;) {
		pid_t w = waitpid(pid, status, WNOHANG);

		if (w == pid)
			return killed;
		if (w < 0 && errno != EINTR)
			return -1;
		if (!killed && sb_mono_ns() >= deadline) {
			kill(pid, SIGKILL);
			killed = 1;
			deadline = sb_mono_ns() + SB_KILL_GRACE_NS;
		} else if (killed && sb_mono_ns() >= deadline) {
			/*
			 * Stuck in the kernel (uninterruptible sleep): do not
			 * hang with it; it dies, and is reaped by init, later.
			 */
			*status = 0;
			return 1;
		}
		usleep(1000);
	}
}

char *sb_child_point(const struct sb_config *cfg, struct sb_place *place,
		     const struct sb_calib *cal, sb_u64 timeout_ms,
		     size_t *len, char *err, size_t errlen)
{
	sb_u64 deadline = sb_mono_ns() + timeout_ms * 1000000ULL;
	size_t n = 0, cap = 0;
	char *buf = NULL, reason[SB_REASON_LEN], perr[SB_ERR_LEN];
	struct sb_result *r;
	int fds[2], status = 0, late, killed;
	pid_t pid, parent;

	if (pipe2(fds, O_CLOEXEC)) {
		sb_snprintf(err, errlen, "pipe: %s", strerror(errno));
		return NULL;
	}
	/*
	 * SIGCHLD ignored (inherited across exec from whoever started us)
	 * would reap the point by itself and waitpid() would fail with
	 * ECHILD: the record lost. We wait for our child ourselves.
	 */
	signal(SIGCHLD, SIG_DFL);
	fflush(NULL);
	parent = getpid();
	pid = fork();
	if (pid < 0) {
		sb_snprintf(err, errlen, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return NULL;
	}
	if (pid == 0) {
		/* A point never outlives the runner that waits for it. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)	/* it died before prctl */
			_exit(3);
		close(fds[0]);
		sb_child_main(cfg, place, cal, fds[1]);
	}
	close(fds[1]);
	late = sb_read_until(fds[0], deadline, &buf, &n, &cap);
	close(fds[0]);
	killed = sb_reap(pid, late ? 0 : deadline, &status);
	if (late < 0 || killed < 0) {
		free(buf);
		sb_snprintf(err, errlen, "reading the point's result: %s",
			    strerror(errno));
		return NULL;
	}
	if (late || killed) {
		sb_snprintf(reason, sizeof(reason), "timeout after %llu ms",
			    (unsigned long long)timeout_ms);
	} else if (WIFSIGNALED(status)) {
		const char *abbr = sigabbrev_np(WTERMSIG(status));

		sb_snprintf(reason, sizeof(reason), "killed by signal SIG%s",
			    abbr ? abbr : "?");
	} else if (WEXITSTATUS(status)) {
		sb_snprintf(reason, sizeof(reason),
			    "point exited with status %d", WEXITSTATUS(status));
	} else {
		/* Only a record that parses is passed on as it is. */
		r = malloc(sizeof(*r));
		if (r && buf && !sb_result_parse(r, buf, n, perr,
						 sizeof(perr))) {
			free(r);
			buf[n] = '\0';
			*len = n;
			return buf;
		}
		sb_snprintf(reason, sizeof(reason),
			    "point wrote no complete record: %s",
			    r ? (buf ? perr : "empty") : "out of memory");
		free(r);
	}
	free(buf);
	buf = sb_failed_record(cfg, reason, len);
	if (!buf)
		sb_snprintf(err, errlen, "out of memory");
	return buf;
}
