// SPDX-License-Identifier: GPL-2.0
/* A chart's panels, series and rows, written for gnuplot; see chart.h. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb_config.h"
#include "plot/chart.h"
#include "store/load.h"
#include "util/util.h"

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p && n) {
		sb_errf("syncbench: out of memory\n");
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
	sb_hash_init(&c->panel_idx);
	sb_hash_init(&c->ser_idx);
}

void sb_chart_free(struct sb_chart *c)
{
	size_t i;

	for (i = 0; i < c->nser; i++)
		free(c->ser[i].rows);
	free(c->ser);
	free(c->panel);
	sb_hash_free(&c->panel_idx);
	sb_hash_free(&c->ser_idx);
	c->ser = NULL;
	c->panel = NULL;
	c->nser = c->npanels = c->ser_cap = c->panel_cap = 0;
}

/* Grow an array of n elements of size sz by doubling *cap. */
static void *grow(void *p, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 8;
	return xrealloc(p, *cap * sz);
}

size_t sb_chart_panel(struct sb_chart *c, const char *key, const char *title)
{
	size_t i = c->npanels, *idx;
	int added;

	idx = sb_hash_put(&c->panel_idx, key, i, &added);
	if (!added)
		return *idx;
	c->panel = grow(c->panel, i, &c->panel_cap, sizeof(*c->panel));
	sb_strscpy(c->panel[i].key, key, sizeof(c->panel[i].key));
	sb_strscpy(c->panel[i].title, title, sizeof(c->panel[i].title));
	return c->npanels++;
}

size_t sb_chart_series(struct sb_chart *c, size_t panel, const char *key,
		       const char *title, const char *color, int dt, int pt)
{
	struct sb_chart_series *s;
	char k[200];
	size_t *idx;
	int added;

	/* The same key in another panel is another series. */
	sb_snprintf(k, sizeof(k), "%zu|%s", panel, key);
	idx = sb_hash_put(&c->ser_idx, k, c->nser, &added);
	if (!added)
		return *idx;
	c->ser = grow(c->ser, c->nser, &c->ser_cap, sizeof(*c->ser));
	s = &c->ser[c->nser];
	memset(s, 0, sizeof(*s));
	sb_strscpy(s->key, key, sizeof(s->key));
	sb_strscpy(s->title, title, sizeof(s->title));
	sb_strscpy(s->color, color, sizeof(s->color));
	s->dt = dt;
	s->pt = pt;
	s->panel = panel;
	s->order = c->nser;
	s->score = -INFINITY;
	return c->nser++;
}

void sb_chart_row(struct sb_chart *c, size_t series, double x,
		  const double *v)
{
	struct sb_chart_series *s = &c->ser[series];
	size_t stride = 1 + c->ncols;
	double *r, rank;

	s->rows = grow(s->rows, s->nrows, &s->cap, stride * sizeof(*s->rows));
	r = &s->rows[stride * s->nrows++];
	r[0] = x;
	memcpy(r + 1, v, c->ncols * sizeof(*v));
	rank = c->rank_col < 0 ? x : c->rank_col < (int)c->ncols ?
	       v[c->rank_col] : NAN;
	if (isfinite(rank) && rank > s->score)
		s->score = rank;
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
	fputc('\'', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '\'')
			fputs("''", f);
		else if (ch == '\n')
			fputs("'.\"\\n\".'", f);
		else if (ch < 0x20 || ch == 0x7f)
			fputc(' ', f);
		else
			fputc(ch, f);
	}
	fputc('\'', f);
}

static int row_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	/* A row starts with its x. */
	return (a > b) - (a < b);
}

/* gnuplot reads "NaN" as a missing value: a log axis never sees 0. */
static void put_val(FILE *f, double v)
{
	if (isfinite(v))
		fprintf(f, " %.6g", v);
	else
		fputs(" NaN", f);
}

