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
#include "store/meta.h"
#include "store/record.h"
#include "store/store.h"
#include "store/summary.h"
#include "matrix/topology.h"
#include "util/now.h"

struct sb_run_cfg {
	struct sb_matrix m;
	struct sb_backend_opts bo;
	const char *out;
	int resume;
	int retry_failed;	/* with resume: redo repeats with no ok record */
	int dry_run;
	int quiet;
	char matrix_text[8][1100];	/* the list options as given */
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

static void sb_run_usage(FILE *f)
{
	fprintf(f,
"usage: syncbench run [options] -o DIR\n"
"Run every point of a matrix (the product of the comma lists) --repeat times\n"
"and store one record per run in DIR (points.jsonl, points.csv, meta.json,\n"
"topology.xml, summary.json).\n"
"\n"
"matrix (comma lists):\n"
"  --backend LIST      user, kernel, vm                    [user]\n"
"  --prim LIST         primitives (listed below)            [spin]\n"
"  --threads LIST      thread counts, or max (the most the placement allows) [1]\n"
"  --placement LIST    compact, cores, spread, explicit     [compact]\n"
"  --cpus CPULIST      the CPUs of --placement explicit, e.g. 0-3,8\n"
"  --mem LIST          local, node=N, interleave (user only) [local]\n"
"  --update-pct LIST   percentage of updates                [10]\n"
"  --list-len LIST     list entries                         [64]\n"
"  --cs-ns LIST        busy work inside the critical section [0]\n"
"  --think-ns LIST     busy work outside it                 [0]\n"
"  --irq-hz LIST       interrupt-contender rate             [0]\n"
"run:\n"
"  --duration D        measured time per run, e.g. 1s, 200ms [1s]\n"
"  --warmup D          warm-up before measuring             [100ms]\n"
"  --repeat N          runs per point                       [1]\n"
"  --set 'K=V ...'     more config keys for every point (listed below)\n"
"  --timeout D         grace beyond a point's own time before it is failed [30s]\n"
"  -o, --output DIR    the run's store, e.g. results/NAME (required)\n"
"  --resume            complete the run in DIR: skip the records already there\n"
"                      (failed ones too, unless --retry-failed)\n"
"  --retry-failed      with --resume only: also run again every point x repeat\n"
"                      whose records all failed; the failed records stay in\n"
"                      points.jsonl, the new one is appended, and summary,\n"
"                      plots, report and compare count its newest ok record\n"
"  --dry-run           print the plan and the points, run nothing\n"
"  -q, --quiet         no plan, no progress, no summary table\n"
"vm backend:\n"
"  --vm-cpus N         guest CPUs                           [2]\n"
"  --vm-numa N         guest NUMA nodes (CPUs split evenly) [1]\n"
"  --vm-mem MIB        guest memory                         [1024]\n"
"  --vm-accel A        tcg, kvm or auto (KVM if it works, else TCG) [auto]\n"
"  --vm-kernel FILE    kernel image [newest /boot/vmlinuz-*-amd64]\n"
"  --vm-module FILE    syncbench.ko built for that kernel [build/kmod/syncbench.ko]\n"
"\n"
"Exit status: 0 every record ok, 1 some point failed (recorded with its\n"
"reason) or the store could not be written, 2 bad input (nothing written),\n"
"130 interrupted (what finished is stored; complete it with --resume).\n");
	sb_run_usage_set_keys(f);
	sb_run_usage_prims(f);
}

enum {
	O_BACKEND = 256, O_PRIM, O_THREADS, O_PLACEMENT, O_CPUS, O_MEM,
	O_UPDATE, O_LISTLEN, O_CSNS, O_THINK, O_IRQ, O_DURATION, O_WARMUP,
	O_REPEAT, O_SET, O_TIMEOUT, O_RESUME, O_RETRY, O_DRY, O_VMCPUS, O_VMNUMA,
	O_VMMEM, O_VMACCEL, O_VMKERNEL, O_VMMODULE,
};

static const struct option sb_run_opts[] = {
	{ "backend", required_argument, NULL, O_BACKEND },
	{ "prim", required_argument, NULL, O_PRIM },
	{ "threads", required_argument, NULL, O_THREADS },
	{ "placement", required_argument, NULL, O_PLACEMENT },
	{ "cpus", required_argument, NULL, O_CPUS },
	{ "mem", required_argument, NULL, O_MEM },
	{ "update-pct", required_argument, NULL, O_UPDATE },
	{ "list-len", required_argument, NULL, O_LISTLEN },
	{ "cs-ns", required_argument, NULL, O_CSNS },
	{ "think-ns", required_argument, NULL, O_THINK },
	{ "irq-hz", required_argument, NULL, O_IRQ },
	{ "duration", required_argument, NULL, O_DURATION },
	{ "warmup", required_argument, NULL, O_WARMUP },
	{ "repeat", required_argument, NULL, O_REPEAT },
	{ "set", required_argument, NULL, O_SET },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "output", required_argument, NULL, 'o' },
	{ "resume", no_argument, NULL, O_RESUME },
	{ "retry-failed", no_argument, NULL, O_RETRY },
	{ "dry-run", no_argument, NULL, O_DRY },
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

static volatile sig_atomic_t sb_stop_sig;

static int sb_bad(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "syncbench run: ");
	fprintf(stderr, fmt, a, b);
	fprintf(stderr, "\n");
	return 2;
}

