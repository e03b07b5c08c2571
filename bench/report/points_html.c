// SPDX-License-Identifier: GPL-2.0
/*
 * Every point of the store as numbers to paste: repeats, ops/s median and
 * its 95% CI, the latency p99s, the cost per operation, with the noise
 * flags; links to the store's files. Each number is also in a data- attribute
 * as summary.csv prints it (store/summary_csv.h), so a test can compare
 * the two exactly.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb_config.h"
#include "report/points_html.h"
#include "report/report.h"
#include "store/noise.h"
#include "store/rrec.h"
#include "store/summary_csv.h"
#include "util/hash.h"
#include "util/util.h"

/* One statistic's cell: shown rounded, exact in data-v. */
static void num_cell(FILE *f, const struct sb_pgroup *g, const char *key,
		     int ci)
{
	struct sb_stats st;
	char num[48];

	if (!sb_pgroup_stat(g, key, &st)) {
		fputs("<td class=\"num\">-</td>", f);
		return;
	}
	sb_summary_num(num, sizeof(num), st.median);
	/* ops/s whole, to paste; the rest as measured */
	fprintf(f, "<td class=\"num\" data-key=\"%s\" data-v=\"%s\">", key,
		num);
	fprintf(f, ci ? "%.0f" : "%.6g", st.median);
	/* With fewer than 3 repeats an interval says nothing: say so. */
	if (ci && g->n >= 3)
		fprintf(f, " [%.0f, %.0f]", st.ci95_lo, st.ci95_hi);
	fputs("</td>", f);
}

/*
 * A p99's cell, and "(n=K)" where the repeats timed only K operations
 * (median), fewer than 100: the p99 is then just the slowest of them (the
 * latency chart writes the same n=K beside the point).
 */
static void p99_cell(FILE *f, const struct sb_pgroup *g, const char *key,
		     const char *count_key)
{
	struct sb_stats st, cnt;
	char num[48];

	if (!sb_pgroup_stat(g, key, &st)) {
		fputs("<td class=\"num\">-</td>", f);
		return;
	}
	sb_summary_num(num, sizeof(num), st.median);
	fprintf(f, "<td class=\"num\" data-key=\"%s\" data-v=\"%s\">%.6g",
		key, num, st.median);
	if (sb_pgroup_stat(g, count_key, &cnt) && cnt.median * 0.01 < 1)
		fprintf(f, " <small>(n=%.0f)</small>", cnt.median);
	fputs("</td>", f);
}

/*
 * key - minus of each repeat that has both, median: op_ns - loop_ns (the
 * primitive without the harness), the interrupt lateness with the lock
 * held minus without (what the lock adds: never below 0, floor0, as a
 * lock cannot make an interrupt earlier; a negative difference is noise
 * and reads "0").
 */
static void diff_cell(FILE *f, const struct sb_pgroup *g, const char *key,
		      const char *minus, int floor0)
{
	double a, b, *d = calloc(g->n + 1, sizeof(*d));
	struct sb_stats st;
	size_t r, n = 0;

	if (!d)
		abort();
	for (r = 0; r < g->n; r++)
		if (!sb_rrec_num(g->reps[r], key, &a) &&
		    !sb_rrec_num(g->reps[r], minus, &b))
			d[n++] = a - b;
	sb_stats_compute(d, n, &st);
	free(d);
	if (n && floor0 && st.median < 0)
		fputs("<td class=\"num\" title=\"held minus not held was "
		      "below 0: noise\">0</td>", f);
	else if (n)
		fprintf(f, "<td class=\"num\">%.1f</td>", st.median);
	else
		fputs("<td class=\"num\">-</td>", f);
}

/* The noise flags (store/noise.h: "too few repeats" among them), failures. */
static void flags_cell(FILE *f, const struct sb_pgroup *g)
{
	const char *sep = "";
	char words[160];

	fputs("<td>", f);
	if (!g->n) {
		fputs("no ok repeat", f);
		sep = ", ";
	} else if (*sb_noise_words(sb_noise_pgroup_flags(g), words,
				   sizeof(words))) {
		fputs(words, f);
		sep = ", ";
	}
	if (g->nfailed) {
		fprintf(f, "%s%zu failed", sep, g->nfailed);
		sep = ", ";
	}
	if (g->emulated)
		fprintf(f, "%semulated", sep);
	fputs("</td>", f);
}

/* What a speedup compares: the same series at 1 thread. */
static void base_key(const struct sb_pgroup *g, char *buf, size_t len)
{
	sb_snprintf(buf, len, "%s|%s|%u|%s|%s", g->backend, g->prim,
		    g->irq_hz, g->placement, g->wl);
}

/* Speedup over the 1-thread point and efficiency (speedup / threads). */
static void scaling_cells(FILE *f, const struct sb_pset *ps,
			  const struct sb_hash *base, const struct sb_pgroup *g)
{
	struct sb_stats a, b;
	size_t *k;
	char key[400];

	base_key(g, key, sizeof(key));
	k = sb_hash_find(base, key);
	if (!k || !sb_pgroup_stat(g, "ops_per_sec", &a) ||
	    !sb_pgroup_stat(&ps->g[*k], "ops_per_sec", &b) ||
	    !(b.median > 0)) {
		fputs("<td class=\"num\">-</td><td class=\"num\">-</td>", f);
		return;
	}
	fprintf(f, "<td class=\"num\">%.2f</td><td class=\"num\">%.2f</td>",
		a.median / b.median, a.median / b.median / g->threads);
}

