// SPDX-License-Identifier: GPL-2.0
/*
 * `syncbench compare results/A results/B [--csv FILE]`: per point, the
 * change in throughput and p99 with a noise-aware verdict.
 */
#include <getopt.h>
#include <stdio.h>

#include "commands.h"
#include "plot_store.h"

static void compare_usage(FILE *f)
{
	fprintf(f, "usage: syncbench compare results/A results/B "
		"[--csv FILE]\n");
}

int sb_cmd_compare(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "csv", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sb_rstore a, b;
	char err[SB_STORE_ERR_LEN];
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			break;
		case 'h':
			compare_usage(stdout);
			return 0;
		default:
			compare_usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 2) {
		compare_usage(stderr);
		return 2;
	}
	if (sb_rstore_load(&a, argv[optind], err, sizeof(err))) {
		fprintf(stderr, "syncbench compare: %s\n", err);
		return 2;
	}
	if (sb_rstore_load(&b, argv[optind + 1], err, sizeof(err))) {
		fprintf(stderr, "syncbench compare: %s\n", err);
		sb_rstore_free(&a);
		return 2;
	}
	fprintf(stderr, "syncbench compare: not implemented yet\n");
	sb_rstore_free(&a);
	sb_rstore_free(&b);
	return 2;
}
