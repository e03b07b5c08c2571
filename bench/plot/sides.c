// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel / userspace: for each point a real kernel run (backend kernel,
 * not emulated) and the userspace mirror both ran, the kernel's value over
 * the mirror's, throughput and lookup p99. A ratio, not two lines side by
 * side: the question is how far one side is from the other, point by
 * point. Emulated kernel runs (vm) are left out: TCG timings would make
 * any ratio a statement about QEMU.
 */
#include <math.h>
#include <string.h>

#include "sb_config.h"
#include "plot/charts.h"
#include "plot/collect.h"
#include "util/util.h"

/*
 * The kernel primitive a group stands beside: a userspace row's catalogue
 * pair (ticket and mcs beside spin, brlock beside percpu_rwsem), else its
 * own name.
 */
static const char *twin_prim(const struct sb_pgroup *g)
{
	const struct sb_prim_info *p = sb_prim_info_find(g->prim,
							 strlen(g->prim));

	return g->side == SB_SIDE_USER && p && *p->pair ? p->pair :
		g->prim;
}

/* What twins share: threads, irq, the kernel primitive, workload. */
static void twin_key(const struct sb_pgroup *g, char *buf, size_t len)
{
	sb_snprintf(buf, len, "%u|%u|%s|%s", g->threads, g->irq_hz,
		    twin_prim(g), g->wl);
}

/*
 * The user groups by twin key; where several stand beside one kernel
 * primitive (spin, ticket, mcs), the one of the same name.
 */
static void user_twins(const struct sb_view *v, struct sb_hash *h)
{
	char k[400];
	size_t i, *t;
	int added;

	sb_hash_init(h);
	for (i = 0; i < v->ps->n; i++) {
		const struct sb_pgroup *g = &v->ps->g[i];

		if (!g->n || g->side != SB_SIDE_USER ||
		    strcmp(g->placement, sb_main_placement(v->ps)))
			continue;
		twin_key(g, k, sizeof(k));
		t = sb_hash_put(h, k, i, &added);
		if (!added && !strcmp(g->prim, twin_prim(g)))
			*t = i;
	}
}

/* kernel / user of key: median ratio, least and most favourable. */
static int ratio(const struct sb_pgroup *kg, const struct sb_pgroup *ug,
		 const char *key, double *val)
{
	double k[3], u[3];

	if (!sb_col_med_range(kg, key, k) || !sb_col_med_range(ug, key, u) ||
	    !(u[0] > 0 && u[1] > 0 && u[2] > 0))
		return 0;
	val[0] = k[0] / u[0];
	val[1] = k[1] / u[2];
	val[2] = k[2] / u[1];
	return sb_col_log_values(val, 3);
}

static void add_ratio(struct sb_chart *c, const struct sb_view *v,
		      const struct sb_pgroup *kg, const struct sb_pgroup *ug,
		      const char *key, const char *metric)
{
	char skey[64], title[96];
	double val[3];
	size_t s;

	if (!ratio(kg, ug, key, val))
		return;
	sb_snprintf(skey, sizeof(skey), "%s|%s|%u", kg->prim, ug->prim,
		    kg->irq_hz);
	/* the panel says kernel / user; the title names a pair that differs */
	if (strcmp(kg->prim, ug->prim))
		sb_snprintf(title, sizeof(title), "%s / %s%s", kg->prim,
			    ug->prim, kg->irq_hz ? ", irq" : "");
	else
		sb_snprintf(title, sizeof(title), "%s%s", kg->prim,
			    kg->irq_hz ? ", irq" : "");
	s = sb_chart_series(c, sb_col_panel(c, v, kg, metric, 0), skey, title,
			    sb_prim_color(kg->prim), 1,
			    sb_series_pt(kg->prim, kg->backend));
	sb_chart_row(c, s, sb_col_x(v, kg, 0), val);
}

int sb_collect_sides(const struct sb_view *v, struct sb_chart *c, char *note,
		     size_t notelen)
{
	struct sb_hash twins;
	char k[400];
	size_t i, *u;
	int emulated = 0;

	sb_col_xaxis(c, v, 0);
	user_twins(v, &twins);
	for (i = 0; i < v->ps->n; i++) {
		const struct sb_pgroup *g = &v->ps->g[i];

		if (!g->n || g->side != SB_SIDE_KERNEL ||
		    strcmp(g->placement, sb_main_placement(v->ps)))
			continue;
		twin_key(g, k, sizeof(k));
		u = sb_hash_find(&twins, k);
		emulated |= u && g->emulated;
		if (!u || g->emulated)
			continue;
		add_ratio(c, v, g, &v->ps->g[*u], "ops_per_sec",
			  "throughput, kernel / user");
		add_ratio(c, v, g, &v->ps->g[*u], "lookup_p99_ns",
			  "lookup p99, kernel / user");
	}
	sb_hash_free(&twins);
	if (!c->nser)
		sb_snprintf(note, notelen, "%s", emulated ?
			    "only emulated (vm) kernel runs stand beside "
			    "userspace ones: their timings say nothing about "
			    "the kernel, see the emulated chart" :
			    "no point ran on both the user and a real kernel "
			    "backend");
	return !c->nser;
}
