// SPDX-License-Identifier: GPL-2.0
/* A run's setup, checked before the first point; see run_setup.h. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/run_setup.h"

/* The vm backend (and kmod/vm/boot) make their directories under it. */
static int sb_run_check_tmpdir(char *err, size_t errlen)
{
	const char *env = getenv("TMPDIR");
	const char *dir = env && *env ? env : "/tmp";
	struct stat st;

	if (stat(dir, &st)) {
		snprintf(err, errlen,
			 "the vm backend's temporary directory %s%s: %s: create it%s",
			 dir, env && *env ? " (TMPDIR)" : "", strerror(errno),
			 env && *env ? " or point TMPDIR elsewhere" : "");
		return -1;
	}
	if (!S_ISDIR(st.st_mode) || access(dir, W_OK | X_OK)) {
		snprintf(err, errlen,
			 "the vm backend's temporary directory %s%s: %s",
			 dir, env && *env ? " (TMPDIR)" : "",
			 S_ISDIR(st.st_mode) ? "not writable" :
			 "not a directory");
		return -1;
	}
	return 0;
}

/* Descriptors open now (the directory's own is not counted); -1: unknown. */
static long sb_fds_open(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	long n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1;
}

static int sb_run_check_fds(char *err, size_t errlen)
{
	struct rlimit rl;
	long open_now = sb_fds_open();

	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur == RLIM_INFINITY ||
	    open_now < 0)
		return 0;	/* nothing to go by: the points will say */
	if ((long long)rl.rlim_cur - open_now >= SB_RUN_MIN_FDS)
		return 0;
	snprintf(err, errlen,
		 "too few file descriptors: %lld free of %llu (ulimit -n), a run "
		 "needs %d: raise it (ulimit -n 1024)",
		 (long long)rl.rlim_cur - open_now,
		 (unsigned long long)rl.rlim_cur, SB_RUN_MIN_FDS);
	return -1;
}

int sb_run_setup_check(int uses_tmpdir, char *err, size_t errlen)
{
	if (sb_run_check_fds(err, errlen))
		return -1;
	return uses_tmpdir ? sb_run_check_tmpdir(err, errlen) : 0;
}
