// SPDX-License-Identifier: GPL-2.0
/* The swept dimensions, the x axis and each group's panel; see view.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb_config.h"
#include "matrix/dims.h"
#include "plot/charts.h"
#include "plot/view.h"
#include "store/rrec.h"
#include "util/util.h"

double sb_view_value(const struct sb_pgroup *g, const struct sb_view_dim *d)
{
	char buf[64], *end;
	double x;

	if (!strcmp(d->key, "threads"))
		return g->threads;
	if (!*sb_rrec_str(g->any, d->key, buf, sizeof(buf)))
		return NAN;
	x = strtod(buf, &end);
	return end != buf && !*end ? x : NAN;
}

void sb_view_fmt(double x, char *buf, size_t len)
{
	/* %g keeps 0.001 and 1024 as typed; six digits are plenty here. */
	sb_snprintf(buf, len, "%g", x);
}

int sb_view_index(const struct sb_view_dim *d, double x)
{
	size_t i;

	for (i = 0; i < d->nvals; i++)
		if (d->vals[i] == x)
			return (int)i;
	return -1;
}

size_t sb_view_gi(const struct sb_view *v, const struct sb_pgroup *g)
{
	return (size_t)(g - v->ps->g);
}

static int shown(const struct sb_pset *ps, const struct sb_pgroup *g)
{
	return g->n && !strcmp(g->placement, sb_main_placement(ps));
}

/* The label format of a workload key: the matrix row's, else "key %s". */
static const char *dim_fmt(const char *key)
{
	unsigned int i;

	for (i = 0; i < sb_nr_dims; i++)
		if (sb_dims[i].label && !strcmp(sb_dims[i].name, key))
			return sb_dims[i].label;
	return NULL;
}

static int dbl_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

/* d's distinct values over the shown groups; text when not numbers. */
static void count_values(const struct sb_pset *ps, struct sb_view_dim *d)
{
	char first[64] = "", buf[64];
	size_t i, k;
	int text_varies = 0;

	d->numeric = 1;
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];
		double x;

		if (!shown(ps, g))
			continue;
		x = sb_view_value(g, d);
		if (strcmp(d->key, "threads")) {
			sb_rrec_str(g->any, d->key, buf, sizeof(buf));
			if (!*buf)
				continue;	/* a key one side lacks */
			if (!*first)
				sb_strscpy(first, buf, sizeof(first));
			text_varies |= !!strcmp(first, buf);
		}
		if (isnan(x)) {
			d->numeric = 0;
			continue;
		}
		for (k = 0; k < d->nvals && d->vals[k] != x; k++)
			;
		if (k == d->nvals && k < SB_VIEW_MAX_VALS)
			d->vals[d->nvals++] = x;
	}
	if (!d->numeric)
		d->nvals = text_varies ? 2 : 1;	/* a panel dim, never x */
	else
		qsort(d->vals, d->nvals, sizeof(*d->vals), dbl_cmp);
}

static void find_dims(struct sb_view *v)
{
	const char *keys[SB_VIEW_MAX_DIMS];
	size_t i, n = sb_pset_wl_keys(keys, SB_VIEW_MAX_DIMS - 1);

	v->dims[0] = (struct sb_view_dim){ .key = "threads", .fmt = "%s" };
	count_values(v->ps, &v->dims[0]);
	v->ndims = 1;
	for (i = 0; i < n; i++) {
		struct sb_view_dim *d = &v->dims[v->ndims];

		*d = (struct sb_view_dim){ .key = keys[i],
					   .fmt = dim_fmt(keys[i]) };
		count_values(v->ps, d);
		v->ndims++;
	}
}

const struct sb_view_dim *sb_view_dim(const struct sb_view *v,
				      const char *key)
{
	size_t i;

	for (i = 0; i < v->ndims; i++)
		if (!strcmp(v->dims[i].key, key))
			return &v->dims[i];
	return NULL;
}

/* The default x: the swept numeric dimension with the most values. */
static const struct sb_view_dim *default_x(const struct sb_view *v)
{
	const struct sb_view_dim *best = &v->dims[0];
	size_t i;

	for (i = 1; i < v->ndims; i++)
		if (v->dims[i].numeric && v->dims[i].nvals > best->nvals)
			best = &v->dims[i];
	return best;
}

/* "threads, update_pct" into buf: what --x may name. */
static void swept_names(const struct sb_view *v, char *buf, size_t len)
{
	struct sb_buf b;
	size_t i;

	sb_buf_init(&b, buf, len);
	for (i = 0; i < v->ndims; i++)
		if (v->dims[i].numeric && (v->dims[i].nvals > 1 || !i))
			sb_bprintf(&b, "%s%s", b.n ? ", " : "", v->dims[i].key);
}

/*
 * Log when the positive values span two decades; 0 then sits a decade
 * left of the smallest positive value (a log axis has no 0).
 */
static void x_scale(struct sb_xaxis *x)
{
	const struct sb_view_dim *d = x->dim;
	double lo = 0, hi = d->nvals ? d->vals[d->nvals - 1] : 0;
	size_t i;

	for (i = 0; i < d->nvals && !lo; i++)
		if (d->vals[i] > 0)
			lo = d->vals[i];
	/*
	 * Threads read best on a linear axis (ideal scaling is a straight
	 * line) unless they span two decades; a workload key spanning one
	 * decade (update_pct 0.1 .. 50) would crowd its small values.
	 */
	x->log = lo > 0 && hi / lo >= (strcmp(d->key, "threads") ? 10 : 100);
	x->zero_at = x->log && d->vals[0] == 0 ? lo / 10 : 0;
	if (!x->zero_at) {
		sb_snprintf(x->label, sizeof(x->label), "%s%s", d->key,
			    x->log ? " (log scale)" : "");
		return;
	}
	sb_snprintf(x->label, sizeof(x->label),
		    "%s (log; 0 drawn at %g)",
		    d->key, x->zero_at);
}

