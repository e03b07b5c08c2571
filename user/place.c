// SPDX-License-Identifier: GPL-2.0
/* Thread binding with hwloc, list memory with libnuma; see place.h. */
#include <errno.h>
#include <numa.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include "place.h"

static void sb_set_str(hwloc_const_bitmap_t set, char *buf, size_t len)
{
	if (hwloc_bitmap_iszero(set))
		sb_snprintf(buf, len, "none");
	else
		hwloc_bitmap_list_snprintf(buf, len, set);
}

static int sb_check_cpus(struct sb_place *p, const struct sb_config *cfg,
			 int oversubscribe, char *err, size_t errlen)
{
	hwloc_const_bitmap_t all = hwloc_topology_get_complete_cpuset(p->topo);
	hwloc_bitmap_t allowed = hwloc_bitmap_alloc();
	char allowed_s[128], all_s[128];
	unsigned int n = 0, nr_allowed, i;
	cpu_set_t mask;
	int cpu = -1, rc = -1, k = -1;

	if (!allowed) {
		sb_snprintf(err, errlen, "out of memory");
		return -2;
	}
	/* What this process may run on (taskset, cgroups), within hwloc's. */
	if (sched_getaffinity(0, sizeof(mask), &mask)) {
		sb_snprintf(err, errlen, "sched_getaffinity: %s",
			    strerror(errno));
		rc = -2;
		goto out;
	}
	for (i = 0; i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &mask) && hwloc_bitmap_isset(all, i))
			hwloc_bitmap_set(allowed, i);
	nr_allowed = (unsigned int)hwloc_bitmap_weight(allowed);
	sb_set_str(allowed, allowed_s, sizeof(allowed_s));
	sb_set_str(all, all_s, sizeof(all_s));
	if (cfg->nr_cpus > nr_allowed && !oversubscribe) {
		sb_snprintf(err, errlen,
			    "cpus: %u threads but only %u CPUs allowed (%s); "
			    "accepted: at most %u CPUs, or --oversubscribe",
			    cfg->nr_cpus, nr_allowed, allowed_s, nr_allowed);
		goto out;
	}
	while ((cpu = sb_config_next_cpu(cfg, cpu)) >= 0) {
		if (hwloc_bitmap_isset(allowed, cpu)) {
			p->cpu[n++] = (unsigned int)cpu;
			continue;
		}
		if (!oversubscribe) {
			sb_snprintf(err, errlen, hwloc_bitmap_isset(all, cpu) ?
				    "cpus: CPU %d is not allowed for this process (accepted: %s)" :
				    "cpus: CPU %d does not exist (accepted: %s)",
				    cpu, allowed_s);
			goto out;
		}
		/* --oversubscribe: fold it onto the allowed CPUs in turn */
		k = hwloc_bitmap_next(allowed, k);
		if (k < 0)
			k = hwloc_bitmap_first(allowed);
		p->cpu[n++] = (unsigned int)k;
	}
	p->nr_threads = n;
	rc = 0;
out:
	hwloc_bitmap_free(allowed);
	return rc;
}

static int sb_check_node(struct sb_place *p, const struct sb_config *cfg,
			 char *err, size_t errlen)
{
	int max;

	p->node = -1;
	p->numa = numa_available() >= 0;
	if (!p->numa) {
		if (cfg->node > 0) {
			sb_snprintf(err, errlen,
				    "node: NUMA node %lld does not exist (accepted: -1 or 0; this machine has no NUMA)",
				    (long long)cfg->node);
			return -1;
		}
		sb_snprintf(p->numa_note, sizeof(p->numa_note),
			    "no-numa:first-touch");
		return 0;
	}
	max = numa_max_node();
	if (cfg->node > max ||
	    (cfg->node >= 0 && !numa_bitmask_isbitset(numa_all_nodes_ptr,
						      (unsigned int)cfg->node))) {
		sb_snprintf(err, errlen,
			    "node: NUMA node %lld does not exist or is not allowed (accepted: -1 to %d)",
			    (long long)cfg->node, max);
		return -1;
	}
	p->node = (int)cfg->node;
	if (p->node >= 0)
		sb_snprintf(p->numa_note, sizeof(p->numa_note), "node%d",
			    p->node);
	else
		sb_snprintf(p->numa_note, sizeof(p->numa_note),
			    "first-touch:cpu%u", p->cpu[0]);
	return 0;
}

