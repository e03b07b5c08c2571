/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the chart collectors share (charts.c, cost.c): which groups a chart
 * shows, their panel, their series, their x, and medians of the repeats.
 */
#ifndef SB_PLOT_COLLECT_H
#define SB_PLOT_COLLECT_H

#include <stddef.h>

#include "plot/chart.h"
#include "plot/view.h"

/*
 * Does a per-primitive chart show g: ok, the main placement, and native
 * unless the store holds emulated points only (emulated ones have their
 * own chart: their timings are not comparable with native ones).
 */
int sb_col_shown(const struct sb_view *v, const struct sb_pgroup *g);
/* The emulated groups of a store that also has native ones. */
int sb_col_emulated(const struct sb_view *v, const struct sb_pgroup *g);
/*
 * The x axis of c: the view's (by_threads 0) or threads (1), its label,
 * scale and tics; g's x on it.
 */
void sb_col_xaxis(struct sb_chart *c, const struct sb_view *v, int by_threads);
double sb_col_x(const struct sb_view *v, const struct sb_pgroup *g,
		int by_threads);
/* g's panel: metric (or NULL) and the swept dims other than the x. */
size_t sb_col_panel(struct sb_chart *c, const struct sb_view *v,
		    const struct sb_pgroup *g, const char *metric,
		    int by_threads);
/* The usual series: one per backend, primitive and interrupt rate. */
size_t sb_col_series(struct sb_chart *c, size_t panel,
		     const struct sb_pgroup *g);
/* median, min, max of a field into v[0..2]; 0 when the field is absent. */
int sb_col_med_range(const struct sb_pgroup *g, const char *key, double *v);
double sb_col_median(const struct sb_pgroup *g, const char *key);
/*
 * For a log axis: a value of 0 (below the clock's resolution) cannot be
 * drawn and becomes a gap; returns whether any of v[0..n) is left.
 */
int sb_col_log_values(double *v, unsigned int n);

#endif /* SB_PLOT_COLLECT_H */
