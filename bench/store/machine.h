/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state of the machine that bears on lock costs, for meta.json's
 * "machine" object: cpufreq driver and governor of each CPU used, turbo
 * or boost, SMT, isolated and nohz_full CPUs, the load (average and
 * runnable tasks, before and after the run), the preemption model, HZ,
 * the kernel's lock debugging options (from /proc/config.gz or
 * /boot/config-$(uname -r)), the CPU vulnerability mitigations and the
 * sched_ext state. Every value is typed (numbers are numbers, flags
 * booleans); one this machine does not have (no cpufreq in a VM, no
 * kernel config) is null, never absent, with a "*_reason" saying why.
 *
 * The vm guest probes itself with the same code (cmd/guest.c) and sends
 * the object as a frame; the host stores it as backends.vm.guest_machine.
 */
#ifndef SB_STORE_MACHINE_H
#define SB_STORE_MACHINE_H

#include <stddef.h>
#include <jansson.h>

/* The kernel config options that change what a lock costs. */
extern const char *const sb_machine_debug_opts[];

/* The machine now; cpus: the CPUs the run uses (n of them; may be 0). */
json_t *sb_machine_probe(const int *cpus, size_t n);
/*
 * A machine object without its kernel config (a vm guest: no
 * /proc/config.gz, no /boot) completed from path, the config of the same
 * kernel on the host; source says so in kernel_config.source. 0, or -1
 * when path cannot be read (m unchanged); 0 too when m had a config.
 */
int sb_machine_config_from(json_t *m, const char *path, const char *source);
/* {"loadavg_1":..,"loadavg_5":..,"loadavg_15":..,"runnable":..,"tasks":..} */
json_t *sb_machine_load(void);

/*
 * The warnings a machine object deserves before a run (a governor other
 * than performance, lock debugging, a busy machine), one line each into
 * lines (room for max, each SB_MACHINE_WARN_LEN); their count. who names
 * the machine ("this machine", "the vm guest").
 */
#define SB_MACHINE_WARN_LEN 256
size_t sb_machine_warnings(const json_t *m, const char *who,
			   char (*lines)[SB_MACHINE_WARN_LEN], size_t max);

/*
 * The warnings on stderr, one line each ("CMD: warning: ..."), before a
 * run; with strict they are refusals and the answer is 2 (exit 2).
 */
int sb_machine_check(const json_t *m, const char *who, const char *cmd,
		     int strict);

/*
 * Did a run's kernel have lock debugging or a sanitizer on (any of
 * sb_machine_debug_opts)? From meta.json: the host's machine object (the
 * kernel backend) and the vm guest's (backends.vm.guest_machine). 1 when
 * one says so, 0 when every one known says not, -1 when none is known.
 * Such a run's timings are not a production kernel's: meta.json says so
 * (debug_kernel), the report says so, and compare refuses to set it beside
 * a production kernel's run.
 */
int sb_meta_debug_kernel(const json_t *meta);

#endif /* SB_STORE_MACHINE_H */
