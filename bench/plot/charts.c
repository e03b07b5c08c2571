// SPDX-License-Identifier: GPL-2.0
/*
 * What each chart shows, as data: the collectors behind sb_chart_defs.
 * Every value plotted against threads is the median over the repeats, with
 * min and max of the repeats as its error bar (with 2-5 repeats a t-based
 * interval is wider than the data and says less).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb_config.h"
#include "plot/charts.h"
#include "store/load.h"
#include "sb_hist.h"

const char *sb_main_placement(const struct sb_pset *ps)
{
	/* Counted once when the groups were built (group.c). */
	return *ps->main_placement ? ps->main_placement : "-";
}

/* The groups a per-primitive chart shows: ok, and the main placement. */
static int shown(const struct sb_pset *ps, const struct sb_pgroup *g)
{
	return g->n && !strcmp(g->placement, sb_main_placement(ps));
}

static void panel_title(const struct sb_pset *ps, const struct sb_pgroup *g,
			const char *metric, char *buf, size_t len)
{
	/* What every point shares is in the subtitle already. */
	const char *wl = *g->wl ? g->wl : metric ? "" : "every point";

	(void)ps;
	if (metric && *wl)
		sb_snprintf(buf, len, "%s: %s", metric, wl);
	else
		sb_snprintf(buf, len, "%s", metric ? metric : wl);
}

static size_t add_panel(struct sb_chart *c, const struct sb_pset *ps,
			const struct sb_pgroup *g, const char *metric)
{
	char key[300], title[300];

	sb_snprintf(key, sizeof(key), "%s|%s", g->wl, metric ? metric : "");
	panel_title(ps, g, metric, title, sizeof(title));
	return sb_chart_panel(c, key, title);
}

/* The usual series: one per backend and primitive. */
static size_t add_prim_series(struct sb_chart *c, size_t panel,
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

/* median, min, max of a field into v[0..2]; 0 when the field is absent. */
static int med_range(const struct sb_pgroup *g, const char *key, double *v)
{
	struct sb_stats st;

	if (!sb_pgroup_stat(g, key, &st))
		return 0;
	v[0] = st.median;
	v[1] = st.min;
	v[2] = st.max;
	return 1;
}

static double median_of(const struct sb_pgroup *g, const char *key)
{
	struct sb_stats st;

	return sb_pgroup_stat(g, key, &st) ? st.median : NAN;
}

/*
 * For a log axis: a value of 0 (below the clock's resolution) cannot be
 * drawn and becomes a gap; returns whether any of v[0..n) is left, since a
 * panel of gaps only would make gnuplot fail the chart.
 */
static int log_values(double *v, unsigned int n)
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

static int collect_throughput(const struct sb_pset *ps, struct sb_chart *c,
			      char *note, size_t notelen)
{
	double v[3];
	size_t i;

	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		if (!shown(ps, g) || !med_range(g, "ops_per_sec", v))
			continue;
		sb_chart_row(c, add_prim_series(c, add_panel(c, ps, g, NULL),
						g), g->threads, v);
	}
	if (!c->nser)
		sb_snprintf(note, notelen, "no point recorded ops_per_sec");
	return !c->nser;
}

static int collect_latency(const struct sb_pset *ps, struct sb_chart *c,
			   char *note, size_t notelen)
{
	static const char *const kinds[] = { "lookup", "update" };
	static const char *const pct[] = { "p50", "p99", "p999" };
	char key[64];
	double v[3];
	size_t i, k, q;

	c->rank_col = 1;	/* p99: a capped chart keeps the worst tails */
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		if (!shown(ps, g))
			continue;
		for (k = 0; k < 2; k++) {
			sb_snprintf(key, sizeof(key), "%s_count", kinds[k]);
			if (!(median_of(g, key) > 0))
				continue;
			for (q = 0; q < 3; q++) {
				sb_snprintf(key, sizeof(key), "%s_%s_ns",
					 kinds[k], pct[q]);
				v[q] = median_of(g, key);
			}
			if (!log_values(v, 3))
				continue;
			sb_chart_row(c, add_prim_series(c,
				     add_panel(c, ps, g, k ? "updates" :
					       "lookups"), g),
				     g->threads, v);
		}
	}
	if (!c->nser)
		sb_snprintf(note, notelen,
			    "no point timed any lookup or update");
	return !c->nser;
}

