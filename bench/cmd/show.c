// SPDX-License-Identifier: GPL-2.0
/*
 * `syncbench show results/NAME [--csv]`: the summary table the run printed
 * at its end, again, recomputed from points.jsonl (so a store whose run was
 * killed, or one written before summary.csv existed, shows the same);
 * --csv prints summary.csv's text instead.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "store/store.h"
#include "store/summary.h"
#include "store/summary_csv.h"
#include "util/util.h"

static void show_usage(FILE *f)
{
	fputs("usage: syncbench show results/NAME [--csv]\n"
	      "  the run's summary table: per point the repeats, failures,\n"
	      "  median and 95% CI of ops/s and the latency percentiles\n"
	      "  (EMULATED in the noise column: a vm point, QEMU TCG timings)\n"
	      "  --csv  the same as summary.csv (one row per point)\n", f);
}

int sb_cmd_show(int argc, char **argv)
{
	const char *dir = NULL;
	char err[512];
	json_t *all, *sum;
	int i, csv = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			show_usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--csv")) {
			csv = 1;
		} else if (argv[i][0] == '-' || dir) {
			sb_errf("syncbench show: unexpected argument %s\n",
				argv[i]);
			show_usage(stderr);
			return 2;
		} else {
			dir = argv[i];
		}
	}
	if (!dir) {
		sb_errf("syncbench show: expected one results store\n");
		show_usage(stderr);
		return 2;
	}
	all = sb_store_load_points(dir, err, sizeof(err));
	if (!all) {
		sb_errf("syncbench show: %s\n", err);
		return 2;
	}
	sum = sb_summary_build(all);
	if (csv)
		sb_summary_csv(stdout, sum);
	else
		sb_summary_print(stdout, sum);
	json_decref(sum);
	json_decref(all);
	return 0;
}
