/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A synchronisation primitive under test, in the shape of locktorture's
 * lock_torture_ops: one instance sb_prim_<name> per primitive in
 * prim_<name>.c (Kbuild takes every prim_*.c), and one row in the catalogue
 * (common/sb_prims.def) with its kernel column 1; prims.c builds the
 * registry from the catalogue. The hooks run in the worker kthread except
 * irq_lookup, which runs from the interrupt contender: in hard-IRQ context
 * for a primitive with SB_CAP_IRQ, in softirq context for one with
 * SB_CAP_SOFTIRQ.
 * The per-operation lookup and update are not hooks: each primitive file
 * inlines them into its own copy of the timed loop (worker.h), so no
 * indirect call sits in the loop.
 */
#ifndef SB_PRIM_H
#define SB_PRIM_H

#include "run.h"

struct sb_gp_ops;

struct sb_prim_ops {
	const char *name;
	/*
	 * Primitive-specific config checks (0, or -1 with a reason in err),
	 * e.g. whether an interrupt contender (irq_hz > 0) is possible.
	 */
	int (*check)(const struct sb_config *cfg, char *err, size_t errlen);
	int (*init)(struct sb_run *run);		/* optional */
	void (*exit)(struct sb_run *run);		/* optional */
	/*
	 * The lock each bucket has of its own (buckets=N; list.h):
	 * lock_size bytes at sb_bucket_lock(), lock_init'ed after init on
	 * every bucket (0, or -errno), lock_exit'ed (optional) before exit.
	 * lock_size 0: no per-bucket lock.
	 */
	size_t lock_size;
	int (*lock_init)(struct sb_run *run, void *lock);
	void (*lock_exit)(struct sb_run *run, void *lock);
	/*
	 * The timed loop, generated from worker.h with the primitive's
	 * lookup and update inlined: runs every phase of the run on the
	 * calling worker and writes its counters back at the end.
	 */
	void (*loop)(struct sb_thread *t);
	/*
	 * set exactly when the catalogue gives the primitive SB_CAP_IRQ or
	 * SB_CAP_SOFTIRQ (the context irq_lookup is called in)
	 */
	int (*irq_lookup)(struct sb_thread *t, u64 key);
	/* optional: primitive-specific result keys */
	void (*result)(struct sb_run *run, struct sb_result *r);
	/*
	 * The grace-period flavour its updates free with (defer.h): set
	 * exactly when the catalogue gives the primitive SB_CAP_GRACE, and
	 * its kfree hooks exactly when it gives SB_CAP_KFREE.
	 */
	const struct sb_gp_ops *gp;
};

#define SB_PRIM(name, k, u, fam, caps, color, pair, help)			\
	SB_PRIM_IF(k, extern const struct sb_prim_ops sb_prim_##name;)
#include "sb_prims.def"
#undef SB_PRIM

/* The registered primitive called name, with its catalogue row; or NULL. */
const struct sb_prim_ops *sb_prim_find(const char *name,
				       const struct sb_prim_info **info);
/* "spin spin_irqsave ..." for error messages; or one per line. */
int sb_prim_names(char *buf, size_t len, const char *sep);
/* At load: every ops table agrees with its catalogue row. 0 or -EINVAL. */
int sb_prims_selftest(void);

/*
 * prim_null.c: the null loop's cost per operation in ps under @run's config
 * (lat_sample as run->sample_thresh), best of a few bounded rounds on the
 * calling CPU; @scratch is a zeroed thread of @run whose histograms take
 * the samples. 0 when interrupted by a signal.
 */
u64 sb_null_loop_ps(struct sb_thread *scratch);

/* calibrate.c: the bare primitives in refscale's loop shape, as text. */
int sb_calibrate(char *buf, size_t len);

/* validate.c: everything a config must satisfy on this machine, now. */
int sb_validate(const struct sb_config *cfg, const struct sb_prim_ops **ops,
		char *err, size_t errlen);

#endif /* SB_PRIM_H */
