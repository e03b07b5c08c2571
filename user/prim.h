/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A primitive = one ops table, as the kernel side's (and locktorture's):
 * one file prim_<name>.c per primitive defining sb_prim_<name>, and one row
 * in the catalogue (common/sb_prims.def) with its user column 1; prims.c
 * builds the registry from the catalogue. The timed loop
 * is generated inside each primitive file from worker.h, so the lock and
 * list code inline into it and the loop makes no indirect call per
 * operation (Concurrency Kit style).
 */
#ifndef SB_USER_PRIM_H
#define SB_USER_PRIM_H

#include "sb_config.h"
#include "sb_prims.h"

struct sb_run;
struct sb_thread;

struct sb_prim {
	const char *name;
	/* Why irq_hz > 0 is refused, for the error message. */
	const char *irq_refusal;
	/* Primitive-specific config checks; -1 with "key: why" in err. */
	int (*check)(const struct sb_config *cfg, char *err, size_t errlen);
	/* Variants chosen by config (rcu_flavor); NULL: this table. */
	const struct sb_prim *(*resolve)(const struct sb_config *cfg);
	int (*init)(struct sb_run *run);
	void (*exit)(struct sb_run *run);
	/*
	 * The lock each bucket has of its own (buckets=N; list.h): lock_size
	 * bytes at sb_bucket_lock(), lock_init'ed after init on every bucket
	 * (0, or -errno), lock_exit'ed (optional) before exit. lock_size 0:
	 * no per-bucket lock.
	 */
	size_t lock_size;
	int (*lock_init)(struct sb_run *run, void *lock);
	void (*lock_exit)(struct sb_run *run, void *lock);
	/* On the worker thread, pinned, before/after the start barrier. */
	int (*thread_init)(struct sb_thread *t);
	void (*thread_start)(struct sb_thread *t);	/* after the barrier */
	void (*thread_exit)(struct sb_thread *t);
	void (*worker)(struct sb_thread *t);		/* from worker.h */
};

/* The registry: the catalogue's user rows, in catalogue order. */
struct sb_prim_entry {
	const struct sb_prim_info *info;
	const struct sb_prim *ops;
};
extern const struct sb_prim_entry sb_prims[];
extern const unsigned int sb_nr_prims;

/* The primitive named by cfg->prim, resolved; NULL with err if none. */
const struct sb_prim *sb_prim_select(const struct sb_config *cfg, char *err,
				     size_t errlen);
/* Checks common to every primitive (irq_hz) plus the primitive's own. */
int sb_prim_check(const struct sb_config *cfg, char *err, size_t errlen);

#define SB_PRIM(name, k, u, fam, caps, color, pair, help)			\
	SB_PRIM_IF(u, extern const struct sb_prim sb_prim_##name;)
#include "sb_prims.def"
#undef SB_PRIM

#endif /* SB_USER_PRIM_H */
