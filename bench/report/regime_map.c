// SPDX-License-Identifier: GPL-2.0
/* The regime map: cells over two swept dimensions; see regime.h. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sb_config.h"
#include "report/regime.h"
#include "util/hash.h"
#include "util/util.h"

/* The rows: the swept numeric dimension with most values, not col. */
static const struct sb_view_dim *pick_row(const struct sb_view *v,
					  const struct sb_view_dim *col)
{
	const struct sb_view_dim *best = NULL;
	size_t i;

	for (i = 0; i < v->ndims; i++) {
		const struct sb_view_dim *d = &v->dims[i];

		if (d != col && d->numeric && d->nvals > 1 &&
		    (!best || d->nvals > best->nvals))
			best = d;
	}
	return best;
}

/* What a map is per: backend, interrupt rate, the other swept dims. */
static void ctx_of(const struct sb_regime_map *m, const struct sb_pgroup *g,
		   char *key, size_t klen, char *title, size_t tlen)
{
	char wl[256], irq[32] = "";

	sb_view_label(m->v, g, m->col, m->row, wl, sizeof(wl));
	if (g->irq_hz)
		sb_snprintf(irq, sizeof(irq), ", irq %u Hz", g->irq_hz);
	sb_snprintf(key, klen, "%s|%u|%s", g->backend, g->irq_hz, wl);
	sb_snprintf(title, tlen, "%s%s%s%s%s", g->backend,
		    g->emulated ? " (emulated)" : "", irq, *wl ? ", " : "",
		    wl);
}

/* g's map, added when new and there is room; NULL when left out. */
static struct sb_regime_ctx *find_ctx(struct sb_regime_map *m,
				      struct sb_hash *idx,
				      const struct sb_pgroup *g)
{
	char key[400], title[320];
	struct sb_regime_ctx *c;
	size_t *k;
	int added;

	ctx_of(m, g, key, sizeof(key), title, sizeof(title));
	k = sb_hash_put(idx, key, SIZE_MAX, &added);
	if (!added)
		return *k == SIZE_MAX ? NULL : &m->ctx[*k];
	m->nctx_all++;
	if (m->nctx == SB_REGIME_MAX_CTX)
		return NULL;
	*k = m->nctx;
	c = &m->ctx[m->nctx++];
	sb_strscpy(c->key, key, sizeof(c->key));
	sb_strscpy(c->title, title, sizeof(c->title));
	c->cells = calloc(m->ncols * m->nrows, sizeof(*c->cells));
	if (!c->cells)
		abort();
	return c;
}

/* Every contender into its cell. */
static void fill(struct sb_regime_map *m)
{
	const struct sb_pset *ps = m->v->ps;
	struct sb_hash idx;
	size_t i;

	sb_hash_init(&idx);
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];
		struct sb_regime_ctx *c;
		int ci, ri = 0;

		/* no number for the objective (no contender): no cell */
		if (!sb_regime_contender(m->v, g) ||
		    isnan(sb_objective_value(g, m->obj)))
			continue;
		ci = sb_view_index(m->col, sb_view_value(g, m->col));
		if (m->row)
			ri = sb_view_index(m->row, sb_view_value(g, m->row));
		if (ci < 0 || ri < 0)
			continue;
		c = find_ctx(m, &idx, g);
		if (c)
			sb_cell_add(&c->cells[(size_t)ri * m->ncols +
					      (size_t)ci], g, m->obj);
	}
	sb_hash_free(&idx);
}

int sb_regime_build(struct sb_regime_map *m, const struct sb_view *v,
		    enum sb_objective o)
{
	size_t c, k;

	memset(m, 0, sizeof(*m));
	m->v = v;
	m->obj = o;
	m->col = v->x.dim;
	/* --x names a dimension the store does not sweep: take another */
	if (m->col->nvals < 2)
		m->col = pick_row(v, NULL);
	if (!m->col)
		return 1;
	m->row = pick_row(v, m->col);
	m->ncols = m->col->nvals;
	m->nrows = m->row ? m->row->nvals : 1;
	m->ctx = calloc(SB_REGIME_MAX_CTX, sizeof(*m->ctx));
	if (!m->ctx)
		abort();
	fill(m);
	for (c = 0; c < m->nctx; c++)
		for (k = 0; k < m->ncols * m->nrows; k++)
			sb_cell_finish(&m->ctx[c].cells[k], o);
	return 0;
}

void sb_regime_free(struct sb_regime_map *m)
{
	size_t c;

	for (c = 0; c < m->nctx; c++)
		free(m->ctx[c].cells);
	free(m->ctx);
	memset(m, 0, sizeof(*m));
}
