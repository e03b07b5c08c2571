/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the charts are drawn against: the swept dimensions of a store and,
 * per point group, its value on the x axis and the title of its panel.
 *
 * A dimension is `threads` or a workload key of the records (update_pct,
 * list_len, cs_ns, think_ns, a --set key ...). It is swept when the shown
 * points hold more than one value of it. Values are numbers read with
 * strtod and ordered by value, never as integers or text (update_pct may
 * be 0.001). The x axis is the swept dimension asked for, by default the
 * one with the most values (ties: threads, then table order); every other
 * swept dimension goes into the panel title, so a panel holds lines over x,
 * never a dot per panel.
 *
 * Log axis: when the positive values of a workload key span a decade or
 * more (max / min >= 10; threads: two decades, since ideal scaling is a
 * straight line on a linear axis). A log axis has no 0, and update_pct 0
 * (read-only) is a point a review wants: it is drawn one decade left of
 * the smallest positive value under a tic labelled "0", and the axis
 * label says so ("0 drawn at ...").
 */
#ifndef SB_PLOT_VIEW_H
#define SB_PLOT_VIEW_H

#include <stddef.h>

#include "store/group.h"

#define SB_VIEW_MAX_DIMS 48
#define SB_VIEW_MAX_VALS 128

struct sb_view_dim {
	const char *key;	/* "threads" or the record key */
	const char *fmt;	/* label format, %s the value */
	size_t nvals;		/* distinct values among the shown points */
	int numeric;		/* every value a number */
	double vals[SB_VIEW_MAX_VALS];	/* sorted, when numeric */
};

struct sb_xaxis {
	const struct sb_view_dim *dim;
	int log;		/* values span decades */
	double zero_at;		/* where 0 is drawn on a log axis; 0: none */
	char label[128];	/* the axis label */
};

struct sb_view {
	const struct sb_pset *ps;
	struct sb_view_dim dims[SB_VIEW_MAX_DIMS];
	size_t ndims;		/* dims[0] is threads */
	struct sb_xaxis x;
	int native;		/* some ok point at the main placement is not
				 * emulated */
	double *gx;		/* per group: its x (0 mapped to zero_at) */
	char (*panel)[256];	/* per group: the other swept dims */
	char (*panel_t)[256];	/* the same with threads as the x */
};

/*
 * Build the view of ps with xdim ("" or NULL: the default) as x. 0, or -1
 * with err ("--x foo: not a swept dimension; swept: threads, update_pct").
 */
int sb_view_build(struct sb_view *v, const struct sb_pset *ps,
		  const char *xdim, char *err, size_t errlen);
void sb_view_free(struct sb_view *v);
/* The dimension named key, or NULL. */
const struct sb_view_dim *sb_view_dim(const struct sb_view *v,
				      const char *key);
/* g's value of d as a number (NAN when absent or not a number). */
double sb_view_value(const struct sb_pgroup *g, const struct sb_view_dim *d);
/* A value as its tic and sentences show it: 0.001, 10, 1024. */
void sb_view_fmt(double x, char *buf, size_t len);
/*
 * g's swept dimensions but skip and skip2 (either may be NULL), "2
 * threads, list 1024", into buf ("" when none is left).
 */
void sb_view_label(const struct sb_view *v, const struct sb_pgroup *g,
		   const struct sb_view_dim *skip,
		   const struct sb_view_dim *skip2, char *buf, size_t len);
/*
 * What every point shares, for a chart's subtitle: the workload (update
 * rate, list length, cs and think time), the duration and every key that
 * is off its default, then "other keys at their defaults".
 */
void sb_view_fixed(const struct sb_view *v, char *buf, size_t len);
/* The index of x among d's values, or -1. */
int sb_view_index(const struct sb_view_dim *d, double x);
/* g's index in its pset. */
size_t sb_view_gi(const struct sb_view *v, const struct sb_pgroup *g);

#endif /* SB_PLOT_VIEW_H */
