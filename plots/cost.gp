# Chart 9: cost per operation: nanoseconds one operation costs one thread
# (op_ns = elapsed x threads / operations) and, where the record measured
# the timed loop alone, op_ns - loop_ns: the primitive without the harness.
# Against the x axis (threads, or --x DIM), log scale.
# Data columns: x, ns median, min, max.
load plots_dir . "/common.gp"

set xlabel x_label
set ylabel "ns per operation per thread (log scale)"
set logscale y
set format y "%.0s%c"
eval xtics_cmd
set xrange [xmin:xmax]

do for [p = 1:npanels] {
	set title panel_title[p]
	set key maxrows key_rows(panel_count[p])
	a = panel_first[p]
	plot for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:2:3:4 with yerrorlines lw 2 lc rgb ser_color[i] \
		dt ser_dt[i] pt ser_pt[i] title ser_title[i]
}
unset multiplot
