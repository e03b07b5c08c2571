// SPDX-License-Identifier: GPL-2.0
/*
 * Driving the charts: output directory, data and variables files, one
 * gnuplot run per chart, and what happened to each; see plot.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plot/plot.h"
#include "plot/charts.h"
#include "plot/gnuplot.h"
#include "plot/hist_export.h"
#include "plot/view.h"
#include "util/util.h"
#include "sb_config.h"

int sb_plot_parse_format(const char *s, enum sb_plot_format *out)
{
	if (!strcmp(s, "png"))
		*out = SB_FMT_PNG;
	else if (!strcmp(s, "svg"))
		*out = SB_FMT_SVG;
	else if (!strcmp(s, "pdf"))
		*out = SB_FMT_PDF;
	else
		return -1;
	return 0;
}

int sb_plot_parse_size(const char *s, unsigned int *w, unsigned int *h)
{
	unsigned int x, y;
	char c;

	if (sscanf(s, "%ux%u%c", &x, &y, &c) != 2 || x < 200 || y < 150 ||
	    x > 10000 || y > 10000)
		return -1;
	*w = x;
	*h = y;
	return 0;
}

const char *sb_plot_format_ext(enum sb_plot_format f)
{
	switch (f) {
	case SB_FMT_SVG:
		return "svg";
	case SB_FMT_PDF:
		return "pdf";
	default:
		return "png";
	}
}

#define SB_PLOT_MAX_PX 32000

/*
 * The requested size holds up to two rows of panels; a chart with more
 * grows by half the height per extra row, so that a big matrix stays
 * readable instead of squeezing its panels.
 */
static void term_cmd(const struct sb_plot_opts *po, unsigned int rows,
		     char *buf, size_t len)
{
	struct sb_plot_opts o = *po;

	if (rows > 2)
		o.h = po->h * rows / 2;
	/* Cairo draws nothing past 32767 pixels: the rows squeeze instead */
	if (o.h > SB_PLOT_MAX_PX)
		o.h = SB_PLOT_MAX_PX;
	po = &o;
	switch (po->format) {
	case SB_FMT_SVG:
		sb_snprintf(buf, len, "set terminal svg size %u,%u noenhanced "
			 "font 'sans,11' background '#ffffff'", po->w, po->h);
		break;
	case SB_FMT_PDF:
		/* pdfcairo sizes are inches: 96 pixels to the inch. */
		sb_snprintf(buf, len,
			    "set terminal pdfcairo size %.2fin,%.2fin "
			 "noenhanced font 'sans,9'", po->w / 96.0,
			 po->h / 96.0);
		break;
	default:
		sb_snprintf(buf, len, "set terminal pngcairo size %u,%u "
			 "noenhanced font 'sans,10' background '#ffffff'",
			 po->w, po->h);
	}
}

/*
 * About how many pixels a character of the title font takes (pngcairo
 * 'sans,10', svg 'sans,11', pdfcairo 'sans,9' at 96 pixels to the inch),
 * a little generous, so that a line wrapped to w / this fits the image.
 */
static unsigned int title_char_px(enum sb_plot_format f)
{
	return f == SB_FMT_SVG ? 8 : 7;
}

/*
 * Append text to b wrapped at spaces into lines of at most cols
 * characters, at most max_lines of them; what does not fit ends the last
 * line as " ...". Every line but the first starts with a newline.
 */
static void wrap_lines(struct sb_buf *b, const char *text, size_t cols,
		       unsigned int max_lines)
{
	size_t len = strlen(text), at = 0, cut, room;
	unsigned int line;

	if (cols < 20)
		cols = 20;
	for (line = 0; at < len && line < max_lines; line++) {
		while (text[at] == ' ')
			at++;
		cut = len - at;
		if (cut > cols) {
			/* the last line: room for " ..." */
			room = line + 1 == max_lines ? cols - 4 : cols;
			cut = room;
			while (cut > room / 2 && text[at + cut] != ' ')
				cut--;
			if (text[at + cut] != ' ')
				cut = room;
		}
		sb_bprintf(b, "%s%.*s", line ? "\n" : "", (int)cut, text + at);
		at += cut;
		if (line + 1 == max_lines && at + strspn(text + at, " ") < len)
			sb_bprintf(b, " ...");
	}
}

