// SPDX-License-Identifier: GPL-2.0
/* The machine's state for meta.json; see machine.h. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "store/kconfig.h"
#include "store/machine.h"

#define SYS_CPU "/sys/devices/system/cpu"

/* The first line of path, trimmed, into buf; 0, or -1 when unreadable. */
static int read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	int ok;

	buf[0] = '\0';
	if (!f)
		return -1;
	/* An empty file (no isolated CPUs) is "", not unreadable. */
	ok = fgets(buf, (int)len, f) != NULL || !ferror(f);
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return ok ? 0 : -1;
}

/* path's first line as a string, or null. */
static json_t *str_or_null(const char *path)
{
	char buf[512];

	return read_line(path, buf, sizeof(buf)) ? json_null() :
						   json_string(buf);
}

/* path's first line as an integer, or null. */
static json_t *int_or_null(const char *path)
{
	char buf[64], *end;
	long long v;

	if (read_line(path, buf, sizeof(buf)) || !*buf)
		return json_null();
	v = strtoll(buf, &end, 10);
	return *end ? json_null() : json_integer(v);
}

/* One CPU's cpufreq: driver, governor, current and maximum kHz. */
static json_t *cpufreq_one(int cpu)
{
	static const char *const f[] = {
		"scaling_driver", "scaling_governor", "scaling_cur_freq",
		"cpuinfo_max_freq",
	};
	static const char *const k[] = { "driver", "governor", "cur_khz",
					 "max_khz" };
	json_t *o = json_pack("{s:i}", "cpu", cpu);
	char p[256];
	size_t i;

	for (i = 0; i < 4; i++) {
		snprintf(p, sizeof(p), SYS_CPU "/cpu%d/cpufreq/%s", cpu, f[i]);
		json_object_set_new(o, k[i], i < 2 ? str_or_null(p) :
						     int_or_null(p));
	}
	return o;
}

/* Turbo/boost on? cpufreq's boost, or intel_pstate's no_turbo; null. */
static json_t *boost(void)
{
	json_t *b = int_or_null(SYS_CPU "/cpufreq/boost"), *nt;

	if (json_is_integer(b)) {
		nt = json_boolean(json_integer_value(b) != 0);
		json_decref(b);
		return nt;
	}
	json_decref(b);
	nt = int_or_null(SYS_CPU "/intel_pstate/no_turbo");
	b = json_is_integer(nt) ? json_boolean(!json_integer_value(nt)) :
				  json_null();
	json_decref(nt);
	return b;
}

static json_t *smt(void)
{
	json_t *a = int_or_null(SYS_CPU "/smt/active");
	json_t *o = json_pack("{s:o,s:o}", "control",
			      str_or_null(SYS_CPU "/smt/control"), "active",
			      json_is_integer(a) ?
			      json_boolean(json_integer_value(a)) :
			      json_null());

	json_decref(a);
	return o;
}

/* Every file of vulnerabilities/ as name: its text; null without it. */
static json_t *vulnerabilities(void)
{
	DIR *d = opendir(SYS_CPU "/vulnerabilities");
	json_t *o = json_object();
	struct dirent *e;
	char p[512];

	if (!d) {
		json_decref(o);
		return json_null();
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), SYS_CPU "/vulnerabilities/%s",
			 e->d_name);
		json_object_set_new(o, e->d_name, str_or_null(p));
	}
	closedir(d);
	return o;
}

static json_t *sched_ext(void)
{
	json_t *st = str_or_null("/sys/kernel/sched_ext/state");

	return json_pack("{s:o,s:o,s:o}", "state", st, "ops",
			 str_or_null("/sys/kernel/sched_ext/root/ops"),
			 "reason", json_is_null(st) ?
			 json_string("no /sys/kernel/sched_ext: the kernel has "
				     "no sched_ext (CONFIG_SCHED_CLASS_EXT)") :
			 json_null());
}

json_t *sb_machine_load(void)
{
	double l1, l5, l15;
	int run, tasks;
	FILE *f = fopen("/proc/loadavg", "r");
	int n = f ? fscanf(f, "%lf %lf %lf %d/%d", &l1, &l5, &l15, &run,
			   &tasks) : 0;

	if (f)
		fclose(f);
	if (n != 5)
		return json_pack("{s:n,s:n,s:n,s:n,s:n}", "loadavg_1",
				 "loadavg_5", "loadavg_15", "runnable",
				 "tasks");
	/* runnable counts the reader itself: the others are run - 1. */
	return json_pack("{s:f,s:f,s:f,s:i,s:i}", "loadavg_1", l1,
			 "loadavg_5", l5, "loadavg_15", l15, "runnable",
			 run > 0 ? run - 1 : 0, "tasks", tasks);
}

/* "none voluntary (full)" -> "full" */
static int paren_word(const char *s, char *out, size_t len)
{
	const char *a = strchr(s, '('), *b = a ? strchr(a, ')') : NULL;

	if (!b)
		return -1;
	snprintf(out, len, "%.*s", (int)(b - a - 1), a + 1);
	return 0;
}

