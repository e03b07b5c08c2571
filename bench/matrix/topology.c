// SPDX-License-Identifier: GPL-2.0
/* Topology loading; see topology.h. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "matrix/topology.h"
#include "sb_config.h"

/*
 * The number of PUs a synthetic description asks for: the product of its
 * levels' arities ("pack:2 numa:2 core:8 pu:2", or bare "2 2 8 2"; an
 * attribute list "(...)" and attached memory "[...]" do not multiply).
 * hwloc builds every object before it could say "too many", and
 * "pack:1000 core:1000 pu:10" takes it minutes and gigabytes, so count
 * first. Returns the count, capped at SB_MAX_CPUS + 1; 0 when a level's
 * arity cannot be read (hwloc then says what is wrong).
 */
static unsigned long sb_synthetic_pus(const char *desc)
{
	unsigned long n = 1;
	const char *p = desc;

	for (;;) {
		unsigned long a = 0;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			return n;
		if (*p == '[') {	/* attached memory: not a level */
			p = strchr(p, ']');
			if (!p)
				return 0;
			p++;
			continue;
		}
		while (isalpha((unsigned char)*p) || *p == ':')
			p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p) && a <= SB_MAX_CPUS)
			a = a * 10 + (unsigned long)(*p++ - '0');
		while (isdigit((unsigned char)*p))
			p++;
		n *= a;
		if (n > SB_MAX_CPUS)
			return SB_MAX_CPUS + 1;
		if (*p == '(') {	/* attributes of the level */
			p = strchr(p, ')');
			if (!p)
				return 0;
			p++;
		}
	}
}

/* Every PU's OS index within what a config's CPU list can name. */
static int sb_topo_check_size(hwloc_topology_t t, char *err, size_t errlen)
{
	int i, n = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PU);

	if (n < 1) {
		snprintf(err, errlen, "the topology has no usable CPU");
		return -1;
	}
	for (i = 0; i < n; i++) {
		hwloc_obj_t pu = hwloc_get_obj_by_type(t, HWLOC_OBJ_PU, i);

		if (pu->os_index >= SB_MAX_CPUS) {
			snprintf(err, errlen,
				 "the topology has CPU %u; syncbench handles CPUs 0..%d",
				 pu->os_index, SB_MAX_CPUS - 1);
			return -1;
		}
	}
	return 0;
}

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
	if (synthetic && sb_synthetic_pus(synthetic) > SB_MAX_CPUS) {
		snprintf(err, errlen,
			 "synthetic topology '%s' has more than %d CPUs (the product of "
			 "its arities); syncbench handles CPUs 0..%d",
			 synthetic, SB_MAX_CPUS, SB_MAX_CPUS - 1);
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
	if (sb_topo_check_size(t, err, errlen))
		goto fail;
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
