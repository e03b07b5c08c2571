#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Benchmark (not a test): the driver's overhead on a 24-point user matrix,
# by default of 1 s + 200 ms warm-up runs (target: at most 1.10 x their
# sum); DURATION_MS=100 WARMUP_MS=20 for the short points whose fixed cost
# matters most (target: at most 1.2 x). Prints wall time / (24 x (duration
# + warm-up)), and splits the excess into the backend's share (the runner's
# own start-up and teardown, from each record's run_wall_ms) and the
# driver's (the rest: check, calibration, store).
# Usage: [DURATION_MS=N] [WARMUP_MS=N] tests/bench/bench_overhead.sh [BINDIR]
set -eu
bin=${1:-build/bin}/syncbench
dur=${DURATION_MS:-1000}
wu=${WARMUP_MS:-200}
case $dur$wu in
*[!0-9]*) echo "DURATION_MS and WARMUP_MS are integers (ms)" >&2; exit 2 ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s.%N)
rc=0
"$bin" run --repeat 1 --backend user --prim spin,spin_irqsave,mutex,rcu --threads 1,2 \
	--update-pct 0,10,50 --duration "${dur}ms" --warmup "${wu}ms" -q \
	-o "$tmp/r" || rc=$?
end=$(date +%s.%N)
# 1: some run failed (a starved point on a busy machine); its time counts
[ $rc -le 1 ] || exit $rc
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); failed runs: $(grep -c '"status":"failed"' "$tmp/r/points.jsonl")"
grep -o '"run_wall_ms":[0-9]*' "$tmp/r/points.jsonl" | cut -d: -f2 |
awk -v s="$start" -v e="$end" -v p="$(( dur + wu ))" '{ n++; b += $1 } END {
	w = (e - s) * 1000
	printf "%d runs of %d ms, wall %.2f s, sum of warm-up + duration %.2f s, ratio %.3f\n",
	       n, p, w / 1000, n * p / 1000, w / (n * p)
	printf "fixed cost %.1f ms/run: backend (runner) %.2f s = %.1f ms/run over its %d ms; driver %.2f s = %.1f ms/run\n",
	       (w - n * p) / n, b / 1000, (b - n * p) / n, p, (w - b) / 1000,
	       (w - b) / n }'
