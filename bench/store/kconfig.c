// SPDX-License-Identifier: GPL-2.0
/*
 * The running kernel's build config, read in C (zlib reads /proc/config.gz
 * and a plain /boot/config-* alike): HZ, the preemption model and the lock
 * debugging options, for machine.c. No program is run for it.
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <zlib.h>

#include "store/kconfig.h"

const char *const sb_machine_debug_opts[] = {
	"LOCKDEP", "PROVE_LOCKING", "DEBUG_LOCK_ALLOC", "LOCK_STAT",
	"DEBUG_SPINLOCK", "DEBUG_MUTEXES", "DEBUG_RWSEMS", "PROVE_RCU",
	"KASAN", "KCSAN", NULL,
};

/* "CONFIG_<name>=y" / "# CONFIG_<name> is not set" into o as a boolean. */
static void kconfig_line(json_t *debug, json_t *o, const char *line)
{
	char name[128];
	const char *eq;
	size_t i;

	if (!strncmp(line, "CONFIG_HZ=", 10)) {
		json_object_set_new(o, "hz", json_integer(strtoll(line + 10,
							       NULL, 10)));
		return;
	}
	if (strncmp(line, "CONFIG_", 7) || !(eq = strchr(line, '=')))
		return;
	snprintf(name, sizeof(name), "%.*s", (int)(eq - line - 7), line + 7);
	for (i = 0; sb_machine_debug_opts[i]; i++)
		if (!strcmp(name, sb_machine_debug_opts[i]))
			json_object_set_new(debug, name,
					    json_boolean(eq[1] == 'y'));
	if (!strncmp(name, "PREEMPT", 7) && eq[1] == 'y')
		json_array_append_new(json_object_get(o, "preempt_options"),
				      json_string(name));
}

/* Read path into o; 0, or -1 when it cannot be opened. */
static int kconfig_read(const char *path, json_t *o)
{
	json_t *debug = json_object_get(o, "debug_locks");
	char line[512];
	gzFile f = gzopen(path, "r");
	size_t i;

	if (!f)
		return -1;
	/* Read: every option not set is false, not unknown. */
	for (i = 0; sb_machine_debug_opts[i]; i++)
		json_object_set_new(debug, sb_machine_debug_opts[i],
				    json_false());
	while (gzgets(f, line, sizeof(line)))
		kconfig_line(debug, o, line);
	gzclose(f);
	json_object_set_new(o, "source", json_string(path));
	json_object_set_new(o, "reason", json_null());
	return 0;
}

/* The object with every value unknown (null). */
static json_t *kconfig_unknown(void)
{
	json_t *o = json_pack("{s:n,s:n,s:{},s:[]}", "source", "hz",
			      "debug_locks", "preempt_options");
	size_t i;

	for (i = 0; sb_machine_debug_opts[i]; i++)
		json_object_set_new(json_object_get(o, "debug_locks"),
				    sb_machine_debug_opts[i], json_null());
	return o;
}

json_t *sb_kconfig_read_path(const char *path)
{
	json_t *o = kconfig_unknown();

	if (!kconfig_read(path, o))
		return o;
	json_decref(o);
	return NULL;
}

json_t *sb_kconfig_probe(void)
{
	json_t *o = kconfig_unknown();
	char boot[512];
	struct utsname u;

	if (!kconfig_read("/proc/config.gz", o))
		return o;
	if (!uname(&u)) {
		snprintf(boot, sizeof(boot), "/boot/config-%s", u.release);
		if (!kconfig_read(boot, o))
			return o;
	}
	json_object_set_new(o, "reason", json_string(
		"no /proc/config.gz (CONFIG_IKCONFIG_PROC) and no "
		"/boot/config-$(uname -r): HZ and the debug options unknown"));
	return o;
}
