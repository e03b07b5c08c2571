/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Placement: which CPU each thread is bound to (hwloc), where the list
 * memory goes (libnuma), and the checks that refuse a CPU or node that
 * does not exist or is not allowed, before anything runs.
 */
#ifndef SB_USER_PLACE_H
#define SB_USER_PLACE_H

#include <hwloc.h>
#include "sb_config.h"
#include "list.h"

struct sb_place {
	hwloc_topology_t topo;
	unsigned int nr_threads;
	unsigned int cpu[SB_MAX_THREADS];	/* thread i -> OS CPU */
	int numa;		/* libnuma usable */
	int node;		/* node for the list, -1 = first-touch */
	char numa_note[96];	/* how the list memory was placed */
};

/*
 * Load the topology and check cfg against it: every CPU must exist and be
 * allowed for this process, and there must be at least as many allowed
 * CPUs as threads unless @oversubscribe (then threads beyond them share
 * the allowed CPUs round-robin); node must exist. Returns 0, or -1 with
 * one line naming the key and the accepted range in err (bad input), or
 * -2 with err when the machine could not be inspected (internal error).
 * A machine without NUMA is not an error for node=-1 or 0: numa_note
 * says so.
 */
int sb_place_init(struct sb_place *p, const struct sb_config *cfg,
		  int oversubscribe, char *err, size_t errlen);
void sb_place_fini(struct sb_place *p);

/* Bind the calling thread to one CPU and check that it runs there. */
int sb_place_bind_self(struct sb_place *p, unsigned int cpu);
/*
 * Where the live list's entries are: "node0:60,node1:4" (entries per NUMA
 * node of the page holding each), "unknown" without libnuma. After the
 * run, with the list quiescent; the walk is bounded by the list's length.
 */
void sb_place_census(struct sb_place *p, struct sb_list *l, char *buf,
		     size_t len);
/* The list memory, on p->node (or first-touch by the caller's CPU). */
void *sb_place_alloc(size_t bytes, void *place);
void sb_place_free(struct sb_place *p, void *mem, size_t bytes);

#endif /* SB_USER_PLACE_H */
