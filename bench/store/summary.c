// SPDX-License-Identifier: GPL-2.0
/* Statistics over repeats; see summary.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sb_config.h"
#include "store/group.h"
#include "store/noise.h"
#include "store/stats.h"
#include "store/store.h"
#include "store/summary.h"
#include "util/hash.h"

/*
 * ops_per_sec and, per role (readers look up, updaters update, with
 * updaters=K; the lookup and update shares otherwise), their rates and
 * latencies; and the interrupt contender's lateness with the lock not held
 * (its floor) and held (the floor plus what the lock adds).
 */
const char *const sb_summary_metrics[] = {
	"ops_per_sec",
	"lookup_p50_ns", "lookup_p99_ns", "lookup_p999_ns",
	"update_p50_ns", "update_p99_ns", "update_p999_ns",
	"lookups_per_sec", "updates_per_sec",
	"irq_lat_p99_ns", "irq_lat_locked_p99_ns", "irqoff_max_ns",
	/*
	 * Race exposure: first_violation_ns over the repeats, where a
	 * repeat that saw none (0) is censored: its first violation would
	 * have come after the run (> elapsed_ns). See sb_summary_first.
	 */
	"first_violation_ns", "violations_per_sec", "uaf_reads",
	"uaf_writes", "lost_updates",
	NULL,
};

/*
 * With fewer than SB_NOISE_MIN_REPEATS repeats the interval is not given:
 * two repeats make t(1) = 12.7 and an interval of the whole number line,
 * one a zero-width one; both read as a precision nobody measured.
 */
static json_t *sb_stats_json(const struct sb_stats *s)
{
	json_t *o = json_pack("{s:f,s:f,s:f,s:f}", "median", s->median,
			      "min", s->min, "max", s->max, "mean", s->mean);

	if (s->n < SB_NOISE_MIN_REPEATS) {
		json_object_set_new(o, "ci95_lo", json_null());
		json_object_set_new(o, "ci95_hi", json_null());
		json_object_set_new(o, "note", json_string("too few repeats"));
	} else {
		json_object_set_new(o, "ci95_lo", json_real(s->ci95_lo));
		json_object_set_new(o, "ci95_hi", json_real(s->ci95_hi));
	}
	return o;
}

/* A record's point id, or NULL. */
static const char *sb_rec_point(const json_t *rec)
{
	return json_string_value(json_object_get(rec, "point"));
}

/* The records of one point id, in store order (indexes into points). */
struct sb_point_recs {
	const char *id;
	size_t *idx, n, cap;
};

/*
 * The distinct point ids of points in first-seen order, each with its
 * records: one pass and a hash lookup per record. Their count.
 */
static size_t sb_point_ids(const json_t *points, struct sb_point_recs *ids)
{
	struct sb_hash seen;
	size_t nids = 0, i, *k;
	json_t *rec;
	int added;

	sb_hash_init(&seen);
	json_array_foreach(points, i, rec) {
		const char *id = sb_rec_point(rec);
		struct sb_point_recs *p;

		if (!id)
			continue;
		k = sb_hash_put(&seen, id, nids, &added);
		if (added)
			ids[nids++].id = id;
		p = &ids[*k];
		if (p->n == p->cap) {
			p->cap = p->cap ? p->cap * 2 : 4;
			p->idx = realloc(p->idx, p->cap * sizeof(*p->idx));
			if (!p->idx)
				abort();
		}
		p->idx[p->n++] = i;
	}
	sb_hash_free(&seen);
	return nids;
}

