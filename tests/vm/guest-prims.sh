# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# vm.prims guest: every primitive of the catalogue's kernel rows
# (/lib/sb/prims.txt) with 2 threads at update_pct 0, 10 and 50, plus the
# variants that take other code paths: every primitive with grace periods
# with call_rcu freeing, every one that takes an interrupt contender with
# it, critical-section and think time, auto and explicit lat_sample, and
# the calibrate file.
# The host checks each record (tests/vm/vmcheck.c): status ok, ops > 0 on
# every thread, percentiles in order, invariants held for real primitives.
# shellcheck source=tests/vm/guest-lib.sh
. /lib/sb/guest-lib.sh

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
	*,grace,*) run_point "$prim/async/u50" ok \
		"prim=$prim cpus=0-1 update_pct=50 rcu_free=async" ;;
	esac
	case ",$caps," in
	*,irq,*) run_point "$prim/irq/u10" ok \
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
# a million entries, each a bounded walk that lets others run.
run_point rcu/maxlen/u10 ok \
	"prim=rcu cpus=0-1 update_pct=10 list_len=1048576 duration_ms=1000"
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
