/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The primitive catalogue (sb_prims.def) as data: one sb_prim_info per row,
 * in display order, for the driver, the plots, the report and the tests;
 * and the macros the two registries (kmod/prims.c, user/prims.c) use to take
 * exactly the rows their side implements.
 */
#ifndef SB_PRIMS_H
#define SB_PRIMS_H

#include "sb_types.h"

/* What kind of primitive: the report groups by family. */
enum sb_prim_family {
	SB_FAM_EXCLUSIVE,	/* one holder at a time: spinlock, mutex */
	SB_FAM_RW,		/* readers share, writers exclude */
	SB_FAM_SEQ,		/* readers retry, writers exclude */
	SB_FAM_RCU,		/* readers never wait, updaters defer frees */
	SB_FAM_BASELINE,	/* not a real primitive: a reference point */
	SB_NR_FAMILIES
};

/* Capabilities: code tests these, never a primitive's name. */
/*
 * The interrupt contender (irq_hz > 0) and its context: SB_CAP_IRQ takes a
 * hard-IRQ one (a hard hrtimer: its lookup spins with interrupts off),
 * SB_CAP_SOFTIRQ a softirq one (a soft hrtimer: its lookup runs with
 * softirqs off, where a _bh lock holder keeps it out). A row has at most
 * one of the two: the capability picks the contender's context, and a
 * primitive with neither refuses irq_hz > 0.
 */
#define SB_CAP_IRQ	0x01	/* takes a hard-IRQ contender (irq_hz > 0) */
#define SB_CAP_SLEEPS	0x02	/* the lock may sleep: never in atomic context */
#define SB_CAP_READERS	0x04	/* lookups run concurrently with each other */
#define SB_CAP_GRACE	0x08	/* has grace periods (gp latency, pending frees) */
#define SB_CAP_BROKEN	0x10	/* deliberately wrong: never a winner */
/*
 * Measures the harness, not a primitive: changes nothing, so the list
 * check expects the initial sum.
 */
#define SB_CAP_HARNESS	0x20
/* takes a softirq contender (irq_hz > 0), see SB_CAP_IRQ */
#define SB_CAP_SOFTIRQ	0x40
/* either contender */
#define SB_CAP_CONTENDER (SB_CAP_IRQ | SB_CAP_SOFTIRQ)
/*
 * Frees with kfree_rcu (rcu_free=kfree_rcu): only with SB_CAP_GRACE, and
 * only where the flavour has a kfree_rcu() form (RCU has, SRCU has not); a
 * primitive without it refuses rcu_free=kfree_rcu.
 */
#define SB_CAP_KFREE	0x80
/*
 * Its readers survive an entry unlinked and freed under them (lock readers
 * hold the lock the writer frees under; RCU readers' entries are freed
 * after a grace period), so update_op=delete_insert runs; without it (a
 * seqlock reader walks a list a writer may free from) it is refused.
 */
#define SB_CAP_CHURN	0x100
/*
 * A lookup ends in a stable pointer to its entry (under the lock, or in
 * the read-side section), on which ref=refcount takes a reference; not a
 * seqlock reader's (it may have read a torn pass) nor an unsynchronised
 * one's.
 */
#define SB_CAP_REF	0x200
/*
 * Its race window may sleep, so perturb=yield (a voluntary reschedule in
 * the window) is legal: a sleeping lock's section, or a broken row's
 * window outside any lock. Without it (a spinlock or an RCU read-side
 * section is held there) perturb=yield is refused.
 */
#define SB_CAP_YIELD	0x400
/*
 * Frees entries that its own lookups or updates may still use (a broken
 * row: toctou, rcu_nogp): needs the poisoned quarantine, which turns each
 * such use into a counted uaf_reads / uaf_writes instead of a real use
 * after free. The window perturbation is the row's own (between check and
 * act), not the critical section's.
 */