/*
 * A point id with a line break allowed after each "/": whole, it is wider
 * than the column a 1280-pixel window leaves it.
 */
static void key_cell(FILE *f, const char *key)
{
	char part[512];
	size_t n;

	while (*key) {
		n = strcspn(key, "/");
		n += key[n] == '/';
		sb_snprintf(part, sizeof(part), "%.*s", (int)n, key);
		sb_html_text(f, part);
		key += n;
		if (*key)
			fputs("<wbr>", f);
	}
}

static void point_row(FILE *f, const struct sb_pset *ps,
		      const struct sb_hash *base, const struct sb_pgroup *g)
{
	fputs("<tr class=\"point\" data-point=\"", f);
	sb_html_text(f, g->key);
	fputs("\"><td>", f);
	key_cell(f, g->key);
	fprintf(f, "</td><td class=\"num\">%zu</td>", g->n);
	num_cell(f, g, "ops_per_sec", 1);
	p99_cell(f, g, "lookup_p99_ns", "lookup_count");
	/* no update timed (update_pct 0): no p99 either */
	if (sb_rrec_num_or(g->any, "update_count", 0) > 0)
		p99_cell(f, g, "update_p99_ns", "update_count");
	else
		fputs("<td class=\"num\">-</td>", f);
	num_cell(f, g, "op_ns", 0);
	diff_cell(f, g, "op_ns", "loop_ns", 0);
	scaling_cells(f, ps, base, g);
	num_cell(f, g, "fairness_jain", 0);
	if (g->irq_hz)
		diff_cell(f, g, "irq_lat_locked_p99_ns", "irq_lat_p99_ns",
			  1);
	else
		fputs("<td class=\"num\">-</td>", f);
	/* the memory deferred frees hold back (RCU-like primitives) */
	if (sb_prim_caps(g->prim) & SB_CAP_GRACE)
		num_cell(f, g, "rcu_peak_pending_bytes", 0);
	else
		fputs("<td class=\"num\">-</td>", f);
	flags_cell(f, g);
	fputs("</tr>\n", f);
}

/* The store's files, linked relative to the page so both can move. */
static void links(FILE *f, const char *rel)
{
	static const char *const files[] = {
		"summary.csv", "summary.json", "points.csv", "points.jsonl",
		"meta.json",
	};
	size_t i;

	fputs("<p>Data: ", f);
	for (i = 0; i < SB_ARRAY_SIZE(files); i++) {
		fputs(i ? " | <a href=\"" : "<a href=\"", f);
		/* a store named "javascript:..." is a path, not a scheme */
		sb_html_url(f, rel);
		fprintf(f, "/%s\">%s</a>", files[i], files[i]);
	}
	fputs("</p>\n", f);
}

void sb_report_points(FILE *f, const struct sb_pset *ps, const char *rel)
{
	struct sb_hash base;
	char key[400];
	size_t i;

	fputs("<h2 id=\"points\">Every point</h2>\n<p>Per point over its ok "
	      "repeats: the median, with the 95% confidence interval of "
	      "ops/s where there are 3 repeats or more (fewer: \"too few "
	      "repeats\", no interval); latencies and costs in ns, a p99 "
	      "of fewer than 100 operations timed with their count (n=K: "
	      "it is then the slowest of them); ns/op is "
	      "what one operation costs one thread, \"- loop\" the same "
	      "without the harness's timed loop (op_ns - loop_ns); the "
	      "interrupt lateness p99 with the lock held minus without; "
	      "speedup over the same primitive and workload at 1 thread "
	      "and efficiency (speedup / threads, ideal 1); "
	      "the most bytes awaiting a grace period.</p>\n", f);
	if (rel)
		links(f, rel);
	fputs("<table class=\"points\">\n<tr><th>point</th><th>n</th>"
	      "<th>ops/s [95% CI]</th><th>lookup p99</th><th>update p99</th>"
	      "<th>ns/op</th><th>ns/op - loop</th><th>speedup vs 1 "
	      "thread</th><th>efficiency</th><th>Jain</th>"
	      "<th>irq p99 added by the lock</th><th>peak pending bytes</th>"
	      "<th>flags</th></tr>\n", f);
	/* each series' 1-thread point, for the speedups */
	sb_hash_init(&base);
	for (i = 0; i < ps->n; i++)
		if (ps->g[i].n && ps->g[i].threads == 1) {
			base_key(&ps->g[i], key, sizeof(key));
			sb_hash_put(&base, key, i, NULL);
		}
	for (i = 0; i < ps->n; i++)
		point_row(f, ps, &base, &ps->g[i]);
	sb_hash_free(&base);
	fputs("</table>\n", f);
}
