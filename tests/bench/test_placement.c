// SPDX-License-Identifier: GPL-2.0
/*
 * Placement policies on topologies this machine does not have: hwloc
 * synthetic descriptions and an XML export with an offline CPU.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "matrix/placement.h"
#include "matrix/topology.h"

static hwloc_topology_t load(const char *syn, const char *xml)
{
	hwloc_topology_t t;
	char err[256];

	if (sb_topo_load(&t, xml, syn, err, sizeof(err)))
		fail_msg("%s", err);
	return t;
}

/* cpus for n threads as "a,b,c", or the error text. */
static const char *place(hwloc_topology_t t, enum sb_place p, int n,
			 const int *ex, int nex)
{
	static char out[1024];
	int cpus[256], i;
	char err[256];

	if (sb_place_cpus(t, p, ex, nex, n, cpus, err, sizeof(err))) {
		snprintf(out, sizeof(out), "ERR %s", err);
		return out;
	}
	out[0] = '\0';
	for (i = 0; i < n; i++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%d",
			 i ? "," : "", cpus[i]);
	return out;
}

static void one_package_smt2(void **state)
{
	hwloc_topology_t t = load("pack:1 core:4 pu:2", NULL);

	(void)state;
	assert_string_equal(place(t, SB_PLACE_COMPACT, 3, NULL, 0), "0,1,2");
	assert_string_equal(place(t, SB_PLACE_CORES, 3, NULL, 0), "0,2,4");
	assert_string_equal(place(t, SB_PLACE_SPREAD, 5, NULL, 0),
			    "0,2,4,6,1");
	assert_int_equal(sb_place_max(t, SB_PLACE_COMPACT, NULL, 0), 8);
	assert_int_equal(sb_place_max(t, SB_PLACE_CORES, NULL, 0), 4);
	assert_int_equal(sb_place_max(t, SB_PLACE_SPREAD, NULL, 0), 8);
	assert_non_null(strstr(place(t, SB_PLACE_CORES, 5, NULL, 0),
			       "at most 4 threads"));
	assert_non_null(strstr(place(t, SB_PLACE_COMPACT, 9, NULL, 0),
			       "ERR"));
	assert_non_null(strstr(place(t, SB_PLACE_COMPACT, 0, NULL, 0),
			       "at least 1"));
	hwloc_topology_destroy(t);
}

static void two_packages_two_nodes(void **state)
{
	hwloc_topology_t t = load("pack:2 numa:2 core:8 pu:2", NULL);

	(void)state;
	assert_string_equal(place(t, SB_PLACE_COMPACT, 4, NULL, 0),
			    "0,1,2,3");
	assert_string_equal(place(t, SB_PLACE_CORES, 4, NULL, 0), "0,2,4,6");
	/* Packages alternate first, then the nodes inside them. */
	assert_string_equal(place(t, SB_PLACE_SPREAD, 4, NULL, 0),
			    "0,32,16,48");
	assert_string_equal(place(t, SB_PLACE_SPREAD, 8, NULL, 0),
			    "0,32,16,48,2,34,18,50");
	/* Every core once before any SMT sibling. */
	assert_string_equal(place(t, SB_PLACE_SPREAD, 33, NULL, 0) +
			    strlen(place(t, SB_PLACE_SPREAD, 33, NULL, 0)) - 5,
			    ",62,1");
	assert_int_equal(sb_place_max(t, SB_PLACE_CORES, NULL, 0), 32);
	assert_int_equal(sb_place_max(t, SB_PLACE_SPREAD, NULL, 0), 64);
	assert_non_null(strstr(place(t, SB_PLACE_CORES, 33, NULL, 0),
			       "at most 32"));
	assert_int_equal(sb_cpu_node(t, 48), 3);
	assert_int_equal(sb_cpu_node(t, 17), 1);
	assert_true(sb_topo_has_node(t, 3));
	assert_false(sb_topo_has_node(t, 4));
	hwloc_topology_destroy(t);
}

static void offline_cpu(void **state)
{
	hwloc_topology_t t = load(NULL, SB_TEST_DATA "/offline-cpu2.xml");
	int ok[] = { 1, 3 }, bad[] = { 1, 2 };

	(void)state;
	assert_int_equal(sb_place_max(t, SB_PLACE_COMPACT, NULL, 0), 7);
	assert_string_equal(place(t, SB_PLACE_COMPACT, 4, NULL, 0),
			    "0,1,3,4");
	/* Core 1 lost its first PU: its other PU stands in. */
	assert_string_equal(place(t, SB_PLACE_CORES, 4, NULL, 0), "0,3,4,6");
	assert_string_equal(place(t, SB_PLACE_SPREAD, 7, NULL, 0),
			    "0,4,3,6,1,5,7");
	assert_string_equal(place(t, SB_PLACE_EXPLICIT, 2, ok, 2), "1,3");
	assert_non_null(strstr(place(t, SB_PLACE_EXPLICIT, 2, bad, 2),
			       "CPU 2 is not an online CPU"));
	assert_non_null(strstr(place(t, SB_PLACE_EXPLICIT, 3, ok, 2),
			       "at most 2"));
	hwloc_topology_destroy(t);
}

static void vm_topology(void **state)
{
	hwloc_topology_t t;
	char err[256];

	(void)state;
	assert_int_equal(sb_topo_load_vm(&t, 4, 2, err, sizeof(err)), 0);
	assert_string_equal(place(t, SB_PLACE_SPREAD, 2, NULL, 0), "0,2");
	assert_int_equal(sb_cpu_node(t, 3), 1);
	hwloc_topology_destroy(t);
	assert_int_equal(sb_topo_load_vm(&t, 3, 2, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "multiple"));
}

static void bad_topologies(void **state)
{
	hwloc_topology_t t;
	char err[256];

	(void)state;
	assert_int_equal(sb_topo_load(&t, NULL, "pack:two", err,
				      sizeof(err)), -1);
	assert_non_null(strstr(err, "synthetic"));
	assert_int_equal(sb_topo_load(&t, "/nonexistent.xml", NULL, err,
				      sizeof(err)), -1);
	assert_non_null(strstr(err, "lstopo"));
}

static void policy_and_mem_names(void **state)
{
	struct sb_mem m;
	enum sb_place p;
	char err[256], buf[32];

	(void)state;
	assert_int_equal(sb_place_parse("spread", &p), 0);
	assert_int_equal(p, SB_PLACE_SPREAD);
	assert_int_equal(sb_place_parse("Spread", &p), -1);
	assert_int_equal(sb_mem_parse("node=3", &m, err, sizeof(err)), 0);
	assert_int_equal(m.node, 3);
	sb_mem_format(&m, buf, sizeof(buf));
	assert_string_equal(buf, "node=3");
	assert_int_equal(sb_mem_parse("interleave", &m, err, sizeof(err)), 0);
	assert_int_equal(m.kind, SB_MEM_INTERLEAVE);
	assert_int_equal(sb_mem_parse("node=", &m, err, sizeof(err)), -1);
	assert_int_equal(sb_mem_parse("node=-1", &m, err, sizeof(err)), -1);
	assert_int_equal(sb_mem_parse("remote", &m, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "local, node=N"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_package_smt2),
		cmocka_unit_test(two_packages_two_nodes),
		cmocka_unit_test(offline_cpu),
		cmocka_unit_test(vm_topology),
		cmocka_unit_test(bad_topologies),
		cmocka_unit_test(policy_and_mem_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
