// SPDX-License-Identifier: GPL-2.0
/*
 * none: no synchronisation at all, the race baseline. Lookups and in-place
 * updates run unprotected, so with two threads and some cs_ns the
 * read-increment-write of an update loses increments (sum invariant
 * violated) and lookups see a value and check from different updates
 * (check_failures). The list's links are never written, so the walk itself
 * stays safe and the damage is counted, not crashed on. Excluded from TSan
 * runs: racy on purpose.
 */
#include "listops.h"

static inline void none_lookup(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	sb_op_lookup(t, run, sb_bucket_of(&run->list, key), key);
}

static inline void none_update(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	sb_op_update(t, run, sb_bucket_of(&run->list, key), key);
}

#define SB_WORKER none_worker
#define SB_LOOKUP none_lookup
#define SB_UPDATE none_update
#include "worker.h"

const struct sb_prim sb_prim_none = {
	.name = "none",
	.irq_refusal = "there is no lock to contend on",
	.worker = none_worker,
};
