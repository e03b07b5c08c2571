// SPDX-License-Identifier: GPL-2.0
/*
 * `syncbench compare results/A results/B [--csv FILE] [--json]
 *  [--threshold PCT] [--p99-threshold PCT] [--allow-mismatch]`: per point
 * (matched by the driver's point id, labelled by it), the change in
 * throughput and in lookup/update p99 from A to B, each with a verdict
 * that takes the repeats' noise into account (Welch's t-test at 95% on the
 * logarithms of the repeats, and a change smaller than the threshold never
 * counts), and each side's noise flags (store/noise.h). Fewer than 3
 * repeats on either side give "too few repeats", never a verdict.
 *
 * Like for like (report/cmp_match.h): stores whose points ran with other
 * config values, or on another machine or kernel (a debug kernel's run
 * beside a production kernel's too: debug_kernel), are refused with one
 * line naming the keys, unless --allow-mismatch, which lists every
 * difference and compares anyway. A table on stdout, optionally CSV or
 * JSON; exit status 1 when anything is worse beyond noise, so other
 * projects' CI can gate on it.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/commands.h"
#include "report/cmp_match.h"
#include "report/compare.h"
#include "store/group.h"
#include "store/load.h"
#include "store/noise.h"
#include "sb_config.h"
#include "util/util.h"

static void compare_usage(FILE *f)
{
	fprintf(f,
		"usage: syncbench compare results/A results/B [--csv FILE] "
		"[--json] [--threshold PCT] [--p99-threshold PCT] "
		"[--allow-mismatch]\n"
		"  --csv FILE            also write the comparison as CSV "
		"('-' = stdout, no table)\n"
		"  --json                the comparison as JSON on stdout "
		"(no table)\n"
		"  --allow-mismatch      compare stores whose config, machine "
		"or kernel differ\n"
		"                        (a debug kernel's run, lockdep or a "
		"sanitizer on, beside\n"
		"                        a production kernel's included), "
		"listing every\n"
		"                        difference (refused without it)\n"
		"  --threshold PCT       smallest throughput change that can "
		"count (default %g)\n"
		"  --p99-threshold PCT   smallest p99 change that can count "
		"(default %g)\n"
		"exit status: 0 nothing worse, 1 something worse beyond "
		"noise, 2 bad input\n",
		SB_CMP_DEF_THR, SB_CMP_DEF_P99_THR);
}

const char *sb_verdict_name(enum sb_verdict v)
{
	static const char *const names[] = {
		[SB_V_NOISE] = "within noise",
		[SB_V_BETTER] = "better",
		[SB_V_WORSE] = "worse",
		[SB_V_NA] = "-",
		[SB_V_ONLY_A] = "only in A",
		[SB_V_ONLY_B] = "only in B",
		[SB_V_FAILED] = "failed in B",
		[SB_V_FIXED] = "fixed in B",
		[SB_V_BROKEN] = "invariants violated in B",
		[SB_V_BOTH_FAILED] = "failed in both",
		[SB_V_FEW] = "too few repeats",
	};

	return names[v];
}

/* higher_better: throughput; otherwise a latency. */
static void cmp_metric(const struct sb_pgroup *a, const struct sb_pgroup *b,
		       const char *key, const char *count_key,
		       int higher_better, double min_rel,
		       struct sb_cmp_metric *m)
{
	struct sb_stats sa, sb, la, lb;
	double ratio;
	int d;

