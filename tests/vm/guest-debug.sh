# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# guest-debug.sh - vm.debug: the module under lockdep, KASAN, kmemleak, debug
# objects, PROVE_RCU and the atomic-sleep check (kmod/vm/kconfig/debug.config).
#
# The debug kernel must really be one: its instruments are checked first.
# Then the other scenarios' guest scripts run here, one after the other, each
# as it runs in its own VM test, so every path they reach runs instrumented:
#   prims      every kernel primitive at 0/10/50% updates, the hard-IRQ and
#              softirq contenders, call_rcu/call_srcu, kfree_rcu, expedited
#              grace periods, srcu, calibrate, the TSC clock
#   race       none, toctou, rcu_nogp with perturbation, the churn, and the
#              quarantine filled until the run stops
#   badinput   refused writes, EINTR, kill -9, CPU hotplug before and during
#              a run, rmmod during a run
#   workloads  roles, pacing (updaters/update_interval_ns), hold, buckets
#              (with the contenders and kfree_rcu), delete_insert, refcount
#   perturb    delay, preempt and yield on every sound primitive
# (reader contexts do not exist in the module yet.) Each ends with the module
# unloaded and its kernel log emitted, which the host scans (vmcheck.c) for
# lockdep, KASAN, debug-objects, RCU, atomic-sleep and lockup reports.
# Last, with the module gone, kmemleak scans: any leak it reports fails.
. /lib/sb/guest-lib.sh

KML=/sys/kernel/debug/kmemleak
# The scripts' timing claims (expedited grace periods far shorter, the
# paced rate) hold for Debian's kernel; this one has another config and
# every lock slowed: they run, their records are judged, their timings not.
SB_TIMING_CHECKS=0
export SB_TIMING_CHECKS
# Updates here run at a few thousand a second: a million-entry quarantine
# would not fill within guest-race.sh's 60 s run, and its full path must
# run here too. 64 Ki entries fill in seconds.
SB_INSMOD_ARGS=quarantine_entries=65536
export SB_INSMOD_ARGS

# The instruments: a test that would pass without them proves nothing.
if [ -r /proc/lockdep ]; then
	pass "lockdep is on (/proc/lockdep)"
else
	fail "no /proc/lockdep: this kernel has no lockdep"
fi
if dmesg | grep -q 'KernelAddressSanitizer initialized'; then
	pass "KASAN is on"
else
	fail "no 'KernelAddressSanitizer initialized' in the kernel log"
fi
if [ -w "$KML" ]; then
	pass "kmemleak is on ($KML)"
	# What the boot left unreferenced is not ours: find it, then forget
	# it (clear greys only what a scan has reported).
	echo scan >"$KML"
	echo clear >"$KML"
else
	fail "no $KML: this kernel has no kmemleak"
fi

for s in prims race badinput workloads perturb; do
	say "== guest-$s.sh under the debug kernel"
	if sh "/lib/sb/guest-$s.sh"; then
		pass "guest-$s.sh under the debug kernel"
	else
		fail "guest-$s.sh under the debug kernel exited $?"
	fi
	if grep -q '^syncbench ' /proc/modules; then
		fail "guest-$s.sh left the module loaded"
		rmmod syncbench
	fi
done

# Leaks: kmemleak reports an object only once it has stayed unreferenced
# for 5 s and been seen by a scan, so scan, wait, scan again.
if [ -w "$KML" ]; then
	echo scan >"$KML"
	sleep 6
	echo scan >"$KML"
	cat "$KML" >/tmp/kmemleak
	emit kmemleak kmemleak "" /tmp/kmemleak
	if [ -s /tmp/kmemleak ]; then
		fail "kmemleak: $(grep -c '^unreferenced object' /tmp/kmemleak) leak(s) after rmmod"
	else
		pass "kmemleak: no leak after rmmod"
	fi
fi
guest_done
