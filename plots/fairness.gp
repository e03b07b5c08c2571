# Chart 4: fairness vs the x axis (threads, or --x DIM): Jain's index of the
# per-thread operation
# counts (1 = perfectly even) and the least over the most ops any one thread
# did; medians of the repeats, bars min..max.
# Data columns: x, value median, min, max.
load plots_dir . "/common.gp"

set xlabel x_label
set ylabel "fairness (1 = every thread equal)"
eval xtics_cmd
set xrange [xmin:xmax]

do for [p = 1:npanels] {
	set title panel_title[p]
	set key maxrows key_rows(panel_count[p])
	a = panel_first[p]
	# Jain's index is at least 1/n: its axis starts at the lowest floor
	jain = strstrt(panel_title[p], "Jain") == 1
	set yrange [(jain ? jain_floor * 0.95 : 0):1.05]
	plot for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:2:3:4 with yerrorlines lw 2 lc rgb ser_color[i] \
		dt ser_dt[i] pt ser_pt[i] title ser_title[i]
}
unset multiplot
