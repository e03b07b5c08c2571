// SPDX-License-Identifier: GPL-2.0
/* The primitive catalogue as a table; see sb_prims.h and sb_prims.def. */
#include "sb_config.h"
#include "sb_prims.h"

#define SB_PRIM(n, k, u, fam, cap, col, pr, hlp) {			\
	.name = #n,							\
	.sides = (k ? SB_SIDE_KERNEL : 0) | (u ? SB_SIDE_USER : 0),\
	.family = SB_FAM_##fam,						\
	.caps = cap,							\
	.color = col,							\
	.pair = pr,							\
	.help = hlp,							\
},
const struct sb_prim_info sb_prim_infos[] = {
#include "sb_prims.def"
};
#undef SB_PRIM

const unsigned int sb_nr_prim_infos = SB_ARRAY_SIZE(sb_prim_infos);

const struct sb_cap_info sb_cap_infos[] = {
	{ SB_CAP_IRQ, "irq", "takes a hard-IRQ contender (irq_hz > 0)" },
	{ SB_CAP_SLEEPS, "sleeps", "the lock may sleep" },
	{ SB_CAP_READERS, "readers",
	  "lookups run concurrently with each other" },
	{ SB_CAP_GRACE, "grace-periods",
	  "has grace periods (latency, pending frees recorded)" },
	{ SB_CAP_BROKEN, "broken", "deliberately broken: never a winner" },
	{ SB_CAP_HARNESS, "harness",
	  "measures the harness (the loop alone): never a winner" },
	{ SB_CAP_SOFTIRQ, "softirq", "takes a softirq contender (irq_hz > 0)" },
	{ SB_CAP_KFREE, "kfree_rcu",
	  "frees with kfree_rcu (rcu_free=kfree_rcu)" },
	{ SB_CAP_CHURN, "churn",
	  "readers survive entries freed under them: update_op=delete_insert" },
	{ SB_CAP_REF, "ref",
	  "a lookup may take a reference and use the entry after: ref=refcount" },
	{ SB_CAP_YIELD, "yield",
	  "its race window may sleep: perturb=yield" },
	{ SB_CAP_UAF, "uaf",
	  "frees entries still in use: poisoned quarantine, uaf counted" },
	{ SB_CAP_MASK, "mask",
	  "masks its interrupt contender while held (irq_mask, userspace)" },
	{ SB_CAP_RWPREF, "rw_pref",
	  "readers or writers preferred, chosen by rw_pref (userspace)" },
};

const unsigned int sb_nr_cap_infos = SB_ARRAY_SIZE(sb_cap_infos);

static const char *const sb_family_names[SB_NR_FAMILIES] = {
	[SB_FAM_EXCLUSIVE] = "exclusive lock",
	[SB_FAM_RW] = "reader-writer",
	[SB_FAM_SEQ] = "sequence",
	[SB_FAM_RCU] = "RCU-like",
	[SB_FAM_BASELINE] = "baseline",
};

const struct sb_prim_info *sb_prim_info_find(const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < sb_nr_prim_infos; i++)
		if (strlen(sb_prim_infos[i].name) == len &&
		    !strncmp(sb_prim_infos[i].name, name, len))
			return &sb_prim_infos[i];
	return NULL;
}

int sb_prim_info_index(const char *name)
{
	const struct sb_prim_info *p = sb_prim_info_find(name, strlen(name));

	return p ? (int)(p - sb_prim_infos) : SB_NR_PRIMS;
}

/* ref=refcount: where a reference makes sense. 0, or -1 with why. */
static int sb_prim_ref_check(const struct sb_config *cfg,
			     const struct sb_prim_info *p, char *err,
			     size_t errlen)
{
	char with[SB_PRIM_NAMES_LEN];

	if (!(p->caps & SB_CAP_REF)) {
		sb_prim_list(with, sizeof(with), 0, SB_CAP_REF, ", ");
		sb_snprintf(err, errlen,
			    "prim=%s: ref=refcount needs a lookup that ends holding a stable entry (ref=refcount: %s)",
			    cfg->prim, with);
		return -1;
	}
	if (!(p->caps & SB_CAP_GRACE) &&
	    cfg->update_op != SB_UPDATE_DELETE_INSERT) {
		sb_snprintf(err, errlen,
			    "prim=%s: ref=refcount with update_op=replace would read, outside the lock, an entry that updates rewrite in place under it: use update_op=delete_insert",
			    cfg->prim);
		return -1;
	}
	if ((p->caps & SB_CAP_GRACE) && cfg->rcu_free == SB_RCU_KFREE) {
		sb_snprintf(err, errlen,
			    "prim=%s: ref=refcount frees an entry at its last reference; kfree_rcu would free it regardless (rcu_free: sync|async)",
			    cfg->prim);
		return -1;
	}
	return 0;
}

