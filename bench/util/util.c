// SPDX-License-Identifier: GPL-2.0
/* Small helpers every part of the driver uses; see util.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
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

static void sb_err_escape(const char *s, size_t len, FILE *f)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
}

void sb_errf(const char *fmt, ...)
{
	char small[1024], *buf = small;
	size_t len, lead = 0, tail = 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small)) {
		buf = malloc((size_t)n + 1);
		if (!buf) {
			fputs(small, stderr);
			return;
		}
		va_start(ap, fmt);
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	len = (size_t)n;
	while (lead < len && buf[lead] == '\n')
		lead++;
	if (len > lead && buf[len - 1] == '\n')
		tail = 1;
	fwrite(buf, 1, lead, stderr);
	sb_err_escape(buf + lead, len - lead - tail, stderr);
	if (tail)
		fputc('\n', stderr);
	if (buf != small)
		free(buf);
}
