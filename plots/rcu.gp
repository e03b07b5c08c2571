# Chart 6: RCU against the update rate it sustained: grace-period latency
# (p50 dotted, p99 solid) and the peak number of entries awaiting a grace
# period before they could be freed.
# Data columns: updates/s, then gp p50 ns and gp p99 ns, or peak pending.
load plots_dir . "/common.gp"

set xlabel "updates per second achieved (log scale)"
set logscale x
set format x "%.0s%c"

do for [p = 1:npanels] {
	set title panel_title[p]
	set key maxrows key_rows(2 * panel_count[p])
	a = panel_first[p]
	if (p == 1 && npanels > 1 || panel_title[p] eq "grace-period latency") {
		set ylabel "grace period (ns, log scale)"
		set logscale y
		set format y "%.0s%c"
		plot for [i = a:a + panel_count[p] - 1] panel_file[p] \
			index (i - a) using 1:3 with linespoints lw 2 \
			lc rgb ser_color[i] dt ser_dt[i] pt ser_pt[i] \
			title ser_title[i] . " p99", \
		     for [i = a:a + panel_count[p] - 1] panel_file[p] \
			index (i - a) using 1:2 with linespoints lw 1 \
			lc rgb ser_color[i] dt 3 pt ser_pt[i] \
			title ser_title[i] . " p50"
	} else {
		set ylabel "entries awaiting a grace period (peak)"
		unset logscale y
		set format y "%g"
		set yrange [0:*]
		plot for [i = a:a + panel_count[p] - 1] panel_file[p] \
			index (i - a) using 1:2 with linespoints lw 2 \
			lc rgb ser_color[i] dt ser_dt[i] pt ser_pt[i] \
			title ser_title[i]
	}
}
unset multiplot