/* A point's backend, matrix and counts: repeats with an ok record, not. */
static json_t *sb_summary_counts(const json_t *points,
				 const struct sb_point_recs *p)
{
	json_t *o = json_object(), *first = NULL, *rec;
	size_t ok = 0, failed = 0, i;

	for (i = 0; i < p->n; i++) {
		rec = json_array_get(points, p->idx[i]);
		if (!first)
			first = rec;
		if (sb_store_rec_ok(rec))
			ok++;
		else
			failed++;
	}
	json_object_set_new(o, "point", json_string(p->id));
	json_object_set(o, "backend", json_object_get(first, "backend"));
	json_object_set(o, "matrix", json_object_get(first, "matrix"));
	/* the vm backend under QEMU TCG: its timings are not real ones */
	json_object_set_new(o, "emulated", json_boolean(json_is_true(
		json_object_get(first, "emulated"))));
	json_object_set_new(o, "n", json_integer((json_int_t)ok));
	json_object_set_new(o, "failed", json_integer((json_int_t)failed));
	return o;
}

/*
 * One metric of a point over its ok records (v: room for every record)
 * into o; null when none measured it, not a median of 0.
 */
static void sb_summary_metric(json_t *o, const json_t *points,
			      const struct sb_point_recs *p,
			      const char *metric, double *v)
{
	struct sb_stats s;
	size_t k = 0, i;

	for (i = 0; i < p->n; i++) {
		json_t *rec = json_array_get(points, p->idx[i]);
		json_t *x = json_object_get(rec, metric);

		if (sb_store_rec_ok(rec) && json_is_number(x))
			v[k++] = json_number_value(x);
	}
	sb_stats_compute(v, k, &s);
	json_object_set_new(o, metric, k ? sb_stats_json(&s) : json_null());
}

/*
 * first_violation_ns over the ok repeats that measured it. A repeat that
 * saw no violation (0) is censored at its elapsed_ns: its first violation
 * is later than the run, not absent, and dropping it would make a point
 * where 1 of 3 repeats saw one read as a median of that one. The median
 * is then a lower bound where the middle repeat saw none
 * ("median_censored": true, printed "> median"); "censored" counts the
 * repeats that saw none (the max is a lower bound when it is > 0). Mean
 * and interval are of no use on censored times: null, with a note. null
 * when no repeat saw a violation (violated_runs 0 says "none").
 */
static void sb_summary_first(json_t *o, const json_t *points,
			     const struct sb_point_recs *p, double *v)
{
	int *cens = calloc(p->n + 1, sizeof(*cens));
	size_t k = 0, seen = 0, i;
	struct sb_stats s;
	double med, most = 0;
	json_t *j;
	int bound;

	if (!cens)
		abort();
	for (i = 0; i < p->n; i++) {
		json_t *rec = json_array_get(points, p->idx[i]);
		json_t *x = json_object_get(rec, "first_violation_ns");
		double el = json_number_value(json_object_get(rec,
							      "elapsed_ns"));

		if (!sb_store_rec_ok(rec) || !json_is_number(x))
			continue;
		cens[k] = !(json_number_value(x) > 0);
		/* no elapsed_ns (never in a real record): see below */
		v[k] = cens[k] ? (el > 0 ? el : -1) : json_number_value(x);
		if (!cens[k] && v[k] > most)
			most = v[k];
		seen += !cens[k++];
	}
	for (i = 0; i < k; i++)
		if (v[i] < 0)	/* later than every time seen, at least */
			v[i] = most;
	if (!seen) {
		free(cens);
		json_object_set_new(o, "first_violation_ns", json_null());
		return;
	}
	bound = sb_stats_censored_median(v, cens, k, &med);
	sb_stats_compute(v, k, &s);
	j = sb_stats_json(&s);
	json_object_set_new(j, "median", json_real(med));
	json_object_set_new(j, "median_censored", json_boolean(bound));
	json_object_set_new(j, "censored",
			    json_integer((json_int_t)(k - seen)));
	if (k > seen) {
		json_object_set_new(j, "mean", json_null());
		json_object_set_new(j, "ci95_lo", json_null());
		json_object_set_new(j, "ci95_hi", json_null());
		json_object_set_new(j, "note", json_string("censored: some "
			"repeats saw no violation within the run"));
	}
	json_object_set_new(o, "first_violation_ns", j);
	free(cens);
}

