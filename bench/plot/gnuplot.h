/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Finding and running gnuplot and the chart scripts. gnuplot is looked up
 * in $SYNCBENCH_GNUPLOT, then $PATH; the scripts in $SYNCBENCH_PLOTS_DIR,
 * then plots/ of the source tree the binary was built in (build/bin/ ->
 * ../../plots), then ../share/syncbench/plots, then the source tree's
 * plots/ (SB_SOURCE_DIR), then ./plots.
 */
#ifndef SB_PLOT_GNUPLOT_H
#define SB_PLOT_GNUPLOT_H

#include <stddef.h>

/* 0 and the path, or -1 with a message naming the package to install. */
int sb_gnuplot_find(char *path, size_t len, char *err, size_t errlen);
int sb_plots_dir(char *dir, size_t len, char *err, size_t errlen);
/*
 * Run `gnuplot vars script` in directory cwd (NULL: ours; relative vars
 * and paths in them are read from there) in its own process group with
 * its output in log and stdin from /dev/null, for at most timeout_s
 * seconds (then the group gets SIGTERM, and SIGKILL a second later).
 * Whatever it started and left running is killed when it ends, and it is
 * always reaped (unless even SIGKILL cannot end it within 5 s). Returns 0, or -1 with gnuplot's first
 * error line, the timeout, or the signal that killed it in note.
 */
int sb_gnuplot_run(const char *gnuplot, const char *cwd, const char *vars,
		   const char *script,
		   const char *log, unsigned int timeout_s, char *note,
		   size_t notelen);

#endif /* SB_PLOT_GNUPLOT_H */