int sb_pgroup_hist(const struct sb_pgroup *g, const char *name,
		   unsigned long long *counts)
{
	char key[64];
	size_t i;
	int any = 0;

	sb_snprintf(key, sizeof(key), "hist.%s", name);
	memset(counts, 0, SB_HIST_BUCKETS * sizeof(*counts));
	for (i = 0; i < g->n; i++) {
		const char *s = sb_rrec_text(g->reps[i], key);
		unsigned long long idx, cnt;
		int used;

		while (s && sscanf(s, "%llu:%llu%n", &idx, &cnt, &used) == 2) {
			if (idx < SB_HIST_BUCKETS) {
				counts[idx] += cnt;
				any |= cnt != 0;
			}
			s += used;
			if (*s != ',')
				break;
			s++;
		}
	}
	return any;
}

/* The class a CDF series stands for: backend+primitive+irq+workload. */
static void cdf_class(const struct sb_pgroup *g, char *buf, size_t len)
{
	sb_snprintf(buf, len, "%s|%s|%u|%s", g->backend, g->prim, g->irq_hz,
		    g->wl);
}

/* The highest thread count each class has among the shown groups. */
static void highest_threads(const struct sb_pset *ps, struct sb_hash *top)
{
	char k[400];
	size_t i, *t;

	sb_hash_init(top);
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		if (!shown(ps, g))
			continue;
		cdf_class(g, k, sizeof(k));
		t = sb_hash_put(top, k, g->threads, NULL);
		if (*t < g->threads)
			*t = g->threads;
	}
}

/* Highest thread count with a histogram, per backend+primitive+workload. */
static int is_highest(const struct sb_hash *top, const struct sb_pgroup *g)
{
	char k[400];

	cdf_class(g, k, sizeof(k));
	return g->threads >= *sb_hash_find(top, k);
}

static int collect_cdf(const struct sb_pset *ps, struct sb_chart *c,
		       char *note, size_t notelen)
{
	static const char *const kinds[] = { "lookup", "update" };
	unsigned long long *cnt = calloc(SB_HIST_BUCKETS, sizeof(*cnt));
	unsigned long long total, seen;
	char key[64], title[128];
	struct sb_hash top;
	double v[1];
	size_t i, k, s, b;

	if (!cnt)
		abort();
	c->integer_x = 0;
	/* The tail, not the typical case, is what a CDF chart is read for. */
	c->rank_col = -1;
	highest_threads(ps, &top);
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		if (!shown(ps, g) || !is_highest(&top, g))
			continue;
		for (k = 0; k < 2; k++) {
			if (!sb_pgroup_hist(g, kinds[k], cnt))
				continue;
			for (b = 0, total = 0; b < SB_HIST_BUCKETS; b++)
				total += cnt[b];
			sb_snprintf(key, sizeof(key), "%s|%s|%u", g->backend,
				    g->prim, g->irq_hz);
			sb_pgroup_label(g, title, sizeof(title));
			sb_snprintf(title + strlen(title),
				 sizeof(title) - strlen(title), ", %u thr",
				 g->threads);
			s = sb_chart_series(c, add_panel(c, ps, g, k ?
					    "updates" : "lookups"), key,
					    title, sb_prim_color(g->prim),
					    sb_backend_dt(g->backend),
					    sb_series_pt(g->prim, g->backend));
			/* A step at each bucket's upper bound. */
			for (b = 0, seen = 0; b < SB_HIST_BUCKETS; b++) {
				if (!cnt[b])
					continue;
				seen += cnt[b];
				v[0] = (double)seen / total;
				sb_chart_row(c, s, sb_hist_bucket_hi(b), v);
			}
		}
	}
	free(cnt);
	sb_hash_free(&top);
	if (!c->nser)
		sb_snprintf(note, notelen, "no point carries a latency "
			 "histogram (hist.lookup / hist.update)");
	return !c->nser;
}

static int collect_fairness(const struct sb_pset *ps, struct sb_chart *c,
			    char *note, size_t notelen)
{
	struct sb_stats st;
	double v[3], *share;
	size_t i, r, n;

	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		if (!shown(ps, g))
			continue;
		if (med_range(g, "fairness_jain", v))
			sb_chart_row(c, add_prim_series(c, add_panel(c, ps, g,
				     "Jain's index"), g), g->threads, v);
		share = calloc(g->n, sizeof(*share));
		if (!share)
			abort();
		for (r = 0, n = 0; r < g->n; r++) {
			double lo = sb_rrec_num_or(g->reps[r], "thread_ops_min",
					       NAN);
			double hi = sb_rrec_num_or(g->reps[r], "thread_ops_max",
					       NAN);

			if (hi > 0 && lo >= 0)
				share[n++] = lo / hi;
		}
		sb_stats_compute(share, n, &st);
		free(share);
		if (!n)
			continue;
		v[0] = st.median;
		v[1] = st.min;
		v[2] = st.max;
		sb_chart_row(c, add_prim_series(c, add_panel(c, ps, g,
			     "min/max per-thread ops"), g), g->threads, v);
	}
	if (!c->nser)
		sb_snprintf(note, notelen, "no point recorded fairness_jain or "
			 "per-thread ops");
	return !c->nser;
}

