/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmark matrix: comma lists per dimension (the rows of dims.c:
 * backend, prim, threads, placement, mem, update_pct, list_len, cs_ns,
 * think_ns, irq_hz) expanded into points, each with its CPU list resolved on
 * the topology its backend runs on, its config text and a stable id, made of
 * the rows' fragments in .id_pos order:
 *
 *   <backend>/<prim>/t<threads>/<placement>/u<update_pct>/l<list_len>/
 *   cs<cs_ns>/th<think_ns>[/irq<irq_hz>][/mem-<policy>][/<key>-<value>...]
 *
 * (the last: each --set key given a list, matrix/sets.h).
 * The id names everything that defines the point, so the same point gets the
 * same id across repeats and across runs (--resume relies on this). Run-wide
 * settings (duration, warm-up, --set keys) live in the run's meta.json.
 */
#ifndef SB_BENCH_MATRIX_H
#define SB_BENCH_MATRIX_H

#include <stddef.h>
#include <hwloc.h>

#include "sb_config.h"
#include "backend/desc.h"
#include "matrix/placement.h"
#include "matrix/dims.h"
#include "matrix/sets.h"

#define SB_ID_LEN 160


struct sb_matrix {
	struct sb_dim_list dim[SB_MAX_DIMS];	/* sb_dims[i]'s values */
	/* Row i given by the caller (sb_matrix_set), not left at .def. */
	unsigned char given[SB_MAX_DIMS];
	int nexplicit;				/* --cpus */
	int explicit_cpus[SB_MAX_THREADS];
	unsigned long long duration_ms, warmup_ms;
	int repeat;
	struct sb_sets sets;	/* --set: more keys, a list an axis */
};

struct sb_point {
	const struct sb_backend_desc *backend;
	char prim[SB_PRIM_LEN];
	int threads;
	enum sb_place place;
	struct sb_mem mem;
	unsigned long long dimv[SB_MAX_DIMS];	/* ULIST rows, by row index */
	unsigned char setv[SB_MAX_SETS];	/* --set keys: value index */
	int cpus[SB_MAX_THREADS];
	long long node;	/* of the list: mem resolved on the topology */
	char id[SB_ID_LEN];
	char config[SB_CONFIG_TEXT_MAX];	/* key=value, one a line */
};

/* Every dimension at its row's default; 1 s, 100 ms warm-up, 3 repeats. */
void sb_matrix_default(struct sb_matrix *m);

/*
 * Set one dimension from a comma list. dim is the long option name without
 * dashes (a row of sb_dims, dims.c). 0, or -1 with a reason naming the fix.
 */
int sb_matrix_set(struct sb_matrix *m, const char *dim, const char *list,
		  char *err, size_t errlen);

/* "1s", "200ms", "1.5s", "2m" into milliseconds; -1 with a reason. */
int sb_parse_duration_ms(const char *s, unsigned long long *ms, char *err,
			 size_t errlen);

/* Points the expansion left out as impossible, and why (the first). */
struct sb_excluded {
	int n;
	char why[SB_ERR_LEN + 64];
	/*
	 * Points that differed from another only in values without effect
	 * (matrix/effect.h), run once: how many, and the first such value.
	 */
	int collapsed;
	char collapsed_why[SB_ERR_LEN];
	char set_dup[160];	/* the --set lists' (sets.h): "" if none */
};

/*
 * Expand into *points (malloc'd, *count entries). topo[b] is the topology of
 * backend b (the host's for user and kernel, the guest's for vm). Every
 * point's config is validated with the common parser for its side; a point
 * the catalogue forbids (sb_prim_config_check: e.g. spin with irq_hz > 0)
 * is left out and counted in *ex (may be NULL), so that a matrix crossing
 * primitives with --irq-hz runs what can run; so is a point whose side
 * refuses a --set value (rcu_free=kfree_rcu on the user backend). 0, or -1 with a reason
 * (placement that cannot give N threads, a bad value, every point
 * impossible, ...).
 */
int sb_matrix_expand(const struct sb_matrix *m,
		     hwloc_topology_t topo[SB_NR_BACKENDS],
		     struct sb_point **points, int *count,
		     struct sb_excluded *ex, char *err, size_t errlen);

/* Number of points sb_matrix_expand would give at most (before dedup). */
long sb_matrix_size(const struct sb_matrix *m);

/* The values of the row of a special kind, e.g. SB_DIM_BACKEND. */
const struct sb_dim_list *sb_matrix_list(const struct sb_matrix *m,
					 enum sb_dim_kind kind);

/*
 * The dimensions as meta.json's "matrix" object stores them, into o: one
 * array per row, named .name, in table order; "cpus" only when given.
 */
void sb_matrix_dims_json(const struct sb_matrix *m, json_t *o);

#endif /* SB_BENCH_MATRIX_H */
