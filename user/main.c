// SPDX-License-Identifier: GPL-2.0
/*
 * syncbench-user: one benchmark point in userspace. The same config the
 * kernel module takes (key=value arguments, or the text on stdin with
 * "-"), the same result record on stdout. Exit status: 0 a record was
 * printed (status=failed records included), 2 bad input (one line on
 * stderr, nothing on stdout), 3 the run's worst-case memory does not fit
 * what this machine can spare (one line on stderr, nothing run), 1
 * internal error or an unwritable stdout.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "calib.h"
#include "child.h"
#include "clock.h"
#include "place.h"
#include "run.h"

#define PROG "syncbench-user"
#define SB_TIMEOUT_MAX_MS 3600000ULL

static int bad_input(const char *msg)
{
	fprintf(stderr, PROG ": %s\n", msg);
	return 2;
}

static void usage(FILE *f)
{
	unsigned int i, j;

	fprintf(f,
		"usage: " PROG " [--oversubscribe] [--timeout-ms N] [--no-fork]\n"
		"       " PROG "   [--calibration LIST] [--loop LIST] [key=value ...]\n"
		"       " PROG " [options] -       (config text on stdin)\n"
		"       " PROG " --calibrate [--oversubscribe] [cpus=LIST] [lat_sample=N]\n"
		"       " PROG " --list-prims | --help | --version\n"
		"\n"
		"Runs one point of the syncbench workload with pthreads and liburcu\n"
		"and prints its result record (key=value lines) on stdout.\n"
		"\n"
		"  --oversubscribe  allow more threads than allowed CPUs; CPUs that\n"
		"                   do not exist or are not allowed are folded onto\n"
		"                   the allowed ones in turn\n"
		"  --timeout-ms N   deadline of the point's child process, 1..%llu\n"
		"                   (default warmup_ms + duration_ms + 10000)\n"
		"  --no-fork        run in this process (sanitizers, debugging);\n"
		"                   no deadline, so not with --timeout-ms\n"
		"  --calibration LIST\n"
		"                   LIST (one argument): cpu=N,clock=tsc|monotonic,\n"
		"                   tsc_khz=N,timestamp_ps=N,harness_ns=N,\n"
		"                   spin_lock_unlock_ps=N, as --calibrate cpus=N\n"
		"                   printed them for the point's first CPU N (the\n"
		"                   driver's, once per matrix): taken instead of\n"
		"                   measured (tsc_khz checked against\n"
		"                   CLOCK_MONOTONIC: within 2%%); the record says\n"
		"                   calibration=matrix (else =point)\n"
		"  --loop LIST      LIST: lat_sample_used=N,loop_ps=N, the timed\n"
		"                   loop alone as an earlier point of the matrix\n"
		"                   with the same loop config measured it (the\n"
		"                   driver's): taken instead of measured, failing a\n"
		"                   point whose op_ns is under half of it; the record\n"
		"                   says loop_source=matrix (else =point)\n"
		"  --calibrate      clock calibration, time-stamp cost, bare\n"
		"                   pthread_spin_lock/unlock on the first CPU, and the\n"
		"                   timed loop alone (loop_ns) at lat_sample (default\n"
		"                   0, auto) on cpus (default: the CPU it starts on)\n"
		"  --list-prims     the primitives, one per line\n"
		"\nconfig keys:\n", SB_TIMEOUT_MAX_MS);
	for (i = 0; i < sb_nr_keys; i++) {
		const struct sb_key *k = &sb_keys[i];

		if (!(k->side & SB_SIDE_USER))
			continue;
		fprintf(f, "  %-12s ", k->name);
		switch (k->type) {
		case SB_KT_U64:
		case SB_KT_S64:
			fprintf(f, "[%lld..%lld]", (long long)k->min,
				(long long)k->max);
			break;
		case SB_KT_MILLI: {
			char lo[32], hi[32];

			sb_format_milli((sb_u64)k->min, lo, sizeof(lo));
			sb_format_milli((sb_u64)k->max, hi, sizeof(hi));
			fprintf(f, "[%s..%s, 3 decimals]", lo, hi);
			break;
		}
		case SB_KT_ENUM:
			fprintf(f, "%s", k->choices);
			break;
		case SB_KT_NAME:
			for (j = 0; j < sb_nr_prims; j++)
				fprintf(f, "%s%s", j ? "|" : "",
					sb_prims[j].info->name);
			break;
		case SB_KT_CPULIST:
			fprintf(f, "cpulist");
			break;
		}
		fprintf(f, " (default %s)\n      %s\n", k->def, k->help);
	}
	fprintf(f,
		"\nexit status: 0 a record was printed (status=failed ones too: a point\n"
		"that timed out, crashed or had its measuring window stretched), 2\n"
		"bad input (one line on stderr, nothing on stdout), 3 not enough\n"
		"memory: the run's worst case (list, buckets, bitmaps, quarantine,\n"
		"entries in flight, threads) exceeds half of MemAvailable (one line\n"
		"on stderr, nothing run), 1 internal error or a record stdout cannot\n"
		"take (one line on stderr).\n"
		"\nenvironment: SYNCBENCH_USER_CLOCK=monotonic forces the clock_gettime\n"
		"fallback. Test-only: SYNCBENCH_USER_TEST_HANG=1 / _CRASH=1 make the\n"
		"point's child hang / die of SIGSEGV (=PRIM: only points of PRIM);\n"
		"SYNCBENCH_USER_TEST_MEMAVAIL=BYTES stands for MemAvailable.\n");
}

static void cpu_model(char *buf, size_t len)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[512];

	sb_snprintf(buf, len, "unknown");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (strncmp(line, "model name", 10) || !colon)
			continue;
		colon += 1 + (colon[1] == ' ');
		colon[strcspn(colon, "\n")] = '\0';
		sb_snprintf(buf, len, "%s", colon);
		break;
	}
	fclose(f);
}

/* The keys --calibrate takes: those that shape the timed loop it measures. */
static const char *const calibrate_keys[] = { "cpus", "lat_sample" };