/*
 * The machine and the run, under every chart's title, wrapped to the
 * image's width: the machine, then what every point shares (at most two
 * lines; the whole list is in the report and in the vars file's
 * fixed_keys), then the emulation warning. In a store where every point
 * ran in the vm backend's guest, the guest's kernel is the one named.
 */
static void subtitle(const struct sb_rstore *st, const struct sb_view *v,
		     int emulated, const struct sb_plot_opts *po, char *buf,
		     size_t len)
{
	const struct sb_pset *ps = v->ps;
	const json_t *vm = sb_backend_guest_details(
		json_object_get(st->meta, "backends"));
	char cpu[160], kern[96], ncpu[16], gk[96], fixed[400], line[800];
	size_t cols = po->w / title_char_px(po->format);
	struct sb_buf b, l;

	sb_jstr(st->meta, "cpu_model", cpu, sizeof(cpu));
	sb_jstr(st->meta, "kernel", kern, sizeof(kern));
	sb_jstr(st->meta, "nr_cpus", ncpu, sizeof(ncpu));
	sb_jstr(vm, "kernel_version", gk, sizeof(gk));
	sb_buf_init(&b, buf, len);
	sb_buf_init(&l, line, sizeof(line));
	if (ps->any_emulated && !v->native)
		sb_bprintf(&l, "guest Linux %s under QEMU TCG on %s, %s CPUs "
			   "- run %s", *gk ? gk : "?",
			   *cpu ? cpu : "unknown CPU", *ncpu ? ncpu : "?",
			   st->name);
	else
		sb_bprintf(&l, "%s, %s CPUs, Linux %s - run %s",
			   *cpu ? cpu : "unknown CPU", *ncpu ? ncpu : "?",
			   *kern ? kern : "?", st->name);
	wrap_lines(&b, line, cols, 2);
	/* the workload, and every value off its default */
	sb_view_fixed(v, fixed, sizeof(fixed));
	sb_buf_init(&l, line, sizeof(line));
	sb_bprintf(&l, "%s", fixed);
	if (ps->multi_placement)
		sb_bprintf(&l, "; placement %s (see the placement chart)",
			   sb_main_placement(ps));
	sb_bprintf(&b, "\n");
	wrap_lines(&b, line, cols, 2);
	if (emulated) {
		sb_buf_init(&l, line, sizeof(line));
		sb_bprintf(&l, "(vm) = the kernel module in Linux %s under "
			   "QEMU TCG: EMULATED, timings are not "
			   "representative", *gk ? gk : "?");
		sb_bprintf(&b, "\n");
		wrap_lines(&b, line, cols, 2);
	}
}

/*
 * The legend under each panel: 2 columns where two of its widest entry fit
 * the panel's plot area (about 3/4 of its cell, the rest is the y axis'
 * labels), else 1, in the 9-point font, or 8 or 7 points where even one
 * column would not fit: a key wider than its plot area is centred past the
 * image's edge and into its neighbour's. A character of an n-point font is
 * taken as 0.7 n pixels, the sample and gaps as 50.
 */
static void key_layout(const struct sb_chart *c, const struct sb_plot_opts *po,
		       unsigned int layout_cols, unsigned int *cols,
		       unsigned int *font)
{
	size_t i, most = 0, plot_px;
	unsigned int pt;

	if (layout_cols > c->npanels)
		layout_cols = (unsigned int)c->npanels;
	if (!layout_cols)
		layout_cols = 1;
	for (i = 0; i < c->nser; i++)
		if (strlen(c->ser[i].title) > most)
			most = strlen(c->ser[i].title);
	most += 4;	/* rcu.gp adds " p99" / " p50" to its titles */
	plot_px = po->w / layout_cols * 3 / 4;
	*cols = 1;
	*font = 7;
	if (2 * (most * 63 / 10 + 50) <= plot_px) {
		*cols = 2;
		*font = 9;
		return;
	}
	for (pt = 9; pt > 7; pt--)
		if (most * pt * 7 / 10 + 50 <= plot_px) {
			*font = pt;
			return;
		}
}

