// SPDX-License-Identifier: GPL-2.0
/*
 * syncbench topo: the machine as hwloc sees it (or an XML / synthetic
 * topology), and the exact CPU list every placement policy gives for 1..N
 * threads, in thread order, plus what each memory policy means here.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/commands.h"
#include "matrix/matrix.h"
#include "matrix/placement.h"
#include "matrix/topology.h"
#include "util/util.h"

static void sb_topo_usage(FILE *f)
{
	fprintf(f,
"usage: syncbench topo [--topology FILE.xml | --synthetic DESC] [--cpus LIST]\n"
"Show packages, NUMA nodes, cores and PUs (SMT siblings) as hwloc sees them,\n"
"and the CPUs each placement policy uses for 1..N threads (thread i runs on\n"
"the i-th CPU listed).\n"
"\n"
"  --topology FILE.xml  read an hwloc XML export (lstopo FILE.xml) instead of\n"
"                       this machine\n"
"  --synthetic DESC     an hwloc synthetic topology, e.g. \"pack:2 numa:2 core:8 pu:2\"\n"
"  --cpus LIST          also show the explicit policy for this CPU list\n"
"\n"
"Policies: compact (SMT siblings, then cores, then packages), cores (one\n"
"thread per core), spread (round-robin over NUMA nodes / packages),\n"
"explicit (--cpus). Memory: local (the first thread's node), node=N,\n"
"interleave (user backend).\n"
"\n"
"Exit status: 0 shown, 2 bad input (an unknown option, an XML file or\n"
"synthetic description hwloc cannot load, a --cpus CPU the topology lacks;\n"
"one line on stderr, nothing on stdout).\n");
}

static int sb_count(hwloc_topology_t t, hwloc_obj_type_t type)
{
	int n = hwloc_get_nbobjs_by_type(t, type);

	return n < 0 ? 0 : n;
}

static void sb_print_set(const char *label, hwloc_const_bitmap_t set)
{
	char *s;

	hwloc_bitmap_list_asprintf(&s, set);
	printf("%s%s", label, s);
	free(s);
}

static void sb_topo_show(hwloc_topology_t t)
{
	hwloc_obj_t o = NULL;
	int pus = sb_count(t, HWLOC_OBJ_PU), cores = sb_count(t,
							       HWLOC_OBJ_CORE);

	printf("packages %d, NUMA nodes %d, cores %d, PUs %d",
	       sb_count(t, HWLOC_OBJ_PACKAGE), sb_count(t, HWLOC_OBJ_NUMANODE),
	       cores, pus);
	if (cores && pus > cores)
		printf(" (%d-way SMT)", pus / cores);
	printf("\n");
	sb_print_set("online CPUs: ", hwloc_topology_get_topology_cpuset(t));
	printf("\n");
	while ((o = hwloc_get_next_obj_by_type(t, HWLOC_OBJ_PACKAGE, o))) {
		printf("package %u:", o->os_index);
		sb_print_set(" cpus ", o->cpuset);
		printf("\n");
	}
	while ((o = hwloc_get_next_obj_by_type(t, HWLOC_OBJ_NUMANODE, o))) {
		printf("node %u:", o->os_index);
		sb_print_set(" cpus ", o->cpuset);
		if (o->attr && o->attr->numanode.local_memory)
			printf(", %llu MiB",
			       (unsigned long long)(o->attr->numanode.local_memory >> 20));
		printf("\n");
	}
	while ((o = hwloc_get_next_obj_by_type(t, HWLOC_OBJ_CORE, o))) {
		printf("core %u (L#%u):", o->os_index, o->logical_index);
		sb_print_set(" PUs ", o->cpuset);
		printf("\n");
	}
}

static void sb_topo_policy(hwloc_topology_t t, enum sb_place p,
			   const struct sb_matrix *m)
{
	int max = sb_place_max(t, p, m->explicit_cpus, m->nexplicit), n, i;
	int *cpus = calloc((size_t)max + 1, sizeof(*cpus));
	char err[256];

	if (!cpus)
		abort();
	printf("\nplacement %s (1..%d threads):\n", sb_place_names[p], max);
	for (n = 1; n <= max; n++) {
		if (sb_place_cpus(t, p, m->explicit_cpus, m->nexplicit, n,
				  cpus, err, sizeof(err))) {
			printf("  %3d  %s\n", n, err);
			continue;
		}
		printf("  %3d  ", n);
		for (i = 0; i < n; i++)
			printf("%s%d", i ? "," : "", cpus[i]);
		printf("\n");
	}
	free(cpus);
}

/* What the command line asked for. */
struct sb_topo_args {
	const char *xml, *syn;
	struct sb_matrix m;	/* only its explicit CPU list is used */
};

