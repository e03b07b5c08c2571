// SPDX-License-Identifier: GPL-2.0
/*
 * syncbench prims: the primitive catalogue (common/sb_prims.def) as a
 * table, as the README's Markdown table, or as bare names for scripts.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "sb_config.h"
#include "util/util.h"

enum sb_prims_fmt { SB_PF_TEXT, SB_PF_MARKDOWN, SB_PF_NAMES };

static void sb_prims_usage(FILE *f)
{
	size_t i;

	fprintf(f,
"usage: syncbench prims [--side user|kernel] [--markdown | --names]\n"
"The primitives syncbench knows (the catalogue, common/sb_prims.def): name,\n"
"family, the sides that implement it, the primitive of the other side it is\n"
"compared with (pair), capabilities, what it is.\n"
"  --side S      only those the user mirror or the kernel module implements\n"
"  --markdown    the README's table\n"
"  --names       names only, one a line\n"
"capabilities:\n");
	for (i = 0; i < sb_nr_cap_infos; i++)
		fprintf(f, "  %-14s %s\n", sb_cap_infos[i].name,
			sb_cap_infos[i].help);
}

static void sb_caps_text(unsigned int caps, char *buf, size_t len)
{
	struct sb_buf b;
	size_t i, n = 0;

	sb_buf_init(&b, buf, len);
	for (i = 0; i < sb_nr_cap_infos; i++)
		if (caps & sb_cap_infos[i].cap)
			sb_bprintf(&b, "%s%s", n++ ? "," : "",
				   sb_cap_infos[i].name);
	if (!n)
		sb_bprintf(&b, "-");
}

static const char *sb_sides_text(unsigned int sides)
{
	if ((sides & SB_SIDE_BOTH) == SB_SIDE_BOTH)
		return "kernel,user";
	return sides & SB_SIDE_KERNEL ? "kernel" : "user";
}

/*
 * The primitive of the other side a row is compared with: its own name
 * when the catalogue says "" (both sides have it), so that the column
 * always names a primitive.
 */
static const char *sb_pair_text(const struct sb_prim_info *p)
{
	return p->pair[0] ? p->pair : p->name;
}

/* A Markdown table row; a '|' in the help would end its cell: escaped. */
static void sb_prims_markdown_row(const struct sb_prim_info *p,
				  const char *caps)
{
	const char *c;

	printf("| `%s` | %s | %s | `%s` | %s | ", p->name,
	       sb_prim_family_name(p->family), sb_sides_text(p->sides),
	       sb_pair_text(p), caps);
	for (c = p->help; *c; c++)
		printf(*c == '|' ? "\\|" : "%c", *c);
	printf(" |\n");
}

static void sb_prims_print(enum sb_prims_fmt fmt, unsigned int side)
{
	char caps[128];
	unsigned int i;

	if (fmt == SB_PF_MARKDOWN)
		printf("| primitive | family | sides | pair | capabilities | what it is |\n"
		       "|---|---|---|---|---|---|\n");
	else if (fmt == SB_PF_TEXT)
		printf("%-16s %-15s %-12s %-14s %-28s %s\n", "primitive",
		       "family", "sides", "pair", "capabilities",
		       "what it is");
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];

		if (side && !(p->sides & side))
			continue;
		sb_caps_text(p->caps, caps, sizeof(caps));
		if (fmt == SB_PF_NAMES)
			printf("%s\n", p->name);
		else if (fmt == SB_PF_MARKDOWN)
			sb_prims_markdown_row(p, caps);
		else
			printf("%-16s %-15s %-12s %-14s %-28s %s\n", p->name,
			       sb_prim_family_name(p->family),
			       sb_sides_text(p->sides), sb_pair_text(p), caps,
			       p->help);
	}
}

int sb_cmd_prims(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "side", required_argument, NULL, 's' },
		{ "markdown", no_argument, NULL, 'm' },
		{ "names", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum sb_prims_fmt fmt = SB_PF_TEXT;
	unsigned int side = 0;
	int o;

	opterr = 0;
	optind = 1;
	while ((o = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (o) {
		case 's':
			if (!strcmp(optarg, "user")) {
				side = SB_SIDE_USER;
			} else if (!strcmp(optarg, "kernel")) {
				side = SB_SIDE_KERNEL;
			} else {
				sb_errf("syncbench prims: --side '%s': use user or kernel\n",
					optarg);
				return 2;
			}
			break;
		case 'm':
			fmt = SB_PF_MARKDOWN;
			break;
		case 'n':
			fmt = SB_PF_NAMES;
			break;
		case 'h':
			sb_prims_usage(stdout);
			return 0;
		case ':':
			sb_errf("syncbench prims: %s needs a value\n",
				argv[optind - 1]);
			return 2;
		default:
			sb_errf("syncbench prims: unknown option '%s' (syncbench prims --help)\n",
				argv[optind - 1]);
			return 2;
		}
	}
	if (optind < argc) {
		sb_errf("syncbench prims: unexpected argument '%s' (syncbench prims --help)\n",
			argv[optind]);
		return 2;
	}
	sb_prims_print(fmt, side);
	return 0;	/* main checks that stdout was written */
}
