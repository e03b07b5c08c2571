#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The user backend's matrix calibration: a real matrix whose points start
# on CPU 0 (compact) and CPU 1 (explicit) is calibrated once per first CPU,
# every record says calibration=matrix and carries its CPU's bare-lock
# figure as meta.json's backends.user.point_calibration has it; the timed
# loop is measured once per loop config and shared (loop_source). (A runner
# run by hand says calibration=point: tests/user, user.cli.)
# Usage: test_calibration.sh BINDIR
set -u
bin=$1/syncbench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
r=$tmp/r
fail() {
	echo "FAIL: $*"
	exit 1
}
"$bin" run --repeat 1 --backend user --prim spin,mutex --threads 1 \
	--placement compact,explicit --cpus 1 --duration 20ms --warmup 10ms \
	-q -o "$r" >"$tmp/log" 2>&1 || fail "run: $(cat "$tmp/log")"
n=$(wc -l <"$r/points.jsonl")
[ "$n" -eq 4 ] || fail "$n records, not 4"
m=$(grep -c '"calibration":"matrix"' "$r/points.jsonl")
[ "$m" -eq 4 ] || fail "$m of 4 records say calibration=matrix"

# meta.json's figure for CPU $1 (its block in point_calibration)
meta_spin() {
	sed -n '/"point_calibration"/,/^      }/p' "$r/meta.json" |
	sed -n "/^        \"$1\": {/,/}/s/.*\"spin_lock_unlock_ps\": \([0-9]*\).*/\1/p"
}
for cpu in 0 1; do
	want=$(meta_spin $cpu)
	[ -n "$want" ] || fail "meta.json: no point_calibration for CPU $cpu"
	got=$(grep "\"thread.0.cpu\":$cpu," "$r/points.jsonl" |
	      grep -o '"spin_lock_unlock_ps":[0-9]*' | cut -d: -f2 | sort -u)
	[ "$got" = "$want" ] ||
		fail "CPU $cpu: records have spin_lock_unlock_ps '$got', the matrix calibration $want"
done
# The timed loop, once per loop config (here: per CPU; the primitive is not
# part of it): the first point of each measures it, the other takes its
# figure (loop_source=matrix), the same loop_ns.
for cpu in 0 1; do
	recs=$(grep "\"thread.0.cpu\":$cpu," "$r/points.jsonl")
	src=$(echo "$recs" | grep -o '"loop_source":"[a-z]*"' | sort | tr '\n' ' ')
	[ "$src" = '"loop_source":"matrix" "loop_source":"point" ' ] ||
		fail "CPU $cpu: loop sources $src (want one point, one matrix)"
	n=$(echo "$recs" | grep -o '"loop_ns":[0-9.]*' | sort -u | wc -l)
	[ "$n" -eq 1 ] || fail "CPU $cpu: $n different loop_ns in one loop config"
done
echo "ok: 4 records with their first CPU's matrix calibration, 2 loops measured"