/* The options into *a; 0, 1 after --help, or -1 after an error line. */
static int sb_topo_parse(int argc, char **argv, struct sb_topo_args *a)
{
	static const struct option opts[] = {
		{ "topology", required_argument, NULL, 'x' },
		{ "synthetic", required_argument, NULL, 's' },
		{ "cpus", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[512];
	int opt;

	a->xml = a->syn = NULL;
	sb_matrix_default(&a->m);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (opt) {
		case 'x':
			a->xml = optarg;
			break;
		case 's':
			a->syn = optarg;
			break;
		case 'c':
			if (sb_matrix_set(&a->m, "cpus", optarg, err,
					  sizeof(err))) {
				sb_errf("syncbench topo: %s\n", err);
				return -1;
			}
			break;
		case 'h':
			sb_topo_usage(stdout);
			return 1;
		default:
			sb_errf("syncbench topo: unknown or incomplete option '%s': see syncbench "
				"topo --help\n",
				argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc) {
		sb_errf("syncbench topo: unexpected argument '%s': see syncbench topo "
				"--help\n",
			argv[optind]);
		return -1;
	}
	if (a->xml && a->syn) {
		sb_errf("syncbench topo: give --topology or --synthetic, not both\n");
		return -1;
	}
	return 0;
}

/* --cpus names CPUs this topology has; err says which not. */
static int sb_topo_check_cpus(hwloc_topology_t t, const struct sb_matrix *m,
			      char *err, size_t errlen)
{
	int *cpus, rc;

	if (!m->nexplicit)
		return 0;
	cpus = calloc((size_t)m->nexplicit, sizeof(*cpus));
	if (!cpus)
		abort();
	rc = sb_place_cpus(t, SB_PLACE_EXPLICIT, m->explicit_cpus,
			   m->nexplicit, m->nexplicit, cpus, err, errlen);
	free(cpus);
	return rc;
}

/* The memory policies, with the nodes this topology offers them. */
static void sb_topo_memory(hwloc_topology_t t)
{
	hwloc_obj_t o = NULL;
	char err[512];
	int p;

	printf("\nmemory policy (where the list lives):\n");
	printf("  local       the first thread's node:");
	for (p = 0; p < SB_PLACE_EXPLICIT; p++) {
		int cpu;

		if (sb_place_cpus(t, p, NULL, 0, 1, &cpu, err, sizeof(err)))
			continue;
		printf(" %s -> node %d%s", sb_place_names[p],
		       sb_cpu_node(t, cpu), p < SB_PLACE_SPREAD ? "," : "\n");
	}
	printf("  node=N      N one of:");
	while ((o = hwloc_get_next_obj_by_type(t, HWLOC_OBJ_NUMANODE, o)))
		printf(" %u", o->os_index);
	printf("\n  interleave  pages round-robin over every node (user backend only)\n");
}

int sb_cmd_topo(int argc, char **argv)
{
	struct sb_topo_args a;
	hwloc_topology_t t;
	char err[512];
	int p;

	p = sb_topo_parse(argc, argv, &a);
	if (p)
		return p > 0 ? 0 : 2;
	if (sb_topo_load(&t, a.xml, a.syn, err, sizeof(err))) {
		sb_errf("syncbench topo: %s\n", err);
		return 2;
	}
	/* Bad input is refused before anything is printed. */
	if (sb_topo_check_cpus(t, &a.m, err, sizeof(err))) {
		sb_errf("syncbench topo: %s\n", err);
		hwloc_topology_destroy(t);
		return 2;
	}
	printf("topology: %s%s%s\n", a.xml ? "XML " : a.syn ? "synthetic " :
	       "this machine", a.xml ? a.xml : a.syn ? a.syn : "", "");
	sb_topo_show(t);
	for (p = 0; p < SB_NR_PLACES; p++)
		if (p != SB_PLACE_EXPLICIT || a.m.nexplicit)
			sb_topo_policy(t, p, &a.m);
	sb_topo_memory(t);
	hwloc_topology_destroy(t);
	return 0;
}
