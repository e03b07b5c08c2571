#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The vm backend end to end: 4 guest CPUs on 2 NUMA nodes, under TCG, the
# real module. Checks that the VM boots once for the whole matrix, that
# every record streamed back is complete and ok, and that placement and
# memory policy reached the guest (CPU lists, nodes).
# Usage: test_vm.sh BINDIR path/to/syncbench.ko
set -u
bin=$1/syncbench
ko=$2
[ -r "$ko" ] || {
	echo "FAIL: $ko not built: cmake --build build --target kmod (needs linux-headers-\$(uname -r) or -DKDIR)"
	exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
r=$tmp/vm
fail() {
	echo "FAIL: $*"
	exit 1
}
# 3 prims x 3 thread counts x 2 placements x 2 memory policies = 36 runs.
"$bin" run --repeat 1 --backend vm --vm-cpus 4 --vm-numa 2 --vm-accel tcg \
	--vm-module "$ko" --prim spin,mutex,rcu --threads 1,2,4 \
	--placement compact,spread --mem local,node=1 \
	--duration 200ms --warmup 50ms -o "$r" >"$tmp/log" 2>&1
rc=$?
cat "$tmp/log"
[ $rc -eq 0 ] || fail "syncbench run exited $rc"
want=36
[ "$(wc -l <"$r/points.jsonl")" -eq $want ] ||
	fail "$(wc -l <"$r/points.jsonl") records, want $want"
for k in '"status":"ok"' '"invariants":"ok"' '"backend":"vm"' \
	 '"emulated":true' '"side":"kernel"'; do
	n=$(grep -c "$k" "$r/points.jsonl")
	[ "$n" -eq $want ] || fail "$n of $want records have $k"
done
# One boot for the whole matrix: in meta.json and in the console log.
grep -q '"boots": 1,' "$r/meta.json" || fail "meta.json: not one boot"
[ "$(grep -c 'Linux version' "$r/vm-console.log")" -eq 1 ] ||
	fail "the console log shows $(grep -c 'Linux version' "$r/vm-console.log") boots"
grep -q '"cpus": 4' "$r/meta.json" || fail "meta.json: vm cpus"
grep -q '"numa_nodes": 2' "$r/meta.json" || fail "meta.json: vm numa"
# The guest module's calibrate file, sent once before the runs.
grep -A30 '"module_calibration"' "$r/meta.json" | grep -q '"spin_ns": [0-9]' ||
	fail "meta.json: no module_calibration with spin_ns"
# Placement on the guest's 2 sockets x 2 CPUs, and the list's node.
line() { grep "\"point\":\"$1\"" "$r/points.jsonl"; }
line 'vm/mutex/t2/spread/u10/l64/cs0/th0' | grep -q '"cpus":"0,2"' ||
	fail "spread t2 did not run on CPUs 0,2"
line 'vm/mutex/t2/compact/u10/l64/cs0/th0' | grep -q '"cpus":"0-1"' ||
	fail "compact t2 did not run on CPUs 0-1"
line 'vm/rcu/t4/spread/u10/l64/cs0/th0/mem-node=1' | grep -q '"node":1,' ||
	fail "mem node=1 did not reach the guest"
line 'vm/spin/t4/compact/u10/l64/cs0/th0' |
	grep -q '"threads":4,.*"thread.3.ops":[1-9]' ||
	fail "t4: not 4 threads that all did work"
[ "$(wc -l <"$r/points.csv")" -eq $((want + 1)) ] || fail "points.csv"
grep -q '"n": 1' "$r/summary.json" || fail "summary.json"
echo "PASS: $want vm records from one boot"
