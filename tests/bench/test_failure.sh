#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A point that fails is recorded as failed with its reason and the matrix
# goes on: a runner that hangs (killed at the timeout), one that rejects the
# point, one that crashes. Uses a stand-in runner via $SYNCBENCH_USER.
# Usage: test_failure.sh BINDIR
set -u
bin=$1/syncbench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
# The runner's behaviour is chosen by the point's update_pct.
cat >"$tmp/runner" <<'EOR'
#!/bin/sh
case "$1" in
--list-prims) printf 'spin\nmutex\n'; exit 0 ;;
--calibrate) echo clock=monotonic; exit 0 ;;
esac
case "$*" in
*update_pct=1\ *) exec sleep 60 ;;
*update_pct=2\ *) echo "bad point: update_pct=2 refused" >&2; exit 2 ;;
*update_pct=3\ *) kill -SEGV $$ ;;
esac
exit 1
EOR
chmod +x "$tmp/runner"
SYNCBENCH_USER=$tmp/runner "$bin" run --repeat 1 --prim spin --update-pct 1,2,3 \
	--duration 100ms --warmup 0ms --timeout 1s -o "$tmp/r" \
	>"$tmp/log" 2>&1
rc=$?
cat "$tmp/log"
[ $rc -eq 1 ] || fail "exit $rc, want 1 (some point failed)"
[ "$(wc -l <"$tmp/r/points.jsonl")" -eq 3 ] || fail "not 3 records"
[ "$(grep -c '"status":"failed"' "$tmp/r/points.jsonl")" -eq 3 ] ||
	fail "not all failed"
grep '/u1/' "$tmp/r/points.jsonl" | grep -q '"reason":"timeout' ||
	fail "hung runner: no timeout reason"
grep '/u2/' "$tmp/r/points.jsonl" |
	grep -q '"reason":"runner rejected the point: bad point' ||
	fail "rejecting runner: reason not kept"
grep '/u3/' "$tmp/r/points.jsonl" | grep -q '"reason":"runner killed by signal 11' ||
	fail "crashing runner: no signal reason"
grep -q '"n": 0' "$tmp/r/summary.json" || fail "summary counts failures as n"
grep -q '"failed": 1' "$tmp/r/summary.json" || fail "summary failed count"

# --retry-failed (with --resume) runs the failed repeats again: the failed
# records stay, the new ones are appended, and the summary counts only the
# repeats that still have no ok record. Here the runner is the real one,
# except that update_pct=2 is still refused the first time.
sb_user=$1/syncbench-user
cat >"$tmp/runner3" <<EOR
#!/bin/sh
case "\$*" in
*update_pct=2\ *) [ -e "$tmp/accept2" ] ||
	{ echo "bad point: update_pct=2 refused" >&2; exit 2; } ;;
esac
exec "$sb_user" "\$@"
EOR
chmod +x "$tmp/runner3"
# sumkey KEY U: KEY (n or failed) of point u$U in summary.json
sumkey() {
	tr -d ' \n' <"$tmp/r/summary.json" | sed 's/},{"point"/\n/g' |
		grep "/u$2/" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"
}
failed() { sumkey failed "$1"; }
# records U STATUS: records of point u$U with STATUS in points.jsonl
records() {
	grep "/u$1/" "$tmp/r/points.jsonl" | grep -c "\"status\":\"$2\""
}
SYNCBENCH_USER=$tmp/runner3 "$bin" run --repeat 1 --prim spin --update-pct 1,2,3 \
	--duration 100ms --warmup 0ms --timeout 5s --retry-failed -o "$tmp/r" \
	>"$tmp/log" 2>&1
rc=$?
if [ $rc -ne 2 ] || ! grep -q 'use it with --resume' "$tmp/log"; then
	fail "--retry-failed without --resume: exit $rc: $(cat "$tmp/log")"
fi
SYNCBENCH_USER=$tmp/runner3 "$bin" run --repeat 1 --prim spin --update-pct 1,2,3 \
	--duration 100ms --warmup 0ms --timeout 5s --resume -q -o "$tmp/r" \
	>"$tmp/log" 2>&1
