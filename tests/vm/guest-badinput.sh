# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# vm.badinput guest (booted with 2 CPUs, 1 NUMA node): bad writes to every
# debugfs file, a run during a run, a run interrupted by a signal (caught and
# fatal), and unloading the module during a run. Each step must give the
# contracted errno and leave the module working; the host scans the kernel
# log for oopses, warnings, lockups and stalls.
# shellcheck source=tests/vm/guest-lib.sh
. /lib/sb/guest-lib.sh

load_module || guest_done
# Before any run, result has nothing to say: empty, or -ENODATA.
if timeout 10 cat "$SB/result" >/tmp/result 2>/tmp/result.err; then
	if [ -s /tmp/result ]; then
		fail "result before the first run: '$(head -c 80 /tmp/result)'"
	else
		pass "result before the first run: empty"
	fi
elif grep -q 'No data available' /tmp/result.err; then
	pass "result before the first run: ENODATA"
else
	fail "result before the first run: $(cat /tmp/result.err)"
fi
set_config "$SB_BASE prim=mutex cpus=0-1 update_pct=10" || guest_done
cat "$SB/config" >/tmp/config.before

# bad_config WHAT TEXT: -EINVAL, a reason in the kernel log, config intact.
bad_config() {
	_logged=$(dmesg | grep -c 'syncbench:')
	# Ended by a newline, so the refusal is for the text itself.
	expect_err EINVAL "config: $1" config "$2
"
	if ! cmp -s "$SB/config" /tmp/config.before; then
		fail "config: $1: the config changed"
		cat "$SB/config" >/tmp/config.before
	fi
	[ "$(dmesg | grep -c 'syncbench:')" -gt "$_logged" ] ||
		fail "config: $1: no 'syncbench:' reason in the kernel log"
}

# Malformed.
bad_config "not a number" "duration_ms=abc"
bad_config "no value" "update_pct"
bad_config "no key" "=5"
bad_config "empty value" "update_pct="
bad_config "negative unsigned" "duration_ms=-5"
bad_config "hex" "update_pct=0x10"
bad_config "trailing junk" "list_len=12abc"
bad_config "broken cpulist" "cpus=0-"
bad_config "reversed cpulist" "cpus=1-0"
bad_config "binary bytes" "$(printf 'seed=\001\377')"
# Unknown.
bad_config "unknown key" "bogus=1"
bad_config "userspace-only key" "irq_mask=soft"
bad_config "unknown primitive" "prim=nosuch"
bad_config "unknown rcu_free" "rcu_free=sometimes"
# Out of range or impossible here.
bad_config "update_pct > 100" "update_pct=101"
bad_config "duration_ms=0" "duration_ms=0"
bad_config "list_len=0" "list_len=0"
bad_config "irq_hz too high" "irq_hz=20001"
bad_config "u64 overflow" "seed=18446744073709551616"
bad_config "offline CPU" "cpus=0-7"
bad_config "CPU beyond nr_cpu_ids" "cpus=1000"
bad_config "node that does not exist" "node=1"
bad_config "spin with an IRQ contender (deadlock)" "prim=spin irq_hz=1000"
# Every primitive with neither contender capability (hard-IRQ or softirq),
# by its caps: spinning on (or sleeping for) a lock its own CPU holds, or
# srcu_read_lock() in hard IRQ. And every one with grace periods but no
# kfree_rcu form (SB_CAP_KFREE) refuses rcu_free=kfree_rcu.
while read -r _p _caps; do
	case ",$_caps," in
	*,irq,* | *,softirq,*) ;;
	*) bad_config "$_p (caps: ${_caps:-none}) has no contender capability" \
		"prim=$_p irq_hz=1000" </dev/null ;;
	esac
	case ",$_caps," in
	*,kfree,*) ;;
	*,grace,*) bad_config "$_p (caps: $_caps) with kfree_rcu" \
		"prim=$_p rcu_free=kfree_rcu" </dev/null ;;
	esac
