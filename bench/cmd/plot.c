// SPDX-License-Identifier: GPL-2.0
/*
 * `syncbench plot results/NAME [-o DIR] [--format png|svg|pdf]
 *  [--size WxH] [--x DIM]`: write the data files every chart needs and
 * render each chart with its gnuplot script from plots/, against the
 * swept dimension --x names (plot/view.h: default the one with the most
 * values).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "sb_config.h"
#include "cmd/commands.h"
#include "plot/plot.h"
#include "store/load.h"
#include "util/util.h"

static void plot_usage(FILE *f)
{
	fprintf(f,
		"usage: syncbench plot results/NAME [-o DIR] "
		"[--format png|svg|pdf] [--size WxH] [--timeout S]\n"
		"               [--x DIM]\n"
		"  -o DIR       where images and data go (default plots/NAME)\n"
		"  --x DIM      the x axis: threads or a swept workload key\n"
		"               (update_pct, list_len, cs_ns, think_ns, ...);\n"
		"               default: the swept dimension with the most "
		"values\n"
		"  --format F   png (default), svg or pdf\n"
		"  --size WxH   image size in pixels (default %ux%u)\n"
		"  --timeout S  seconds gnuplot may take per chart, 1..3600 "
		"(default %u);\n"
		"               then it is killed and the chart fails\n"
		"gnuplot is $SYNCBENCH_GNUPLOT if set, else the one on $PATH.\n"
		"Exit status: 0 every chart with data rendered, 1 a chart failed "
		"(the others\nare still written) or no point of the store "
		"succeeded, 2 bad input.\n",
		SB_PLOT_DEF_W, SB_PLOT_DEF_H, SB_PLOT_DEF_TIMEOUT);
}

/* --timeout S: whole seconds, 1 to 3600. */
static int plot_parse_timeout(const char *s, unsigned int *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || v < 1 || v > 3600) {
		sb_errf("syncbench plot: --timeout %s: "
			"expected whole seconds, 1 to 3600\n", s);
		return -1;
	}
	*out = (unsigned int)v;
	return 0;
}

/* One option into *po; -1 after its error line. */
static int plot_option(int c, const char *arg, struct sb_plot_opts *po)
{
	switch (c) {
	case 'o':
		po->outdir = arg;
		return 0;
	case 'f':
		if (!sb_plot_parse_format(arg, &po->format))
			return 0;
		sb_errf("syncbench plot: --format %s: "
			"expected png, svg or pdf\n", arg);
		return -1;
	case 's':
		if (!sb_plot_parse_size(arg, &po->w, &po->h))
			return 0;
		sb_errf("syncbench plot: --size %s: "
			"expected WxH, 200x150 to "
			"10000x10000\n", arg);
		return -1;
	case 't':
		return plot_parse_timeout(arg, &po->timeout_s);
	case 'x':
		po->xdim = arg;
		return 0;
	default:
		plot_usage(stderr);
		return -1;
	}
}

/* The options into *po; 0, 1 after --help, or -1 after an error line. */
static int plot_parse(int argc, char **argv, struct sb_plot_opts *po)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "size", required_argument, NULL, 's' },
		{ "timeout", required_argument, NULL, 't' },
		{ "x", required_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:f:s:t:x:h", opts, NULL)) != -1) {
		if (c == 'h') {
			plot_usage(stdout);
			return 1;
		}
		if (plot_option(c, optarg, po))
			return -1;
	}
	if (argc - optind != 1) {
		sb_errf("syncbench plot: expected one results store\n");
		plot_usage(stderr);
		return -1;
	}
	return 0;
}

int sb_cmd_plot(int argc, char **argv)
{
	struct sb_plot_opts po = {
		.format = SB_FMT_PNG, .w = SB_PLOT_DEF_W, .h = SB_PLOT_DEF_H,
	};
	struct sb_plot_out out;
	struct sb_rstore st;
	char err[SB_STORE_ERR_LEN];
	int ret;

	ret = plot_parse(argc, argv, &po);
	if (ret)
		return ret > 0 ? 0 : 2;
	if (sb_rstore_load(&st, argv[optind], err, sizeof(err))) {
		sb_errf("syncbench plot: %s\n", err);
		return 2;
	}
	if (!st.nr_ok) {
		sb_errf("syncbench plot: %s: all %zu points failed; "
			"nothing to plot (see `syncbench report` for the "
			"reasons)\n", st.dir, st.nr_failed);
		sb_rstore_free(&st);
		return 1;
	}
	ret = sb_plot_store(&st, &po, &out);
	if (ret == 2)
		sb_errf("syncbench plot: %s\n", out.err);
	sb_plot_out_print(&out, stdout);
	sb_plot_out_free(&out);
	sb_rstore_free(&st);
	return ret;
}
