# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# vm.prims guest: every primitive of the catalogue's kernel rows
# (/lib/sb/prims.txt) with 2 threads at update_pct 0, 10 and 50, plus the
# variants that take other code paths: every primitive with grace periods
# with asynchronous (call_rcu, call_srcu) freeing, with kfree_rcu freeing if
# it has that capability, and with normal then expedited grace periods
# (checked here: expedited ones far shorter, same boot),
# every one that takes an interrupt contender (hard-IRQ or softirq, as its
# capability says) with it, critical-section and think time, auto and
# explicit lat_sample, and the calibrate file.
# The host checks each record (tests/vm/vmcheck.c): status ok, ops > 0 on
# every thread, percentiles in order, invariants held for real primitives.
# shellcheck source=tests/vm/guest-lib.sh
. /lib/sb/guest-lib.sh

# gp_compare PRIM: a normal then an expedited synchronous grace period
# (rcu_free=sync: synchronize_rcu() then synchronize_rcu_expedited(), or
# srcu's), back to back in this boot: the expedited grace period's
# median must be at most a quarter of the normal one's (a normal one waits
# for quiescent states over scheduler ticks, an expedited one forces them
# with IPIs).
gp_compare() {
	_cfg="prim=$1 cpus=0-1 update_pct=50 rcu_free=sync"
	run_point "$1/gp-normal/u50" ok "$_cfg rcu_gp=normal" || return
	_n=$(result_value rcu_gp_p50_ns)
	_nc=$(result_value rcu_gp_count)
	run_point "$1/gp-expedited/u50" ok "$_cfg rcu_gp=expedited" || return
	_e=$(result_value rcu_gp_p50_ns)
	_ec=$(result_value rcu_gp_count)
	# A timing claim about the kernel, not the module's correctness: under
	# a debug kernel (vm.debug, another config and every lock slowed) it
	# says nothing, and is not checked (the runs are).
	if [ "${SB_TIMING_CHECKS:-1}" = 0 ]; then
		say "$1: expedited vs normal not compared (debug kernel): p50 ${_e} vs ${_n} ns"
		return
	fi
	if [ "${_nc:-0}" -ge 4 ] && [ "${_ec:-0}" -ge 4 ] &&
			[ "${_e:-0}" -gt 0 ] &&
			[ $((_e * 4)) -le "${_n:-0}" ]; then
		pass "$1: expedited grace periods far shorter: p50 ${_e} ns (${_ec}) vs normal ${_n} ns (${_nc})"
	else
		fail "$1: expedited grace period p50 ${_e} ns (${_ec} of them) is not at most a quarter of normal ${_n} ns (${_nc})"
	fi
}

load_module || guest_done
while read -r prim caps; do
	for u in 0 10 50; do
		expect=ok
		# A broken one races by design once it updates; vm.race judges.
		case ",$caps," in
		*,broken,*) [ "$u" != 0 ] && expect=nolock ;;
		esac
		run_point "$prim/u$u" "$expect" "prim=$prim cpus=0-1 update_pct=$u"
	done
	case ",$caps," in
	*,grace,*)
		run_point "$prim/async/u50" ok \
			"prim=$prim cpus=0-1 update_pct=50 rcu_free=async"
		gp_compare "$prim"
		;;
	esac
	# Only a flavour with a kfree_rcu() form (vm.badinput: the others
	# refuse it).
	case ",$caps," in
	*,kfree,*) run_point "$prim/kfree_rcu/u50" ok \
		"prim=$prim cpus=0-1 update_pct=50 rcu_free=kfree_rcu" ;;
	esac
	# The contender's context follows the capability; the softirq one
	# must show its lateness both with and without the lock held.
	case ",$caps," in
	*,irq,*) run_point "$prim/irq/u10" ok \
		"prim=$prim cpus=0-1 update_pct=10 irq_hz=1000" ;;
	*,softirq,*) run_point "$prim/softirq/u10" ok,locked \
		"prim=$prim cpus=0-1 update_pct=10 irq_hz=1000" ;;
	esac
done </lib/sb/prims.txt
# Sampling: auto (lat_sample=0) must record the power of two it chose,
# an explicit one exactly itself (the host checks lat_sample_used).
lat_default=$(config_value lat_sample)
run_point spin/lat-auto/u10 ok "prim=spin cpus=0-1 update_pct=10 lat_sample=0"
run_point spin/lat-64/u10 ok "prim=spin cpus=0-1 update_pct=10 lat_sample=64"
set_config "lat_sample=$lat_default"
# The bare primitives (debugfs calibrate): the host checks every figure.
if timeout 60 cat "$SB/calibrate" >/tmp/calibrate 2>/tmp/calibrate.err &&
		[ -s /tmp/calibrate ]; then
	emit calibrate calibrate "" /tmp/calibrate
	say "calibrate: $(tr '\n' ' ' </tmp/calibrate)"
else
	fail "calibrate: $(cat /tmp/calibrate.err)"
fi
run_point mutex/cs/u50 ok \
	"prim=mutex cpus=0-1 update_pct=50 cs_ns=2000 think_ns=1000"
run_point spin/1thread/u10 ok "prim=spin cpus=1 update_pct=10"
# The longest list: building, checking (its 128 KiB key bitmap) and freeing
# a million entries, each a bounded walk that lets others run. Under TCG
# on a loaded host a 1M-entry walk leaves ~10 operations in the window: 50%
# updates, so that none of them being an update (the checker's
# "updates=0" failure) is a 1-in-1000 event, not 1 in 3 as at 10%.
run_point rcu/maxlen/u50 ok \
	"prim=rcu cpus=0-1 update_pct=50 list_len=1048576 duration_ms=1000"
unload_module
# The TSC clock a real machine uses (rdtsc_ordered, cycles to ns, the busy
# waits in cycles): TCG advertises no invariant TSC, so force it.
insmod /syncbench.ko force_tsc=1 || fail "insmod syncbench.ko force_tsc=1"
run_point tsc/spin/cs ok \
	"prim=spin cpus=0-1 update_pct=10 cs_ns=2000 think_ns=1000"
if grep -q '^clock=tsc$' /tmp/result; then
	pass "force_tsc=1: the record says clock=tsc"
else
	fail "force_tsc=1: the record says $(grep '^clock=' /tmp/result)"
fi
run_point tsc/rcu/u10 ok "prim=rcu cpus=0-1 update_pct=10"
run_point tsc/spin_irqsave/irq ok \
	"prim=spin_irqsave cpus=0-1 update_pct=10 irq_hz=1000"
unload_module
guest_done
