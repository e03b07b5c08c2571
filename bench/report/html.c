// SPDX-License-Identifier: GPL-2.0
/* Writing the report page; see report.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot/charts.h"
#include "report/regime.h"
#include "report/points_html.h"
#include "report/regime_html.h"
#include "report/race_html.h"
#include "report/sides_html.h"
#include "report/report.h"
#include "store/machine.h"
#include "sb_config.h"
#include "store/machine.h"
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
		case '\'':	/* safe in an attribute of either quote */
			fputs("&#39;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

void sb_html_url(FILE *f, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)path;

	if (*s != '/')
		fputs("./", f);
	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~/", *s)) {
			fputc(*s, f);
			continue;
		}
		fputc('%', f);
		fputc(hex[*s >> 4], f);
		fputc(hex[*s & 15], f);
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
	/* every point's table fits a 1280-pixel window: ids break at / */
	"table.points td:first-child { overflow-wrap: anywhere; }\n"
	"table.points th { font-size: .8em; }\n"
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
	/* what runs past the window's right edge (a table cut at 1280 px) */
	"  var wide = [], els = document.querySelectorAll('table, img, pre, "
	"p, h1, h2, h3');\n"
	"  var vw = document.documentElement.clientWidth;\n"
	"  for (var j = 0; j < els.length; j++)\n"
	"    if (els[j].getBoundingClientRect().right > vw + 1)\n"
	"      wide.push(els[j].tagName.toLowerCase() +\n"
	"                (els[j].className ? '.' + els[j].className : ''));\n"
	"  document.body.setAttribute('data-overflow', wide.length ?\n"
	"    wide.slice(0, 5).join(',') : 'none');\n"
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
	if (json_is_string(v)) {
		/* whole, however long: a command line cut short misleads */
		sb_html_text(f, json_string_value(v));
	} else if (json_is_number(v)) {
		char buf[64];

		sb_html_text(f, sb_jstr(meta, key, buf, sizeof(buf)));
	} else {
		/* Nested detail (calibration, backends): folded away. */
		dump = json_dumps(v, JSON_INDENT(2) | JSON_ENCODE_ANY |
				  JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
		fputs("<details><summary>details</summary><pre>", f);
		sb_html_text(f, dump ? dump : "?");
		fputs("</pre></details>", f);
		free(dump);
	}
	fputs("</td></tr>\n", f);
}

/* Did every ok point run on the vm backend (emulated, in a guest)? */
static int vm_only(const struct sb_pset *ps)
{
	size_t i, n = 0;

	for (i = 0; i < ps->n; i++) {
		if (!ps->g[i].n)
			continue;
		if (!ps->g[i].emulated)
			return 0;
		n++;
	}
	return n > 0;
}

/*
 * The kernel the points ran under: in a vm-only store the guest's (the
 * host's beside it), else the host's.
 */
static void write_kernel(FILE *f, const struct sb_rstore *st,
			 const struct sb_pset *ps)
{
	const json_t *vm = sb_backend_guest_details(
		json_object_get(st->meta, "backends"));
	const char *gk = json_string_value(json_object_get(vm,
							   "kernel_version"));

	if (vm_only(ps)) {
		fputs("<tr><th>kernel</th><td>", f);
		sb_html_text(f, gk ? gk : "(the guest's: not recorded)");
		fputs(" (the guest's, under QEMU: every point ran on the vm "
		      "backend)</td></tr>\n", f);
		meta_row(f, st->meta, "kernel", "host kernel");
		return;
	}
	meta_row(f, st->meta, "kernel", "kernel");
	if (gk) {
		fputs("<tr><th>guest kernel (vm)</th><td>", f);
		sb_html_text(f, gk);
		fputs("</td></tr>\n", f);
	}
}

static void write_machine(FILE *f, const struct sb_rstore *st,
			  const struct sb_pset *ps)
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
		if (!strcmp(keys[i][0], "kernel"))
			write_kernel(f, st, ps);
		else
			meta_row(f, st->meta, keys[i][0], keys[i][1]);
	fputs("</table>\n", f);
}