/* Every key in @text is one --calibrate takes; else 2 with the line said. */
static int calibrate_check_keys(const char *text, size_t len)
{
	char msg[160];
	size_t i = 0, k, kl;

	while (i < len) {
		if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n') {
			i++;
			continue;
		}
		for (kl = 0; i + kl < len && text[i + kl] != '=' &&
		     text[i + kl] != ' ' && text[i + kl] != '\t' &&
		     text[i + kl] != '\n'; kl++)
			;
		for (k = 0; k < SB_ARRAY_SIZE(calibrate_keys); k++)
			if (strlen(calibrate_keys[k]) == kl &&
			    !strncmp(calibrate_keys[k], text + i, kl))
				break;
		if (k == SB_ARRAY_SIZE(calibrate_keys)) {
			sb_snprintf(msg, sizeof(msg),
				    "--calibrate: key '%.*s' does not apply (accepted: cpus=LIST lat_sample=N)",
				    (int)(kl > 40 ? 40 : kl), text + i);
			return bad_input(msg);
		}
		while (i < len && text[i] != ' ' && text[i] != '\t' &&
		       text[i] != '\n')
			i++;
	}
	return 0;
}

/*
 * The clock, the bare lock on the first CPU and the harness under @cfg
 * (its lat_sample, auto by default, on its CPUs); see user/README.md.
 */