int sb_prim_config_check(const struct sb_config *cfg, char *err,
			 size_t errlen)
{
	const struct sb_prim_info *p = sb_prim_info_find(cfg->prim,
							 strlen(cfg->prim));
	char irq[SB_PRIM_NAMES_LEN], soft[SB_PRIM_NAMES_LEN];

	if (!p)
		return 0;
	/* rcu_free and rcu_gp only mean something with grace periods. */
	if ((p->caps & SB_CAP_GRACE) && !(p->caps & SB_CAP_KFREE) &&
	    cfg->rcu_free == SB_RCU_KFREE) {
		sb_prim_list(irq, sizeof(irq), 0, SB_CAP_KFREE, ", ");
		sb_snprintf(err, errlen,
			    "prim=%s has no kfree_rcu form (rcu_free: sync|async here; kfree_rcu: %s)",
			    cfg->prim, irq[0] ? irq : "none");
		return -1;
	}
	if ((p->caps & SB_CAP_GRACE) && cfg->rcu_gp == SB_RCU_GP_EXPEDITED &&
	    cfg->rcu_free != SB_RCU_SYNC) {
		sb_snprintf(err, errlen,
			    "prim=%s: rcu_gp=expedited needs rcu_free=sync (an expedited synchronize); call_rcu and kfree_rcu have no expedited form",
			    cfg->prim);
		return -1;
	}
	if (cfg->update_op == SB_UPDATE_DELETE_INSERT &&
	    !(p->caps & SB_CAP_CHURN)) {
		sb_prim_list(irq, sizeof(irq), 0, SB_CAP_CHURN, ", ");
		sb_snprintf(err, errlen,
			    "prim=%s: update_op=delete_insert would free entries under readers that walk the list without the writer's exclusion (delete_insert: %s)",
			    cfg->prim, irq);
		return -1;
	}
	if (cfg->ref == SB_REF_REFCOUNT && sb_prim_ref_check(cfg, p, err, errlen))
		return -1;
	if (cfg->perturb == SB_PERTURB_YIELD && !(p->caps & SB_CAP_YIELD)) {
		sb_prim_list(irq, sizeof(irq), 0, SB_CAP_YIELD, ", ");
		sb_snprintf(err, errlen,
			    "perturb: yield is refused for prim=%s: its race window holds a spinlock or an RCU read-side section, where sleeping is illegal (yield: %s; delay and preempt work everywhere)",
			    cfg->prim, irq);
		return -1;
	}
	if (!cfg->irq_hz || (p->caps & SB_CAP_CONTENDER))
		return 0;
	sb_prim_list(irq, sizeof(irq), 0, SB_CAP_IRQ, ", ");
	sb_prim_list(soft, sizeof(soft), 0, SB_CAP_SOFTIRQ, ", ");
	sb_snprintf(err, errlen,
		    "prim=%s takes no interrupt contender (irq_hz must be 0; hard-IRQ: %s; softirq: %s)",
		    cfg->prim, irq, soft[0] ? soft : "none");
	return -1;
}

const char *sb_prim_family_name(enum sb_prim_family f)
{
	return f < SB_NR_FAMILIES ? sb_family_names[f] : "?";
}

int sb_prim_list(char *buf, size_t len, unsigned int side, unsigned int caps,
		 const char *sep)
{
	struct sb_buf b;
	unsigned int i, n = 0;

	sb_buf_init(&b, buf, len);
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];

		if ((side && !(p->sides & side)) || (p->caps & caps) != caps)
			continue;
		sb_bprintf(&b, "%s%s", n++ ? sep : "", p->name);
	}
	return (int)b.n;
}
