# Chart 2: latency as small multiples: one panel per operation (lookup,
# update) and percentile (p50, p99, p99.9), against the x axis syncbench
# chose (--x), log scale; dash is the backend as in every chart.
# Data columns: x, latency ns median, min, max over the repeats, and the
# operations timed where they are too few for the percentile (0 else):
# "n=K" is written beside such a point, so that a p99.9 of one sample is
# not read as a tail. (An empty label elsewhere: gnuplot 5.4 crashes on a
# labels plot whose every y is undefined on a log axis.)
load plots_dir . "/common.gp"

set xlabel x_label
set ylabel "latency (ns, log scale)"
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
		dt ser_dt[i] pt ser_pt[i] title ser_title[i], \
	     for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:2:($5 > 0 ? sprintf("n=%.0f", $5) : "") \
		with labels offset 0, 0.9 font ",8" tc rgb ser_color[i] notitle
}
unset multiplot