static int sb_parse_int(const char *opt, const char *s, int lo, int hi,
			int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < lo || v > hi) {
		fprintf(stderr,
			"syncbench run: --%s '%s': give an integer from %d to %d\n",
			opt, s, lo, hi);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/*
 * --set keys that the matrix or run options own: set there, they would run
 * under a point id and "matrix" that say otherwise. The option, or NULL.
 */
static const char *sb_set_owned(const char *set)
{
	static const char *const owned[][2] = {
		{ "prim", "--prim" }, { "cpus", "--threads/--placement/--cpus" },
		{ "duration_ms", "--duration" }, { "warmup_ms", "--warmup" },
		{ "update_pct", "--update-pct" }, { "list_len", "--list-len" },
		{ "cs_ns", "--cs-ns" }, { "think_ns", "--think-ns" },
		{ "irq_hz", "--irq-hz" }, { "node", "--mem" },
	};
	const char *k = set;
	size_t kl, i;

	/* key=value pairs separated by whitespace, as the config parser. */
	for (;;) {
		k += strspn(k, " \t\r\n");
		if (!*k)
			return NULL;
		kl = strcspn(k, "= \t\r\n");
		for (i = 0; i < SB_ARRAY_SIZE(owned); i++)
			if (strlen(owned[i][0]) == kl &&
			    !strncmp(k, owned[i][0], kl))
				return owned[i][1];
		k += strcspn(k, " \t\r\n");
	}
}

static int sb_run_parse(int argc, char **argv, struct sb_run_cfg *c)
{
	static const char *const dims[] = {
		[O_BACKEND - O_BACKEND] = "backend", "prim", "threads",
		"placement", "cpus", "mem", "update-pct", "list-len", "cs-ns",
		"think-ns", "irq-hz",
	};
	char err[512];
	int opt, placement_set = 0;

	memset(c, 0, sizeof(*c));
	sb_matrix_default(&c->m);
	c->bo.timeout_ms = 30000;
	c->bo.vm_cpus = 2;
	c->bo.vm_numa = 1;
	c->bo.vm_mem_mib = 1024;
	c->bo.vm_accel = "auto";
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+o:qh", sb_run_opts,
				  NULL)) != -1) {
		switch (opt) {
		case O_BACKEND ... O_IRQ:
			if (opt == O_PLACEMENT)
				placement_set = 1;
			if (sb_matrix_set(&c->m, dims[opt - O_BACKEND], optarg,
					  err, sizeof(err)))
				return sb_bad("%s%s", err, "");
			break;
		case O_DURATION:
		case O_WARMUP:
			if (sb_parse_duration_ms(optarg, opt == O_DURATION ?
						 &c->m.duration_ms :
						 &c->m.warmup_ms,
						 err, sizeof(err)))
				return sb_bad("--%s: %s", opt == O_DURATION ?
					      "duration" : "warmup", err);
			if (opt == O_DURATION && !c->m.duration_ms)
				return sb_bad("--duration must be at least 1ms%s%s",
					      "", "");
			break;
		case O_TIMEOUT:
			if (sb_parse_duration_ms(optarg, &c->bo.timeout_ms,
						 err, sizeof(err)))
				return sb_bad("--timeout: %s%s", err, "");
			break;
		case O_REPEAT:
			if (sb_parse_int("repeat", optarg, 1, 1000,
					 &c->m.repeat))
				return 2;
			break;
		case O_SET: {
			struct sb_config cfg;
			char why[SB_ERR_LEN];

			sb_config_default(&cfg, SB_SIDE_BOTH);
			if (strlen(optarg) >= sizeof(c->m.extra) ||
			    sb_config_parse(&cfg, optarg, strlen(optarg),
					    SB_SIDE_BOTH, why, sizeof(why)))
				return sb_bad("--set '%s': %s", optarg,
					      strlen(optarg) >=
					      sizeof(c->m.extra) ?
					      "too long" : why);
			if (sb_set_owned(optarg))
				return sb_bad("--set '%s': that key is a matrix dimension: use %s",
					      optarg, sb_set_owned(optarg));
			snprintf(c->m.extra, sizeof(c->m.extra), "%s",
				 optarg);
			break;
		}
		case 'o':
			c->out = optarg;
			break;
		case O_RESUME:
			c->resume = 1;
			break;
		case O_RETRY:
			c->retry_failed = 1;
			break;
		case O_DRY:
			c->dry_run = 1;
			break;
		case 'q':
			c->quiet = 1;
			break;
		case O_VMCPUS:
			if (sb_parse_int("vm-cpus", optarg, 1, 64,
					 &c->bo.vm_cpus))
				return 2;
			break;
		case O_VMNUMA:
			if (sb_parse_int("vm-numa", optarg, 1, 8,
					 &c->bo.vm_numa))
				return 2;
			break;
		case O_VMMEM:
			if (sb_parse_int("vm-mem", optarg, 256, 65536,
					 &c->bo.vm_mem_mib))
				return 2;
			break;
		case O_VMACCEL:
			if (strcmp(optarg, "tcg") && strcmp(optarg, "kvm") &&
			    strcmp(optarg, "auto"))
				return sb_bad("--vm-accel '%s': use tcg, kvm or auto%s",
					      optarg, "");
			c->bo.vm_accel = optarg;
			break;
		case O_VMKERNEL:
			c->bo.vm_kernel = optarg;
			break;
		case O_VMMODULE:
			c->bo.vm_module = optarg;
			break;
		case 'h':
			sb_run_usage(stdout);
			return 0;
		default:
			return sb_bad("unknown or incomplete option '%s'%s: see syncbench run "
				      "--help",
				      argv[optind - 1], "");
		}
	}
	if (optind < argc)
		return sb_bad("unexpected argument '%s'%s: options only, see syncbench run --help",
			      argv[optind], "");
	if (c->m.nexplicit && !placement_set) {
		c->m.nplaces = 1;
		c->m.places[0] = SB_PLACE_EXPLICIT;
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
	return -1;	/* parsed: go on */
}