static int calibrate(const struct sb_config *cfg, int oversubscribe)
{
	struct sb_place place;
	struct sb_harness h;
	char err[SB_ERR_LEN], model[128];
	sb_u64 bare;
	int rc;

	rc = sb_place_init(&place, cfg, oversubscribe, err, sizeof(err));
	if (rc) {
		sb_place_fini(&place);
		if (rc == -2) {	/* not the input's fault */
			fprintf(stderr, PROG ": %s\n", err);
			return 1;
		}
		return bad_input(err);
	}
	sb_place_bind_self(&place, place.cpu[0]);
	sb_clock_init();
	cpu_model(model, sizeof(model));
	bare = sb_spin_bare_ps();
	sb_harness_measure(&place, cfg, &h);
	printf("clock=%s\n", sb_clk.use_tsc ? "tsc" : "monotonic");
	printf("tsc_khz=%llu\n", (unsigned long long)sb_clk.tsc_khz);
	printf("timestamp_ns=%llu\n", (unsigned long long)sb_clk.timestamp_ns);
	printf("timestamp_ps=%llu\n", (unsigned long long)sb_clk.timestamp_ps);
	printf("spin_lock_unlock_ns=%llu\n",
	       (unsigned long long)(bare + 500) / 1000);
	printf("spin_lock_unlock_ps=%llu\n", (unsigned long long)bare);
	printf("harness_ns=%llu\n", (unsigned long long)sb_clk.empty_ns);
	printf("lat_sample=%llu\n", (unsigned long long)cfg->lat_sample);
	printf("lat_sample_used=%llu\n", (unsigned long long)h.lat_sample);
	printf("loop_ns=%llu.%03llu\n", (unsigned long long)h.loop_ps / 1000,
	       (unsigned long long)h.loop_ps % 1000);
	printf("harness_loop_ps=%llu\n", (unsigned long long)h.loop_ps);
	printf("threads=%u\n", place.nr_threads);
	printf("cpu=%u\n", place.cpu[0]);
	printf("cpu_model=%s\n", model);
	sb_place_fini(&place);
	return 0;
}

/* The config text from stdin, at most SB_CONFIG_TEXT_MAX bytes. */
static int read_stdin(char *buf, size_t cap, size_t *len)
{
	size_t n = 0;

	for (;;) {
		ssize_t r = read(0, buf + n, cap - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		n += (size_t)r;
		if (n == cap)
			return -2;
	}
	*len = n;
	return 0;
}

/* Parse @text over @cfg; 0, or 2 with the one line said. */
static int parse_config(struct sb_config *cfg, const char *text, size_t len)
{
	char err[SB_ERR_LEN + 64], msg[SB_ERR_LEN + 128];
	struct sb_buf b;
	unsigned int k;

	if (!sb_config_parse(cfg, text, len, SB_SIDE_USER, err, sizeof(err)))
		return 0;
	if (strncmp(err, "unknown key", 11))
		return bad_input(err);
	/* An unknown key: say which ones there are. */
	sb_buf_init(&b, msg, sizeof(msg));
	sb_bprintf(&b, "%s (accepted:", err);
	for (k = 0; k < sb_nr_keys; k++)
		if (sb_keys[k].side & SB_SIDE_USER)
			sb_bprintf(&b, " %s", sb_keys[k].name);
	sb_bprintf(&b, ")");
	return bad_input(msg);
}

/*
 * What went to stdout reached it, or one line on stderr says why not (a
 * closed stdout, /dev/full, a full disk), and the exit status is 1.
 */
static int finish_stdout(int rc)
{
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, PROG ": cannot write to stdout: %s\n",
			strerror(errno));
		return 1;
	}
	return rc;
}

struct opts {
	int oversubscribe;
	int no_fork;
	int from_stdin;
	int calibrate;
	sb_u64 timeout_ms;	/* 0: the default */
	struct sb_calib cal;	/* --calibration; given = 0 without it */
};

/* --calibrate [--oversubscribe] [cpus=LIST] [lat_sample=N] */
static int calibrate_main(const struct opts *o, const char *text, size_t len)
{
	struct sb_config cfg;
	int cpu = sched_getcpu(), rc;

	if (o->no_fork || o->timeout_ms || o->cal.given || o->cal.loop_given)
		return bad_input("--calibrate runs in this process and measures: --no-fork, --timeout-ms, --loop and --calibration do not apply (accepted: --calibrate [--oversubscribe] [cpus=LIST] [lat_sample=N])");
	rc = calibrate_check_keys(text, len);
	if (rc)
		return rc;
	/* By default, on the CPU we are on, as the first thread of a point. */
	sb_config_default(&cfg, SB_SIDE_USER);
	memset(cfg.cpus, 0, sizeof(cfg.cpus));
	cfg.cpus[cpu / 64] = 1ULL << (cpu % 64);
	cfg.nr_cpus = 1;
	rc = parse_config(&cfg, text, len);
	if (rc)
		return rc;
	return finish_stdout(calibrate(&cfg, o->oversubscribe));
}