	memset(m, 0, sizeof(*m));
	m->verdict = SB_V_NA;
	m->a = m->b = m->change_pct = NAN;
	if (count_key) {
		/* A latency nobody measured (update_pct=0) is not 0 ns. */
		if (!(sb_pgroup_stat(a, count_key, &sa) && sa.median > 0) ||
		    !(sb_pgroup_stat(b, count_key, &sb) && sb.median > 0))
			return;
	}
	if (!sb_pgroup_stat(a, key, &sa) || !sb_pgroup_stat(b, key, &sb))
		return;
	m->a = sa.median;
	m->b = sb.median;
	if (!sb_pgroup_logstat(a, key, &la) ||
	    !sb_pgroup_logstat(b, key, &lb)) {
		/* A zero throughput: only the medians can speak. */
		m->verdict = sa.median == sb.median ? SB_V_NOISE :
			     (sb.median > sa.median) == !!higher_better ?
			     SB_V_BETTER : SB_V_WORSE;
		return;
	}
	/* The change is the ratio of the geometric means. */
	ratio = exp(lb.mean - la.mean);
	m->change_pct = (ratio - 1) * 100;
	if (fabs(ratio - 1) < min_rel) {
		m->verdict = SB_V_NOISE;
		return;
	}
	d = sb_stats_differ(&la, &lb, 0);
	if (!d)
		m->verdict = SB_V_NOISE;
	else
		m->verdict = (d > 0) == !!higher_better ? SB_V_BETTER :
							  SB_V_WORSE;
}

static int violated(const struct sb_pgroup *g)
{
	char v[16];
	size_t i;

	for (i = 0; i < g->n; i++)
		if (!strcmp(sb_rrec_str(g->reps[i], "invariants", v, sizeof(v)),
			    "violated"))
			return 1;
	return 0;
}

void sb_compare_point(const struct sb_pgroup *a, const struct sb_pgroup *b,
		      double thr, double p99_thr, struct sb_cmp_row *r)
{
	unsigned int i;
	int worse = 0, better = 0;

	memset(r, 0, sizeof(*r));
	r->a = a;
	r->b = b;
	for (i = 0; i < SB_CMP_NR_METRICS; i++) {
		r->m[i].verdict = SB_V_NA;
		r->m[i].a = r->m[i].b = r->m[i].change_pct = NAN;
	}
	if (!b) {
		r->verdict = SB_V_ONLY_A;
		return;
	}
	if (!a) {
		r->verdict = SB_V_ONLY_B;
		return;
	}
	if (!b->n) {
		r->verdict = a->n ? SB_V_FAILED : SB_V_BOTH_FAILED;
		return;
	}
	if (!a->n) {
		r->verdict = SB_V_FIXED;
		return;
	}
	/* The primitive breaking the list is worse than any slowdown. */
	if (violated(b) && !violated(a)) {
		r->verdict = SB_V_BROKEN;
		return;
	}
	cmp_metric(a, b, "ops_per_sec", NULL, 1, thr / 100, &r->m[0]);
	cmp_metric(a, b, "lookup_p99_ns", "lookup_count", 0, p99_thr / 100,
		   &r->m[1]);
	cmp_metric(a, b, "update_p99_ns", "update_count", 0, p99_thr / 100,
		   &r->m[2]);
	r->noise_a = sb_noise_pgroup_flags(a);
	r->noise_b = sb_noise_pgroup_flags(b);
	/* Two repeats make any interval and any verdict a guess. */
	if ((r->noise_a | r->noise_b) & SB_NOISE_FEW) {
		for (i = 0; i < SB_CMP_NR_METRICS; i++)
			if (r->m[i].verdict != SB_V_NA)
				r->m[i].verdict = SB_V_FEW;
		r->verdict = SB_V_FEW;
		return;
	}
	for (i = 0; i < SB_CMP_NR_METRICS; i++) {
		worse |= r->m[i].verdict == SB_V_WORSE;
		better |= r->m[i].verdict == SB_V_BETTER;
	}
	r->verdict = worse ? SB_V_WORSE : better ? SB_V_BETTER : SB_V_NOISE;
}

int sb_verdict_is_worse(enum sb_verdict v)
{
	return v == SB_V_WORSE || v == SB_V_FAILED || v == SB_V_BROKEN;
}

void sb_cmp_label(const struct sb_pgroup *g, char *buf, size_t len)
{
	struct sb_buf b;

	sb_buf_init(&b, buf, len);
	sb_bprintf(&b, "%s %s %ut", g->backend, g->prim, g->threads);
	if (strcmp(g->placement, "-"))
		sb_bprintf(&b, " %s", g->placement);
	if (g->irq_hz)
		sb_bprintf(&b, " irq%u", g->irq_hz);
	if (*g->wl)
		sb_bprintf(&b, " [%s]", g->wl);
}

