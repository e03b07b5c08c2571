# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# vm.mem guest, booted with 192 MiB: every config the module accepts
# either runs (status ok, or stopped on a full quarantine) or is refused
# with ENOMEM, the reason in the kernel log and the config unchanged; the
# OOM killer never fires and the kernel never panics (the host's checker
# fails the boot on "invoked oom-killer", "Out of memory" or a panic in the
# console; boot exits 3 on a panic). Issue 21's config (rcu_nogp, a million
# entries, 65536 buckets, every operation an update) panicked such a guest
# ("System is deadlocked on memory"): it must be refused. Then a writer
# killed (kill -9) while its run builds a million entries: the run stops,
# and the next one runs.
# shellcheck source=tests/vm/guest-lib.sh
. /lib/sb/guest-lib.sh

mem_line() {
	grep -E '^(MemTotal|MemAvailable):' /proc/meminfo | tr -s ' ' |
		tr '\n' ' '
}

# big NAME MUST CONFIG: CONFIG on top of SB_BASE (the config must take
# it). MUST: "enomem" (it must be refused) or "any" (run or refused).
big() {
	set_config "$SB_BASE cpus=0-1 $3" || return 1
	cat "$SB/config" >/tmp/config.before
	try run 1
	case $WERRNO in
	0)
		cat "$SB/result" >/tmp/result
		emit record "$1" "" /tmp/result
		_st=$(result_value status)
		if [ "$2" = enomem ]; then
			fail "$1: ran (status $_st), want ENOMEM"
		elif [ "$_st" = ok ] || [ "$_st" = stopped ]; then
			pass "$1: ran, status $_st, ops $(result_value ops) ($(mem_line))"
		else
			fail "$1: status $_st: $(result_value reason)"
		fi
		;;
	ENOMEM)
		_why=$(dmesg | grep 'syncbench: run refused: ' | tail -n 1)
		if ! echo "$_why" | grep -q 'not enough memory: the run needs'; then
			fail "$1: ENOMEM without the reason in the log: '$_why'"
		elif ! cmp -s "$SB/config" /tmp/config.before; then
			fail "$1: ENOMEM, but the config changed"
		else
			pass "$1: refused, ENOMEM: ${_why#*run refused: }"
		fi
		;;
	*)
		fail "$1: run: ret=$WRET errno=$WERRNO, want success or ENOMEM"
		;;
	esac
}

load_module || guest_done
say "memory at the start: $(mem_line)"
# Issue 21's config, for a minute: its quarantine of 2^20 entries more
# would outgrow the guest within seconds.
big issue21 enomem \
	"prim=rcu_nogp list_len=1048576 buckets=65536 update_pct=100 duration_ms=60000"
big spin/1M any "prim=spin list_len=1048576 buckets=65536 update_pct=100"
big spin/512K any "prim=spin list_len=524288 buckets=65536 update_pct=100"
# Half a million entries and a minute of updates: the quarantine gets
# what memory is left, fills, and the run stops there (status=stopped).
big toctou/512K/1min any \
	"prim=toctou list_len=524288 buckets=65536 update_pct=50 duration_ms=60000"
big rcu_nogp/512K/1min any \
	"prim=rcu_nogp list_len=524288 buckets=65536 update_pct=100 duration_ms=60000"
big none/churn/512K any \
	"prim=none list_len=524288 buckets=65536 update_op=delete_insert key_space=16777216 update_pct=100"
big rcu/async/512K any \
	"prim=rcu list_len=524288 buckets=65536 rcu_free=async update_pct=100"
big rcu/kfree_rcu/512K any \
	"prim=rcu list_len=524288 buckets=65536 rcu_free=kfree_rcu update_pct=100"
big srcu/async/512K any \
	"prim=srcu list_len=524288 buckets=65536 rcu_free=async update_pct=100"
big mutex/ref/churn/512K any \
	"prim=mutex list_len=524288 buckets=65536 ref=refcount update_op=delete_insert update_pct=100"

# A fatal signal while the run builds its list: the writer dies at once,
# the run stops, and the module runs the next one.
if set_config "$SB_BASE cpus=0-1 prim=spin list_len=1048576 buckets=65536 duration_ms=8000"; then
	t0=$(now_cs)
	sb-write "$SB/run" 1 >/dev/null 2>&1 &
	bg=$!
	sleep 1
	kill -9 "$bg"
	wait "$bg"
	t1=$(now_cs)
	if [ $((t1 - t0)) -lt 600 ]; then
		pass "kill -9 while the list is built: writer gone after $(((t1 - t0) * 10)) ms"
	else
		fail "kill -9 while the list is built: writer took $(((t1 - t0) * 10)) ms to die"
	fi
	run_point kill9/next ok "prim=spin cpus=0-1"
fi
say "memory at the end: $(mem_line)"
unload_module
guest_done
