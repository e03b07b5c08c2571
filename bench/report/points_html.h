/* SPDX-License-Identifier: GPL-2.0 */
/* The report's table of every point, and links to the store's files. */
#ifndef SB_REPORT_POINTS_HTML_H
#define SB_REPORT_POINTS_HTML_H

#include <stdio.h>

#include "store/group.h"

/* rel: the store directory relative to the page, or NULL for no links. */
void sb_report_points(FILE *f, const struct sb_pset *ps, const char *rel);

#endif /* SB_REPORT_POINTS_HTML_H */
