# Chart 3: latency distribution of each primitive at the highest thread
# count it ran: the CDF rebuilt from the merged histograms of the repeats
# (one step per histogram bucket, at its upper bound).
# Data columns: latency ns, cumulative fraction.
load plots_dir . "/common.gp"

set xlabel "latency per operation (ns, log scale)"
set ylabel "fraction of operations at or below"
set logscale x
set format x "%.0s%c"
set yrange [0:1.02]
set ytics 0.1

do for [p = 1:npanels] {
	set title panel_title[p]
	set key maxrows key_rows(panel_count[p])
	a = panel_first[p]
	plot for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:2 with steps lw 2 lc rgb ser_color[i] dt ser_dt[i] \
		title ser_title[i]
}
unset multiplot
