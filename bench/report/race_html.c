// SPDX-License-Identifier: GPL-2.0
/*
 * Race exposure (docs/DESIGN.md): how soon each broken primitive is caught
 * in the act, with the race window left alone and scheduled badly
 * (perturb=delay|yield|preempt), and the proof beside it that every sound
 * primitive keeps the list whole however badly it is scheduled. Times are
 * drawn on a log axis (a bar from 100 ns to 10 s): bad scheduling moves
 * the first violation by decades, not percents. A point whose repeats saw
 * no violation says "none within the run", never a time; a repeat that
 * saw none counts as censored (later than its run) in the median.
 *
 * Under a KCSAN kernel each kernel record also carries kcsan_reports, the
 * data races KCSAN reported in the module during its window
 * (backend/kdebug.c): shown beside the quarantine's counts for the broken
 * rows, and for every primitive in a table of its own, where a sound one
 * must show none.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb_config.h"
#include "report/race_html.h"
#include "report/report.h"
#include "store/rrec.h"
#include "store/stats.h"

#define SB_RACE_LOG_LO 2.0	/* 100 ns */
#define SB_RACE_LOG_HI 10.0	/* 10 s */

static const char *const sb_race_modes[] = {
	"off", "delay", "yield", "preempt",
};
#define SB_RACE_NR_MODES (sizeof(sb_race_modes) / sizeof(sb_race_modes[0]))

/* A group's perturbation mode, "off" for records from before the key. */
static const char *group_mode(const struct sb_pgroup *g, char *buf,
			      size_t len)
{
	const char *m = g->any ? sb_rrec_str(g->any, "perturb", buf, len) :
		"";

	return *m ? m : "off";
}

/* A race table's row up to its counts: primitive, workload, mode. */
static void row_head(FILE *f, const struct sb_pgroup *g)
{
	char lbl[128], m[16];

	sb_pgroup_label(g, lbl, sizeof(lbl));
	fputs("<tr><td>", f);
	sb_html_text(f, lbl);
	fputs("</td><td>", f);
	sb_html_text(f, *g->wl ? g->wl : "-");
	fputs("</td><td>", f);
	sb_html_text(f, group_mode(g, m, sizeof(m)));
}

static int mode_index(const char *m)
{
	size_t i;

	for (i = 0; i < SB_RACE_NR_MODES; i++)
		if (!strcmp(m, sb_race_modes[i]))
			return (int)i;
	return -1;
}

/*
 * The median time to the first violation over the ok repeats, a repeat
 * that saw none counted as censored at its elapsed_ns (summary.c does the
 * same): *bound says the median is only known to be above *med. The
 * repeats that saw one.
 */
static size_t first_violation(const struct sb_pgroup *g, double *med,
			      int *bound)
{
	double *v = calloc(g->n ? g->n : 1, sizeof(*v));
	int *cens = calloc(g->n ? g->n : 1, sizeof(*cens));
	size_t i, k = 0, seen = 0;
	double most = 0;

	if (!v || !cens)
		abort();
	for (i = 0; i < g->n; i++) {
		double x;

		if (sb_rrec_num(g->reps[i], "first_violation_ns", &x))
			continue;
		cens[k] = !(x > 0);
		v[k] = cens[k] ? sb_rrec_num_or(g->reps[i], "elapsed_ns", -1) :
		       x;
		if (!cens[k] && x > most)
			most = x;
		seen += !cens[k++];
	}
	/* no elapsed_ns: later than every time seen, at least */
	for (i = 0; i < k; i++)
		if (!(v[i] > 0))
			v[i] = most;
	*bound = sb_stats_censored_median(v, cens, k, med);
	free(v);
	free(cens);
	return seen;
}

static double median_of(const struct sb_pgroup *g, const char *key)
{
	struct sb_stats st;

	return sb_pgroup_stat(g, key, &st) ? st.median : 0;
}

/* kcsan_reports summed over the ok repeats; how many carry the key. */
static size_t kcsan_sum(const struct sb_pgroup *g, double *sum)
{
	size_t i, k = 0;
	double x;

	*sum = 0;
	for (i = 0; i < g->n; i++)
		if (!sb_rrec_num(g->reps[i], "kcsan_reports", &x)) {
			*sum += x;
			k++;
		}
	return k;
}

/* Does some ok record of the store carry kcsan_reports (a KCSAN kernel)? */
static int any_kcsan(const struct sb_pset *ps)
{
	double sum;
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (ps->g[i].n && kcsan_sum(&ps->g[i], &sum))
			return 1;
	return 0;
}

