// SPDX-License-Identifier: GPL-2.0
/* The timed-loop figures a matrix's points share; see user_loop.h. */
#include <stdio.h>
#include <string.h>

#include "backend/backend.h"
#include "backend/user_loop.h"
#include "sb_config.h"

#define SB_LOOP_CONFIGS 128	/* beyond: the points measure it themselves */
#define SB_LOOP_KEY_LEN 2048	/* a longer loop config is not kept */

/* Static, as the backend is: nothing to free on any way out of a run. */
static struct {
	char key[SB_LOOP_KEY_LEN];	/* the loop config's text */
	char arg[64];			/* --loop's */
} sb_loops[SB_LOOP_CONFIGS];
static int sb_nloops;

void sb_user_loop_reset(void)
{
	sb_nloops = 0;
}

/* @p's loop config as text, in @key; 0, or -1 when it cannot be kept. */
static int sb_loop_key(const struct sb_point *p, char *key, size_t len)
{
	struct sb_config cfg;
	char err[256];
	int n;

	sb_config_default(&cfg, SB_SIDE_USER);
	if (sb_config_parse(&cfg, p->config, strlen(p->config), SB_SIDE_USER,
			    err, sizeof(err)))
		return -1;
	sb_config_loop_of(&cfg);
	n = sb_config_print(&cfg, SB_SIDE_USER, key, len);
	/* interleaved memory is the spawn's, not the config's */
	if (n < 0 || (size_t)n >= len ||
	    snprintf(key + n, len - n, "mem=%d\n", (int)p->mem.kind) >=
	    (int)(len - n))
		return -1;
	return 0;
}

static int sb_loop_find(const char *key)
{
	int i;

	for (i = 0; i < sb_nloops; i++)
		if (!strcmp(sb_loops[i].key, key))
			return i;
	return -1;
}

const char *sb_user_loop_arg(const struct sb_point *p)
{
	char key[SB_LOOP_KEY_LEN];
	int i;

	if (sb_loop_key(p, key, sizeof(key)))
		return NULL;
	i = sb_loop_find(key);
	return i < 0 ? NULL : sb_loops[i].arg;
}

/* Record key @k's value, an integer; 0 when absent or not one. */
static unsigned long long sb_rec_u64(const char *text, const char *k)
{
	sb_u64 v;
	const char *s;
	size_t n;

	if (sb_kv_find(text, k, &s, &n) || sb_parse_u64(s, n, &v))
		return 0;
	return v;
}

/* Whether record key @k's value is @v. */
static int sb_rec_is(const char *text, const char *k, const char *v)
{
	const char *s;
	size_t n;

	return !sb_kv_find(text, k, &s, &n) && n == strlen(v) &&
	       !strncmp(s, v, n);
}

void sb_user_loop_note(const struct sb_point *p, const char *text)
{
	unsigned long long lat, ps;
	char key[SB_LOOP_KEY_LEN];

	if (!text || sb_nloops >= SB_LOOP_CONFIGS ||
	    !sb_rec_is(text, "status", "ok") ||
	    !sb_rec_is(text, "loop_source", "point"))
		return;
	lat = sb_rec_u64(text, "lat_sample_used");
	ps = sb_rec_u64(text, "harness_loop_ps");
	if (!lat || !ps || sb_loop_key(p, key, sizeof(key)) ||
	    sb_loop_find(key) >= 0)
		return;
	memcpy(sb_loops[sb_nloops].key, key, sizeof(key));
	snprintf(sb_loops[sb_nloops].arg, sizeof(sb_loops[0].arg),
		 "lat_sample_used=%llu,loop_ps=%llu", lat, ps);
	sb_nloops++;
}
