/* SPDX-License-Identifier: GPL-2.0 */
/* The regime map and its crossovers in the report page. */
#ifndef SB_REPORT_REGIME_HTML_H
#define SB_REPORT_REGIME_HTML_H

#include <stdio.h>

#include "report/regime.h"

/* The first section: every map row's crossovers in words (built: 0 = no
 * map, which it says). */
void sb_report_answers(FILE *f, const struct sb_regime_map *m, int built);
/* The maps as tables, one cell per regime. */
void sb_report_regime_map(FILE *f, const struct sb_regime_map *m, int built);

#endif /* SB_REPORT_REGIME_HTML_H */
