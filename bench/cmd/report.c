// SPDX-License-Identifier: GPL-2.0
/*
 * `syncbench report results/NAME [-o FILE.html] [--plots DIR]`: render the
 * charts (PNG, into DIR, default plots/NAME) and write one self-contained
 * HTML page embedding them (default DIR/report.html). A store whose points
 * all failed still gets a page that says so and lists why (exit 1).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

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
		"  --plots DIR   where the charts are rendered (default "
		"plots/NAME)\n"
		"  -o FILE       the page (default DIR/report.html)\n"
		"  --size WxH    chart size in pixels (default %ux%u)\n",
		SB_PLOT_DEF_W, SB_PLOT_DEF_H);
}

static int make_report(const struct sb_rstore *st,
		       const struct sb_plot_opts *po, const char *outfile)
{
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
	if (sb_report_write(f, st, &ps, &out, NULL) | fclose(f)) {
		sb_errf("syncbench report: writing %s failed\n",
			outfile);
		ret = 2;
	} else {
		printf("%s\n", outfile);
	}
	sb_pset_free(&ps);
	return ret;
}

int sb_cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "plots", required_argument, NULL, 'p' },
		{ "size", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sb_plot_opts po = {
		.format = SB_FMT_PNG, .w = SB_PLOT_DEF_W, .h = SB_PLOT_DEF_H,
	};
	const char *outfile = NULL;
	char err[SB_STORE_ERR_LEN];
	struct sb_rstore st;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:p:s:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			outfile = optarg;
			break;
		case 'p':
			po.outdir = optarg;
			break;
		case 's':
			if (sb_plot_parse_size(optarg, &po.w, &po.h)) {
				sb_errf("syncbench report: --size %s: "
					"expected WxH, 200x150 to "
					"10000x10000\n", optarg);
				return 2;
			}
			break;
		case 'h':
			report_usage(stdout);
			return 0;
		default:
			report_usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 1) {
		sb_errf("syncbench report: expected one results "
			"store\n");
		report_usage(stderr);
		return 2;
	}
	if (sb_rstore_load(&st, argv[optind], err, sizeof(err))) {
		sb_errf("syncbench report: %s\n", err);
		return 2;
	}
	ret = make_report(&st, &po, outfile);
	sb_rstore_free(&st);
	return ret;
}
