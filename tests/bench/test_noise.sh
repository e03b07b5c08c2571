#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Noise flagged per point (bench/store/noise.h): a spin point whose one
# worker shares its CPU with two busy loops pinned there is flagged
# "preempted" in summary.json and in the summary table; the same point
# without them is not. The machine is shared (2 CPUs, other work coming and
# going), so the quiet point gets five tries: noise that the machine
# really had is rightly flagged, and one quiet try shows the flag is not
# always on (never quiet, with other tasks runnable: skipped, 77). With 2 repeats the summary says "too few repeats", never an
# interval.
# Usage: test_noise.sh BINDIR
set -u
bin=$1/syncbench
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
command -v taskset >/dev/null || { echo "SKIP: no taskset"; exit 77; }
cpu=$(($(nproc) - 1))
# flags DIR: the noise flags of the store's one point, one a line
flags() {
	tr -d '\n' <"$1/summary.json" | grep -o '"flags": *\[[^]]*\]' |
		sed 's/"flags"//' | grep -o '"[a-z ]*"' | tr -d '"'
}
run() {
	"$bin" run --backend user --prim spin --threads 1 --cpus $cpu \
		--duration 300ms --warmup 50ms "$@"
}

for i in 1 2; do
	taskset -c $cpu sh -c 'while :; do :; done' &
	busy="$busy $!"
done
sleep 0.2
run --repeat 3 -o "$tmp/noisy" >"$tmp/noisy.out" 2>"$tmp/noisy.err" ||
	fail "noisy run: $(cat "$tmp/noisy.err")"
for p in $busy; do kill "$p"; done
wait 2>/dev/null
busy=""
flags "$tmp/noisy" | grep -qx preempted ||
	fail "a point sharing its CPU with two busy loops is not flagged: $(flags "$tmp/noisy" | tr '\n' ' ')"
grep -q 'preempted' "$tmp/noisy.out" ||
	fail "the summary table does not show the flag: $(cat "$tmp/noisy.out")"
grep -q '"involuntary_ctxsw_per_thread_s": [0-9]' "$tmp/noisy/summary.json" ||
	fail "summary.json lacks the switch rate as a number"
echo "ok: noisy point flagged: $(flags "$tmp/noisy" | tr '\n' ' ')"

# The quiet point: up to 5 tries, 2 s apart, on each CPU in turn (other
# benchmarks on a shared machine pin their threads too, mostly to CPU 0).
quiet=""
busy_seen=0
for try in 1 2 3 4 5; do
	rm -rf "$tmp/quiet"
	c=$(( (cpu + try - 1) % $(nproc) ))
	"$bin" run --backend user --prim spin --threads 1 --cpus $c \
		--duration 300ms --warmup 50ms --repeat 3 -q -o "$tmp/quiet" \
		2>/dev/null || fail "quiet run $try failed"
	if ! flags "$tmp/quiet" | grep -qx preempted; then
		quiet=$try
		break
	fi
	# meta.json's load: runnable tasks beside the run, before or after
	tr -d '\n ' <"$tmp/quiet/meta.json" |
		grep -q '"runnable":[1-9]' && busy_seen=1
	echo "note: quiet try $try (CPU $c) was preempted (load: $(cut -d' ' -f1-4 /proc/loadavg))"
	sleep 2
done
if [ -z "$quiet" ] && [ $busy_seen -eq 1 ]; then
	echo "SKIP: the machine was never quiet (other runnable tasks in meta.json): no quiet baseline"
	exit 77
fi
[ -n "$quiet" ] || fail "a point alone on an idle CPU was flagged preempted five times"
echo "ok: quiet point not flagged (try $quiet)"

run --repeat 2 -o "$tmp/two" >"$tmp/two.out" 2>/dev/null || fail "2-repeat run"
grep -q '(too few repeats)' "$tmp/two.out" ||
	fail "2 repeats: the table gives no 'too few repeats': $(cat "$tmp/two.out")"
grep -q '"ci95_lo": null' "$tmp/two/summary.json" &&
	grep -q '"note": "too few repeats"' "$tmp/two/summary.json" ||
	fail "2 repeats: summary.json has an interval"
flags "$tmp/two" | grep -qx 'too few repeats' || fail "2 repeats: no flag"
echo "ok: 2 repeats say too few repeats, no interval"