static void fmt_num(char *buf, size_t len, double v)
{
	if (!isfinite(v))
		sb_snprintf(buf, len, "-");
	else if (fabs(v) >= 1e6)
		sb_snprintf(buf, len, "%.3gM", v / 1e6);
	else if (fabs(v) >= 1e4)
		sb_snprintf(buf, len, "%.3gk", v / 1e3);
	else
		sb_snprintf(buf, len, "%.4g", v);
}

static void fmt_pct(char *buf, size_t len, double v)
{
	if (!isfinite(v))
		sb_snprintf(buf, len, "-");
	else
		sb_snprintf(buf, len, "%+.1f%%", v);
}

/*
 * A side's noise words for the table, "-" for none ("too few": verdict),
 * after "EMULATED" where the side ran in a QEMU TCG guest (vm backend), as
 * the report and the charts mark it.
 */
static const char *noise_cell(const struct sb_pgroup *g, unsigned int flags,
			      char *buf, size_t len)
{
	char w[64];

	sb_noise_words(flags & ~(unsigned int)SB_NOISE_FEW, w, sizeof(w));
	sb_snprintf(buf, len, "%s%s%s", g->emulated ? "EMULATED" : "",
		    g->emulated && *w ? "," : "", w);
	return *buf ? buf : "-";
}

/* Does a row have an emulated side? */
static int row_emulated(const struct sb_cmp_row *r)
{
	return (r->a && r->a->emulated) || (r->b && r->b->emulated);
}

/* The labels are the point ids `run` prints; the column fits the longest. */
static int id_width(const struct sb_cmp_row *rows, size_t n)
{
	size_t i, w = 5;

	for (i = 0; i < n; i++) {
		size_t l = strlen((rows[i].a ? rows[i].a : rows[i].b)->key);

		w = l > w ? l : w;
	}
	return (int)w;
}

static void print_table(FILE *f, const struct sb_cmp_row *rows, size_t n)
{
	char a[16], b[16], d[16], pa[16], pb[16], pd[16], na[64], nb[64];
	char noise[160];
	int w = id_width(rows, n), emulated = 0;
	size_t i;

	/* The verdict last, as before: scripts match it at the line's end. */
	fprintf(f, "%-*s %9s %9s %8s  %8s %8s %8s  %-28s %s\n", w, "point",
		"ops/s A", "ops/s B", "change", "p99 A", "p99 B", "change",
		"noise A / B", "verdict");
	for (i = 0; i < n; i++) {
		const struct sb_cmp_row *r = &rows[i];
		/* The lookup p99, or the update one when nothing looked up. */
		const struct sb_cmp_metric *p = r->m[1].verdict != SB_V_NA ?
						&r->m[1] : &r->m[2];

		fmt_num(a, sizeof(a), r->m[0].a);
		fmt_num(b, sizeof(b), r->m[0].b);
		fmt_pct(d, sizeof(d), r->m[0].change_pct);
		fmt_num(pa, sizeof(pa), p->a);
		fmt_num(pb, sizeof(pb), p->b);
		fmt_pct(pd, sizeof(pd), p->change_pct);
		snprintf(noise, sizeof(noise), "%s / %s",
			 r->a ? noise_cell(r->a, r->noise_a, na, sizeof(na)) :
			 "-", r->b ? noise_cell(r->b, r->noise_b, nb,
						sizeof(nb)) : "-");
		emulated |= row_emulated(r);
		fprintf(f, "%-*s %9s %9s %8s  %8s %8s %8s  %-28s %s\n", w,
			(r->a ? r->a : r->b)->key, a, b, d, pa, pb, pd, noise,
			sb_verdict_name(r->verdict));
	}
	if (emulated)
		fputs("EMULATED: that side ran the kernel module in a QEMU TCG "
		      "guest (vm backend); its timings are not representative, "
		      "and a change in them says nothing about speed\n", f);
}

