/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Each point runs in a child process with a deadline, so a deadlock or a
 * crash costs one failed record, not the matrix. The child writes its
 * record text into a pipe; the parent reads it, and on a missed deadline,
 * a crash or an incomplete record builds a status=failed record itself.
 *
 * Test-only hooks, honoured by the child alone (never with --no-fork):
 * SYNCBENCH_USER_TEST_HANG=1 makes the point hang, SYNCBENCH_USER_TEST_CRASH=1
 * makes it die of SIGSEGV, so the tests can see both handled.
 */
#ifndef SB_USER_CHILD_H
#define SB_USER_CHILD_H

#include "run.h"

/*
 * Returns the record text (malloc()ed, always a complete record), or NULL
 * with err on an internal error of the parent (no fork, no memory).
 */
char *sb_child_point(const struct sb_config *cfg, struct sb_place *place,
		     const struct sb_calib *cal, sb_u64 timeout_ms,
		     size_t *len, char *err, size_t errlen);

/* A status=failed record for cfg with @reason. */
char *sb_failed_record(const struct sb_config *cfg, const char *reason,
		       size_t *len);

#endif /* SB_USER_CHILD_H */
