# SPDX-License-Identifier: GPL-2.0
# Sourced by test_machine.sh and test_vm_machine.sh: machine_check FILE
# PREFIX checks, with check_json ($cj), that the machine object at PREFIX
# of FILE (meta.json) holds every field of bench/store/machine.h as a typed
# value: numbers as numbers, flags as booleans, what the machine lacks as
# null, never absent. The kernel config decides the rest: read, HZ is an
# integer and each lock debugging option a boolean; not read, they are
# null and a reason says why. Prints what is wrong; returns 1 then.
machine_check() {
	_f=$1
	_p=$2
	"$cj" "$_f" "$_p.cpufreq.cpus=array" "$_p.cpufreq.cpus.0.cpu=integer" \
		"$_p.cpufreq.cpus.0.driver=string|null" \
		"$_p.cpufreq.cpus.0.governor=string|null" \
		"$_p.cpufreq.cpus.0.cur_khz=integer|null" \
		"$_p.cpufreq.reason=string|null" "$_p.boost=boolean|null" \
		"$_p.smt.control=string|null" "$_p.smt.active=boolean|null" \
		"$_p.isolcpus=string|null" "$_p.nohz_full=string|null" \
		"$_p.load_before.loadavg_1=number" \
		"$_p.load_before.runnable=integer" \
		"$_p.load_before.tasks=integer" \
		"$_p.nr_cpus_online=integer" "$_p.kernel_release=string" \
		"$_p.preempt.model=string|null" \
		"$_p.preempt.source=string|null" \
		"$_p.preempt.kernel_version=string" \
		"$_p.vulnerabilities=object|null" \
		"$_p.sched_ext.state=string|null" \
		"$_p.sched_ext.ops=string|null" \
		"$_p.kernel_config.reason=string|null" || return 1
	if "$cj" "$_f" "$_p.kernel_config.source=string" >/dev/null; then
		"$cj" "$_f" "$_p.hz=integer" \
			"$_p.debug_locks.LOCKDEP=boolean" \
			"$_p.debug_locks.PROVE_LOCKING=boolean" \
			"$_p.debug_locks.DEBUG_SPINLOCK=boolean" \
			"$_p.debug_locks.DEBUG_MUTEXES=boolean" \
			"$_p.debug_locks.PROVE_RCU=boolean" \
			"$_p.debug_locks.KASAN=boolean" \
			"$_p.debug_locks.KCSAN=boolean" || return 1
	else
		"$cj" "$_f" "$_p.hz=null" "$_p.debug_locks.LOCKDEP=null" \
			"$_p.kernel_config.reason=string" || return 1
	fi
}
