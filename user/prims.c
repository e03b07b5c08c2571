// SPDX-License-Identifier: GPL-2.0
/*
 * The registry: the catalogue's rows whose user column is 1, each paired
 * with its ops table sb_prim_<name> from user/prim_<name>.c. Nothing to
 * edit here when a primitive is added.
 */
#include "prim.h"

#define SB_PRIM(name, k, u, fam, caps, color, pair, help)			\
	SB_PRIM_IF(u, { &sb_prim_infos[SB_PRIM_IDX_##name], &sb_prim_##name },)
const struct sb_prim_entry sb_prims[] = {
#include "sb_prims.def"
};
#undef SB_PRIM

const unsigned int sb_nr_prims = SB_ARRAY_SIZE(sb_prims);

static const struct sb_prim_entry *sb_prim_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < sb_nr_prims; i++)
		if (!strcmp(sb_prims[i].info->name, name))
			return &sb_prims[i];
	return NULL;
}

const struct sb_prim *sb_prim_select(const struct sb_config *cfg, char *err,
				     size_t errlen)
{
	const struct sb_prim_entry *e = sb_prim_find(cfg->prim);
	char names[SB_PRIM_NAMES_LEN];

	if (!e) {
		sb_prim_list(names, sizeof(names), SB_SIDE_USER, 0, "|");
		sb_snprintf(err, errlen, "prim: '%s' is not one of %s",
			    cfg->prim, names);
		return NULL;
	}
	return e->ops->resolve ? e->ops->resolve(cfg) : e->ops;
}

int sb_prim_check(const struct sb_config *cfg, char *err, size_t errlen)
{
	const struct sb_prim *p = sb_prim_select(cfg, err, errlen);
	const struct sb_prim_info *info;
	char irq_prims[SB_PRIM_NAMES_LEN];

	if (!p)
		return -1;
	info = sb_prim_info_find(cfg->prim, strlen(cfg->prim));
	/*
	 * As in the kernel: an interrupt contender on a lock that does not
	 * mask it deadlocks as soon as the interrupt hits the holder.
	 */
	if (cfg->irq_hz && !(info->caps & SB_CAP_IRQ)) {
		sb_prim_list(irq_prims, sizeof(irq_prims), SB_SIDE_USER,
			     SB_CAP_IRQ, "|");
		sb_snprintf(err, errlen,
			    "irq_hz: must be 0 for prim=%s (accepted: 0; the "
			    "interrupt contender needs prim=%s: %s)",
			    cfg->prim, irq_prims, p->irq_refusal ?
			    p->irq_refusal : "it has no interrupt-safe lookup");
		return -1;
	}
	/* The rest of what the catalogue forbids, as the module refuses it. */
	if (sb_prim_config_check(cfg, err, errlen))
		return -1;
	return p->check ? p->check(cfg, err, errlen) : 0;
}
