// SPDX-License-Identifier: GPL-2.0
/* Writing the report page; see report.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot/charts.h"
#include "report/report.h"
#include "sb_config.h"
#include "util/util.h"

void sb_html_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

int sb_base64_file(FILE *f, const char *path)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		"0123456789+/";
	unsigned char in[3];
	size_t n;
	FILE *src = fopen(path, "rb");

	if (!src)
		return -1;
	while ((n = fread(in, 1, 3, src)) > 0) {
		unsigned int v = in[0] << 16 | (n > 1 ? in[1] << 8 : 0) |
				 (n > 2 ? in[2] : 0);

		fputc(tab[v >> 18 & 63], f);
		fputc(tab[v >> 12 & 63], f);
		fputc(n > 1 ? tab[v >> 6 & 63] : '=', f);
		fputc(n > 2 ? tab[v & 63] : '=', f);
	}
	n = ferror(src);
	fclose(src);
	return n ? -1 : 0;
}

static const char page_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	"<meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width\">\n"
	"<style>\n"
	"body { font-family: sans-serif; margin: 1.5em auto; max-width: "
	"1250px; color: #222; }\n"
	"h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; "
	"border-bottom: 1px solid #ccc; }\n"
	"table { border-collapse: collapse; margin: .5em 0; }\n"
	"td, th { border: 1px solid #ccc; padding: .2em .6em; text-align: "
	"left; vertical-align: top; font-size: .9em; }\n"
	"th { background: #f0f0f0; } td.num { text-align: right; }\n"
	"img { max-width: 100%; border: 1px solid #ddd; }\n"
	".note { background: #fff6d8; border-left: 4px solid #e0b000; "
	"padding: .4em .8em; }\n"
	".bad { background: #fde2e2; border-left: 4px solid #c00; "
	"padding: .4em .8em; }\n"
	"pre { white-space: pre-wrap; font-size: .85em; }\n"
	"</style>\n";

/* Every <img> decoded? Say so where a headless browser can read it. */
static const char page_check[] =
	"<script>\n"
	"var sbErrors = [];\n"
	"window.addEventListener('error', function (e) {\n"
	"  sbErrors.push(e.message || (e.target && e.target.alt) || 'error');\n"
	"}, true);\n"
	"window.addEventListener('load', function () {\n"
	"  var imgs = document.images, bad = [];\n"
	"  for (var i = 0; i < imgs.length; i++)\n"
	"    if (!imgs[i].complete || imgs[i].naturalWidth === 0)\n"
	"      bad.push(imgs[i].alt);\n"
	"  var r = bad.length ? 'broken ' + bad.join(',') :\n"
	"                       'ok ' + imgs.length;\n"
	"  document.body.setAttribute('data-images', r);\n"
	"  document.body.setAttribute('data-errors', sbErrors.length ?\n"
	"    sbErrors.join('; ') : 'none');\n"
	"  document.title += ' [images ' + r + ']';\n"
	"});\n"
	"</script>\n";

static void meta_row(FILE *f, const json_t *meta, const char *key,
		     const char *label)
{
	const json_t *v = json_object_get(meta, key);
	char *dump;

	if (!v)
		return;
	fputs("<tr><th>", f);
	sb_html_text(f, label);
	fputs("</th><td>", f);
	if (json_is_string(v) || json_is_number(v)) {
		char buf[256];

		sb_html_text(f, sb_jstr(meta, key, buf, sizeof(buf)));
	} else {
		/* Nested detail (calibration, backends): folded away. */
		dump = json_dumps(v, JSON_INDENT(2) | JSON_ENCODE_ANY |
				  JSON_SORT_KEYS);
		fputs("<details><summary>details</summary><pre>", f);
		sb_html_text(f, dump ? dump : "?");
		fputs("</pre></details>", f);
		free(dump);
	}
	fputs("</td></tr>\n", f);
}