static void csv_field(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void csv_num(FILE *f, double v)
{
	if (isfinite(v))
		fprintf(f, ",%.6g", v);
	else
		fputc(',', f);
}

void sb_compare_csv(FILE *f, const struct sb_cmp_row *rows, size_t n)
{
	static const char *const mname[SB_CMP_NR_METRICS] = {
		"ops_per_sec", "lookup_p99_ns", "update_p99_ns",
	};
	char na[96], nb[96];
	unsigned int k;
	size_t i;

	fputs("point,backend,prim,threads,placement,irq_hz,workload,"
	      "repeats_a,repeats_b", f);
	for (k = 0; k < SB_CMP_NR_METRICS; k++)
		fprintf(f, ",%s_a,%s_b,%s_change_pct,%s_verdict", mname[k],
			mname[k], mname[k], mname[k]);
	/* The verdict stays the last column: scripts read $NF. */
	fputs(",noise_a,noise_b,verdict\n", f);
	for (i = 0; i < n; i++) {
		const struct sb_cmp_row *r = &rows[i];
		const struct sb_pgroup *g = r->a ? r->a : r->b;

		csv_field(f, g->key);
		fputc(',', f);
		csv_field(f, g->backend);
		fputc(',', f);
		csv_field(f, g->prim);
		fprintf(f, ",%u,", g->threads);
		csv_field(f, g->placement);
		fprintf(f, ",%u,", g->irq_hz);
		csv_field(f, g->wl);
		fprintf(f, ",%zu,%zu", r->a ? r->a->n : 0, r->b ? r->b->n : 0);
		for (k = 0; k < SB_CMP_NR_METRICS; k++) {
			csv_num(f, r->m[k].a);
			csv_num(f, r->m[k].b);
			csv_num(f, r->m[k].change_pct);
			fputc(',', f);
			csv_field(f, sb_verdict_name(r->m[k].verdict));
		}
		fputc(',', f);
		csv_field(f, sb_noise_words(r->noise_a, na, sizeof(na)));
		fputc(',', f);
		csv_field(f, sb_noise_words(r->noise_b, nb, sizeof(nb)));
		fputc(',', f);
		csv_field(f, sb_verdict_name(r->verdict));
		fputc('\n', f);
	}
}

static json_t *num_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static const char *const sb_cmp_mnames[SB_CMP_NR_METRICS] = {
	"ops_per_sec", "lookup_p99_ns", "update_p99_ns",
};

static json_t *row_json(const struct sb_cmp_row *r)
{
	const struct sb_pgroup *g = r->a ? r->a : r->b;
	json_t *o = json_pack("{s:s,s:I,s:I,s:o,s:o,s:s}", "point", g->key,
		"repeats_a", (json_int_t)(r->a ? r->a->n : 0), "repeats_b",
		(json_int_t)(r->b ? r->b->n : 0), "noise_a",
		sb_noise_json_words(r->a ? r->noise_a : 0), "noise_b",
		sb_noise_json_words(r->b ? r->noise_b : 0), "verdict",
		sb_verdict_name(r->verdict));
	unsigned int k;

	/* QEMU TCG timings (vm backend): not representative */
	json_object_set_new(o, "emulated_a", json_boolean(r->a &&
							  r->a->emulated));
	json_object_set_new(o, "emulated_b", json_boolean(r->b &&
							  r->b->emulated));
	for (k = 0; k < SB_CMP_NR_METRICS; k++)
		json_object_set_new(o, sb_cmp_mnames[k], json_pack(
			"{s:o,s:o,s:o,s:s}", "a", num_or_null(r->m[k].a), "b",
			num_or_null(r->m[k].b), "change_pct",
			num_or_null(r->m[k].change_pct), "verdict",
			sb_verdict_name(r->m[k].verdict)));
	return o;
}

/* --json: the stores, their differences and every row, on stdout. */
static int print_json(const struct sb_rstore *sa, const struct sb_rstore *sb,
		      const struct sb_cmp_diffs *d,
		      const struct sb_cmp_row *rows, size_t n)
{
	json_t *pts = json_array();
	json_t *o;
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		json_array_append_new(pts, row_json(&rows[i]));
	o = json_pack("{s:i,s:s,s:s,s:o,s:o}", "schema", 1, "a", sa->dir,
		      "b", sb->dir, "differences", sb_cmp_diffs_json(d),
		      "points", pts);
	rc = json_dumpf(o, stdout, JSON_INDENT(2)) || fputc('\n', stdout) < 0;
	json_decref(o);
	return rc ? -1 : 0;
}

/* Rows: every point of A in A's order, then those only in B. */
static struct sb_cmp_row *compare_sets(const struct sb_pset *a,
				       const struct sb_pset *b, double thr,
				       double p99_thr, size_t *n)
{
	struct sb_cmp_row *rows = calloc(a->n + b->n + 1, sizeof(*rows));
	size_t i;

	if (!rows)
		abort();
	*n = 0;
	for (i = 0; i < a->n; i++)
		sb_compare_point(&a->g[i], sb_pset_find(b, a->g[i].key), thr,
				 p99_thr, &rows[(*n)++]);
	for (i = 0; i < b->n; i++)
		if (!sb_pset_find(a, b->g[i].key))
			sb_compare_point(NULL, &b->g[i], thr, p99_thr,
					 &rows[(*n)++]);
	return rows;
}

static int parse_pct(const char *s, double *out)
{
	char *end;

	*out = strtod(s, &end);
	return end == s || *end || !(*out >= 0 && *out <= 1000) ? -1 : 0;
}

struct cmp_opts {
	const char *csv;
	double thr, p99_thr;
	int json;
	int allow_mismatch;
};

/* The table and/or CSV or JSON. 0, or 2 (reported). */
static int cmp_output(const struct cmp_opts *o, const struct sb_rstore *sa,
		      const struct sb_rstore *sb,
		      const struct sb_cmp_diffs *d,
		      const struct sb_cmp_row *rows, size_t n)
{
	FILE *f;

	if (o->json)
		return print_json(sa, sb, d, rows, n) ? 2 : 0;
	if (!o->csv || strcmp(o->csv, "-"))
		print_table(stdout, rows, n);
	if (!o->csv)
		return 0;
	f = strcmp(o->csv, "-") ? fopen(o->csv, "w") : stdout;
	if (!f) {
		perror(o->csv);
		return 2;
	}
	sb_compare_csv(f, rows, n);
	if (f != stdout && fclose(f)) {
		perror(o->csv);
		return 2;
	}
	return 0;
}

static void cmp_counts(const size_t *count, size_t n)
{
	sb_errf("%zu points: %zu worse, %zu better, %zu within "
		"noise, %zu too few repeats, %zu failed in B, %zu fixed in B, "
		"%zu broken in B, %zu only in A, %zu only in B\n", n,
		count[SB_V_WORSE], count[SB_V_BETTER], count[SB_V_NOISE],
		count[SB_V_FEW], count[SB_V_FAILED], count[SB_V_FIXED],
		count[SB_V_BROKEN], count[SB_V_ONLY_A], count[SB_V_ONLY_B]);
}

static int run_compare(const struct sb_rstore *sa, const struct sb_rstore *sb,
		       const struct cmp_opts *o, const struct sb_cmp_diffs *d)
{
	size_t n, i, count[SB_V_NR] = { 0 }, common = 0;
	struct sb_pset a, b;
	struct sb_cmp_row *rows;
	int worse = 0, rc;

	if (sb_pset_build(&a, sa->recs, sa->nrecs) ||
	    sb_pset_build(&b, sb->recs, sb->nrecs)) {
		sb_errf("syncbench compare: out of memory\n");
		return 2;
	}
	rows = compare_sets(&a, &b, o->thr, o->p99_thr, &n);
	for (i = 0; i < n; i++) {
		count[rows[i].verdict]++;
		common += rows[i].a && rows[i].b;
		worse |= sb_verdict_is_worse(rows[i].verdict);
	}
	if (!common) {
		sb_errf("syncbench compare: %s and %s have no point "
			"in common (different matrices?)\n", sa->dir,
			sb->dir);
		worse = 2;
		goto out;
	}
	rc = cmp_output(o, sa, sb, d, rows, n);
	if (rc) {
		worse = rc;
		goto out;
	}
	cmp_counts(count, n);
out:
	free(rows);
	sb_pset_free(&a);
	sb_pset_free(&b);
	return worse;
}

/*
 * Like for like: stores that differ beyond their point ids are refused in
 * one line naming the keys; --allow-mismatch lists every difference. 0 to
 * go on, 2 (reported).
 */
static int cmp_check_match(const struct sb_rstore *a,
			   const struct sb_rstore *b,
			   const struct cmp_opts *o, struct sb_cmp_diffs *d)
{
	char err[SB_STORE_ERR_LEN], keys[1024];

	if (sb_cmp_match(a->dir, a->meta, b->dir, b->meta, d, err,
			 sizeof(err))) {
		sb_errf("syncbench compare: %s\n", err);
		return 2;
	}
	if (!d->n)
		return 0;
	if (o->allow_mismatch) {
		sb_cmp_diffs_print(d);
		return 0;
	}
	sb_cmp_diff_keys(d, keys, sizeof(keys));
	sb_errf("syncbench compare: %s and %s differ in %s: compare like "
		"for like, or pass --allow-mismatch to see every difference "
		"and compare anyway\n", a->dir, b->dir, keys);
	return 2;
}

/* The options. -1: go on; 0 (--help) or 2 (reported): exit. */
static int cmp_parse(int argc, char **argv, struct cmp_opts *o)
{
	static const struct option opts[] = {
		{ "csv", required_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "allow-mismatch", no_argument, NULL, 'm' },
		{ "threshold", required_argument, NULL, 't' },
		{ "p99-threshold", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "c:t:p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			o->csv = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'm':
			o->allow_mismatch = 1;
			break;
		case 't':
		case 'p':
			if (parse_pct(optarg, c == 't' ? &o->thr :
				      &o->p99_thr)) {
				sb_errf("syncbench compare: --%s %s: expected "
					"a percentage 0..1000\n", c == 't' ?
					"threshold" : "p99-threshold", optarg);
				return 2;
			}
			break;
		case 'h':
			compare_usage(stdout);
			return 0;
		default:
			compare_usage(stderr);
			return 2;
		}
	}
	if (o->json && o->csv) {
		sb_errf("syncbench compare: --json and --csv: choose one\n");
		return 2;
	}
	if (argc - optind != 2) {
		sb_errf("syncbench compare: expected two results "
			"stores\n");
		compare_usage(stderr);
		return 2;
	}
	return -1;
}

int sb_cmd_compare(int argc, char **argv)
{
	struct cmp_opts o = { .thr = SB_CMP_DEF_THR,
			      .p99_thr = SB_CMP_DEF_P99_THR };
	struct sb_rstore a, b;
	struct sb_cmp_diffs *d;
	char err[SB_STORE_ERR_LEN];
	int ret = cmp_parse(argc, argv, &o);

	if (ret >= 0)
		return ret;
	if (sb_rstore_load(&a, argv[optind], err, sizeof(err))) {
		sb_errf("syncbench compare: %s\n", err);
		return 2;
	}
	if (sb_rstore_load(&b, argv[optind + 1], err, sizeof(err))) {
		sb_errf("syncbench compare: %s\n", err);
		sb_rstore_free(&a);
		return 2;
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		abort();
	ret = cmp_check_match(&a, &b, &o, d);
	if (!ret) {
		if (!a.nr_ok)
			sb_errf("syncbench compare: warning: every point of "
				"%s failed\n", a.dir);
		ret = run_compare(&a, &b, &o, d);
	}
	free(d);
	sb_rstore_free(&a);
	sb_rstore_free(&b);
	return ret;
}
