/* SPDX-License-Identifier: GPL-2.0 */
/* The regime map's rows in words: winners, noise, crossovers. */
#ifndef SB_REPORT_REGIME_TEXT_H
#define SB_REPORT_REGIME_TEXT_H

#include <stddef.h>

#include "report/regime.h"

/* Row r's label ("2 threads"; "" for a map of one row). */
void sb_regime_row_label(const struct sb_regime_map *m, size_t r, char *buf,
			 size_t len);
/*
 * Row r of map c in words into buf; the number of runs it names (0: the
 * row has no contender, buf is "").
 */
size_t sb_regime_sentence(const struct sb_regime_map *m,
			  const struct sb_regime_ctx *c, size_t r, char *buf,
			  size_t len);

#endif /* SB_REPORT_REGIME_TEXT_H */
