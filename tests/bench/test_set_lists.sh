#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# --set lists expand the matrix (bench/matrix/sets.h): each key given a
# list is an axis and a fragment of the point id, so every point has its
# own id, in the plan and in the store; spin/mutex x irq_hz > 0 are left
# out of the plan with one note, never failed; --dry-run --resume counts
# what the store holds, as the real resume would.
# Usage: test_set_lists.sh BINDIR
set -u
bin=$1/syncbench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
set -- --backend user --prim rcu --set rcu_free=sync,async \
	--set rcu_flavor=memb,mb --duration 20ms --warmup 5ms --repeat 1

"$bin" run "$@" --dry-run >"$tmp/plan" 2>/dev/null || fail "dry run"
grep -q '^plan: 4 points x 1 repeat = 4 runs, 0 already stored' "$tmp/plan" ||
	fail "plan: $(cat "$tmp/plan")"
ids=$(grep '^user/' "$tmp/plan" | cut -d' ' -f1)
[ "$(echo "$ids" | sort -u | wc -l)" -eq 4 ] || fail "ids not distinct: $ids"
for f in rcu_free-sync/rcu_flavor-memb rcu_free-async/rcu_flavor-mb; do
	echo "$ids" | grep -q "/th0/$f\$" || fail "no id ending /$f: $ids"
done
echo "ok: 4 points with distinct ids"

"$bin" run "$@" -q -o "$tmp/r" 2>/dev/null || fail "run"
stored=$(grep -o '"point":"[^"]*"' "$tmp/r/points.jsonl" | sort -u | wc -l)
[ "$stored" -eq 4 ] || fail "$stored distinct point ids stored, want 4"
grep '"point":"[^"]*/rcu_free-async/rcu_flavor-memb"' "$tmp/r/points.jsonl" |
	grep '"rcu_free":"async"' | grep -q '"rcu_flavor":"memb"' ||
	fail "the record of rcu_free-async/rcu_flavor-memb ran another config"
echo "ok: stored under their ids, each with its config"

"$bin" run "$@" --repeat 2 --dry-run --resume -o "$tmp/r" >"$tmp/plan" \
	2>/dev/null || fail "dry run --resume"
grep -q '^plan: 4 points x 2 repeats = 8 runs, 4 already stored, 4 to run' \
	"$tmp/plan" || fail "--dry-run --resume: $(head -1 "$tmp/plan")"
"$bin" run "$@" --repeat 2 --resume -q -o "$tmp/r" 2>/dev/null ||
	fail "resume"
[ "$(wc -l <"$tmp/r/points.jsonl")" -eq 8 ] || fail "resume: not 8 records"
"$bin" run "$@" --repeat 2 --dry-run --resume -o "$tmp/r" >"$tmp/plan" \
	2>/dev/null || fail "dry run --resume"
grep -q '8 already stored, 0 to run' "$tmp/plan" ||
	fail "--dry-run --resume after the resume: $(head -1 "$tmp/plan")"
echo "ok: --dry-run --resume counts what is stored"

"$bin" run --prim spin,mutex,spin_irqsave --irq-hz 0,1000 --dry-run \
	>"$tmp/plan" 2>/dev/null || fail "spin/mutex x irq_hz: refused"
grep -q '^plan: 4 points' "$tmp/plan" || fail "plan: $(head -1 "$tmp/plan")"
[ "$(grep -c '^excluded:' "$tmp/plan")" -eq 1 ] || fail "not one note"
grep -q '^excluded: 2 impossible points, e.g. .*takes no interrupt contender' \
	"$tmp/plan" || fail "the note: $(grep excluded "$tmp/plan")"
grep -E '^user/(spin|mutex)/.*/irq1000 ' "$tmp/plan" &&
	fail "spin or mutex with irq1000 planned"
echo "ok: spin/mutex x irq_hz left out at plan time with one note"
# Roles: a point with updaters and the default --update-pct runs at 0 (its
# id says u0); one with no reader thread is run and noted; an explicit
# --update-pct with roles is left out with the config's reason.
"$bin" run --prim spin --threads 1,2 --updaters 0,1 --dry-run \
	>"$tmp/plan" 2>/dev/null || fail "--updaters 0,1: refused"
grep -q '^plan: 4 points' "$tmp/plan" || fail "roles plan: $(head -1 "$tmp/plan")"
grep -q '^user/spin/t2/compact/u0/l64/cs0/th0/w1 ' "$tmp/plan" ||
	fail "no u0/w1 point: $(cat "$tmp/plan")"
grep -q '^note: 1 point has no reader thread .*t1/compact/u0/.*/w1$' \
	"$tmp/plan" || fail "no-reader note: $(grep note "$tmp/plan")"
"$bin" run --prim spin --threads 2 --update-pct 5 --updaters 0,1 --dry-run \
	>"$tmp/plan" 2>/dev/null || fail "--update-pct 5 --updaters 0,1"
grep -q '^excluded: 1 impossible point, e.g. .*/w1: update_pct: must be 0 with updaters=1' \
	"$tmp/plan" || fail "roles with update_pct: $(grep excluded "$tmp/plan")"
echo "ok: roles run at update_pct 0, a point with no reader is noted"