static void extra_vars(const struct sb_rstore *st, const struct sb_view *v,
		       int emulated, const struct sb_plot_opts *po,
		       unsigned int rows, unsigned int kcols,
		       unsigned int kfont,
		       const char *title, const char *image,
		       const char *plots, char *buf, size_t len)
{
	char t[256], sub[1200], fixed[400], tt[600];
	FILE *f = fmemopen(buf, len, "w");
	struct sb_buf b;

	if (!f)
		abort();
	term_cmd(po, rows, t, sizeof(t));
	subtitle(st, v, emulated, po, sub, sizeof(sub));
	sb_view_fixed(v, fixed, sizeof(fixed));
	sb_buf_init(&b, tt, sizeof(tt));
	/* the title's font is the subtitle's: wrapped the same */
	wrap_lines(&b, title, po->w / title_char_px(po->format), 3);
	fputs("term_cmd = ", f);
	sb_gp_string(f, t);
	fputs("\nout_file = ", f);
	sb_gp_string(f, image);
	fputs("\nchart_title = ", f);
	sb_gp_string(f, tt);
	fputs("\nsubtitle = ", f);
	sb_gp_string(f, sub);
	/* every key the points share, whole (the subtitle may shorten it) */
	fputs("\nfixed_keys = ", f);
	sb_gp_string(f, fixed);
	fprintf(f, "\nkey_cols = %u\nkey_font = \",%u\"", kcols, kfont);
	fputs("\nplots_dir = ", f);
	sb_gp_string(f, plots);
	fputc('\n', f);
	fclose(f);
}

/* What a capped chart left out, in words: its title and the report say it. */
static void cap_note(const struct sb_chart_def *d,
		     const struct sb_chart_capped *k, char *buf, size_t len)
{
	struct sb_buf b;

	sb_buf_init(&b, buf, len);
	sb_bprintf(&b, "capped: ");
	if (k->panels_drawn < k->panels)
		sb_bprintf(&b, "top %zu of %zu panels", k->panels_drawn,
			   k->panels);
	if (k->max_series > SB_CHART_MAX_SERIES)
		sb_bprintf(&b, "%stop %d of up to %zu series a panel",
			   k->panels_drawn < k->panels ? " and " : "",
			   SB_CHART_MAX_SERIES, k->max_series);
	sb_bprintf(&b, ", by %s", d->rank_by);
}

/*
 * The chart's data into c, capped to what stays readable (title says so);
 * 1 when the store has nothing for it (co->note says why).
 */
static int collect(const struct sb_view *v, const struct sb_chart_def *d,
		   struct sb_chart *c, struct sb_chart_out *co, char *title,
		   size_t titlelen)
{
	struct sb_chart_capped k;
	char t[200];

	sb_chart_init(c, d->id, d->columns, d->ncols);
	if (d->collect(v, c, co->note, sizeof(co->note)))
		return 1;
	if (d->vs_x)
		sb_snprintf(t, sizeof(t), "%s vs %s", d->title,
			    v->x.dim->key);
	else
		sb_strscpy(t, d->title, sizeof(t));
	sb_strscpy(title, t, titlelen);
	if (sb_chart_cap(c, d->layout_cols >= 3 ? SB_CHART_MAX_PANELS_WIDE :
			 SB_CHART_MAX_PANELS, SB_CHART_MAX_SERIES, &k)) {
		cap_note(d, &k, co->capped, sizeof(co->capped));
		sb_snprintf(title, titlelen, "%s (%s)", t, co->capped);
	}
	return 0;
}

