// SPDX-License-Identifier: GPL-2.0
/* Driving the charts: output directory, per-chart status; see plot.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "plot.h"

const char *sb_plot_format_ext(enum sb_plot_format f)
{
	switch (f) {
	case SB_FMT_SVG:
		return "svg";
	case SB_FMT_PDF:
		return "pdf";
	default:
		return "png";
	}
}

int sb_plot_store(const struct sb_rstore *st, const struct sb_plot_opts *po,
		  struct sb_plot_out *out)
{
	memset(out, 0, sizeof(*out));
	if (po->outdir)
		snprintf(out->outdir, sizeof(out->outdir), "%s", po->outdir);
	else
		snprintf(out->outdir, sizeof(out->outdir), "plots/%s",
			 st->name);
	fprintf(stderr, "syncbench plot: chart rendering is not implemented "
		"yet (%zu ok points loaded)\n", st->nr_ok);
	return 2;
}

void sb_plot_out_print(const struct sb_plot_out *out, FILE *f)
{
	unsigned int i;

	for (i = 0; i < out->n; i++) {
		const struct sb_chart_out *c = &out->chart[i];

		if (c->rendered)
			fprintf(f, "%-12s %s\n", c->id, c->image);
		else
			fprintf(f, "%-12s skipped: %s\n", c->id, c->note);
	}
}

void sb_plot_out_free(struct sb_plot_out *out)
{
	out->n = 0;
}
