// SPDX-License-Identifier: GPL-2.0
/* Values that change nothing about a point; see effect.h. */
#include <stdio.h>
#include <string.h>

#include "matrix/effect.h"
#include "matrix/matrix.h"
#include "sb_config.h"
#include "sb_prims.h"

/*
 * Matrix rows whose value means nothing under a condition: the row of
 * .opt is reset to its default when the point's .when row is at its
 * default (perturb off), or when its primitive has .cap (the timed loop).
 */
static const struct {
	const char *opt;	/* the row reset */
	const char *when;	/* ... when this row is at its default, or */
	unsigned int cap;	/* ... when the primitive has this flag */
	const char *why;
} sb_no_effect_rows[] = {
	{ "perturb-pct", "perturb", 0, "perturb=off" },
	{ "perturb-ns", "perturb", 0, "perturb=off" },
	{ "buckets", NULL, SB_CAP_HARNESS, "the timed loop alone: no list" },
	{ "hold-ns", NULL, SB_CAP_HARNESS, "the timed loop alone: no lock" },
};

/* --set keys that mean nothing to a primitive without .cap. */
static const struct {
	const char *key;
	unsigned int cap;
	const char *why;
} sb_no_effect_sets[] = {
	{ "rcu_free", SB_CAP_GRACE, "no grace periods" },
	{ "rcu_gp", SB_CAP_GRACE, "no grace periods" },
	{ "rcu_flavor", SB_CAP_GRACE, "no grace periods" },
	{ "irq_mask", SB_CAP_MASK, "masks no interrupt contender" },
	{ "rw_pref", SB_CAP_RWPREF, "no reader or writer preference" },
};

/* The row's default value; 0 when it has none that parses (none does). */
static unsigned long long sb_dim_default(const struct sb_dim *d)
{
	union sb_dim_value v = { 0 };
	char err[SB_ERR_LEN];

	if (d->def && !sb_dim_parse(d, d->def, &v, err, sizeof(err)))
		return v.u;
	return 0;
}

int sb_point_no_effect(const struct sb_matrix *m, struct sb_point *p,
		       char *why, size_t whylen)
{
	const struct sb_prim_info *info = sb_prim_info_find(p->prim,
							    strlen(p->prim));
	unsigned int caps = info ? info->caps : 0, i;
	int n = 0, j;

	for (i = 0; i < SB_ARRAY_SIZE(sb_no_effect_rows); i++) {
		const struct sb_dim *d = sb_dim_find(sb_no_effect_rows[i].opt);
		const struct sb_dim *w = sb_no_effect_rows[i].when ?
			sb_dim_find(sb_no_effect_rows[i].when) : NULL;
		unsigned long long def;
		size_t k;

		if (!d || d->kind != SB_DIM_ULIST)
			continue;
		k = (size_t)(d - sb_dims);
		if (w ? p->dimv[w - sb_dims] != sb_dim_default(w) :
		    !(caps & sb_no_effect_rows[i].cap))
			continue;
		def = sb_dim_default(d);
		if (p->dimv[k] == def)
			continue;
		p->dimv[k] = def;
		if (!n++)
			snprintf(why, whylen, "%s (%s)", d->name,
				 sb_no_effect_rows[i].why);
	}
	for (j = 0; j < m->sets.n; j++)
		for (i = 0; i < SB_ARRAY_SIZE(sb_no_effect_sets); i++) {
			if (strcmp(m->sets.k[j].key, sb_no_effect_sets[i].key) ||
			    (caps & sb_no_effect_sets[i].cap) || !p->setv[j])
				continue;
			p->setv[j] = 0;
			if (!n++)
				snprintf(why, whylen, "%s (%s: %s)",
					 m->sets.k[j].key, p->prim,
					 sb_no_effect_sets[i].why);
		}
	return n;
}
