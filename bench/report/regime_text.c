// SPDX-License-Identifier: GPL-2.0
/*
 * A row of the regime map said in words: which primitive wins over which
 * range of the map's columns, where two are within noise, and between
 * which measured values the lead passes from one to another, e.g.
 *
 *   At 2 threads, user: rcu wins at update_pct 0 to 1; spin wins at
 *   update_pct 10 to 50. The lead passes from rcu to spin between
 *   update_pct 1 and 10.
 *
 * Only measured values are named: a crossover lies somewhere between two
 * of them, and the text says so instead of inventing a point.
 */
#include <stdio.h>
#include <string.h>

#include "sb_config.h"
#include "report/regime.h"
#include "report/regime_text.h"
#include "util/util.h"

/* Consecutive columns with the same clear winner, or within noise. */
struct run {
	const char *prim;	/* NULL: within noise */
	size_t first, last;	/* columns */
	const struct sb_cell *cell;	/* its first cell */
};

/* The runs of row r of c into runs (room for ncols); their count. */
static size_t find_runs(const struct sb_regime_map *m,
			const struct sb_regime_ctx *c, size_t r,
			struct run *runs)
{
	size_t k, n = 0;

	for (k = 0; k < m->ncols; k++) {
		const struct sb_cell *cell = &c->cells[r * m->ncols + k];
		const char *prim;

		if (!cell->best)
			continue;
		/* the only contender wins uncontested */
		prim = cell->clear || !cell->second ? cell->best->prim : NULL;
		/* noise merges only while the same primitive leads */
		if (n && !prim && !runs[n - 1].prim &&
		    !strcmp(runs[n - 1].cell->best->prim, cell->best->prim)) {
			runs[n - 1].last = k;
			continue;
		}
		if (n && prim && runs[n - 1].prim &&
		    !strcmp(runs[n - 1].prim, prim)) {
			runs[n - 1].last = k;
			continue;
		}
		runs[n++] = (struct run){ prim, k, k, cell };
	}
	return n;
}

/* "update_pct 0 to 1", "update_pct 10" */
static void range(struct sb_buf *b, const struct sb_view_dim *d,
		  size_t first, size_t last)
{
	char x[32], y[32];

	sb_view_fmt(d->vals[first], x, sizeof(x));
	sb_view_fmt(d->vals[last], y, sizeof(y));
	if (first == last)
		sb_bprintf(b, "%s %s", d->key, x);
	else
		sb_bprintf(b, "%s %s to %s", d->key, x, y);
}

/* The row's label: "2 threads", "update 10%". */
void sb_regime_row_label(const struct sb_regime_map *m, size_t r, char *buf,
			 size_t len)
{
	char x[32];

	if (!m->row) {
		buf[0] = '\0';
		return;
	}
	sb_view_fmt(m->row->vals[r], x, sizeof(x));
	if (!strcmp(m->row->key, "threads"))
		sb_snprintf(buf, len, "%s thread%s", x,
			    m->row->vals[r] == 1 ? "" : "s");
	else if (m->row->fmt)
		sb_snprintf(buf, len, m->row->fmt, x);
	else
		sb_snprintf(buf, len, "%s %s", m->row->key, x);
}

static void say_run(struct sb_buf *b, const struct sb_regime_map *m,
		    const struct run *u)
{
	const struct sb_cell *c = u->cell;
	char x[32];

	if (u->prim) {
		sb_bprintf(b, "%s wins at ", u->prim);
		range(b, m->col, u->first, u->last);
		return;
	}
	sb_bprintf(b, "at ");
	range(b, m->col, u->first, u->last);
	sb_view_fmt(m->col->vals[u->first], x, sizeof(x));
	sb_bprintf(b, " %s leads within noise (at %s: ahead of %s by "
		   "%.1f%%)", c->best->prim, x, c->second->prim,
		   c->margin * 100);
}

/* Where the lead passes between two clear winners. */
static void say_crossovers(struct sb_buf *b, const struct sb_regime_map *m,
			   const struct run *runs, size_t n)
{
	const struct run *prev = NULL;
	char x[32], y[32];
	size_t i;

	for (i = 0; i < n; i++) {
		if (!runs[i].prim)
			continue;
		if (prev && strcmp(prev->prim, runs[i].prim)) {
			sb_view_fmt(m->col->vals[prev->last], x, sizeof(x));
			sb_view_fmt(m->col->vals[runs[i].first], y,
				    sizeof(y));
			sb_bprintf(b, " The lead passes from %s to %s between "
				   "%s %s and %s.", prev->prim, runs[i].prim,
				   m->col->key, x, y);
		}
		prev = &runs[i];
	}
}

size_t sb_regime_sentence(const struct sb_regime_map *m,
			  const struct sb_regime_ctx *c, size_t r, char *buf,
			  size_t len)
{
	struct run runs[SB_VIEW_MAX_VALS];
	char row[96];
	struct sb_buf b;
	size_t i, n = find_runs(m, c, r, runs);

	sb_buf_init(&b, buf, len);
	if (!n)
		return 0;
	sb_regime_row_label(m, r, row, sizeof(row));
	sb_bprintf(&b, "At %s%s%s: ", row, *row ? ", " : "", c->title);
	for (i = 0; i < n; i++) {
		sb_bprintf(&b, "%s", i ? "; " : "");
		say_run(&b, m, &runs[i]);
	}
	sb_bprintf(&b, ".");
	say_crossovers(&b, m, runs, n);
	return n;
}
