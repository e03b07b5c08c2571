// SPDX-License-Identifier: GPL-2.0
/* A chart's panels, series and rows, written for gnuplot; see chart.h. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb_config.h"
#include "plot/chart.h"
#include "store/load.h"

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p && n) {
		fprintf(stderr, "syncbench: out of memory\n");
		exit(2);
	}
	return p;
}

void sb_chart_init(struct sb_chart *c, const char *id, const char *columns,
		   unsigned int ncols)
{
	memset(c, 0, sizeof(*c));
	c->id = id;
	c->columns = columns;
	c->ncols = ncols > SB_CHART_COLS ? SB_CHART_COLS : ncols;
	c->integer_x = 1;
}

void sb_chart_free(struct sb_chart *c)
{
	size_t i;

	for (i = 0; i < c->nser; i++)
		free(c->ser[i].rows);
	free(c->ser);
	free(c->panel);
	c->ser = NULL;
	c->panel = NULL;
	c->nser = c->npanels = 0;
}

size_t sb_chart_panel(struct sb_chart *c, const char *key, const char *title)
{
	size_t i;

	for (i = 0; i < c->npanels; i++)
		if (!strcmp(c->panel[i].key, key))
			return i;
	c->panel = xrealloc(c->panel, (c->npanels + 1) * sizeof(*c->panel));
	sb_strscpy(c->panel[i].key, key, sizeof(c->panel[i].key));
	sb_strscpy(c->panel[i].title, title, sizeof(c->panel[i].title));
	return c->npanels++;
}

size_t sb_chart_series(struct sb_chart *c, size_t panel, const char *key,
		       const char *title, const char *color, int dt, int pt)
{
	struct sb_chart_series *s;
	size_t i;

	for (i = 0; i < c->nser; i++)
		if (c->ser[i].panel == panel && !strcmp(c->ser[i].key, key))
			return i;
	c->ser = xrealloc(c->ser, (c->nser + 1) * sizeof(*c->ser));
	s = &c->ser[c->nser];
	memset(s, 0, sizeof(*s));
	sb_strscpy(s->key, key, sizeof(s->key));
	sb_strscpy(s->title, title, sizeof(s->title));
	sb_strscpy(s->color, color, sizeof(s->color));
	s->dt = dt;
	s->pt = pt;
	s->panel = panel;
	s->order = c->nser;
	return c->nser++;
}

void sb_chart_row(struct sb_chart *c, size_t series, double x,
		  const double *v)
{
	struct sb_chart_series *s = &c->ser[series];
	struct sb_chart_row *r;

	s->rows = xrealloc(s->rows, (s->nrows + 1) * sizeof(*s->rows));
	r = &s->rows[s->nrows++];
	memset(r, 0, sizeof(*r));
	r->x = x;
	memcpy(r->v, v, c->ncols * sizeof(*v));
}

size_t sb_chart_nrows(const struct sb_chart *c)
{
	size_t i, n = 0;

	for (i = 0; i < c->nser; i++)
		n += c->ser[i].nrows;
	return n;
}

void sb_gp_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		if (*s == '\n') {
			fputs("\\n", f);
			continue;
		}
		fputc(*s, f);
	}
	fputc('"', f);
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct sb_chart_row *a = pa, *b = pb;

	return (a->x > b->x) - (a->x < b->x);
}

/* gnuplot reads "NaN" as a missing value: a log axis never sees 0. */
static void put_val(FILE *f, double v)
{
	if (isfinite(v))
		fprintf(f, " %.6g", v);
	else
		fputs(" NaN", f);
}

static int write_panel(const struct sb_chart *c, size_t p, const char *path)
{
	size_t i, j, blocks = 0;
	unsigned int k;
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fprintf(f, "# syncbench chart %s, panel: %s\n# columns: %s\n",
		c->id, c->panel[p].title, c->columns);
	for (i = 0; i < c->nser; i++) {
		const struct sb_chart_series *s = &c->ser[i];

		if (s->panel != p)
			continue;
		fprintf(f, "%s# series: %s\n", blocks++ ? "\n\n" : "",
			s->title);
		qsort(s->rows, s->nrows, sizeof(*s->rows), row_cmp);
		for (j = 0; j < s->nrows; j++) {
			fprintf(f, "%.6g", s->rows[j].x);
			for (k = 0; k < c->ncols; k++)
				put_val(f, s->rows[j].v[k]);
			fputc('\n', f);
		}
	}
	return fclose(f);
}

static int dbl_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

