/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A synchronisation primitive under test, in the shape of locktorture's
 * lock_torture_ops: one instance per primitive (prim_<name>.c) and one line
 * in the registry (prims.c). The hooks run in the worker kthread except
 * irq_lookup, which runs in hard-IRQ context from the interrupt contender.
 */
#ifndef SB_PRIM_H
#define SB_PRIM_H

#include "run.h"

struct sb_prim_ops {
	const char *name;
	/*
	 * Primitive-specific config checks (0, or -1 with a reason in err),
	 * e.g. whether an interrupt contender (irq_hz > 0) is possible.
	 */
	int (*check)(const struct sb_config *cfg, char *err, size_t errlen);
	int (*init)(struct sb_run *run);		/* optional */
	void (*exit)(struct sb_run *run);		/* optional */
	/* 0, -ENOENT (key not found), -EBADMSG (torn entry), -ENOMEM */
	int (*lookup)(struct sb_thread *t, u64 key);
	int (*update)(struct sb_thread *t, u64 key);
	/* NULL: this primitive refuses irq_hz > 0 */
	int (*irq_lookup)(struct sb_thread *t, u64 key);
	/* optional: primitive-specific result keys */
	void (*result)(struct sb_run *run, struct sb_result *r);
};

extern const struct sb_prim_ops sb_prim_spin;
extern const struct sb_prim_ops sb_prim_spin_irqsave;
extern const struct sb_prim_ops sb_prim_mutex;
extern const struct sb_prim_ops sb_prim_rcu;
extern const struct sb_prim_ops sb_prim_none;

const struct sb_prim_ops *sb_prim_find(const char *name);
/* "spin spin_irqsave ..." for error messages; or one per line. */
int sb_prim_names(char *buf, size_t len, const char *sep);

/* validate.c: everything a config must satisfy on this machine, now. */
int sb_validate(const struct sb_config *cfg, const struct sb_prim_ops **ops,
		char *err, size_t errlen);

#endif /* SB_PRIM_H */
