/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The user backend's timed-loop figures, one per loop config of the matrix
 * (sb_config_loop_of(): the config with the primitive, the list and the
 * critical section taken out, so every primitive of a point shares it).
 * The first point of each loop config measures the loop itself; its record's
 * lat_sample_used and harness_loop_ps are then passed to the points that
 * share the config, and to the repeats, as the runner's --loop (their
 * records say loop_source=matrix; user/calib.h). A matrix of short points
 * pays the loop's rounds once per loop config, not once per point.
 */
#ifndef SB_BENCH_USER_LOOP_H
#define SB_BENCH_USER_LOOP_H

#include "matrix/matrix.h"

/* Forget every figure: a new matrix. */
void sb_user_loop_reset(void);
/* --loop's argument for @p, if a point with its loop config measured it. */
const char *sb_user_loop_arg(const struct sb_point *p);
/* @p's record @text: keep its loop figures if @p measured them (status ok). */
void sb_user_loop_note(const struct sb_point *p, const char *text);

#endif /* SB_BENCH_USER_LOOP_H */
