/* SPDX-License-Identifier: GPL-2.0 */
/* The report's race-exposure section; race_html.c. */
#ifndef SB_REPORT_RACE_HTML_H
#define SB_REPORT_RACE_HTML_H

#include <stdio.h>

#include "store/group.h"

/*
 * Time to the first violation of every broken primitive per perturbation
 * mode, and beside it every sound primitive that held under every mode it
 * ran with; a line saying there is none when the store has neither a
 * broken primitive nor a perturbed point.
 */
void sb_report_race(FILE *f, const struct sb_pset *ps);

#endif /* SB_REPORT_RACE_HTML_H */
