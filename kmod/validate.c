// SPDX-License-Identifier: GPL-2.0
/*
 * Checks that need this machine or a primitive, on top of the generic ones
 * in common/sb_config.c: run both on every config write (before anything
 * changes) and again when a run starts (a CPU may have gone offline since).
 */
#include <linux/cpumask.h>
#include <linux/nodemask.h>
#include "prim.h"

int sb_validate(const struct sb_config *cfg, const struct sb_prim_ops **opsp,
		char *err, size_t errlen)
{
	const struct sb_prim_info *info;
	const struct sb_prim_ops *ops = sb_prim_find(cfg->prim, &info);
	char names[SB_PRIM_NAMES_LEN];
	int cpu;

	if (!ops) {
		sb_prim_names(names, sizeof(names), " ");
		sb_snprintf(err, errlen, "prim: '%s' is not one of: %s",
			    cfg->prim, names);
		return -1;
	}
	if (sb_config_check(cfg, err, errlen))
		return -1;
	/* By the catalogue's capabilities: contender, kfree_rcu, rcu_gp. */
	if (sb_prim_config_check(cfg, err, errlen))
		return -1;
	if (ops->check && ops->check(cfg, err, errlen))
		return -1;
	for (cpu = sb_config_next_cpu(cfg, -1); cpu >= 0;
	     cpu = sb_config_next_cpu(cfg, cpu)) {
		if (cpu >= nr_cpu_ids || !cpu_online(cpu)) {
			sb_snprintf(err, errlen,
				    "cpus: CPU %d is not online (online: %*pbl)",
				    cpu, cpumask_pr_args(cpu_online_mask));
			return -1;
		}
	}
	if (cfg->node >= 0 &&
	    (cfg->node >= MAX_NUMNODES || !node_online(cfg->node))) {
		sb_snprintf(err, errlen,
			    "node: NUMA node %lld is not online (online: %*pbl)",
			    (long long)cfg->node,
			    nodemask_pr_args(&node_states[N_ONLINE]));
		return -1;
	}
	if (opsp)
		*opsp = ops;
	return 0;
}
