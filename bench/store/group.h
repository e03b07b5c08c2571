/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The records of a store grouped into points: one group per point config
 * (the driver's "point" id, the same across repeats) holding its ok repeats
 * and counting its failures. Groups come sorted by workload, backend,
 * primitive, placement and threads, so every chart and table that walks
 * them in order lists things the same way.
 *
 * The workload dimensions (update_pct, list_len, cs_ns, ...) that vary in
 * the store become the panel label of each group; those that do not vary
 * are described once in pset.fixed.
 */
#ifndef SB_STORE_GROUP_H
#define SB_STORE_GROUP_H

#include "backend/desc.h"
#include "store/rrec.h"
#include "store/stats.h"
#include "util/hash.h"

struct sb_pgroup {
	char key[512];		/* point id */
	char backend[16];
	char prim[32];
	char placement[16];
	char wl[256];		/* the varied workload dims, "" when none */
	unsigned int threads;
	unsigned int irq_hz;	/* interrupt contender, 0 = none */
	/* SB_SIDE_USER or _KERNEL: its backend's descriptor; 0 if unknown */
	unsigned int side;
	int emulated;
	size_t n;		/* ok repeats */
	const struct sb_rrec **reps;	/* the ok records, borrowed from
					 * the store */
	size_t cap;		/* room in reps */
	size_t nfailed;
	const struct sb_rrec *any;	/* some record, ok if any is */
	const struct sb_rrec *failed;	/* the first failed one, or NULL */
};

struct sb_pset {
	struct sb_pgroup *g;
	size_t n;
	char fixed[256];	/* the workload dims that do not vary */
	int multi_backend;	/* more than one backend has ok points */
	int multi_placement;	/* more than one placement has ok points */
	int any_emulated;
	/*
	 * The placement most ok groups ran with (ties: the first in group
	 * order), "-" when none is ok: see sb_main_placement().
	 */
	char main_placement[16];
	struct sb_hash index;	/* key -> index in g */
};

/*
 * One pass over points, a hash lookup per record: linear in the store
 * (plus sorting the groups). Returns 0, or -1 when out of memory.
 */
int sb_pset_build(struct sb_pset *ps, struct sb_rrec *const *recs, size_t n);
void sb_pset_free(struct sb_pset *ps);
/* The group of point id key, or NULL. */
const struct sb_pgroup *sb_pset_find(const struct sb_pset *ps,
				     const char *key);

/*
 * The record keys that make up the workload labels, in label order, into
 * keys (room for max); their count. The readers' records keep them
 * (rrec.c).
 */
size_t sb_pset_wl_keys(const char **keys, size_t max);

/* Statistics of a numeric field over the ok repeats; returns n found. */
size_t sb_pgroup_stat(const struct sb_pgroup *g, const char *key,
		      struct sb_stats *st);
/*
 * The same over log(field), values > 0 only: what noise-aware verdicts test,
 * since performance changes are ratios (see compare.c).
 */
size_t sb_pgroup_logstat(const struct sb_pgroup *g, const char *key,
			 struct sb_stats *st);
/* "spin (user)", "mutex (vm, emulated)", "spin_irqsave (user), irq 1000 Hz" */
void sb_pgroup_label(const struct sb_pgroup *g, char *buf, size_t len);

/* Sort ranks: catalogue order (common/sb_prims.def), then unknown names. */
int sb_prim_rank(const char *prim);
/* sb_backend_rank (backend/desc.h): the backend table's order. */

/*
 * A primitive's catalogue capabilities (SB_CAP_*); 0 for a name the
 * catalogue does not know (a store from another version).
 */
unsigned int sb_prim_caps(const char *prim);

/*
 * Chart colours: one per primitive, the same in every chart (the
 * catalogue's; a name it does not know gets one from its hash).
 */
const char *sb_prim_color(const char *prim);
const char *sb_placement_color(const char *placement);
/* gnuplot point types per backend, so kernel and user tell apart. */
/*
 * A series' marker: its shape the primitive's family (catalogue), filled
 * for the userspace mirror and open for the kernel (kernel, vm), so every
 * primitive is its colour and shape, and each side tells apart.
 */
int sb_series_pt(const char *prim, const char *backend);
int sb_backend_dt(const char *backend);

#endif /* SB_STORE_GROUP_H */
