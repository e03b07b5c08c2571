#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fixture of the plots tests: one small real run of the user backend, made
# to give every chart that a user-only run can have something to draw:
# rcu (chart 6) and spin_irqsave with an interrupt contender (chart 5), two
# thread counts, two placements (chart 8), three repeats (error bars, and
# enough degrees of freedom for compare's Welch test to see a real change).
# rcu frees are deferred (rcu_free=async): the rcu chart draws only
# those, since with sync nothing is pending.
# spin and none with irq_hz=1000 are impossible (the "interrupt" would spin
# on the lock its own thread holds, or there is none): the plan leaves them
# out. The runner's test hook makes every none point crash, so the store
# also holds failed points, as the report must show. 72 runs of ~0.15 s.
# Usage: make_run.sh BINDIR OUTDIR
set -u
bin=$1/syncbench
out=$2
rm -rf "$out"
mkdir -p "$(dirname "$out")"
SYNCBENCH_USER_TEST_CRASH=none \
	"$bin" run --backend user --prim rcu,spin_irqsave,spin,none --threads 1,2 \
	--placement compact,spread --irq-hz 0,1000 --update-pct 20 \
	--duration 100ms --warmup 20ms --repeat 3 --set rcu_free=async \
	-q -o "$out"
rc=$?
# 1 = some point failed, which this matrix wants (the crashed none).
if [ $rc -gt 1 ] || [ ! -s "$out/points.jsonl" ]; then
	echo "FAIL: syncbench run exited $rc"
	exit 1
fi
ok=$(grep -c '"status":"ok"' "$out/points.jsonl")
bad=$(grep -c '"status":"failed"' "$out/points.jsonl")
echo "run: $ok ok, $bad failed records in $out"
if [ "$ok" -ne 60 ] || [ "$bad" -ne 12 ]; then
	echo "FAIL: expected 60 ok and 12 failed records"
	exit 1
fi