#define SB_CAP_UAF	0x800
/*
 * Config keys that only some rows read: irq_mask (how a row that masks its
 * interrupt contender while holding the lock masks it) and rw_pref (a
 * reader-writer lock's preference). The driver plans a --set list of either
 * key once for a row without the flag (bench/matrix/effect.c).
 */
#define SB_CAP_MASK	0x1000
#define SB_CAP_RWPREF	0x2000

struct sb_prim_info {
	const char *name;
	unsigned int sides;	/* SB_SIDE_KERNEL | SB_SIDE_USER */
	enum sb_prim_family family;
	unsigned int caps;	/* SB_CAP_* */
	const char *color;
	/*
	 * The primitive of the other side it stands beside in kernel vs
	 * userspace comparisons ("" = the one of the same name): e.g. a user
	 * ticket lock beside the kernel's spin (qspinlock).
	 */
	const char *pair;
	const char *help;
};

/* Every row, in catalogue order. */
extern const struct sb_prim_info sb_prim_infos[];
extern const unsigned int sb_nr_prim_infos;

/* Each row's index, SB_PRIM_IDX_<name>; and the number of rows. */
#define SB_PRIM(name, k, u, fam, caps, color, pair, help) SB_PRIM_IDX_##name,
enum sb_prim_idx {
#include "sb_prims.def"
	SB_NR_PRIMS
};
#undef SB_PRIM

/*
 * Room for every name with a one-character separator and a terminating NUL:
 * a buffer of this size holds any list of names the catalogue can produce.
 */
#define SB_PRIM(name, k, u, fam, caps, color, pair, help) char name[sizeof(#name)];
struct sb_prim_names_room {
	char nul;
#include "sb_prims.def"
};
#undef SB_PRIM
#define SB_PRIM_NAMES_LEN sizeof(struct sb_prim_names_room)

/*
 * Every capability once, in display order: its flag, its short name (the
 * prims table) and what it means (--help, the report). A new SB_CAP_* gets
 * its row here.
 */
struct sb_cap_info {
	unsigned int cap;
	const char *name;
	const char *help;
};
extern const struct sb_cap_info sb_cap_infos[];
extern const unsigned int sb_nr_cap_infos;

/* The row named name[0..len), or NULL. */
const struct sb_prim_info *sb_prim_info_find(const char *name, size_t len);
/* Its index in catalogue order (display order), or SB_NR_PRIMS. */
int sb_prim_info_index(const char *name);
/*
 * What the catalogue forbids for cfg: an interrupt contender (irq_hz > 0) on
 * a primitive with neither SB_CAP_IRQ nor SB_CAP_SOFTIRQ (the interrupt
 * would spin on, or sleep for, a lock its own CPU holds; the capability
 * says in which context the contender runs); for a primitive with
 * SB_CAP_GRACE, rcu_free=kfree_rcu without SB_CAP_KFREE (no kfree_rcu form,
 * e.g. SRCU) and rcu_gp=expedited with any rcu_free but sync (only a
 * synchronous wait has an expedited form). 0, or -1 with the reason; an
 * unknown primitive is each side's registry's to refuse.
 */
struct sb_config;
int sb_prim_config_check(const struct sb_config *cfg, char *err,
			 size_t errlen);
/* "exclusive lock", "reader-writer", ... */
const char *sb_prim_family_name(enum sb_prim_family f);
/*
 * The names of every row of @side (0: every row) whose caps include all of
 * @caps, separated by @sep, into buf (at least SB_PRIM_NAMES_LEN bytes for
 * a one-character separator). Returns the length it needed.
 */
int sb_prim_list(char *buf, size_t len, unsigned int side, unsigned int caps,
		 const char *sep);

/*
 * For the registries: SB_PRIM_IF(flag, x) expands to x when the catalogue's
 * kernel or user column is 1, to nothing when it is 0.
 */
#define SB_PRIM_IF_1(...) __VA_ARGS__
#define SB_PRIM_IF_0(...)
#define SB_PRIM_IF(flag, ...) SB_PRIM_IF_##flag(__VA_ARGS__)

#endif /* SB_PRIMS_H */