static void fmt_ns(char *buf, size_t len, double ns)
{
	if (ns >= 1e9)
		sb_snprintf(buf, len, "%.3g s", ns / 1e9);
	else if (ns >= 1e6)
		sb_snprintf(buf, len, "%.3g ms", ns / 1e6);
	else if (ns >= 1e3)
		sb_snprintf(buf, len, "%.3g us", ns / 1e3);
	else
		sb_snprintf(buf, len, "%.0f ns", ns);
}

/* A bar on the log axis, 100 ns to 10 s. */
static void log_bar(FILE *f, double ns, const char *color)
{
	double x = (log10(ns) - SB_RACE_LOG_LO) /
		   (SB_RACE_LOG_HI - SB_RACE_LOG_LO);

	if (x < 0.01)
		x = 0.01;
	if (x > 1)
		x = 1;
	fprintf(f, "<div style=\"width:16em;background:#eee\"><div "
		"style=\"width:%.1f%%;height:0.9em;background:%s\"></div>"
		"</div>", 100 * x, color);
}

/* Does some ok record of the store have a broken primitive or perturb? */
static int race_points(const struct sb_pset *ps, int *broken, int *perturbed)
{
	char m[16];
	size_t i;

	*broken = *perturbed = 0;
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		if (!g->n)
			continue;
		if (sb_prim_caps(g->prim) & SB_CAP_BROKEN)
			*broken = 1;
		else if (!(sb_prim_caps(g->prim) & SB_CAP_HARNESS) &&
			 strcmp(group_mode(g, m, sizeof(m)), "off"))
			*perturbed = 1;
	}
	return *broken || *perturbed || any_kcsan(ps);
}

