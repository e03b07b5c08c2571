// SPDX-License-Identifier: GPL-2.0
#include "listops.h"

/*
 * null: the harness alone, an empty operation with no lock and no list
 * walk. Not in the registry; run.c measures harness_loop_ps with it.
 */
static inline void null_op(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	__asm__ __volatile__("" : : "r"(t), "r"(run), "r"(key));
}

#define SB_WORKER null_worker
#define SB_LOOKUP null_op
#define SB_UPDATE null_op
#include "worker.h"

const struct sb_prim sb_prim_null = {
	.name = "null",
	.worker = null_worker,
};
