// SPDX-License-Identifier: GPL-2.0
/*
 * `syncbench report results/NAME [-o FILE.html]`: one self-contained HTML
 * page for a design review (machine, matrix, summary, every chart embedded,
 * failed points).
 */
#include <getopt.h>
#include <stdio.h>

#include "commands.h"
#include "plot_store.h"

static void report_usage(FILE *f)
{
	fprintf(f, "usage: syncbench report results/NAME [-o FILE.html]\n");
}

int sb_cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *outfile = NULL;
	char err[SB_STORE_ERR_LEN];
	struct sb_rstore st;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			outfile = optarg;
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
		report_usage(stderr);
		return 2;
	}
	if (sb_rstore_load(&st, argv[optind], err, sizeof(err))) {
		fprintf(stderr, "syncbench report: %s\n", err);
		return 2;
	}
	fprintf(stderr, "syncbench report: not implemented yet (%zu points, "
		"output %s)\n", st.nr_ok + st.nr_failed,
		outfile ? outfile : "default");
	sb_rstore_free(&st);
	return 2;
}
