#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# plot, report and compare on a store too big to draw whole: 5000 records
# over 2500 points (make_big_store.sh). Every chart the store has data for
# renders as a valid PNG of the size its rows call for, the charts with
# more panels than stay readable draw the top 12 (24 for the three-column
# latency chart: four workloads whole) and say so (plot's output,
# the image title, the report), the report embeds every image (and loads
# in headless Chromium when there is one), compare matches every point;
# a gnuplot that writes half an image and fails leaves no image, no
# temporary file and no stale image of an earlier render.
# Usage: test_scale.sh BINDIR SOURCE_DIR PNG_CHECK
set -u
bin=$1/syncbench
src=$2
png_check=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

sh "$src/tests/plots/make_big_store.sh" "$src" "$tmp/big" 5000 2500 ||
	{ echo "FAIL: cannot make the store"; exit 1; }

# 1. plot against threads (one value: every update rate x list length is
# a panel of its own, 505 of them): each chart rendered (or skipped for
# want of data), none failed
"$bin" plot "$tmp/big" -o "$tmp/p" --x threads >"$tmp/out" 2>&1 ||
	fail "plot exited $?: $(cat "$tmp/out")"
cat "$tmp/out"
grep -q FAILED "$tmp/out" && fail "a chart failed"
rendered=0
for c in throughput latency cdf fairness irq rcu sides placement cost \
	scaling emulated; do
	if grep -q "^$c  *skipped: " "$tmp/out"; then
		[ ! -e "$tmp/p/$c.png" ] || fail "$c skipped but drawn"
		continue
	fi
	grep -q "^$c  *$tmp/p/$c.png\$" "$tmp/out" || {
		fail "$c neither rendered nor skipped"
		continue
	}
	rendered=$((rendered + 1))
	# 1000x700 holds two rows of panels; each row beyond adds 350
	rows=$(sed -n 's/^layout_rows = //p' "$tmp/p/data/$c.vars.gp")
	h=700
	[ "$rows" -gt 2 ] && h=$((350 * rows))
	"$png_check" "$tmp/p/$c.png" 1000 "$h" || fail "$c.png not valid"
	max=12
	[ "$c" = latency ] && max=24
	[ "$(sed -n 's/^npanels = //p' "$tmp/p/data/$c.vars.gp")" -le $max ] ||
		fail "$c draws more than $max panels"
done
# the store has throughput, latency, CDF and fairness data for 2500 points
for c in throughput latency cdf fairness; do
	max=12
	[ "$c" = latency ] && max=24
	grep -A1 "^$c " "$tmp/out" |
		grep -q "capped: top $max of [0-9]* panels" ||
		fail "$c not said to be capped"
	grep -q "^chart_title = '.*(capped: top $max of" \
		"$tmp/p/data/$c.vars.gp" || fail "$c title does not say capped"
done
[ "$rendered" -ge 4 ] || fail "only $rendered charts rendered"
ls -a "$tmp/p" | grep -q '\.tmp$' && fail "temporary image left"

# 2. the report embeds every rendered chart and says which are capped
"$bin" report "$tmp/big" --plots "$tmp/p" --x threads >"$tmp/out" 2>&1 ||
	fail "report exited $?: $(cat "$tmp/out")"
page=$tmp/p/report.html
nimg=$(grep -c '<img alt="[a-z]*" src="data:image/png;base64,iVBORw0KGgo' \
	"$page")
[ "$nimg" -eq "$rendered" ] || fail "$nimg images in the page, want $rendered"
ncap=$(grep -c 'This chart is capped: top [0-9]* of' "$page")
[ "$ncap" -ge 4 ] || fail "the report says $ncap charts are capped, want 4+"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ]; then
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update \
		--disable-sync --no-first-run --proxy-server=127.0.0.1:9 \
		--user-data-dir="$tmp/chrome" --dump-dom "file://$page" \
		>"$tmp/dom.html" 2>/dev/null
	grep -q "data-images=\"ok $nimg\"" "$tmp/dom.html" ||
		fail "report images did not all load in chromium"
else
	echo "note: no chromium, the page was not opened"
fi

# 2b. by default x is update_pct (101 values): a panel per list length
"$bin" plot "$tmp/big" -o "$tmp/d" >"$tmp/out" 2>&1 ||
	fail "default plot exited $?: $(cat "$tmp/out")"
grep -q "^x_label = 'update_pct (log; 0 drawn at 0.1)'" \
	"$tmp/d/data/throughput.vars.gp" || fail "default x is not update_pct"
[ "$(sed -n 's/^npanels = //p' "$tmp/d/data/throughput.vars.gp")" = 5 ] ||
	fail "default x: want a panel per list length"

# 3. compare matches every point of the store with itself
"$bin" compare "$tmp/big" "$tmp/big" --csv "$tmp/cmp.csv" >/dev/null \
	2>"$tmp/err" || fail "compare exited $?: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/cmp.csv")" -eq 2501 ] ||
	fail "compare wrote $(wc -l <"$tmp/cmp.csv") lines, want 2501"
grep -q '^2500 points: 0 worse' "$tmp/err" || fail "compare: $(cat "$tmp/err")"

# 4. a gnuplot that writes half an image and fails: the chart fails with
# its reason, leaving nothing, and the image of step 1 is gone too
cat >"$tmp/bad-gnuplot" <<'EOS'
#!/bin/sh
out=$(sed -n 's/^out_file = "\(.*\)"$/\1/p' "$1")
printf '\211PNG half' >"$out"
echo 'Cairo is unhappy: invalid value (typically too big)' >&2
exit 1
EOS
chmod +x "$tmp/bad-gnuplot"
SYNCBENCH_GNUPLOT=$tmp/bad-gnuplot "$bin" plot "$tmp/big" -o "$tmp/p" \
	--x threads >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "failing gnuplot: exit $rc, want 1"
grep -q '^throughput  *FAILED: gnuplot: Cairo is unhappy' "$tmp/out" ||
	fail "failing gnuplot: no reason: $(cat "$tmp/out")"
ls "$tmp/p" | grep -q '\.png$' && fail "an image is left: $(ls "$tmp/p")"
ls -a "$tmp/p" | grep -q '\.tmp$' && fail "a temporary image is left"

[ $fails -eq 0 ] || { echo "$fails failures"; exit 1; }
echo "all scale checks passed ($rendered charts)"
