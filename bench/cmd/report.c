// SPDX-License-Identifier: GPL-2.0
/*
 * `syncbench report results/NAME [-o FILE.html] [--plots DIR] [--x DIM]
 *  [--objective OBJ]`: render the charts (PNG, into DIR, default
 * plots/NAME) and write one self-contained HTML page embedding them
 * (default DIR/report.html), its winners ranked by OBJ (report/regime.h).
 * A store whose points all failed still gets a page that says so and
 * lists why (exit 1).
 */
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/commands.h"
#include "plot/plot.h"
#include "store/group.h"
#include "store/load.h"
#include "report/report.h"
#include "sb_config.h"
#include "util/util.h"

static void report_usage(FILE *f)
{
	fprintf(f, "usage: syncbench report results/NAME [-o FILE.html] "
		"[--plots DIR] [--size WxH]\n"
		"                        [--x DIM] [--objective OBJ]\n"
		"  --plots DIR   where the charts are rendered (default "
		"plots/NAME)\n"
		"  -o FILE|DIR   the page (default DIR/report.html); a\n"
		"                directory (existing, or ending in /) is\n"
		"                DIR instead, as plot -o takes it\n"
		"  --size WxH    chart size in pixels (default %ux%u)\n"
		"  --x DIM       charts' x and the regime map's columns "
		"(as plot --x)\n"
		"  --objective O what ranks the winners: throughput (default),"
		"\n                lookup_p99, update_p99, irq, fairness\n"
		"\nexit status: 0 the page was written, 1 every point of "
		"the store\nfailed (the page lists why), 2 bad input or an "
		"error (one line)\n",
		SB_PLOT_DEF_W, SB_PLOT_DEF_H);
}

/*
 * -o DIR, as plot -o takes it: an existing directory, or a path ending in
 * '/', is the charts' directory and the page goes in it. 0, or 2 when
 * --plots names another.
 */
static int report_out_dir(const char **outfile, struct sb_plot_opts *po)
{
	size_t n = *outfile ? strlen(*outfile) : 0;
	struct stat sb;

	if (!n || ((stat(*outfile, &sb) || !S_ISDIR(sb.st_mode)) &&
		   (*outfile)[n - 1] != '/'))
		return 0;
	if (po->outdir && strcmp(po->outdir, *outfile)) {
		sb_errf("syncbench report: -o %s is a directory and --plots "
			"names %s: give one of them\n", *outfile, po->outdir);
		return 2;
	}
	po->outdir = *outfile;
	*outfile = NULL;
	return 0;
}

/* Length of the leading whole directories a and b share. */
static size_t common_dirs(const char *a, const char *b)
{
	size_t k, i = 0;

	for (k = 0; a[k] && a[k] == b[k]; k++)
		if (a[k] == '/')
			i = k;
	/* one is the other, or its ancestor */
	if ((!a[k] && (b[k] == '/' || !b[k])) || (!b[k] && a[k] == '/'))
		i = k;
	return i;
}

/* ".." for each directory of from below i, then to below i. */
static void rel_path(const char *from, const char *to, char *buf,
		     size_t len)
{
	size_t i = common_dirs(from, to), k;
	struct sb_buf b;

	sb_buf_init(&b, buf, len);
	for (k = i; from[k]; k++)
		if (from[k] == '/')
			sb_bprintf(&b, "../");
	if (to[i] == '/')
		sb_bprintf(&b, "%s", to + i + 1);
	if (!b.n)
		sb_bprintf(&b, ".");
	else if (buf[b.n - 1] == '/')
		buf[b.n - 1] = '\0';
}

/*
 * The store directory relative to the page's, for its links: both may be
 * moved together. NULL when either cannot be resolved (no links then).
 */
static const char *store_rel(const char *page, const char *store, char *buf,
			     size_t len)
{
	char *pd = strdup(page), *from = NULL, *to = realpath(store, NULL);
	const char *ret = NULL;

	if (pd)
		from = realpath(dirname(pd), NULL);
	if (from && to) {
		rel_path(from, to, buf, len);
		ret = buf;
	}
	free(pd);
	free(from);
	free(to);
	return ret;
}