/* The points the plan left out (meta.json "left_out"), as run said them. */
static void write_left_out(FILE *f, const json_t *meta)
{
	const json_t *lo = json_object_get(meta, "left_out"), *e;
	size_t i;

	json_array_foreach((json_t *)lo, i, e) {
		const char *why = json_string_value(json_object_get(e,
								    "reason"));
		const char *ex = json_string_value(json_object_get(e,
								   "example"));
		json_int_t n = json_integer_value(json_object_get(e, "points"));

		fprintf(f, "<p class=\"note\">Left out at plan time: %lld "
			"point%s (", (long long)n, n == 1 ? "" : "s");
		sb_html_text(f, why ? why : "?");
		fputs("), e.g. ", f);
		sb_html_text(f, ex ? ex : "?");
		fputs(".</p>\n", f);
	}
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
	write_left_out(f, st->meta);
	if (!json_is_object(m) || !json_object_size(m))
		return;
	fputs("<table>\n<tr><th>dimension</th><th>values</th></tr>\n", f);
	json_object_foreach((json_t *)m, key, v) {
		/* 15 digits: update_pct 0.03 reads 0.03, not 0.0299...9 */
		char *dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY |
					JSON_REAL_PRECISION(15));

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

static void fmt_ops(char *buf, size_t len, double v)
{
	if (v >= 1e6)
		sb_snprintf(buf, len, "%.2f M", v / 1e6);
	else if (v >= 1e3)
		sb_snprintf(buf, len, "%.1f k", v / 1e3);
	else
		sb_snprintf(buf, len, "%.0f", v);
}

/*
 * What makes a contention regime: threads, backend, workload, and the
 * interrupt contender (extra load: its own regime).
 */
static void regime_key(const struct sb_pgroup *g, char *buf, size_t len)
{
	sb_snprintf(buf, len, "%u|%u|%s|%s", g->threads, g->irq_hz,
		    g->backend, g->wl);
}

/*
 * Every regime's winner and runner-up by the objective in one pass over
 * the groups, the regimes in the order of their first contender; their
 * count.
 */
static size_t find_regimes(const struct sb_view *v, enum sb_objective o,
			   struct sb_cell *r)
{
	const struct sb_pset *ps = v->ps;
	struct sb_hash idx;
	char key[320];
	size_t i, n = 0, *k;
	int added;

	sb_hash_init(&idx);
	for (i = 0; i < ps->n; i++) {
		if (!sb_regime_contender(v, &ps->g[i]) ||
		    isnan(sb_objective_value(&ps->g[i], o)))
			continue;
		regime_key(&ps->g[i], key, sizeof(key));
		k = sb_hash_put(&idx, key, n, &added);
		if (added)
			memset(&r[n++], 0, sizeof(*r));
		sb_cell_add(&r[*k], &ps->g[i], o);
	}
	sb_hash_free(&idx);
	for (i = 0; i < n; i++)
		sb_cell_finish(&r[i], o);
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

/* The winner's other criteria: what the objective did not rank. */
static void write_criteria(FILE *f, const struct sb_pgroup *g)
{
	static const char *const keys[] = {
		"ops_per_sec", "lookup_p99_ns", "update_p99_ns",
		"irq_lat_locked_p99_ns", "fairness_jain", "op_ns",
	};
	struct sb_stats st;
	char a[32];
	size_t i;

	for (i = 0; i < SB_ARRAY_SIZE(keys); i++) {
		/* a p99 of no operation (update_pct 0) is no number */
		if (!sb_pgroup_stat(g, keys[i], &st) ||
		    (i == 3 && !g->irq_hz) ||
		    (i == 2 && !(sb_pgroup_stat(g, "update_count", &st) &&
				 st.median > 0 &&
				 sb_pgroup_stat(g, keys[i], &st)))) {
			fputs("<td class=\"num\">-</td>", f);
			continue;
		}
		if (!i)
			fmt_ops(a, sizeof(a), st.median);
		else if (i == 4)
			sb_snprintf(a, sizeof(a), "%.3f", st.median);
		else
			sb_snprintf(a, sizeof(a), "%.0f", st.median);
		fprintf(f, "<td class=\"num\">%s</td>", a);
	}
}

/* One row of the summary table: the regime, its winner and the margin. */
static void write_regime(FILE *f, const struct sb_cell *r)
{
	const struct sb_pgroup *best = r->best, *second = r->second;

	fputs("<tr><td>", f);
	sb_html_text(f, best->backend);
	fputs(best->emulated ? " (emulated)</td><td>" : "</td><td>", f);
	sb_html_text(f, *best->wl ? best->wl : "all");
	if (best->irq_hz)
		fprintf(f, ", irq %u Hz", best->irq_hz);
	fprintf(f, "</td><td class=\"num\">%u</td><td><b>", best->threads);
	write_prim_family(f, best->prim);
	fputs("</b></td>", f);
	write_criteria(f, best);
	if (!second) {
		fputs("<td>-</td><td>-</td><td>only contender</td></tr>\n", f);
		return;
	}
	fputs("<td>", f);
	write_prim_family(f, second->prim);
	/* with fewer than 3 repeats a side, noise is a guess: say so */
	fprintf(f, "</td><td class=\"num\">%+.1f%%</td><td>%s%s</td></tr>\n",
		r->margin * 100, r->clear ? "clear" : "within noise",
		best->n < 3 || second->n < 3 ? " (too few repeats)" : "");
}

static void write_summary(FILE *f, const struct sb_view *v,
			  enum sb_objective o)
{
	struct sb_cell *r = calloc(v->ps->n + 1, sizeof(*r));
	size_t i, n;

	if (!r)
		abort();
	fprintf(f, "<h2 id=\"summary\">Best primitive per contention "
		"regime</h2>\n<p>The winner by %s (--objective %s), with its "
		"other criteria beside it (the race baseline "
		"<code>none</code>, the harness <code>null</code> and points "
		"that broke the list's invariants cannot win; emulated runs "
		"win only where nothing native ran). The margin is over the "
		"runner-up; \"within noise\" means Welch's t-test over the "
		"repeats' logarithms cannot tell the two apart at 95%% (or "
		"the margin is under 2%%).</p>\n<table>\n<tr><th>backend"
		"</th><th>workload</th><th>threads</th><th>best</th>"
		"<th>ops/s</th><th>lookup p99 ns</th><th>update p99 ns</th>"
		"<th>irq p99 ns, lock held</th><th>Jain</th><th>ns/op</th>"
		"<th>runner-up</th><th>margin</th><th>verdict</th></tr>\n",
		sb_objectives[o].what, sb_objectives[o].name);
	n = find_regimes(v, o, r);
	for (i = 0; i < n; i++)
		write_regime(f, &r[i]);
	fputs("</table>\n", f);
	if (!n)
		fputs("<p class=\"note\">No regime has a point that can win "
		      "by this objective (every ok point is the race "
		      "baseline, broke the invariants, or lacks the "
		      "measure).</p>\n", f);
	free(r);
}

/* One chart: its title, caption, what it left out, or why it is not. */
static void write_chart(FILE *f, const struct sb_chart_out *c)
{
	fprintf(f, "<h3 id=\"chart-%s\">", c->id);
	sb_html_text(f, c->title);
	fputs("</h3>\n", f);
	if (c->rendered && c->caption) {
		fputs("<p class=\"caption\">", f);
		sb_html_text(f, c->caption);
		fputs("</p>\n", f);
	}
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
		return;
	}
	fprintf(f, "<img alt=\"%s\" src=\"data:image/png;base64,", c->id);
	if (sb_base64_file(f, c->image))
		sb_errf("syncbench report: %s: cannot read\n", c->image);
	fputs("\">\n", f);
}

/*
 * The charts; the emulated one in a section of its own, after the native
 * ones, so that no emulated line is read as a timing.
 */
static void write_charts(FILE *f, const struct sb_plot_out *out,
			 const char *plot_err, const struct sb_pset *ps,
			 const struct sb_report_opts *ro)
{
	char fixed[400], err[256];
	struct sb_view v;
	unsigned int i;

	fputs("<h2 id=\"charts\">Charts</h2>\n", f);
	/* the whole list, which a chart's subtitle may shorten to fit */
	if (out && (!sb_view_build(&v, ps, ro->xdim, err, sizeof(err)) ||
		    !sb_view_build(&v, ps, NULL, err, sizeof(err)))) {
		sb_view_fixed(&v, fixed, sizeof(fixed));
		fputs("<p class=\"fixed\">Every charted point shares: ", f);
		sb_html_text(f, fixed);
		fputs(".</p>\n", f);
		sb_view_free(&v);
	}
	if (!out) {
		fputs("<p class=\"bad\">No chart could be drawn: ", f);
		sb_html_text(f, plot_err ? plot_err : "unknown error");
		fputs("</p>\n", f);
		return;
	}
	for (i = 0; i < out->n; i++)
		if (strcmp(out->chart[i].id, "emulated"))
			write_chart(f, &out->chart[i]);
	for (i = 0; i < out->n; i++)
		if (!strcmp(out->chart[i].id, "emulated") &&
		    out->chart[i].rendered) {
			fputs("<h2 id=\"emulated\">Emulated runs</h2>\n", f);
			write_chart(f, &out->chart[i]);
		}
}

static void write_failed(FILE *f, const struct sb_pset *ps)
{
	char lbl[128], st[16];
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
		/* the whole reason, however long: it is what to fix */
		sb_html_text(f, sb_rrec_text(g->failed, "reason") ?
			     sb_rrec_text(g->failed, "reason") : "");
		fputs("</td></tr>\n", f);
	}
	if (any)
		fputs("</table>\n", f);
	else
		fputs("<p>None: every point ran.</p>\n", f);
}