int sb_place_init(struct sb_place *p, const struct sb_config *cfg,
		  int oversubscribe, char *err, size_t errlen)
{
	int rc;

	memset(p, 0, sizeof(*p));
	if (hwloc_topology_init(&p->topo) ||
	    hwloc_topology_set_flags(p->topo,
				     HWLOC_TOPOLOGY_FLAG_INCLUDE_DISALLOWED) ||
	    hwloc_topology_load(p->topo)) {
		sb_snprintf(err, errlen, "hwloc: cannot load the topology");
		return -2;
	}
	/*
	 * Binding on a synthetic or XML topology is a silent no-op: refuse
	 * rather than report unpinned numbers as pinned ones.
	 */
	if (!hwloc_topology_is_thissystem(p->topo)) {
		sb_snprintf(err, errlen,
			    "cpus: the hwloc topology is not this machine "
			    "(HWLOC_XMLFILE or HWLOC_SYNTHETIC set?); "
			    "cannot pin threads");
		return -1;
	}
	rc = sb_check_cpus(p, cfg, oversubscribe, err, errlen);
	if (!rc)
		rc = sb_check_node(p, cfg, err, errlen);
	return rc;
}

void sb_place_fini(struct sb_place *p)
{
	if (p->topo)
		hwloc_topology_destroy(p->topo);
	p->topo = NULL;
}

int sb_place_bind_self(struct sb_place *p, unsigned int cpu)
{
	hwloc_bitmap_t set = hwloc_bitmap_alloc();
	int rc;

	if (!set)
		return -ENOMEM;
	hwloc_bitmap_only(set, cpu);
	rc = hwloc_set_cpubind(p->topo, set, HWLOC_CPUBIND_THREAD);
	hwloc_bitmap_free(set);
	if (rc)
		return -errno;
	/* Bound means the kernel moves us before returning; verify it. */
	if (sched_getcpu() != (int)cpu)
		return -EAGAIN;
	return 0;
}

#define SB_CENSUS_BATCH 256
#define SB_CENSUS_NODES 64

/* One bucket's entries into @count by node; -1 if the kernel says no. */
static int sb_census_bucket(struct sb_bucket *bk, sb_u64 *count,
			    sb_u64 *seen, sb_u64 max)
{
	struct cds_list_head *pos = bk->head.next;
	void *pages[SB_CENSUS_BATCH];
	int status[SB_CENSUS_BATCH];
	int i, n;

	while (pos != &bk->head && *seen <= max) {
		for (n = 0; n < SB_CENSUS_BATCH && pos != &bk->head &&
		     *seen <= max; n++, (*seen)++, pos = pos->next)
			pages[n] = cds_list_entry(pos, struct sb_entry, node);
		/* nodes NULL: move nothing, report each page's node */
		if (numa_move_pages(0, (unsigned long)n, pages, NULL, status,
				    0))
			return -1;
		for (i = 0; i < n; i++)
			count[status[i] >= 0 && status[i] < SB_CENSUS_NODES ?
			      status[i] : SB_CENSUS_NODES]++;
	}
	return 0;
}

void sb_place_census(struct sb_place *p, struct sb_list *l, char *buf,
		     size_t len)
{
	sb_u64 count[SB_CENSUS_NODES + 1] = { 0 };	/* last: elsewhere */
	sb_u64 seen = 0;
	struct sb_buf b;
	unsigned int k;
	int i;

	sb_buf_init(&b, buf, len);
	if (!p->numa) {
		sb_bprintf(&b, "unknown");
		return;
	}
	for (k = 0; k < l->nbuckets; k++)
		if (sb_census_bucket(sb_bucket_at(l, k), count, &seen,
				     l->len)) {
			sb_bprintf(&b, "unknown");
			return;
		}
	for (i = 0; i < SB_CENSUS_NODES; i++)
		if (count[i])
			sb_bprintf(&b, "%snode%d:%llu", b.n ? "," : "", i,
				   (unsigned long long)count[i]);
	if (count[SB_CENSUS_NODES])
		sb_bprintf(&b, "%sother:%llu", b.n ? "," : "",
			   (unsigned long long)count[SB_CENSUS_NODES]);
	if (!b.n)
		sb_bprintf(&b, "empty");
}

void *sb_place_alloc(size_t bytes, void *place)
{
	struct sb_place *p = place;
	void *mem;

	if (p->node >= 0)
		return numa_alloc_onnode(bytes, p->node);
	/* -1: the pages are touched (and so placed) by the caller's CPU */
	mem = aligned_alloc(64, (bytes + 63) & ~(size_t)63);
	if (mem)
		memset(mem, 0, bytes);
	return mem;
}

void sb_place_free(struct sb_place *p, void *mem, size_t bytes)
{
	if (!mem)
		return;
	if (p->node >= 0)
		numa_free(mem, bytes);
	else
		free(mem);
}
