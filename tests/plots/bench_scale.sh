#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# How plot, report and compare scale: two generated stores of RECORDS
# records over POINTS points (make_big_store.sh, seeds 1 and 2), then
# `plot A`, `report A` and `compare A B` under /usr/bin/time -v, printing
# each one's wall time, maximum RSS and exit status. The issue's bar for
# 100,000 records over 10,000 points: each within 60 s and 1 GB.
#   bench_scale.sh [BINDIR [RECORDS [POINTS]]]   (default build/bin 100000 10000)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
bin=${1:-$src/build/bin}/syncbench
n=${2:-100000}
np=${3:-10000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "generating two stores of $n records over $np points..."
sh "$here/make_big_store.sh" "$src" "$tmp/a" "$n" "$np" 1
sh "$here/make_big_store.sh" "$src" "$tmp/b" "$n" "$np" 2
echo "points.jsonl: $(du -h "$tmp/a/points.jsonl" | cut -f1) each"

# measure NAME CMD...: one line of wall seconds, max RSS and exit status
measure() {
	name=$1
	shift
	rc=0
	/usr/bin/time -v -o "$tmp/time" "$@" >"$tmp/out" 2>&1 || rc=$?
	wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$tmp/time")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
	printf '%-8s wall %8s  max RSS %5d MB  exit %d\n' "$name" "$wall" \
		$((rss / 1024)) "$rc"
}

measure plot "$bin" plot "$tmp/a" -o "$tmp/plots"
measure report "$bin" report "$tmp/a" --plots "$tmp/plots"
# exit 1 from compare is expected: the two stores differ at random
measure compare "$bin" compare "$tmp/a" "$tmp/b" --csv "$tmp/cmp.csv"
