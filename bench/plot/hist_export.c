// SPDX-License-Identifier: GPL-2.0
/*
 * The lookup and update latency histograms in nanoseconds, for whoever
 * wants to redraw or recompute them: the store keeps bucket indexes
 * ("hist.lookup": "idx:count,..."), which mean nothing without
 * common/sb_hist.h. plot
 * writes, under plots/NAME/data/, every point's merged histograms (over
 * its ok repeats) with each bucket's bounds in ns:
 *
 *   histograms.csv   point,kind,lo_ns,hi_ns,count (one row per bucket used)
 *   histograms.json  {"schema":1,"points":[{"point":..,"kind":..,
 *                    "buckets":[[lo_ns,hi_ns,count],...]}]}
 *
 * A bucket holds the latencies lo_ns <= t <= hi_ns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb_config.h"
#include "sb_hist.h"
#include "plot/charts.h"
#include "plot/hist_export.h"

/* The histograms the readers keep (store/rrec.c). */
static const char *const kinds[] = { "lookup", "update" };

/* A point id as a JSON string and as a CSV cell (quoted when needed). */
static void put_id(FILE *f, const char *s, int json)
{
	int quote = json || strpbrk(s, ",\"\n\r");

	fputs(quote ? "\"" : "", f);
	for (; *s; s++) {
		if (json && (*s == '"' || *s == '\\'))
			fputc('\\', f);
		else if (!json && *s == '"')
			fputc('"', f);
		if ((unsigned char)*s >= 0x20)
			fputc(*s, f);
		else if (json)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(' ', f);
	}
	fputs(quote ? "\"" : "", f);
}

/* One point's histogram of one kind into both files; 0 when it has none. */
static int export_one(const struct sb_pgroup *g, const char *kind,
		      unsigned long long *cnt, FILE *csv, FILE *js, int *first)
{
	unsigned int b;
	int n = 0;

	if (!sb_pgroup_hist(g, kind, cnt))
		return 0;
	fprintf(js, "%s\n{\"point\":", *first ? "" : ",");
	put_id(js, g->key, 1);
	fprintf(js, ",\"kind\":\"%s\",\"buckets\":[", kind);
	*first = 0;
	for (b = 0; b < SB_HIST_BUCKETS; b++) {
		if (!cnt[b])
			continue;
		put_id(csv, g->key, 0);
		fprintf(csv, ",%s,%llu,%llu,%llu\n", kind,
			(unsigned long long)sb_hist_bucket_lo(b),
			(unsigned long long)sb_hist_bucket_hi(b), cnt[b]);
		fprintf(js, "%s[%llu,%llu,%llu]", n++ ? "," : "",
			(unsigned long long)sb_hist_bucket_lo(b),
			(unsigned long long)sb_hist_bucket_hi(b), cnt[b]);
	}
	fputs("]}", js);
	return 1;
}

int sb_hist_export(const struct sb_pset *ps, const char *datadir)
{
	char path[4400];
	unsigned long long *cnt = calloc(SB_HIST_BUCKETS, sizeof(*cnt));
	FILE *csv, *js;
	size_t i, k;
	int first = 1, ret;

	if (!cnt)
		abort();
	sb_snprintf(path, sizeof(path), "%s/histograms.csv", datadir);
	csv = fopen(path, "w");
	sb_snprintf(path, sizeof(path), "%s/histograms.json", datadir);
	js = fopen(path, "w");
	if (csv && js) {
		fputs("point,kind,lo_ns,hi_ns,count\n", csv);
		fputs("{\"schema\":1,\"points\":[", js);
		for (i = 0; i < ps->n; i++)
			for (k = 0; k < SB_ARRAY_SIZE(kinds); k++)
				export_one(&ps->g[i], kinds[k], cnt, csv, js,
					   &first);
		fputs("\n]}\n", js);
	}
	ret = !csv || !js;
	if (csv)
		ret |= fclose(csv) != 0;
	if (js)
		ret |= fclose(js) != 0;
	free(cnt);
	return ret ? -1 : 0;
}
