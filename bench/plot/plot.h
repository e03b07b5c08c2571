/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Charts of a results store. sb_plot_store() writes, for every chart, a data
 * file per panel and a small gnuplot variables file into the output
 * directory, then runs the chart's script from plots/ on them: the scripts
 * hold the drawing logic, the generated files hold the data. A chart with
 * nothing to show (no rcu points, one backend only, ...) is skipped with a
 * note, never rendered empty.
 */
#ifndef SB_PLOT_H
#define SB_PLOT_H

#include <stdio.h>

#include "store/load.h"

#define SB_PLOT_DEF_W 1000
#define SB_PLOT_DEF_H 700
#define SB_PLOT_MAX_CHARTS 12

enum sb_plot_format { SB_FMT_PNG, SB_FMT_SVG, SB_FMT_PDF };

struct sb_plot_opts {
	const char *outdir;	/* NULL: plots/<store name> */
	enum sb_plot_format format;
	unsigned int w, h;	/* pixels (pdf: 96 to the inch); charts with
				 * more than two panel rows grow h/2 a row */
	unsigned int timeout_s;	/* per gnuplot run; 0: SB_PLOT_DEF_TIMEOUT */
	const char *xdim;	/* --x: the swept dimension on the x axis;
				 * NULL: the one with the most values */
};

/* gnuplot renders a chart in well under a second; a hung one is killed */
#define SB_PLOT_DEF_TIMEOUT 60

struct sb_chart_out {
	const char *id;		/* file stem, e.g. "throughput" */
	const char *title;
	const char *caption;	/* how to read it */
	char image[4300];	/* path of the image; "" when not rendered */
	char note[256];		/* why skipped or failed; "" when rendered */
	char capped[256];	/* what a chart too big to read left out
				 * ("capped: top 12 of 505 panels, by ..."),
				 * "" when it shows everything */
	int rendered;
	int failed;		/* had data, but drawing it failed */
};

struct sb_plot_out {
	char outdir[4096];
	char err[512];		/* why nothing was plotted (return 2) */
	char xdim[64];		/* the x axis the charts were drawn against */
	unsigned int n;
	struct sb_chart_out chart[SB_PLOT_MAX_CHARTS];
};

int sb_plot_parse_format(const char *s, enum sb_plot_format *out);
int sb_plot_parse_size(const char *s, unsigned int *w, unsigned int *h);
const char *sb_plot_format_ext(enum sb_plot_format f);

/*
 * Render every chart of st (which must hold ok points). Returns 0 when
 * every chart that had data rendered, 1 when some failed, 2 when nothing
 * could be done (no gnuplot, no scripts, unwritable output); out is
 * always filled with what happened, chart by chart.
 */
int sb_plot_store(const struct sb_rstore *st, const struct sb_plot_opts *po,
		  struct sb_plot_out *out);
void sb_plot_out_print(const struct sb_plot_out *out, FILE *f);
void sb_plot_out_free(struct sb_plot_out *out);

#endif /* SB_PLOT_H */