static void write_machine(FILE *f, const struct sb_rstore *st)
{
	static const char *const keys[][2] = {
		{ "cpu_model", "CPU" }, { "nr_cpus", "CPUs" },
		{ "kernel", "kernel" }, { "hostname", "host" },
		{ "topology", "topology" }, { "calibration", "calibration" },
		{ "backends", "backends" }, { "created", "created" },
		{ "command_line", "command line" },
		{ "git_commit", "git commit" },
		{ "syncbench_version", "syncbench" },
	};
	size_t i;

	fputs("<h2 id=\"machine\">Machine and run</h2>\n", f);
	if (!json_object_size(st->meta)) {
		fputs("<p class=\"note\">This store has no meta.json: the "
		      "machine is unknown.</p>\n", f);
		return;
	}
	fputs("<table>\n", f);
	for (i = 0; i < SB_ARRAY_SIZE(keys); i++)
		meta_row(f, st->meta, keys[i][0], keys[i][1]);
	fputs("</table>\n", f);
}

static void write_matrix(FILE *f, const struct sb_rstore *st,
			 const struct sb_pset *ps)
{
	const json_t *m = json_object_get(st->meta, "matrix");
	const char *key;
	json_t *v;

	fputs("<h2 id=\"matrix\">Matrix</h2>\n", f);
	fprintf(f, "<p>%zu records: %zu ok, %zu failed, in %zu points.",
		st->nr_ok + st->nr_failed, st->nr_ok, st->nr_failed, ps->n);
	if (st->nr_superseded)
		fprintf(f, " %zu more failed record%s, run again since with "
			"--retry-failed, %s kept in points.jsonl and left out "
			"here.", st->nr_superseded,
			st->nr_superseded == 1 ? "" : "s",
			st->nr_superseded == 1 ? "is" : "are");
	if (*ps->fixed) {
		fputs(" Fixed for every point: ", f);
		sb_html_text(f, ps->fixed);
		fputc('.', f);
	}
	fputs("</p>\n", f);
	if (!json_is_object(m) || !json_object_size(m))
		return;
	fputs("<table>\n<tr><th>dimension</th><th>values</th></tr>\n", f);
	json_object_foreach((json_t *)m, key, v) {
		char *dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);

		fputs("<tr><td>", f);
		sb_html_text(f, key);
		fputs("</td><td>", f);
		sb_html_text(f, dump ? dump : "?");
		fputs("</td></tr>\n", f);
		free(dump);
	}
	fputs("</table>\n", f);
}

/* Does any point of the store run prim? */
static int has_prim(const struct sb_pset *ps, const char *prim)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (!strcmp(ps->g[i].prim, prim))
			return 1;
	return 0;
}

static void write_caps(FILE *f, unsigned int caps)
{
	size_t i, n = 0;
	int bold;

	for (i = 0; i < sb_nr_cap_infos; i++) {
		if (!(caps & sb_cap_infos[i].cap))
			continue;
		/* a primitive that must never be taken for a real one */
		bold = sb_cap_infos[i].cap == SB_CAP_BROKEN;
		fputs(n++ ? "; " : "", f);
		fputs(bold ? "<b>" : "", f);
		sb_html_text(f, sb_cap_infos[i].help);
		fputs(bold ? "</b>" : "", f);
	}
}

/* The primitives of this store, grouped by family, from the catalogue. */
static void write_prims(FILE *f, const struct sb_pset *ps)
{
	unsigned int fam, i;

	fputs("<h2 id=\"prims\">Primitives</h2>\n<table>\n<tr><th>family</th>"
	      "<th>primitive</th><th>what it is</th><th>capabilities</th>"
	      "</tr>\n", f);
	for (fam = 0; fam < SB_NR_FAMILIES; fam++)
		for (i = 0; i < sb_nr_prim_infos; i++) {
			const struct sb_prim_info *p = &sb_prim_infos[i];

			if (p->family != fam || !has_prim(ps, p->name))
				continue;
			fprintf(f, "<tr><td>%s</td><td>",
				sb_prim_family_name(p->family));
			sb_html_text(f, p->name);
			fputs("</td><td>", f);
			sb_html_text(f, p->help);
			fputs("</td><td>", f);
			write_caps(f, p->caps);
			fputs("</td></tr>\n", f);
		}
	fputs("</table>\n", f);
}