static double sb_max_or_null(double have, double v)
{
	return isnan(have) || v > have ? v : have;
}

static json_t *sb_num_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/*
 * A point's noise (noise.h) over its ok records: the flags, and the
 * figures behind them (the worst repeat's), null when nothing measured
 * them (no ok record; kernel records have no involuntary_ctxsw).
 */
static json_t *sb_summary_noise(const json_t *points,
				const struct sb_point_recs *p, double *v)
{
	double ctxsw = NAN, imb = NAN, cv;
	unsigned int f = 0;
	size_t k = 0, i;

	for (i = 0; i < p->n; i++) {
		json_t *rec = json_array_get(points, p->idx[i]);
		struct sb_noise_rec nr;

		if (!sb_store_rec_ok(rec))
			continue;
		sb_noise_from_json(rec, &nr);
		f |= sb_noise_rec_flags(&nr);
		if (nr.ctxsw_known)
			ctxsw = sb_max_or_null(ctxsw, nr.ctxsw_per_s);
		if (nr.threads > 1 && !nr.roles && nr.imbalance > 0)
			imb = sb_max_or_null(imb, nr.imbalance);
		v[k++] = json_number_value(json_object_get(rec, "ops_per_sec"));
	}
	f |= sb_noise_repeat_flags(v, k, &cv);
	return json_pack("{s:o,s:o,s:o,s:o}", "flags", sb_noise_json_words(f),
			 "involuntary_ctxsw_per_thread_s", sb_num_or_null(ctxsw),
			 "thread_ops_max_min", sb_num_or_null(imb),
			 "ops_per_sec_cv", sb_num_or_null(cv));
}

/* The ok repeats of a point in which a violation was seen and timed. */
static json_int_t sb_violated_runs(const json_t *points,
				   const struct sb_point_recs *p)
{
	json_int_t n = 0;
	size_t i;

	for (i = 0; i < p->n; i++) {
		json_t *rec = json_array_get(points, p->idx[i]);

		n += sb_store_rec_ok(rec) &&
		     json_number_value(json_object_get(rec,
						       "first_violation_ns")) > 0;
	}
	return n;
}

json_t *sb_summary_build(const json_t *all)
{
	/*
	 * One record per point x repeat: a failure that a --retry-failed
	 * run made good is neither counted nor measured.
	 */
	json_t *points = sb_store_current(all, NULL);
	size_t n = json_array_size(points), nids, j, m;
	json_t *out = json_array();
	struct sb_point_recs *ids = calloc(n + 1, sizeof(*ids));
	double *v = calloc(n + 1, sizeof(*v));

	if (!ids || !v)
		abort();
	nids = sb_point_ids(points, ids);
	for (j = 0; j < nids; j++) {
		json_t *o = sb_summary_counts(points, &ids[j]);

		for (m = 0; sb_summary_metrics[m]; m++)
			if (strcmp(sb_summary_metrics[m],
				   "first_violation_ns"))
				sb_summary_metric(o, points, &ids[j],
						  sb_summary_metrics[m], v);
			else
				sb_summary_first(o, points, &ids[j], v);
		json_object_set_new(o, "noise",
				    sb_summary_noise(points, &ids[j], v));
		json_object_set_new(o, "violated_runs",
				    json_integer(sb_violated_runs(points,
								  &ids[j])));
		json_array_append_new(out, o);
		free(ids[j].idx);
	}
	free(ids);
	free(v);
	json_decref(points);
	return json_pack("{s:i,s:o}", "schema", 1, "points", out);
}

static double sb_get(const json_t *o, const char *metric, const char *field)
{
	return json_number_value(json_object_get(json_object_get(o, metric),
						 field));
}

/*
 * "median [ci95_lo, ci95_hi]" of one metric; "median (too few repeats)"
 * without an interval; "-" when nothing measured it.
 */
