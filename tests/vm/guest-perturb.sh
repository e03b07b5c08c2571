# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# vm.perturb guest: every sound primitive of the catalogue's kernel rows
# (/lib/sb/prims.txt: not broken, not the harness) scheduled badly inside
# its critical or read-side section must keep the list's invariants and
# see no use after free: perturb=delay and perturb=preempt (a SCHED_FIFO
# perturber per CPU woken by an hrtimer) for every one, perturb=yield for
# those whose window may sleep (the yield capability); the others must
# refuse yield with EINVAL and keep their config. Then bad perturbation
# values, each refused with EINVAL and the config unchanged.
# shellcheck source=tests/vm/guest-lib.sh
. /lib/sb/guest-lib.sh

P="cpus=0-1 update_pct=20 perturb_pct=20 perturb_ns=5000"

load_module || guest_done
while read -r prim caps; do
	case ",$caps," in
	*,broken,* | *,harness,*) continue ;;
	esac
	run_point "$prim/delay" ok "prim=$prim $P perturb=delay"
	run_point "$prim/preempt" ok "prim=$prim $P perturb=preempt"
	case ",$caps," in
	*,yield,*)
		run_point "$prim/yield" ok "prim=$prim $P perturb=yield"
		;;
	*)
		set_config "$SB_BASE prim=$prim" || continue
		_before=$(cat "$SB/config")
		expect_err EINVAL "$prim: perturb=yield refused" config \
			"prim=$prim perturb=yield
"
		if [ "$(cat "$SB/config")" = "$_before" ]; then
			pass "$prim: config unchanged after the refused yield"
		else
			fail "$prim: config changed by the refused yield"
		fi
		;;
	esac
done </lib/sb/prims.txt
set_config "$SB_BASE prim=spin" || guest_done
_before=$(cat "$SB/config")
expect_err EINVAL "perturb: an unknown mode" config "perturb=sometimes
"
expect_err EINVAL "perturb_pct: above 100" config "perturb_pct=100.5
"
expect_err EINVAL "perturb_pct: 0 with a mode on" config \
	"perturb=delay perturb_pct=0
"
expect_err EINVAL "perturb_ns: 0" config "perturb_ns=0
"
expect_err EINVAL "perturb_ns: above 1 ms" config "perturb_ns=1000001
"
if [ "$(cat "$SB/config")" = "$_before" ]; then
	pass "config unchanged after the refused perturbation values"
else
	fail "config changed by a refused perturbation value"
fi
unload_module
guest_done