static void write_nav(FILE *f)
{
	fputs("<p><a href=\"#answers\">answers</a> | <a href=\"#machine\">"
	      "machine</a> | <a href=\"#matrix\">matrix</a> | <a href=\""
	      "#prims\">primitives</a> | <a href=\"#summary\">best</a> | "
	      "<a href=\"#regimes\">regime map</a> | <a href=\"#charts\">"
	      "charts</a> | <a href=\"#race\">race exposure</a> | "
	      "<a href=\"#points\">every point</a> | <a href=\""
	      "#failed\">failed points</a></p>\n", f);
}

/*
 * What run warned of before measuring (a busy host, a governor, lock
 * debugging: store/machine.h), from the machine state meta.json kept, for
 * the first session and each resume.
 */
static void write_machine_warnings(FILE *f, const json_t *meta)
{
	char lines[4][SB_MACHINE_WARN_LEN];
	const json_t *res = json_object_get(meta, "resumes"), *r;
	size_t i, k, n;

	n = sb_machine_warnings(json_object_get(meta, "machine"),
				"the host when the run started", lines, 4);
	for (k = 0; k < n; k++) {
		fputs("<p class=\"note\">Warning: ", f);
		sb_html_text(f, lines[k]);
		fputs(".</p>\n", f);
	}
	json_array_foreach((json_t *)res, i, r) {
		char who[64];

		sb_snprintf(who, sizeof(who), "the host at resume %zu", i + 1);
		n = sb_machine_warnings(json_object_get(r, "machine"), who,
					lines, 4);
		for (k = 0; k < n; k++) {
			fputs("<p class=\"note\">Warning: ", f);
			sb_html_text(f, lines[k]);
			fputs(".</p>\n", f);
		}
	}
}

