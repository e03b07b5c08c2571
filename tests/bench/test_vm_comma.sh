#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A real boot into a store path and a TMPDIR with commas in them: QEMU
# splits option values at commas, so kmod/vm/boot doubles each comma of a
# path it passes in one (-chardev file,path=); the point runs, ok, and its
# console log is where the store says. One point, one boot.
# Usage: test_vm_comma.sh BINDIR path/to/syncbench.ko
set -u
bin=$1/syncbench
ko=$2
[ -r "$ko" ] || { echo "FAIL: $ko not built"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	[ -f "$tmp/spin,mutex/vm-console.log" ] &&
		tail -20 "$tmp/spin,mutex/vm-console.log"
	exit 1
}
mkdir "$tmp/t,mp"
TMPDIR="$tmp/t,mp" "$bin" run --backend vm --vm-accel tcg --vm-cpus 2 \
	--vm-module "$ko" --prim spin --threads 1 --duration 50ms \
	--warmup 10ms --repeat 1 -q -o "$tmp/spin,mutex" >"$tmp/log" 2>&1 ||
	fail "run: $(cat "$tmp/log"; cat "$tmp/spin,mutex/points.jsonl" 2>/dev/null)"
grep -q '"status":"ok"' "$tmp/spin,mutex/points.jsonl" ||
	fail "the point is not ok: $(cat "$tmp/spin,mutex/points.jsonl")"
grep -q 'SB-GUEST' "$tmp/spin,mutex/vm-console.log" ||
	fail "no guest output in the console log"
[ -z "$(ls -A "$tmp/t,mp")" ] ||
	fail "the temporary directory was left: $(ls -A "$tmp/t,mp")"
echo "ok: a store 'spin,mutex' and a TMPDIR 't,mp' boot and run"
