#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Charts and report of a real sweep over update_pct (0, 1, 10, 50) at 1
# and 2 threads (make_sweep.sh): the default x is update_pct (most values),
# on a log axis with 0 drawn a decade left; each panel holds lines of 4
# points, never one dot; --x threads turns it round; a bad --x is refused
# before anything is written; the plots directory can be moved and drawn
# again from its relative paths; the report states the crossovers and
# lays out the regime map, and both, with the table of every point, agree
# with summary.csv; `show` reprints the summary; every chart decodes and
# the page loads in headless Chromium (skipped, 77, without chromium).
# Usage: test_sweep.sh BINDIR SWEEPDIR PNG_CHECK
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
# a chart grows by half the height per panel row beyond two
check_png() {
	rows=$(sed -n 's/^layout_rows = //p' "$1/data/$2.vars.gp")
	h=700
	[ "$rows" -gt 2 ] && h=$((700 * rows / 2))
	"$png_check" "$1/$2.png" 1000 "$h" || fail "$2.png not valid"
}
# rows per data block (series) of a data file: "4 4 4"
block_rows() {
	awk '/^#/ { next } NF == 0 { if (n) printf "%d ", n; n = 0; next }
	     { n++ } END { if (n) printf "%d", n }' "$1"
}

# 1. default x: update_pct, log, 0 placed, lines of 4 points per panel
"$bin" plot "$run" -o "$tmp/p" >"$tmp/out" 2>&1 || fail "plot: $(cat "$tmp/out")"
cat "$tmp/out"
for c in throughput latency cdf fairness cost scaling; do
	grep -q "^$c  *$tmp/p/$c.png\$" "$tmp/out" || fail "$c not rendered"
	check_png "$tmp/p" "$c"
done
grep -q '^x axis  *update_pct$' "$tmp/out" || fail "plot does not say its x axis"
grep -q '^rcu  *skipped: .*rcu_free other than sync' "$tmp/out" ||
	fail "rcu chart drawn for rcu_free=sync"
v=$tmp/p/data/throughput.vars.gp
grep -q "^x_label = 'update_pct (log; 0 drawn at 0.1)'" "$v" ||
	fail "x is not update_pct on a log axis: $(grep x_label "$v")"
grep -q "^xtics_cmd = 'set logscale x 10; set xtics (''0'' 0.1, 1, 10, 50)'" \
	"$v" || fail "tics: $(grep xtics_cmd "$v")"
grep -q "^chart_title = 'Throughput vs update_pct'" "$v" ||
	fail "title does not name the x"
[ "$(sed -n 's/^npanels = //p' "$v")" = 2 ] || fail "want a panel per thread count"
grep -q "'1 thread', '2 threads'" "$v" || fail "panel titles: $(grep panel_title "$v")"
for k in 1 2; do
	rows=$(block_rows "$tmp/p/data/throughput.p$k.dat")
	[ "$rows" = "4 4 4" ] || fail "throughput panel $k: rows per line '$rows', want 4 4 4"
done
# 0 is drawn at 0.1 in the data too
grep -q '^0.1 ' "$tmp/p/data/throughput.p1.dat" || fail "0 not at 0.1"
# the latency chart: a panel per operation and percentile
grep -q "'lookup p99: 2 threads'" "$tmp/p/data/latency.vars.gp" ||
	fail "latency is not small multiples"
# the CDF: a tail column, fairness floor, scaling from 1 thread
grep -q 'nines' "$tmp/p/data/cdf.p1.dat" || fail "no tail column in the CDF"
grep -q '^jain_floor = 0.5$' "$tmp/p/data/fairness.vars.gp" ||
	fail "fairness floor is not 1/2"
grep -q "'efficiency: update 50%'" "$tmp/p/data/scaling.vars.gp" ||
	fail "no efficiency panel"

# the histograms in ns: every timed lookup of a point is in a bucket
h=$tmp/p/data/histograms.csv
[ "$(head -1 "$h")" = "point,kind,lo_ns,hi_ns,count" ] || fail "histograms.csv header"
pt=user/spin/t2/compact/u10/l64/cs0/th0
got=$(awk -F, -v p="$pt" '$1 == p && $2 == "lookup" { n += $5 } END { print n + 0 }' "$h")
want=$(grep "\"point\":\"$pt\"" "$run/points.jsonl" |
	sed 's/.*"lookup_count":\([0-9]*\).*/\1/' | awk '{ n += $1 } END { print n + 0 }')