static void write_notes(FILE *f, const struct sb_rstore *st,
			const struct sb_pset *ps)
{
	if (!st->nr_ok)
		fprintf(f, "<p class=\"bad\">Every point of this run failed "
			"(%zu records): there is nothing to compare. The "
			"reasons are listed under <a href=\"#failed\">failed "
			"points</a>.</p>\n", st->nr_failed);
	else if (st->nr_failed)
		fprintf(f, "<p class=\"note\">%zu of %zu records failed; see "
			"<a href=\"#failed\">failed points</a>.</p>\n",
			st->nr_failed, st->nr_ok + st->nr_failed);
	write_machine_warnings(f, st->meta);
	if (sb_meta_debug_kernel(st->meta) == 1)
		fputs("<p class=\"bad\">This run's kernel had <b>lock "
		      "debugging or a sanitizer on</b> (lockdep, KASAN, KCSAN: "
		      "meta.json's debug_kernel, the options under the "
		      "machine's debug_locks): every lock, access and "
		      "allocation costs many times a production kernel's, so "
		      "its timings are <b>not representative</b>. It proves "
		      "correctness (see <a href=\"#race\">race exposure</a>); "
		      "<code>compare</code> refuses to set it beside a "
		      "production kernel's run.</p>\n", f);
	if (ps->any_emulated) {
		const json_t *bk = json_object_get(st->meta, "backends");
		char gk[96];

		sb_jstr(sb_backend_guest_details(bk), "kernel_version", gk,
			sizeof(gk));
		fputs("<p class=\"note\">The <b>vm</b> backend ran the kernel "
		      "module in a guest Linux ", f);
		sb_html_text(f, *gk ? gk : "(version not recorded)");
		fputs(" under QEMU with TCG emulation: its numbers are "
		      "<b>emulated</b>, good for correctness and relative "
		      "shape at best, not for absolute timings; they have "
		      "their own <a href=\"#emulated\">section</a>.</p>\n", f);
	}
}