int main(int argc, char **argv)
{
	static char text[SB_CONFIG_TEXT_MAX + 2];
	char err[SB_ERR_LEN + 64], msg[SB_ERR_LEN + 128];
	struct opts o = { 0 };
	struct sb_config cfg;
	struct sb_mem_plan plan;
	struct sb_place place;
	size_t len = 0, tl;
	char *out;
	int i;

	/* Checked first: a point run for nobody to read is time wasted. */
	if (fcntl(1, F_GETFD) < 0) {
		fprintf(stderr, PROG ": stdout is closed: nowhere to print\n");
		return 1;
	}
	if (argc == 2 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return finish_stdout(0);
	}
	if (argc == 2 && !strcmp(argv[1], "--version")) {
		printf(PROG " %s (result schema %d)\n", SYNCBENCH_VERSION,
		       SB_RESULT_SCHEMA);
		return finish_stdout(0);
	}
	if (argc == 2 && !strcmp(argv[1], "--list-prims")) {
		for (i = 0; i < (int)sb_nr_prims; i++)
			printf("%s\n", sb_prims[i].info->name);
		return finish_stdout(0);
	}

	sb_config_default(&cfg, SB_SIDE_USER);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--calibrate")) {
			o.calibrate = 1;
		} else if (!strcmp(a, "--oversubscribe")) {
			o.oversubscribe = 1;
		} else if (!strcmp(a, "--no-fork")) {
			o.no_fork = 1;
		} else if (!strcmp(a, "--timeout-ms")) {
			if (i + 1 >= argc ||
			    sb_parse_u64(argv[i + 1], strlen(argv[i + 1]),
					 &o.timeout_ms) ||
			    !o.timeout_ms || o.timeout_ms > SB_TIMEOUT_MAX_MS) {
				sb_snprintf(msg, sizeof(msg),
					    "--timeout-ms: '%.32s' is not an integer in [1, %llu]",
					    i + 1 < argc ? argv[i + 1] : "",
					    SB_TIMEOUT_MAX_MS);
				return bad_input(msg);
			}
			i++;
		} else if (!strcmp(a, "--calibration")) {
			if (o.cal.given)
				return bad_input("--calibration given twice (accepted: once)");
			if (i + 1 >= argc)
				return bad_input("--calibration: no value (accepted: --calibration cpu=N,clock=tsc|monotonic,tsc_khz=N,timestamp_ps=N,harness_ns=N,spin_lock_unlock_ps=N)");
			if (sb_calib_parse(&o.cal, argv[++i], msg,
					   sizeof(msg)))
				return bad_input(msg);
		} else if (!strcmp(a, "--loop")) {
			if (o.cal.loop_given)
				return bad_input("--loop given twice (accepted: once)");
			if (i + 1 >= argc)
				return bad_input("--loop: no value (accepted: --loop lat_sample_used=N,loop_ps=N)");
			if (sb_calib_loop_parse(&o.cal, argv[++i], msg,
						sizeof(msg)))
				return bad_input(msg);
		} else if (!strcmp(a, "-")) {
			o.from_stdin = 1;
		} else if (!strcmp(a, "--help") || !strcmp(a, "--version") ||
			   !strcmp(a, "--list-prims")) {
			sb_snprintf(msg, sizeof(msg),
				    "%s must be the only argument (accepted: "
				    PROG " %s)", a, a);
			return bad_input(msg);
		} else if (a[0] == '-') {
			sb_snprintf(msg, sizeof(msg),
				    "unknown option '%.40s' (accepted: --oversubscribe "
				    "--timeout-ms N --no-fork --calibration LIST --loop LIST "
				    "--calibrate --list-prims --help --version, or "
				    "key=value)",
				    a);
			return bad_input(msg);
		} else {
			size_t al = strlen(a);

			if (len + al + 1 > SB_CONFIG_TEXT_MAX)
				return bad_input("config text longer than 4096 bytes");
			memcpy(text + len, a, al);
			len += al;
			text[len++] = '\n';
		}
	}
	if (o.from_stdin) {
		int rc;

		if (len)
			return bad_input("'-' (config on stdin) cannot be combined with key=value arguments");
		rc = read_stdin(text, SB_CONFIG_TEXT_MAX + 1, &len);
		if (rc == -2)
			return bad_input("config text on stdin longer than 4096 bytes");
		if (rc)
			return bad_input("cannot read the config from stdin");
	}
	if (o.calibrate)
		return calibrate_main(&o, text, len);
	/* A forked child is what a deadline can kill; this process is not. */
	if (o.no_fork && o.timeout_ms)
		return bad_input("--timeout-ms: cannot be honoured with --no-fork (the point runs in this process, which no deadline stops; accepted: one of the two)");
	i = parse_config(&cfg, text, len);
	if (i)
		return i;
	if (sb_prim_check(&cfg, err, sizeof(err)))
		return bad_input(err);
	/* Its worst case must fit what the machine can spare, as the module's. */
	if (sb_run_mem_plan(&cfg, &plan, err, sizeof(err))) {
		fprintf(stderr, PROG ": %s\n", err);
		return 3;
	}
	if (o.cal.loop_given && cfg.lat_sample &&
	    cfg.lat_sample != o.cal.loop_lat_sample) {
		sb_snprintf(err, sizeof(err),
			    "--loop: measured at lat_sample_used=%llu, but this point asks lat_sample=%llu (accepted: lat_sample_used=%llu)",
			    (unsigned long long)o.cal.loop_lat_sample,
			    (unsigned long long)cfg.lat_sample,
			    (unsigned long long)cfg.lat_sample);
		return bad_input(err);
	}
	i = sb_place_init(&place, &cfg, o.oversubscribe, err, sizeof(err));
	if (i) {
		sb_place_fini(&place);
		if (i == -2) {	/* not the input's fault: exit 1 */
			fprintf(stderr, PROG ": %s\n", err);
			return 1;
		}
		return bad_input(err);
	}
	if (o.cal.given && sb_calib_check(&o.cal, &place, err, sizeof(err))) {
		sb_place_fini(&place);
		return bad_input(err);
	}
	/* Not a failure: the point runs, the record says numa=no-numa:... */
	if (!place.numa && cfg.node >= 0)
		fprintf(stderr, PROG
			": note: no NUMA support here; node=%lld ignored, the list memory is first-touched\n",
			(long long)cfg.node);
	if (o.timeout_ms == 0)
		o.timeout_ms = cfg.warmup_ms + cfg.duration_ms + 10000;

	if (o.no_fork) {
		struct sb_result *r = malloc(sizeof(*r));
		struct sb_user_extra x;

		if (!r || sb_run_point(&cfg, &place, &o.cal, r, &x, err,
				       sizeof(err))) {
			fprintf(stderr, PROG ": %s\n", r ? err : "out of memory");
			free(r);
			sb_place_fini(&place);
			return 1;
		}
		out = sb_record_text(r, &x, &tl);
		free(r);
	} else {
		/*
		 * No sb_clock_init() here: the deadline is CLOCK_MONOTONIC,
		 * and the child calibrates (or takes --calibration) itself.
		 */
		out = sb_child_point(&cfg, &place, &o.cal, o.timeout_ms, &tl,
				     err, sizeof(err));
	}
	sb_place_fini(&place);
	if (!out) {
		fprintf(stderr, PROG ": %s\n", err);
		return 1;
	}
	fwrite(out, 1, tl, stdout);
	free(out);
	return finish_stdout(0);
}
