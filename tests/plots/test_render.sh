#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# syncbench plot on a real run: every chart the run has data for is a valid
# PNG of the requested size that is not blank; the one it cannot have (kernel
# vs user) is skipped with a note, and drawn once the run is paired with a
# copy relabelled vm; svg and pdf render too; a one-thread-count store still
# draws points; and the bad inputs get their clear errors.
# Usage: test_render.sh BINDIR RUNDIR PNG_CHECK
set -u
bin=$1/syncbench
run=$2
png_check=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# 1. every chart, PNG at a size that is not the default
"$bin" plot "$run" -o "$tmp/png" --size 900x640 >"$tmp/out" 2>&1 ||
	fail "plot exited $?: $(cat "$tmp/out")"
cat "$tmp/out"
for c in throughput latency cdf fairness irq rcu placement cost scaling; do
	grep -q "^$c  *$tmp/png/$c.png\$" "$tmp/out" || fail "$c not rendered"
	# a chart grows by half the height per panel row beyond two
	rows=$(sed -n 's/^layout_rows = //p' "$tmp/png/data/$c.vars.gp")
	h=640
	[ "$rows" -gt 2 ] && h=$((640 * rows / 2))
	"$png_check" "$tmp/png/$c.png" 900 "$h" || fail "$c.png not valid"
done
grep -q '^emulated  *skipped: no emulated run beside native ones' "$tmp/out" ||
	fail "emulated not skipped with a note"
grep -q '^sides  *skipped: no point ran on both' "$tmp/out" ||
	fail "sides not skipped with a note"
[ ! -e "$tmp/png/sides.png" ] || fail "sides.png rendered without data"
# the subtitle names the workload and the keys off their defaults only
grep '^subtitle = ' "$tmp/png/data/throughput.vars.gp" >"$tmp/sub"
grep -q 'update 20%, list 64, .*rcu_free=async, 100 ms; other keys at their defaults' \
	"$tmp/sub" || fail "subtitle: $(cat "$tmp/sub")"
grep -q 'irq_mask' "$tmp/sub" && fail "subtitle names a default: $(cat "$tmp/sub")"
# interrupt lateness: p50, p99, max, each with what the lock adds
grep -q "'p99', 'p99 added by the lock', 'max', 'max added by the lock'" \
	"$tmp/png/data/irq.vars.gp" || fail "irq lacks the latency the lock adds"
# the data is in data files, not in the scripts
[ -s "$tmp/png/data/throughput.p1.dat" ] || fail "no throughput data file"
grep -q '^array ser_title' "$tmp/png/data/throughput.vars.gp" ||
	fail "no series in throughput.vars.gp"

# 2. svg and pdf
"$bin" plot "$run" -o "$tmp/svg" --format svg >/dev/null 2>&1 ||
	fail "svg plot failed"
grep -q '<svg' "$tmp/svg/throughput.svg" 2>/dev/null ||
	fail "throughput.svg is not SVG"
"$bin" plot "$run" -o "$tmp/pdf" --format pdf >/dev/null 2>&1 ||
	fail "pdf plot failed"
head -c 5 "$tmp/pdf/throughput.pdf" 2>/dev/null | grep -q '%PDF-' ||
	fail "throughput.pdf is not PDF"

# 3. one thread count: points, not an empty line
mkdir -p "$tmp/one"
cp "$run/meta.json" "$tmp/one/"
grep '"threads":1,' "$run/points.jsonl" >"$tmp/one/points.jsonl"
"$bin" plot "$tmp/one" -o "$tmp/onep" >/dev/null 2>&1 ||
	fail "one-thread plot failed"
"$png_check" "$tmp/onep/throughput.png" 1000 700 ||
	fail "one-thread throughput.png blank"
grep -q 'xmin = 0.5' "$tmp/onep/data/throughput.vars.gp" ||
	fail "one-thread x range not centred on the point"

# 4. kernel vs user: the same records relabelled as an emulated vm run
# (the vm backend itself is tested in tests/bench; here only the charts):
# the emulated series have their own chart, stay out of the others, and
# no kernel/user ratio is drawn from them
mkdir -p "$tmp/both"
cp "$run/meta.json" "$tmp/both/"
cp "$run/points.jsonl" "$tmp/both/"
sed 's/"backend":"user"/"backend":"vm"/g; s/"point":"user\//"point":"vm\//;
     s/"emulated":false/"emulated":true/; s/"side":"user"/"side":"kernel"/' \
	"$run/points.jsonl" >>"$tmp/both/points.jsonl"
