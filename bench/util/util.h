/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers every part of the driver uses. */
#ifndef SB_UTIL_H
#define SB_UTIL_H

#include <stddef.h>

/* Copy with truncation (always terminated); -1 when truncated. */
int sb_strscpy(char *dst, const char *src, size_t size);
/* mkdir -p: every missing component, mode 0755. 0, or -1 with errno. */
int sb_mkdir_p(const char *dir);
/*
 * rm -r without a shell: the tree at dir, depth first, symbolic links
 * removed rather than followed. 0 once it is gone (or was never there),
 * or -1 with errno at the first entry that would not go.
 */
int sb_rm_tree(const char *dir);

/*
 * An error or warning line on stderr, formatted as printf does, with every
 * control byte that a value brought along (a newline in a path, an escape
 * in --set) shown as \n, \t, \r or \xNN: one message stays one line, and a
 * terminal shows what was typed. Leading newlines (after a progress line)
 * and the final one are the format's own and kept.
 */
void sb_errf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* SB_UTIL_H */
