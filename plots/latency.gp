# Chart 2: latency percentiles vs threads, log scale; lookups and updates in
# panels apart. Per primitive and backend: p50 dotted, p99 solid, p99.9
# dashed (medians of the repeats' percentiles).
# Data columns: threads, p50 ns, p99 ns, p99.9 ns.
load plots_dir . "/common.gp"

set xlabel "threads"
set ylabel "latency per operation (ns, log scale)"
set logscale y
set format y "%.0s%c"
eval xtics_cmd
set xrange [xmin:xmax]

do for [p = 1:npanels] {
	set title panel_title[p] . "   (p50 dotted, p99 solid, p99.9 dashed)"
	set key maxrows key_rows(panel_count[p])
	a = panel_first[p]
	plot for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:3 with linespoints lw 2 lc rgb ser_color[i] dt 1 \
		pt ser_pt[i] title ser_title[i], \
	     for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:2 with linespoints lw 1 lc rgb ser_color[i] dt 3 \
		pt ser_pt[i] notitle, \
	     for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:4 with linespoints lw 1 lc rgb ser_color[i] dt 2 \
		pt ser_pt[i] notitle
}
unset multiplot
