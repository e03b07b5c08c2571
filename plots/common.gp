# Shared setup of every syncbench chart: terminal, output, the page title
# with the machine, and the look of panels. Loaded by each chart script after
# syncbench has loaded the chart's generated <chart>.vars.gp, which defines
# term_cmd, out_file, chart_title, subtitle, layout_rows, layout_cols,
# npanels, panel_title[], panel_file[], panel_first[], panel_count[],
# ser_title[], ser_color[], ser_dt[], ser_pt[], xmin, xmax, xtics_cmd and
# x_label (paths relative to the plots directory, where gnuplot runs).
# Styles come from syncbench (one colour per primitive in every chart, a
# point type and dash per backend), so no script hard-codes a primitive.

eval term_cmd
set output out_file
set termoption noenhanced
set encoding utf8

set border 3 lc rgb "#404040"
set tics nomirror
set grid xtics ytics lc rgb "#d8d8d8" lw 1 dt 1
# Outside, so a key never hides data whatever the panel holds; 9 points,
# so a legend reads at 1000 pixels wide.
# (8 or 7 points where syncbench finds a 9-point one too wide: key_font)
if (!exists("key_font")) key_font = ",9"
set key below vertical noopaque nobox font key_font samplen 2 spacing 1
set title font ",10"
# Room right of each panel for half of the last x tic label, so that the
# rightmost panel's does not run off the image.
set rmargin 4
set pointsize 1.1
set bars small


set multiplot layout layout_rows, layout_cols title chart_title . "\n" . subtitle font ",10"

# Keys sit below their panel in at most key_cols columns (1 or 2: what fits
# the panel's width, syncbench works it out from the longest legend entry),
# so they never run into the next panel or off the image: key_rows(n) is
# the rows n entries need.
if (!exists("key_cols")) key_cols = 2
key_rows(n) = n > key_cols ? ceil(n / (1.0 * key_cols)) : n
