#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# syncbench compare on a real run against itself and against copies with a
# known injected difference: identical -> every point within noise, exit 0;
# B's throughput cut to a fiftieth -> every common point worse, exit 1, in the
# table and the CSV; B fifty times faster -> better, exit 0; a point that
# failed only in B -> worse; bad input -> exit 2. The injected factors are
# large because this fixture's repeats are 100 ms runs on whatever else the
# machine is doing: their spread can reach several-fold.
# Usage: test_compare.sh BINDIR RUNDIR
set -u
bin=$1/syncbench
run=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}
nok=$(grep -c '"status":"ok"' "$run/points.jsonl")
npoints=$((nok / 3))	# three repeats each

# scaled NAME FACTOR: a copy of the run with every ops_per_sec scaled
# (perl-base is essential in Debian: always there).
scaled() {
	mkdir -p "$tmp/$1"
	cp "$run/meta.json" "$tmp/$1/"
	perl -pe 's/("ops_per_sec":)(\d+)/$1.int($2*'"$2"')/ge' \
		"$run/points.jsonl" >"$tmp/$1/points.jsonl"
}

"$bin" compare "$run" "$run" --csv "$tmp/same.csv" >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "identical: exit $rc, want 0"
n=$(grep -c '"within noise"$' "$tmp/same.csv")
[ "$n" -eq "$npoints" ] || fail "identical: $n of $npoints within noise"
grep -q ' worse$' "$tmp/out" && fail "identical: a point is worse"

scaled slow 0.02
"$bin" compare "$run" "$tmp/slow" --csv "$tmp/slow.csv" >"$tmp/out" 2>&1
rc=$?
cat "$tmp/out"
[ $rc -eq 1 ] || fail "slower: exit $rc, want 1"
# column 13 is the throughput verdict (the header says so)
n=$(awk -F, 'NR > 1 && $13 == "\"worse\"" && $NF == "\"worse\""' \
	"$tmp/slow.csv" | wc -l)
head -1 "$tmp/slow.csv" | cut -d, -f13 | grep -q '^ops_per_sec_verdict$' ||
	fail "CSV column 13 is not ops_per_sec_verdict"
[ "$n" -eq "$npoints" ] ||
	fail "slower: $n of $npoints points have throughput worse"
grep -q -- '-98.0%' "$tmp/out" || fail "slower: no -98% change in the table"
head -1 "$tmp/slow.csv" | grep -q '^point,backend,prim,threads' ||
	fail "CSV header missing"

scaled fast 50
"$bin" compare "$run" "$tmp/fast" --csv - >"$tmp/fast.csv" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || fail "faster: exit $rc, want 0"
n=$(grep -c '"better"$' "$tmp/fast.csv")
[ "$n" -eq "$npoints" ] || fail "faster: $n of $npoints better"

# one point's repeats failed in B only: worse, exit 1
mkdir -p "$tmp/broke"
cp "$run/meta.json" "$tmp/broke/"
id=$(grep '"status":"ok"' "$run/points.jsonl" | head -1 |
	sed 's/.*"point":"\([^"]*\)".*/\1/')
sed "\\|\"point\":\"$id\"|s/\"status\":\"ok\"/\"status\":\"failed\"/" \
	"$run/points.jsonl" >"$tmp/broke/points.jsonl"
"$bin" compare "$run" "$tmp/broke" >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "failed in B: exit $rc, want 1"
grep -q 'failed in B$' "$tmp/out" || fail "failed in B: not in the table"

# bad input
"$bin" compare "$run" "$tmp/nothing" >"$tmp/out" 2>&1
rc=$?
{ [ $rc -eq 2 ] && grep -q 'no such results store' "$tmp/out"; } ||
	fail "missing B: exit $rc: $(cat "$tmp/out")"
"$bin" compare "$run" >"$tmp/out" 2>&1
[ $? -eq 2 ] || fail "one store: want exit 2"
"$bin" compare "$run" "$run" --threshold x >"$tmp/out" 2>&1
[ $? -eq 2 ] || fail "bad threshold: want exit 2"

[ $fails -eq 0 ] || { echo "$fails failures"; exit 1; }
echo "all compare checks passed"
