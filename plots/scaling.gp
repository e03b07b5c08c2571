# Chart 10: speedup (throughput at n threads over the same primitive's at
# 1 thread) and scaling efficiency (speedup / n) against threads, with the
# ideal line (n, and 1) in grey.
# Data columns: threads, value median, min, max.
load plots_dir . "/common.gp"

set xlabel x_label
eval xtics_cmd
set xrange [xmin:xmax]

do for [p = 1:npanels] {
	set title panel_title[p]
	set key maxrows key_rows(panel_count[p] + 1)
	a = panel_first[p]
	eff = strstrt(panel_title[p], "efficiency") == 1
	if (eff) {
		set ylabel "efficiency (speedup / threads; ideal 1)"
		set yrange [0:1.2]
	} else {
		set ylabel "speedup vs 1 thread (ideal: threads)"
		set yrange [0:*]
	}
	plot (eff ? 1 : x) with lines lw 1 dt 2 lc rgb "#808080" \
		title "ideal", \
	     for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:2:3:4 with yerrorlines lw 2 lc rgb ser_color[i] \
		dt ser_dt[i] pt ser_pt[i] title ser_title[i]
}
unset multiplot
