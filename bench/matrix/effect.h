/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Values that change nothing about a point: a perturbation's share and
 * length with perturb=off, the buckets and the hold time of the timed loop
 * alone (SB_CAP_HARNESS: no lock, no list), an RCU free or grace-period
 * mode of a primitive without grace periods (no SB_CAP_GRACE). Such a
 * point is made the point at those keys' defaults (a --set list's first
 * value), so that its id and config are the ones it really runs and the
 * expansion's dedup by id runs it once; the plan says so in a note. A
 * --set list's values that spell one value twice (seed=1,01) are collapsed
 * where the list is read (sets.c).
 */
#ifndef SB_MATRIX_EFFECT_H
#define SB_MATRIX_EFFECT_H

#include <stddef.h>

struct sb_matrix;
struct sb_point;

/*
 * Reset @p's values without effect; returns how many it reset, naming
 * the first ("perturb_pct (perturb=off)") in why.
 */
int sb_point_no_effect(const struct sb_matrix *m, struct sb_point *p,
		       char *why, size_t whylen);

#endif /* SB_MATRIX_EFFECT_H */
