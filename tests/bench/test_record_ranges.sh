#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench.record_ranges (issue 21 item 6): every record value is range-checked
# on load, not only ops_per_sec: a percentile of -1e308 made compare say
# "better" and exit 0. Now compare refuses the store with file:line, and a
# backend's record with such a value (the kernel backend, through a
# stand-in debugfs; root only) is stored as failed, never as ok.
#   test_record_ranges.sh BIN_DIR SOURCE_DIR
set -u
bin=$1
sb=$bin/syncbench
src=$2/results/example
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# store NAME SED [ADDR]: a copy of the example store with SED applied to
# line ADDR (default 1; "" for every line).
store() {
	mkdir "$tmp/$1"
	cp "$src/meta.json" "$tmp/$1/"
	sed "${3-1}$2" "$src/points.jsonl" >"$tmp/$1/points.jsonl"
}
# refused NAME KEY: compare A NAME exits 2 naming NAME/points.jsonl:1 and
# KEY, and says nothing is better.
refused() {
	"$sb" compare "$tmp/a" "$tmp/$1" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 2 ] || fail "$1: compare exit $rc, want 2"
	grep -q "$1/points.jsonl:1: .*$2" "$tmp/err" ||
		fail "$1: no file:line naming $2: $(cat "$tmp/err")"
	grep -q "better" "$tmp/out" && fail "$1: compare says better"
	[ $rc -eq 2 ] && echo "ok: $1: $(cat "$tmp/err")"
}
mkdir "$tmp/a"
cp "$src/meta.json" "$src/points.jsonl" "$tmp/a/"
# every record's, as the issue found it: compare said "60 better", exit 0
store p99 's/"lookup_p99_ns":[0-9]*/"lookup_p99_ns":-1e308/' ""
refused p99 "lookup_p99_ns"
store count 's/"update_count":[0-9]*/"update_count":-1/'
refused count "update_count"
store pct 's/"irq_lat_p999_ns":[0-9]*/"irq_lat_p999_ns":1.5/'
refused pct "irq_lat_p999_ns"
store fair 's/"fairness_jain":[0-9.]*/"fairness_jain":1.5/'
refused fair "fairness_jain"
store thr 's/"threads":1,"elapsed/"threads":0,"elapsed/'
refused thr "threads"
store emu 's/"emulated":false/"emulated":"no"/'
refused emu "emulated"
store extra 's/"cpu_ns":[0-9]*/"cpu_ns":-3/'
refused extra "cpu_ns"

# The kernel backend: a stand-in debugfs whose module says lookup_p99_ns is
# negative, status ok. The record is failed and says why.
if [ "$(id -u)" -eq 0 ]; then
	d=$tmp/debugfs
	mkdir "$d"
	echo "syncbench 0.1.0 result_schema=1" >"$d/version"
	echo spin >"$d/prims"
	: >"$d/config"
	: >"$d/run"
	"$bin/syncbench-user" prim=spin cpus=0 duration_ms=20 warmup_ms=0 \
		node=0 |
		sed -e 's/^side=user/side=kernel/' \
		    -e 's/^lookup_p99_ns=.*/lookup_p99_ns=-5/' >"$d/result"
	grep -q '^lookup_p99_ns=-5$' "$d/result" ||
		fail "could not make the stand-in result"
	SYNCBENCH_DEBUGFS=$d timeout 60 "$sb" run --backend kernel \
		--duration 20ms --warmup 0ms -q -o "$tmp/k" >"$tmp/log" 2>&1
	rc=$?
	[ $rc -eq 1 ] || fail "kernel backend: exit $rc, want 1: $(cat "$tmp/log")"
	grep -q '"status":"ok"' "$tmp/k/points.jsonl" &&
		fail "kernel backend: a negative p99 was stored as ok"
	grep -q '"status":"failed".*"reason":"[^"]*lookup_p99_ns' \
		"$tmp/k/points.jsonl" ||
		fail "kernel backend: the failed record does not name the key:" \
			"$(head -c 600 "$tmp/k/points.jsonl")"
	"$sb" show "$tmp/k" >/dev/null 2>&1
	[ $? -le 1 ] || fail "the kernel backend's store does not load"
else
	echo "skip: the kernel backend case needs root"
fi

if [ $fails -ne 0 ]; then
	echo "$fails failure(s)"
	exit 1
fi
echo "PASS: every value out of its range refused with file:line"
