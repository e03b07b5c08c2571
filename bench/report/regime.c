// SPDX-License-Identifier: GPL-2.0
/* Winners per regime and the regime map; see regime.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sb_config.h"
#include "plot/charts.h"
#include "report/regime.h"
#include "store/rrec.h"
#include "util/util.h"

const struct sb_objective_info sb_objectives[SB_NR_OBJ] = {
	[SB_OBJ_THROUGHPUT] = { "throughput", "ops_per_sec", 1,
				"the highest median throughput" },
	[SB_OBJ_LOOKUP_P99] = { "lookup_p99", "lookup_p99_ns", 0,
				"the lowest median lookup p99" },
	[SB_OBJ_UPDATE_P99] = { "update_p99", "update_p99_ns", 0,
				"the lowest median update p99" },
	[SB_OBJ_IRQ] = { "irq", "irq_lat_locked_p99_ns", 0,
			 "the lowest interrupt lateness p99 with the lock "
			 "held (points with an interrupt contender)" },
	[SB_OBJ_FAIRNESS] = { "fairness", "fairness_jain", 1,
			      "the highest median Jain's index" },
};

int sb_objective_parse(const char *s, enum sb_objective *o)
{
	int i;

	for (i = 0; i < SB_NR_OBJ; i++)
		if (!strcmp(s, sb_objectives[i].name)) {
			*o = (enum sb_objective)i;
			return 0;
		}
	return -1;
}

int sb_regime_contender(const struct sb_view *v, const struct sb_pgroup *g)
{
	char st[16];
	size_t i;

	if (!g->n ||
	    (sb_prim_caps(g->prim) & (SB_CAP_BROKEN | SB_CAP_HARNESS)) ||
	    strcmp(g->placement, sb_main_placement(v->ps)) ||
	    (g->emulated && v->native))
		return 0;
	for (i = 0; i < g->n; i++)
		if (!strcmp(sb_rrec_str(g->reps[i], "invariants", st,
					sizeof(st)), "violated"))
			return 0;
	return 1;
}

double sb_objective_value(const struct sb_pgroup *g, enum sb_objective o)
{
	struct sb_stats st;

	if (o == SB_OBJ_IRQ && !g->irq_hz)
		return NAN;
	return sb_pgroup_stat(g, sb_objectives[o].key, &st) ? st.median : NAN;
}

/* Is a better than b by the objective? */
static int better(double a, double b, enum sb_objective o)
{
	return sb_objectives[o].higher ? a > b : a < b;
}

void sb_cell_add(struct sb_cell *c, const struct sb_pgroup *g,
		 enum sb_objective o)
{
	double x = sb_objective_value(g, o);

	if (isnan(x))
		return;
	if (!c->best || better(x, c->vbest, o)) {
		c->second = c->best;
		c->vsecond = c->vbest;
		c->best = g;
		c->vbest = x;
	} else if (!c->second || better(x, c->vsecond, o)) {
		c->second = g;
		c->vsecond = x;
	}
}

/*
 * The margin, and whether it is beyond noise: Welch's t-test on the
 * repeats' logarithms (changes in performance are ratios) and at least 2%.
 */
void sb_cell_finish(struct sb_cell *c, enum sb_objective o)
{
	const char *key = sb_objectives[o].key;
	struct sb_stats a, b;
	int d;

	c->margin = 0;
	c->clear = 0;
	if (!c->best || !c->second)
		return;
	if (c->vbest > 0 && c->vsecond > 0)
		c->margin = sb_objectives[o].higher ?
			    c->vbest / c->vsecond - 1 :
			    c->vsecond / c->vbest - 1;
	if (!sb_pgroup_logstat(c->second, key, &a) ||
	    !sb_pgroup_logstat(c->best, key, &b) || c->margin < 0.02)
		return;
	d = sb_stats_differ(&a, &b, 0);
	c->clear = sb_objectives[o].higher ? d > 0 : d < 0;
}
