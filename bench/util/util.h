/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers every part of the driver uses. */
#ifndef SB_UTIL_H
#define SB_UTIL_H

#include <stddef.h>

/* Copy with truncation (always terminated); -1 when truncated. */
int sb_strscpy(char *dst, const char *src, size_t size);
/* mkdir -p: every missing component, mode 0755. 0, or -1 with errno. */
int sb_mkdir_p(const char *dir);

#endif /* SB_UTIL_H */
