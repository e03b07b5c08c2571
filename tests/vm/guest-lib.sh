# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# guest-lib.sh - helpers the VM test's guest scripts source (busybox sh).
#
# Everything the host judges goes to $SB_DATA (the guest's /dev/ttyS1, set up
# by kmod/vm/mkinitramfs's /init) in the format tests/vm/vmcheck.h
# describes; a one-line human summary of each step goes to the console, so a
# ctest log shows what ran. Every helper records a failure and carries on,
# so one broken step does not hide the others; the script's exit status
# (guest_done) is non-zero if anything failed.

SB=/sys/kernel/debug/syncbench
: "${SB_DATA:=/dev/console}"
SB_FAILED=0
# Short runs: each boot's whole budget is a minute or two under TCG.
SB_BASE="duration_ms=300 warmup_ms=50 list_len=64 cs_ns=0 think_ns=0"
SB_BASE="$SB_BASE irq_hz=0 rcu_free=sync rcu_gp=normal node=-1 seed=1"
SB_BASE="$SB_BASE updaters=0 update_interval_ns=0 hold_ns=0"
SB_BASE="$SB_BASE update_op=replace key_space=0 ref=none buckets=1"
SB_BASE="$SB_BASE perturb=off perturb_pct=10 perturb_ns=10000"

say() { echo "sbvm: $*"; }
pass() {
	echo "SB-CHECK PASS $*" >"$SB_DATA"
	say "PASS $*"
}
fail() {
	echo "SB-CHECK FAIL $*" >"$SB_DATA"
	say "FAIL $*"
	SB_FAILED=1
}

# emit KIND NAME EXPECT FILE: one block of the data stream.
emit() {
	{
		echo "SB-BEGIN $1 $2${3:+ expect=$3}"
		cat "$4"
		echo
		echo "SB-END $2"
	} >"$SB_DATA"
}

# Seconds since boot with centiseconds, as an integer number of 1/100 s.
now_cs() {
	awk '{ split($1, a, "."); print a[1] * 100 + a[2] }' /proc/uptime
}

# try FILE TEXT [sb-write options...]: one write(); sets WRET and WERRNO.
try() {
	_f=$1
	_t=$2
	shift 2
	_out=$(sb-write "$@" "$SB/$_f" "$_t" 2>&1)
	WERRNO=${_out##*errno=}
	WERRNO=${WERRNO%% *}
	WRET=${_out#ret=}
	WRET=${WRET%% *}
}

# expect_err ERRNO WHAT FILE TEXT: the write must fail with ERRNO.
expect_err() {
	try "$3" "$4"
	if [ "$WERRNO" = "$1" ]; then
		pass "$2: $1"
	else
		fail "$2: want $1, got ret=$WRET errno=$WERRNO"
	fi
}

# set_config TEXT: must be accepted in full. A config write ends in a
# newline (the module refuses a text that may have been cut short).
set_config() {
	try config "$1
"
	if [ "$WERRNO" != 0 ] || [ "$WRET" != "$((${#1} + 1))" ]; then
		fail "config '$1' refused: ret=$WRET errno=$WERRNO"
		return 1
	fi
	return 0
}

# config_value KEY: the effective value of KEY as `config` reads back.
config_value() {
	sed -n "s/^$1=//p" "$SB/config"
}

load_module() {
	# SB_INSMOD_ARGS: module parameters a scenario loads with (vm.debug's).
	# shellcheck disable=SC2086 # one word per parameter
	if ! insmod /syncbench.ko ${SB_INSMOD_ARGS:-}; then
		fail "insmod syncbench.ko"
		return 1
	fi
	if [ ! -d "$SB" ]; then
		fail "insmod: no $SB directory"
		return 1
	fi
	# Exactly the catalogue's kernel rows, in its order.
	if [ -r /lib/sb/prims.txt ]; then
		_want=$(cut -d' ' -f1 /lib/sb/prims.txt | tr '\n' ' ')
		_have=$(tr '\n' ' ' <"$SB/prims")
		if [ "$_have" = "$_want" ]; then
			pass "prims lists the catalogue's kernel rows: $_have"
		else
			fail "prims lists '$_have', the catalogue '$_want'"
		fi
	fi
	if grep -qE '^syncbench [0-9][^ ]* result_schema=[0-9]+$' \
			"$SB/version"; then
		pass "module loaded: $(cat "$SB/version")"
	else
		fail "version line '$(cat "$SB/version")'"
	fi
	# MODULE_VERSION (sysfs) must be the version debugfs reports.
	_v=$(cut -d' ' -f2 "$SB/version")
	[ "$(cat /sys/module/syncbench/version 2>/dev/null)" = "$_v" ] ||
		fail "MODULE_VERSION '$(cat /sys/module/syncbench/version \
			2>/dev/null)' is not the debugfs version '$_v'"
}

unload_module() {
	if rmmod syncbench && ! grep -q '^syncbench ' /proc/modules; then
		pass "rmmod syncbench"
	else
		fail "rmmod syncbench"
	fi
}

# run_point NAME EXPECT CONFIG: configure (on top of SB_BASE), run, emit the
# record for the host to judge against EXPECT (vmcheck.h).
run_point() {
	set_config "$SB_BASE $3" || return 1
	try run 1
	if [ "$WERRNO" != 0 ]; then
		fail "$1: run failed, errno=$WERRNO"
		return 1
	fi
	if ! cat "$SB/result" >/tmp/result || [ ! -s /tmp/result ]; then
		fail "$1: no result to read"
		return 1
	fi
	emit result "$1" "$2" /tmp/result
	say "ran $1: $(grep -E '^(status|ops|invariants|violations)=' \
		/tmp/result | tr '\n' ' ')"
}

# result_value KEY: KEY's value in the last run_point's record.
result_value() {
	sed -n "s/^$1=//p" /tmp/result
}

# The kernel log, for the host to scan (the console may have dropped lines).
emit_dmesg() {
	dmesg >/tmp/dmesg
	emit dmesg dmesg "" /tmp/dmesg
}

guest_done() {
	emit_dmesg
	exit "$SB_FAILED"
}
