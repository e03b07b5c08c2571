// SPDX-License-Identifier: GPL-2.0
#include "listops.h"

/*
 * null: the harness alone, an empty operation with no lock and no list
 * walk (SB_CAP_HARNESS: its updates change nothing). run.c measures every
 * point's loop_ns with it, and prim=null runs it as a point of its own.
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