/* A primitive that can win: ok, and it kept the list intact. */
static int contender(const struct sb_pgroup *g, const char *placement)
{
	char v[16];
	size_t i;

	if (!g->n ||
	    (sb_prim_caps(g->prim) & (SB_CAP_BROKEN | SB_CAP_HARNESS)) ||
	    strcmp(g->placement, placement))
		return 0;
	for (i = 0; i < g->n; i++)
		if (!strcmp(sb_rrec_str(g->reps[i], "invariants", v, sizeof(v)),
			    "violated"))
			return 0;
	return 1;
}

static void fmt_ops(char *buf, size_t len, double v)
{
	if (v >= 1e6)
		sb_snprintf(buf, len, "%.2f M", v / 1e6);
	else if (v >= 1e3)
		sb_snprintf(buf, len, "%.1f k", v / 1e3);
	else
		sb_snprintf(buf, len, "%.0f", v);
}

/* Is best's throughput above second's beyond the repeats' noise? */
static int beyond_noise(const struct sb_pgroup *best,
			const struct sb_pgroup *second)
{
	struct sb_stats a, b;

	if (!sb_pgroup_logstat(second, "ops_per_sec", &a) ||
	    !sb_pgroup_logstat(best, "ops_per_sec", &b))
		return 0;
	return exp(b.mean - a.mean) - 1 >= 0.02 &&
	       sb_stats_differ(&a, &b, 0) > 0;
}

/*
 * Best primitive per contention regime (backend, workload, threads, irq):
 * the highest median throughput, its margin over the runner-up, and
 * whether that margin is beyond the repeats' noise.
 */
struct regime {
	const struct sb_pgroup *best, *second;
	struct sb_stats sb, s2;
};

/*
 * What makes a contention regime: threads, backend, workload, and the
 * interrupt contender (extra load: its own regime).
 */
static void regime_key(const struct sb_pgroup *g, char *buf, size_t len)
{
	sb_snprintf(buf, len, "%u|%u|%s|%s", g->threads, g->irq_hz,
		    g->backend, g->wl);
}

/* Contender h into its regime: the winner and runner-up so far. */
static void regime_add(struct regime *r, const struct sb_pgroup *h)
{
	struct sb_stats sg;

	if (!sb_pgroup_stat(h, "ops_per_sec", &sg))
		return;
	if (!r->best || sg.median > r->sb.median) {
		r->second = r->best;
		r->s2 = r->sb;
		r->best = h;
		r->sb = sg;
	} else if (!r->second || sg.median > r->s2.median) {
		r->second = h;
		r->s2 = sg;
	}
}

/*
 * Every regime's winner and runner-up in one pass over the groups, the
 * regimes in the order of their first contender; their count.
 */
static size_t find_regimes(const struct sb_pset *ps, const char *placement,
			   struct regime *r)
{
	struct sb_hash idx;
	char key[320];
	size_t i, n = 0, *k;
	int added;

	sb_hash_init(&idx);
	for (i = 0; i < ps->n; i++) {
		if (!contender(&ps->g[i], placement))
			continue;
		regime_key(&ps->g[i], key, sizeof(key));
		k = sb_hash_put(&idx, key, n, &added);
		if (added)
			memset(&r[n++], 0, sizeof(*r));
		regime_add(&r[*k], &ps->g[i]);
	}
	sb_hash_free(&idx);
	return n;
}

/* A primitive and, from the catalogue, its family: "rwlock (reader-writer)". */
static void write_prim_family(FILE *f, const char *prim)
{
	const struct sb_prim_info *p = sb_prim_info_find(prim, strlen(prim));

	sb_html_text(f, prim);
	if (p)
		fprintf(f, " <small>(%s)</small>",
			sb_prim_family_name(p->family));
}