"$bin" plot "$tmp/both" -o "$tmp/bothp" >"$tmp/out" 2>&1 ||
	fail "user+vm plot failed: $(cat "$tmp/out")"
grep -q '^sides  *skipped: only emulated (vm) kernel runs' "$tmp/out" ||
	fail "sides drawn from emulated runs: $(grep '^sides' "$tmp/out")"
"$png_check" "$tmp/bothp/emulated.png" 1000 700 || fail "emulated.png not valid"
grep '^array ser_title' "$tmp/bothp/data/throughput.vars.gp" | grep -q '(vm)' &&
	fail "emulated series in the throughput chart"
grep -q "'rcu (vm)'" "$tmp/bothp/data/emulated.vars.gp" ||
	fail "emulated chart lacks the vm series"
grep -q 'EMULATED' "$tmp/bothp/data/emulated.vars.gp" ||
	fail "vm points not labelled emulated"
grep -q 'EMULATED' "$tmp/bothp/data/throughput.vars.gp" &&
	fail "throughput subtitle speaks of emulated points it does not draw"
# the report says why kernel and user crossovers do not transfer
"$bin" report "$tmp/both" --plots "$tmp/bothp" >/dev/null 2>&1 ||
	fail "user+vm report failed"
grep -q 'Kernel and userspace are not the same mechanisms' \
	"$tmp/bothp/report.html" || fail "no kernel/user note in the report"
# relabelled as a real kernel run: the ratio kernel / user per point
mkdir -p "$tmp/kern"
cp "$run/meta.json" "$tmp/kern/"
cp "$run/points.jsonl" "$tmp/kern/"
sed 's/"backend":"user"/"backend":"kernel"/g; s/"point":"user\//"point":"kernel\//;
     s/"side":"user"/"side":"kernel"/' \
	"$run/points.jsonl" >>"$tmp/kern/points.jsonl"
"$bin" plot "$tmp/kern" -o "$tmp/kernp" >"$tmp/out" 2>&1 ||
	fail "user+kernel plot failed: $(cat "$tmp/out")"
"$png_check" "$tmp/kernp/sides.png" 1000 700 || fail "sides.png not valid"
grep -q "'rcu', 'rcu, irq'" "$tmp/kernp/data/sides.vars.gp" ||
	fail "sides legend lacks the ratio's primitives"
# the same records on both sides: every ratio is 1
awk '/^[0-9]/ && $2 != 1 { bad = 1 } END { exit bad }' \
	"$tmp"/kernp/data/sides.p*.dat || fail "a ratio of equal records is not 1"

# 5. a chart script that fails: that chart is reported FAILED with
# gnuplot's error, the others still render, exit 1
cp -r "$(dirname "$0")/../../plots" "$tmp/broken"
echo 'plot nosuchfunction(x)' >>"$tmp/broken/fairness.gp"
SYNCBENCH_PLOTS_DIR=$tmp/broken "$bin" plot "$run" -o "$tmp/brokenp" \
	>"$tmp/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "broken script: exit $rc, want 1"
grep -q '^fairness  *FAILED: gnuplot: .*undefined function' "$tmp/out" ||
	fail "broken script: no FAILED line: $(cat "$tmp/out")"
[ -s "$tmp/brokenp/throughput.png" ] || fail "broken script: others lost"

# 5b. a gnuplot that misbehaves on some charts: one that hangs (with a
# child) is killed at --timeout with its process group; one that ignores
# SIGTERM gets SIGKILL; one that stops itself is ended too; one that crashes
# is named by its signal even after it printed something; the other charts
# render, exit 1, within seconds, and nothing is left: no process, and no
# zombie while syncbench still runs (the last chart's fake looks, with its
# stdin). The sleeps are a copy named after $tmp, so that other runs of
# this test cannot be mistaken for leftovers.
real_gnuplot=$(command -v gnuplot)
cp "$(command -v sleep)" "$tmp/hang-sleep"
cat >"$tmp/fake-gnuplot" <<EOF
#!/bin/sh
case "\$2" in
*/latency.gp) trap '' TERM; "$tmp/hang-sleep" 1003 & exec "$tmp/hang-sleep" 1004 ;;
*/cdf.gp) echo 'warning: about to crash' >&2; kill -SEGV \$\$ ;;
*/fairness.gp) "$tmp/hang-sleep" 1002 & exec "$tmp/hang-sleep" 1001 ;;
*/irq.gp) kill -STOP \$\$ ;;
*/placement.gp)
	ps -o stat=,pid=,args= --ppid \$PPID | grep '^Z' >"$tmp/zombies"
	pgrep -af "$tmp/hang-sleep" >"$tmp/left"
	readlink /proc/\$\$/fd/0 >"$tmp/stdin" ;;
