# Chart 3: latency distribution of each primitive at the highest thread
# count it ran: the CDF rebuilt from the merged histograms of the repeats
# (one step per histogram bucket, at its upper bound).
# Data columns: latency ns, cumulative fraction, nines (-log10(1 - F)).
load plots_dir . "/common.gp"

set xlabel "latency per operation (ns, log scale)"
set ylabel "percentile (tail scale: one step per nine)"
set logscale x
set format x "%.0s%c"
# y is -log10(1 - fraction): the tail, where primitives part, gets the room
set yrange [0:4.3]
set ytics ("p0" 0, "p90" 1, "p99" 2, "p99.9" 3, "p99.99" 4)

do for [p = 1:npanels] {
	set title panel_title[p]
	set key maxrows key_rows(panel_count[p])
	a = panel_first[p]
	plot for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:3 with steps lw 2 lc rgb ser_color[i] dt ser_dt[i] \
		title ser_title[i]
}
unset multiplot
