#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What the charts and the report say, on the plots.run fixture and stores
# made from it (issue 21, items 10 and 18-22):
#  18 no chart has anything drawn within 3 pixels of its edges (a subtitle
#     or legend running off the image), at 1000x700 and 800x600, and the
#     report has nothing wider than a 1280-pixel window (headless Chromium);
#  19 a 4-primitive sweep of four update rates gets its 21 latency panels
#     whole, and a percentile of too few operations carries n=K;
#  20 rcu.png draws no line through points of different workloads;
#  21 the report has the whole command line, run's machine warnings, the
#     points left out at plan time, and for a vm-only store the guest's
#     kernel (the report and the charts);
#  22 show and compare mark emulated points;
#  10 a store named javascript:... is linked as ./javascript%3A...
# Usage: test_report_says.sh BINDIR RUNDIR PNG_CHECK
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

# 18: every image clear of its edges, at the default size and a small one
for size in 1000x700 800x600; do
	"$bin" plot "$run" -o "$tmp/p$size" --size "$size" >"$tmp/out" 2>&1 ||
		fail "plot --size $size exited $?: $(cat "$tmp/out")"
	w=${size%x*}
	h=${size#*x}
	for img in "$tmp/p$size"/*.png; do
		c=$(basename "$img" .png)
		rows=$(sed -n 's/^layout_rows = //p' "$tmp/p$size/data/$c.vars.gp")
		ih=$h
		[ "${rows:-1}" -gt 2 ] && ih=$((h * rows / 2))
		"$png_check" "$img" "$w" "$ih" 8 3 >/dev/null ||
			fail "$c.png at $size: drawn up to its edge"
	done
	# the subtitle is wrapped to the width, the whole list kept aside
	grep -q "^fixed_keys = 'update 20%, list 64" \
		"$tmp/p$size/data/throughput.vars.gp" ||
		fail "$size: no fixed_keys in the vars file"
done

# 20: the fixture's rcu points differ in threads and the interrupt
# contender, all at update 20%: no series may join two of them
awk '/^# series:/ { if (n > 1) bad++; n = 0; next }
	/^[0-9]/ { n++ } END { if (n > 1) bad++; exit bad > 0 }' \
	"$tmp/p1000x700/data/rcu.p1.dat" ||
	fail "rcu: a line joins points of different workloads: $(cat \
		"$tmp/p1000x700/data/rcu.p1.dat")"
grep -q "'rcu (user), free async, 2 threads'" \
	"$tmp/p1000x700/data/rcu.vars.gp" ||
	fail "rcu: a series does not name its workload"

# 19: 4 primitives x update 0, 1, 10, 50% x 1, 2 threads, made from one
# record of the fixture; at 1% each repeat timed one update
mkdir -p "$tmp/sweep"
cp "$run/meta.json" "$tmp/sweep/"
grep -m1 '"prim":"spin".*"threads":1,' "$run/points.jsonl" |
	grep '"status":"ok"' | awk '
{ tpl = $0 }
END {
	np = split("spin mutex rwlock rcu", prim, " ")
	split("0 1 10 50", upd, " ")
	for (p = 1; p <= np; p++) for (u = 1; u <= 4; u++)
	for (t = 1; t <= 2; t++) for (r = 0; r < 3; r++) {
		s = tpl
		id = "user/" prim[p] "/t" t "/compact/u" upd[u] "/l64/cs0/th0"
		uc = upd[u] == 0 ? 0 : upd[u] == 1 ? 1 : 5000
		gsub(/"prim":"[a-z_]*"/, "\"prim\":\"" prim[p] "\"", s)
		gsub(/"update_pct":[0-9]*/, "\"update_pct\":" upd[u], s)
		gsub(/"threads":[0-9]*/, "\"threads\":" t, s)
		sub(/"update_count":[0-9]*/, "\"update_count\":" uc, s)
		sub(/"point":"[^"]*"/, "\"point\":\"" id "\"", s)
		sub(/"repeat":[0-9]*/, "\"repeat\":" r, s)
		print s
	}
}' >"$tmp/sweep/points.jsonl"
[ "$(wc -l <"$tmp/sweep/points.jsonl")" -eq 96 ] ||
	fail "sweep store: $(wc -l <"$tmp/sweep/points.jsonl") records"
