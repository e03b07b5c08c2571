/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a debug kernel adds to a kernel record (kdebug.c):
 *   debug_kernel=0|1   1 when the kernel runs with lock debugging or a
 *                      sanitizer (machine.h's sb_machine_debug_opts: LOCKDEP,
 *                      PROVE_LOCKING, ..., KASAN, KCSAN); absent when its
 *                      config cannot be read. Its timings are then not a
 *                      production kernel's.
 *   kcsan_reports=N    under a KCSAN kernel only: the KCSAN data-race
 *                      reports naming a function of the module that the
 *                      kernel log gained during the run.
 */
#ifndef SB_BACKEND_KDEBUG_H
#define SB_BACKEND_KDEBUG_H

#include <stddef.h>

/* Before a run: a handle on the kernel log's end, or -1 (no KCSAN). */
int sb_kdebug_window_open(void);
/*
 * After it: the record text (malloc'd, len bytes) with the keys above
 * appended; closes the handle. Returns the grown text.
 */
char *sb_kdebug_annotate(char *text, size_t len, int window);
/* Count the KCSAN report titles naming [syncbench] in log text (tests). */
unsigned long long sb_kdebug_count_kcsan(const char *text, size_t len);

#endif /* SB_BACKEND_KDEBUG_H */
