# Chart 7: kernel vs userspace side by side, only for points that ran on
# both: throughput and lookup p99 per primitive, one dash and point type per
# backend (solid circles user, dashed squares kernel, dotted triangles vm).
# Data columns: x, value median, min, max.
load plots_dir . "/common.gp"

set xlabel x_label
eval xtics_cmd
set xrange [xmin:xmax]

do for [p = 1:npanels] {
	set title panel_title[p]
	set key maxrows key_rows(panel_count[p])
	if (strstrt(panel_title[p], "throughput") == 1) {
		set ylabel "throughput (operations/s)"
		unset logscale y
		set format y "%.1s%c"
		set yrange [0:*]
	} else {
		set ylabel "lookup p99 (ns, log scale)"
		set logscale y
		set format y "%.0s%c"
		set autoscale y
	}
	a = panel_first[p]
	plot for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:2:3:4 with yerrorlines lw 2 lc rgb ser_color[i] \
		dt ser_dt[i] pt ser_pt[i] title ser_title[i]
}
unset multiplot