void sb_view_label(const struct sb_view *v, const struct sb_pgroup *g,
		   const struct sb_view_dim *skip,
		   const struct sb_view_dim *skip2, char *buf, size_t len)
{
	char val[64];
	struct sb_buf b;
	size_t i;

	sb_buf_init(&b, buf, len);
	for (i = 0; i < v->ndims; i++) {
		const struct sb_view_dim *d = &v->dims[i];

		if (d == skip || d == skip2 || d->nvals < 2)
			continue;
		if (!i)
			sb_snprintf(val, sizeof(val), "%u thread%s",
				    g->threads, g->threads == 1 ? "" : "s");
		else if (!*sb_rrec_str(g->any, d->key, val, sizeof(val)))
			continue;
		sb_bprintf(&b, "%s", b.n ? ", " : "");
		if (d->fmt)
			sb_bprintf(&b, d->fmt, val);
		else
			sb_bprintf(&b, "%s %s", d->key, val);
	}
}

/* The x axis: xdim, or the default; -1 with err when xdim is not swept. */
static int pick_x(struct sb_view *v, const char *xdim, char *err,
		  size_t errlen)
{
	const struct sb_view_dim *d = xdim && *xdim ? sb_view_dim(v, xdim) :
				      default_x(v);
	char names[512];

	if (!d || !d->numeric || (d->nvals < 2 && d != v->dims)) {
		swept_names(v, names, sizeof(names));
		sb_snprintf(err, errlen, "--x %s: not a swept numeric "
			    "dimension of this store (swept: %s)", xdim,
			    names);
		return -1;
	}
	v->x.dim = d;
	x_scale(&v->x);
	return 0;
}

int sb_view_build(struct sb_view *v, const struct sb_pset *ps,
		  const char *xdim, char *err, size_t errlen)
{
	size_t i;

	memset(v, 0, sizeof(*v));
	v->ps = ps;
	find_dims(v);
	if (pick_x(v, xdim, err, errlen))
		return -1;
	v->gx = calloc(ps->n + 1, sizeof(*v->gx));
	v->panel = calloc(ps->n + 1, sizeof(*v->panel));
	v->panel_t = calloc(ps->n + 1, sizeof(*v->panel_t));
	if (!v->gx || !v->panel || !v->panel_t)
		abort();
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		v->gx[i] = sb_view_value(g, v->x.dim);
		if (v->gx[i] == 0 && v->x.zero_at > 0)
			v->gx[i] = v->x.zero_at;
		if (!g->n)
			continue;
		v->native |= shown(ps, g) && !g->emulated;
		sb_view_label(v, g, v->x.dim, NULL, v->panel[i],
			      sizeof(v->panel[i]));
		sb_view_label(v, g, &v->dims[0], NULL, v->panel_t[i],
			      sizeof(v->panel_t[i]));
	}
	return 0;
}

void sb_view_free(struct sb_view *v)
{
	free(v->gx);
	free(v->panel);
	free(v->panel_t);
	memset(v, 0, sizeof(*v));
}

/* The default of a workload key: its matrix row's, else its config key's. */
static const char *key_default(const char *key)
{
	unsigned int i;

	for (i = 0; i < sb_nr_dims; i++)
		if (!strcmp(sb_dims[i].name, key))
			return sb_dims[i].def;
	for (i = 0; i < sb_nr_keys; i++)
		if (!strcmp(sb_keys[i].name, key))
			return sb_keys[i].def;
	return NULL;
}

/*
 * Shown in a subtitle: the workload rows of the matrix (update rate, list
 * length, cs and think time: what the workload is), the duration, and any
 * other key off its default; node follows --mem, which says it.
 */
static int worth_saying(const struct sb_view_dim *d, const char *val)
{
	const char *def = key_default(d->key);

	if (!strcmp(d->key, "node"))
		return 0;
	if (d->fmt && strcmp(d->key, "mem"))
		return 1;
	return !def || strcmp(def, val) || !strcmp(d->key, "duration_ms");
}

void sb_view_fixed(const struct sb_view *v, char *buf, size_t len)
{
	const struct sb_pgroup *any = NULL;
	char val[64];
	struct sb_buf b;
	size_t i;

	for (i = 0; i < v->ps->n && !any; i++)
		if (v->ps->g[i].n)
			any = &v->ps->g[i];
	sb_buf_init(&b, buf, len);
	for (i = 1; any && i < v->ndims; i++) {
		const struct sb_view_dim *d = &v->dims[i];

		if (d->nvals > 1 ||
		    !*sb_rrec_str(any->any, d->key, val, sizeof(val)) ||
		    !worth_saying(d, val))
			continue;
		sb_bprintf(&b, "%s", b.n ? ", " : "");
		if (d->fmt)
			sb_bprintf(&b, d->fmt, val);
		else if (!strcmp(d->key, "duration_ms"))
			sb_bprintf(&b, "%s ms", val);
		else
			sb_bprintf(&b, "%s=%s", d->key, val);
	}
	sb_bprintf(&b, "%sother keys at their defaults", b.n ? "; " : "");
}
