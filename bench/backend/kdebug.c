// SPDX-License-Identifier: GPL-2.0
/*
 * The debug kernel's marks on a kernel record (see kdebug.h).
 *
 * kcsan_reports counts report titles in the kernel log, read from
 * /dev/kmsg from where it ended before the run to where it ends after. The
 * log, not KCSAN's own counter (debugfs `kcsan`: data_races), because only
 * the log names the racing functions: the counter is kernel-wide, and a
 * race elsewhere in the kernel during the window is not the primitive's.
 * A title counts when one side is the module's ("... [syncbench]"). KCSAN
 * reports one racing pair of accesses at most once per
 * CONFIG_KCSAN_REPORT_ONCE_IN_MS (kmod/vm/kconfig/kcsan.config: 1 s), so
 * the count is of distinct races seen, a lower bound on racing accesses.
 * KCSAN is on when its debugfs file exists (a flag, not a version).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/kdebug.h"
#include "store/kconfig.h"
#include "store/machine.h"

#define SB_KCSAN_DEBUGFS "/sys/kernel/debug/kcsan"

/* One log line: a KCSAN report's title with a side in the module? */
static int kcsan_title(const char *line, size_t len)
{
	static const char title[] = "BUG: KCSAN: ";
	static const char mod[] = "[syncbench]";
	const char *t = memmem(line, len, title, sizeof(title) - 1);

	return t && memmem(t, len - (size_t)(t - line), mod,
			   sizeof(mod) - 1) != NULL;
}

unsigned long long sb_kdebug_count_kcsan(const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	unsigned long long n = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);

		n += kcsan_title(p, ll);
		p += ll + 1;
	}
	return n;
}

int sb_kdebug_window_open(void)
{
	int fd;

	if (access(SB_KCSAN_DEBUGFS, F_OK))
		return -1;
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd >= 0 && lseek(fd, 0, SEEK_END) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* The titles the log gained since the window opened; -1 if unreadable. */
static long long window_count(int fd)
{
	char rec[2048];
	long long n = 0;
	ssize_t r;

	for (;;) {
		r = read(fd, rec, sizeof(rec) - 1);
		if (r < 0 && (errno == EPIPE || errno == EINTR))
			continue;	/* EPIPE: records overwritten, go on */
		if (r <= 0)
			break;
		/* one record: "prio,seq,ts,flags;message\n" */
		n += (long long)sb_kdebug_count_kcsan(rec, (size_t)r);
	}
	return r < 0 && errno != EAGAIN ? -1 : n;
}

/* 1, 0, or -1 when the config cannot be read. */
static int debug_kernel(void)
{
	static int cached = -2;
	json_t *k, *d, *v;
	const char *name;

	if (cached != -2)
		return cached;
	k = sb_kconfig_probe();
	d = json_object_get(k, "debug_locks");
	cached = json_is_string(json_object_get(k, "source")) ? 0 : -1;
	json_object_foreach(d, name, v)
		if (json_is_true(v))
			cached = 1;
	json_decref(k);
	return cached;
}

static char *append(char *text, size_t *len, const char *add)
{
	size_t n = strlen(add), sep = *len && text[*len - 1] != '\n';
	char *t = realloc(text, *len + sep + n + 1);

	if (!t)
		abort();
	if (sep)
		t[(*len)++] = '\n';
	memcpy(t + *len, add, n + 1);
	*len += n;
	return t;
}

char *sb_kdebug_annotate(char *text, size_t len, int window)
{
	char line[64];
	int dk = debug_kernel();

	if (dk >= 0) {
		snprintf(line, sizeof(line), "debug_kernel=%d\n", dk);
		text = append(text, &len, line);
	}
	if (window >= 0) {
		long long n = window_count(window);

		close(window);
		if (n >= 0) {
			snprintf(line, sizeof(line), "kcsan_reports=%lld\n", n);
			text = append(text, &len, line);
		}
	}
	return text;
}