static void sb_cell(char *buf, size_t len, const json_t *o, const char *m)
{
	if (!json_is_object(json_object_get(o, m)))
		snprintf(buf, len, "-");
	else if (!json_is_number(json_object_get(json_object_get(o, m),
						 "ci95_lo")))
		snprintf(buf, len, "%.0f (too few repeats)",
			 sb_get(o, m, "median"));
	else
		snprintf(buf, len, "%.0f [%.0f, %.0f]", sb_get(o, m, "median"),
			 sb_get(o, m, "ci95_lo"), sb_get(o, m, "ci95_hi"));
}

/* The median of one metric; "-" when nothing measured it. */
static const char *sb_med(char *buf, size_t len, const json_t *o,
			  const char *m)
{
	if (!json_is_object(json_object_get(o, m)))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.0f", sb_get(o, m, "median"));
	return buf;
}

/*
 * The point's noise words (its flags but "too few repeats": a column), and
 * "emulated" first where the vm backend ran it, as the report's flags say.
 */
static const char *sb_noise_cell(char *buf, size_t len, const json_t *o)
{
	json_t *fl = json_object_get(json_object_get(o, "noise"), "flags"), *w;
	size_t i, n = 0;

	buf[0] = '\0';
	if (json_is_true(json_object_get(o, "emulated")))
		n = (size_t)snprintf(buf, len, "EMULATED");
	json_array_foreach(fl, i, w) {
		const char *s = json_string_value(w);

		if (!s || !strcmp(s, "too few repeats"))
			continue;
		n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s%s",
				      n ? "," : "", s);
		if (n >= len)
			break;
	}
	return *buf ? buf : "-";
}

/* Whether the point had an interrupt contender (its lateness measured). */
static int sb_irq_ran(const json_t *o)
{
	return json_is_object(json_object_get(o, "irq_lat_p99_ns")) &&
	       sb_get(o, "irq_lat_p99_ns", "median") > 0;
}

/* ... and whether some point had. */
static int sb_summary_has_irq(const json_t *pts)
{
	json_t *o;
	size_t i;

	json_array_foreach(pts, i, o)
		if (sb_irq_ran(o))
			return 1;
	return 0;
}

/* Whether some point ran emulated (the vm backend under QEMU TCG). */
static int sb_summary_has_emulated(const json_t *pts)
{
	json_t *o;
	size_t i;

	json_array_foreach(pts, i, o)
		if (json_is_true(json_object_get(o, "emulated")))
			return 1;
	return 0;
}

/* Whether some point had roles (updaters=K): the rates per role then. */
static int sb_summary_has_roles(const json_t *pts)
{
	json_t *o;
	size_t i;

	json_array_foreach(pts, i, o)
		if (json_integer_value(json_object_get(
			    json_object_get(o, "matrix"), "updaters")) > 0)
			return 1;
	return 0;
}

/*
 * Whether some point is a broken primitive or was perturbed: the race
 * columns then (first violation, violations per second, uses after free).
 */
static int sb_summary_has_race(const json_t *pts)
{
	json_t *o, *mx;
	size_t i;

	json_array_foreach(pts, i, o) {
		const char *prim, *pt;

		mx = json_object_get(o, "matrix");
		prim = json_string_value(json_object_get(mx, "prim"));
		pt = json_string_value(json_object_get(mx, "perturb"));
		if ((prim && (sb_prim_caps(prim) & SB_CAP_BROKEN)) ||
		    (pt && strcmp(pt, "off")))
			return 1;
	}
	return 0;
}

/* First violation (or none within the run), its rate, uses after free. */
static void sb_race_cells(FILE *f, const json_t *o)
{
	char a[32], b[32], c[32], d[32];

	if (!json_integer_value(json_object_get(o, "violated_runs")))
		sb_snprintf(a, sizeof(a), "none");
	else if (json_is_true(json_object_get(json_object_get(o,
			"first_violation_ns"), "median_censored")))
		/* most repeats saw none within the run: only a bound */
		sb_snprintf(a, sizeof(a), ">%.0f",
			    sb_get(o, "first_violation_ns", "median"));
	else
		sb_med(a, sizeof(a), o, "first_violation_ns");
	fprintf(f, " %11s %9s %9s %9s", a,
		sb_med(b, sizeof(b), o, "violations_per_sec"),
		sb_med(c, sizeof(c), o, "uaf_reads"),
		sb_med(d, sizeof(d), o, "uaf_writes"));
}

