#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A race run that fills its quarantine stops early, status=stopped, with
# what it measured (issue 21, item 7): the driver stores it as a
# measurement, not a failure. A small machine stands in for MemAvailable
# (the quarantine gets what the memory budget leaves, so it fills within
# the first second of a 20 s window): `syncbench run` exits 0, the
# progress line says stopped and why, and the summary counts both repeats
# (n 2, failed 0) and their violations (violated_runs 2).
# Usage: test_stopped.sh BINDIR
set -u
bin=$1/syncbench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
SYNCBENCH_USER_TEST_MEMAVAIL=4194304 "$bin" run --backend user \
	--prim rcu_nogp --threads 2 --update-pct 30 --list-len 16 \
	--update-op delete_insert --perturb delay --perturb-pct 10 \
	--perturb-ns 20000 --duration 20s --warmup 10ms --repeat 2 \
	-o "$tmp/r" >"$tmp/out" 2>&1
rc=$?
cat "$tmp/out"
[ "$rc" -eq 0 ] || fail "syncbench run exited $rc for stopped runs"
[ "$(grep -c '"status":"stopped"' "$tmp/r/points.jsonl")" -eq 2 ] ||
	fail "want 2 stopped records: $(grep -o '"status":"[a-z]*"' "$tmp/r/points.jsonl")"
grep -q 'repeat 0: stopped [0-9]* ops/s: the quarantine filled after' \
	"$tmp/out" || fail "the progress line does not say stopped and why"
grep -q '"n": 2,' "$tmp/r/summary.json" || fail "summary: n is not 2"
grep -q '"failed": 0,' "$tmp/r/summary.json" || fail "summary: failed"
grep -q '"violated_runs": 2' "$tmp/r/summary.json" ||
	fail "summary: the stopped runs' violations are not counted"
echo "ok: stopped runs stored and counted as measured"
