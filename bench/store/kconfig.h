/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The running kernel's build config as machine.h records it:
 * {"source": path|null, "reason": why not|null, "hz": n|null,
 *  "debug_locks": {"LOCKDEP": bool|null, ...},
 *  "preempt_options": ["PREEMPT_NONE", "PREEMPT_DYNAMIC", ...]}
 */
#ifndef SB_STORE_KCONFIG_H
#define SB_STORE_KCONFIG_H

#include <stdlib.h>
#include <jansson.h>

#include "store/machine.h"

json_t *sb_kconfig_probe(void);
/* The same from one file (gzip'd or not); NULL when it cannot be read. */
json_t *sb_kconfig_read_path(const char *path);

#endif /* SB_STORE_KCONFIG_H */
