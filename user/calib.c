// SPDX-License-Identifier: GPL-2.0
/* The matrix's calibration, passed to a point; see calib.h. */
#include <string.h>
#include "calib.h"
#include "clock.h"
#include "place.h"
#include "run.h"

#define SB_CALIB_FORM "cpu=N,clock=tsc|monotonic,tsc_khz=N,timestamp_ps=N,harness_ns=N,spin_lock_unlock_ps=N"

/* Each key once; the value's upper bound keeps a typo from passing. */
static const struct {
	const char *name;
	sb_u64 min, max;
} sb_calib_keys[] = {
	{ "cpu", 0, SB_MAX_CPUS - 1 },
	{ "clock", 0, 0 },		/* tsc | monotonic */
	{ "tsc_khz", 1, 100000000 },	/* up to 100 GHz */
	{ "timestamp_ps", 1, 1000000000 },
	{ "harness_ns", 0, 1000000 },
	{ "spin_lock_unlock_ps", 1, 1000000000 },
};

enum { SB_CK_CPU, SB_CK_CLOCK, SB_CK_KHZ, SB_CK_TS, SB_CK_HARNESS,
       SB_CK_SPIN, SB_NR_CK };

static int sb_calib_bad(char *err, size_t len, const char *what, int n,
			const char *s)
{
	sb_snprintf(err, len, "--calibration: %s '%.*s' (accepted: "
		    SB_CALIB_FORM ")", what, n > 40 ? 40 : n, s);
	return -1;
}

/* Key @k's value, @vl bytes at @v, into *out (or *tsc); 0 or -1. */
static int sb_calib_value(unsigned int k, const char *v, size_t vl,
			  sb_u64 *out, int *tsc)
{
	if (k == SB_CK_CLOCK) {
		if (vl == 3 && !strncmp(v, "tsc", 3))
			*tsc = 1;
		else if (vl == 9 && !strncmp(v, "monotonic", 9))
			*tsc = 0;
		else
			return -1;
		return 0;
	}
	return sb_parse_u64(v, vl, out) || *out < sb_calib_keys[k].min ||
	       *out > sb_calib_keys[k].max ? -1 : 0;
}

int sb_calib_parse(struct sb_calib *c, const char *text, char *err,
		   size_t len)
{
	sb_u64 v[SB_NR_CK] = { 0 };
	unsigned int seen = 0, k;
	const char *s = text;
	int tsc = 0;

	while (*s) {
		size_t n = strcspn(s, ","), kl = strcspn(s, "=,");

		for (k = 0; k < SB_NR_CK; k++)
			if (strlen(sb_calib_keys[k].name) == kl &&
			    !strncmp(sb_calib_keys[k].name, s, kl))
				break;
		if (k == SB_NR_CK || kl == n || seen & (1U << k))
			return sb_calib_bad(err, len, k == SB_NR_CK ?
					    "unknown key" : kl == n ?
					    "no value in" : "key given twice",
					    (int)n, s);
		if (sb_calib_value(k, s + kl + 1, n - kl - 1, &v[k], &tsc))
			return sb_calib_bad(err, len, "bad value in", (int)n,
					    s);
		seen |= 1U << k;
		s += n + (s[n] == ',');
	}
	if (seen != (1U << SB_NR_CK) - 1)
		return sb_calib_bad(err, len, "missing keys in", (int)strlen(text),
				    text);
	/* a monotonic tick is a ns: --calibrate says tsc_khz=1000000 */
	if (!tsc && v[SB_CK_KHZ] != 1000000)
		return sb_calib_bad(err, len, "clock=monotonic needs tsc_khz=1000000 in",
				    (int)strlen(text), text);
	c->given = 1;
	c->cpu = (unsigned int)v[SB_CK_CPU];
	c->tsc_khz = tsc ? v[SB_CK_KHZ] : 0;
	c->timestamp_ps = v[SB_CK_TS];
	c->harness_ns = v[SB_CK_HARNESS];
	c->spin_lock_unlock_ps = v[SB_CK_SPIN];
	return 0;
}

/*
 * A given TSC rate is every timing's scale: one off by half would double
 * them all and still say ok. Checked against CLOCK_MONOTONIC here, over
 * SB_CLOCK_CHECK_MS (a tight clock pair at each end: well under 0.1%); an
 * invariant TSC keeps its rate, so more than SB_CALIB_RATE_PCT off is
 * another machine's figure or a wrong one.
 */
#define SB_CALIB_RATE_PCT 2

static int sb_calib_check_rate(sb_u64 khz, char *err, size_t len)
{
	sb_u64 now = sb_clock_tsc_khz_now();
	sb_u64 diff = now > khz ? now - khz : khz - now;

	if (diff * 100 <= now * SB_CALIB_RATE_PCT)
		return 0;
	sb_snprintf(err, len,
		    "--calibration: tsc_khz=%llu, but this CPU's TSC runs at %llu kHz against CLOCK_MONOTONIC (accepted: within %d%%; recalibrate: syncbench-user --calibrate)",
		    (unsigned long long)khz, (unsigned long long)now,
		    SB_CALIB_RATE_PCT);
	return -1;
}

int sb_calib_check(const struct sb_calib *c, const struct sb_place *p,
		   char *err, size_t len)
{
	int tsc = sb_clock_tsc_usable();

	if (c->cpu != p->cpu[0]) {
		sb_snprintf(err, len,
			    "--calibration: measured on CPU %u, but this point's first CPU is %u (accepted: cpu=%u)",
			    c->cpu, p->cpu[0], p->cpu[0]);
		return -1;
	}
	if (!c->tsc_khz != !tsc) {
		sb_snprintf(err, len,
			    "--calibration: clock=%s, but this runner uses clock=%s (SYNCBENCH_USER_CLOCK, the CPU's flags; accepted: clock=%s)",
			    c->tsc_khz ? "tsc" : "monotonic",
			    tsc ? "tsc" : "monotonic",
			    tsc ? "tsc" : "monotonic");
		return -1;
	}
	return c->tsc_khz ? sb_calib_check_rate(c->tsc_khz, err, len) : 0;
}

#define SB_LOOP_FORM "lat_sample_used=N,loop_ps=N"

int sb_calib_loop_parse(struct sb_calib *c, const char *text, char *err,
			size_t len)
{
	unsigned long long lat, ps;
	int n = -1;

	/* %n after the last field: the whole argument, nothing more */
	if (sscanf(text, "lat_sample_used=%llu,loop_ps=%llu%n", &lat, &ps,
		   &n) != 2 || n < 0 || text[n] || text[0] == '-' ||
	    !lat || lat > SB_LAT_SAMPLE_MAX || (lat & (lat - 1)) || !ps ||
	    ps > 1000000000ULL || strchr(text, '-') || strchr(text, '+') ||
	    strchr(text, ' ')) {
		sb_snprintf(err, len,
			    "--loop: '%.60s' (accepted: " SB_LOOP_FORM
			    ", lat_sample_used a power of two up to %u, loop_ps 1 to 1000000000)",
			    text, SB_LAT_SAMPLE_MAX);
		return -1;
	}
	c->loop_given = 1;
	c->loop_lat_sample = lat;
	c->loop_ps = ps;
	return 0;
}
