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
#include "plot/collect.h"
#include "store/load.h"
#include "sb_hist.h"

const char *sb_main_placement(const struct sb_pset *ps)
{
	/* Counted once when the groups were built (group.c). */
	return *ps->main_placement ? ps->main_placement : "-";
}

static int collect_throughput(const struct sb_view *v, struct sb_chart *c,
			      char *note, size_t notelen)
{
	const struct sb_pset *ps = v->ps;
	double val[3];
	size_t i;

	sb_col_xaxis(c, v, 0);
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		if (!sb_col_shown(v, g) ||
		    !sb_col_med_range(g, "ops_per_sec", val))
			continue;
		sb_chart_row(c, sb_col_series(c, sb_col_panel(c, v, g, NULL, 0),
					      g), sb_col_x(v, g, 0), val);
	}
	if (!c->nser)
		sb_snprintf(note, notelen, "no point recorded ops_per_sec");
	return !c->nser;
}

/*
 * Small multiples: a panel per operation kind and percentile, so a line's
 * dash is its backend here as everywhere, never a percentile. Column 4 is
 * the operations timed (median over the repeats) where they are too few
 * for the percentile to be more than their largest (n (1 - q) < 1: p50 of
 * one, p99 of fewer than 100, p99.9 of fewer than 1000), 0 otherwise:
 * latency.gp writes "n=K" beside such a point.
 */
