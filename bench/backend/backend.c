// SPDX-License-Identifier: GPL-2.0
/* Backend registry and helpers; see backend.h. */
#include <limits.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/backend.h"

struct sb_backend *sb_backend_get(enum sb_backend_kind k)
{
	switch (k) {
	case SB_BK_USER:
		return &sb_backend_user;
	case SB_BK_KERNEL:
		return &sb_backend_kernel;
	default:
		return &sb_backend_vm;
	}
}

int sb_backend_has_prim(const struct sb_backend *b, const char *prim)
{
	int i;

	for (i = 0; i < b->nprims; i++)
		if (!strcmp(b->prims[i], prim))
			return 1;
	return 0;
}

const char *sb_exe_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX];
	ssize_t n;

	if (*dir)
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return ".";
	exe[n] = '\0';
	snprintf(dir, sizeof(dir), "%s", dirname(exe));
	return dir;
}

const char *sb_user_runner(void)
{
	static char path[PATH_MAX];
	const char *env = getenv("SYNCBENCH_USER");

	if (env && *env)
		return env;
	snprintf(path, sizeof(path), "%s/syncbench-user", sb_exe_dir());
	return path;
}