/*
 * Run gnuplot on the chart's files. It draws into tmp, which becomes the
 * image only once gnuplot succeeded and wrote something: a failed or
 * killed run never leaves an empty or half-drawn image, and the image of
 * an earlier render is removed, so that no stale chart stands beside a
 * FAILED line. 0, or -1 with note.
 */
static int draw(const char *gnuplot, const char *plots, const char *outdir,
		const char *datadir, const struct sb_chart_def *d,
		unsigned int timeout_s, const char *tmp, const char *image,
		char *note, size_t notelen)
{
	char vars[4400], script[4400], log[4400];
	struct stat sst;

	/* gnuplot runs in outdir: every path in the vars file is relative. */
	sb_snprintf(vars, sizeof(vars), "data/%s.vars.gp", d->id);
	sb_snprintf(script, sizeof(script), "%s/%s.gp", plots, d->id);
	sb_snprintf(log, sizeof(log), "%s/%s.log", datadir, d->id);
	unlink(image);
	unlink(tmp);
	if (sb_gnuplot_run(gnuplot, outdir, vars, script, log, timeout_s, note,
			   notelen))
		goto fail;
	if (stat(tmp, &sst) || !sst.st_size) {
		sb_snprintf(note, notelen, "gnuplot wrote no image (see %s)",
			    log);
		goto fail;
	}
	if (rename(tmp, image)) {
		sb_snprintf(note, notelen, "%s: %s", image, strerror(errno));
		goto fail;
	}
	return 0;
fail:
	unlink(tmp);
	return -1;
}

/*
 * Does chart d draw emulated series: all charts of a store with nothing
 * else, else only those that keep them (collect.h says which).
 */
static int shows_emulated(const struct sb_view *v,
			  const struct sb_chart_def *d)
{
	static const char *const keep[] = { "emulated", "placement" };
	size_t i;

	if (!v->ps->any_emulated)
		return 0;
	for (i = 0; i < SB_ARRAY_SIZE(keep); i++)
		if (!strcmp(d->id, keep[i]))
			return 1;
	return !v->native;
}

/* Returns 0 when rendered or skipped for want of data, -1 when it failed. */
static int render_one(const struct sb_rstore *st, const struct sb_view *v,
		      const struct sb_plot_opts *po,
		      const struct sb_chart_def *d, const char *gnuplot,
		      const char *plots, const char *outdir,
		      const char *datadir, struct sb_chart_out *co)
{
	char extra[4096], title[300], tmp[4400], rel[300];
	const char *ext = sb_plot_format_ext(po->format);
	unsigned int kcols, kfont;
	struct sb_chart c;
	int ret = -1;

	co->id = d->id;
	co->title = d->title;
	co->caption = d->caption;
	if (collect(v, d, &c, co, title, sizeof(title))) {
		ret = 0;
		goto out;
	}
	sb_snprintf(co->image, sizeof(co->image), "%s/%s.%s", outdir, d->id,
		    ext);
	/* A dot file beside the image: the same file system, for rename. */
	sb_snprintf(rel, sizeof(rel), ".%s.%s.tmp", d->id, ext);
	sb_snprintf(tmp, sizeof(tmp), "%s/%s", outdir, rel);
	key_layout(&c, po, d->layout_cols, &kcols, &kfont);
	extra_vars(st, v, shows_emulated(v, d), po,
		   (unsigned int)((c.npanels + d->layout_cols - 1) /
				  d->layout_cols),
		   kcols, kfont, title, rel, plots, extra, sizeof(extra));
	if (sb_chart_write(&c, datadir, d->layout_cols, extra)) {
		sb_snprintf(co->note, sizeof(co->note), "writing %s/%s.*: %s",
			 datadir, d->id, strerror(errno));
		co->image[0] = '\0';
		goto out;
	}
	if (draw(gnuplot, plots, outdir, datadir, d, po->timeout_s ?
		 po->timeout_s : SB_PLOT_DEF_TIMEOUT, tmp, co->image,
		 co->note, sizeof(co->note))) {
		co->image[0] = '\0';
		goto out;
	}
	co->rendered = 1;
	ret = 0;
out:
	sb_chart_free(&c);
	return ret;
}

