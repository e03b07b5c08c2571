// SPDX-License-Identifier: GPL-2.0
/*
 * syncbench guest-run: what the vm backend runs inside the guest, after the
 * guest script has loaded the module. It reads the point list the host put
 * in the initramfs and runs each point through the kernel backend's debugfs
 * code, writing one frame per point to the data port (/dev/ttyS1) as soon as
 * it is done, so the host stores every record while the guest goes on:
 *
 *   @@point <id> <repeat>\n<result record>@@end\n
 *   @@failed <id> <repeat> <reason>\n
 *   @@error <reason>\n            (nothing will run: module missing, ...)
 *
 * Points file, one per line: <id>\t<repeat>\t<config, pairs separated by
 * spaces>.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "backend/backend.h"
#include "cmd/commands.h"
#include "sb_result.h"

static int sb_out_fd = -1;

static void sb_frame(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *buf = malloc(la + lb + lc + 1);
	size_t off = 0;

	if (!buf)
		abort();
	memcpy(buf, a, la);
	memcpy(buf + la, b, lb);
	memcpy(buf + la + lb, c, lc);
	/* One write per frame; a serial port may take it in pieces. */
	while (off < la + lb + lc) {
		ssize_t w = write(sb_out_fd, buf + off, la + lb + lc - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (isatty(sb_out_fd))
		tcdrain(sb_out_fd);
	free(buf);
}

int sb_cmd_guest_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "points", required_argument, NULL, 'p' },
		{ "out", required_argument, NULL, 'o' },
		{ "timeout-ms", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const char *points = NULL, *out = NULL;
	unsigned long long timeout_ms = 30000;
	char ver[128], err[512], line[8192];
	char head[SB_ID_LEN + 64];
	struct sb_prim_set prims, want;
	int opt;
	FILE *f;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (opt) {
		case 'p':
			points = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 't':
			timeout_ms = strtoull(optarg, NULL, 10);
			break;
		default:
			return 2;
		}
	}
	if (!points || !out) {
		fprintf(stderr, "syncbench guest-run: needs --points FILE --out DEV\n");
		return 2;
	}
	sb_out_fd = open(out, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (sb_out_fd < 0) {
		fprintf(stderr, "syncbench guest-run: cannot open %s: %s\n",
			out, strerror(errno));
		return 1;
	}
	if (isatty(sb_out_fd)) {
		struct termios t;

		/* Raw: no \n -> \r\n, no flow control on the record bytes. */
		if (!tcgetattr(sb_out_fd, &t)) {
			cfmakeraw(&t);
			cfsetospeed(&t, B115200);
			tcsetattr(sb_out_fd, TCSANOW, &t);
		}
	}
	if (sb_kernel_check(&prims, ver, sizeof(ver), err, sizeof(err))) {
		sb_frame("@@error ", err, "\n");
		return 1;
	}
	sb_prim_set_side(&want, SB_SIDE_KERNEL);
	if (memcmp(&prims, &want, sizeof(want))) {
		char have[2 * SB_PRIM_NAMES_LEN], need[2 * SB_PRIM_NAMES_LEN];

		sb_prim_set_names(&prims, have, sizeof(have));
		sb_prim_set_names(&want, need, sizeof(need));
		snprintf(err, sizeof(err),
			 "the module offers %s; the catalogue's kernel rows are %s",
			 have, need);
		sb_frame("@@error ", err, "\n");
		return 1;
	}
	f = fopen(points, "r");
	if (!f) {
		snprintf(err, sizeof(err), "cannot read %s in the guest: %s",
			 points, strerror(errno));
		sb_frame("@@error ", err, "\n");
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *id = line, *rep, *cfg, *text = NULL;
		char reason[SB_REASON_LEN];
		struct sb_config c;

		line[strcspn(line, "\n")] = '\0';
		rep = strchr(id, '\t');
		cfg = rep ? strchr(rep + 1, '\t') : NULL;
		if (!cfg)
			continue;
		*rep++ = '\0';
		*cfg++ = '\0';
		snprintf(head, sizeof(head), "%s %s", id, rep);
		sb_config_default(&c, SB_SIDE_KERNEL);
		sb_config_parse(&c, cfg, strlen(cfg), SB_SIDE_KERNEL, reason,
				sizeof(reason));
		/* The point's own time, then the grace the host gave. */
		if (sb_kernel_run_config(cfg, c.duration_ms + c.warmup_ms +
					 timeout_ms, &text, reason,
					 sizeof(reason))) {
			char *c;

			for (c = reason; *c; c++)
				if (*c == '\n')
					*c = ' ';
			snprintf(line, sizeof(line), "@@failed %s ", head);
			sb_frame(line, reason, "\n");
			continue;
		}
		snprintf(line, sizeof(line), "@@point %s\n", head);
		sb_frame(line, text, text[strlen(text) - 1] == '\n' ?
			 "@@end\n" : "\n@@end\n");
		free(text);
	}
	fclose(f);
	return 0;
}