"$bin" plot "$tmp/sweep" -o "$tmp/sp" --x threads >"$tmp/out" 2>&1 ||
	fail "sweep plot exited $?: $(cat "$tmp/out")"
grep -A1 '^latency ' "$tmp/out" | grep -q capped &&
	fail "latency of a 4-primitive sweep capped: $(cat "$tmp/out")"
np=$(sed -n 's/^npanels = //p' "$tmp/sp/data/latency.vars.gp")
[ "$np" = 21 ] || fail "latency: $np panels, want 21"
rows=$(sed -n 's/^layout_rows = //p' "$tmp/sp/data/latency.vars.gp")
"$png_check" "$tmp/sp/latency.png" 1000 $((700 * rows / 2)) 8 3 \
	>/dev/null || fail "latency.png of the sweep not valid"
# update p99 at 1%: one update timed a repeat, so n=1 beside each point
f=$(grep -l '^# syncbench chart latency, panel: update p99: update 1%' \
	"$tmp/sp/data/"latency.p*.dat)
[ -n "$f" ] && awk '/^[0-9]/ && $5 != 1 { bad = 1 } END { exit bad }' \
	"$f" || fail "update p99 at 1%: no sample count: $(cat "$f")"
# ... and none where there are enough (update p50 at 10%: 5000)
f=$(grep -l '^# syncbench chart latency, panel: update p50: update 10%' \
	"$tmp/sp/data/"latency.p*.dat)
[ -n "$f" ] && awk '/^[0-9]/ && $5 != 0 { bad = 1 } END { exit bad }' \
	"$f" || fail "update p50 at 10%: a sample count: $(cat "$f")"
grep -q 'with labels' "$(dirname "$0")/../../plots/latency.gp" ||
	fail "latency.gp writes no n=K labels"
# ... and no label but n=K: gnuplot writes an undefined label as "NaN"
grep -h '^[0-9]' "$tmp/sp/data/"latency.p*.dat "$tmp/p1000x700/data/"latency.p*.dat |
	awk 'NF != 5 || $5 == "NaN" || $5 == "nan" { bad = 1 } END { exit bad }' ||
	fail "latency data: a sample count column that is not a number"

# 21: the whole command line (however long), run's machine warnings, the
# points left out at plan time
mkdir -p "$tmp/long"
cp "$run/points.jsonl" "$tmp/long/"
long=$(printf -- ' --set seed=%d' $(seq 1 40))
sed -e "s/\(\"command_line\": \"[^\"]*\)\"/\1$long\"/" \
	-e '0,/"runnable": [0-9]*/s//"runnable": 3/' \
	"$run/meta.json" >"$tmp/long/meta.json"
