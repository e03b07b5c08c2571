#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# syncbench report on a real run, opened in headless Chromium with the
# network off: the page loads with no script or resource error, every image
# decodes (the page's own check, read back with --dump-dom), a screenshot is
# a real non-blank render; the page has the machine, the summary, every
# rendered chart, the skip note and the failed points; a store of failed
# points only gets a page that says so. Skips (77) without chromium.
# Usage: test_report.sh BINDIR RUNDIR PNG_CHECK
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
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "SKIP: no chromium (Debian: apt-get install chromium)"
	exit 77
fi
# --dump-dom and --screenshot share these; no profile, network or GPU.
chrome() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update \
		--disable-sync --no-first-run --hide-scrollbars \
		--proxy-server=127.0.0.1:9 \
		--user-data-dir="$(mktemp -d -p "$tmp")" "$@" 2>>"$tmp/chrome.log"
}

"$bin" report "$run" --plots "$tmp/plots" >"$tmp/out" 2>&1 ||
	fail "report exited $?: $(cat "$tmp/out")"
page=$tmp/plots/report.html
[ -s "$page" ] || { echo "FAIL: no $page"; exit 1; }
# -o DIR, as plot -o takes it: the charts and the page in DIR
"$bin" report "$run" -o "$tmp/odir/" >"$tmp/out" 2>&1 ||
	fail "report -o DIR/ exited $?: $(cat "$tmp/out")"
[ -s "$tmp/odir/report.html" ] && [ -s "$tmp/odir/throughput.png" ] ||
	fail "report -o DIR/: no report.html and charts in it"
nimg=$(grep -c '<img ' "$page")
[ "$nimg" -eq 9 ] || fail "$nimg images in the page, want 9"
grep -q 'src="http\|src="//\|<link ' "$page" && fail "page refers outside"
for want in 'id="machine"' 'Best primitive per contention regime' \
	'Skipped: no point ran on both' 'killed by signal SIGSEGV' \
	'<th>CPU</th>' 'id="answers"' 'class="crossover"' 'id="regimes"' \
	'id="points"' 'class="caption"'; do
	grep -q "$want" "$page" || fail "page lacks $want"
done

# the table of every point: each ops/s median as summary.csv has it
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["n"] > 0 { print $c["point"], $c["ops_per_sec_median"] }' \
	"$run/summary.csv" | sort >"$tmp/want"
grep '<tr class="point"' "$page" | grep 'data-key="ops_per_sec"' |
	sed 's/.*data-point="\([^"]*\)".*data-key="ops_per_sec" data-v="\([^"]*\)".*/\1 \2/' |
	sort >"$tmp/table"
[ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/table" ||
	fail "points table differs from summary.csv: $(diff "$tmp/want" "$tmp/table" | head -5)"

chrome --dump-dom "file://$page" >"$tmp/dom.html"
grep -q "data-images=\"ok $nimg\"" "$tmp/dom.html" ||
	fail "images did not all load: $(grep -o 'data-images="[^"]*"' \
		"$tmp/dom.html")"
grep -q 'data-errors="none"' "$tmp/dom.html" ||
	fail "page errors: $(grep -o 'data-errors="[^"]*"' "$tmp/dom.html")"
chrome --window-size=1280,2000 --screenshot="$tmp/shot.png" "file://$page"
"$png_check" "$tmp/shot.png" 1280 2000 || fail "screenshot blank"

# a run whose points all failed: a page that says so, exit 1
mkdir -p "$tmp/failed"
cp "$run/meta.json" "$tmp/failed/"
grep '"status":"failed"' "$run/points.jsonl" >"$tmp/failed/points.jsonl"
"$bin" report "$tmp/failed" -o "$tmp/failed.html" >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "all failed: exit $rc, want 1"
grep -q 'all 12 points failed' "$tmp/out" || fail "all failed: no message"
grep -q 'Every point of this run failed' "$tmp/failed.html" ||
	fail "all failed: the page does not say so"
chrome --dump-dom "file://$tmp/failed.html" >"$tmp/dom2.html"
grep -q 'data-images="ok 0"' "$tmp/dom2.html" ||
	fail "all-failed page did not load"

# the fixture's broken points all crashed and nothing was perturbed: the
# race-exposure section says there is none
grep -q 'None in this run: no broken primitive' "$page" ||
	fail "race exposure: the fixture page does not say there is none"
# a run with a broken primitive and a perturbed sound one: the time to
# the first violation per mode, and the sound one held under each
"$bin" run --backend user --prim toctou,mutex --threads 2 --update-pct 20 \
	--list-len 16 --perturb off,yield --perturb-pct 10 --perturb-ns 20000 \
	--duration 200ms --warmup 20ms --repeat 1 -q -o "$tmp/race" \
	>"$tmp/out" 2>&1
rc=$?
[ $rc -le 1 ] || fail "race run exited $rc: $(cat "$tmp/out")"
"$bin" report "$tmp/race" -o "$tmp/race.html" >"$tmp/out" 2>&1 ||
	fail "race report exited $?: $(cat "$tmp/out")"
for want in 'id="race"' 'Time to the first violation' \
	'Sound when scheduled badly' '<td>toctou (user)</td>' \
	'<td class="num">1 of 1</td>' '<td>mutex (user)</td>' \
	'<td>held (1 repeats)</td><td>-</td><td>held (1 repeats)</td>'; do
	grep -q "$want" "$tmp/race.html" || fail "race page lacks $want"
done

[ $fails -eq 0 ] || { echo "$fails failures"; cat "$tmp/chrome.log"; exit 1; }
echo "all report checks passed ($nimg images)"
