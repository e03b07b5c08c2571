# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# vm.usernuma guest, booted with --smp 4 --numa 2: the userspace mirror
# (syncbench-user, copied in with its libraries) on a real two-node
# topology. Where the list's entries end up is read back from the record's
# list_nodes (each live entry's page, by move_pages()): node=N must hold
# every entry on node N even when the threads run on the other node and
# RCU replaced entries during the run (copies allocated by the workers);
# node=-1 places the list where the first thread runs; a node that does
# not exist is refused with exit 2 and one line naming the key.
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
n0=$(sed -n 's/^node0=//p' /tmp/topo)
n1=$(sed -n 's/^node1=//p' /tmp/topo)

UBASE="duration_ms=300 warmup_ms=50 list_len=64 seed=1"

# user_point NAME WANT_LIST_NODES CONFIG
user_point() {
	# shellcheck disable=SC2086 # the configs are key=value word lists
	if ! syncbench-user $UBASE $3 >/tmp/urec 2>/tmp/uerr; then
		fail "$1: syncbench-user failed: $(cat /tmp/uerr)"
		return
	fi
	emit urecord "$1" "" /tmp/urec
	st=$(sed -n 's/^status=//p' /tmp/urec)
	inv=$(sed -n 's/^invariants=//p' /tmp/urec)
	upd=$(sed -n 's/^updates=//p' /tmp/urec)
	got=$(sed -n 's/^list_nodes=//p' /tmp/urec)
	if [ "$st" = ok ] && [ "$inv" = ok ] && [ "$got" = "$2" ]; then
		pass "$1: list_nodes=$got, $upd updates, invariants ok"
	else
		fail "$1: status=$st invariants=$inv list_nodes=$got, want $2"
	fi
}

# Threads on node 0, list on node 1, half the operations replace an entry.
user_point rcu/threads0/list1 node1:64 \
	"prim=rcu cpus=$n0 update_pct=50 node=1"
user_point rcu/threads1/list0 node0:64 \
	"prim=rcu cpus=$n1 update_pct=50 node=0 rcu_free=async"
user_point spin/threads0/list1 node1:64 "prim=spin cpus=$n0 node=1"
user_point mutex/threads01/list0 node0:64 \
	"prim=mutex cpus=${n0%%-*},${n1%%-*} node=0"
# First touch: the list follows the first thread's CPU.
user_point rcu/threads1/first-touch node1:64 \
	"prim=rcu cpus=$n1 update_pct=50 node=-1"

# shellcheck disable=SC2086 # as above
if syncbench-user $UBASE prim=spin cpus=0 node=2 >/tmp/urec 2>/tmp/uerr; then
	fail "node=2 on a 2-node machine was accepted"
else
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q '^syncbench-user: node: NUMA node 2 does not exist' \
		/tmp/uerr && [ ! -s /tmp/urec ]; then
		pass "node=2 refused: $(cat /tmp/uerr)"
	else
		fail "node=2: exit $rc, stderr '$(cat /tmp/uerr)'"
	fi
fi
guest_done
