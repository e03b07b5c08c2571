/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The design-review page: one self-contained HTML file (charts embedded as
 * data: URIs, styles inline, no script or font from the network) with the
 * machine, the matrix, who wins where (in words and as a regime map), the
 * best primitive per contention regime, every chart (or why it was
 * skipped), every point's numbers and the points that failed.
 *
 * When the page has loaded, a small inline script checks that every image
 * decoded and records the outcome in <body data-images="ok N" | "broken
 * ..."> and the title, so a headless browser can verify it.
 */
#ifndef SB_BENCH_REPORT_H
#define SB_BENCH_REPORT_H

#include <stdio.h>

#include "plot/plot.h"
#include "report/regime.h"
#include "store/group.h"
#include "store/load.h"

struct sb_report_opts {
	enum sb_objective obj;	/* --objective: what ranks the winners */
	const char *xdim;	/* --x: the regime map's columns */
	const char *store_rel;	/* the store, relative to the page; NULL:
				 * no links */
};

/*
 * The page, in this order: the answers (crossovers in words), machine,
 * matrix, primitives, the best primitive per regime, the regime map,
 * charts (emulated ones last, apart), every point, failed points. out
 * may be NULL when nothing could be plotted (then plot_err says why).
 */
int sb_report_write(FILE *f, const struct sb_rstore *st,
		    const struct sb_pset *ps, const struct sb_plot_out *out,
		    const char *plot_err, const struct sb_report_opts *ro);

/* HTML-escape s into f. */
void sb_html_text(FILE *f, const char *s);
/*
 * A relative path as a link target: "./" first, so that no part of it reads
 * as a scheme ("javascript:..."), and every byte but letters, digits,
 * "-._~/" percent-encoded (no quote, space or "#" can end or bend it).
 */
void sb_html_url(FILE *f, const char *path);
/* Write a file as base64, for a data: URI. Returns 0 or -1 with errno. */
int sb_base64_file(FILE *f, const char *path);

#endif /* SB_BENCH_REPORT_H */