/* The contender's lateness, unlocked then locked, where it ran. */
static void sb_irq_cells(FILE *f, const json_t *o)
{
	char a[32], b[32], c[32];

	if (sb_irq_ran(o))
		fprintf(f, " %9s %9s %9s",
			sb_med(a, sizeof(a), o, "irq_lat_p99_ns"),
			sb_med(b, sizeof(b), o, "irq_lat_locked_p99_ns"),
			sb_med(c, sizeof(c), o, "irqoff_max_ns"));
	else
		fprintf(f, " %9s %9s %9s", "-", "-", "-");
}

void sb_summary_print(FILE *f, const json_t *summary)
{
	json_t *pts = json_object_get(summary, "points"), *o;
	int irq = sb_summary_has_irq(pts), roles = sb_summary_has_roles(pts);
	int race = sb_summary_has_race(pts);
	size_t i;

	fprintf(f, "median [95%% CI of the geometric mean] over the repeats (none below %d repeats: \"too few repeats\"); latencies in ns; noise: see README%s\n",
		SB_NOISE_MIN_REPEATS, irq ? "; irq: the contender's lateness p99, lock not held (its floor) and held, and the longest window it was held off" : "");
	if (sb_summary_has_emulated(pts))
		fprintf(f, "EMULATED (noise column): the kernel module in a QEMU TCG guest (vm backend); its timings are not representative, only its correctness and shape\n");
	if (race)
		fprintf(f, "race: median time from the window's start to the first violation, a repeat that saw none counted as later than its run (>N: most repeats saw none, the median is beyond N ns; none: no repeat saw one), violations per second, uses after free read and written\n");
	fprintf(f, "%-44s %3s %4s %34s %32s %9s %9s %9s", "point", "n",
		"fail", "ops/s", "lookup p99", "lk p50", "lk p99.9",
		"upd p99");
	if (irq)
		fprintf(f, " %9s %9s %9s", "irq p99", "irq lockd", "irqoff mx");
	if (roles)
		fprintf(f, " %11s %11s", "lookups/s", "updates/s");
	if (race)
		fprintf(f, " %11s %9s %9s %9s", "1st viol ns", "viol/s",
			"uaf rd", "uaf wr");
	fprintf(f, "  %s\n", "noise");
	json_array_foreach(pts, i, o) {
		char ops[64], lk[64], a[32], b[32], c[32], nz[96];

		sb_cell(ops, sizeof(ops), o, "ops_per_sec");
		sb_cell(lk, sizeof(lk), o, "lookup_p99_ns");
		fprintf(f, "%-44s %3lld %4lld %34s %32s %9s %9s %9s",
			json_string_value(json_object_get(o, "point")),
			(long long)json_integer_value(json_object_get(o, "n")),
			(long long)json_integer_value(json_object_get(o,
								      "failed")),
			ops, lk, sb_med(a, sizeof(a), o, "lookup_p50_ns"),
			sb_med(b, sizeof(b), o, "lookup_p999_ns"),
			sb_med(c, sizeof(c), o, "update_p99_ns"));
		if (irq)
			sb_irq_cells(f, o);
		if (roles)
			fprintf(f, " %11s %11s",
				sb_med(a, sizeof(a), o, "lookups_per_sec"),
				sb_med(b, sizeof(b), o, "updates_per_sec"));
		if (race)
			sb_race_cells(f, o);
		fprintf(f, "  %s\n", sb_noise_cell(nz, sizeof(nz), o));
	}
}
