// SPDX-License-Identifier: GPL-2.0
/* Placement policies and memory policy; see placement.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matrix/placement.h"

const char *const sb_place_names[SB_NR_PLACES] = {
	[SB_PLACE_COMPACT] = "compact",
	[SB_PLACE_CORES] = "cores",
	[SB_PLACE_SPREAD] = "spread",
	[SB_PLACE_EXPLICIT] = "explicit",
};

int sb_place_parse(const char *name, enum sb_place *p)
{
	int i;

	for (i = 0; i < SB_NR_PLACES; i++)
		if (!strcmp(name, sb_place_names[i])) {
			*p = i;
			return 0;
		}
	return -1;
}

/* One usable PU: its OS number, rank among its core's PUs, its domain. */
struct sb_pu {
	int os;
	int rank;
	int domain;
};

static int sb_nr_pus(hwloc_topology_t topo)
{
	int n = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PU);

	return n < 0 ? 0 : n;
}

/*
 * The domains spread cycles through: NUMA nodes that have CPUs when there
 * are several, else packages, else the whole machine. Returned in spread
 * order: the first domain of each package, then the second of each, ...
 * so consecutive threads land on different packages first.
 */
static int sb_domains(hwloc_topology_t topo, hwloc_const_cpuset_t *out,
		      int max)
{
	hwloc_obj_type_t type = HWLOC_OBJ_NUMANODE;
	int nr = 0, i, n, npack, k, added = 0;
	hwloc_const_cpuset_t tmp[256];
	int pack_of[256];

	n = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_NUMANODE);
	for (i = 0; i < n; i++) {
		hwloc_obj_t o = hwloc_get_obj_by_type(topo, type, i);

		if (o->cpuset && !hwloc_bitmap_iszero(o->cpuset))
			nr++;
	}
	if (nr <= 1) {
		type = HWLOC_OBJ_PACKAGE;
		n = hwloc_get_nbobjs_by_type(topo, type);
		if (n <= 1) {
			out[0] = hwloc_topology_get_topology_cpuset(topo);
			return 1;
		}
	}
	nr = 0;
	npack = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PACKAGE);
	for (i = 0; i < n && nr < 256 && nr < max; i++) {
		hwloc_obj_t o = hwloc_get_obj_by_type(topo, type, i);
		hwloc_obj_t pk;
		int first;

		if (!o->cpuset || hwloc_bitmap_iszero(o->cpuset))
			continue;
		first = hwloc_bitmap_first(o->cpuset);
		pk = hwloc_get_pu_obj_by_os_index(topo, (unsigned int)first);
		pk = pk ? hwloc_get_ancestor_obj_by_type(topo,
				HWLOC_OBJ_PACKAGE, pk) : NULL;
		tmp[nr] = o->cpuset;
		pack_of[nr++] = pk ? (int)pk->logical_index : 0;
	}
	if (npack < 1)
		npack = 1;
	/* k-th domain of every package in turn. */
	for (k = 0; added < nr; k++) {
		int p;

		for (p = 0; p < npack; p++) {
			int seen = 0;

			for (i = 0; i < nr; i++) {
				if (pack_of[i] != p)
					continue;
				if (seen++ == k) {
					out[added++] = tmp[i];
					break;
				}
			}
		}
	}
	return nr;
}

/* Every usable PU in logical order, with core rank and spread domain. */
static struct sb_pu *sb_pus(hwloc_topology_t topo, int *count)
{
	hwloc_const_cpuset_t dom[256];
	int n = sb_nr_pus(topo), nd, i, d;
	struct sb_pu *pus = calloc((size_t)n + 1, sizeof(*pus));

	if (!pus)
		abort();
	nd = sb_domains(topo, dom, 256);
	for (i = 0; i < n; i++) {
		hwloc_obj_t pu = hwloc_get_obj_by_type(topo, HWLOC_OBJ_PU, i);
		hwloc_obj_t core = hwloc_get_ancestor_obj_by_type(topo,
					HWLOC_OBJ_CORE, pu);

		pus[i].os = (int)pu->os_index;
		pus[i].rank = 0;
		if (core) {
			/* Rank among the core's usable PUs, by OS order. */
			int c = -1;

			hwloc_bitmap_foreach_begin(c, core->cpuset)
				if ((unsigned int)c == pu->os_index)
					break;
				if (hwloc_get_pu_obj_by_os_index(topo,
						(unsigned int)c))
					pus[i].rank++;
			hwloc_bitmap_foreach_end();
		}
		pus[i].domain = 0;
		for (d = 0; d < nd; d++)
			if (hwloc_bitmap_isset(dom[d], pu->os_index)) {
				pus[i].domain = d;
				break;
			}
	}
	*count = n;
	return pus;
}