esac
exec "$real_gnuplot" "\$@"
EOF
chmod +x "$tmp/fake-gnuplot"
start=$(date +%s)
# bounded here too: without the timeout in syncbench this would hang
SYNCBENCH_GNUPLOT=$tmp/fake-gnuplot timeout -k 5 60 "$bin" plot "$run" \
	-o "$tmp/hungp" --timeout 1 >"$tmp/out" 2>&1
rc=$?
took=$(($(date +%s) - start))
cat "$tmp/out"
[ $rc -eq 1 ] || fail "hung gnuplot: exit $rc, want 1"
[ $took -le 15 ] || fail "hung gnuplot: plot took $took s"
for c in fairness latency irq; do
	grep -q "^$c  *FAILED: gnuplot timed out after 1 s and was killed" \
		"$tmp/out" || fail "hung gnuplot: no timeout line for $c"
done
want='killed by signal SIGSEGV (its last words: warning: about to crash'
grep -q "^cdf  *FAILED: gnuplot $want" "$tmp/out" ||
	fail "crashing gnuplot: no signal line"
for c in throughput rcu placement; do
	[ -s "$tmp/hungp/$c.png" ] || fail "hung gnuplot: $c.png lost"
done
if [ ! -f "$tmp/zombies" ] || [ -s "$tmp/zombies" ]; then
	fail "zombies while plot ran: $(cat "$tmp/zombies" 2>/dev/null)"
fi
if [ ! -f "$tmp/left" ] || [ -s "$tmp/left" ]; then
	fail "processes left while plot ran: $(cat "$tmp/left" 2>/dev/null)"
fi
[ "$(cat "$tmp/stdin" 2>/dev/null)" = /dev/null ] ||
	fail "gnuplot's stdin is $(cat "$tmp/stdin" 2>/dev/null), not /dev/null"
left=$(pgrep -f "$tmp/hang-sleep")
if [ -n "$left" ]; then
	fail "hung gnuplot: processes left behind: $(pgrep -af "$tmp/hang-sleep")"
	# shellcheck disable=SC2086 # a list of pids
	kill -9 $left
fi
echo "ok: hung, stopped, TERM-proof and crashing gnuplot reported, took $took s"

# 6. bad input: exit status and one clear message
expect() {
	want_rc=$1
	want=$2
	shift 2
	"$@" >"$tmp/out" 2>&1
	rc=$?
	if [ $rc -ne "$want_rc" ]; then
		fail "$*: exit $rc, want $want_rc: $(cat "$tmp/out")"
	elif ! grep -q -- "$want" "$tmp/out"; then
		fail "$*: message lacks '$want': $(cat "$tmp/out")"
	else
		echo "ok: $(echo "$*" | sed "s|$tmp/||g") -> $(head -1 "$tmp/out")"
	fi
}
expect 2 "no such results store" "$bin" plot "$tmp/missing"
mkdir -p "$tmp/empty"
: >"$tmp/empty/points.jsonl"
expect 2 "holds no results" "$bin" plot "$tmp/empty"
mkdir -p "$tmp/nostore"
expect 2 "not a syncbench results store" "$bin" plot "$tmp/nostore"
mkdir -p "$tmp/newer"
cp "$run/points.jsonl" "$tmp/newer/"
sed 's/"schema": *1/"schema": 99/' "$run/meta.json" >"$tmp/newer/meta.json"
expect 2 "newer than this syncbench understands" "$bin" plot "$tmp/newer"
mkdir -p "$tmp/failed"
cp "$run/meta.json" "$tmp/failed/"
grep '"status":"failed"' "$run/points.jsonl" >"$tmp/failed/points.jsonl"
expect 1 "all 12 points failed" "$bin" plot "$tmp/failed"
expect 2 "expected png, svg or pdf" "$bin" plot "$run" --format gif
expect 2 "expected WxH" "$bin" plot "$run" --size 10x10
expect 2 "expected whole seconds, 1 to 3600" "$bin" plot "$run" --timeout 0
expect 2 "expected whole seconds, 1 to 3600" "$bin" plot "$run" --timeout 2s
expect 2 "expected one results store" "$bin" plot
# no gnuplot on PATH: the error names the package
expect 2 "apt-get install gnuplot-nox" env PATH=/nonexistent \
	"$bin" plot "$run" -o "$tmp/nognuplot"

[ $fails -eq 0 ] || { echo "$fails failures"; exit 1; }
echo "all render checks passed"
