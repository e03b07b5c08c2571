// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel backend: this machine's module through debugfs. Also what the
 * guest runner uses inside the VM (guest.c), so both paths are one code.
 *
 * Each point writes the complete config (defaults first, so nothing of an
 * earlier point's --set keys leaks into the next), triggers `run`, and reads
 * `result`. A run that outlives its timeout is interrupted with SIGALRM: the
 * module then returns -EINTR and leaves an aborted record, which we keep.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "backend/backend.h"
#include "backend/kdebug.h"
#include "sb_result.h"

static const char *sb_debugfs(void)
{
	const char *e = getenv("SYNCBENCH_DEBUGFS");

	return e && *e ? e : "/sys/kernel/debug/syncbench";
}

static char *sb_read_file(const char *name, size_t *len, int *err)
{
	char path[512], *buf = NULL;
	size_t n = 0, cap = 0;
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", sb_debugfs(), name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 1);
			if (!buf)
				abort();
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	*err = r < 0 ? errno : 0;
	close(fd);
	if (r < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int sb_write_file(const char *name, const char *text, size_t len)
{
	char path[512];
	ssize_t w;
	int fd, e;

	snprintf(path, sizeof(path), "%s/%s", sb_debugfs(), name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	w = write(fd, text, len);
	e = errno;
	close(fd);
	return w < 0 ? -e : 0;
}

int sb_kernel_check(struct sb_prim_set *prims, char *version, size_t vlen,
		    char *err, size_t errlen)
{
	char want[64], *buf;
	size_t len;
	struct stat st;
	int e;

	if (stat(sb_debugfs(), &st)) {
		if (stat("/sys/kernel/debug/tracing", &st) &&
		    !getenv("SYNCBENCH_DEBUGFS"))
			snprintf(err, errlen,
				 "kernel backend: debugfs is not mounted: mount -t debugfs none "
				 "/sys/kernel/debug, then load the module");
		else
			snprintf(err, errlen,
				 "kernel backend: the syncbench module is not loaded (no %s): "
				 "insmod build/kmod/syncbench.ko (cmake --build build --target "
				 "kmod), or use --backend vm",
				 sb_debugfs());
		return -1;
	}
	buf = sb_read_file("version", &len, &e);
	if (!buf) {
		snprintf(err, errlen, "kernel backend: cannot read %s/version: %s",
			 sb_debugfs(), strerror(e));
		return -1;
	}
	buf[strcspn(buf, "\n")] = '\0';
	snprintf(version, vlen, "%s", buf);
	snprintf(want, sizeof(want), "syncbench %s result_schema=%d",
		 SB_VERSION, SB_RESULT_SCHEMA);
	if (strcmp(buf, want)) {
		snprintf(err, errlen,
			 "kernel backend: the loaded module says '%s', this driver needs '%s': "
			 "rmmod syncbench and insmod the module of this build",
			 buf, want);
		free(buf);
		return -1;
	}
	free(buf);
	buf = sb_read_file("prims", &len, &e);
	if (!buf) {
		snprintf(err, errlen, "kernel backend: cannot read %s/prims: %s",
			 sb_debugfs(), strerror(e));
		return -1;
	}
	e = sb_prim_set_parse(prims, buf, "the loaded module", err, errlen);
	free(buf);
	return e;
}

char *sb_kernel_calibrate(char *err, size_t errlen)
{
	size_t len;
	char *buf;
	int e;

	buf = sb_read_file("calibrate", &len, &e);
	if (!buf)
		snprintf(err, errlen, "cannot read %s/calibrate: %s",
			 sb_debugfs(), strerror(e));
	return buf;
}

/*
 * The module gives the reason for -EINVAL in the kernel log only: fetch its
 * last "syncbench: " line from /dev/kmsg (root, which we are) so the record
 * says why.
 */
static void sb_last_kmsg(char *out, size_t len)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	char rec[1024];
	ssize_t n;

	*out = '\0';
	if (fd < 0)
		return;
	while ((n = read(fd, rec, sizeof(rec) - 1)) > 0 || (n < 0 &&
								 errno == EPIPE)) {
		char *msg;

		if (n <= 0)
			continue;	/* EPIPE: records were overwritten */
		rec[n] = '\0';
		msg = strchr(rec, ';');
		if (!msg || !strstr(msg, "syncbench: "))
			continue;
		msg = strstr(msg, "syncbench: ") + 11;
		msg[strcspn(msg, "\n")] = '\0';
		snprintf(out, len, "%s", msg);
	}
	close(fd);
}

static volatile sig_atomic_t sb_alarm_fired;

static void sb_alarm(int sig)
{
	(void)sig;	/* here to interrupt the blocking write */
	sb_alarm_fired = 1;
}

/* The complete config (every key, defaults filled in) to the module. */
static int sb_kernel_send_config(const char *config, struct sb_config *cfg,
				 char *reason, size_t reasonlen)
{
	char why[SB_ERR_LEN], full[SB_CONFIG_TEXT_MAX], kmsg[256];
	int rc;

	sb_config_default(cfg, SB_SIDE_KERNEL);
	if (sb_config_parse(cfg, config, strlen(config), SB_SIDE_KERNEL, why,
			    sizeof(why))) {
		snprintf(reason, reasonlen, "bad config: %s", why);
		return -1;
	}
	sb_config_print(cfg, SB_SIDE_KERNEL, full, sizeof(full));
	rc = sb_write_file("config", full, strlen(full));
	if (!rc)
		return 0;
	sb_last_kmsg(kmsg, sizeof(kmsg));
	if (*kmsg)
		snprintf(reason, reasonlen, "module rejected the config: %s",
			 kmsg);
	else
		snprintf(reason, reasonlen,
			 "module rejected the config (%s); the reason is in the kernel log "
			 "(dmesg | grep syncbench)",
			 strerror(-rc));
	return -1;
}

/*
 * write(run) under a SIGALRM after timeout_ms; its result, -EINTR when the
 * alarm (or another signal) interrupted it.
 */
static int sb_kernel_timed_run(unsigned long long timeout_ms)
{
	struct sigaction sa = { .sa_handler = sb_alarm }, old;
	struct itimerval it = { 0 };
	int rc;

	/* No SA_RESTART: the alarm must make write(run) return -EINTR. */
	sigemptyset(&sa.sa_mask);
	sb_alarm_fired = 0;
	sigaction(SIGALRM, &sa, &old);
	it.it_value.tv_sec = (time_t)(timeout_ms / 1000);
	it.it_value.tv_usec = (suseconds_t)(timeout_ms % 1000) * 1000;
	setitimer(ITIMER_REAL, &it, NULL);
	rc = sb_write_file("run", "1\n", 2);
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	sigaction(SIGALRM, &old, NULL);
	return rc;
}

/*
 * Our timeout, not a user's signal: the module's aborted record says
 * "interrupted by a signal"; say which (the last reason= line is the one
 * kept). text is the record, len its length (> 0); returns it, grown.
 */
static char *sb_kernel_note_timeout(char *text, size_t len,
				    unsigned long long timeout_ms)
{
	char add[160];
	int n = snprintf(add, sizeof(add),
			 "%sreason=timeout: no result within %llu ms; run interrupted\n",
			 text[len - 1] == '\n' ? "" : "\n", timeout_ms);
	char *t = realloc(text, len + (size_t)n + 1);

	if (!t)
		abort();
	memcpy(t + len, add, (size_t)n + 1);
	return t;
}

/*
 * Does the record's config echo say the module ran @sent? Another writer
 * of `config` between our write and our `run` (a second driver, an echo
 * by hand) makes the module run its config, and the record would be
 * stored under this point's id. Each echoed key is compared by value (as
 * the common table formats it); a key the echo lacks is not judged.
 * 1: it did; 0: it did not, the first difference in diff.
 */
static int sb_kernel_echo_matches(const struct sb_config *sent,
				  const char *text, size_t len, char *diff,
				  size_t difflen)
{
	struct sb_config echo = *sent;
	const char *pos = text, *end = text + len, *k, *v;
	char why[SB_ERR_LEN], a[256], b[256];
	size_t kl, vl;

	while (sb_kv_next(&pos, end, &k, &kl, &v, &vl)) {
		const struct sb_key *ck = sb_key_find(k, kl, SB_SIDE_KERNEL);

		if (!ck)
			continue;
		if (sb_config_parse_keys(&echo, k, kl + 1 + vl,
					 SB_SIDE_KERNEL, why, sizeof(why))) {
			snprintf(diff, difflen, "its echo of %s: %s",
				 ck->name, why);
			return 0;
		}
		sb_config_format_key(sent, ck, a, sizeof(a));
		sb_config_format_key(&echo, ck, b, sizeof(b));
		if (strcmp(a, b)) {
			snprintf(diff, difflen, "%s=%s, not %s", ck->name, b,
				 a);
			return 0;
		}
	}
	return 1;
}

int sb_kernel_run_config(const char *config, unsigned long long timeout_ms,
			 char **text, char *reason, size_t reasonlen)
{
	struct sb_config sent;
	char diff[600];
	size_t len;
	int rc, e, window;

	*text = NULL;
	if (sb_kernel_send_config(config, &sent, reason, reasonlen))
		return -1;
	/* The run's window in the kernel log, for KCSAN's reports. */
	window = sb_kdebug_window_open();
	rc = sb_kernel_timed_run(timeout_ms);
	if (rc && rc != -EINTR) {
		char kmsg[SB_REASON_LEN] = "";

		/* why it refused (-ENOMEM: the run does not fit) is logged */
		if (rc == -ENOMEM || rc == -EINVAL)
			sb_last_kmsg(kmsg, sizeof(kmsg));
		snprintf(reason, reasonlen, "module refused the run: %s%s%s%s",
			 strerror(-rc), rc == -EBUSY ?
			 " (another run is in progress)" : "",
			 *kmsg ? ": " : "", kmsg);
		if (window >= 0)
			close(window);
		return -1;
	}
	*text = sb_read_file("result", &len, &e);
	if (!*text || !len) {
		free(*text);
		*text = NULL;
		snprintf(reason, reasonlen, "%s; no result from the module: %s",
			 rc ? "timeout: run interrupted" : "run finished",
			 e ? strerror(e) : "empty");
		if (window >= 0)
			close(window);
		return -1;
	}
	if (!sb_kernel_echo_matches(&sent, *text, len, diff, sizeof(diff))) {
		free(*text);
		*text = NULL;
		snprintf(reason, reasonlen,
			 "the module ran another config (%s): another writer "
			 "changed %s/config during the point",
			 diff, sb_debugfs());
		return -1;
	}
	if (rc == -EINTR && sb_alarm_fired)
		*text = sb_kernel_note_timeout(*text, len, timeout_ms);
	*text = sb_kdebug_annotate(*text, strlen(*text), window);
	return 0;
}

/* The module's bare primitives beside the runs, in meta.json. */
static void sb_kernel_add_calibration(json_t *details)
{
	char err[256], *text = sb_kernel_calibrate(err, sizeof(err));

	if (!text) {
		json_object_set_new(details, "calibration_error",
				    json_string(err));
		return;
	}
	json_object_set_new(details, "calibration", sb_kv_json(text));
	free(text);
}

static int sb_kernel_bcheck(struct sb_backend *b, json_t *details, char *err,
			    size_t errlen)
{
	char version[128];

	if (sb_kernel_check(&b->prims, version, sizeof(version),
			    err, errlen))
		return -1;
	json_object_set_new(details, "module_version", json_string(version));
	json_object_set_new(details, "debugfs", json_string(sb_debugfs()));
	sb_kernel_add_calibration(details);
	b->emulated = 0;
	return 0;
}

/* The debugfs directory, held (flock) from start to stop; -1: none. */
static int sb_kernel_hold_fd = -1;

/*
 * Hold the module for the matrix: an exclusive flock on its debugfs
 * directory, so that a second syncbench (the likeliest other writer)
 * cannot interleave its configs with ours; it is refused at its start
 * instead. A writer that takes no lock (an echo by hand) is still caught
 * per point by the config echo (sb_kernel_echo_matches).
 */
static int sb_kernel_start(struct sb_backend *b, const struct sb_task *tasks,
			   int ntasks, char *err, size_t errlen)
{
	(void)b, (void)tasks, (void)ntasks;
	sb_kernel_hold_fd = open(sb_debugfs(), O_RDONLY | O_DIRECTORY |
				 O_CLOEXEC);
	if (sb_kernel_hold_fd < 0)
		return 0;	/* the points will say why */
	if (!flock(sb_kernel_hold_fd, LOCK_EX | LOCK_NB))
		return 0;
	snprintf(err, errlen,
		 "another process holds the module (%s: %s): another syncbench "
		 "run is using it; wait for it to finish",
		 sb_debugfs(), errno == EWOULDBLOCK ? "locked" :
		 strerror(errno));
	close(sb_kernel_hold_fd);
	sb_kernel_hold_fd = -1;
	return -1;
}

static int sb_kernel_run_point(struct sb_backend *b, const struct sb_point *p,
			       int repeat, char **text, char *reason,
			       size_t reasonlen)
{
	struct sb_config cfg;
	char why[SB_ERR_LEN];

	(void)repeat;
	sb_config_default(&cfg, SB_SIDE_KERNEL);
	sb_config_parse(&cfg, p->config, strlen(p->config), SB_SIDE_KERNEL,
			why, sizeof(why));
	return sb_kernel_run_config(p->config, cfg.duration_ms +
				    cfg.warmup_ms + b->opts->timeout_ms,
				    text, reason, reasonlen);
}

static void sb_kernel_stop(struct sb_backend *b, json_t *details)
{
	(void)b, (void)details;
	if (sb_kernel_hold_fd >= 0)
		close(sb_kernel_hold_fd);	/* releases the flock */
	sb_kernel_hold_fd = -1;
}

struct sb_backend sb_backend_kernel = {
	.name = "kernel",
	.desc = &sb_backend_descs[1],
	.check = sb_kernel_bcheck,
	.start = sb_kernel_start,
	.run_point = sb_kernel_run_point,
	.stop = sb_kernel_stop,
};
