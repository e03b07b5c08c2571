#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# compare, like for like (bench/report/cmp_match.h): two stores of the same
# matrix that differ only in --set irq_mask are refused, exit 2, in one
# line naming irq_mask; --allow-mismatch lists the difference and
# compares; --json is JSON with the difference and the point ids as
# labels; a store of 2 repeats says "too few repeats", never a verdict.
# Usage: test_compare_match.sh BINDIR
set -u
bin=$1/syncbench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
run() {
	"$bin" run --backend user --prim spin_irqsave --threads 1 \
		--duration 20ms --warmup 5ms -q "$@" 2>/dev/null ||
		fail "run $*"
}
run --repeat 3 --set irq_mask=soft -o "$tmp/soft"
run --repeat 3 --set irq_mask=sigmask -o "$tmp/sig"
id=$(grep -o '"point":"[^"]*"' "$tmp/soft/points.jsonl" | head -1 |
     cut -d'"' -f4)

"$bin" compare "$tmp/soft" "$tmp/sig" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] || fail "irq_mask differs: exit $rc, want 2"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "want one line: $(cat "$tmp/err")"
grep -q 'differ in irq_mask' "$tmp/err" || fail "no key named: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "refused, yet stdout: $(cat "$tmp/out")"
echo "ok: refused: $(cat "$tmp/err")"

"$bin" compare --allow-mismatch "$tmp/soft" "$tmp/sig" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -le 1 ] || fail "--allow-mismatch: exit $rc: $(cat "$tmp/err")"
grep -q 'differs: irq_mask (config): A soft, B sigmask' "$tmp/err" ||
	fail "--allow-mismatch does not list the difference: $(cat "$tmp/err")"
grep -q "^$id " "$tmp/out" || fail "the label is not the point id $id: $(cat "$tmp/out")"
echo "ok: --allow-mismatch lists it and compares"

"$bin" compare --json --allow-mismatch "$tmp/soft" "$tmp/sig" >"$tmp/json" \
	2>/dev/null
[ $? -le 1 ] || fail "--json failed"
tr -d '\n ' <"$tmp/json" | grep -q '"differences":\[{"key":"irq_mask"' ||
	fail "--json: no difference: $(cat "$tmp/json")"
grep -q "\"point\": \"$id\"" "$tmp/json" || fail "--json: no point id"
echo "ok: --json"

"$bin" compare "$tmp/soft" "$tmp/soft" >"$tmp/out" 2>"$tmp/err" ||
	fail "a store against itself: $(cat "$tmp/err")"
echo "ok: a store against itself compares"

run --repeat 2 --set irq_mask=soft -o "$tmp/two"
"$bin" compare "$tmp/two" "$tmp/two" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] || fail "2 repeats: $(cat "$tmp/err")"
grep -q 'too few repeats' "$tmp/out" || fail "2 repeats: $(cat "$tmp/out")"
grep -q 'within noise *[a-z]' "$tmp/out" && fail "2 repeats gave a verdict"
echo "ok: 2 repeats: too few repeats"

# A perturber under SCHED_FIFO (root's) against an unprivileged one
# (SCHED_OTHER): the same config, another run; perturb_sched is like for
# like. B is A with its records' perturb_sched swapped.
# (exit 1 is a point the busy machine failed: its records still say how
# the perturber ran, which is all this case needs)
"$bin" run --backend user --prim spin_irqsave --threads 1 --duration 20ms \
	--warmup 5ms -q --repeat 3 --perturb preempt -o "$tmp/pa" 2>/dev/null
[ $? -le 1 ] || fail "run --perturb preempt"
grep -q '"perturb_sched":"\(fifo\|other\)"' "$tmp/pa/points.jsonl" ||
	fail "perturb=preempt records no perturb_sched: $(head -c 400 "$tmp/pa/points.jsonl")"
cp -r "$tmp/pa" "$tmp/pb"
sed -e 's/"perturb_sched":"fifo"/"perturb_sched":"X"/' \
    -e 's/"perturb_sched":"other"/"perturb_sched":"fifo"/' \
    -e 's/"perturb_sched":"X"/"perturb_sched":"other"/' \
	"$tmp/pa/points.jsonl" >"$tmp/pb/points.jsonl"
"$bin" compare "$tmp/pa" "$tmp/pb" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] || fail "perturb_sched differs: exit $rc, want 2: $(cat "$tmp/err")"
grep -q 'differ in perturb_sched' "$tmp/err" ||
	fail "perturb_sched not named: $(cat "$tmp/err")"
echo "ok: SCHED_FIFO against SCHED_OTHER perturbers refused: $(cat "$tmp/err")"
