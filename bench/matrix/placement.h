/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Thread placement and memory policy, computed from an hwloc topology (the
 * machine's, an XML file or a synthetic description), so that tests can check
 * the exact CPU lists on machines they do not run on.
 *
 * Only usable PUs count: hwloc leaves offline and disallowed CPUs out of the
 * tree, so a machine with an offline CPU simply has one PU fewer.
 *
 * Policies, for n threads:
 *   compact  - PUs in hwloc's logical order: the SMT siblings of a core, then
 *              the next core, then the next package (shares caches first);
 *   cores    - the first PU of each core in logical order (one thread per
 *              core, no SMT sharing); at most one thread per core;
 *   spread   - round-robin across the NUMA nodes (or packages when there is
 *              one node), alternating packages first, and inside a domain
 *              one PU per core before any SMT sibling;
 *   explicit - the first n CPUs of a given list, which must all be usable.
 */
#ifndef SB_BENCH_PLACEMENT_H
#define SB_BENCH_PLACEMENT_H

#include <stddef.h>
#include <hwloc.h>

enum sb_place {
	SB_PLACE_COMPACT,
	SB_PLACE_CORES,
	SB_PLACE_SPREAD,
	SB_PLACE_EXPLICIT,
	SB_NR_PLACES
};

extern const char *const sb_place_names[SB_NR_PLACES];

/* "compact" etc. into *p; -1 if unknown. */
int sb_place_parse(const char *name, enum sb_place *p);

/*
 * Most threads policy p can place on topo (explicit: the list's length).
 * explicit_cpus/nexplicit are only read for SB_PLACE_EXPLICIT.
 */
int sb_place_max(hwloc_topology_t topo, enum sb_place p,
		 const int *explicit_cpus, int nexplicit);

/*
 * The OS CPU numbers for n threads into cpus[0..n). 0, or -1 with a reason
 * naming the fix in err (n larger than the policy allows, an explicit CPU
 * that is not usable).
 */
int sb_place_cpus(hwloc_topology_t topo, enum sb_place p,
		  const int *explicit_cpus, int nexplicit, int n, int *cpus,
		  char *err, size_t errlen);

/* Memory policy of the list: the first thread's node, a node, interleave. */
enum sb_mem_kind { SB_MEM_LOCAL, SB_MEM_NODE, SB_MEM_INTERLEAVE };

struct sb_mem {
	enum sb_mem_kind kind;
	int node;	/* SB_MEM_NODE */
};

/* "local", "node=N", "interleave"; -1 with a reason. */
int sb_mem_parse(const char *s, struct sb_mem *m, char *err, size_t errlen);
/* Text form, as parsed. */
void sb_mem_format(const struct sb_mem *m, char *buf, size_t len);
/* Does node os_index exist (and have memory) in topo? */
int sb_topo_has_node(hwloc_topology_t topo, int node);
/* The NUMA node (OS index) of a CPU, or -1 when unknown. */
int sb_cpu_node(hwloc_topology_t topo, int cpu);

#endif /* SB_BENCH_PLACEMENT_H */
