/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One chart's data, built up by a chart's collector and written out for its
 * gnuplot script: panels (multiplot cells) holding series (one legend entry,
 * one colour/dash/point style) holding rows (x and up to SB_CHART_COLS
 * values). sb_chart_write() writes, in dir/:
 *
 *   <id>.p<k>.dat  one file per panel, one gnuplot data block per series
 *                  (blocks apart by two blank lines, so `index i` picks one)
 *   <id>.vars.gp   the layout as gnuplot variables: npanels, panel_title[],
 *                  panel_file[], panel_first[], panel_count[], nser,
 *                  ser_title[], ser_color[], ser_dt[], ser_pt[], xmin, xmax,
 *                  xtics_cmd, layout_rows, layout_cols, plus the caller's
 *                  extra lines (titles, terminal, output)
 *
 * so the scripts in plots/ hold no data and no knowledge of the store.
 */
#ifndef SB_PLOT_CHART_H
#define SB_PLOT_CHART_H

#include <stddef.h>
#include <stdio.h>

#include "util/hash.h"

#define SB_CHART_COLS 6

/*
 * The most a chart draws: 12 panels (6 rows of 2, so even --size
 * 10000x10000 grows to 30000 pixels, under Cairo's 32767 limit) and 12
 * series a panel (a legend that still fits under its panel). A chart with
 * more keeps the top ones by its rank column: sb_chart_cap().
 */
#define SB_CHART_MAX_PANELS 12
#define SB_CHART_MAX_SERIES 12
/*
 * A chart of three panels a row (latency: six panels a workload, lookup
 * and update at p50, p99, p99.9) draws 8 rows: four workloads whole, where
 * 12 panels cut a 4-primitive sweep of four update rates at 12 of 21. The
 * image height stops under Cairo's limit (render.c).
 */
#define SB_CHART_MAX_PANELS_WIDE 24

struct sb_chart_series {
	char key[160];
	char title[160];
	char color[8];
	int dt, pt;
	size_t panel;
	size_t order;		/* when added; plot order within a panel */
	/*
	 * nrows rows of 1 + ncols doubles each: x, then the values. No room
	 * for unused columns: a CDF of 10,000 series holds 2 million rows.
	 */
	double *rows;
	size_t nrows, cap;
	double score;		/* highest value of the rank column */
};

struct sb_chart_panel {
	char key[256];
	char title[256];
};

struct sb_chart {
	const char *id;
	const char *columns;	/* header comment of the data files */
	unsigned int ncols;	/* values per row */
	struct sb_chart_panel *panel;
	size_t npanels, panel_cap;
	struct sb_chart_series *ser;
	size_t nser, ser_cap;
	int integer_x;		/* x are thread counts: tics at each value */
	int value_x;		/* x is a swept dimension: a tic at each
				 * value (up to 24), its number as label */
	int xlog;		/* log x axis (view.h says when) */
	double xzero;		/* x where 0 is drawn on a log axis, or 0 */
	char xlabel[128];	/* x_label in the vars file; "" none */
	char extra[256];	/* the collector's own vars (gnuplot lines) */
	int rank_col;		/* what ranks series when capped: a value
				 * column, or -1 for x; 0 by default */
	struct sb_hash panel_idx, ser_idx;	/* key -> index */
};

/* What sb_chart_cap() left out. */
struct sb_chart_capped {
	size_t panels, panels_drawn;
	size_t series, series_drawn;
	size_t max_series;	/* the most series one panel had */
};

void sb_chart_init(struct sb_chart *c, const char *id, const char *columns,
		   unsigned int ncols);
void sb_chart_free(struct sb_chart *c);
/* Find or add; returns the index. Order of first call is plot order. */
size_t sb_chart_panel(struct sb_chart *c, const char *key, const char *title);
size_t sb_chart_series(struct sb_chart *c, size_t panel, const char *key,
		       const char *title, const char *color, int dt, int pt);
void sb_chart_row(struct sb_chart *c, size_t series, double x,
		  const double *v);
/* Number of rows over all series. */
size_t sb_chart_nrows(const struct sb_chart *c);
/*
 * Keep at most max_series series in each panel and max_panels panels: the
 * series with the highest score (the rank column's highest value; ties:
 * the earlier one), the panels holding the highest-scored series; those
 * kept stay in their order. Returns whether anything was left out, with
 * the counts in *out. Series and panel indexes are not valid afterwards.
 */
int sb_chart_cap(struct sb_chart *c, size_t max_panels, size_t max_series,
		 struct sb_chart_capped *out);

/*
 * s as a gnuplot string expression into f, in single quotes: gnuplot
 * substitutes nothing there (no `command`, no backslash escapes; '' is a
 * quote), while a double-quoted string would run `...` in a shell. Store
 * text is data from elsewhere and must never be executed. A line break
 * becomes '...'."\n".'...' (a constant of ours), any other control byte
 * a space.
 */
void sb_gp_string(FILE *f, const char *s);
/*
 * Write the files described above; extra is appended to the vars file
 * verbatim. Series indexes are not valid afterwards (they are regrouped by
 * panel). Returns 0 or -1 with errno.
 */
int sb_chart_write(struct sb_chart *c, const char *dir,
		   unsigned int layout_cols, const char *extra);

#endif /* SB_PLOT_CHART_H */
