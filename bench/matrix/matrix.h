/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmark matrix: comma lists per dimension (backend, prim, threads,
 * placement, mem, update_pct, list_len, cs_ns, think_ns, irq_hz) expanded
 * into points, each with its CPU list resolved on the topology its backend
 * runs on, its config text and a stable id:
 *
 *   <backend>/<prim>/t<threads>/<placement>/u<update_pct>/l<list_len>/
 *   cs<cs_ns>/th<think_ns>[/irq<irq_hz>][/mem-<policy>]
 *
 * The id names everything that defines the point, so the same point gets the
 * same id across repeats and across runs (--resume relies on this). Run-wide
 * settings (duration, warm-up, --set keys) live in the run's meta.json.
 */
#ifndef SB_BENCH_MATRIX_H
#define SB_BENCH_MATRIX_H

#include <stddef.h>
#include <hwloc.h>

#include "sb_config.h"
#include "matrix/placement.h"

#define SB_MAX_DIM 64
#define SB_ID_LEN 160

enum sb_backend_kind { SB_BK_USER, SB_BK_KERNEL, SB_BK_VM, SB_NR_BK };
extern const char *const sb_backend_names[SB_NR_BK];

struct sb_ulist {
	int n;
	unsigned long long v[SB_MAX_DIM];
};

struct sb_matrix {
	int nbackends;
	enum sb_backend_kind backends[SB_NR_BK];
	int nprims;
	char prims[SB_MAX_DIM][SB_PRIM_LEN];
	int nthreads;
	int threads[SB_MAX_DIM];	/* 0 = max */
	int nplaces;
	enum sb_place places[SB_NR_PLACES];
	int nexplicit;
	int explicit_cpus[SB_MAX_THREADS];
	int nmems;
	struct sb_mem mems[8];
	struct sb_ulist update_pct, list_len, cs_ns, think_ns, irq_hz;
	unsigned long long duration_ms, warmup_ms;
	int repeat;
	char extra[512];	/* --set: more key=value pairs, every point */
};

struct sb_point {
	enum sb_backend_kind backend;
	char prim[SB_PRIM_LEN];
	int threads;
	enum sb_place place;
	struct sb_mem mem;
	unsigned long long update_pct, list_len, cs_ns, think_ns, irq_hz;
	int cpus[SB_MAX_THREADS];
	char id[SB_ID_LEN];
	char config[SB_CONFIG_TEXT_MAX];	/* key=value, one a line */
};

/* Defaults: user, spin, 1 thread, compact, local, u10 l64 cs0 th0 irq0. */
void sb_matrix_default(struct sb_matrix *m);

/*
 * Set one dimension from a comma list. dim is the long option name without
 * dashes: backend prim threads placement mem update-pct list-len cs-ns
 * think-ns irq-hz cpus. 0, or -1 with a reason naming the fix.
 */
int sb_matrix_set(struct sb_matrix *m, const char *dim, const char *list,
		  char *err, size_t errlen);

/* "1s", "200ms", "1.5s", "2m" into milliseconds; -1 with a reason. */
int sb_parse_duration_ms(const char *s, unsigned long long *ms, char *err,
			 size_t errlen);

/*
 * Expand into *points (malloc'd, *count entries). topo[b] is the topology of
 * backend b (the host's for user and kernel, the guest's for vm). Every
 * point's config is validated with the common parser for its side. 0, or -1
 * with a reason (placement that cannot give N threads, a bad value, ...).
 */
int sb_matrix_expand(const struct sb_matrix *m, hwloc_topology_t topo[SB_NR_BK],
		     struct sb_point **points, int *count, char *err,
		     size_t errlen);

/* Number of points sb_matrix_expand would give at most (before dedup). */
long sb_matrix_size(const struct sb_matrix *m);

#endif /* SB_BENCH_MATRIX_H */
