# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# vm.seed guest: the same config and seed draw the same operations in the
# module and in the userspace mirror (syncbench-user, copied in with its
# libraries). Each config runs once on each side, same CPUs, and the two
# records' op_digest (every thread's first 4096 draws, key and lookup or
# update: common/sb_op.h) must be equal: replace, delete_insert over a
# key_space, roles (updaters=1), a fractional update_pct, one thread, on
# several primitives. Two seeds must give two digests, so equality is not
# a constant's.
#
# A thread that did fewer than 4096 operations has its digest completed
# from its final state (the draws it would have made next), so a slow
# config compares the seeds and the decoding only. The configs marked
# `loop` must have every thread past 4096 operations on both sides, so
# that what the two timed loops folded themselves is compared (contended
# spin is slow under TCG: a spinning vCPU waits for a descheduled holder).
# shellcheck source=tests/vm/guest-lib.sh
. /lib/sb/guest-lib.sh

# The workload keys of SB_BASE that decide the draws, for the mirror.
UBASE="duration_ms=200 warmup_ms=20 list_len=64 seed=1"

# same NAME loop|- CONFIG: run CONFIG in the module then in the mirror.
same() {
	run_point "$1" ok "duration_ms=200 warmup_ms=20 $3" || return
	kd=$(result_value op_digest)
	kmin=$(result_value thread_ops_min)
	# shellcheck disable=SC2086 # the configs are key=value word lists
	if ! syncbench-user $UBASE $3 >/tmp/urec 2>/tmp/uerr; then
		fail "$1: syncbench-user failed: $(cat /tmp/uerr)"
		return
	fi
	emit urecord "$1" "" /tmp/urec
	ud=$(sed -n 's/^op_digest=//p' /tmp/urec)
	umin=$(sed -n 's/^thread_ops_min=//p' /tmp/urec)
	if [ "$2" = loop ] &&
		{ [ "${kmin:-0}" -lt 4096 ] || [ "${umin:-0}" -lt 4096 ]; }; then
		fail "$1: a thread did under 4096 operations (module $kmin, mirror $umin): the loops' folding is not compared"
		return
	fi
	case $kd in
	'' | *[!0-9]*)
		fail "$1: module op_digest '$kd' is not a number"
		return
		;;
	esac
	if [ "$kd" = "$ud" ]; then
		pass "$1: op_digest=$kd on both sides (thread_ops_min module $kmin, mirror $umin)"
	else
		fail "$1: op_digest module=$kd mirror=$ud"
	fi
}

load_module || guest_done
same spin/replace - "prim=spin cpus=0-1 update_pct=10 seed=11"
same spin/replace/1thread loop "prim=spin cpus=1 update_pct=10 seed=11"
same rcu/delete_insert - "prim=rcu cpus=0-1 update_pct=20 rcu_free=async update_op=delete_insert key_space=128 seed=12"
same rcu/delete_insert/1thread loop "prim=rcu cpus=0 update_pct=1 rcu_free=async update_op=delete_insert key_space=128 seed=12"
same spin/delete_insert/1thread loop "prim=spin cpus=1 update_pct=30 update_op=delete_insert key_space=256 seed=12"
same mutex/roles loop "prim=mutex cpus=0-1 update_pct=0 updaters=1 seed=13"
same rwlock/fine loop "prim=rwlock cpus=0-1 update_pct=0.5 seed=14"
same seqlock/1thread loop "prim=seqlock cpus=1 update_pct=50 seed=15"
same null/harness loop "prim=null cpus=0-1 update_pct=30 seed=16"

# Another seed, the same config otherwise: another digest.
run_point spin/seed11 ok \
	"duration_ms=200 warmup_ms=20 prim=spin cpus=0-1 update_pct=10 seed=11"
a=$(result_value op_digest)
run_point spin/seed99 ok \
	"duration_ms=200 warmup_ms=20 prim=spin cpus=0-1 update_pct=10 seed=99"
b=$(result_value op_digest)
if [ -n "$a" ] && [ -n "$b" ] && [ "$a" != "$b" ]; then
	pass "seed=11 and seed=99 draw apart: op_digest $a, $b"
else
	fail "seed=11 and seed=99: op_digest '$a', '$b'"
fi
unload_module
guest_done
