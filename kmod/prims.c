// SPDX-License-Identifier: GPL-2.0
/*
 * The registry: the catalogue's rows whose kernel column is 1, each paired
 * with its ops table sb_prim_<name> from prim_<name>.c. Nothing to edit
 * here when a primitive is added.
 */
#include <linux/printk.h>
#include <linux/string.h>
#include "defer.h"
#include "prim.h"

struct sb_prim_entry {
	const struct sb_prim_info *info;
	const struct sb_prim_ops *ops;
};

#define SB_PRIM_ENTRY(name)						\
	{ .info = &sb_prim_infos[SB_PRIM_IDX_##name], .ops = &sb_prim_##name },
#define SB_PRIM(name, k, u, fam, caps, color, pair, help)			\
	SB_PRIM_IF(k, SB_PRIM_ENTRY(name))
static const struct sb_prim_entry sb_prims[] = {
#include "sb_prims.def"
};
#undef SB_PRIM

const struct sb_prim_ops *sb_prim_find(const char *name,
				       const struct sb_prim_info **info)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sb_prims); i++)
		if (!strcmp(sb_prims[i].info->name, name)) {
			if (info)
				*info = sb_prims[i].info;
			return sb_prims[i].ops;
		}
	return NULL;
}

int sb_prim_names(char *buf, size_t len, const char *sep)
{
	return sb_prim_list(buf, len, SB_SIDE_KERNEL, 0, sep);
}

/*
 * The flavour follows the capabilities: gp exactly with SB_CAP_GRACE, its
 * kfree hooks (all three) exactly with SB_CAP_KFREE.
 */
static int sb_prim_gp_selftest(const struct sb_prim_entry *e)
{
	const struct sb_gp_ops *gp = e->ops->gp;
	bool grace = e->info->caps & SB_CAP_GRACE;
	bool kf = e->info->caps & SB_CAP_KFREE;
	bool hooks = gp && gp->kfree && gp->gp_state && gp->gp_poll;
	bool any = gp && (gp->kfree || gp->gp_state || gp->gp_poll);

	if (grace == !!gp && (!gp || (gp->sync && gp->sync_expedited &&
				      gp->call)) &&
	    kf == hooks && hooks == any)
		return 0;
	pr_err("syncbench: sb_prim_%s (gp %s, kfree hooks %s) disagrees with its catalogue row (SB_CAP_GRACE %s, SB_CAP_KFREE %s)\n",
	       e->info->name, gp ? "set" : "unset",
	       hooks ? "set" : any ? "partly set" : "unset",
	       grace ? "set" : "unset", kf ? "set" : "unset");
	return -EINVAL;
}

int sb_prims_selftest(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sb_prims); i++) {
		const struct sb_prim_entry *e = &sb_prims[i];
		unsigned int ctx = e->info->caps & SB_CAP_CONTENDER;

		/* One contender context at most: the capability picks it. */
		if (strcmp(e->ops->name, e->info->name) ||
		    !!ctx != !!e->ops->irq_lookup || ctx == SB_CAP_CONTENDER) {
			pr_err("syncbench: sb_prim_%s (name '%s', irq_lookup %s) disagrees with its catalogue row (SB_CAP_IRQ %s, SB_CAP_SOFTIRQ %s)\n",
			       e->info->name, e->ops->name,
			       e->ops->irq_lookup ? "set" : "unset",
			       ctx & SB_CAP_IRQ ? "set" : "unset",
			       ctx & SB_CAP_SOFTIRQ ? "set" : "unset");
			return -EINVAL;
		}
		if (sb_prim_gp_selftest(e))
			return -EINVAL;
	}
	return 0;
}
