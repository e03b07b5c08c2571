# Chart 4: fairness vs threads: Jain's index of the per-thread operation
# counts (1 = perfectly even) and the least over the most ops any one thread
# did; medians of the repeats, bars min..max.
# Data columns: threads, value median, min, max.
load plots_dir . "/common.gp"

set xlabel "threads"
set ylabel "fairness (1 = every thread equal)"
eval xtics_cmd
set xrange [xmin:xmax]
set yrange [0:1.05]

do for [p = 1:npanels] {
	set title panel_title[p]
	set key maxrows key_rows(panel_count[p])
	a = panel_first[p]
	plot for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:2:3:4 with yerrorlines lw 2 lc rgb ser_color[i] \
		dt ser_dt[i] pt ser_pt[i] title ser_title[i]
}
unset multiplot
