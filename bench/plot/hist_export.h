/* SPDX-License-Identifier: GPL-2.0 */
/* The merged latency histograms in ns, as CSV and JSON; hist_export.c. */
#ifndef SB_PLOT_HIST_EXPORT_H
#define SB_PLOT_HIST_EXPORT_H

#include "store/group.h"

/* datadir/histograms.csv and .json; 0, or -1 with errno. */
int sb_hist_export(const struct sb_pset *ps, const char *datadir);

#endif /* SB_PLOT_HIST_EXPORT_H */