static void write_xtics(const struct sb_chart *c, FILE *f)
{
	double xmin = INFINITY, xmax = -INFINITY, *xs = NULL;
	size_t i, j, k, nx = 0;

	for (i = 0; i < c->nser; i++)
		for (j = 0; j < c->ser[i].nrows; j++) {
			double x = c->ser[i].rows[j].x;

			for (k = 0; k < nx && xs[k] != x; k++)
				;
			if (k == nx) {
				xs = xrealloc(xs, (nx + 1) * sizeof(*xs));
				xs[nx++] = x;
			}
			xmin = fmin(xmin, x);
			xmax = fmax(xmax, x);
		}
	if (!nx) {
		xmin = 0;
		xmax = 1;
	}
	if (nx)
		qsort(xs, nx, sizeof(*xs), dbl_cmp);
	/*
	 * Thread counts: a margin so a single count is a visible point in
	 * the middle, not an empty axis, and a tic at every count measured.
	 */
	if (c->integer_x) {
		fprintf(f, "xmin = %g\nxmax = %g\n", xmin - 0.5, xmax + 0.5);
		fputs("xtics_cmd = \"set xtics (", f);
		for (k = 0; k < nx && k < 24; k++)
			fprintf(f, "%s%g", k ? ", " : "", xs[k]);
		fputs(")\"\n", f);
	} else {
		fprintf(f, "xmin = %g\nxmax = %g\n", xmin, xmax);
		fputs("xtics_cmd = \"set xtics autofreq\"\n", f);
	}
	free(xs);
}

static void gp_array_str(FILE *f, const char *name, size_t n,
			 const char *(*get)(const struct sb_chart *, size_t),
			 const struct sb_chart *c)
{
	size_t i;

	fprintf(f, "array %s[%zu] = [", name, n);
	for (i = 0; i < n; i++) {
		if (i)
			fputs(", ", f);
		sb_gp_string(f, get(c, i));
	}
	fputs("]\n", f);
}

static const char *ptitle(const struct sb_chart *c, size_t i)
{
	return c->panel[i].title;
}

static const char *stitle(const struct sb_chart *c, size_t i)
{
	return c->ser[i].title;
}

static const char *scolor(const struct sb_chart *c, size_t i)
{
	return c->ser[i].color;
}

static int ser_cmp(const void *pa, const void *pb)
{
	const struct sb_chart_series *a = pa, *b = pb;

	if (a->panel != b->panel)
		return a->panel < b->panel ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

/* The panels' layout, titles and data files. */
static void write_panels(const struct sb_chart *c, const char *dir,
			 unsigned int layout_cols, FILE *f)
{
	char path[4400];
	unsigned int rows;
	size_t p;

	if (layout_cols > c->npanels)
		layout_cols = (unsigned int)c->npanels;
	rows = (unsigned int)((c->npanels + layout_cols - 1) / layout_cols);
	fprintf(f, "layout_rows = %u\nlayout_cols = %u\n", rows,
		layout_cols);
	fprintf(f, "npanels = %zu\n", c->npanels);
	gp_array_str(f, "panel_title", c->npanels, ptitle, c);
	fprintf(f, "array panel_file[%zu] = [", c->npanels);
	for (p = 0; p < c->npanels; p++) {
		sb_snprintf(path, sizeof(path), "%s/%s.p%zu.dat", dir, c->id,
			 p + 1);
		fputs(p ? ", " : "", f);
		sb_gp_string(f, path);
	}
	fputs("]\n", f);
}

/* The series: which panel has which, and their titles and styles. */
static void write_series(const struct sb_chart *c, FILE *f)
{
	size_t p, i, first;

	/* Series are stored grouped by panel: first index and count each. */
	fprintf(f, "array panel_first[%zu]\narray panel_count[%zu]\n",
		c->npanels, c->npanels);
	for (p = 0, i = 0; p < c->npanels; p++) {
		first = i;
		while (i < c->nser && c->ser[i].panel == p)
			i++;
		fprintf(f, "panel_first[%zu] = %zu\npanel_count[%zu] = %zu\n",
			p + 1, first + 1, p + 1, i - first);
	}
	fprintf(f, "nser = %zu\n", c->nser);
	gp_array_str(f, "ser_title", c->nser, stitle, c);
	gp_array_str(f, "ser_color", c->nser, scolor, c);
	fprintf(f, "array ser_dt[%zu] = [", c->nser);
	for (i = 0; i < c->nser; i++)
		fprintf(f, "%s%d", i ? ", " : "", c->ser[i].dt);
	fprintf(f, "]\narray ser_pt[%zu] = [", c->nser);
	for (i = 0; i < c->nser; i++)
		fprintf(f, "%s%d", i ? ", " : "", c->ser[i].pt);
	fputs("]\n", f);
}

int sb_chart_write(struct sb_chart *c, const char *dir,
		   unsigned int layout_cols, const char *extra)
{
	char path[4400];
	size_t p;
	FILE *f;

	if (!c->npanels || !c->nser) {
		errno = EINVAL;
		return -1;
	}
	/* Group series by panel, keeping the order they were added in. */
	qsort(c->ser, c->nser, sizeof(*c->ser), ser_cmp);
	for (p = 0; p < c->npanels; p++) {
		sb_snprintf(path, sizeof(path), "%s/%s.p%zu.dat", dir, c->id,
			 p + 1);
		if (write_panel(c, p, path))
			return -1;
	}
	sb_snprintf(path, sizeof(path), "%s/%s.vars.gp", dir, c->id);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "# generated by syncbench plot: the layout and styles of "
		"chart %s\n", c->id);
	write_panels(c, dir, layout_cols, f);
	write_series(c, f);
	write_xtics(c, f);
	if (extra)
		fputs(extra, f);
	return fclose(f);
}
