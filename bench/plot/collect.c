// SPDX-License-Identifier: GPL-2.0
/* Helpers of the chart collectors; see collect.h. */
#include <math.h>
#include <string.h>

#include "sb_config.h"
#include "plot/charts.h"
#include "plot/collect.h"
#include "util/util.h"

int sb_col_shown(const struct sb_view *v, const struct sb_pgroup *g)
{
	if (!g->n || strcmp(g->placement, sb_main_placement(v->ps)))
		return 0;
	return !g->emulated || !v->native;
}

int sb_col_emulated(const struct sb_view *v, const struct sb_pgroup *g)
{
	return g->n && g->emulated &&
	       !strcmp(g->placement, sb_main_placement(v->ps)) && v->native;
}

void sb_col_xaxis(struct sb_chart *c, const struct sb_view *v, int by_threads)
{
	if (by_threads || !strcmp(v->x.dim->key, "threads")) {
		c->integer_x = 1;
		sb_strscpy(c->xlabel, "threads", sizeof(c->xlabel));
		if (!by_threads && v->x.log) {
			c->xlog = 1;
			sb_strscpy(c->xlabel, v->x.label, sizeof(c->xlabel));
		}
		return;
	}
	c->integer_x = 0;
	c->value_x = 1;
	c->xlog = v->x.log;
	c->xzero = v->x.zero_at;
	sb_strscpy(c->xlabel, v->x.label, sizeof(c->xlabel));
}

double sb_col_x(const struct sb_view *v, const struct sb_pgroup *g,
		int by_threads)
{
	return by_threads ? g->threads : v->gx[sb_view_gi(v, g)];
}

size_t sb_col_panel(struct sb_chart *c, const struct sb_view *v,
		    const struct sb_pgroup *g, const char *metric,
		    int by_threads)
{
	size_t i = sb_view_gi(v, g);
	const char *wl = by_threads ? v->panel_t[i] : v->panel[i];
	char key[400], title[400];

	sb_snprintf(key, sizeof(key), "%s|%s", wl, metric ? metric : "");
	/* What every point shares is in the subtitle already. */
	if (metric && *wl)
		sb_snprintf(title, sizeof(title), "%s: %s", metric, wl);
	else
		sb_snprintf(title, sizeof(title), "%s",
			    metric ? metric : *wl ? wl : "every point");
	return sb_chart_panel(c, key, title);
}

size_t sb_col_series(struct sb_chart *c, size_t panel,
		     const struct sb_pgroup *g)
{
	char key[64], title[96];

	sb_snprintf(key, sizeof(key), "%s|%s|%u", g->backend, g->prim,
		    g->irq_hz);
	sb_pgroup_label(g, title, sizeof(title));
	return sb_chart_series(c, panel, key, title, sb_prim_color(g->prim),
			       sb_backend_dt(g->backend),
			       sb_series_pt(g->prim, g->backend));
}

int sb_col_med_range(const struct sb_pgroup *g, const char *key, double *v)
{
	struct sb_stats st;

	if (!sb_pgroup_stat(g, key, &st))
		return 0;
	v[0] = st.median;
	v[1] = st.min;
	v[2] = st.max;
	return 1;
}

double sb_col_median(const struct sb_pgroup *g, const char *key)
{
	struct sb_stats st;

	return sb_pgroup_stat(g, key, &st) ? st.median : NAN;
}

int sb_col_log_values(double *v, unsigned int n)
{
	unsigned int i;
	int any = 0;

	for (i = 0; i < n; i++) {
		if (!(v[i] > 0))
			v[i] = NAN;
		any |= isfinite(v[i]);
	}
	return any;
}