static int collect_latency(const struct sb_view *v, struct sb_chart *c,
			   char *note, size_t notelen)
{
	static const char *const kinds[] = { "lookup", "update" };
	static const char *const pct[] = { "p50", "p99", "p999" };
	static const char *const pname[] = { "p50", "p99", "p99.9" };
	static const double frac[] = { 0.5, 0.99, 0.999 };
	const struct sb_pset *ps = v->ps;
	char key[64], metric[64];
	double val[4], n;
	size_t i, k, q;

	sb_col_xaxis(c, v, 0);
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		for (k = 0; k < 2 && sb_col_shown(v, g); k++) {
			sb_snprintf(key, sizeof(key), "%s_count", kinds[k]);
			n = sb_col_median(g, key);
			if (!(n > 0))
				continue;
			for (q = 0; q < 3; q++) {
				sb_snprintf(key, sizeof(key), "%s_%s_ns",
					    kinds[k], pct[q]);
				sb_snprintf(metric, sizeof(metric), "%s %s",
					    kinds[k], pname[q]);
				if (!sb_col_med_range(g, key, val) ||
				    !sb_col_log_values(val, 3))
					continue;
				/* 0, not NaN: gnuplot labels a NaN "NaN" */
				val[3] = n * (1 - frac[q]) < 1 ? n : 0;
				sb_chart_row(c, sb_col_series(c,
					     sb_col_panel(c, v, g, metric, 0),
					     g), sb_col_x(v, g, 0), val);
			}
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
static void highest_threads(const struct sb_view *v, struct sb_hash *top)
{
	char k[400];
	size_t i, *t;

	sb_hash_init(top);
	for (i = 0; i < v->ps->n; i++) {
		const struct sb_pgroup *g = &v->ps->g[i];

		if (!sb_col_shown(v, g))
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

/*
 * A step at each bucket's upper bound: the fraction at or below it and,
 * for the tail axis, its nines, -log10(1 - F), so p99 is 2 and p99.99 is
 * 4 (F = 1 is off that axis).
 */
static void cdf_steps(struct sb_chart *c, size_t s,
		      const unsigned long long *cnt)
{
	unsigned long long total = 0, seen = 0;
	double val[2];
	size_t b;

	for (b = 0; b < SB_HIST_BUCKETS; b++)
		total += cnt[b];
	for (b = 0; b < SB_HIST_BUCKETS; b++) {
		if (!cnt[b])
			continue;
		seen += cnt[b];
		val[0] = (double)seen / total;
		val[1] = seen < total ? -log10(1 - val[0]) : NAN;
		sb_chart_row(c, s, sb_hist_bucket_hi(b), val);
	}
}

static int collect_cdf(const struct sb_view *v, struct sb_chart *c,
		       char *note, size_t notelen)
{
	static const char *const kinds[] = { "lookup", "update" };
	unsigned long long *cnt = calloc(SB_HIST_BUCKETS, sizeof(*cnt));
	char key[64], title[128];
	struct sb_hash top;
	size_t i, k, s;

	if (!cnt)
		abort();
	c->integer_x = 0;
	sb_strscpy(c->xlabel, "latency per operation (ns, log scale)",
		   sizeof(c->xlabel));
	/* The tail, not the typical case, is what a CDF chart is read for. */
	c->rank_col = -1;
	highest_threads(v, &top);
	for (i = 0; i < v->ps->n; i++) {
		const struct sb_pgroup *g = &v->ps->g[i];

		if (!sb_col_shown(v, g) || !is_highest(&top, g))
			continue;
		for (k = 0; k < 2; k++) {
			if (!sb_pgroup_hist(g, kinds[k], cnt))
				continue;
			sb_snprintf(key, sizeof(key), "%s|%s|%u", g->backend,
				    g->prim, g->irq_hz);
			sb_pgroup_label(g, title, sizeof(title));
			sb_snprintf(title + strlen(title),
				 sizeof(title) - strlen(title), ", %u thr",
				 g->threads);
			s = sb_chart_series(c, sb_col_panel(c, v, g, k ?
					    "updates" : "lookups", 1), key,
					    title, sb_prim_color(g->prim),
					    sb_backend_dt(g->backend),
					    sb_series_pt(g->prim, g->backend));
			cdf_steps(c, s, cnt);
		}
	}
	free(cnt);
	sb_hash_free(&top);
	if (!c->nser)
		sb_snprintf(note, notelen, "no point carries a latency "
			 "histogram (hist.lookup / hist.update)");
	return !c->nser;
}

static int collect_fairness(const struct sb_view *v, struct sb_chart *c,
			    char *note, size_t notelen)
{
	struct sb_stats st;
	double val[3], *share;
	unsigned int most = 0;
	size_t i, r, n;

	sb_col_xaxis(c, v, 0);
	for (i = 0; i < v->ps->n; i++) {
		const struct sb_pgroup *g = &v->ps->g[i];

		if (!sb_col_shown(v, g))
			continue;
		if (sb_col_med_range(g, "fairness_jain", val))
			sb_chart_row(c, sb_col_series(c, sb_col_panel(c, v, g,
				     "Jain's index", 0), g), sb_col_x(v, g, 0),
				     val);
		if (g->threads > most)
			most = g->threads;
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
		val[0] = st.median;
		val[1] = st.min;
		val[2] = st.max;
		sb_chart_row(c, sb_col_series(c, sb_col_panel(c, v, g,
			     "min/max per-thread ops", 0), g),
			     sb_col_x(v, g, 0), val);
	}
	/* Jain's index cannot go below 1/n: its axis starts there. */
	sb_snprintf(c->extra, sizeof(c->extra), "jain_floor = %.10g\n"
		    "x_is_threads = %d\n", most ? 1.0 / most : 0.0,
		    !strcmp(v->x.dim->key, "threads"));
	if (!c->nser)
		sb_snprintf(note, notelen, "no point recorded fairness_jain or "
			 "per-thread ops");
	return !c->nser;
}

/*
 * g's interrupt lateness at percentile q: not held, held with irqs off,
 * and what the lock adds (held - not held). On the log axis an addition
 * of 1 ns or less (none measurable, or the held lateness below the other
 * by noise) is drawn at 1 ns, the axis' floor, so the panel always says
 * it; NAN when nothing arrived while the lock was held.
 */
static void irq_lateness(const struct sb_pgroup *g, const char *q,
			 double *val, double *added)
{
	char key[64];

	sb_snprintf(key, sizeof(key), "irq_lat_%s_ns", q);
	val[0] = sb_col_median(g, key);
	val[1] = NAN;
	if (sb_col_median(g, "irq_lat_locked_count") > 0) {
		sb_snprintf(key, sizeof(key), "irq_lat_locked_%s_ns", q);
		val[1] = sb_col_median(g, key);
	}
	added[0] = val[1] - val[0];
	if (added[0] < 1)	/* false for NAN */
		added[0] = 1;
	added[1] = NAN;
}

static int collect_irq(const struct sb_view *v, struct sb_chart *c,
		       char *note, size_t notelen)
{
	static const char *const pct[] = { "p50", "p99", "max" };
	double val[2], added[2];
	char metric[64];
	size_t i, q;

	sb_col_xaxis(c, v, 0);
	for (i = 0; i < v->ps->n; i++) {
		const struct sb_pgroup *g = &v->ps->g[i];

		if (!sb_col_shown(v, g) ||
		    !(sb_col_median(g, "irq_lat_count") > 0))
			continue;
		for (q = 0; q < 3; q++) {
			irq_lateness(g, pct[q], val, added);
			if (!sb_col_log_values(val, 2))
				continue;
			sb_chart_row(c, sb_col_series(c, sb_col_panel(c, v, g,
				     pct[q], 0), g), sb_col_x(v, g, 0), val);
			/* beside it, the latency the lock adds */
			sb_snprintf(metric, sizeof(metric),
				    "%s added by the lock", pct[q]);
			if (sb_col_log_values(added, 1))
				sb_chart_row(c, sb_col_series(c, sb_col_panel(
					     c, v, g, metric, 0), g),
					     sb_col_x(v, g, 0), added);
		}
	}
	if (!c->nser)
		sb_snprintf(note, notelen,
			    "no point ran an interrupt contender "
			    "(irq_hz > 0) with a lateness above 0 ns");
	return !c->nser;
}

/* Updates per second achieved, median over g's repeats. */
static double update_rate(const struct sb_pgroup *g)
{
	double *rate = calloc(g->n + 1, sizeof(*rate));
	struct sb_stats st;
	size_t r, n = 0;

	if (!rate)
		abort();
	for (r = 0; r < g->n; r++) {
		const struct sb_rrec *rep = g->reps[r];
		double up = sb_rrec_num_or(rep, "updates", NAN);
		double ns = sb_rrec_num_or(rep, "elapsed_ns", NAN);

		if (ns > 0 && up >= 0)
			rate[n++] = up * 1e9 / ns;
	}
	sb_stats_compute(rate, n, &st);
	free(rate);
	return n ? st.median : NAN;
}

/* Frees wait for a grace period (rcu_free async, kfree_rcu): not sync. */
static int deferred(const struct sb_pgroup *g)
{
	char mode[16];

	return strcmp(sb_rrec_str(g->any, "rcu_free", mode, sizeof(mode)),
		      "sync") != 0;
}

static int collect_rcu(const struct sb_view *v, struct sb_chart *c,
		       char *note, size_t notelen)
{
	/* a marker per workload: points of one primitive tell them apart */
	static const int wl_pt[] = { 7, 5, 9, 11, 13, 6, 4, 8, 10, 12 };
	const struct sb_view_dim *upd = sb_view_dim(v, "update_pct");
	char key[400], title[400], free_mode[16], wl[256], irq[32];
	char wlkey[300];
	struct sb_hash wls;
	double val[2], rate;
	size_t i, s, *w, nwl = 0;
	int pt, added;

	sb_hash_init(&wls);
	c->integer_x = 0;
	for (i = 0; i < v->ps->n; i++) {
		const struct sb_pgroup *g = &v->ps->g[i];

		if (!sb_col_shown(v, g) ||
		    !(sb_prim_caps(g->prim) & SB_CAP_GRACE) || !deferred(g))
			continue;
		/* x: the update rate the run really achieved. */
		rate = update_rate(g);
		if (!(rate > 0))
			continue;
		sb_rrec_str(g->any, "rcu_free", free_mode, sizeof(free_mode));
		/*
		 * A line joins the points that differ only in the update
		 * rate asked for (update_pct): every other swept dimension
		 * (threads, list length, ...) and the interrupt contender
		 * make another workload, another line.
		 */
		sb_view_label(v, g, upd, NULL, wl, sizeof(wl));
		irq[0] = '\0';
		if (g->irq_hz)
			sb_snprintf(irq, sizeof(irq), ", irq %u Hz", g->irq_hz);
		sb_snprintf(key, sizeof(key), "%s|%s|%s|%u|%s", g->prim,
			    g->backend, free_mode, g->irq_hz, wl);
		sb_snprintf(title, sizeof(title), "%s (%s), free %s%s%s%s",
			    g->prim, g->backend, *free_mode ? free_mode : "?",
			    irq, *wl ? ", " : "", wl);
		sb_snprintf(wlkey, sizeof(wlkey), "%u|%s", g->irq_hz, wl);
		w = sb_hash_put(&wls, wlkey, nwl, &added);
		nwl += added;
		pt = wl_pt[*w % SB_ARRAY_SIZE(wl_pt)];
		val[0] = sb_col_median(g, "rcu_gp_p50_ns");
		val[1] = sb_col_median(g, "rcu_gp_p99_ns");
		if (sb_col_median(g, "rcu_gp_count") > 0 &&
		    sb_col_log_values(val, 2)) {
			s = sb_chart_series(c, sb_chart_panel(c, "gp",
					    "grace-period latency"), key,
					    title, sb_prim_color(g->prim),
					    sb_backend_dt(g->backend), pt);
			sb_chart_row(c, s, rate, val);
		}
		val[0] = sb_col_median(g, "rcu_peak_pending");
		val[1] = NAN;
		if (isfinite(val[0])) {
			s = sb_chart_series(c, sb_chart_panel(c, "pending",
					    "peak entries awaiting a grace "
					    "period"), key, title,
					    sb_prim_color(g->prim),
					    sb_backend_dt(g->backend), pt);
			sb_chart_row(c, s, rate, val);
		}
	}
	sb_hash_free(&wls);
	if (!c->nser)
		sb_snprintf(note, notelen,
			    "no point of a primitive with grace periods (rcu) "
			    "ran updates with deferred frees (rcu_free other "
			    "than sync: with sync nothing waits, so there is "
			    "nothing pending to chart)");
	return !c->nser;
}

static int collect_placement(const struct sb_view *v, struct sb_chart *c,
			     char *note, size_t notelen)
{
	char key[64], title[128], metric[64];
	double val[3];
	size_t i, s;

	if (!v->ps->multi_placement) {
		sb_snprintf(note, notelen, "every point ran with one placement "
			 "policy (%s)", sb_main_placement(v->ps));
		return 1;
	}
	sb_col_xaxis(c, v, 0);
	for (i = 0; i < v->ps->n; i++) {
		const struct sb_pgroup *g = &v->ps->g[i];

		if (!g->n || !sb_col_med_range(g, "ops_per_sec", val))
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
		s = sb_chart_series(c, sb_col_panel(c, v, g, metric, 0), key,
				    title, sb_placement_color(g->placement),
				    sb_backend_dt(g->backend),
				    sb_series_pt(g->prim, g->backend));
		sb_chart_row(c, s, sb_col_x(v, g, 0), val);
	}
	return !c->nser;
}

const struct sb_chart_def sb_chart_defs[] = {
	{ "throughput", "Throughput", 1,
	  "x, ops/s median, min, max", 3, 2, collect_throughput,
	  "highest median ops/s",
	  "Operations per second, all threads together: the median of the "
	  "repeats, bars from the slowest to the fastest repeat. Higher is "
	  "better; colour and marker are the primitive, the dash the "
	  "backend." },
	{ "latency", "Latency percentiles", 1,
	  "x, latency ns median, min, max over the repeats, operations "
	  "timed where too few for the percentile (else 0)", 4, 3,
	  collect_latency, "highest median p99",
	  "One panel per operation and percentile (lookup p50, p99, p99.9, "
	  "then updates), log scale: the median of the repeats' percentile, "
	  "bars min to max. Lower is better; the tails (p99, p99.9) are "
	  "where primitives part. \"n=K\" beside a point: its repeats timed "
	  "only K operations (median), too few for that percentile, which "
	  "is then just the slowest of them." },
	{ "cdf", "Latency distribution at the highest thread count", 0,
	  "latency ns (bucket upper bound), cumulative fraction, "
	  "nines (-log10(1 - fraction))", 2, 2, collect_cdf,
	  "highest latency reached",
	  "The share of operations at or below a latency, from the merged "
	  "histograms, on a tail scale: each step up the y axis is another "
	  "nine (p90, p99, p99.9, p99.99). A line further left at the top "
	  "has the shorter tail." },
	{ "fairness", "Fairness", 1,
	  "x, value median, min, max", 3, 2, collect_fairness,
	  "highest median value",
	  "Jain's index over the threads' operation counts (1: every thread "
	  "did as much; its floor 1/n, one thread did everything, is where "
	  "the axis starts) and the slowest thread's count over the "
	  "fastest's." },
	{ "irq", "Interrupt latency (timer lateness)", 1,
	  "x, lateness ns lock not held, lock held with irqs off | added "
	  "by the lock (held - not held)", 2,
	  2, collect_irq, "highest lateness with the lock not held",
	  "How late the interrupt contender's timer fired (p50, p99, max; "
	  "log scale): solid when the lock was not held, dashed when it was "
	  "held with interrupts off; beside each, the latency the lock adds "
	  "(held minus not held; 1 ns, the axis' floor, where it adds none)." },
	{ "rcu", "Grace periods and pending frees vs update rate", 0,
	  "updates/s, gp p50 ns, gp p99 ns | peak pending", 2, 2,
	  collect_rcu, "highest gp p50 or peak pending",
	  "Only points whose frees are deferred (rcu_free other than sync). "
	  "Grace-period latency and the most entries waiting to be freed, "
	  "against the update rate achieved: the memory an RCU-like "
	  "primitive holds back." },
	{ "sides", "Kernel / userspace, same points", 1,
	  "x, kernel / user median, min, max", 3, 2, sb_collect_sides,
	  "highest median ratio",
	  "For each point that ran in the kernel and in userspace, the "
	  "kernel's value over userspace's (1: the same; bars from the "
	  "least to the most favourable pair of repeats). Real kernel runs "
	  "only: an emulated one says nothing about speed. The mechanisms "
	  "differ (see the note above the charts), so a crossover does not "
	  "carry over from one side to the other." },
	{ "placement", "Placement policies, throughput per primitive", 1,
	  "x, ops/s median, min, max", 3, 2, collect_placement,
	  "highest median ops/s",
	  "One panel per primitive, one line per placement policy: how much "
	  "where the threads run matters." },
	{ "cost", "Cost per operation", 1,
	  "x, ns median, min, max", 3, 2, sb_collect_cost,
	  "highest median ns per operation",
	  "Nanoseconds one operation costs one thread (elapsed x threads / "
	  "operations; lower is better) and, where the record measured the "
	  "timed loop alone (loop_ns), the same minus it: the primitive's "
	  "own cost." },
	{ "scaling", "Speedup and scaling efficiency vs 1 thread", 0,
	  "threads, speedup or efficiency median, min, max", 3, 2,
	  sb_collect_scaling, "highest median speedup",
	  "Throughput at n threads over the same primitive's at 1 thread "
	  "(speedup; the grey line is ideal, n) and speedup / n "
	  "(efficiency; ideal 1). Above 1 thread, a lock that serialises "
	  "stays at speedup 1 or falls." },
	{ "emulated", "Emulated runs (QEMU TCG): throughput", 1,
	  "x, ops/s median, min, max", 3, 2, sb_collect_emulated,
	  "highest median ops/s",
	  "The kernel module under QEMU's TCG emulation: it shows that the "
	  "code runs and how lines are shaped, not how fast anything is, "
	  "so it is kept apart from native runs." },
};
const unsigned int sb_nr_chart_defs = sizeof(sb_chart_defs) /
				      sizeof(sb_chart_defs[0]);