[ "$got" -gt 0 ] && [ "$got" = "$want" ] ||
	fail "histograms.csv: $got lookups of $pt, the records say $want"
awk -F, 'NR > 1 && ($3 > $4 || $5 <= 0) { bad = 1 } END { exit bad }' "$h" ||
	fail "histograms.csv: a bucket with lo > hi or no count"
grep -q '^{"schema":1,"points":\[' "$tmp/p/data/histograms.json" ||
	fail "histograms.json"

# 2. --x threads: a panel per update rate, lines of 2 points
"$bin" plot "$run" -o "$tmp/t" --x threads >"$tmp/out" 2>&1 ||
	fail "plot --x threads: $(cat "$tmp/out")"
v=$tmp/t/data/throughput.vars.gp
grep -q "^x_label = 'threads'" "$v" || fail "--x threads: $(grep x_label "$v")"
[ "$(sed -n 's/^npanels = //p' "$v")" = 4 ] || fail "--x threads: want 4 panels"
[ "$(block_rows "$tmp/t/data/throughput.p3.dat")" = "2 2 2" ] ||
	fail "--x threads: lines are not 2 points"
check_png "$tmp/t" throughput

# 3. a bad --x: exit 2, one line naming what is swept, nothing written
"$bin" plot "$run" -o "$tmp/bad" --x list_len >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 2 ] || fail "--x list_len: exit $rc, want 2"
grep -q 'not a swept numeric dimension of this store (swept: threads, update_pct)' \
	"$tmp/out" || fail "--x list_len: $(cat "$tmp/out")"
[ ! -e "$tmp/bad" ] || fail "--x list_len wrote $tmp/bad"

# 4. movable: no path of the plots directory in its vars files; moved,
# each chart draws again from inside it
grep -l "$tmp/p" "$tmp"/p/data/*.vars.gp && fail "absolute paths in vars files"
mv "$tmp/p" "$tmp/moved"
plots=$(cd "$(dirname "$0")/../../plots" && pwd)
for c in throughput latency; do
	(cd "$tmp/moved" && gnuplot "data/$c.vars.gp" "$plots/$c.gp") \
		>"$tmp/gp.log" 2>&1 || fail "moved $c: $(cat "$tmp/gp.log")"
	mv "$tmp/moved/.$c.png.tmp" "$tmp/moved/$c.png" 2>/dev/null ||
		fail "moved $c: no image"
	check_png "$tmp/moved" "$c"
done

# 5. the report: crossovers, regime map and points agree with summary.csv
csv=$run/summary.csv
[ -s "$csv" ] || fail "no summary.csv in the store"
"$bin" show "$run" --csv | cmp -s - "$csv" || fail "show --csv differs from summary.csv"
[ "$("$bin" show "$run" | grep -c '^user/')" = 24 ] || fail "show: not 24 points"
"$bin" report "$run" --plots "$tmp/r" >"$tmp/out" 2>&1 ||
	fail "report: $(cat "$tmp/out")"
page=$tmp/r/report.html
# argmax of ops_per_sec_median per threads x update_pct: "T U prim"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ k = $c["threads"] " " $c["update_pct"]; v = $c["ops_per_sec_median"] + 0
	  if (!(k in best) || v > best[k]) { best[k] = v; who[k] = $c["prim"] } }
	END { for (k in who) print k, who[k] }' "$csv" | sort >"$tmp/want"
[ "$(wc -l <"$tmp/want")" = 8 ] || fail "summary.csv: not 8 regimes"
grep -o '<td class="cell"[^>]*>' "$page" |
	sed 's/.*data-col="\([^"]*\)" data-row="\([^"]*\)" data-winner="\([^"]*\)".*/\2 \1 \3/' |
	sort >"$tmp/map"
cmp -s "$tmp/want" "$tmp/map" ||
	fail "regime map differs from summary.csv: $(diff "$tmp/want" "$tmp/map")"
grep -q '<h2 id="answers">' "$page" || fail "no answers section"
first=$(grep -o '<h2 id="[a-z]*"' "$page" | head -1)
[ "$first" = '<h2 id="answers"' ] || fail "answers are not first: $first"
grep -o '<li class="crossover"[^<]*</li>' "$page" >"$tmp/li"
[ -s "$tmp/li" ] || fail "no crossover sentence"
cat "$tmp/li"
grep -q 'data-row="2">At 2 threads, user: .* wins at update_pct' "$tmp/li" ||
	fail "no winner named at 2 threads"
