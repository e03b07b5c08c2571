# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# vm.numa guest, booted with --smp 4 --numa 2 (nodes 0: CPUs 0-1, 1: 2-3):
# the guest must see two nodes, and runs placed on CPUs of both nodes, with
# the list on either node, must pass; the host checks the threads' CPUs
# really span both nodes using the topology sent here.
# shellcheck source=tests/vm/guest-lib.sh
. /lib/sb/guest-lib.sh

: >/tmp/topo
for d in /sys/devices/system/node/node[0-9]*; do
	[ -d "$d" ] || continue
	echo "${d##*/}=$(cat "$d/cpulist")" >>/tmp/topo
done
emit topo guest "" /tmp/topo
nodes=$(grep -c . /tmp/topo)
if [ "$nodes" -eq 2 ]; then
	pass "guest sees 2 NUMA nodes: $(tr '\n' ' ' </tmp/topo)"
else
	fail "guest sees $nodes NUMA nodes, want 2"
fi
# First CPU of each node.
c0=$(sed -n 's/^node0=\([0-9]*\).*/\1/p' /tmp/topo)
c1=$(sed -n 's/^node1=\([0-9]*\).*/\1/p' /tmp/topo)

load_module || guest_done
# Every kernel row of the catalogue (/lib/sb/prims.txt), a thread on each
# node, the list on either node; a broken one races by design (vm.race
# judges that), so only its placement is checked here.
while read -r prim caps; do
	expect=ok,numa
	case ",$caps," in
	*,broken,*) expect=nolock,numa ;;
	esac
	run_point "$prim/nodes01/list0" "$expect" \
		"prim=$prim cpus=$c0,$c1 update_pct=10 node=0"
	run_point "$prim/nodes01/list1" "$expect" \
		"prim=$prim cpus=$c0,$c1 update_pct=10 node=1"
done </lib/sb/prims.txt
run_point spin_irqsave/all4 ok,numa "prim=spin_irqsave cpus=0-3 update_pct=10"
expect_err EINVAL "node=2 on a 2-node machine" config "node=2
"
unload_module
guest_done