/* The matrix as meta.json records it; compared on --resume. */
static json_t *sb_matrix_json(const struct sb_run_cfg *c)
{
	const struct sb_matrix *m = &c->m;
	json_t *o = json_object(), *a;
	char mem[32], buf[1100];
	int i;

	a = json_array();
	for (i = 0; i < m->nbackends; i++)
		json_array_append_new(a,
			json_string(sb_backend_names[m->backends[i]]));
	json_object_set_new(o, "backend", a);
	a = json_array();
	for (i = 0; i < m->nprims; i++)
		json_array_append_new(a, json_string(m->prims[i]));
	json_object_set_new(o, "prim", a);
	a = json_array();
	for (i = 0; i < m->nthreads; i++)
		json_array_append_new(a, m->threads[i] ?
				      json_integer(m->threads[i]) :
				      json_string("max"));
	json_object_set_new(o, "threads", a);
	a = json_array();
	for (i = 0; i < m->nplaces; i++)
		json_array_append_new(a,
			json_string(sb_place_names[m->places[i]]));
	json_object_set_new(o, "placement", a);
	if (m->nexplicit) {
		sb_u64 bits[SB_MAX_CPUS / 64] = { 0 };

		for (i = 0; i < m->nexplicit; i++)
			bits[m->explicit_cpus[i] / 64] |=
				1ULL << (m->explicit_cpus[i] % 64);
		sb_cpulist_print(bits, buf, sizeof(buf));
		json_object_set_new(o, "cpus", json_string(buf));
	}
	a = json_array();
	for (i = 0; i < m->nmems; i++) {
		sb_mem_format(&m->mems[i], mem, sizeof(mem));
		json_array_append_new(a, json_string(mem));
	}
	json_object_set_new(o, "mem", a);
#define UL(name, l) do {						\
		a = json_array();					\
		for (i = 0; i < (l).n; i++)				\
			json_array_append_new(a, json_integer((l).v[i])); \
		json_object_set_new(o, name, a);			\
	} while (0)
	UL("update_pct", m->update_pct);
	UL("list_len", m->list_len);
	UL("cs_ns", m->cs_ns);
	UL("think_ns", m->think_ns);
	UL("irq_hz", m->irq_hz);
