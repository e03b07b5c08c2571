# Chart 7: kernel / userspace, only for points a real (not emulated)
# kernel run and the userspace mirror both ran: the kernel's throughput
# and lookup p99 over the mirror's, log scale, 1 drawn in grey.
# Data columns: x, kernel / user median, min, max.
load plots_dir . "/common.gp"

set xlabel x_label
eval xtics_cmd
set xrange [xmin:xmax]
set logscale y
set format y "%g"

do for [p = 1:npanels] {
	set title panel_title[p]
	set key maxrows key_rows(panel_count[p] + 1)
	if (strstrt(panel_title[p], "throughput") == 1) {
		set ylabel "kernel / user throughput (log; > 1: kernel faster)"
	} else {
		set ylabel "kernel / user lookup p99 (log; < 1: kernel shorter)"
	}
	a = panel_first[p]
	plot 1 with lines lw 1 dt 2 lc rgb "#808080" title "equal", \
	     for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:2:3:4 with yerrorlines lw 2 lc rgb ser_color[i] \
		dt ser_dt[i] pt ser_pt[i] title ser_title[i]
}
unset multiplot
