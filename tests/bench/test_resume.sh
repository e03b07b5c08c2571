#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Kill `syncbench run` with SIGKILL in the middle of a real user-backend
# matrix, check the store is readable and lost nothing finished, resume it,
# and check every point x repeat is there exactly once, in points.jsonl and
# points.csv alike.
# Usage: test_resume.sh BINDIR
set -u
bin=$1/syncbench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
r=$tmp/results/resume
fail() {
	echo "FAIL: $*"
	exit 1
}
# 12 points x 2 repeats = 24 runs of 120 ms.
set -- --prim spin,mutex,rcu --threads 1,2 --update-pct 0,50 --repeat 2 \
	--duration 100ms --warmup 20ms -o "$r"
want=24

"$bin" run "$@" >"$tmp/log1" 2>&1 &
pid=$!
# Kill once a few records are in, wherever the driver happens to be.
i=0
while [ $i -lt 600 ]; do
	n=$(cat "$r/points.jsonl" 2>/dev/null | wc -l)
	[ "$n" -ge 7 ] && break
	sleep 0.05
	i=$((i + 1))
done
kill -KILL $pid
wait $pid 2>/dev/null
got=$(wc -l <"$r/points.jsonl")
echo "killed after $got records"
[ "$got" -ge 7 ] || fail "the run never got going: $(cat "$tmp/log1")"
[ "$got" -lt $want ] || fail "the run finished before the kill; make it longer"
[ -s "$r/meta.json" ] || fail "no meta.json after the kill"
[ -s "$r/topology.xml" ] || fail "no topology.xml after the kill"
# Every complete line is a record (a torn tail would have no newline).
if grep -v '^{.*"repeat":[0-9]*.*}$' "$r/points.jsonl" | grep -q .; then
	fail "a stored line is not a complete record"
fi

# Without --resume the directory is refused; with it the matrix completes.
"$bin" run "$@" >"$tmp/log2" 2>&1 && fail "a second run without --resume"
"$bin" run "$@" --resume >"$tmp/log3" 2>&1 ||
	fail "resume failed: $(cat "$tmp/log3")"
grep -q "already stored" "$tmp/log3" || fail "no plan line"
grep "^plan" "$tmp/log3"

lines=$(wc -l <"$r/points.jsonl")
uniq=$(grep -o '"point":"[^"]*","repeat":[0-9]*' "$r/points.jsonl" |
	sort -u | wc -l)
dups=$(grep -o '"point":"[^"]*","repeat":[0-9]*' "$r/points.jsonl" |
	sort | uniq -d)
[ "$lines" -eq $want ] || fail "$lines records, want $want"
[ "$uniq" -eq $want ] || fail "$uniq distinct point/repeat pairs, want $want"
[ -z "$dups" ] || fail "duplicates: $dups"
[ "$(wc -l <"$r/points.csv")" -eq $((want + 1)) ] ||
	fail "points.csv has $(wc -l <"$r/points.csv") lines, want $((want + 1))"
ok=$(grep -c '"status":"ok"' "$r/points.jsonl")
[ "$ok" -eq $want ] || fail "only $ok of $want records are ok: $(grep -v \
	'"status":"ok"' "$r/points.jsonl" | grep -o '"reason":"[^"]*"')"
[ -s "$r/summary.json" ] || fail "no summary.json"
# 12 points, each summarised over its 2 repeats.
[ "$(grep -c '"n": 2' "$r/summary.json")" -eq 12 ] ||
	fail "summary.json does not have n=2 for all 12 points"
# A resume of a complete run runs nothing.
"$bin" run "$@" --resume >"$tmp/log4" 2>&1 || fail "resume of a full run"
grep -q "24 already stored, 0 to run" "$tmp/log4" ||
	fail "resume of a full run: $(head -1 "$tmp/log4")"
[ "$(wc -l <"$r/points.jsonl")" -eq $want ] || fail "records grew"
echo "PASS: $want records, each point x repeat exactly once"
