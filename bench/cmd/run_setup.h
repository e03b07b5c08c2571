/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a run needs from its process and host before the first point, so
 * that a setup error is bad input (exit 2, one line naming the cause,
 * nothing written) rather than every point stored as failed: the vm
 * backend's temporary directory ($TMPDIR, else /tmp) exists and is
 * writable, and enough file descriptors are free (ulimit -n).
 */
#ifndef SB_BENCH_RUN_SETUP_H
#define SB_BENCH_RUN_SETUP_H

#include <stddef.h>

/* Free descriptors a run needs: a runner's pipes, the store, a VM's files. */
#define SB_RUN_MIN_FDS 32

/*
 * 0, or -1 with the cause and its fix in err. uses_tmpdir: a backend that
 * writes under $TMPDIR (SB_BKC_TMPDIR) runs.
 */
int sb_run_setup_check(int uses_tmpdir, char *err, size_t errlen);

#endif /* SB_BENCH_RUN_SETUP_H */