# every "X wins at update_pct a to b" names the csv's winner at a and b
awk '{ t = $0; sub(/.*data-row="/, "", t); sub(/".*/, "", t); s = $0
	while (match(s, /[a-z_]+ wins at update_pct [0-9]+(\.[0-9]+)?( to [0-9]+(\.[0-9]+)?)?/)) {
		n = split(substr(s, RSTART, RLENGTH), w, " ")
		print t, w[5], w[1]; if (n == 7) print t, w[7], w[1]
		s = substr(s, RSTART + RLENGTH) } }' "$tmp/li" | sort -u >"$tmp/said"
[ -s "$tmp/said" ] || fail "no winner said"
comm -23 "$tmp/said" "$tmp/want" >"$tmp/wrong"
[ ! -s "$tmp/wrong" ] || fail "sentences disagree with summary.csv: $(cat "$tmp/wrong")"
# the points table: each point's ops/s median as summary.csv has it
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ print $c["point"], $c["ops_per_sec_median"] }' "$csv" | sort >"$tmp/want"
grep '<tr class="point"' "$page" |
	sed 's/.*data-point="\([^"]*\)".*data-key="ops_per_sec" data-v="\([^"]*\)".*/\1 \2/' |
	sort >"$tmp/table"
cmp -s "$tmp/want" "$tmp/table" ||
	fail "points table differs from summary.csv: $(diff "$tmp/want" "$tmp/table" | head)"
# speedup and efficiency against 1 thread: 1.00 and 1.00 at 1 thread
n1=$(grep '<tr class="point" data-point="user/[a-z]*/t1/' "$page" |
	grep -c '<td class="num">1.00</td><td class="num">1.00</td>')
[ "$n1" = 12 ] || fail "$n1 of 12 one-thread points with speedup 1.00"
[ "$(grep '<tr class="point" data-point="user/[a-z]*/t2/' "$page" |
	grep -c 'data-key="op_ns"')" = 12 ] || fail "points without ns/op"
grep -q 'href="[^"]*/summary.csv"' "$page" || fail "no link to summary.csv"
(cd "$tmp/r" && [ -s "$(sed -n 's/.*<a href="\([^"]*summary.csv\)".*/\1/p' \
	report.html | head -1)" ]) || fail "the summary.csv link does not resolve"
nimg=$(grep -c '<img ' "$page")
[ "$nimg" -eq 6 ] || fail "$nimg images in the page, want 6"

# 6. --objective: another ranking, said; a bad one refused
"$bin" report "$run" --plots "$tmp/o" --objective lookup_p99 >/dev/null 2>&1 ||
	fail "--objective lookup_p99 failed"
grep -q 'Ranked by the lowest median lookup p99' "$tmp/o/report.html" ||
	fail "--objective lookup_p99 not said"
"$bin" report "$run" --plots "$tmp/o3" --objective irq >/dev/null 2>&1 ||
	fail "--objective irq failed"
grep -q 'No point can be ranked by the lowest interrupt lateness' \
	"$tmp/o3/report.html" || fail "--objective irq: no note on a store without irq"
"$bin" report "$run" --plots "$tmp/o2" --objective speed >"$tmp/out" 2>&1
[ $? -eq 2 ] && grep -q 'expected throughput, lookup_p99' "$tmp/out" ||
	fail "--objective speed: $(cat "$tmp/out")"

# 7. the page in headless Chromium: every image decodes, no error
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	[ $fails -eq 0 ] || { echo "$fails failures"; exit 1; }
	echo "SKIP: the page in a browser (no chromium)"
	exit 77
fi
timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
	--disable-background-networking --disable-component-update \
	--disable-sync --no-first-run --hide-scrollbars \
	--proxy-server=127.0.0.1:9 --user-data-dir="$tmp/chrome" \
	--dump-dom "file://$page" >"$tmp/dom.html" 2>"$tmp/chrome.log"
grep -q "data-images=\"ok $nimg\"" "$tmp/dom.html" ||
	fail "images did not all load: $(grep -o 'data-images="[^"]*"' "$tmp/dom.html")"
grep -q 'data-errors="none"' "$tmp/dom.html" || fail "page errors"
grep -q 'class="crossover"' "$tmp/dom.html" || fail "no crossover in the DOM"

[ $fails -eq 0 ] || { echo "$fails failures"; exit 1; }
echo "all sweep checks passed"
