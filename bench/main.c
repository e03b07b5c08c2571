// SPDX-License-Identifier: GPL-2.0
/* syncbench: dispatch argv[1] to a subcommand (commands.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "util/util.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} sb_cmds[] = {
	{ "topo", sb_cmd_topo, "topology and the CPUs each placement policy uses" },
	{ "prims", sb_cmd_prims, "the primitives: family, sides, capabilities" },
	{ "run", sb_cmd_run, "run a benchmark matrix into results/NAME" },
	{ "plot", sb_cmd_plot, "gnuplot images of a run" },
	{ "report", sb_cmd_report, "a one-page report of a run" },
	{ "compare", sb_cmd_compare, "what changed between two runs" },
	{ "show", sb_cmd_show, "the summary table of a run, again" },
	/* Hidden: what the vm backend runs inside the guest. */
	{ "guest-run", sb_cmd_guest_run, NULL },
};

static void sb_usage(FILE *f)
{
	unsigned int i;

	fprintf(f, "usage: syncbench COMMAND [options]   (syncbench COMMAND --help)\n"
		"Synchronization-primitive benchmarks: kernel module, userspace mirror, driver.\n\n"
		);
	for (i = 0; i < sizeof(sb_cmds) / sizeof(sb_cmds[0]); i++)
		if (sb_cmds[i].help)
			fprintf(f, "  %-8s %s\n", sb_cmds[i].name,
				sb_cmds[i].help);
	fprintf(f, "\n  --version  print the version\n  --help     this text\n");
}

/*
 * A command's output that did not reach its reader (a full disk, a closed
 * pipe, >/dev/full) is a failure, said on stderr: exit 1, whatever the
 * command itself returned. Every command's stdout ends here.
 */
static int sb_stdout_done(const char *cmd, int rc)
{
	int e;

	errno = 0;
	if (!fflush(stdout) && !ferror(stdout))
		return rc;
	e = errno;
	sb_errf("syncbench%s%s: cannot write standard output%s%s\n",
		cmd ? " " : "", cmd ? cmd : "", e ? ": " : "",
		e ? strerror(e) : "");
	return 1;
}

int main(int argc, char **argv)
{
	unsigned int i;

	if (argc < 2) {
		sb_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		sb_usage(stdout);
		return sb_stdout_done(NULL, 0);
	}
	if (!strcmp(argv[1], "--version")) {
		printf("syncbench %s\n", SB_VERSION);
		return sb_stdout_done(NULL, 0);
	}
	for (i = 0; i < sizeof(sb_cmds) / sizeof(sb_cmds[0]); i++)
		if (!strcmp(argv[1], sb_cmds[i].name))
			return sb_stdout_done(sb_cmds[i].name,
					      sb_cmds[i].fn(argc - 1,
							    argv + 1));
	sb_errf("syncbench: unknown command '%s': use topo, prims, run, "
		"plot, report, compare or show (syncbench --help)\n",
		argv[1]);
	return 2;
}