/* Panel p's data file: the series [first, end) of the panel-sorted array. */
static int write_panel(const struct sb_chart *c, size_t p, size_t first,
		       size_t end, const char *path)
{
	size_t i, j, stride = 1 + c->ncols;
	unsigned int k;
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fprintf(f, "# syncbench chart %s, panel: %s\n# columns: %s\n",
		c->id, c->panel[p].title, c->columns);
	for (i = first; i < end; i++) {
		const struct sb_chart_series *s = &c->ser[i];

		fprintf(f, "%s# series: %s\n", i > first ? "\n\n" : "",
			s->title);
		qsort(s->rows, s->nrows, stride * sizeof(*s->rows), row_cmp);
		for (j = 0; j < s->nrows; j++) {
			const double *r = &s->rows[stride * j];

			fprintf(f, "%.6g", r[0]);
			for (k = 0; k < c->ncols; k++)
				put_val(f, r[1 + k]);
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

/* Every x of the chart, sorted, each once; their count. */
static size_t distinct_x(const struct sb_chart *c, double **out)
{
	double *xs = xrealloc(NULL, (sb_chart_nrows(c) + 1) * sizeof(*xs));
	size_t i, j, n = 0, nx = 0;

	for (i = 0; i < c->nser; i++)
		for (j = 0; j < c->ser[i].nrows; j++)
			xs[n++] = c->ser[i].rows[(1 + c->ncols) * j];
	qsort(xs, n, sizeof(*xs), dbl_cmp);
	for (i = 0; i < n; i++)
		if (!nx || xs[i] != xs[nx - 1])
			xs[nx++] = xs[i];
	*out = xs;
	return nx;
}

/* A tic at each x (up to 24): its value, or "0" where 0 is drawn. */
static void value_tics(const struct sb_chart *c, const double *xs, size_t nx,
		       FILE *f)
{
	char cmd[2048];
	struct sb_buf b;
	size_t k;

	sb_buf_init(&b, cmd, sizeof(cmd));
	sb_bprintf(&b, "%s", c->xlog ? "set logscale x 10; " :
		   "unset logscale x; ");
	if (nx > 24) {
		/* too many to label each: gnuplot's own, and 0 where drawn */
		sb_bprintf(&b, "set xtics autofreq");
		if (c->xzero > 0)
			sb_bprintf(&b, "; set xtics add ('0' %.10g)", c->xzero);
	} else {
		sb_bprintf(&b, "set xtics (");
		for (k = 0; k < nx; k++) {
			sb_bprintf(&b, "%s", k ? ", " : "");
			if (c->xzero > 0 && xs[k] == c->xzero)
				sb_bprintf(&b, "'0' ");
			sb_bprintf(&b, "%.10g", xs[k]);
		}
		sb_bprintf(&b, ")");
	}
	fputs("xtics_cmd = ", f);
	sb_gp_string(f, cmd);
	fputc('\n', f);
}

static void write_xtics(const struct sb_chart *c, FILE *f)
{
	double xmin = 0, xmax = 1, *xs;
	size_t nx = distinct_x(c, &xs);

	if (nx) {
		xmin = xs[0];
		xmax = xs[nx - 1];
	}
	fputs("x_label = ", f);
	sb_gp_string(f, c->xlabel);
	fputc('\n', f);
	if (c->xlog) {
		/* A margin of a fifth of a decade each side. */
		fprintf(f, "xmin = %.10g\nxmax = %.10g\n", xmin / 1.6,
			xmax * 1.6);
		value_tics(c, xs, nx, f);
	} else if (c->integer_x || c->value_x) {
		/*
		 * A margin so a single value is a visible point in the
		 * middle, not an empty axis, and a tic at every value.
		 */
		double m = c->integer_x || xmax == xmin ? 0.5 :
			   (xmax - xmin) / 20;
		fprintf(f, "xmin = %.10g\nxmax = %.10g\n", xmin - m, xmax + m);
		value_tics(c, xs, nx, f);
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
static void write_panels(const struct sb_chart *c, unsigned int layout_cols,
			 FILE *f)
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
	/*
	 * Relative to the plots directory, where gnuplot runs (the data
	 * files are in its data/): plots/NAME/ can be moved and drawn again.
	 */
	for (p = 0; p < c->npanels; p++) {
		sb_snprintf(path, sizeof(path), "data/%s.p%zu.dat", c->id,
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

/* Rank within a panel: the higher score first, then the earlier. */
static int rank_cmp(const void *pa, const void *pb)
{
	const struct sb_chart_series *a = pa, *b = pb;

	if (a->panel != b->panel)
		return a->panel < b->panel ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

/* Drop the series keep[] does not mark, freeing their rows. */
static void drop_series(struct sb_chart *c, const char *keep)
{
	size_t i, n = 0;

	for (i = 0; i < c->nser; i++) {
		if (keep[i])
			c->ser[n++] = c->ser[i];
		else
			free(c->ser[i].rows);
	}
	c->nser = n;
}

/* At most max series a panel, the best ranked; the most a panel had. */
static size_t cap_series(struct sb_chart *c, size_t max)
{
	char *keep = xrealloc(NULL, c->nser + 1);
	size_t i, run = 0, most = 0;

	qsort(c->ser, c->nser, sizeof(*c->ser), rank_cmp);
	for (i = 0; i < c->nser; i++) {
		if (i && c->ser[i].panel != c->ser[i - 1].panel)
			run = 0;
		keep[i] = ++run <= max;
		if (run > most)
			most = run;
	}
	drop_series(c, keep);
	free(keep);
	return most;
}

/* A panel and the score of its best series. */
struct panel_rank {
	double score;
	size_t p;
};

/* The higher score first, then the earlier panel. */
static int panel_cmp(const void *pa, const void *pb)
{
	const struct panel_rank *a = pa, *b = pb;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return (a->p > b->p) - (a->p < b->p);
}

/* At most max panels: those whose best series ranks highest. */
static void cap_panels(struct sb_chart *c, size_t max)
{
	struct panel_rank *by = xrealloc(NULL, c->npanels * sizeof(*by));
	size_t *to = xrealloc(NULL, c->npanels * sizeof(*to));
	char *keep = xrealloc(NULL, c->nser + 1);
	size_t p, i, n = 0;

	for (p = 0; p < c->npanels; p++) {
		by[p] = (struct panel_rank){ -INFINITY, p };
		to[p] = SIZE_MAX;
	}
	for (i = 0; i < c->nser; i++)
		by[c->ser[i].panel].score = fmax(by[c->ser[i].panel].score,
						 c->ser[i].score);
	qsort(by, c->npanels, sizeof(*by), panel_cmp);
	for (p = 0; p < max; p++)
		to[by[p].p] = 0;
	/* The kept panels keep their order, renumbered from 0. */
	for (p = 0; p < c->npanels; p++)
		if (!to[p]) {
			to[p] = n;
			c->panel[n++] = c->panel[p];
		}
	c->npanels = n;
	for (i = 0; i < c->nser; i++) {
		keep[i] = to[c->ser[i].panel] != SIZE_MAX;
		c->ser[i].panel = to[c->ser[i].panel];
	}
	drop_series(c, keep);
	free(keep);
	free(to);
	free(by);
}

int sb_chart_cap(struct sb_chart *c, size_t max_panels, size_t max_series,
		 struct sb_chart_capped *out)
{
	memset(out, 0, sizeof(*out));
	out->panels = c->npanels;
	out->series = c->nser;
	out->max_series = cap_series(c, max_series);
	if (c->npanels > max_panels)
		cap_panels(c, max_panels);
	out->panels_drawn = c->npanels;
	out->series_drawn = c->nser;
	/* Indexes moved: nothing may be looked up or added any more. */
	sb_hash_free(&c->panel_idx);
	sb_hash_free(&c->ser_idx);
	return out->panels_drawn < out->panels ||
	       out->series_drawn < out->series;
}

int sb_chart_write(struct sb_chart *c, const char *dir,
		   unsigned int layout_cols, const char *extra)
{
	char path[4400];
	size_t p, i = 0, first;
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
		for (first = i; i < c->nser && c->ser[i].panel == p; i++)
			;
		if (write_panel(c, p, first, i, path))
			return -1;
	}
	sb_snprintf(path, sizeof(path), "%s/%s.vars.gp", dir, c->id);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "# generated by syncbench plot: the layout and styles of "
		"chart %s\n", c->id);
	write_panels(c, layout_cols, f);
	write_series(c, f);
	write_xtics(c, f);
	fputs(c->extra, f);
	if (extra)
		fputs(extra, f);
	return fclose(f);
}
