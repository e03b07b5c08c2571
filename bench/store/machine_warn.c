// SPDX-License-Identifier: GPL-2.0
/*
 * The warnings before a run (see machine.h): what makes this machine's
 * numbers other than the primitives' (lockhammer checks the governor the
 * same way). `run --strict` refuses to run on any of them.
 */
#include <stdio.h>
#include <string.h>

#include "backend/desc.h"
#include "store/machine.h"

/* The governors of the CPUs used that are not "performance", listed. */
static int governor_warn(const json_t *m, char *out, size_t len)
{
	json_t *cpus = json_object_get(json_object_get(m, "cpufreq"), "cpus");
	json_t *c;
	size_t i, n = 0;
	int bad = 0;

	out[0] = '\0';
	json_array_foreach(cpus, i, c) {
		const char *g = json_string_value(json_object_get(c,
								  "governor"));

		if (!g || !strcmp(g, "performance"))
			continue;
		bad++;
		if (n < len)
			n += (size_t)snprintf(out + n, len - n, "%scpu%lld=%s",
				n ? " " : "",
				json_integer_value(json_object_get(c, "cpu")),
				g);
	}
	return bad;
}

/* The lock debugging options set, listed. */
static int debug_warn(const json_t *m, char *out, size_t len)
{
	json_t *d = json_object_get(m, "debug_locks"), *v;
	const char *k;
	size_t n = 0;
	int bad = 0;

	out[0] = '\0';
	json_object_foreach(d, k, v) {
		if (!json_is_true(v))
			continue;
		bad++;
		if (n < len)
			n += (size_t)snprintf(out + n, len - n, "%sCONFIG_%s",
					      n ? " " : "", k);
	}
	return bad;
}

/*
 * Busy: another task runnable right now, or a 1-minute load average of
 * half the CPUs or more (something has been running beside us).
 */
static int busy_warn(const json_t *m, char *out, size_t len)
{
	const json_t *l = json_object_get(m, "load_before");
	json_t *run = json_object_get(l, "runnable");
	double l1 = json_number_value(json_object_get(l, "loadavg_1"));
	double ncpu = json_number_value(json_object_get(m, "nr_cpus_online"));

	if (!json_is_integer(run))
		return 0;
	if (json_integer_value(run) < 1 && !(ncpu > 0 && l1 >= ncpu / 2))
		return 0;
	snprintf(out, len, "%lld other runnable task%s, load average %.2f on "
		 "%.0f CPUs", json_integer_value(run),
		 json_integer_value(run) == 1 ? "" : "s", l1, ncpu);
	return 1;
}

size_t sb_machine_warnings(const json_t *m, const char *who,
			   char (*lines)[SB_MACHINE_WARN_LEN], size_t max)
{
	char what[160];
	size_t n = 0;

	if (n < max && governor_warn(m, what, sizeof(what)))
		snprintf(lines[n++], SB_MACHINE_WARN_LEN,
			 "%s: cpufreq governor not performance (%s): "
			 "the clock may change under the run", who, what);
	if (n < max && debug_warn(m, what, sizeof(what)))
		snprintf(lines[n++], SB_MACHINE_WARN_LEN,
			 "%s: lock debugging on (%s): every lock costs "
			 "more than in a production kernel", who, what);
	if (n < max && busy_warn(m, what, sizeof(what)))
		snprintf(lines[n++], SB_MACHINE_WARN_LEN,
			 "%s: busy (%s): other work competes for the CPUs",
			 who, what);
	return n;
}

int sb_machine_check(const json_t *m, const char *who, const char *cmd,
		     int strict)
{
	char lines[4][SB_MACHINE_WARN_LEN];
	size_t n = sb_machine_warnings(m, who, lines, 4), i;

	for (i = 0; i < n; i++)
		fprintf(stderr, "%s: %s%s\n", cmd,
			strict ? "--strict: " : "warning: ", lines[i]);
	return n && strict ? 2 : 0;
}

/* 1 any debug option on, 0 all known and off, -1 unknown. */
static int machine_debug(const json_t *m)
{
	json_t *d = json_object_get(m, "debug_locks"), *v;
	const char *k;
	int known = 0;

	json_object_foreach(d, k, v) {
		if (json_is_true(v))
			return 1;
		known |= json_is_false(v);
	}
	return known ? 0 : -1;
}

int sb_meta_debug_kernel(const json_t *meta)
{
	const json_t *bk = json_object_get(meta, "backends");
	const json_t *vm = sb_backend_guest_details(bk);
	int host = -1, guest = -1;
	unsigned int i;

	/*
	 * The host's kernel counts only when a backend that runs the module
	 * in it (kernel side, the host's topology) ran.
	 */
	for (i = 0; i < SB_NR_BACKENDS; i++) {
		const struct sb_backend_desc *d = &sb_backend_descs[i];

		if (d->side == SB_SIDE_KERNEL && d->topo == SB_BK_TOPO_HOST &&
		    json_object_get(bk, d->name))
			host = machine_debug(json_object_get(meta, "machine"));
	}
	if (vm)
		guest = machine_debug(json_object_get(vm, "guest_machine"));
	if (host == 1 || guest == 1)
		return 1;
	return host == 0 || guest == 0 ? 0 : -1;
}