done </lib/sb/prims.txt
bad_config "unknown rcu_gp" "rcu_gp=fast"
# Every grace-period primitive: only a synchronous wait has an expedited
# form.
while read -r _p _caps; do
	case ",$_caps," in
	*,grace,*)
		bad_config "$_p: expedited with call_rcu" \
			"prim=$_p rcu_free=async rcu_gp=expedited" </dev/null
		case ",$_caps," in
		*,kfree,*) bad_config "$_p: expedited with kfree_rcu" \
			"prim=$_p rcu_free=kfree_rcu rcu_gp=expedited" </dev/null ;;
		esac
		;;
	esac
done </lib/sb/prims.txt
# All or nothing: a good key next to a bad one must not be applied.
bad_config "good key then bad key" "update_pct=20 bogus=1"
# Oversized: valid pairs, but longer than SB_CONFIG_TEXT_MAX (4096).
: >/tmp/big
while [ "$(wc -c </tmp/big)" -le 5000 ]; do
	printf 'seed=7 seed=7 seed=7 seed=7 seed=7 seed=7 seed=7 seed=7\n' \
		>>/tmp/big
done
_logged=$(dmesg | grep -c 'syncbench:')
_out=$(sb-write -f /tmp/big "$SB/config")
case $_out in
*errno=EINVAL*) pass "config: oversized write ($(wc -c </tmp/big) bytes): EINVAL" ;;
*) fail "config: oversized write: want EINVAL, got $_out" ;;
esac
cmp -s "$SB/config" /tmp/config.before ||
	fail "config: oversized write changed the config"

# A config text arrives whole or not at all: a write at a nonzero offset
# (the rest of a split text) or one that does not end in a newline (maybe
# the start of one) is refused, with nothing applied.
# cut_config WHAT [sb-write options] -- TEXT
cut_config() {
	_what=$1
	shift
	_logged=$(dmesg | grep -c 'syncbench:')
	_out=$(sb-write "$@" 2>&1)
	case $_out in
	*errno=EINVAL*) pass "config: $_what: EINVAL" ;;
	*) fail "config: $_what: want EINVAL, got $_out" ;;
	esac
	if ! cmp -s "$SB/config" /tmp/config.before; then
		fail "config: $_what: the config changed"
		cat "$SB/config" >/tmp/config.before
	fi
	[ "$(dmesg | grep -c 'syncbench:')" -gt "$_logged" ] ||
		fail "config: $_what: no 'syncbench:' reason in the kernel log"
}
cut_config "write at offset 12" -o 12 "$SB/config" "update_pct=30
"
cut_config "text ending in the middle of a pair" "$SB/config" "update_pct=2"
# dd bs=12 of 'update_pct=20\n' writes 'update_pct=2', then '0\n' at 12.
printf 'update_pct=20\n' | dd of="$SB/config" bs=12 >/dev/null 2>&1
if [ "$(config_value update_pct)" = 2 ]; then
	fail "config: dd bs=12 of update_pct=20 applied update_pct=2"
	cat "$SB/config" >/tmp/config.before
elif cmp -s "$SB/config" /tmp/config.before; then
	pass "config: dd bs=12 of update_pct=20: nothing applied"
else
	fail "config: dd bs=12 of update_pct=20 changed the config"
	cat "$SB/config" >/tmp/config.before
fi
# Two whole texts on one open file: the second is at offset 7.
{ printf 'seed=5\n' && printf 'seed=6\n'; } >"$SB/config" 2>/dev/null
if [ "$(config_value seed)" = 5 ]; then
	pass "config: a second write on one open file is refused"
else
	fail "config: two writes on one open file left seed=$(config_value seed)"
fi
set_config "seed=1" || guest_done
cat "$SB/config" >/tmp/config.before

# The control: a good write does apply, on top of the rest.
if set_config "update_pct=20" && [ "$(config_value update_pct)" = 20 ] &&
   [ "$(config_value prim)" = mutex ] &&
   [ "$(config_value duration_ms)" = 300 ]; then
	pass "config: a good write applies on top of the current config"
else
	fail "config: update_pct=20 not applied as expected"
fi

# Read-only files refuse writes; run has nothing to read (no hang either).
for f in prims version result; do
	try "$f" "x"
	if [ "$WERRNO" != 0 ]; then
		pass "write to $f refused: $WERRNO"
	else
		fail "write to $f accepted"
	fi
done
if timeout 10 cat "$SB/run" >/dev/null 2>&1 || [ $? -ne 124 ]; then
	pass "read of run returns"
