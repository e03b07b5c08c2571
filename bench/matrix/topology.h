/* SPDX-License-Identifier: GPL-2.0 */
/* Loading the hwloc topology the driver places threads on. */
#ifndef SB_BENCH_TOPOLOGY_H
#define SB_BENCH_TOPOLOGY_H

#include <stddef.h>
#include <hwloc.h>

/*
 * This machine (xml and synthetic NULL), an exported XML file, or a synthetic
 * description such as "pack:2 numa:2 core:8 pu:2". 0, or -1 with a reason.
 */
int sb_topo_load(hwloc_topology_t *topo, const char *xml,
		 const char *synthetic, char *err, size_t errlen);

/*
 * The topology of a QEMU guest started with -smp cpus and nodes NUMA nodes
 * (one socket per node, one thread per core): what the vm backend places on.
 */
int sb_topo_load_vm(hwloc_topology_t *topo, int cpus, int nodes, char *err,
		    size_t errlen);

#endif /* SB_BENCH_TOPOLOGY_H */