static void write_broken(FILE *f, const struct sb_pset *ps)
{
	char t[32];
	int kcsan = any_kcsan(ps);
	size_t i;

	fputs("<h3>Time to the first violation</h3>\n<p>Each broken "
	      "primitive, per perturbation mode: in how many repeats a "
	      "violation (a use after free, a torn read, a key lost by the "
	      "walk) was caught in the measured window, the median time from "
	      "the window's start to the first one, a repeat that saw none "
	      "counted as later than its run (\"&gt;\": most repeats saw "
	      "none, the median is past the run's length; bar: "
	      "log scale, 100 ns to 10 s), the violations per second and the "
	      "uses after free read and written (medians over the repeats). "
	      "Lost updates show only in the list check after the run, and "
	      "so in no time.</p>\n<table>\n<tr><th>primitive</th>"
	      "<th>workload</th><th>perturb</th><th>repeats with a "
	      "violation</th><th>first violation</th><th></th>"
	      "<th>violations/s</th><th>uaf reads</th><th>uaf writes</th>"
	      "<th>lost updates</th>", f);
	if (kcsan)
		fputs("<th>KCSAN reports (all repeats)</th>", f);
	fputs("</tr>\n", f);
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];
		double first;
		int bound;
		size_t k;

		if (!g->n || !(sb_prim_caps(g->prim) & SB_CAP_BROKEN))
			continue;
		k = first_violation(g, &first, &bound);
		row_head(f, g);
		fprintf(f, "</td><td class=\"num\">%zu of %zu</td>", k, g->n);
		if (k) {
			fmt_ns(t, sizeof(t), first);
			/* most repeats saw none: the median is past the run */
			fprintf(f, "<td class=\"num\" data-v=\"%s%.10g\">%s%s"
				"</td><td>", bound ? ">" : "", first,
				bound ? "&gt; " : "", t);
			log_bar(f, first, sb_prim_color(g->prim));
			fputs("</td>", f);
		} else {
			fputs("<td>none within the run</td><td></td>", f);
		}
		fprintf(f, "<td class=\"num\">%.10g</td><td class=\"num\">"
			"%.10g</td><td class=\"num\">%.10g</td><td "
			"class=\"num\">%.10g</td>",
			median_of(g, "violations_per_sec"),
			median_of(g, "uaf_reads"), median_of(g, "uaf_writes"),
			median_of(g, "lost_updates"));
		if (kcsan) {
			double sum;

			if (kcsan_sum(g, &sum))
				fprintf(f, "<td class=\"num\">%.10g</td>", sum);
			else
				fputs("<td>-</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* A group of a sound primitive held: list whole, nothing torn or freed. */
static int group_held(const struct sb_pgroup *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		const struct sb_rrec *r = g->reps[i];
		char inv[16];

		if (strcmp(sb_rrec_str(r, "invariants", inv, sizeof(inv)),
			   "ok") ||
		    sb_rrec_num_or(r, "violations", 0) ||
		    sb_rrec_num_or(r, "check_failures", 0) ||
		    sb_rrec_num_or(r, "uaf_reads", 0) ||
		    sb_rrec_num_or(r, "uaf_writes", 0) ||
		    sb_rrec_num_or(r, "first_violation_ns", 0))
			return 0;
	}
	return 1;
}

/* One row per sound primitive and backend: each mode's verdict. */
static void write_sound(FILE *f, const struct sb_pset *ps)
{
	char lbl[128], m[16];
	size_t i, j, k;

	fputs("<h3>Sound when scheduled badly</h3>\n<p>Every sound "
	      "primitive, per perturbation mode inside its critical or "
	      "read-side section: <b>held</b> when every repeat of every "
	      "point kept the list's invariants with no torn read and no use "
	      "after free (the repeats counted), <b>violated</b> otherwise; "
	      "- where it did not run.</p>\n<table>\n<tr><th>primitive"
	      "</th>", f);
	for (k = 0; k < SB_RACE_NR_MODES; k++)
		fprintf(f, "<th>%s</th>", sb_race_modes[k]);
	fputs("</tr>\n", f);
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];
		size_t runs[SB_RACE_NR_MODES] = { 0 };
		int bad[SB_RACE_NR_MODES] = { 0 }, first = 1;

		if (!g->n || (sb_prim_caps(g->prim) &
			      (SB_CAP_BROKEN | SB_CAP_HARNESS)))
			continue;
		/* the first group of this primitive and backend does the row */
		for (j = 0; j < i && first; j++)
			first = !(ps->g[j].n && !strcmp(ps->g[j].prim, g->prim) &&
				  !strcmp(ps->g[j].backend, g->backend));
		if (!first)
			continue;
		for (j = i; j < ps->n; j++) {
			const struct sb_pgroup *h = &ps->g[j];
			int mi;

			if (!h->n || strcmp(h->prim, g->prim) ||
			    strcmp(h->backend, g->backend))
				continue;
			mi = mode_index(group_mode(h, m, sizeof(m)));
			if (mi < 0)
				continue;
			runs[mi] += h->n;
			bad[mi] |= !group_held(h);
		}
		sb_snprintf(lbl, sizeof(lbl), "%s (%s)", g->prim, g->backend);
		fputs("<tr><td>", f);
		sb_html_text(f, lbl);
		fputs("</td>", f);
		for (k = 0; k < SB_RACE_NR_MODES; k++) {
			if (!runs[k])
				fputs("<td>-</td>", f);
			else if (bad[k])
				fprintf(f, "<td class=\"bad\">violated (%zu "
					"repeats)</td>", runs[k]);
			else
				fprintf(f, "<td>held (%zu repeats)</td>",
					runs[k]);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

/*
 * Every primitive's KCSAN reports: a broken one should draw some (the race
 * the quarantine counts, seen by the kernel's own detector), a sound one
 * none.
 */
static void write_kcsan(FILE *f, const struct sb_pset *ps)
{
	size_t i, k;
	double sum;

	fputs("<h3>KCSAN</h3>\n<p>The data races the kernel's own detector "
	      "(KCSAN) reported in the module during each point's windows "
	      "(<code>kcsan_reports</code>, summed over the repeats; KCSAN "
	      "reports a racing pair of accesses at most once a second). "
	      "A broken primitive's race should be seen; a sound primitive "
	      "must draw none.</p>\n<table>\n<tr><th>primitive</th>"
	      "<th>workload</th><th>perturb</th><th>repeats</th><th>KCSAN "
	      "reports</th><th></th></tr>\n", f);
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];
		int broken;

		if (!g->n || !(k = kcsan_sum(g, &sum)))
			continue;
		broken = !!(sb_prim_caps(g->prim) & SB_CAP_BROKEN);
		row_head(f, g);
		fprintf(f, "</td><td class=\"num\">%zu</td><td class=\"num\">"
			"%.10g</td>", k, sum);
		if (broken)
			fputs(sum > 0 ? "<td>race seen</td>" :
			      "<td>not seen in this run</td>", f);
		else
			fputs(sum > 0 ? "<td class=\"bad\">data race in a "
			      "sound primitive</td>" : "<td>none</td>", f);
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

void sb_report_race(FILE *f, const struct sb_pset *ps)
{
	int broken, perturbed;

	fputs("<h2 id=\"race\">Race exposure</h2>\n", f);
	if (!race_points(ps, &broken, &perturbed)) {
		fputs("<p>None in this run: no broken primitive and no "
		      "perturbed point (<code>--perturb</code>).</p>\n", f);
		return;
	}
	if (broken)
		write_broken(f, ps);
	if (perturbed)
		write_sound(f, ps);
	if (any_kcsan(ps))
		write_kcsan(f, ps);
}
