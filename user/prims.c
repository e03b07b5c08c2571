// SPDX-License-Identifier: GPL-2.0
/* The registry: one line per primitive, the order of --list-prims. */
#include "prim.h"

const struct sb_prim *const sb_prims[] = {
	&sb_prim_spin,
	&sb_prim_spin_irqsave,
	&sb_prim_mutex,
	&sb_prim_rcu,
	&sb_prim_none,
};

const unsigned int sb_nr_prims = SB_ARRAY_SIZE(sb_prims);

static void sb_prim_names(char *buf, size_t len)
{
	struct sb_buf b;
	unsigned int i;

	sb_buf_init(&b, buf, len);
	for (i = 0; i < sb_nr_prims; i++)
		sb_bprintf(&b, "%s%s", i ? "|" : "", sb_prims[i]->name);
}

static const struct sb_prim *sb_prim_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < sb_nr_prims; i++)
		if (!strcmp(sb_prims[i]->name, name))
			return sb_prims[i];
	return NULL;
}

const struct sb_prim *sb_prim_select(const struct sb_config *cfg, char *err,
				     size_t errlen)
{
	const struct sb_prim *p = sb_prim_find(cfg->prim);
	char names[128];

	if (!p) {
		sb_prim_names(names, sizeof(names));
		sb_snprintf(err, errlen, "prim: '%s' is not one of %s",
			    cfg->prim, names);
		return NULL;
	}
	return p->resolve ? p->resolve(cfg) : p;
}

int sb_prim_check(const struct sb_config *cfg, char *err, size_t errlen)
{
	const struct sb_prim *p = sb_prim_select(cfg, err, errlen);
	char irq_prims[128];
	struct sb_buf b;
	unsigned int i, n = 0;

	if (!p)
		return -1;
	/*
	 * As in the kernel: an interrupt contender on a lock that does not
	 * mask it deadlocks as soon as the interrupt hits the holder.
	 */
	if (cfg->irq_hz && !(p->flags & SB_PRIM_IRQ)) {
		/* the primitives that do take one (rcu's flags are its variants') */
		sb_buf_init(&b, irq_prims, sizeof(irq_prims));
		for (i = 0; i < sb_nr_prims; i++) {
			const struct sb_prim *q = sb_prims[i];

			if (q->resolve)
				q = q->resolve(cfg);
			if (q->flags & SB_PRIM_IRQ)
				sb_bprintf(&b, "%s%s", n++ ? "|" : "",
					   sb_prims[i]->name);
		}
		sb_snprintf(err, errlen,
			    "irq_hz: must be 0 for prim=%s (accepted: 0; the "
			    "interrupt contender needs prim=%s: %s)",
			    cfg->prim, irq_prims, p->irq_refusal ?
			    p->irq_refusal : "it has no interrupt-safe lookup");
		return -1;
	}
	return p->check ? p->check(cfg, err, errlen) : 0;
}