static int make_report(const struct sb_rstore *st,
		       const struct sb_plot_opts *po,
		       struct sb_report_opts *ro, const char *outfile)
{
	char rel[4200];
	struct sb_plot_out out;
	struct sb_pset ps;
	char path[4200];
	FILE *f;
	int ret = 0;

	memset(&out, 0, sizeof(out));
	if (st->nr_ok) {
		if (sb_plot_store(st, po, &out) == 2) {
			sb_errf("syncbench report: %s\n", out.err);
			return 2;
		}
	} else {
		sb_snprintf(out.outdir, sizeof(out.outdir), "%s",
			    po->outdir ? po->outdir : "plots");
		if (!po->outdir)
			sb_snprintf(out.outdir, sizeof(out.outdir),
				    "plots/%s", st->name);
		sb_errf("syncbench report: %s: all %zu points "
			"failed; the report lists why\n", st->dir,
			st->nr_failed);
		ret = 1;
	}
	if (!outfile) {
		sb_snprintf(path, sizeof(path), "%s/report.html", out.outdir);
		outfile = path;
		/* No charts were made: the directory may not exist yet. */
		if (!st->nr_ok && sb_mkdir_p(out.outdir)) {
			perror(out.outdir);
			return 2;
		}
	}
	if (sb_pset_build(&ps, st->recs, st->nrecs)) {
		sb_errf("syncbench report: out of memory\n");
		return 2;
	}
	f = fopen(outfile, "w");
	if (!f) {
		perror(outfile);
		sb_pset_free(&ps);
		return 2;
	}
	ro->store_rel = store_rel(outfile, st->dir, rel, sizeof(rel));
	if (sb_report_write(f, st, &ps, &out, NULL, ro) | fclose(f)) {
		sb_errf("syncbench report: writing %s failed\n",
			outfile);
		ret = 2;
	} else {
		printf("%s\n", outfile);
	}
	sb_pset_free(&ps);
	return ret;
}

/* One option; 0, 1 after --help, -1 after its error line. */
static int report_option(int c, const char *arg, struct sb_plot_opts *po,
			 struct sb_report_opts *ro, const char **outfile)
{
	switch (c) {
	case 'o':
		*outfile = arg;
		return 0;
	case 'p':
		po->outdir = arg;
		return 0;
	case 'x':
		po->xdim = ro->xdim = arg;
		return 0;
	case 'O':
		if (!sb_objective_parse(arg, &ro->obj))
			return 0;
		sb_errf("syncbench report: --objective %s: expected "
			"throughput, lookup_p99, update_p99, irq or "
			"fairness\n", arg);
		return -1;
	case 's':
		if (!sb_plot_parse_size(arg, &po->w, &po->h))
			return 0;
		sb_errf("syncbench report: --size %s: expected WxH, 200x150 "
			"to 10000x10000\n", arg);
		return -1;
	case 'h':
		report_usage(stdout);
		return 1;
	default:
		report_usage(stderr);
		return -1;
	}
}

int sb_cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "plots", required_argument, NULL, 'p' },
		{ "size", required_argument, NULL, 's' },
		{ "x", required_argument, NULL, 'x' },
		{ "objective", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sb_plot_opts po = {
		.format = SB_FMT_PNG, .w = SB_PLOT_DEF_W, .h = SB_PLOT_DEF_H,
	};
	struct sb_report_opts ro = { .obj = SB_OBJ_THROUGHPUT };
	const char *outfile = NULL;
	char err[SB_STORE_ERR_LEN];
	struct sb_rstore st;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:p:s:x:h", opts, NULL)) != -1) {
		ret = report_option(c, optarg, &po, &ro, &outfile);
		if (ret)
			return ret > 0 ? 0 : 2;
	}
	if (argc - optind != 1) {
		sb_errf("syncbench report: expected one results "
			"store\n");
		report_usage(stderr);
		return 2;
	}
	if (report_out_dir(&outfile, &po))
		return 2;
	if (sb_rstore_load(&st, argv[optind], err, sizeof(err))) {
		sb_errf("syncbench report: %s\n", err);
		return 2;
	}
	ret = make_report(&st, &po, &ro, outfile);
	sb_rstore_free(&st);
	return ret;
}
