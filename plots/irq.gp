# Chart 5: interrupt latency: how late the interrupt contender's timer ran,
# per primitive, solid when no lock holder had interrupts off, dashed while
# one did (spin_irqsave's cost to the rest of the system). Log scale.
# Data columns: x, lateness ns (lock not held), lateness ns (held).
load plots_dir . "/common.gp"

set xlabel x_label
set ylabel "timer lateness (ns, log scale)"
set logscale y
set format y "%.0s%c"
eval xtics_cmd
set xrange [xmin:xmax]

do for [p = 1:npanels] {
	added = strstrt(panel_title[p], "added by the lock") > 0
	set title panel_title[p] . (added ? "" : \
		"   (solid: lock not held, dashed: held, irqs off)")
	set ylabel (added ? "latency the lock adds (ns, log scale)" : \
		"timer lateness (ns, log scale)")
	set key maxrows key_rows(panel_count[p])
	a = panel_first[p]
	plot for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:2 with linespoints lw 2 lc rgb ser_color[i] dt 1 \
		pt ser_pt[i] title ser_title[i], \
	     for [i = a:a + panel_count[p] - 1] panel_file[p] index (i - a) \
		using 1:3 with linespoints lw 2 lc rgb ser_color[i] dt 2 \
		pt ser_pt[i] notitle
}
unset multiplot