static int collect_irq(const struct sb_pset *ps, struct sb_chart *c,
		       char *note, size_t notelen)
{
	static const char *const pct[] = { "p50", "p99" };
	char key[64];
	double v[2];
	size_t i, q;

	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		if (!shown(ps, g) || !(median_of(g, "irq_lat_count") > 0))
			continue;
		for (q = 0; q < 2; q++) {
			sb_snprintf(key, sizeof(key), "irq_lat_%s_ns", pct[q]);
			v[0] = median_of(g, key);
			v[1] = NAN;
			if (median_of(g, "irq_lat_locked_count") > 0) {
				sb_snprintf(key, sizeof(key),
					 "irq_lat_locked_%s_ns", pct[q]);
				v[1] = median_of(g, key);
			}
			if (!log_values(v, 2))
				continue;
			sb_chart_row(c, add_prim_series(c, add_panel(c, ps, g,
				     q ? "p99" : "p50"), g), g->threads, v);
		}
	}
	if (!c->nser)
		sb_snprintf(note, notelen,
			    "no point ran an interrupt contender "
			    "(irq_hz > 0) with a lateness above 0 ns");
	return !c->nser;
}

static int collect_rcu(const struct sb_pset *ps, struct sb_chart *c,
		       char *note, size_t notelen)
{
	char key[96], title[128], free_mode[16];
	struct sb_stats st;
	double v[2], *rate;
	size_t i, r, s, n;

	c->integer_x = 0;
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		if (!shown(ps, g) || !(sb_prim_caps(g->prim) & SB_CAP_GRACE))
			continue;
		/* x: the update rate the run really achieved. */
		rate = calloc(g->n, sizeof(*rate));
		if (!rate)
			abort();
		for (r = 0, n = 0; r < g->n; r++) {
			const struct sb_rrec *rep = g->reps[r];
			double up = sb_rrec_num_or(rep, "updates", NAN);
			double ns = sb_rrec_num_or(rep, "elapsed_ns", NAN);

			if (ns > 0 && up >= 0)
				rate[n++] = up * 1e9 / ns;
		}
		sb_stats_compute(rate, n, &st);
		free(rate);
		if (!(st.median > 0))
			continue;
		sb_rrec_str(g->any, "rcu_free", free_mode, sizeof(free_mode));
		sb_snprintf(key, sizeof(key), "%s|%s|%s", g->prim, g->backend,
			    free_mode);
		sb_snprintf(title, sizeof(title), "%s (%s), free %s", g->prim,
			    g->backend, *free_mode ? free_mode : "?");
		v[0] = median_of(g, "rcu_gp_p50_ns");
		v[1] = median_of(g, "rcu_gp_p99_ns");
		if (median_of(g, "rcu_gp_count") > 0 && log_values(v, 2)) {
			s = sb_chart_series(c, sb_chart_panel(c, "gp",
					    "grace-period latency"), key,
					    title, sb_prim_color(g->prim),
					    sb_backend_dt(g->backend),
					    sb_series_pt(g->prim, g->backend));
			sb_chart_row(c, s, st.median, v);
		}
		v[0] = median_of(g, "rcu_peak_pending");
		v[1] = NAN;
		if (isfinite(v[0])) {
			s = sb_chart_series(c, sb_chart_panel(c, "pending",
					    "peak entries awaiting a grace "
					    "period"), key, title,
					    sb_prim_color(g->prim),
					    sb_backend_dt(g->backend),
					    sb_series_pt(g->prim, g->backend));
			sb_chart_row(c, s, st.median, v);
		}
	}
	if (!c->nser)
		sb_snprintf(note, notelen,
			    "no point of a primitive with grace periods (rcu) "
			    "ran updates");
	return !c->nser;
}

/*
 * The kernel primitive a group stands beside: a userspace row's catalogue
 * pair (ticket and mcs beside spin, brlock beside percpu_rwsem), else its
 * own name.
 */
static const char *twin_prim(const struct sb_pgroup *g)
{
	const struct sb_prim_info *p = sb_prim_info_find(g->prim,
							 strlen(g->prim));

	return !strcmp(g->backend, "user") && p && *p->pair ? p->pair :
		g->prim;
}

/* What a twin on the other side shares: threads, irq, primitive, workload. */
static void twin_key(const struct sb_pgroup *g, int user, char *buf,
		     size_t len)
{
	sb_snprintf(buf, len, "%d|%u|%u|%s|%s", user, g->threads, g->irq_hz,
		    twin_prim(g), g->wl);
}