[ "$(wc -l <"$tmp/r/points.jsonl")" -eq 3 ] ||
	fail "--resume alone re-ran failed points"
SYNCBENCH_USER=$tmp/runner3 "$bin" run --repeat 1 --prim spin --update-pct 1,2,3 \
	--duration 100ms --warmup 0ms --timeout 5s --resume --retry-failed \
	-o "$tmp/r" >"$tmp/log" 2>&1
rc=$?
cat "$tmp/log"
[ $rc -eq 1 ] || fail "retry with u2 still refused: exit $rc, want 1"
[ "$(wc -l <"$tmp/r/points.jsonl")" -eq 6 ] || fail "retry: not 6 records"
[ "$(grep -c '"status":"failed"' "$tmp/r/points.jsonl")" -eq 4 ] ||
	fail "retry: the failed records were not all kept"
# u2's one repeat has failed twice: one failed repeat, not two.
[ "$(failed 1)/$(failed 2)/$(failed 3)" = 0/1/0 ] ||
	fail "retry: summary failed counts $(failed 1)/$(failed 2)/$(failed 3), want 0/1/0"
: >"$tmp/accept2"
SYNCBENCH_USER=$tmp/runner3 "$bin" run --repeat 1 --prim spin --update-pct 1,2,3 \
	--duration 100ms --warmup 0ms --timeout 5s --resume --retry-failed \
	-o "$tmp/r" >"$tmp/log" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "second retry: exit $rc, want 0: $(cat "$tmp/log")"
[ "$(wc -l <"$tmp/r/points.jsonl")" -eq 7 ] ||
	fail "second retry: not 7 records (only u2 runs again)"
[ "$(failed 1)/$(failed 2)/$(failed 3)" = 0/0/0 ] ||
	fail "second retry: summary failed counts not 0/0/0"
# u2's repeat: one ok record counted, both failed ones still stored.
[ "$(sumkey n 2)" = 1 ] || fail "second retry: u2 has n $(sumkey n 2), want 1"
[ "$(records 2 ok)/$(records 2 failed)" = 1/2 ] ||
	fail "second retry: u2 records ok/failed $(records 2 ok)/$(records 2 failed), want 1/2"
grep -q '^user/spin/t1/compact/u2/l64/cs0/th0 *1 *0 ' "$tmp/log" ||
	fail "second retry: the table does not show u2 as n 1, fail 0: $(cat "$tmp/log")"
# Resuming again runs nothing: every repeat has its ok record.
SYNCBENCH_USER=$tmp/runner3 "$bin" run --repeat 1 --prim spin --update-pct 1,2,3 \
	--duration 100ms --warmup 0ms --timeout 5s --resume --retry-failed \
	-o "$tmp/r" >"$tmp/log" 2>&1 || fail "third retry: $(cat "$tmp/log")"
grep -q '3 already stored, 0 to run' "$tmp/log" ||
	fail "third retry ran again: $(cat "$tmp/log")"
[ "$(wc -l <"$tmp/r/points.jsonl")" -eq 7 ] || fail "third retry: not 7 records"
# points.csv lists every record, the failed ones too.
[ "$(grep -c ',failed,' "$tmp/r/points.csv")" -eq 4 ] ||
	fail "points.csv lacks the superseded failed records"
# The report counts no failure, and says where the old ones are.
"$bin" report "$tmp/r" --plots "$tmp/rp" -o "$tmp/report.html" \
	>"$tmp/log" 2>&1 || fail "report of a retried store: $(cat "$tmp/log")"
grep -q '3 records: 3 ok, 0 failed, in 3 points. 4 more failed records' \
	"$tmp/report.html" || fail "report: record counts"
grep -q '<p>None: every point ran.</p>' "$tmp/report.html" ||
	fail "report lists retried points as failed"

# A runner that closes its output and then hangs is still timed out.
cat >"$tmp/runner2" <<'EOR'
#!/bin/sh
case "$1" in
--list-prims) echo spin; exit 0 ;;
--calibrate) exit 0 ;;
esac
exec sleep 60 >&- 2>&-
EOR
chmod +x "$tmp/runner2"
SYNCBENCH_USER=$tmp/runner2 timeout 40 "$bin" run --duration 100ms \
	--warmup 0ms --timeout 1s -q -o "$tmp/r2" >"$tmp/log2" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "runner with closed output: exit $rc, want 1: $(cat "$tmp/log2")"