/*
 * gnuplot runs in the plots directory (so that the vars files hold
 * relative paths): the program and the scripts are made absolute first.
 */
static int make_absolute(char *path, size_t len, char *err, size_t errlen)
{
	char *abs = realpath(path, NULL);

	if (!abs) {
		sb_snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	sb_strscpy(path, abs, len);
	free(abs);
	return 0;
}

/* gnuplot and the scripts, absolute; 0 or -1 with err. */
static int find_tools(char *gnuplot, char *plots, size_t len, char *err,
		      size_t errlen)
{
	if (sb_gnuplot_find(gnuplot, len, err, errlen) ||
	    sb_plots_dir(plots, len, err, errlen))
		return -1;
	return make_absolute(gnuplot, len, err, errlen) ||
	       make_absolute(plots, len, err, errlen) ? -1 : 0;
}

int sb_plot_store(const struct sb_rstore *st, const struct sb_plot_opts *po,
		  struct sb_plot_out *out)
{
	char gnuplot[4096], plots[4096], datadir[4200];
	struct sb_pset ps;
	struct sb_view v;
	unsigned int i, failed = 0;

	memset(out, 0, sizeof(*out));
	if (po->outdir)
		sb_strscpy(out->outdir, po->outdir, sizeof(out->outdir));
	else
		sb_snprintf(out->outdir, sizeof(out->outdir), "plots/%s",
			 st->name);
	if (find_tools(gnuplot, plots, sizeof(plots), out->err,
		       sizeof(out->err)))
		return 2;
	if (sb_pset_build(&ps, st->recs, st->nrecs)) {
		sb_snprintf(out->err, sizeof(out->err), "out of memory");
		return 2;
	}
	/* A bad --x is refused before anything is written. */
	if (sb_view_build(&v, &ps, po->xdim, out->err, sizeof(out->err))) {
		sb_pset_free(&ps);
		return 2;
	}
	sb_strscpy(out->xdim, v.x.dim->key, sizeof(out->xdim));
	sb_snprintf(datadir, sizeof(datadir), "%s/data", out->outdir);
	if (sb_mkdir_p(datadir)) {
		sb_snprintf(out->err, sizeof(out->err), "%s: %s", datadir,
			    strerror(errno));
		failed = 2;
	}
	if (!failed && sb_hist_export(&ps, datadir))
		sb_errf("syncbench plot: %s/histograms.*: %s\n", datadir,
			strerror(errno));
	for (i = 0; failed < 2 && i < sb_nr_chart_defs &&
	     i < SB_PLOT_MAX_CHARTS; i++) {
		struct sb_chart_out *co = &out->chart[out->n++];

		if (render_one(st, &v, po, &sb_chart_defs[i], gnuplot, plots,
			       out->outdir, datadir, co)) {
			co->failed = 1;
			failed = 1;
		}
	}
	sb_view_free(&v);
	sb_pset_free(&ps);
	return (int)failed;
}

void sb_plot_out_print(const struct sb_plot_out *out, FILE *f)
{
	unsigned int i;

	if (*out->xdim)
		fprintf(f, "%-11s %s\n", "x axis", out->xdim);
	for (i = 0; i < out->n; i++) {
		const struct sb_chart_out *c = &out->chart[i];

		if (c->rendered && *c->capped)
			fprintf(f, "%-11s %s\n%-11s %s\n", c->id, c->image,
				"", c->capped);
		else if (c->rendered)
			fprintf(f, "%-11s %s\n", c->id, c->image);
		else
			fprintf(f, "%-11s %s: %s\n", c->id,
				c->failed ? "FAILED" : "skipped", c->note);
	}
}

void sb_plot_out_free(struct sb_plot_out *out)
{
	out->n = 0;
}
