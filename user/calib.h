/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The matrix's calibration: the figures a point may take from the driver
 * instead of measuring them itself (some 50 ms a point, more on a busy
 * machine). They are properties of a CPU, not of a point's config: the
 * TSC rate, one time-stamp's cost, the timed empty section (harness_ns)
 * and the bare pthread_spin_lock/unlock pair, all measured by
 * `syncbench-user --calibrate cpus=N` on the CPU that is the point's first
 * (where the point measures them itself when run by hand) and passed as
 *
 *   --calibration cpu=N,clock=tsc|monotonic,tsc_khz=N,timestamp_ps=N,
 *                 harness_ns=N,spin_lock_unlock_ps=N
 *
 * (the --calibrate keys of the same names, every one once). The record
 * says calibration=matrix; without the option, calibration=point.
 *
 * The timed loop's figures depend on the point's config, but only on its
 * loop config (sb_config_loop_of(): not on the primitive, the list or the
 * critical section): the driver measures them in the first point of each
 * loop config and passes them to the others, and their repeats, as
 *
 *   --loop lat_sample_used=N,loop_ps=N
 *
 * (the record keys of the same names). The record says loop_source=matrix;
 * without the option, loop_source=point.
 */
#ifndef SB_USER_CALIB_H
#define SB_USER_CALIB_H

#include <stddef.h>
#include "sb_result.h"

struct sb_place;

struct sb_calib {
	int given;		/* 0: measure everything in the point */
	unsigned int cpu;	/* the CPU they were measured on */
	sb_u64 tsc_khz;		/* 0: clock=monotonic */
	sb_u64 timestamp_ps;
	sb_u64 harness_ns;
	sb_u64 spin_lock_unlock_ps;
	int loop_given;		/* --loop: 0, measure the loop in the point */
	sb_u64 loop_lat_sample;	/* the lat_sample the loop was measured at */
	sb_u64 loop_ps;
};

/*
 * Parse --calibration's argument into @c (given = 1). 0, or -1 with one
 * line naming the key and the accepted form in @err (bad input).
 */
int sb_calib_parse(struct sb_calib *c, const char *text, char *err,
		   size_t len);

/*
 * Whether @c is valid for this point: measured on its first CPU, with the
 * clock this runner uses. 0, or -1 with why in @err (bad input).
 */
int sb_calib_check(const struct sb_calib *c, const struct sb_place *p,
		   char *err, size_t len);

/*
 * Parse --loop's argument into @c (loop_given = 1). 0, or -1 with one line
 * naming the key and the accepted form in @err (bad input).
 */
int sb_calib_loop_parse(struct sb_calib *c, const char *text, char *err,
			size_t len);

/* What a record's loop_source key says: "matrix" or "point". */
static inline const char *sb_calib_loop_source(const struct sb_calib *c)
{
	return c && c->loop_given ? "matrix" : "point";
}

/* What a record's calibration key says: "matrix" or "point". */
static inline const char *sb_calib_source(const struct sb_calib *c)
{
	return c && c->given ? "matrix" : "point";
}

#endif /* SB_USER_CALIB_H */
