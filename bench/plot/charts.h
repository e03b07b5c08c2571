/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The charts: each collector fills a struct sb_chart from the grouped
 * points, or returns 1 with a note saying why the store has nothing for it
 * (which the report shows instead of an empty chart).
 */
#ifndef SB_PLOT_CHARTS_H
#define SB_PLOT_CHARTS_H

#include <stddef.h>

#include "plot/chart.h"
#include "plot/view.h"
#include "store/group.h"

typedef int (*sb_chart_collect_fn)(const struct sb_view *v,
				   struct sb_chart *c, char *note,
				   size_t notelen);

struct sb_chart_def {
	const char *id;		/* file stem of script, data and image */
	const char *title;
	int vs_x;		/* drawn against the view's x: the title
				 * says "vs <x>" */
	const char *columns;	/* what the data columns hold */
	unsigned int ncols;
	unsigned int layout_cols;
	sb_chart_collect_fn collect;
	/*
	 * What a chart too big to read keeps (sb_chart_cap): the panels and
	 * series that reach the highest value of its rank column
	 * (sb_chart.rank_col, set by the collector), said in words here.
	 */
	const char *rank_by;
	const char *caption;	/* how to read it, under it in the report */
};

extern const struct sb_chart_def sb_chart_defs[];
extern const unsigned int sb_nr_chart_defs;

/* cost.c: ns per operation, speedup and efficiency, emulated runs. */
int sb_collect_cost(const struct sb_view *v, struct sb_chart *c, char *note,
		    size_t notelen);
int sb_collect_scaling(const struct sb_view *v, struct sb_chart *c,
		       char *note, size_t notelen);
int sb_collect_emulated(const struct sb_view *v, struct sb_chart *c,
			char *note, size_t notelen);
/* sides.c: kernel / user on the points both ran. */
int sb_collect_sides(const struct sb_view *v, struct sb_chart *c, char *note,
		     size_t notelen);

/*
 * The placement most points ran with: charts other than the placement one
 * show only it, so that points differing in placement do not share a line.
 */
const char *sb_main_placement(const struct sb_pset *ps);

/* Merge hist.<name> of every ok repeat of g into counts[SB_HIST_BUCKETS]. */
int sb_pgroup_hist(const struct sb_pgroup *g, const char *name,
		   unsigned long long *counts);

#endif /* SB_PLOT_CHARTS_H */
