// SPDX-License-Identifier: GPL-2.0
/*
 * syncbench run: parse the matrix, check every backend and every value
 * before anything is written (bad input: exit 2, no directory touched), then
 * run each point x repeat through its backend, appending one record each to
 * the store before the next starts, and print the summary over repeats.
 *
 * Repeats are the outer loop within a backend (all points once, then all
 * again), so slow drift of the machine spreads over every point's repeats
 * instead of biasing whichever point ran last.
 */
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backend/backend.h"
#include "sb_result.h"
#include "cmd/commands.h"
#include "cmd/run_setup.h"
#include "store/load.h"
#include "store/machine.h"
#include "store/meta.h"
#include "store/record.h"
#include "store/store.h"
#include "store/summary.h"
#include "store/summary_csv.h"
#include "matrix/topology.h"
#include "util/now.h"
#include "util/util.h"

struct sb_run_cfg {
	struct sb_matrix m;
	struct sb_backend_opts bo;
	const char *out;
	int resume;
	int retry_failed;	/* with resume: redo repeats with no ok record */
	int dry_run;
	int quiet;
	int strict;	/* refuse to run on a machine warning */
};

static const char *sb_set_owned(const char *set);

/* The keys --set takes: the config table's, less the matrix's own. */
static void sb_run_usage_set_keys(FILE *f)
{
	unsigned int i;

	fprintf(f, "\n--set keys (common/sb_config.c; the others are the options above):\n");
	for (i = 0; i < sb_nr_keys; i++) {
		const struct sb_key *k = &sb_keys[i];

		if (sb_set_owned(k->name))
			continue;
		fprintf(f, "  %-12s ", k->name);
		if (k->type == SB_KT_ENUM)
			fprintf(f, "%s", k->choices);
		else
			fprintf(f, "%lld..%lld", (long long)k->min,
				(long long)k->max);
		fprintf(f, " (default %s)%s\n      %s\n", k->def,
			k->side == SB_SIDE_USER ? ", user backend only" :
			k->side == SB_SIDE_KERNEL ? ", kernel/vm only" : "",
			k->help);
	}
}

/* The catalogue's primitives, the sides that have each, and what it is. */
static void sb_run_usage_prims(FILE *f)
{
	unsigned int i;

	fprintf(f, "primitives (syncbench prims for families and capabilities):\n");
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];

		fprintf(f, "  %-14s %s%s\n      %s\n", p->name,
			p->sides & SB_SIDE_USER ? "user" : "",
			(p->sides & SB_SIDE_BOTH) == SB_SIDE_BOTH ?
			", kernel/vm" : p->sides & SB_SIDE_KERNEL ?
			"kernel/vm" : "", p->help);
	}
}

/* One line per matrix row of bench/matrix/dims.c. */
static void sb_run_usage_dims(FILE *f)
{
	char line[256];
	unsigned int i;

	fprintf(f, "matrix (comma lists):\n");
	for (i = 0; i < sb_nr_dims; i++) {
		sb_dim_usage(&sb_dims[i], line, sizeof(line));
		fputs(line, f);
	}
}

static void sb_run_usage(FILE *f)
{
	fprintf(f,
"usage: syncbench run [options] -o DIR\n"
"Run every point of a matrix (the product of the comma lists) --repeat times\n"
"and store one record per run in DIR (points.jsonl, points.csv, meta.json,\n"
"topology.xml, summary.json).\n"
"\n");
	sb_run_usage_dims(f);
	fprintf(f,
"run:\n"
"  --duration D        measured time per run, e.g. 1s, 200ms [1s]\n"
"  --warmup D          warm-up before measuring             [100ms]\n"
"  --repeat N          runs per point (3 or more for an interval) [3]\n"
"  --set 'K=V ...'     more config keys (listed below); V may be a comma list,\n"
"                      an axis of the matrix: --set rcu_free=sync,async\n"
"  --timeout D         grace beyond a point's own time before it is failed [30s]\n"
"  -o, --output DIR    the run's store, e.g. results/NAME (required); it must\n"
"                      be yours: another user's directory is refused\n"
"  --resume            complete the run in DIR: skip the records already there\n"
"                      (failed ones too, unless --retry-failed)\n"
"  --retry-failed      with --resume only: also run again every point x repeat\n"
"                      whose records all failed; the failed records stay in\n"
"                      points.jsonl, the new one is appended, and summary,\n"
"                      plots, report and compare count its newest ok record\n"
"  --dry-run           print the plan and the points, run nothing (points\n"
"                      differing only in values without effect, e.g.\n"
"                      --perturb-pct with --perturb off, are one point)\n"
"  --strict            refuse to run (exit 2) where the machine would get a\n"
"                      warning: a cpufreq governor other than performance,\n"
"                      lock debugging in the kernel, a busy machine\n"
"  -q, --quiet         no plan, no progress, no summary table\n"
"vm backend:\n"
"  --vm-cpus N         guest CPUs                           [2]\n"
"  --vm-numa N         guest NUMA nodes (CPUs split evenly) [1]\n"
"  --vm-mem MIB        guest memory                         [1024]\n"
"  --vm-accel A        tcg, kvm or auto (KVM if it works, else TCG) [auto]\n"
"  --vm-kernel FILE    kernel image [newest /boot/vmlinuz-*-amd64]\n"
"  --vm-module FILE    syncbench.ko built for that kernel [build/kmod/syncbench.ko]\n"
"\n"
"Exit status: 0 every record ok (or stopped: a race run ended early on its\n"
"full quarantine, measured up to then), 1 some point failed (recorded with its\n"
"reason) or the store could not be written, 2 bad input (nothing written),\n"
"130 interrupted (what finished is stored; complete it with --resume).\n");
	sb_run_usage_set_keys(f);
	sb_run_usage_prims(f);
}

/* getopt values: a matrix row is O_DIM + its index in sb_dims. */
enum {
	O_DIM = 256,
	O_DURATION = O_DIM + SB_MAX_DIMS, O_WARMUP, O_REPEAT, O_SET,
	O_TIMEOUT, O_RESUME, O_RETRY, O_DRY, O_VMCPUS, O_VMNUMA, O_VMMEM,
	O_VMACCEL, O_VMKERNEL, O_VMMODULE, O_STRICT,
};

