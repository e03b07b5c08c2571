// SPDX-License-Identifier: GPL-2.0
/*
 * The charts a kernel engineer reasons with beside throughput: what one
 * operation costs one thread (ns), how throughput scales against one
 * thread, and the emulated runs kept apart from the native ones.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sb_config.h"
#include "plot/charts.h"
#include "plot/collect.h"
#include "store/rrec.h"
#include "util/util.h"

/*
 * op_ns - loop_ns of each repeat that has both: the primitive without the
 * harness's timed loop. Median, min, max into val; 0 when none has it.
 */
static int own_cost(const struct sb_pgroup *g, double *val)
{
	double *d = calloc(g->n + 1, sizeof(*d)), op, loop;
	struct sb_stats st;
	size_t r, n = 0;

	if (!d)
		abort();
	for (r = 0; r < g->n; r++)
		if (!sb_rrec_num(g->reps[r], "op_ns", &op) &&
		    !sb_rrec_num(g->reps[r], "loop_ns", &loop))
			d[n++] = op - loop;
	sb_stats_compute(d, n, &st);
	free(d);
	val[0] = st.median;
	val[1] = st.min;
	val[2] = st.max;
	return n > 0;
}

int sb_collect_cost(const struct sb_view *v, struct sb_chart *c, char *note,
		    size_t notelen)
{
	double val[3];
	size_t i;

	sb_col_xaxis(c, v, 0);
	for (i = 0; i < v->ps->n; i++) {
		const struct sb_pgroup *g = &v->ps->g[i];

		if (!sb_col_shown(v, g))
			continue;
		if (sb_col_med_range(g, "op_ns", val) &&
		    sb_col_log_values(val, 3))
			sb_chart_row(c, sb_col_series(c, sb_col_panel(c, v, g,
				     "ns per operation per thread", 0), g),
				     sb_col_x(v, g, 0), val);
		if (own_cost(g, val) && sb_col_log_values(val, 3))
			sb_chart_row(c, sb_col_series(c, sb_col_panel(c, v, g,
				     "minus the timed loop (op_ns - loop_ns)",
				     0), g), sb_col_x(v, g, 0), val);
	}
	if (!c->nser)
		sb_snprintf(note, notelen, "no point recorded op_ns");
	return !c->nser;
}

/* What a speedup compares: the same series in the same panel. */
static void base_key(const struct sb_view *v, const struct sb_pgroup *g,
		     char *buf, size_t len)
{
	sb_snprintf(buf, len, "%s|%s|%u|%s", g->backend, g->prim, g->irq_hz,
		    v->panel_t[sb_view_gi(v, g)]);
}

/* Each series' group at 1 thread, by base_key. */
static size_t find_bases(const struct sb_view *v, struct sb_hash *base)
{
	char k[400];
	size_t i, n = 0;

	sb_hash_init(base);
	for (i = 0; i < v->ps->n; i++) {
		const struct sb_pgroup *g = &v->ps->g[i];

		if (!sb_col_shown(v, g) || g->threads != 1)
			continue;
		base_key(v, g, k, sizeof(k));
		sb_hash_put(base, k, i, NULL);
		n++;
	}
	return n;
}

/* Speedup (median, min, max over g's repeats) and efficiency over b. */
static int speedup(const struct sb_pgroup *g, const struct sb_pgroup *b,
		   double *sp, double *eff)
{
	double base = sb_col_median(b, "ops_per_sec");
	int k;

	if (!(base > 0) || !sb_col_med_range(g, "ops_per_sec", sp))
		return 0;
	for (k = 0; k < 3; k++) {
		sp[k] /= base;
		eff[k] = sp[k] / g->threads;
	}
	return 1;
}

int sb_collect_scaling(const struct sb_view *v, struct sb_chart *c,
		       char *note, size_t notelen)
{
	double sp[3], eff[3];
	struct sb_hash base;
	char k[400];
	size_t i, *b;

	sb_col_xaxis(c, v, 1);
	if (v->dims[0].nvals < 2 || !find_bases(v, &base)) {
		sb_snprintf(note, notelen, "no primitive ran at 1 thread and "
			    "at more: no speedup to show");
		if (v->dims[0].nvals >= 2)
			sb_hash_free(&base);
		return 1;
	}
	for (i = 0; i < v->ps->n; i++) {
		const struct sb_pgroup *g = &v->ps->g[i];

		if (!sb_col_shown(v, g))
			continue;
		base_key(v, g, k, sizeof(k));
		b = sb_hash_find(&base, k);
		if (!b || !speedup(g, &v->ps->g[*b], sp, eff))
			continue;
		sb_chart_row(c, sb_col_series(c, sb_col_panel(c, v, g,
			     "speedup", 1), g), g->threads, sp);
		sb_chart_row(c, sb_col_series(c, sb_col_panel(c, v, g,
			     "efficiency", 1), g), g->threads, eff);
	}
	sb_hash_free(&base);
	if (!c->nser)
		sb_snprintf(note, notelen, "no primitive ran at 1 thread and "
			    "at more: no speedup to show");
	return !c->nser;
}

int sb_collect_emulated(const struct sb_view *v, struct sb_chart *c,
			char *note, size_t notelen)
{
	double val[3];
	size_t i;

	sb_col_xaxis(c, v, 0);
	for (i = 0; i < v->ps->n; i++) {
		const struct sb_pgroup *g = &v->ps->g[i];

		if (!sb_col_emulated(v, g) ||
		    !sb_col_med_range(g, "ops_per_sec", val))
			continue;
		sb_chart_row(c, sb_col_series(c, sb_col_panel(c, v, g, NULL, 0),
					      g), sb_col_x(v, g, 0), val);
	}
	if (!c->nser)
		sb_snprintf(note, notelen, "no emulated run beside native ones "
			    "(an emulated-only store is drawn in the other "
			    "charts)");
	return !c->nser;
}
