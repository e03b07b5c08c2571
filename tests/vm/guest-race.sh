# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# vm.race guest: `none` (no synchronisation) with updates on 2 CPUs must
# corrupt the list, and the invariant checks must count it.
#
# How the race window is made wide enough to be reliable: every operation is
# an update (update_pct=100) and the list has a single entry (list_len=1), so
# both threads always hit the same entry; the perturbation (perturb=yield:
# one update in ten gives its CPU away for 2 us between reading the value
# and writing it back) holds the window open while the other vCPU updates
# the entry, with no cs_ns at all. One lost update is enough to break the
# sum-of-values invariant. Three runs with different seeds must each show
# it.
#
# Then the use after free: toctou (the entry used after the lock is
# dropped) and rcu_nogp (freed with no grace period) must each count
# uaf_reads > 0, with a first violation timed, under two perturbation
# modes each; their quarantine keeps the kernel sound (the host scans the
# guest's log for BUG/WARNING/Oops/KASAN and the like).
# shellcheck source=tests/vm/guest-lib.sh
. /lib/sb/guest-lib.sh

load_module || guest_done
for seed in 1 2 3; do
	run_point "none/race/seed$seed" race \
		"prim=none cpus=0-1 update_pct=100 list_len=1 seed=$seed perturb=yield perturb_pct=10 perturb_ns=2000"
done
run_point toctou/preempt uaf \
	"prim=toctou cpus=0-1 update_pct=20 list_len=16 perturb=preempt perturb_pct=10 perturb_ns=20000"
run_point toctou/yield uaf \
	"prim=toctou cpus=0-1 update_pct=20 list_len=16 perturb=yield perturb_pct=10 perturb_ns=20000"
run_point rcu_nogp/delay uaf \
	"prim=rcu_nogp cpus=0-1 update_pct=20 list_len=16 perturb=delay perturb_pct=10 perturb_ns=20000"
run_point rcu_nogp/preempt uaf \
	"prim=rcu_nogp cpus=0-1 update_pct=20 list_len=16 perturb=preempt perturb_pct=10 perturb_ns=20000"
# Every use after free counted, never made: with delete_insert too.
run_point toctou/churn uaf \
	"prim=toctou cpus=0-1 update_pct=20 list_len=16 key_space=32 update_op=delete_insert perturb=delay perturb_pct=10 perturb_ns=20000"

# The quarantine is bounded (2^20 entries beyond the list in this guest):
# every update of rcu_nogp (issue 21's churn) and of toctou frees an entry
# into it, so it fills within some 30 s under TCG; the run must then stop
# at once (before its 60 s) and keep what it measured until then: the
# write succeeds, status=stopped with the reason (when, how many entries),
# the uses after free counted and the first one timed (issue 21: it used
# to fail with EIO and ops=0 uaf_reads=0), the kernel unharmed.
for _c in "prim=rcu_nogp update_op=delete_insert key_space=32" \
		"prim=toctou update_op=replace"; do
	_p=${_c%% *}
	_p=${_p#prim=}
	run_point "$_p/quarantine-full" uaf,stopped \
		"$_c duration_ms=60000 warmup_ms=0 update_pct=80 list_len=16 perturb=delay perturb_pct=1 perturb_ns=20000" &&
		_el=$(result_value elapsed_ns) &&
		if [ "${_el:-60000000000}" -lt 60000000000 ]; then
			pass "$_p: the quarantine filled, the run stopped after $((_el / 1000000)) ms, $(result_value uaf_reads) uses after free: $(result_value reason)"
		else
			fail "$_p: quarantine full: elapsed_ns=${_el:-?} $(result_value reason)"
		fi
done
# Updates that change the list (delete_insert): none's unlocked unlink and
# link race too, and what the list check finds (entries lost or linked
# twice, keys off the bitmap) must count; the module itself stays sound
# (its quarantine keeps every unlinked entry until the run ends).
run_point none/churn race \
	"prim=none cpus=0-1 update_pct=100 list_len=4 key_space=8 update_op=delete_insert perturb=yield perturb_pct=10 perturb_ns=2000"
# The same load under a real lock must stay clean: the race is none's alone
# (a spinlock's section may not sleep: the same window held by a delay).
run_point spin/samelist ok \
	"prim=spin cpus=0-1 update_pct=100 list_len=1 perturb=delay perturb_pct=10 perturb_ns=2000"
unload_module
guest_done
