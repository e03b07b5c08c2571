// SPDX-License-Identifier: GPL-2.0
/*
 * syncbench guest-run: what the vm backend runs inside the guest, after the
 * guest script has loaded the module. It reads the point list the host put
 * in the initramfs and runs each point through the kernel backend's debugfs
 * code, writing one frame per point to the data port (/dev/ttyS1) as soon as
 * it is done, so the host stores every record while the guest goes on. The
 * points file and the frames are backend/vm_frame.h's.
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
#include "backend/vm_frame.h"
#include "cmd/commands.h"
#include "sb_result.h"
#include "store/machine.h"
#include "util/util.h"

struct sb_guest_opts {
	const char *points;
	const char *out;
	unsigned long long timeout_ms;	/* the grace the host gave a point */
};

/* Send one frame (malloc'd, freed here) in one write, and drain it. */
static void sb_guest_send(int fd, char *frame)
{
	size_t len = strlen(frame), off = 0;

	/* One write per frame; a serial port may take it in pieces. */
	while (off < len) {
		ssize_t w = write(fd, frame + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (isatty(fd))
		tcdrain(fd);
	free(frame);
}

static int sb_guest_parse(int argc, char **argv, struct sb_guest_opts *o)
{
	static const struct option opts[] = {
		{ "points", required_argument, NULL, 'p' },
		{ "out", required_argument, NULL, 'o' },
		{ "timeout-ms", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	o->points = o->out = NULL;
	o->timeout_ms = 30000;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (opt) {
		case 'p':
			o->points = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 't':
			o->timeout_ms = strtoull(optarg, NULL, 10);
			break;
		default:
			return -1;
		}
	}
	if (!o->points || !o->out) {
		sb_errf("syncbench guest-run: needs --points FILE --out DEV\n");
		return -1;
	}
	return 0;
}

/* The data port, raw when it is a tty: no \n -> \r\n, no flow control. */
static int sb_guest_open_port(const char *out)
{
	int fd = open(out, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	struct termios t;

	if (fd < 0) {
		sb_errf("syncbench guest-run: cannot open %s: %s\n",
			out, strerror(errno));
		return -1;
	}
	if (isatty(fd) && !tcgetattr(fd, &t)) {
		cfmakeraw(&t);
		cfsetospeed(&t, B115200);
		tcsetattr(fd, TCSANOW, &t);
	}
	return fd;
}

/* The module is loaded and offers exactly the catalogue's kernel rows. */
static int sb_guest_check_module(char *err, size_t errlen)
{
	struct sb_prim_set prims, want;
	char ver[128];
	char have[2 * SB_PRIM_NAMES_LEN], need[2 * SB_PRIM_NAMES_LEN];

	if (sb_kernel_check(&prims, ver, sizeof(ver), err, errlen))
		return -1;
	sb_prim_set_side(&want, SB_SIDE_KERNEL);
	if (!memcmp(&prims, &want, sizeof(want)))
		return 0;
	sb_prim_set_names(&prims, have, sizeof(have));
	sb_prim_set_names(&want, need, sizeof(need));
	snprintf(err, errlen,
		 "the module offers %s; the catalogue's kernel rows are %s",
		 have, need);
	return -1;
}

/* The module's calibrate file, once, before the runs (the host stores it). */
static void sb_guest_send_calibration(int fd)
{
	char err[256], *text = sb_kernel_calibrate(err, sizeof(err));

	if (!text) {
		/* the runs still count; the console says why it is missing */
		sb_errf("syncbench guest-run: %s\n", err);
		return;
	}
	sb_guest_send(fd, sb_vm_frame_calibration(text));
	free(text);
}

/*
 * The guest's machine state (store/machine.h) for the host's meta.json,
 * once, before the runs: every online CPU of the guest is one a point may
 * use.
 */
static void sb_guest_send_machine(int fd)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN), i;
	int cpus[SB_MAX_CPUS];
	json_t *m;
	char *text;

	for (i = 0; i < n && i < SB_MAX_CPUS; i++)
		cpus[i] = (int)i;
	m = sb_machine_probe(cpus, (size_t)(i > 0 ? i : 0));
	text = json_dumps(m, JSON_COMPACT);
	json_decref(m);
	if (!text)
		return;
	sb_guest_send(fd, sb_vm_frame_machine(text));
	free(text);
}

/* One run of the points file: its record or its failure, as a frame. */
static char *sb_guest_run_one(const char *id, int repeat, const char *cfg,
			      unsigned long long timeout_ms)
{
	char reason[SB_REASON_LEN], *text = NULL, *frame;
	struct sb_config c;

	sb_config_default(&c, SB_SIDE_KERNEL);
	sb_config_parse(&c, cfg, strlen(cfg), SB_SIDE_KERNEL, reason,
			sizeof(reason));
	/* The point's own time, then the grace the host gave. */
	if (sb_kernel_run_config(cfg, c.duration_ms + c.warmup_ms + timeout_ms,
				 &text, reason, sizeof(reason)))
		return sb_vm_frame_failed(id, repeat, reason);
	frame = sb_vm_frame_record(id, repeat, text);
	free(text);
	return frame;
}

/* Every run of the points file, a frame each, in the file's order. */
static void sb_guest_run_points(FILE *f, int fd, unsigned long long timeout_ms)
{
	char line[8192];
	const char *id, *cfg;
	int repeat;

	while (fgets(line, sizeof(line), f)) {
		if (sb_vm_points_parse(line, &id, &repeat, &cfg))
			continue;
		sb_guest_send(fd, sb_guest_run_one(id, repeat, cfg,
						   timeout_ms));
	}
}

int sb_cmd_guest_run(int argc, char **argv)
{
	struct sb_guest_opts o;
	char err[512];
	int fd;
	FILE *f;

	if (sb_guest_parse(argc, argv, &o))
		return 2;
	fd = sb_guest_open_port(o.out);
	if (fd < 0)
		return 1;
	if (sb_guest_check_module(err, sizeof(err))) {
		sb_guest_send(fd, sb_vm_frame_error(err));
		return 1;
	}
	sb_guest_send_calibration(fd);
	sb_guest_send_machine(fd);
	f = fopen(o.points, "r");
	if (!f) {
		snprintf(err, sizeof(err), "cannot read %s in the guest: %s",
			 o.points, strerror(errno));
		sb_guest_send(fd, sb_vm_frame_error(err));
		return 1;
	}
	sb_guest_run_points(f, fd, o.timeout_ms);
	fclose(f);
	return 0;
}