/* The answers, best table and regime map of the ok points. */
static void write_findings(FILE *f, const struct sb_pset *ps,
			   const struct sb_report_opts *ro, int part)
{
	struct sb_regime_map m;
	struct sb_view v;
	char err[256];
	int built;

	/* --x was checked by plot; an unknown one falls back here. */
	if (sb_view_build(&v, ps, ro->xdim, err, sizeof(err)) &&
	    sb_view_build(&v, ps, NULL, err, sizeof(err)))
		return;
	built = !sb_regime_build(&m, &v, ro->obj);
	if (!part) {
		sb_report_answers(f, &m, built);
	} else {
		write_summary(f, &v, ro->obj);
		sb_report_regime_map(f, &m, built);
	}
	if (built)
		sb_regime_free(&m);
	sb_view_free(&v);
}

int sb_report_write(FILE *f, const struct sb_rstore *st,
		    const struct sb_pset *ps, const struct sb_plot_out *out,
		    const char *plot_err, const struct sb_report_opts *ro)
{
	fputs(page_head, f);
	fputs("<title>syncbench report: ", f);
	sb_html_text(f, st->name);
	fputs("</title>\n", f);
	fputs(page_check, f);
	fputs("</head>\n<body>\n<h1>syncbench report: ", f);
	sb_html_text(f, st->name);
	fputs("</h1>\n", f);
	write_nav(f);
	write_notes(f, st, ps);
	if (st->nr_ok)
		write_findings(f, ps, ro, 0);
	write_machine(f, st, ps);
	write_matrix(f, st, ps);
	write_prims(f, ps);
	if (st->nr_ok)
		write_findings(f, ps, ro, 1);
	sb_report_sides_note(f, ps);
	sb_report_race(f, ps);
	write_charts(f, st->nr_ok ? out : NULL, st->nr_ok ? plot_err :
		     "every point failed", ps, ro);
	sb_report_points(f, ps, ro->store_rel);
	write_failed(f, ps);
	fputs("</body>\n</html>\n", f);
	return ferror(f) ? -1 : 0;
}
