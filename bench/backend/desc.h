/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What each backend is, declared once (desc.c): the rest of bench/ asks
 * these fields, never a backend's name. A name is looked up here only
 * (sb_backend_find); an unknown one is refused with the valid names.
 *
 * A record's "backend" text is data: a reader that needs to know what its
 * backend was asks sb_backend_find and copes with NULL (a store written
 * by another tree), falling back on the record's own keys ("side",
 * "emulated").
 *
 * This header needs nothing from the matrix or the backends' code, so
 * that the matrix and the store, which sit below the backends, can use it.
 */
#ifndef SB_BENCH_BACKEND_DESC_H
#define SB_BENCH_BACKEND_DESC_H

#include <stddef.h>
#include <jansson.h>

#include "sb_types.h"	/* SB_SIDE_* */

/* Where a backend's CPUs and NUMA nodes come from. */
enum sb_bk_topo {
	SB_BK_TOPO_HOST,	/* this machine's hwloc topology */
	/* a guest's, made from --vm-cpus/--vm-numa (meta.json's matrix "vm") */
	SB_BK_TOPO_GUEST,
};

/* Capabilities: what the rest of bench/ asks a backend instead of its name. */
/* --mem interleave: the runner places the list itself (the module cannot). */
#define SB_BKC_MEM_INTERLEAVE	(1u << 0)
/*
 * The record's involuntary_ctxsw counts the measured threads' switches
 * (getrusage in the runner); the noise flags may trust it.
 */
#define SB_BKC_CTXSW		(1u << 1)
/* start writes its files (initramfs, sockets) under $TMPDIR. */
#define SB_BKC_TMPDIR		(1u << 2)

struct sb_backend_desc {
	const char *name;	/* --backend, a record's "backend" */
	unsigned int index;	/* its row in sb_backend_descs[] */
	unsigned int side;	/* SB_SIDE_USER or SB_SIDE_KERNEL: whose code runs */
	/*
	 * Its records may come from an emulated CPU (QEMU TCG): timings
	 * are functional only. Whether a given run was is the backend's
	 * b->emulated at run time and the record's "emulated".
	 */
	int emulated;
	int needs_root;		/* the driver must run as root */
	enum sb_bk_topo topo;
	/* The plan's time estimate, beyond each point's warm-up + duration: */
	long long point_ms;	/* per point (runner start, record, frames) */
	long long start_ms;	/* once, before its first point (a boot) */
	unsigned int caps;	/* SB_BKC_* */
};

#define SB_NR_BACKENDS 3
/*
 * --backend's default and help (a constant for dims.c's table; the unit
 * test checks both against the table).
 */
#define SB_BACKEND_DEFAULT "user"
#define SB_BACKEND_HELP "user, kernel, vm"
extern const struct sb_backend_desc sb_backend_descs[SB_NR_BACKENDS];

/* The descriptor of @name, or NULL (a record from another tree). */
const struct sb_backend_desc *sb_backend_find(const char *name);
/*
 * The descriptor of @name; NULL with "unknown backend 'x'; use user,
 * kernel or vm" (the valid names, from the table) in err.
 */
const struct sb_backend_desc *sb_backend_lookup(const char *name, char *err,
						size_t errlen);
/* "user, kernel or vm": the valid names, from the table. */
void sb_backend_names_text(char *buf, size_t len);
/*
 * A backend of @d's side that does not need root (the hint when @d is
 * refused for want of it), or NULL.
 */
const struct sb_backend_desc *
sb_backend_rootless(const struct sb_backend_desc *d);
/* The side of backend @name; 0 when the table does not know it. */
unsigned int sb_backend_side(const char *name);
/* Rank of @name in the table's order (charts, tables); SB_NR_BACKENDS if unknown. */
int sb_backend_rank(const char *name);
/*
 * meta.json's "backends" details of the first backend that runs in a
 * guest and has some (its "kernel_version" is the guest's); NULL if none.
 */
const json_t *sb_backend_guest_details(const json_t *backends);

#endif /* SB_BENCH_BACKEND_DESC_H */