#undef UL
	json_object_set_new(o, "duration_ms", json_integer(m->duration_ms));
	json_object_set_new(o, "warmup_ms", json_integer(m->warmup_ms));
	json_object_set_new(o, "set", json_string(m->extra));
	for (i = 0; i < m->nbackends; i++)
		if (m->backends[i] == SB_BK_VM)
			json_object_set_new(o, "vm", json_pack(
				"{s:i,s:i,s:i}", "cpus", c->bo.vm_cpus,
				"numa", c->bo.vm_numa, "mem_mib",
				c->bo.vm_mem_mib));
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

/* Rough cost of one run beyond its own warm-up + duration, by backend. */
static long long sb_overhead_ms(enum sb_backend_kind k)
{
	return k == SB_BK_USER ? 30 : k == SB_BK_KERNEL ? 10 : 200;
}

#define SB_VM_BOOT_EST_MS 20000	/* TCG boot ~5 s, a failed KVM probe <= 15 s */

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
		fprintf(stderr, "[%d/%d] %s repeat %d: %s (ETA %s)\n",
			pg->done, pg->total, t->point->id, t->repeat, status,
			eta);
}

static int sb_run_tasks(struct sb_run_cfg *c, struct sb_store *st,
			struct sb_backend *bk[SB_NR_BK], struct sb_task *tasks,
			int ntasks, json_t *meta)
{
	/* meta: this session's part of meta.json (backends, calibration). */
	struct sb_progress pg = {
		.tty = isatty(2), .quiet = c->quiet, .total = ntasks,
		.start_ms = sb_now_ms(),
	};
	long long run_ms = (long long)c->m.duration_ms + c->m.warmup_ms;
	char err[512] = "", reason[SB_REASON_LEN];
	int i, b, rc = 0;

	for (i = 0; i < ntasks; i++)
		pg.est_left_ms += run_ms + sb_overhead_ms(tasks[i].point->backend);
	for (b = 0; b < SB_NR_BK && !sb_stop_sig; b++) {
		struct sb_task *first = NULL;
		int n = 0;

		for (i = 0; i < ntasks; i++)
			if (tasks[i].point->backend == (enum sb_backend_kind)b) {
				if (!first)
					first = &tasks[i];
				n++;
			}
		if (!n)
			continue;
		if (b == SB_BK_VM)
			pg.est_left_ms += SB_VM_BOOT_EST_MS;
		if (bk[b]->start(bk[b], first, n, err, sizeof(err))) {
			fprintf(stderr, "%ssyncbench run: %s backend: %s\n",
				pg.tty && !pg.quiet ? "\n" : "", bk[b]->name,
				err);
			/* Every point of this backend fails, with the reason. */
		}
		for (i = 0; i < n && !sb_stop_sig; i++) {
			const struct sb_task *t = &first[i];
			char *text = NULL;
			json_t *rec;
			const char *status;
			long long t0 = sb_now_ms();

			if (pg.tty && !pg.quiet)
				fprintf(stderr, "\r\033[K[%d/%d] %3d%% running %s #%d",
					pg.done, pg.total,
					pg.done * 100 / pg.total,
					t->point->id, t->repeat);
			*reason = '\0';
			if (*err)
				snprintf(reason, sizeof(reason), "%s", err);
			else if (bk[b]->run_point(bk[b], t->point, t->repeat,
						  &text, reason,
						  sizeof(reason)))
				text = NULL;
			if (sb_stop_sig) {
				/* Interrupted: not a result; --resume redoes it. */
				free(text);
				break;
			}
			rec = text ? sb_record_json(text, strlen(text),
						    reason, sizeof(reason)) :
				NULL;
			if (!rec) {
				free(text);
				text = sb_record_failed_text(t->point, reason);
				rec = sb_record_json(text, strlen(text), err,
						     sizeof(err));
			}
			free(text);
			sb_record_add_driver_keys(rec, t->point, t->repeat,
						  bk[b]->emulated);
			/* What the backend took: the driver's share is the rest. */
			json_object_set_new(rec, "run_wall_ms",
					    json_integer(sb_now_ms() - t0));
			if (sb_store_append(st, rec, err, sizeof(err))) {
				fprintf(stderr, "\nsyncbench run: %s\n", err);
				json_decref(rec);
				return 3;	/* the store failed: see sb_cmd_run */
			}
			status = json_string_value(json_object_get(rec,
								   "status"));
			pg.done++;
			if (!status || strcmp(status, "ok")) {
				pg.failed++;
				rc = 1;
			}
			{
				char s[SB_REASON_LEN + 64];
				const char *why = json_string_value(
					json_object_get(rec, "reason"));

				if (status && !strcmp(status, "ok"))
					snprintf(s, sizeof(s), "ok %lld ops/s",
						 (long long)json_integer_value(
						 json_object_get(rec,
							"ops_per_sec")));
				else
					snprintf(s, sizeof(s), "%s: %s",
						 status ? status : "?",
						 why ? why : "");
				/* The boot is behind us after the first. */
				sb_progress(&pg, t, s, run_ms +
					    sb_overhead_ms(t->point->backend) +
					    (b == SB_BK_VM && !i ?
					     SB_VM_BOOT_EST_MS : 0));
			}
			json_decref(rec);
		}
		{
			json_t *det = json_object_get(json_object_get(meta,
						"backends"), bk[b]->name);

			bk[b]->stop(bk[b], det);
			if (json_object_get(det, "calibration"))
				json_object_set(json_object_get(meta,
						"calibration"), bk[b]->name,
					json_object_get(det, "calibration"));
		}
		*err = '\0';
	}
	if (pg.tty && !pg.quiet)
		fprintf(stderr, "\n");
	if (sb_stop_sig) {
		fprintf(stderr,
			"syncbench run: interrupted; %d record%s stored, complete the run with "
			"--resume\n",
			pg.done, pg.done == 1 ? "" : "s");
		return 130;
	}
	if (pg.failed && !c->quiet)
		fprintf(stderr, "syncbench run: %d of %d runs failed (see \"reason\" in "
				"points.jsonl)\n",
			pg.failed, pg.done);
	return rc;
}

