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
#define SB_CAP_IRQ	0x01	/* takes an interrupt contender (irq_hz > 0) */
#define SB_CAP_SLEEPS	0x02	/* the lock may sleep: never in atomic context */
#define SB_CAP_READERS	0x04	/* lookups run concurrently with each other */
#define SB_CAP_GRACE	0x08	/* has grace periods (gp latency, pending frees) */
#define SB_CAP_BROKEN	0x10	/* deliberately wrong: never a winner */
/*
 * Measures the harness, not a primitive: changes nothing, so the list check
 * expects the initial sum.
 */
#define SB_CAP_HARNESS	0x20

struct sb_prim_info {
	const char *name;
	unsigned int sides;	/* SB_SIDE_KERNEL | SB_SIDE_USER */
	enum sb_prim_family family;
	unsigned int caps;	/* SB_CAP_* */
	const char *color;
	const char *help;
};

/* Every row, in catalogue order. */
extern const struct sb_prim_info sb_prim_infos[];
extern const unsigned int sb_nr_prim_infos;

/* Each row's index, SB_PRIM_IDX_<name>; and the number of rows. */
#define SB_PRIM(name, k, u, fam, caps, color, help) SB_PRIM_IDX_##name,
enum sb_prim_idx {
#include "sb_prims.def"
	SB_NR_PRIMS
};
#undef SB_PRIM

/*
 * Room for every name with a one-character separator and a terminating NUL:
 * a buffer of this size holds any list of names the catalogue can produce.
 */
#define SB_PRIM(name, k, u, fam, caps, color, help) + sizeof(#name)
enum { SB_PRIM_NAMES_LEN = 1
#include "sb_prims.def"
};
#undef SB_PRIM

/* The row named name[0..len), or NULL. */
const struct sb_prim_info *sb_prim_info_find(const char *name, size_t len);
/* Its index in catalogue order (display order), or SB_NR_PRIMS. */
int sb_prim_info_index(const char *name);
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
