// SPDX-License-Identifier: GPL-2.0
/* Small helpers every part of the driver uses; see util.h. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

int sb_strscpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (!size)
		return -1;
	if (n >= size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -1;
	}
	memcpy(dst, src, n + 1);
	return 0;
}

int sb_mkdir_p(const char *dir)
{
	char p[4096];
	size_t i;

	if (sb_strscpy(p, dir, sizeof(p))) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (i = 1; p[i]; i++) {
		if (p[i] != '/')
			continue;
		p[i] = '\0';
		if (mkdir(p, 0755) && errno != EEXIST)
			return -1;
		p[i] = '/';
	}
	return mkdir(p, 0755) && errno != EEXIST ? -1 : 0;
}

/* One entry of sb_rm_tree's walk: directories come after their contents. */
static int sb_rm_entry(const char *path, const struct stat *st, int type,
		       struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP || type == FTW_DNR)
		return unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
	return unlinkat(AT_FDCWD, path, 0);
}

int sb_rm_tree(const char *dir)
{
	if (nftw(dir, sb_rm_entry, 16, FTW_DEPTH | FTW_PHYS))
		return errno == ENOENT ? 0 : -1;
	return 0;
}