cmd=$(sed -n 's/^ *"command_line": "\(.*\)",$/\1/p' "$tmp/long/meta.json")
[ ${#cmd} -gt 600 ] || fail "test store: command line of ${#cmd} chars"
"$bin" report "$tmp/long" -o "$tmp/long.html" >"$tmp/out" 2>&1
grep -qF -- "$cmd" "$tmp/long.html" ||
	fail "the report cuts the command line short"
grep -q 'Warning: the host when the run started: busy (3 other runnable tasks' \
	"$tmp/long.html" || fail "the report lacks run's busy warning"
grep -q '"left_out"' "$run/meta.json" ||
	fail "meta.json has no left_out"
grep -q 'Left out at plan time: [0-9]* points (impossible), e.g. ' \
	"$tmp/long.html" || fail "the report lacks the points left out"

# 21, 22: a vm-only store (the fixture's records as the vm backend's)
mkdir -p "$tmp/vm"
sed -e 's/"backend":"user"/"backend":"vm"/g' \
	-e 's/"emulated":false/"emulated":true/' \
	-e 's#"point":"user/#"point":"vm/#' \
	"$run/points.jsonl" >"$tmp/vm/points.jsonl"
sed 's/"backends": {/"backends": {"vm": {"kernel_version": "6.1.0-guest-t"},/' \
	"$run/meta.json" >"$tmp/vm/meta.json"
host=$(sed -n 's/^ *"kernel": "\(.*\)",$/\1/p' "$run/meta.json")
"$bin" report "$tmp/vm" --plots "$tmp/vmp" >"$tmp/out" 2>&1
grep -q '<tr><th>kernel</th><td>6.1.0-guest-t (the guest' \
	"$tmp/vmp/report.html" || fail "vm-only report: not the guest's kernel"
grep -qF "<tr><th>kernel</th><td>$host" "$tmp/vmp/report.html" &&
	fail "vm-only report: the host's kernel as the kernel"
grep -q "^subtitle = 'guest Linux 6.1.0-guest-t under QEMU" \
	"$tmp/vmp/data/throughput.vars.gp" ||
	fail "vm-only charts: not the guest's kernel"
"$bin" show "$tmp/vm" >"$tmp/show" 2>&1 || fail "show exited $?"
n=$(grep -c '^vm/' "$tmp/show")
[ "$n" -gt 0 ] && [ "$(grep '^vm/' "$tmp/show" | grep -c EMULATED)" = "$n" ] ||
	fail "show does not mark every emulated point: $(cat "$tmp/show")"
grep -q 'QEMU TCG' "$tmp/show" || fail "show does not say what EMULATED is"
"$bin" compare "$tmp/vm" "$tmp/vm" >"$tmp/cmp" 2>/dev/null
n=$(grep -c '^vm/' "$tmp/cmp")
[ "$n" -gt 0 ] && [ "$(grep '^vm/' "$tmp/cmp" | grep -c EMULATED)" = "$n" ] ||
	fail "compare does not mark emulated points: $(cat "$tmp/cmp")"
"$bin" compare "$tmp/vm" "$tmp/vm" --json >"$tmp/cmp.json" 2>/dev/null
grep -q '"emulated_a": true' "$tmp/cmp.json" ||
	fail "compare --json does not mark emulated points"
"$bin" show "$run" | grep -q EMULATED && fail "show marks native points"

# 10: a store named javascript:...: its links are ./-prefixed paths
js="$tmp/javascript:alert(1)"
mkdir -p "$js"
cp "$run/meta.json" "$run/points.jsonl" "$js/"
"$bin" report "$js" -o "$tmp/js.html" >"$tmp/out" 2>&1
grep -q 'href="javascript' "$tmp/js.html" &&
	fail "a link of the report is a javascript: URL"
grep -q 'href="./javascript%3Aalert%281%29/summary.csv"' "$tmp/js.html" ||
	fail "the data links are not ./-prefixed and encoded"
# 18: the whole list of shared keys is in the report, shortened or not
fk=$(sed -n "s/^fixed_keys = '\\(.*\\)'\$/\\1/p" \
	"$tmp/p800x600/data/throughput.vars.gp")
grep -qF "<p class=\"fixed\">Every charted point shares: $fk." \
	"$tmp/js.html" || fail "the report lacks the shared keys: $fk"

# 18: the report in a 1280-pixel window: nothing wider than the window
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ]; then
	"$bin" report "$run" -o "$tmp/page.html" >"$tmp/out" 2>&1 ||
		fail "report exited $?"
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update \
		--disable-sync --no-first-run --hide-scrollbars \
		--proxy-server=127.0.0.1:9 --window-size=1280,2000 \
		--user-data-dir="$tmp/chrome" --dump-dom "file://$tmp/page.html" \
		>"$tmp/dom.html" 2>/dev/null
	grep -q 'data-overflow="none"' "$tmp/dom.html" ||
		fail "at 1280 px the report overflows: $(grep -o \
			'data-overflow="[^"]*"' "$tmp/dom.html")"
else
	echo "note: no chromium: the page's width at 1280 px is not checked"
fi

[ $fails -eq 0 ] || { echo "$fails failures"; exit 1; }
echo "all report-says checks passed"