/* One row of the summary table: the regime, its winner and the margin. */
static void write_regime(FILE *f, const struct regime *r)
{
	const struct sb_pgroup *best = r->best, *second = r->second;
	char a[32], b[32];

	fputs("<tr><td>", f);
	sb_html_text(f, best->backend);
	fputs(best->emulated ? " (emulated)</td><td>" : "</td><td>", f);
	sb_html_text(f, *best->wl ? best->wl : "all");
	if (best->irq_hz)
		fprintf(f, ", irq %u Hz", best->irq_hz);
	fmt_ops(a, sizeof(a), r->sb.median);
	fprintf(f, "</td><td class=\"num\">%u</td><td><b>", best->threads);
	write_prim_family(f, best->prim);
	fprintf(f, "</b></td><td class=\"num\">%s</td>", a);
	if (!second) {
		fputs("<td>-</td><td>-</td><td>-</td><td>only "
		      "contender</td></tr>\n", f);
		return;
	}
	fmt_ops(b, sizeof(b), r->s2.median);
	fputs("<td>", f);
	write_prim_family(f, second->prim);
	fprintf(f, "</td><td class=\"num\">%s</td><td class=\"num\">"
		"%+.1f%%</td><td>%s</td></tr>\n", b,
		r->s2.median > 0 ? (r->sb.median / r->s2.median - 1) * 100 :
		0.0, beyond_noise(best, second) ? "clear" : "within noise");
}

static void write_summary(FILE *f, const struct sb_pset *ps,
			  const char *placement)
{
	struct regime *r = calloc(ps->n + 1, sizeof(*r));
	size_t i, n;
	int rows = 0;

	if (!r)
		abort();
	fputs("<h2 id=\"summary\">Best primitive per contention regime</h2>\n"
	      "<p>Highest median throughput over the repeats (the race "
	      "baseline <code>none</code> and points that broke the list's "
	      "invariants cannot win). The margin is over the runner-up; "
	      "\"within noise\" means Welch's t-test over the repeats' "
	      "logarithms cannot tell the two apart at 95% (or the margin "
	      "is under 2%).</p>\n"
	      "<table>\n<tr><th>backend</th><th>workload</th><th>threads</th>"
	      "<th>best</th><th>ops/s</th><th>runner-up</th><th>ops/s</th>"
	      "<th>margin</th><th>verdict</th></tr>\n", f);
	n = find_regimes(ps, placement, r);
	for (i = 0; i < n; i++) {
		if (!r[i].best)
			continue;
		rows++;
		write_regime(f, &r[i]);
	}
	fputs("</table>\n", f);
	if (!rows)
		fputs("<p class=\"note\">No regime has a point that can win "
		      "(every ok point is the race baseline or broke the "
		      "invariants).</p>\n", f);
	free(r);
}

static void write_charts(FILE *f, const struct sb_plot_out *out,
			 const char *plot_err)
{
	unsigned int i;

	fputs("<h2 id=\"charts\">Charts</h2>\n", f);
	if (!out) {
		fputs("<p class=\"bad\">No chart could be drawn: ", f);
		sb_html_text(f, plot_err ? plot_err : "unknown error");
		fputs("</p>\n", f);
		return;
	}
	for (i = 0; i < out->n; i++) {
		const struct sb_chart_out *c = &out->chart[i];

		fprintf(f, "<h3 id=\"chart-%s\">", c->id);
		sb_html_text(f, c->title);
		fputs("</h3>\n", f);
		if (c->rendered && *c->capped) {
			/* Too big to read whole: say what it leaves out. */
			fputs("<p class=\"note\">This chart is ", f);
			sb_html_text(f, c->capped);
			fputs(" (narrow the matrix to see the rest).</p>\n", f);
		}
		if (!c->rendered) {
			fputs(c->failed ? "<p class=\"bad\">Failed: " :
			      "<p class=\"note\">Skipped: ", f);
			sb_html_text(f, c->note);
			fputs(".</p>\n", f);
			continue;
		}
		fprintf(f, "<img alt=\"%s\" src=\"data:image/png;base64,",
			c->id);
		if (sb_base64_file(f, c->image))
			sb_errf("syncbench report: %s: cannot read\n",
				c->image);
		fputs("\">\n", f);
	}
}

