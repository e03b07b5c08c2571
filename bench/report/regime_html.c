// SPDX-License-Identifier: GPL-2.0
/*
 * The report's answers (the crossovers in words, first on the page) and
 * the regime map as tables. Every sentence and every cell carries its
 * facts as data- attributes (the winner, the runner-up, the margin, the
 * values of the two dimensions), so a test can check the page against
 * summary.csv without parsing prose.
 */
#include <stdio.h>
#include <string.h>

#include "sb_config.h"
#include "plot/charts.h"
#include "report/regime_html.h"
#include "report/regime_text.h"
#include "report/report.h"
#include "store/summary_csv.h"

static void attr_num(FILE *f, const char *name, double v)
{
	char num[48];

	sb_summary_num(num, sizeof(num), v);
	fprintf(f, " %s=\"%s\"", name, num);
}

void sb_report_answers(FILE *f, const struct sb_regime_map *m, int built)
{
	char text[2048], row[96];
	size_t c, r;

	fputs("<h2 id=\"answers\">Answers: who wins where</h2>\n", f);
	if (!built) {
		fputs("<p class=\"note\">This run sweeps no dimension (one "
		      "value each), so there is no crossover to state: see "
		      "the <a href=\"#summary\">best primitive</a> per "
		      "regime.</p>\n", f);
		return;
	}
	if (!m->nctx) {
		fprintf(f, "<p class=\"note\">No point can be ranked by %s "
			"(--objective %s): none that can win measured "
			"it.</p>\n", sb_objectives[m->obj].what,
			sb_objectives[m->obj].name);
		return;
	}
	fprintf(f, "<p>Ranked by %s over the repeats (--objective %s), "
		"along %s; \"within noise\" means the leader's margin is "
		"under 2%% or Welch's t-test over the repeats' logarithms "
		"cannot tell the top two apart at 95%%. The "
		"<a href=\"#regimes\">regime map</a> has every cell.</p>\n"
		"<ul class=\"crossovers\">\n", sb_objectives[m->obj].what,
		sb_objectives[m->obj].name, m->col->key);
	for (c = 0; c < m->nctx; c++)
		for (r = 0; r < m->nrows; r++) {
			if (!sb_regime_sentence(m, &m->ctx[c], r, text,
						sizeof(text)))
				continue;
			sb_regime_row_label(m, r, row, sizeof(row));
			fputs("<li class=\"crossover\" data-ctx=\"", f);
			sb_html_text(f, m->ctx[c].title);
			fputc('"', f);
			if (m->row)
				attr_num(f, "data-row", m->row->vals[r]);
			fputc('>', f);
			sb_html_text(f, text);
			fputs("</li>\n", f);
		}
	fputs("</ul>\n", f);
}

/* One cell: the winner on its colour, the margin, the verdict. */
static void write_cell(FILE *f, const struct sb_regime_map *m,
		       const struct sb_cell *cell, size_t r, size_t k)
{
	fputs("<td class=\"cell\"", f);
	attr_num(f, "data-col", m->col->vals[k]);
	if (m->row)
		attr_num(f, "data-row", m->row->vals[r]);
	if (!cell->best) {
		fputs(">-</td>", f);
		return;
	}
	fputs(" data-winner=\"", f);
	sb_html_text(f, cell->best->prim);
	fprintf(f, "\" data-clear=\"%d\"", cell->clear);
	attr_num(f, "data-value", cell->vbest);
	if (cell->second) {
		fputs(" data-second=\"", f);
		sb_html_text(f, cell->second->prim);
		fputc('"', f);
		attr_num(f, "data-margin", cell->margin);
	}
	/* a clear winner on its chart colour, a tie on grey */
	fprintf(f, " style=\"background:%s%s\"><b>", cell->clear ||
		!cell->second ? sb_prim_color(cell->best->prim) : "#999999",
		"30");
	sb_html_text(f, cell->best->prim);
	if (!cell->second)
		fputs("</b><br><small>only contender</small></td>", f);
	else
		fprintf(f, "</b><br><small>+%.1f%% over %s, %s</small></td>",
			cell->margin * 100, cell->second->prim,
			cell->clear ? "clear" : "within noise");
}

static void write_map(FILE *f, const struct sb_regime_map *m,
		      const struct sb_regime_ctx *c)
{
	char row[96], x[32];
	size_t r, k;

	fputs("<h3>", f);
	sb_html_text(f, c->title);
	fputs("</h3>\n<table class=\"regime\" data-ctx=\"", f);
	sb_html_text(f, c->title);
	fprintf(f, "\">\n<tr><th>%s \\ %s</th>", m->row ? m->row->key : "",
		m->col->key);
	for (k = 0; k < m->ncols; k++) {
		sb_view_fmt(m->col->vals[k], x, sizeof(x));
		fprintf(f, "<th>%s</th>", x);
	}
	fputs("</tr>\n", f);
	for (r = 0; r < m->nrows; r++) {
		sb_regime_row_label(m, r, row, sizeof(row));
		fputs("<tr><th>", f);
		sb_html_text(f, *row ? row : "all");
		fputs("</th>", f);
		for (k = 0; k < m->ncols; k++)
			write_cell(f, m, &c->cells[r * m->ncols + k], r, k);
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

void sb_report_regime_map(FILE *f, const struct sb_regime_map *m, int built)
{
	size_t c;

	if (!built)
		return;
	fprintf(f, "<h2 id=\"regimes\">Regime map</h2>\n<p>The winner by "
		"%s in each cell of %s (columns) x %s (rows), its margin "
		"over the runner-up and whether that is beyond noise; one "
		"map per backend, interrupt rate and remaining workload. "
		"Emulated runs never compete with native ones.</p>\n",
		sb_objectives[m->obj].what, m->col->key,
		m->row ? m->row->key : "nothing else");
	if (m->nctx < m->nctx_all)
		fprintf(f, "<p class=\"note\">The first %zu of %zu maps are "
			"shown (narrow the matrix to see the rest).</p>\n",
			m->nctx, m->nctx_all);
	for (c = 0; c < m->nctx; c++)
		write_map(f, m, &m->ctx[c]);
}