/* Every shown group's twin key, on its own side. */
static void twin_keys(const struct sb_pset *ps, struct sb_hash *keys)
{
	char k[400];
	size_t i;

	sb_hash_init(keys);
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		if (!shown(ps, g))
			continue;
		twin_key(g, !strcmp(g->backend, "user"), k, sizeof(k));
		sb_hash_put(keys, k, i, NULL);
	}
}

/* Does a point of another side run the same primitive, workload, threads? */
static int has_twin(const struct sb_hash *keys, const struct sb_pgroup *g)
{
	char k[400];

	twin_key(g, !!strcmp(g->backend, "user"), k, sizeof(k));
	return sb_hash_find(keys, k) != NULL;
}

static int collect_sides(const struct sb_pset *ps, struct sb_chart *c,
			 char *note, size_t notelen)
{
	struct sb_hash twins;
	double v[3];
	size_t i;

	twin_keys(ps, &twins);
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		if (!shown(ps, g) || !has_twin(&twins, g))
			continue;
		if (med_range(g, "ops_per_sec", v))
			sb_chart_row(c, add_prim_series(c, add_panel(c, ps, g,
				     "throughput"), g), g->threads, v);
		if (med_range(g, "lookup_p99_ns", v) && log_values(v, 3))
			sb_chart_row(c, add_prim_series(c, add_panel(c, ps, g,
				     "lookup p99"), g), g->threads, v);
	}
	sb_hash_free(&twins);
	if (!c->nser)
		sb_snprintf(note, notelen,
			    "no point ran on both the user and a "
			 "kernel (kernel/vm) backend");
	return !c->nser;
}

static int collect_placement(const struct sb_pset *ps, struct sb_chart *c,
			     char *note, size_t notelen)
{
	char key[64], title[128], metric[64];
	double v[3];
	size_t i, s;

	if (!ps->multi_placement) {
		sb_snprintf(note, notelen, "every point ran with one placement "
			 "policy (%s)", sb_main_placement(ps));
		return 1;
	}
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		if (!g->n || !med_range(g, "ops_per_sec", v))
			continue;
		sb_snprintf(metric, sizeof(metric), "%s", g->prim);
		sb_snprintf(key, sizeof(key), "%s|%s|%u", g->backend,
			    g->placement, g->irq_hz);
		if (g->irq_hz)
			sb_snprintf(title, sizeof(title), "%s (%s), irq %u Hz",
				    g->placement, g->backend, g->irq_hz);
		else
			sb_snprintf(title, sizeof(title), "%s (%s)",
				    g->placement, g->backend);
		s = sb_chart_series(c, add_panel(c, ps, g, metric), key, title,
				    sb_placement_color(g->placement),
				    sb_backend_dt(g->backend),
				    sb_series_pt(g->prim, g->backend));
		sb_chart_row(c, s, g->threads, v);
	}
	return !c->nser;
}

const struct sb_chart_def sb_chart_defs[] = {
	{ "throughput", "Throughput vs threads",
	  "threads, ops/s median, min, max", 3, 2, collect_throughput,
	  "highest median ops/s" },
	{ "latency", "Latency percentiles vs threads",
	  "threads, p50, p99, p99.9 (ns, medians of repeats)", 3, 2,
	  collect_latency, "highest median p99" },
	{ "cdf", "Latency distribution at the highest thread count",
	  "latency ns (bucket upper bound), cumulative fraction", 1, 2,
	  collect_cdf, "highest latency reached" },
	{ "fairness", "Fairness vs threads",
	  "threads, value median, min, max", 3, 2, collect_fairness,
	  "highest median value" },
	{ "irq", "Interrupt latency (timer lateness) vs threads",
	  "threads, lateness ns lock not held, lock held with irqs off", 2,
	  2, collect_irq, "highest lateness with the lock not held" },
	{ "rcu", "Grace periods and pending frees vs update rate",
	  "updates/s, gp p50 ns, gp p99 ns | peak pending", 2, 2,
	  collect_rcu, "highest gp p50 or peak pending" },
	{ "sides", "Kernel vs userspace, same points",
	  "threads, value median, min, max", 3, 2, collect_sides,
	  "highest median value" },
	{ "placement", "Placement policies, throughput per primitive",
	  "threads, ops/s median, min, max", 3, 2, collect_placement,
	  "highest median ops/s" },
};
const unsigned int sb_nr_chart_defs = sizeof(sb_chart_defs) /
				      sizeof(sb_chart_defs[0]);