else
	fail "read of run hangs"
fi

# A run during a run: -EBUSY, and the first run still completes.
set_config "duration_ms=3000 update_pct=10" || guest_done
sb-write "$SB/run" 1 >/tmp/bg.out 2>&1 &
bg=$!
sleep 1
expect_err EBUSY "run during a run" run 1
wait "$bg"
if grep -q 'errno=0' /tmp/bg.out; then
	pass "the first run completed: $(cat /tmp/bg.out)"
else
	fail "the first run: $(cat /tmp/bg.out)"
fi
cat "$SB/result" >/tmp/result
emit result busy/first ok /tmp/result

# run takes "1" (a newline after it or not) and nothing else: anything
# else is EINVAL, an unreadable buffer EFAULT, and nothing runs.
cat "$SB/result" >/tmp/result.before
# no_run ERRNO WHAT TEXT [sb-write options]
no_run() {
	_e=$1
	_what=$2
	_t=$3
	shift 3
	try run "$_t" "$@"
	if [ "$WERRNO" = "$_e" ]; then
		pass "run: $_what: $_e"
	else
		fail "run: $_what: want $_e, got ret=$WRET errno=$WERRNO"
	fi
	cmp -s "$SB/result" /tmp/result.before ||
		fail "run: $_what: a run happened (the result changed)"
}
no_run EINVAL "zero-length write" ""
no_run EINVAL "'0'" 0
no_run EINVAL "'garbage'" garbage
no_run EINVAL "'1 '" "1 "
no_run EINVAL "'1' and a newline twice" "1

"
no_run EFAULT "write from a bad pointer" 1 -b
try run "1
"
if [ "$WERRNO" = 0 ] && ! cmp -s "$SB/result" /tmp/result.before; then
	pass "run: '1' and a newline runs"
else
	fail "run: '1' and a newline: ret=$WRET errno=$WERRNO"
fi

# Reads of every file and valid config writes racing a run: nothing hangs
# or oopses, and the run completes (the contract leaves open whether such a
# write is refused with -EBUSY or applies to the next run; both are fine).
set_config "duration_ms=2000 prim=rcu rcu_free=async update_pct=50" ||
	guest_done
sb-write "$SB/run" 1 >/tmp/bg.out 2>&1 &
bg=$!
i=0
hung=0
while [ $i -lt 40 ]; do
	for f in config result prims version; do
		timeout 10 cat "$SB/$f" >/dev/null 2>&1
		[ $? -ne 124 ] || hung=1
	done
	sb-write "$SB/config" "seed=$((i + 10))
" >/dev/null 2>&1
	i=$((i + 1))
done
wait "$bg"
if [ "$hung" = 0 ] && grep -q 'errno=0' /tmp/bg.out; then
	pass "reads and config writes during a run: run completed"
else
	fail "reads and config writes during a run: hung=$hung run: $(cat /tmp/bg.out)"
fi
cat "$SB/result" >/tmp/result
emit result racing/rcu ok /tmp/result

# A run interrupted by a caught signal: -EINTR quickly, status aborted.
set_config "duration_ms=8000" || guest_done
t0=$(now_cs)
try run 1 -a 1000
t1=$(now_cs)
if [ "$WERRNO" = EINTR ]; then
	pass "signal during a run: EINTR after $(((t1 - t0) * 10)) ms"
else
	fail "signal during a run: want EINTR, got ret=$WRET errno=$WERRNO"
fi
[ $((t1 - t0)) -lt 600 ] ||
	fail "signal during a run: took $(((t1 - t0) * 10)) ms to return"
cat "$SB/result" >/tmp/result
emit result eintr/aborted aborted /tmp/result
set_config "duration_ms=300" && run_point eintr/next ok "prim=mutex cpus=0-1"

# A job-control stop (Ctrl-Z) during a run: the window it stretches is no
# measurement, so the run is aborted (EINTR, status aborted), as the
# userspace mirror fails a stretched window; never stored as ok.
set_config "duration_ms=4000" || guest_done
sb-write "$SB/run" 1 >/tmp/stop.out 2>&1 &
bg=$!
sleep 1
kill -STOP "$bg"
sleep 1
kill -CONT "$bg"
wait "$bg"
if grep -q 'errno=EINTR' /tmp/stop.out; then
	pass "a job-control stop during a run: EINTR"
