#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The machine in meta.json (bench/store/machine.h): every field typed on
# this machine, the load before and after the run; --strict refuses to run
# (exit 2, nothing written) on a machine made busy by two spinning loops,
# naming --strict, where a plain run warns in one line and goes on.
# Usage: test_machine.sh BINDIR
set -u
bin=$1/syncbench
cj=$1/check_json
. "$(dirname "$0")/machine_fields.sh"
tmp=$(mktemp -d)
busy=""
cleanup() {
	for p in $busy; do kill "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
set -- run --backend user --prim spin --threads 1 --duration 20ms \
	--warmup 5ms --repeat 1
"$bin" "$@" -q -o "$tmp/r" 2>/dev/null || fail "run"
machine_check "$tmp/r/meta.json" machine || fail "meta.json's machine"
"$cj" "$tmp/r/meta.json" machine.load_after.loadavg_1=number \
	machine.load_after.runnable=integer || fail "no load after the run"
echo "ok: meta.json's machine is typed"

for i in 1 2; do
	sh -c 'while :; do :; done' &
	busy="$busy $!"
done
sleep 0.3
"$bin" "$@" --strict -o "$tmp/strict" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] || fail "--strict on a busy machine: exit $rc, want 2"
grep -q '^syncbench run: --strict: this machine: busy' "$tmp/err" ||
	fail "--strict: $(cat "$tmp/err")"
[ -e "$tmp/strict" ] && fail "--strict refused, yet $tmp/strict exists"
"$bin" "$@" -q -o "$tmp/warn" >"$tmp/out" 2>"$tmp/err" ||
	fail "a busy machine is no reason to fail: $(cat "$tmp/err")"
[ "$(grep -c '^syncbench run: warning: this machine: busy' "$tmp/err")" -eq 1 ] ||
	fail "no one busy warning: $(cat "$tmp/err")"
echo "ok: --strict refuses a busy machine; without it, one warning"
