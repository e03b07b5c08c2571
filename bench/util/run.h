/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Run a program without a shell: an argument vector, never a command line,
 * so no path or user value is ever parsed by sh.
 */
#ifndef SB_UTIL_RUN_H
#define SB_UTIL_RUN_H

#include <stddef.h>

/*
 * Run argv[0] (looked up in PATH when it holds no '/') with argv, stdin
 * and stderr on /dev/null, and keep the start of its stdout in out (up to
 * outlen - 1 bytes, always terminated; the rest is read and dropped so the
 * program never blocks on a full pipe). Its exit status, 128 + the signal
 * that killed it, or -1 (errno set) when it could not be run.
 */
int sb_run_capture(char *const argv[], char *out, size_t outlen);
/*
 * Run argv[0] (a path) with argv to completion, its stdout and stderr into
 * logfile (created or truncated); it dies with the driver. Its exit
 * status, 128 + the signal that killed it, or -1 when it could not start.
 */
int sb_run_logged(char *const argv[], const char *logfile);

#endif /* SB_UTIL_RUN_H */