/* --resume: the stored run must be this matrix (more repeats allowed). */
static int sb_check_resume(const struct sb_run_cfg *c, json_t *meta,
			   json_t *mx)
{
	json_t *old = json_object_get(meta, "matrix"), *a, *b;
	int same;

	if (!old)
		return 0;
	a = json_deep_copy(old);
	b = json_deep_copy(mx);
	json_object_del(a, "repeat");
	json_object_del(b, "repeat");
	same = json_equal(a, b);
	json_decref(a);
	json_decref(b);
	if (!same) {
		char *was = json_dumps(old, JSON_COMPACT);

		fprintf(stderr,
			"syncbench run: %s holds a run of another matrix (%s): resume with the "
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

int sb_cmd_run(int argc, char **argv)
{
	struct sb_backend *bk[SB_NR_BK] = { NULL };
	hwloc_topology_t topo[SB_NR_BK] = { NULL };
	hwloc_topology_t host = NULL, guest = NULL;
	struct sb_run_cfg *c = calloc(1, sizeof(*c));
	struct sb_point *pts = NULL;
	struct sb_task *tasks = NULL;
	json_t *meta = NULL, *mx = NULL, *old = NULL, *backends;
	json_t *prev_meta = NULL, *session;
	struct sb_store st = { .jsonl_fd = -1, .csv_fd = -1, .lock_fd = -1 };
	char err[1024], path[PATH_MAX + 32], *cmdline;
	int rc, i, j, r, npts = 0, ntasks = 0, have = 0;
	long long est;
	size_t cl = 0;

	if (!c)
		abort();
	rc = sb_run_parse(argc, argv, c);
	if (rc >= 0)
		goto out;
	rc = 2;
	if (sb_topo_load(&host, NULL, NULL, err, sizeof(err)))
		goto bad;
	topo[SB_BK_USER] = topo[SB_BK_KERNEL] = topo[SB_BK_VM] = host;
	for (i = 0; i < c->m.nbackends; i++)
		if (c->m.backends[i] == SB_BK_VM) {
			if (sb_topo_load_vm(&guest, c->bo.vm_cpus,
					    c->bo.vm_numa, err, sizeof(err)))
				goto bad;
			topo[SB_BK_VM] = guest;
		}
	if (sb_matrix_expand(&c->m, topo, &pts, &npts, err, sizeof(err)))
		goto bad;
	/* Backends: can they run here, and do they offer every primitive? */
	backends = json_object();
	for (i = 0; i < c->m.nbackends; i++) {
		struct sb_backend *b = sb_backend_get(c->m.backends[i]);
		json_t *det = json_object();

		b->opts = &c->bo;
		if (b->check(b, det, err, sizeof(err))) {
			json_decref(det);
			json_decref(backends);
			goto bad;
		}
		json_object_set_new(backends, b->name, det);
		bk[c->m.backends[i]] = b;
		for (j = 0; j < c->m.nprims; j++) {
			char list[2 * SB_PRIM_NAMES_LEN];

			if (sb_backend_has_prim(b, c->m.prims[j]))
				continue;
			sb_prim_set_names(&b->prims, list, sizeof(list));
			snprintf(err, sizeof(err),
				 "unknown primitive '%s' for the %s backend: choose from %s",
				 c->m.prims[j], b->name, list);
			json_decref(backends);
			goto bad;
		}
	}
	mx = sb_matrix_json(c);
	if (c->resume && !c->dry_run && sb_store_exists(c->out)) {
		json_t *om = sb_store_load_meta(c->out, err, sizeof(err));
		char mp[PATH_MAX + 16];

		/*
		 * No meta.json at all is a run killed before writing it; one
		 * that cannot be read cannot be checked against this matrix,
		 * and would be overwritten.
		 */
		snprintf(mp, sizeof(mp), "%s/meta.json", c->out);
		if (!om && access(mp, F_OK) != -1) {
			snprintf(err + strlen(err), sizeof(err) - strlen(err),
				 " (restore it, or choose another -o)");
			json_decref(backends);
			goto bad;
		}
		if (om && sb_check_resume(c, om, mx)) {
			json_decref(om);
			json_decref(backends);
			goto out;
		}
		prev_meta = om;
		old = sb_store_load_points(c->out, err, sizeof(err));
		if (!old && sb_store_exists(c->out)) {
			json_decref(backends);
			goto bad;
		}
	} else if (!c->resume && !c->dry_run && sb_store_exists(c->out)) {
		snprintf(err, sizeof(err),
			 "%s already holds a run: pass --resume to complete it, or choose another "
			 "-o",
			 c->out);
		json_decref(backends);
		goto bad;
	}
	tasks = calloc((size_t)npts * c->m.repeat + 1, sizeof(*tasks));
	if (!tasks)
		abort();
	/* Backend, then repeat, then point: see the comment at the top. */
	for (j = 0; j < SB_NR_BK; j++)
		for (r = 0; r < c->m.repeat; r++)
			for (i = 0; i < npts; i++) {
				if (pts[i].backend != (enum sb_backend_kind)j)
					continue;
				if (old && sb_store_has(old, pts[i].id, r,
							c->retry_failed)) {
					have++;
					continue;
				}
				tasks[ntasks].point = &pts[i];
				tasks[ntasks++].repeat = r;
			}
	est = 0;
	for (i = 0; i < ntasks; i++)
		est += (long long)c->m.duration_ms + c->m.warmup_ms +
			sb_overhead_ms(tasks[i].point->backend);
	if (bk[SB_BK_VM] && ntasks)
		for (i = 0; i < ntasks; i++)
			if (tasks[i].point->backend == SB_BK_VM) {
				est += SB_VM_BOOT_EST_MS;
				break;
			}
	if (c->dry_run) {
		sb_print_plan(c, stdout, npts, have, ntasks, est,
			      bk[SB_BK_VM] != NULL);
		for (i = 0; i < npts; i++) {
			char cpus[64] = "";
			const char *s = strstr(pts[i].config, "cpus=");

			if (s)
				snprintf(cpus, sizeof(cpus), "%.*s",
					 (int)strcspn(s, "\n"), s);
			printf("%s %s\n", pts[i].id, cpus);
		}
		json_decref(backends);
		rc = 0;
		goto out;
	}
	/*
	 * Everything checked: from here on, the store is written. The store
	 * is opened and meta.json written before the plan is printed, so
	 * that a store that cannot be used gets its one error line and
	 * nothing else.
	 */
	if (sb_store_open(&st, c->out, c->resume, err, sizeof(err))) {
		json_decref(backends);
		goto bad;
	}
	snprintf(path, sizeof(path), "%s/topology.xml", c->out);
	if (hwloc_topology_export_xml(host, path, 0))
		fprintf(stderr, "syncbench run: warning: cannot write %s\n",
			path);
	if (guest) {
		snprintf(path, sizeof(path), "%s/topology-vm.xml", c->out);
		hwloc_topology_export_xml(guest, path, 0);
	}
	meta = sb_meta_machine();
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
	json_object_set_new(meta, "command_line", json_string(cmdline));
	free(cmdline);
	json_object_set_new(meta, "topology", json_string("topology.xml"));
	{
		json_t *cal = json_object(), *det;
		const char *name;

		json_object_foreach(backends, name, det) {
			json_t *x = json_object_get(det, "calibration");

			if (x)
				json_object_set(cal, name, x);
		}
		json_object_set_new(meta, "backends", backends);
		json_object_set_new(meta, "calibration", cal);
	}
	json_object_set(meta, "matrix", mx);
	session = meta;
	if (prev_meta) {
		/*
		 * A resumed run keeps the meta of its first session (the
		 * records so far were measured under it) and lists each
		 * resume with its own machine view, command and backends.
		 */
		json_t *resumes = json_object_get(prev_meta, "resumes");

		if (!json_is_array(resumes)) {
			resumes = json_array();
			json_object_set_new(prev_meta, "resumes", resumes);
		}
		json_object_del(meta, "matrix");
		json_object_del(meta, "schema");
		json_array_append(resumes, meta);
		json_object_set(prev_meta, "matrix", mx);
		session = meta;	/* the array holds a reference */
		json_decref(meta);
		meta = prev_meta;
		prev_meta = NULL;
	}
	if (sb_store_write_json(c->out, "meta.json", meta, err, sizeof(err))) {
		/* The store exists now: not bad input, a store not written. */
		fprintf(stderr, "syncbench run: %s\n", err);
		sb_store_close(&st);
		rc = 1;
		goto out;
	}
	if (!c->quiet)
		sb_print_plan(c, stderr, npts, have, ntasks, est,
			      bk[SB_BK_VM] != NULL);
	signal(SIGINT, sb_on_signal);
	signal(SIGTERM, sb_on_signal);
	signal(SIGHUP, sb_on_signal);
	rc = sb_run_tasks(c, &st, bk, tasks, ntasks, session);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	/* stop() may have learnt more (vm calibration): keep it. */
	sb_store_write_json(c->out, "meta.json", meta, err, sizeof(err));
	sb_store_close(&st);
	if (rc == 3) {
		rc = 1;
		goto out;
	}
	{
		json_t *all = sb_store_load_points(c->out, err, sizeof(err));
		json_t *sum = all ? sb_summary_build(all) : NULL;

		if (!sum || sb_store_write_json(c->out, "summary.json", sum,
						err, sizeof(err))) {
			fprintf(stderr, "syncbench run: %s\n", err);
			rc = rc ? rc : 1;
		} else if (!c->quiet) {
			sb_summary_print(stdout, sum);
		}
		json_decref(sum);
		json_decref(all);
	}
	goto out;
bad:
	fprintf(stderr, "syncbench run: %s\n", err);
	rc = 2;
out:
	json_decref(prev_meta);
	json_decref(meta);
	json_decref(mx);
	json_decref(old);
	free(tasks);
	free(pts);
	if (guest)
		hwloc_topology_destroy(guest);
	if (host)
		hwloc_topology_destroy(host);
	free(c);
	return rc;
}
