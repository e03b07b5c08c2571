# Chart 1: throughput vs the x axis (threads, or --x DIM), one line per
# primitive and backend, one
# panel per workload (update_pct, list_len, cs_ns, ... as the matrix varies
# them). Points are medians of the repeats, error bars min..max.
# Data columns: x, ops/s median, min, max.
load plots_dir . "/common.gp"

set xlabel x_label
set ylabel "operations/s (median; bars: min-max)"
set format y "%.1s%c"
eval xtics_cmd
set xrange [xmin:xmax]
set yrange [0:*]

do for [p = 1:npanels] {
	set title panel_title[p]
	set key maxrows key_rows(panel_count[p])
	a = panel_first[p]
	plot for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:2:3:4 with yerrorlines lw 2 lc rgb ser_color[i] \
		dt ser_dt[i] pt ser_pt[i] title ser_title[i]
}
unset multiplot