/* The options that are not matrix dimensions. */
static const struct option sb_run_own_opts[] = {
	{ "duration", required_argument, NULL, O_DURATION },
	{ "warmup", required_argument, NULL, O_WARMUP },
	{ "repeat", required_argument, NULL, O_REPEAT },
	{ "set", required_argument, NULL, O_SET },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "output", required_argument, NULL, 'o' },
	{ "resume", no_argument, NULL, O_RESUME },
	{ "retry-failed", no_argument, NULL, O_RETRY },
	{ "dry-run", no_argument, NULL, O_DRY },
	{ "strict", no_argument, NULL, O_STRICT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "vm-cpus", required_argument, NULL, O_VMCPUS },
	{ "vm-numa", required_argument, NULL, O_VMNUMA },
	{ "vm-mem", required_argument, NULL, O_VMMEM },
	{ "vm-accel", required_argument, NULL, O_VMACCEL },
	{ "vm-kernel", required_argument, NULL, O_VMKERNEL },
	{ "vm-module", required_argument, NULL, O_VMMODULE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* The long options: one per row of the dimension table, then the run's. */
static const struct option *sb_run_options(void)
{
	static struct option opts[SB_MAX_DIMS +
				  SB_ARRAY_SIZE(sb_run_own_opts)];
	unsigned int i;

	for (i = 0; i < sb_nr_dims; i++) {
		opts[i].name = sb_dims[i].opt;
		opts[i].has_arg = required_argument;
		opts[i].flag = NULL;
		opts[i].val = O_DIM + (int)i;
	}
	memcpy(&opts[i], sb_run_own_opts, sizeof(sb_run_own_opts));
	return opts;
}

static volatile sig_atomic_t sb_stop_sig;

static int sb_bad(const char *fmt, const char *a, const char *b)
{
	sb_errf("syncbench run: ");
	sb_errf(fmt, a, b);
	sb_errf("\n");
	return 2;
}

static int sb_parse_int(const char *opt, const char *s, int lo, int hi,
			int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < lo || v > hi) {
		sb_errf("syncbench run: --%s '%s': give an integer from %d to %d\n",
			opt, s, lo, hi);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/*
 * --set keys that the matrix or run options own: set there, they would run
 * under a point id and "matrix" that say otherwise. The option(s), or NULL.
 * The answer lives in a static buffer until the next call.
 */
static const char *sb_set_owned(const char *set)
{
	static char owner[128];
	const char *k = set;
	size_t kl;

	/* key=value pairs separated by whitespace, as the config parser. */
	for (;;) {
		k += strspn(k, " \t\r\n");
		if (!*k)
			return NULL;
		kl = strcspn(k, "= \t\r\n");
		if (sb_dims_key_owner(k, kl, owner, sizeof(owner)))
			return owner;
		k += strcspn(k, " \t\r\n");
	}
}

static void sb_run_defaults(struct sb_run_cfg *c)
{
	memset(c, 0, sizeof(*c));
	sb_matrix_default(&c->m);
	c->bo.timeout_ms = 30000;
	c->bo.vm_cpus = 2;
	c->bo.vm_numa = 1;
	c->bo.vm_mem_mib = 1024;
	c->bo.vm_accel = "auto";
}

/* --set: valid keys, none of them the matrix's, lists. 0, or 2 (reported). */
static int sb_run_parse_set(struct sb_run_cfg *c, const char *arg)
{
	char err[SB_ERR_LEN + 256];

	if (sb_sets_add(&c->m.sets, arg, err, sizeof(err)))
		return sb_bad("%s%s", err, "");
	return 0;
}

/*
 * --duration and --warmup within their config key's range (duration_ms,
 * warmup_ms: what one run may take), named by the option, not by the key
 * the points would have failed on. 0, or 2 (reported).
 */
static int sb_run_check_time(const char *opt, const char *arg,
			     unsigned long long ms)
{
	unsigned int i, j;

	for (i = 0; i < sb_nr_run_keys; i++) {
		if (strcmp(sb_run_keys[i].opt, opt))
			continue;
		for (j = 0; j < sb_nr_keys; j++)
			if (!strcmp(sb_keys[j].name, sb_run_keys[i].key) &&
			    ms > (unsigned long long)sb_keys[j].max) {
				sb_errf("syncbench run: --%s %s: at most %lldms "
					"(%llds) per run\n", opt, arg,
					(long long)sb_keys[j].max,
					(long long)sb_keys[j].max / 1000);
				return 2;
			}
	}
	return 0;
}

/* --duration, --warmup, --timeout. 0, or 2 (reported). */
static int sb_run_parse_time(struct sb_run_cfg *c, int opt, const char *arg)
{
	unsigned long long *ms = opt == O_DURATION ? &c->m.duration_ms :
		opt == O_WARMUP ? &c->m.warmup_ms : &c->bo.timeout_ms;
	const char *name = opt == O_DURATION ? "duration" :
		opt == O_WARMUP ? "warmup" : "timeout";
	char err[512];

	if (sb_parse_duration_ms(arg, ms, err, sizeof(err)))
		return sb_bad("--%s: %s", name, err);
	if (opt == O_DURATION && !*ms)
		return sb_bad("--duration must be at least 1ms%s%s", "", "");
	return opt == O_TIMEOUT ? 0 : sb_run_check_time(name, arg, *ms);
}

/* The vm backend's options. 0, or 2 (reported). */
static int sb_run_parse_vm(struct sb_run_cfg *c, int opt, const char *arg)
{
	switch (opt) {
	case O_VMCPUS:
		return sb_parse_int("vm-cpus", arg, 1, 64, &c->bo.vm_cpus) ?
			2 : 0;
	case O_VMNUMA:
		return sb_parse_int("vm-numa", arg, 1, 8, &c->bo.vm_numa) ?
			2 : 0;
	case O_VMMEM:
		return sb_parse_int("vm-mem", arg, 256, 65536,
				    &c->bo.vm_mem_mib) ? 2 : 0;
	case O_VMACCEL:
		if (strcmp(arg, "tcg") && strcmp(arg, "kvm") &&
		    strcmp(arg, "auto"))
			return sb_bad("--vm-accel '%s': use tcg, kvm or auto%s",
				      arg, "");
		c->bo.vm_accel = arg;
		return 0;
	case O_VMKERNEL:
		c->bo.vm_kernel = arg;
		return 0;
	case O_VMMODULE:
		c->bo.vm_module = arg;
		return 0;
	default:
		abort();	/* getopt_long returns the table's values only */
	}
}

/* One option other than a matrix dimension. 0, or 2 (reported). */
static int sb_run_parse_opt(struct sb_run_cfg *c, int opt, const char *arg)
{
	switch (opt) {
	case O_DURATION:
	case O_WARMUP:
	case O_TIMEOUT:
		return sb_run_parse_time(c, opt, arg);
	case O_REPEAT:
		return sb_parse_int("repeat", arg, 1, 1000, &c->m.repeat) ?
			2 : 0;
	case O_SET:
		return sb_run_parse_set(c, arg);
	case 'o':
		c->out = arg;
		return 0;
	case O_RESUME:
		c->resume = 1;
		return 0;
	case O_RETRY:
		c->retry_failed = 1;
		return 0;
	case O_DRY:
		c->dry_run = 1;
		return 0;
	case O_STRICT:
		c->strict = 1;
		return 0;
	case 'q':
		c->quiet = 1;
		return 0;
	default:
		return sb_run_parse_vm(c, opt, arg);
	}
}

/* What the options say together. -1 (go on), or 2 (reported). */
static int sb_run_check_args(struct sb_run_cfg *c, int placement_set)
{
	/* --cpus alone means --placement explicit. */
	if (c->m.nexplicit && !placement_set) {
		struct sb_dim_list *l = &c->m.dim[sb_dim_of_kind(
						SB_DIM_PLACEMENT) - sb_dims];

		l->n = 1;
		l->v[0].u = SB_PLACE_EXPLICIT;
	}
	if (c->retry_failed && !c->resume)
		return sb_bad("--retry-failed completes a stored run: use it with --resume%s%s",
			      "", "");
	if (!c->out && !c->dry_run)
		return sb_bad("no result directory: pass -o results/NAME%s%s",
			      "", "");
	if (c->out && !*c->out)
		return sb_bad("-o: empty directory name: pass -o results/NAME%s%s",
			      "", "");
	c->bo.store_dir = c->out;
	c->bo.quiet = c->quiet;
	c->bo.stop = &sb_stop_sig;
	return -1;
}

/* 0 after --help, 2 for bad input (reported), -1 when parsed: go on. */
static int sb_run_parse(int argc, char **argv, struct sb_run_cfg *c)
{
	const struct option *opts = sb_run_options();
	int opt, placement_set = 0, n_dims = (int)sb_nr_dims;
	char err[512];

	sb_run_defaults(c);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+o:qh", opts, NULL)) != -1) {
		if (opt >= O_DIM && opt < O_DIM + n_dims) {
			const struct sb_dim *d = &sb_dims[opt - O_DIM];

			placement_set |= d->kind == SB_DIM_PLACEMENT;
			if (sb_matrix_set(&c->m, d->opt, optarg, err,
					  sizeof(err)))
				return sb_bad("%s%s", err, "");
		} else if (opt == 'h') {
			sb_run_usage(stdout);
			return 0;
		} else if (opt == '?' || opt == ':') {
			return sb_bad("unknown or incomplete option '%s'%s: see syncbench run "
				      "--help",
				      argv[optind - 1], "");
		} else if (sb_run_parse_opt(c, opt, optarg)) {
			return 2;
		}
	}
	if (optind < argc)
		return sb_bad("unexpected argument '%s'%s: options only, see syncbench run --help",
			      argv[optind], "");
	return sb_run_check_args(c, placement_set);
}

/* Questions to a backend's descriptor, for sb_run_has_backend. */
static int sb_bk_guest(const struct sb_backend_desc *d)
{
	return d->topo == SB_BK_TOPO_GUEST;
}

static int sb_bk_tmpdir(const struct sb_backend_desc *d)
{
	return !!(d->caps & SB_BKC_TMPDIR);
}

static int sb_bk_starts(const struct sb_backend_desc *d)
{
	return d->start_ms > 0;
}

/* Does the matrix name a backend that is(desc)? */
static int sb_run_has_backend(const struct sb_run_cfg *c,
			      int (*is)(const struct sb_backend_desc *))
{
	const struct sb_dim_list *l = sb_matrix_list(&c->m, SB_DIM_BACKEND);
	int i;

	for (i = 0; i < l->n; i++)
		if (is(&sb_backend_descs[l->v[i].u]))
			return 1;
	return 0;
}

/* The matrix as meta.json records it; compared on --resume. */
static json_t *sb_matrix_json(const struct sb_run_cfg *c)
{
	const struct sb_matrix *m = &c->m;
	json_t *o = json_object();

	sb_matrix_dims_json(m, o);
	json_object_set_new(o, "duration_ms", json_integer(m->duration_ms));
	json_object_set_new(o, "warmup_ms", json_integer(m->warmup_ms));
	json_object_set_new(o, "set", json_string(m->sets.text));
	if (sb_run_has_backend(c, sb_bk_guest))
		json_object_set_new(o, "vm", json_pack(
			"{s:i,s:i,s:i}", "cpus", c->bo.vm_cpus,
			"numa", c->bo.vm_numa, "mem_mib", c->bo.vm_mem_mib));
	json_object_set_new(o, "repeat", json_integer(m->repeat));
	return o;
}

static void sb_on_signal(int sig)
{
	sb_stop_sig = sig;
}

static void sb_fmt_time(char *buf, size_t len, long long ms)
{
	long long s = (ms + 999) / 1000;

	if (s >= 3600)
		snprintf(buf, len, "%lld:%02lld:%02lld", s / 3600,
			 s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%lld:%02lld", s / 60, s % 60);
}


struct sb_progress {
	int tty;
	int quiet;
	int total;
	int done;
	int failed;
	long long start_ms;
	long long est_left_ms;
};

static void sb_progress(struct sb_progress *pg, const struct sb_task *t,
			const char *status, long long run_est_ms)
{
	char eta[32];
	long long spent = sb_now_ms() - pg->start_ms, left;

	if (pg->quiet)
		return;
	pg->est_left_ms -= run_est_ms;
	/* Measured pace once there is one; the plan's estimate before. */
	left = pg->done ? spent * (pg->total - pg->done) / pg->done :
		pg->est_left_ms;
	if (pg->est_left_ms > left && pg->done < 3)
		left = pg->est_left_ms;
	sb_fmt_time(eta, sizeof(eta), left);
	if (pg->tty)
		fprintf(stderr, "\r\033[K[%d/%d] %3d%% %s #%d %s  ETA %s",
			pg->done, pg->total, pg->done * 100 / pg->total,
			t->point->id, t->repeat, status, eta);
	else
		sb_errf("[%d/%d] %s repeat %d: %s (ETA %s)\n",
			pg->done, pg->total, t->point->id, t->repeat, status,
			eta);
}

/*
 * The progress line's status of a stored record: ok and its rate, or why.
 * 1 when the record is a measurement (ok, or stopped early with its reason).
 */
static int sb_record_status(const json_t *rec, char *s, size_t len)
{
	const char *status = json_string_value(json_object_get(rec, "status"));
	const char *why = json_string_value(json_object_get(rec, "reason"));
	long long rate = json_integer_value(json_object_get(rec,
							    "ops_per_sec"));

	if (status && !strcmp(status, "ok")) {
		snprintf(s, len, "ok %lld ops/s", rate);
		return 1;
	}
	if (sb_store_rec_ok(rec)) {
		snprintf(s, len, "%s %lld ops/s: %s", status, rate,
			 why ? why : "");
		return 1;
	}
	snprintf(s, len, "%s: %s", status ? status : "?", why ? why : "");
	return 0;
}

/*
 * One task's record: the backend's, or a failed one with the reason (the
 * backend's start error in err, when it did not start). NULL when
 * interrupted: not a result; --resume redoes it.
 */
static json_t *sb_run_one(struct sb_backend *b, const struct sb_task *t,
			  const char *start_err)
{
	char reason[SB_REASON_LEN], err[512];
	long long t0 = sb_now_ms();
	char *text = NULL;
	json_t *rec;

	*reason = '\0';
	if (*start_err)
		snprintf(reason, sizeof(reason), "%s", start_err);
	else if (b->run_point(b, t->point, t->repeat, &text, reason,
			      sizeof(reason)))
		text = NULL;
	if (sb_stop_sig) {
		free(text);
		return NULL;
	}
	rec = text ? sb_record_json(text, strlen(text), reason,
				    sizeof(reason)) : NULL;
	if (!rec) {
		free(text);
		text = sb_record_failed_text(t->point, reason);
		rec = sb_record_json(text, strlen(text), err, sizeof(err));
	}
	free(text);
	sb_record_add_driver_keys(rec, t->point, t->repeat, b->emulated);
	/* What the backend took: the driver's share is the rest. */
	json_object_set_new(rec, "run_wall_ms", json_integer(sb_now_ms() - t0));
	return rec;
}

/* Stop a backend and keep what it reports (vm calibration) in meta. */
static void sb_run_stop_backend(struct sb_backend *b, json_t *meta)
{
	json_t *det = json_object_get(json_object_get(meta, "backends"),
				      b->name);

	b->stop(b, det);
	if (json_object_get(det, "calibration"))
		json_object_set(json_object_get(meta, "calibration"), b->name,
				json_object_get(det, "calibration"));
}

/* The tasks of backend b: where they start, how many. */
static struct sb_task *sb_backend_tasks(struct sb_task *tasks, int ntasks,
					int b, int *n)
{
	struct sb_task *first = NULL;
	int i;

	*n = 0;
	for (i = 0; i < ntasks; i++)
		if (tasks[i].point->backend->index == (unsigned int)b) {
			if (!first)
				first = &tasks[i];
			(*n)++;
		}
	return first;
}

/* Run n tasks on backend b, storing each. 0, 1 (some failed), 3 (store). */
static int sb_run_backend(struct sb_run_cfg *c, struct sb_store *st,
			  struct sb_backend *b, const struct sb_task *first,
			  int n, struct sb_progress *pg)
{
	long long run_ms = (long long)c->m.duration_ms + c->m.warmup_ms;
	char err[512] = "", s[SB_REASON_LEN + 64];
	int i, rc = 0;

	if (b->start(b, first, n, err, sizeof(err)))
		/* Every point of this backend fails, with the reason. */
		sb_errf("%ssyncbench run: %s backend: %s\n",
			pg->tty && !pg->quiet ? "\n" : "", b->name, err);
	for (i = 0; i < n && !sb_stop_sig; i++) {
		const struct sb_task *t = &first[i];
		json_t *rec;

		if (pg->tty && !pg->quiet)
			fprintf(stderr, "\r\033[K[%d/%d] %3d%% running %s #%d",
				pg->done, pg->total, pg->done * 100 / pg->total,
				t->point->id, t->repeat);
		rec = sb_run_one(b, t, err);
		if (!rec)
			break;
		if (sb_store_append(st, rec, s, sizeof(s))) {
			sb_errf("\nsyncbench run: %s\n", s);
			json_decref(rec);
			return 3;	/* the store failed: see sb_cmd_run */
		}
		pg->done++;
		if (!sb_record_status(rec, s, sizeof(s))) {
			pg->failed++;
			rc = 1;
		}
		/* The start (a boot) is behind us after the first. */
		sb_progress(pg, t, s, run_ms + t->point->backend->point_ms +
			    (!i ? t->point->backend->start_ms : 0));
		json_decref(rec);
	}
	return rc;
}

static int sb_run_tasks(struct sb_run_cfg *c, struct sb_store *st,
			struct sb_backend *bk[SB_NR_BACKENDS], struct sb_task *tasks,
			int ntasks, json_t *meta)
{
	/* meta: this session's part of meta.json (backends, calibration). */
	struct sb_progress pg = {
		.tty = isatty(2), .quiet = c->quiet, .total = ntasks,
		.start_ms = sb_now_ms(),
	};
	long long run_ms = (long long)c->m.duration_ms + c->m.warmup_ms;
	int i, b, r, rc = 0;

	for (i = 0; i < ntasks; i++)
		pg.est_left_ms += run_ms + tasks[i].point->backend->point_ms;
	for (b = 0; b < SB_NR_BACKENDS && !sb_stop_sig; b++) {
		int n;
		struct sb_task *first = sb_backend_tasks(tasks, ntasks, b, &n);

		if (!n)
			continue;
		pg.est_left_ms += sb_backend_descs[b].start_ms;
		r = sb_run_backend(c, st, bk[b], first, n, &pg);
		if (r == 3)
			return 3;
		rc |= r;
		sb_run_stop_backend(bk[b], meta);
	}
	if (pg.tty && !pg.quiet)
		sb_errf("\n");
	if (sb_stop_sig) {
		sb_errf("syncbench run: interrupted; %d record%s stored, complete the run with "
			"--resume\n",
			pg.done, pg.done == 1 ? "" : "s");
		return 130;
	}
	if (pg.failed && !c->quiet)
		sb_errf("syncbench run: %d of %d runs failed (see \"reason\" in "
				"points.jsonl)\n",
			pg.failed, pg.done);
	return rc;
}

/*
 * A dimension added since the run was stored is absent from its matrix:
 * at its default (one value, the row's default) it is the same matrix.
 */
static void sb_drop_new_defaults(const json_t *old, json_t *now)
{
	unsigned int i;

	for (i = 0; i < sb_nr_dims; i++) {
		const struct sb_dim *d = &sb_dims[i];
		union sb_dim_value v;
		char why[SB_ERR_LEN];
		json_t *def, *cur = json_object_get(now, d->name);

		if (!cur || json_object_get(old, d->name) || !d->def ||
		    sb_dim_parse(d, d->def, &v, why, sizeof(why)))
			continue;
		def = json_array();
		json_array_append_new(def, sb_dim_value_json(d, &v));
		if (json_equal(def, cur))
			json_object_del(now, d->name);
		json_decref(def);
	}
}

/* The stored run's schema and repeats: what this --resume may add to. */
static int sb_check_resume_store(const struct sb_run_cfg *c, json_t *meta,
				 const json_t *old)
{
	json_int_t schema = json_integer_value(json_object_get(meta, "schema"));
	json_int_t had = json_integer_value(json_object_get(old, "repeat"));

	if (schema > SB_STORE_SCHEMA) {
		sb_errf("syncbench run: %s was written by a newer syncbench (store schema %lld, "
			"this one writes %d): resume it with that version\n",
			c->out, (long long)schema, SB_STORE_SCHEMA);
		return -1;
	}
	if (had > c->m.repeat) {
		sb_errf("syncbench run: %s holds %lld repeats; --resume with --repeat %lld or "
			"more (it may grow, never shrink)\n",
			c->out, (long long)had, (long long)had);
		return -1;
	}
	return 0;
}

/* --resume: the stored run must be this matrix (more repeats allowed). */
static int sb_check_resume(const struct sb_run_cfg *c, json_t *meta,
			   json_t *mx)
{
	json_t *old = json_object_get(meta, "matrix"), *a, *b;
	int same;

	if (sb_check_resume_store(c, meta, old))
		return -1;
	if (!old)
		return 0;
	a = json_deep_copy(old);
	b = json_deep_copy(mx);
	json_object_del(a, "repeat");
	json_object_del(b, "repeat");
	sb_drop_new_defaults(a, b);
	same = json_equal(a, b);
	json_decref(a);
	json_decref(b);
	if (!same) {
		char *was = json_dumps(old, JSON_COMPACT);

		sb_errf("syncbench run: %s holds a run of another matrix (%s): resume with the "
			"same options (only --repeat may grow), or choose another -o\n",
			c->out, was);
		free(was);
		return -1;
	}
	return 0;
}

/* The plan line: how many runs, how many already stored, how long. */
static void sb_print_plan(const struct sb_run_cfg *c, FILE *f, int npts,
			  int have, int ntasks, long long est, int vm)
{
	char t[32];

	sb_fmt_time(t, sizeof(t), est);
	fprintf(f,
		"plan: %d point%s x %d repeat%s = %d runs, %d already stored, %d to run, "
		"estimated %s%s\n",
		npts, npts == 1 ? "" : "s", c->m.repeat,
		c->m.repeat == 1 ? "" : "s", npts * c->m.repeat, have, ntasks,
		t, vm ? " (VM boot included, once)" : "");
}

/* After the plan: the impossible points that were left out. */
static void sb_print_excluded(const struct sb_excluded *ex,
			      const struct sb_excluded *unoffered, FILE *f)
{
	if (ex->n)
		fprintf(f, "excluded: %d impossible point%s, e.g. %s\n", ex->n,
			ex->n == 1 ? "" : "s", ex->why);
	if (unoffered->n)
		fprintf(f, "excluded: %d point%s of a primitive the backend does "
			"not offer, e.g. %s\n", unoffered->n,
			unoffered->n == 1 ? "" : "s", unoffered->why);
	if (ex->collapsed)
		fprintf(f, "note: %d point%s differed from another only in "
			"values without effect, run once, e.g. %s\n",
			ex->collapsed, ex->collapsed == 1 ? "" : "s",
			ex->collapsed_why);
	if (*ex->set_dup)
		fprintf(f, "note: %s: run once\n", ex->set_dup);
}

/*
 * Points whose roles leave no reader (updaters = threads) are run, as the
 * user asked, but said: they measure updates alone.
 */
static void sb_print_no_readers(const struct sb_point *pts, int npts,
				FILE *f)
{
	const char *first = NULL;
	struct sb_config cfg;
	char why[SB_ERR_LEN];
	int i, n = 0;

	for (i = 0; i < npts; i++) {
		sb_config_default(&cfg, SB_SIDE_BOTH);
		if (sb_config_parse_keys(&cfg, pts[i].config,
					 strlen(pts[i].config), SB_SIDE_BOTH,
					 why, sizeof(why)) ||
		    !cfg.updaters || cfg.updaters < cfg.nr_cpus)
			continue;
		if (!n++)
			first = pts[i].id;
	}
	if (n)
		fprintf(f, "note: %d point%s no reader thread (updaters = "
			"threads: updates alone), e.g. %s\n", n,
			n == 1 ? " has" : "s have", first);
}

/* Everything one `syncbench run` holds between its phases. */
struct sb_run_state {
	struct sb_run_cfg *c;
	struct sb_backend *bk[SB_NR_BACKENDS];	/* by descriptor index */
	hwloc_topology_t topo[SB_NR_BACKENDS], host, guest;
	struct sb_point *pts;
	int npts;
	struct sb_excluded ex;	/* points the catalogue forbids, left out */
	struct sb_excluded unoffered;	/* a primitive its backend lacks */
	struct sb_task *tasks;
	int ntasks, have;	/* to run, already stored */
	long long est;		/* ms the tasks should take */
	json_t *backends;	/* what check() found, until meta holds it */
	json_t *mx;		/* the matrix, as meta.json stores it */
	json_t *old;		/* --resume: the stored records */
	json_t *prev_meta;	/* --resume: the stored meta.json */
	json_t *meta;		/* the meta.json to write */
	json_t *session;	/* this session's part of it */
	json_t *machine;	/* the host's state before the run */
	struct sb_store st;
	char err[1024];
};

/* The host's topology, and the guest's when a backend runs in one. */
static int sb_run_topos(struct sb_run_state *s)
{
	const struct sb_run_cfg *c = s->c;
	unsigned int i;

	if (sb_topo_load(&s->host, NULL, NULL, s->err, sizeof(s->err)))
		return -1;
	if (sb_run_has_backend(c, sb_bk_guest) &&
	    sb_topo_load_vm(&s->guest, c->bo.vm_cpus, c->bo.vm_numa, s->err,
			    sizeof(s->err)))
		return -1;
	/* A guest's topology is loaded only when a listed backend uses it. */
	for (i = 0; i < SB_NR_BACKENDS; i++)
		s->topo[i] = sb_bk_guest(&sb_backend_descs[i]) && s->guest ?
			s->guest : s->host;
	return 0;
}

/* Can backend b run here, and does it offer every primitive? */
static int sb_run_check_backend(struct sb_run_state *s, struct sb_backend *b)
{
	const struct sb_backend_desc *alt = sb_backend_rootless(b->desc);
	json_t *det;

	if (b->desc->needs_root && geteuid() != 0) {
		snprintf(s->err, sizeof(s->err),
			 "%s backend: needs root: run syncbench as root%s%s",
			 b->name, alt ? ", or use --backend " : "",
			 alt ? alt->name : "");
		return -1;
	}
	det = json_object();
	b->opts = &s->c->bo;
	if (b->check(b, det, s->err, sizeof(s->err))) {
		json_decref(det);
		return -1;
	}
	json_object_set_new(s->backends, b->name, det);
	return 0;
}

/* Every --prim must be offered by one backend of the matrix at least. */
static int sb_run_check_prims(struct sb_run_state *s)
{
	const struct sb_dim_list *prims = sb_matrix_list(&s->c->m, SB_DIM_PRIM);
	struct sb_prim_set all = { { 0 } };
	char list[2 * SB_PRIM_NAMES_LEN];
	int i, j, b;

	for (b = 0; b < SB_NR_BACKENDS; b++)
		for (i = 0; s->bk[b] && i < SB_NR_PRIMS; i++)
			all.has[i] |= s->bk[b]->prims.has[i];
	for (j = 0; j < prims->n; j++) {
		i = sb_prim_info_index(prims->v[j].name);
		if (i < SB_NR_PRIMS && all.has[i])
			continue;
		sb_prim_set_names(&all, list, sizeof(list));
		snprintf(s->err, sizeof(s->err),
			 "unknown primitive '%s' for the backends of this run: choose from %s",
			 prims->v[j].name, list);
		return -1;
	}
	return 0;
}

/*
 * A point of a primitive its backend does not offer (a userspace-only
 * lock on the vm backend) is left out, as the plan says: a matrix of both
 * backends runs each primitive where it exists.
 */
static void sb_run_drop_unoffered(struct sb_run_state *s)
{
	int i, n = 0;

	for (i = 0; i < s->npts; i++) {
		const struct sb_point *p = &s->pts[i];

		if (sb_backend_has_prim(s->bk[p->backend->index], p->prim)) {
			s->pts[n++] = *p;
			continue;
		}
		if (!s->unoffered.n++)
			snprintf(s->unoffered.why, sizeof(s->unoffered.why),
				 "%s: the %s backend has no %s", p->id,
				 p->backend->name, p->prim);
	}
	s->npts = n;
}

static int sb_run_check_backends(struct sb_run_state *s)
{
	const struct sb_dim_list *l = sb_matrix_list(&s->c->m, SB_DIM_BACKEND);
	int i;

	s->backends = json_object();
	for (i = 0; i < l->n; i++) {
		struct sb_backend *b =
			sb_backend_get(&sb_backend_descs[l->v[i].u]);

		if (sb_run_check_backend(s, b))
			return -1;
		s->bk[l->v[i].u] = b;
	}
	if (sb_run_check_prims(s))
		return -1;
	sb_run_drop_unoffered(s);
	if (!s->npts) {
		snprintf(s->err, sizeof(s->err),
			 "no point of the matrix is offered by its backend: %s",
			 s->unoffered.why);
		return -1;
	}
	return 0;
}

/*
 * --resume: the stored meta (it must be this matrix) and records, with
 * --dry-run too; without it, a directory holding a run is refused (with
 * --dry-run, ignored). 0, -1 (bad: s->err), 2 (bad,
 * reported).
 */
static int sb_run_load_stored(struct sb_run_state *s)
{
	const struct sb_run_cfg *c = s->c;
	char mp[PATH_MAX + 16];
	json_t *om;

	/* --dry-run --resume counts what the real resume would skip. */
	if (!c->out || !sb_store_exists(c->out) || (c->dry_run && !c->resume))
		return 0;
	if (!c->resume) {
		snprintf(s->err, sizeof(s->err),
			 "%s already holds a run: pass --resume to complete it, or choose another "
			 "-o",
			 c->out);
		return -1;
	}
	om = sb_store_load_meta(c->out, s->err, sizeof(s->err));
	/*
	 * No meta.json at all is a run killed before writing it; one that
	 * cannot be read cannot be checked against this matrix, and would be
	 * overwritten.
	 */
	snprintf(mp, sizeof(mp), "%s/meta.json", c->out);
	if (!om && access(mp, F_OK) != -1) {
		snprintf(s->err + strlen(s->err), sizeof(s->err) - strlen(s->err),
			 " (restore it, or choose another -o)");
		return -1;
	}
	if (om && sb_check_resume(c, om, s->mx)) {
		json_decref(om);
		return 2;
	}
	s->prev_meta = om;
	s->old = sb_store_load_points(c->out, s->err, sizeof(s->err));
	return !s->old && sb_store_exists(c->out) ? -1 : 0;
}

/* The tasks still to run, and how long they should take. */
static void sb_run_plan(struct sb_run_state *s)
{
	const struct sb_run_cfg *c = s->c;
	int i, j, r;

	s->tasks = calloc((size_t)s->npts * c->m.repeat + 1,
			  sizeof(*s->tasks));
	if (!s->tasks)
		abort();
	/* Backend, then repeat, then point: see the comment at the top. */
	for (j = 0; j < SB_NR_BACKENDS; j++)
		for (r = 0; r < c->m.repeat; r++)
			for (i = 0; i < s->npts; i++) {
				if (s->pts[i].backend->index != (unsigned int)j)
					continue;
				if (s->old && sb_store_has(s->old, s->pts[i].id,
							   r, c->retry_failed)) {
					s->have++;
					continue;
				}
				s->tasks[s->ntasks].point = &s->pts[i];
				s->tasks[s->ntasks++].repeat = r;
			}
	for (i = 0; i < s->ntasks; i++)
		s->est += (long long)c->m.duration_ms + c->m.warmup_ms +
			s->tasks[i].point->backend->point_ms;
	/* Each backend's start once, where it has a task. */
	for (j = 0; j < SB_NR_BACKENDS; j++)
		for (i = 0; i < s->ntasks; i++)
			if (s->tasks[i].point->backend->index ==
			    (unsigned int)j) {
				s->est += sb_backend_descs[j].start_ms;
				break;
			}
}

/* --dry-run: the plan line and each point's id and CPUs. */
static void sb_run_print_dry(const struct sb_run_state *s)
{
	int i;

	sb_print_plan(s->c, stdout, s->npts, s->have, s->ntasks, s->est,
		      sb_run_has_backend(s->c, sb_bk_starts));
	sb_print_excluded(&s->ex, &s->unoffered, stdout);
	sb_print_no_readers(s->pts, s->npts, stdout);
	for (i = 0; i < s->npts; i++) {
		char cpus[64] = "";
		const char *p = strstr(s->pts[i].config, "cpus=");

		if (p)
			snprintf(cpus, sizeof(cpus), "%.*s",
				 (int)strcspn(p, "\n"), p);
		printf("%s %s\n", s->pts[i].id, cpus);
	}
}

/* "syncbench" and the arguments, as meta.json records the command. */
static char *sb_run_cmdline(int argc, char **argv)
{
	size_t cl = 0;
	char *cmdline;
	int i;

	for (i = 0; i < argc; i++)
		cl += strlen(argv[i]) + 3;
	cmdline = calloc(1, cl + 16);
	if (!cmdline)
		abort();
	strcpy(cmdline, "syncbench");
	for (i = 0; i < argc; i++) {
		strcat(cmdline, " ");
		strcat(cmdline, argv[i]);
	}
	return cmdline;
}

/*
 * The points the plan left out (sb_print_excluded says the same on the
 * terminal), so that the report can say them too: [{"points": n,
 * "reason": .., "example": ..}], empty when none.
 */
static json_t *sb_run_left_out(const struct sb_run_state *s)
{
	json_t *a = json_array();

	if (s->ex.n)
		json_array_append_new(a, json_pack("{s:i,s:s,s:s}", "points",
			s->ex.n, "reason", "impossible", "example", s->ex.why));
	if (s->unoffered.n)
		json_array_append_new(a, json_pack("{s:i,s:s,s:s}", "points",
			s->unoffered.n, "reason",
			"a primitive the backend does not offer", "example",
			s->unoffered.why));
	return a;
}

/*
 * meta.json's debug_kernel: true when the kernel the runs ran on had lock
 * debugging or a sanitizer on (store/machine.h), null when unknown.
 */
static void sb_run_mark_debug(json_t *meta)
{
	int d = sb_meta_debug_kernel(meta);

	json_object_set_new(meta, "debug_kernel",
			    d < 0 ? json_null() : json_boolean(d));
}

/* This session's meta: machine, command, backends and their calibration. */
static json_t *sb_run_session_meta(struct sb_run_state *s, int argc,
				   char **argv)
{
	json_t *meta = sb_meta_machine(), *cal = json_object(), *det;
	char *cmdline = sb_run_cmdline(argc, argv);
	const char *name;

	json_object_set_new(meta, "command_line", json_string(cmdline));
	free(cmdline);
	json_object_set_new(meta, "topology", json_string("topology.xml"));
	json_object_foreach(s->backends, name, det) {
		json_t *x = json_object_get(det, "calibration");

		if (x)
			json_object_set(cal, name, x);
	}
	json_object_set_new(meta, "backends", s->backends);
	s->backends = NULL;
	json_object_set_new(meta, "calibration", cal);
	json_object_set(meta, "machine", s->machine);
	json_object_set(meta, "matrix", s->mx);
	json_object_set_new(meta, "left_out", sb_run_left_out(s));
	return meta;
}

/*
 * s->meta: this session's meta, or on --resume the first session's (the
 * records so far were measured under it) listing each resume with its own
 * machine view, command and backends.
 */
static void sb_run_build_meta(struct sb_run_state *s, int argc, char **argv)
{
	json_t *meta = sb_run_session_meta(s, argc, argv), *resumes;

	s->session = s->meta = meta;
	if (!s->prev_meta)
		return;
	resumes = json_object_get(s->prev_meta, "resumes");
	if (!json_is_array(resumes)) {
		resumes = json_array();
		json_object_set_new(s->prev_meta, "resumes", resumes);
	}
	json_object_del(meta, "matrix");
	json_object_del(meta, "schema");
	json_array_append(resumes, meta);
	json_object_set(s->prev_meta, "matrix", s->mx);
	/* what this plan left out, beside the matrix it planned */
	json_object_set(s->prev_meta, "left_out",
			json_object_get(meta, "left_out"));
	json_decref(meta);	/* the array holds a reference */
	s->meta = s->prev_meta;
	s->prev_meta = NULL;
}

/* The topologies beside the records, each written atomically. */
static int sb_run_export_topo(hwloc_topology_t t, const char *dir,
			      const char *name, char *err, size_t errlen)
{
	char *xml;
	int len, rc;

	if (hwloc_topology_export_xmlbuffer(t, &xml, &len, 0)) {
		snprintf(err, errlen, "cannot write %s/%s: hwloc could not "
			 "export the topology", dir, name);
		return -1;
	}
	/* len counts the terminating NUL */
	rc = sb_store_write_file(dir, name, xml, len > 0 ? (size_t)len - 1 : 0,
				 err, errlen);
	hwloc_free_xmlbuffer(t, xml);
	return rc;
}

static int sb_run_export_topos(struct sb_run_state *s)
{
	if (sb_run_export_topo(s->host, s->c->out, "topology.xml", s->err,
			       sizeof(s->err)))
		return -1;
	return s->guest ? sb_run_export_topo(s->guest, s->c->out,
					     "topology-vm.xml", s->err,
					     sizeof(s->err)) : 0;
}

/*
 * Everything checked: from here on, the store is written. The store is
 * opened and meta.json written before the plan is printed, so that a store
 * that cannot be used gets its one error line and nothing else. 0, -1 (bad:
 * s->err), 1 (the store could not be written, reported).
 */
static int sb_run_open_store(struct sb_run_state *s, int argc, char **argv)
{
	if (sb_store_open(&s->st, s->c->out, s->c->resume, s->err,
			  sizeof(s->err)))
		return -1;
	sb_run_build_meta(s, argc, argv);
	if (sb_run_export_topos(s) ||
	    sb_store_write_json(s->c->out, "meta.json", s->meta, s->err,
				sizeof(s->err))) {
		/* The store exists now: not bad input, a store not written. */
		sb_errf("syncbench run: %s\n", s->err);
		sb_store_close(&s->st);
		return 1;
	}
	return 0;
}

/* Run the tasks under the signal handlers; the store is closed after. */
static int sb_run_execute(struct sb_run_state *s)
{
	int rc;

	sb_machine_check(s->machine, "this machine", "syncbench run", 0);
	if (!s->c->quiet) {
		sb_print_plan(s->c, stderr, s->npts, s->have, s->ntasks, s->est,
			      sb_run_has_backend(s->c, sb_bk_starts));
		sb_print_excluded(&s->ex, &s->unoffered, stderr);
		sb_print_no_readers(s->pts, s->npts, stderr);
	}
	signal(SIGINT, sb_on_signal);
	signal(SIGTERM, sb_on_signal);
	signal(SIGHUP, sb_on_signal);
	rc = sb_run_tasks(s->c, &s->st, s->bk, s->tasks, s->ntasks,
			  s->session);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	json_object_set_new(s->machine, "load_after", sb_machine_load());
	/* stop() may have learnt more (vm calibration, the guest's config). */
	sb_run_mark_debug(s->meta);
	sb_store_write_json(s->c->out, "meta.json", s->meta, s->err,
			    sizeof(s->err));
	sb_store_close(&s->st);
	return rc;
}

/* summary.json and .csv over every stored record, and its table. */
static int sb_run_summarize(struct sb_run_state *s, int rc)
{
	json_t *all = sb_store_load_points(s->c->out, s->err, sizeof(s->err));
	json_t *sum = all ? sb_summary_build(all) : NULL;

	if (!sum || sb_store_write_json(s->c->out, "summary.json", sum,
					s->err, sizeof(s->err)) ||
	    sb_summary_csv_write(s->c->out, sum, s->err, sizeof(s->err))) {
		sb_errf("syncbench run: %s\n", s->err);
		rc = rc ? rc : 1;
	} else if (!s->c->quiet) {
		sb_summary_print(stdout, sum);
	}
	json_decref(sum);
	json_decref(all);
	return rc;
}

/* The host CPUs some point of the user or kernel backend runs on. */
static size_t sb_run_host_cpus(const struct sb_run_state *s, int *cpus,
			       size_t max)
{
	static unsigned char seen[SB_MAX_CPUS];
	size_t n = 0;
	int i, t;

	memset(seen, 0, sizeof(seen));
	for (i = 0; i < s->npts; i++) {
		const struct sb_point *p = &s->pts[i];

		if (p->backend->topo == SB_BK_TOPO_GUEST)
			continue;	/* a guest's CPUs, not this machine's */
		for (t = 0; t < p->threads; t++)
			if (p->cpus[t] >= 0 && p->cpus[t] < SB_MAX_CPUS)
				seen[p->cpus[t]] = 1;
	}
	for (t = 0; t < SB_MAX_CPUS && n < max; t++)
		if (seen[t])
			cpus[n++] = t;
	return n;
}

/*
 * The machine's state before the run (meta.json's "machine"); --strict
 * refuses to run on a warning. 0, or 2 (reported).
 */
static int sb_run_probe_machine(struct sb_run_state *s)
{
	static int cpus[SB_MAX_CPUS];
	size_t n = sb_run_host_cpus(s, cpus, SB_MAX_CPUS);

	s->machine = sb_machine_probe(cpus, n);
	/*
	 * --strict refuses here, before anything is written; the warnings
	 * of a run that goes on come with the plan, once the store is
	 * open, so that bad input keeps its one line.
	 */
	return s->c->strict ? sb_machine_check(s->machine, "this machine",
					       "syncbench run", 1) : 0;
}

/*
 * Everything checked before anything is written: topologies, points,
 * backends, the stored run, the setup (run_setup.h). 0, -1 (bad: s->err), 2 (bad, reported).
 */
static int sb_run_prepare(struct sb_run_state *s)
{
	int rc;

	if (sb_run_topos(s) ||
	    sb_matrix_expand(&s->c->m, s->topo, &s->pts, &s->npts, &s->ex,
			     s->err, sizeof(s->err)) ||
	    sb_run_check_backends(s))
		return -1;
	s->mx = sb_matrix_json(s->c);
	rc = sb_run_load_stored(s);
	if (rc)
		return rc;
	sb_run_plan(s);
	/* A setup every point would fail on is bad input, said once. */
	if (s->ntasks && sb_run_setup_check(sb_run_has_backend(s->c,
							       sb_bk_tmpdir),
					    s->err, sizeof(s->err)))
		return -1;
	return sb_run_probe_machine(s);
}

/* The phases after parsing; the exit status. */
static int sb_run_main(struct sb_run_state *s, int argc, char **argv)
{
	int rc = sb_run_prepare(s);

	if (!rc && s->c->dry_run) {
		sb_machine_check(s->machine, "this machine", "syncbench run",
				 0);
		sb_run_print_dry(s);
		return 0;
	}
	if (!rc)
		rc = sb_run_open_store(s, argc, argv);
	if (rc < 0) {
		sb_errf("syncbench run: %s\n", s->err);
		return 2;
	}
	if (rc)
		return rc;
	rc = sb_run_execute(s);
	if (rc == 3)
		return 1;	/* the store failed: reported */
	return sb_run_summarize(s, rc);
}

static void sb_run_free(struct sb_run_state *s)
{
	json_decref(s->backends);
	json_decref(s->prev_meta);
	json_decref(s->meta);
	json_decref(s->mx);
	json_decref(s->machine);
	json_decref(s->old);
	free(s->tasks);
	free(s->pts);
	if (s->guest)
		hwloc_topology_destroy(s->guest);
	if (s->host)
		hwloc_topology_destroy(s->host);
}

int sb_cmd_run(int argc, char **argv)
{
	struct sb_run_state s = {
		.st = { .jsonl_fd = -1, .csv_fd = -1, .lock_fd = -1 },
	};
	int rc;

	s.c = calloc(1, sizeof(*s.c));
	if (!s.c)
		abort();
	rc = sb_run_parse(argc, argv, s.c);
	if (rc < 0)
		rc = sb_run_main(&s, argc, argv);
	sb_run_free(&s);
	free(s.c);
	return rc;
}