/* The preemption model from the build config's PREEMPT_* options. */
static const char *preempt_from_config(const json_t *opts)
{
	static const char *const map[][2] = {
		{ "PREEMPT_RT", "rt" }, { "PREEMPT_LAZY", "lazy" },
		{ "PREEMPT", "full" }, { "PREEMPT_VOLUNTARY", "voluntary" },
		{ "PREEMPT_NONE", "none" },
	};
	size_t i, j;
	json_t *x;

	for (j = 0; j < sizeof(map) / sizeof(map[0]); j++)
		json_array_foreach(opts, i, x)
			if (!strcmp(json_string_value(x), map[j][0]))
				return map[j][1];
	return NULL;
}

/*
 * The preemption model: debugfs's sched/preempt (the one in parentheses
 * is active), else preempt= on the command line, else the build config's
 * default; the kernel's version string always (it says PREEMPT_DYNAMIC,
 * PREEMPT_RT).
 */
static json_t *preempt(const json_t *kcfg)
{
	char buf[512], w[64];
	const char *src = NULL, *m = NULL, *p;
	struct utsname u;

	if (!read_line("/sys/kernel/debug/sched/preempt", buf, sizeof(buf)) &&
	    !paren_word(buf, w, sizeof(w))) {
		src = "debugfs";
		m = w;
	} else if (!read_line("/proc/cmdline", buf, sizeof(buf)) &&
		   (p = strstr(buf, "preempt=")) &&
		   (p == buf || p[-1] == ' ')) {
		snprintf(w, sizeof(w), "%.*s", (int)strcspn(p + 8, " "),
			 p + 8);
		src = "cmdline";
		m = w;
	} else if ((m = preempt_from_config(json_object_get(kcfg,
						"preempt_options")))) {
		src = "config";
	}
	return json_pack("{s:s?,s:s?,s:s?}", "model", m, "source", src,
			 "kernel_version", uname(&u) ? NULL : u.version);
}

/* The cpufreq object: each CPU used, and why there is none. */
static json_t *cpufreq(const int *cpus, size_t n)
{
	json_t *a = json_array(), *c;
	int any = !access(SYS_CPU "/cpu0/cpufreq/scaling_driver", F_OK);
	size_t i;

	for (i = 0; i < n; i++) {
		c = cpufreq_one(cpus[i]);
		any |= json_is_string(json_object_get(c, "driver"));
		json_array_append_new(a, c);
	}
	return json_pack("{s:o,s:o}", "cpus", a, "reason", any ? json_null() :
			 json_string("no cpufreq in sysfs (a VM, or no "
				     "driver): governor and boost unknown"));
}

/* The kernel config's values into m (hz, debug_locks, kernel_config). */
static void machine_set_config(json_t *m, const json_t *kcfg,
			       const char *source)
{
	json_object_set(m, "hz", json_object_get(kcfg, "hz"));
	json_object_set(m, "debug_locks", json_object_get(kcfg,
							  "debug_locks"));
	json_object_set_new(m, "kernel_config", json_pack(
		"{s:s?,s:O}", "source", source, "reason",
		json_object_get(kcfg, "reason")));
}

int sb_machine_config_from(json_t *m, const char *path, const char *source)
{
	json_t *kcfg, *pre = json_object_get(m, "preempt");
	const char *model;

	if (json_is_string(json_object_get(json_object_get(m,
				"kernel_config"), "source")))
		return 0;
	kcfg = sb_kconfig_read_path(path);
	if (!kcfg)
		return -1;
	machine_set_config(m, kcfg, source);
	model = preempt_from_config(json_object_get(kcfg, "preempt_options"));
	if (json_is_object(pre) && json_is_null(json_object_get(pre, "model")) &&
	    model) {
		json_object_set_new(pre, "model", json_string(model));
		json_object_set_new(pre, "source", json_string("config"));
	}
	json_decref(kcfg);
	return 0;
}

json_t *sb_machine_probe(const int *cpus, size_t n)
{
	json_t *kcfg = sb_kconfig_probe();
	struct utsname u;
	json_t *o = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "cpufreq",
			      cpufreq(cpus, n), "boost", boost(), "smt", smt(),
			      "isolcpus", str_or_null(SYS_CPU "/isolated"),
			      "nohz_full", str_or_null(SYS_CPU "/nohz_full"),
			      "load_before", sb_machine_load());

	json_object_set_new(o, "load_after", json_null());
	json_object_set_new(o, "nr_cpus_online",
			    json_integer(sysconf(_SC_NPROCESSORS_ONLN)));
	json_object_set_new(o, "kernel_release", uname(&u) ? json_null() :
			    json_string(u.release));
	json_object_set_new(o, "preempt", preempt(kcfg));
	machine_set_config(o, kcfg, json_string_value(json_object_get(kcfg,
								      "source")));
	json_object_set_new(o, "vulnerabilities", vulnerabilities());
	json_object_set_new(o, "sched_ext", sched_ext());
	json_decref(kcfg);
	return o;
}
