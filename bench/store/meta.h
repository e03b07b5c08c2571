/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The machine a run measured, for meta.json: CPU model, kernel, hostname,
 * CPU count, the syncbench version and git commit, the time of creation.
 */
#ifndef SB_BENCH_META_H
#define SB_BENCH_META_H

#include <jansson.h>

/* A new meta object with "schema" and every machine key set. */
json_t *sb_meta_machine(void);
/* The git commit of the source tree syncbench was built from, or "unknown". */
const char *sb_git_commit(void);

#endif /* SB_BENCH_META_H */
