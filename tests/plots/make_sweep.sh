#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fixture of the sweep tests: a real user-backend matrix that sweeps the
# update rate (0, 1, 10, 50: integers until update_pct becomes a decimal)
# at 1 and 2 threads over spin, rwlock and rcu, 3 repeats: lines over
# update_pct (the dimension with the most values, so the default x), the
# 2-D regime map (update_pct x threads) and the crossover sentences.
# 72 runs of ~0.15 s.
# Usage: make_sweep.sh BINDIR OUTDIR
set -u
bin=$1/syncbench
out=$2
rm -rf "$out"
mkdir -p "$(dirname "$out")"
"$bin" run --backend user --prim spin,rwlock,rcu --threads 1,2 \
	--update-pct 0,1,10,50 --duration 100ms --warmup 20ms --repeat 3 \
	-q -o "$out"
rc=$?
if [ $rc -ne 0 ] || [ ! -s "$out/points.jsonl" ]; then
	echo "FAIL: syncbench run exited $rc"
	exit 1
fi
ok=$(grep -c '"status":"ok"' "$out/points.jsonl")
echo "sweep: $ok ok records in $out"
[ "$ok" -eq 72 ] || { echo "FAIL: expected 72 ok records"; exit 1; }