grep -q '"reason":"timeout' "$tmp/r2/points.jsonl" ||
	fail "runner with closed output: no timeout reason"

# The kernel backend's timeout (a stand-in debugfs whose `run` blocks): the
# module's aborted record is kept, its reason says it was our timeout.
if [ "$(id -u)" -eq 0 ]; then
	d=$tmp/debugfs
	mkdir "$d"
	echo "syncbench 0.1.0 result_schema=1" >"$d/version"
	echo spin >"$d/prims"
	: >"$d/config"
	mkfifo "$d/run"
	"$1/syncbench-user" prim=spin cpus=0 duration_ms=20 warmup_ms=0 node=0 |
		sed -e 's/^status=ok/status=aborted/' -e '/^reason=/d' \
		    -e 's/^side=user/side=kernel/' >"$d/result"
	echo "reason=interrupted by a signal" >>"$d/result"
	SYNCBENCH_DEBUGFS=$d timeout 40 "$bin" run --backend kernel \
		--duration 20ms --warmup 0ms --timeout 1s -q -o "$tmp/r3" \
		>"$tmp/log3" 2>&1
	rc=$?
	[ $rc -eq 1 ] || fail "kernel timeout: exit $rc, want 1: $(cat "$tmp/log3")"
	grep -q '"status":"aborted".*"reason":"timeout: no result within 1020 ms' \
		"$tmp/r3/points.jsonl" ||
		fail "kernel timeout: reason does not say timeout: $(cat "$tmp/r3/points.jsonl")"
fi
# The module ran another config than the point's (another writer changed
# `config` between our write and `run`): a stand-in debugfs whose result
# echoes prim=mutex for a spin point. The record fails, naming it, rather
# than storing a mutex run as spin's, ok.
if [ "$(id -u)" -eq 0 ]; then
	d=$tmp/debugfs2
	mkdir "$d"
	echo "syncbench 0.1.0 result_schema=1" >"$d/version"
	echo spin >"$d/prims"
	: >"$d/config"
	: >"$d/run"
	"$1/syncbench-user" prim=mutex cpus=0 duration_ms=20 warmup_ms=0 node=0 |
		sed -e 's/^side=user/side=kernel/' >"$d/result"
	grep -q '^status=ok' "$d/result" || fail "the stand-in mutex result is not ok"
	SYNCBENCH_DEBUGFS=$d timeout 40 "$bin" run --backend kernel --prim spin \
		--threads 1 --duration 20ms --warmup 0ms --repeat 1 -q \
		-o "$tmp/r4" >"$tmp/log4" 2>&1
	rc=$?
	[ $rc -eq 1 ] || fail "another config's run: exit $rc, want 1: $(cat "$tmp/log4")"
	grep -q '"status":"failed".*"reason":"the module ran another config (prim=mutex, not spin)' \
		"$tmp/r4/points.jsonl" ||
		fail "another config's run stored as this point's: $(head -c 600 "$tmp/r4/points.jsonl")"
	# A second syncbench while one holds the module (its flock on the
	# debugfs directory, for the matrix's length) is refused, per point.
	if command -v flock >/dev/null; then
		flock -x "$d" sleep 30 &
		holder=$!
		sleep 0.5
		SYNCBENCH_DEBUGFS=$d timeout 40 "$bin" run --backend kernel \
			--prim spin --threads 1 --duration 20ms --warmup 0ms \
			--repeat 1 -q -o "$tmp/r5" >"$tmp/log5" 2>&1
		rc=$?
		kill "$holder" 2>/dev/null
		wait "$holder" 2>/dev/null
		[ $rc -eq 1 ] || fail "a held module: exit $rc, want 1: $(cat "$tmp/log5")"
		grep -q '"status":"failed".*"reason":"another process holds the module' \
			"$tmp/r5/points.jsonl" ||
			fail "a held module: $(head -c 600 "$tmp/r5/points.jsonl")"
	fi
fi
echo "PASS: 4 failures recorded with their reasons, matrix completed; --retry-failed redid them"
