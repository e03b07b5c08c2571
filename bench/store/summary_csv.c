// SPDX-License-Identifier: GPL-2.0
/* summary.json as a flat CSV; see summary_csv.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matrix/dims.h"
#include "store/record.h"
#include "store/store.h"
#include "store/summary.h"
#include "store/summary_csv.h"

static const char *const stat_fields[] = {
	"median", "ci95_lo", "ci95_hi", "min", "max", NULL,
};

void sb_summary_num(char *buf, size_t len, double v)
{
	snprintf(buf, len, "%.10g", v);
}

static void csv_value(FILE *f, const json_t *v)
{
	char num[48];

	if (json_is_integer(v)) {
		fprintf(f, "%lld", (long long)json_integer_value(v));
	} else if (json_is_real(v)) {
		sb_summary_num(num, sizeof(num), json_real_value(v));
		fputs(num, f);
	} else if (json_is_string(v)) {
		sb_csv_string(f, json_string_value(v));
	}
}

/* The matrix dimensions a point id is made of (cpus is not one). */
static int dim_column(const struct sb_dim *d)
{
	return d->id_pos >= 0;
}

static void csv_header(FILE *f)
{
	unsigned int i, m, k;

	fputs("point", f);
	for (i = 0; i < sb_nr_dims; i++)
		if (dim_column(&sb_dims[i]))
			fprintf(f, ",%s", sb_dims[i].name);
	fputs(",n,failed", f);
	for (m = 0; sb_summary_metrics[m]; m++)
		for (k = 0; stat_fields[k]; k++)
			fprintf(f, ",%s_%s", sb_summary_metrics[m],
				stat_fields[k]);
	/* last, so that no column above moves */
	fputs(",first_violation_ns_censored,first_violation_ns_median_censored"
	      ",emulated\n", f);
}

static void csv_row(FILE *f, const json_t *o)
{
	const json_t *mx = json_object_get(o, "matrix"), *fv;
	unsigned int i, m, k;

	csv_value(f, json_object_get(o, "point"));
	for (i = 0; i < sb_nr_dims; i++) {
		if (!dim_column(&sb_dims[i]))
			continue;
		fputc(',', f);
		csv_value(f, json_object_get(mx, sb_dims[i].name));
	}
	fputc(',', f);
	csv_value(f, json_object_get(o, "n"));
	fputc(',', f);
	csv_value(f, json_object_get(o, "failed"));
	for (m = 0; sb_summary_metrics[m]; m++) {
		const json_t *st = json_object_get(o, sb_summary_metrics[m]);

		for (k = 0; stat_fields[k]; k++) {
			fputc(',', f);
			csv_value(f, json_object_get(st, stat_fields[k]));
		}
	}
	/* repeats that saw no violation; whether the median is a bound */
	fv = json_object_get(o, "first_violation_ns");
	fputc(',', f);
	csv_value(f, json_object_get(fv, "censored"));
	fputc(',', f);
	if (json_is_boolean(json_object_get(fv, "median_censored")))
		fputc(json_is_true(json_object_get(fv, "median_censored")) ?
		      '1' : '0', f);
	fprintf(f, ",%d\n", json_is_true(json_object_get(o, "emulated")));
}

void sb_summary_csv(FILE *f, const json_t *summary)
{
	const json_t *o;
	size_t i;

	csv_header(f);
	json_array_foreach(json_object_get(summary, "points"), i, o)
		csv_row(f, o);
}

int sb_summary_csv_write(const char *dir, const json_t *summary, char *err,
			 size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int ret;

	if (!f) {
		snprintf(err, errlen, "summary.csv: out of memory");
		return -1;
	}
	sb_summary_csv(f, summary);
	if (fclose(f)) {
		free(buf);
		snprintf(err, errlen, "summary.csv: out of memory");
		return -1;
	}
	ret = sb_store_write_file(dir, "summary.csv", buf, len, err, errlen);
	free(buf);
	return ret;
}