else
	fail "a job-control stop during a run: $(cat /tmp/stop.out)"
fi
cat "$SB/result" >/tmp/result
emit result stop/aborted aborted /tmp/result
set_config "duration_ms=300" && run_point stop/next ok "prim=spin cpus=0-1"

# A fatal signal (kill -9) during a run: the writer dies, the run stops.
set_config "duration_ms=8000" || guest_done
t0=$(now_cs)
sb-write "$SB/run" 1 >/dev/null 2>&1 &
bg=$!
sleep 1
kill -9 "$bg"
wait "$bg"
t1=$(now_cs)
if [ $((t1 - t0)) -lt 600 ]; then
	pass "kill -9 during a run: writer gone after $(((t1 - t0) * 10)) ms"
else
	fail "kill -9 during a run: writer took $(((t1 - t0) * 10)) ms to die"
fi
run_point kill9/next ok "prim=spin cpus=0-1"

# A configured CPU going offline makes the config impossible: a run gets
# -EINVAL, and so does a config naming that CPU; back online, all works.
set_config "duration_ms=300 prim=spin cpus=0-1" || guest_done
if echo 0 >/sys/devices/system/cpu/cpu1/online; then
	expect_err EINVAL "run with a configured CPU offline" run 1
	cat "$SB/config" >/tmp/config.before
	bad_config "a CPU that is offline" "cpus=1"
	echo 1 >/sys/devices/system/cpu/cpu1/online ||
		fail "cannot bring cpu1 back online"
	run_point hotplug/next ok "prim=spin cpus=0-1"
else
	fail "cannot take cpu1 offline"
fi

# A configured CPU taken offline during a run: its thread moves away, so
# the record cannot claim it ran there: -EIO, status=failed with the reason.
# The offline must land inside the run: under the debug kernel (vm.debug)
# hotplug takes seconds, so the run there is longer.
_hp_ms=3000
[ "${SB_TIMING_CHECKS:-1}" = 0 ] && _hp_ms=20000
set_config "duration_ms=$_hp_ms prim=spin cpus=0-1" || guest_done
sb-write "$SB/run" 1 >/tmp/bg.out 2>&1 &
bg=$!
sleep 1
if echo 0 >/sys/devices/system/cpu/cpu1/online; then
	wait "$bg"
	cat "$SB/result" >/tmp/result
	if grep -q 'errno=EIO' /tmp/bg.out &&
	   grep -q '^status=failed' /tmp/result &&
	   grep -q '^reason=thread 1 left CPU 1' /tmp/result; then
		pass "CPU offline during a run: EIO, $(grep '^reason=' /tmp/result)"
	else
		fail "CPU offline during a run: $(cat /tmp/bg.out)," \
			"$(grep -E '^(status|reason)=' /tmp/result | tr '\n' ' ')"
	fi
	echo 1 >/sys/devices/system/cpu/cpu1/online ||
		fail "cannot bring cpu1 back online"
	run_point hotplug-mid/next ok "prim=spin cpus=0-1"
else
	wait "$bg"
	fail "cannot take cpu1 offline"
fi

# Unload during a run: rmmod either refuses (module in use) or waits; either
# way the run ends, the module then unloads, and loads and runs again.
set_config "duration_ms=3000 prim=rcu rcu_free=async update_pct=50" ||
	guest_done
sb-write "$SB/run" 1 >/tmp/bg.out 2>&1 &
bg=$!
sleep 1
if rmmod syncbench 2>/tmp/rmmod.err; then
	say "rmmod during a run succeeded"
else
	say "rmmod during a run refused: $(cat /tmp/rmmod.err)"
fi
wait "$bg"
say "run during rmmod: $(cat /tmp/bg.out)"
if grep -q '^syncbench ' /proc/modules; then
	unload_module
fi
if load_module && set_config "$SB_BASE prim=rcu cpus=0-1"; then
	run_point reload/rcu ok "prim=rcu cpus=0-1 update_pct=50"
	pass "module works after an unload during a run"
fi
unload_module
guest_done