int sb_place_max(hwloc_topology_t topo, enum sb_place p,
		 const int *explicit_cpus, int nexplicit)
{
	struct sb_pu *pus;
	int n, i, m = 0;

	(void)explicit_cpus;
	switch (p) {
	case SB_PLACE_EXPLICIT:
		return nexplicit;
	case SB_PLACE_CORES:
		pus = sb_pus(topo, &n);
		for (i = 0; i < n; i++)
			m += pus[i].rank == 0;
		free(pus);
		return m;
	default:
		return sb_nr_pus(topo);
	}
}

static void sb_spread(const struct sb_pu *pus, int npu, int n, int *cpus)
{
	int nd = 0, i, got = 0, *next;

	for (i = 0; i < npu; i++)
		if (pus[i].domain + 1 > nd)
			nd = pus[i].domain + 1;
	next = calloc((size_t)nd, sizeof(*next));
	if (!next)
		abort();
	/*
	 * next[d] walks domain d's PUs ordered by (core rank, logical index):
	 * every core once before any SMT sibling. Encoded as rank * npu + i.
	 */
	while (got < n) {
		int d;

		for (d = 0; d < nd && got < n; d++) {
			int best = -1, bestkey = 0;

			for (i = 0; i < npu; i++) {
				int key = pus[i].rank * npu + i;

				if (pus[i].domain != d || key < next[d])
					continue;
				if (best < 0 || key < bestkey) {
					best = i;
					bestkey = key;
				}
			}
			if (best < 0)
				continue;
			cpus[got++] = pus[best].os;
			next[d] = bestkey + 1;
		}
	}
	free(next);
}

int sb_place_cpus(hwloc_topology_t topo, enum sb_place p,
		  const int *explicit_cpus, int nexplicit, int n, int *cpus,
		  char *err, size_t errlen)
{
	int max = sb_place_max(topo, p, explicit_cpus, nexplicit);
	struct sb_pu *pus;
	int npu, i, got = 0;

	if (n < 1) {
		snprintf(err, errlen, "thread count must be at least 1");
		return -1;
	}
	if (n > max) {
		snprintf(err, errlen,
			 "placement %s can place at most %d thread%s here, not %d: use --threads "
			 "max or fewer, or another --placement",
			 sb_place_names[p], max, max == 1 ? "" : "s", n);
		return -1;
	}
	if (p == SB_PLACE_EXPLICIT) {
		for (i = 0; i < n; i++) {
			if (!hwloc_get_pu_obj_by_os_index(topo,
					(unsigned int)explicit_cpus[i])) {
				char online[128];

				hwloc_bitmap_list_snprintf(online,
					sizeof(online),
					hwloc_topology_get_topology_cpuset(topo));
				snprintf(err, errlen,
					 "--cpus: explicit CPU %d is not an online CPU of this topology "
					 "(accepted: %s; see `syncbench topo`)",
					 explicit_cpus[i], online);
				return -1;
			}
			cpus[i] = explicit_cpus[i];
		}
		return 0;
	}
	pus = sb_pus(topo, &npu);
	if (p == SB_PLACE_SPREAD) {
		sb_spread(pus, npu, n, cpus);
	} else {
		for (i = 0; i < npu && got < n; i++)
			if (p == SB_PLACE_COMPACT || pus[i].rank == 0)
				cpus[got++] = pus[i].os;
	}
	free(pus);
	return 0;
}

int sb_mem_parse(const char *s, struct sb_mem *m, char *err, size_t errlen)
{
	char *end;
	long v;

	if (!strcmp(s, "local")) {
		m->kind = SB_MEM_LOCAL;
		m->node = -1;
		return 0;
	}
	if (!strcmp(s, "interleave")) {
		m->kind = SB_MEM_INTERLEAVE;
		m->node = -1;
		return 0;
	}
	if (!strncmp(s, "node=", 5) && s[5]) {
		v = strtol(s + 5, &end, 10);
		if (!*end && v >= 0 && v < 1024) {
			m->kind = SB_MEM_NODE;
			m->node = (int)v;
			return 0;
		}
	}
	snprintf(err, errlen,
		 "bad memory policy '%s': use local, node=N (N >= 0) or interleave",
		 s);
	return -1;
}

void sb_mem_format(const struct sb_mem *m, char *buf, size_t len)
{
	if (m->kind == SB_MEM_NODE)
		snprintf(buf, len, "node=%d", m->node);
	else
		snprintf(buf, len, "%s",
			 m->kind == SB_MEM_LOCAL ? "local" : "interleave");
}

int sb_topo_has_node(hwloc_topology_t topo, int node)
{
	hwloc_obj_t o = NULL;

	while ((o = hwloc_get_next_obj_by_type(topo, HWLOC_OBJ_NUMANODE, o)))
		if ((int)o->os_index == node)
			return 1;
	return 0;
}

int sb_cpu_node(hwloc_topology_t topo, int cpu)
{
	hwloc_obj_t o = NULL;

	while ((o = hwloc_get_next_obj_by_type(topo, HWLOC_OBJ_NUMANODE, o)))
		if (o->cpuset && hwloc_bitmap_isset(o->cpuset,
						    (unsigned int)cpu))
			return (int)o->os_index;
	return -1;
}
