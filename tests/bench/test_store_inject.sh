#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench.store_inject (issue 21 item 1): plotting or reporting a store never
# runs a command written in it. A record's mem with `...` and $(...) is
# refused on load with file:line by every reader; meta.json's cpu_model
# and kernel and the store directory's own name carrying the same payloads
# are drawn and reported literally. A canary file that any of the payloads
# would create must never appear.
#   test_store_inject.sh BIN_DIR SOURCE_DIR
set -u
sb=$1/syncbench
src=$2/results/example
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}
canary=$tmp/CANARY
# Every way a shell or gnuplot would run text: backquotes, $(...), a
# quote that would end a single-quoted string, a line break (JSON \n).
payload="\`touch $canary\` \$(touch $canary) 'q' <script>alert(1)</script>"
# The directory's name cannot hold a '/': its payload names CANARY
# relative to wherever it would run (gnuplot runs in the plots directory).
no_canary() {
	if [ -n "$(find "$tmp" -name 'CANARY*' 2>/dev/null)" ]; then
		fail "$1: a command in the store ran (the canary exists)"
		find "$tmp" -name 'CANARY*' -exec rm -f {} +
	fi
}

# A record's mem: refused with file:line by show, compare, plot, report.
bad=$tmp/badmem
mkdir "$bad"
cp "$src/meta.json" "$bad/"
head -n 4 "$src/points.jsonl" >"$bad/points.jsonl"
sed "2s#\"mem\":\"local\"#\"mem\":\"local\`touch $canary\`\$(touch $canary)\"#" \
	"$bad/points.jsonl" >"$tmp/p" && cp "$tmp/p" "$bad/points.jsonl"
grep -q 'touch' "$bad/points.jsonl" || fail "could not plant the mem payload"
for cmd in "show $bad" "compare $bad $bad" "plot $bad -o $tmp/pl0" \
	   "report $bad -o $tmp/rep0/"; do
	# shellcheck disable=SC2086
	"$sb" $cmd >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 2 ] || fail "$cmd: exit $rc, want 2"
	grep -q "points.jsonl:2: .*bad value for mem" "$tmp/err" ||
		fail "$cmd: no file:line naming mem: $(cat "$tmp/err")"
	no_canary "$cmd"
done

# meta.json's text and the directory's name: rendered, never run.
good="$tmp/run\`touch CANARY1\`\$(touch CANARY2)'q"
mkdir "$good"
head -n 4 "$src/points.jsonl" >"$good/points.jsonl"
esc=$(printf '%s' "$payload" | sed 's/[#&\\]/\\&/g')
sed -e "s#\"cpu_model\": \"[^\"]*\"#\"cpu_model\": \"CPU $esc\\\\nline2\"#" \
    -e "s#\"kernel\": \"[^\"]*\"#\"kernel\": \"6.1 $esc\"#" \
	"$src/meta.json" >"$good/meta.json"
grep -q '"cpu_model": "CPU `touch' "$good/meta.json" ||
	fail "could not plant the meta.json payload"
"$sb" plot "$good" -o "$tmp/pl" >"$tmp/out" 2>&1 ||
	fail "plot of the store with payloads in its text: $(cat "$tmp/out")"
no_canary "plot"
grep -q "throughput.png" "$tmp/out" || fail "plot drew nothing: $(cat "$tmp/out")"
# the text reaches the chart as it is, in gnuplot's single quotes
grep -qF "subtitle = 'CPU \`touch $canary\` \$(touch $canary) ''q''" \
	"$tmp/pl/data/throughput.vars.gp" ||
	fail "the subtitle is not the text, single-quoted: $(grep subtitle \
		"$tmp/pl/data/throughput.vars.gp")"
"$sb" report "$good" -o "$tmp/rep/" >"$tmp/out" 2>&1 ||
	fail "report of the store with payloads in its text: $(cat "$tmp/out")"
no_canary "report"
[ -s "$tmp/rep/report.html" ] || fail "report wrote no page"
grep -qF '&lt;script&gt;alert(1)' "$tmp/rep/report.html" ||
	fail "the report does not show the text escaped"
grep -qF '<script>alert(1)' "$tmp/rep/report.html" &&
	fail "the report carries the store's <script> as markup"
"$sb" show "$good" >/dev/null 2>&1 || fail "show of the good store"
"$sb" compare "$good" "$good" >/dev/null 2>&1 ||
	[ $? -eq 1 ] || fail "compare of the good store"
no_canary "show, compare"

if [ $fails -ne 0 ]; then
	echo "$fails failure(s)"
	exit 1
fi
echo "PASS: no command in a store ran; bad mem refused with file:line"