static void write_failed(FILE *f, const struct sb_pset *ps)
{
	char lbl[128], st[16], reason[256];
	size_t i;
	int any = 0;

	fputs("<h2 id=\"failed\">Failed points</h2>\n", f);
	for (i = 0; i < ps->n; i++) {
		const struct sb_pgroup *g = &ps->g[i];

		if (!g->nfailed)
			continue;
		if (!any++)
			fputs("<table>\n<tr><th>point</th><th>workload</th>"
			      "<th>failed repeats</th><th>ok repeats</th>"
			      "<th>status</th><th>reason</th></tr>\n", f);
		sb_snprintf(lbl, sizeof(lbl), "%s %s, %u threads, %s",
			    g->backend, g->prim, g->threads, g->placement);
		fputs("<tr><td>", f);
		sb_html_text(f, lbl);
		fputs("</td><td>", f);
		sb_html_text(f, *g->wl ? g->wl : "-");
		fprintf(f, "</td><td class=\"num\">%zu</td><td class=\"num\">"
			"%zu</td><td>", g->nfailed, g->n);
		sb_html_text(f, sb_rrec_str(g->failed, "status", st,
					    sizeof(st)));
		fputs("</td><td>", f);
		sb_html_text(f, sb_rrec_str(g->failed, "reason", reason,
					sizeof(reason)));
		fputs("</td></tr>\n", f);
	}
	if (any)
		fputs("</table>\n", f);
	else
		fputs("<p>None: every point ran.</p>\n", f);
}

int sb_report_write(FILE *f, const struct sb_rstore *st,
		    const struct sb_pset *ps, const struct sb_plot_out *out,
		    const char *plot_err)
{
	fputs(page_head, f);
	fputs("<title>syncbench report: ", f);
	sb_html_text(f, st->name);
	fputs("</title>\n", f);
	fputs(page_check, f);
	fputs("</head>\n<body>\n<h1>syncbench report: ", f);
	sb_html_text(f, st->name);
	fputs("</h1>\n<p><a href=\"#machine\">machine</a> | <a href=\"#matrix"
	      "\">matrix</a> | <a href=\"#prims\">primitives</a> | "
	      "<a href=\"#summary\">summary</a> | <a href=\""
	      "#charts\">charts</a> | <a href=\"#failed\">failed points</a>"
	      "</p>\n", f);
	if (!st->nr_ok)
		fprintf(f, "<p class=\"bad\">Every point of this run failed "
			"(%zu records): there is nothing to compare. The "
			"reasons are listed under <a href=\"#failed\">failed "
			"points</a>.</p>\n", st->nr_failed);
	else if (st->nr_failed)
		fprintf(f, "<p class=\"note\">%zu of %zu records failed; see "
			"<a href=\"#failed\">failed points</a>.</p>\n",
			st->nr_failed, st->nr_ok + st->nr_failed);
	if (ps->any_emulated) {
		char gk[96];

		sb_jstr(json_object_get(json_object_get(st->meta, "backends"),
					"vm"), "kernel_version", gk, sizeof(gk));
		fputs("<p class=\"note\">The <b>vm</b> backend ran the kernel "
		      "module in a guest Linux ", f);
		sb_html_text(f, *gk ? gk : "(version not recorded)");
		fputs(" under QEMU with TCG emulation: its numbers are "
		      "<b>emulated</b>, good for correctness and relative "
		      "shape at best, not for absolute timings.</p>\n", f);
	}
	write_machine(f, st);
	write_matrix(f, st, ps);
	write_prims(f, ps);
	if (st->nr_ok)
		write_summary(f, ps, sb_main_placement(ps));
	write_charts(f, st->nr_ok ? out : NULL, st->nr_ok ? plot_err :
		     "every point failed");
	write_failed(f, ps);
	fputs("</body>\n</html>\n", f);
	return ferror(f) ? -1 : 0;
}
