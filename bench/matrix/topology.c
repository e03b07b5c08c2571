// SPDX-License-Identifier: GPL-2.0
/* Topology loading; see topology.h. */
#include <stdio.h>

#include "matrix/topology.h"

int sb_topo_load(hwloc_topology_t *topo, const char *xml,
		 const char *synthetic, char *err, size_t errlen)
{
	hwloc_topology_t t;

	if (hwloc_topology_init(&t)) {
		snprintf(err, errlen, "hwloc_topology_init failed");
		return -1;
	}
	if (xml && hwloc_topology_set_xml(t, xml)) {
		snprintf(err, errlen,
			 "cannot read topology XML '%s': give a file written by `lstopo FILE.xml` "
			 "or `hwloc-gather-topology`",
			 xml);
		goto fail;
	}
	if (synthetic && hwloc_topology_set_synthetic(t, synthetic)) {
		snprintf(err, errlen,
			 "bad synthetic topology '%s': use hwloc's syntax, e.g. \"pack:2 numa:2 "
			 "core:8 pu:2\"",
			 synthetic);
		goto fail;
	}
	if (hwloc_topology_load(t)) {
		snprintf(err, errlen, "hwloc could not load the topology");
		goto fail;
	}
	if (hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PU) < 1) {
		snprintf(err, errlen, "the topology has no usable CPU");
		goto fail;
	}
	*topo = t;
	return 0;
fail:
	hwloc_topology_destroy(t);
	return -1;
}

int sb_topo_load_vm(hwloc_topology_t *topo, int cpus, int nodes, char *err,
		    size_t errlen)
{
	char desc[96];

	if (cpus < 1 || nodes < 1 || cpus % nodes) {
		snprintf(err, errlen,
			 "--vm-cpus %d cannot be split evenly over --vm-numa %d nodes: make the "
			 "CPU count a multiple of the node count",
			 cpus, nodes);
		return -1;
	}
	if (nodes > 1)
		snprintf(desc, sizeof(desc), "pack:%d numa:1 core:%d pu:1",
			 nodes, cpus / nodes);
	else
		snprintf(desc, sizeof(desc), "pack:1 core:%d pu:1", cpus);
	return sb_topo_load(topo, NULL, desc, err, errlen);
}
