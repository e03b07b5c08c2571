// SPDX-License-Identifier: GPL-2.0
/* Noise flags of points; see noise.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "backend/desc.h"
#include "store/noise.h"
#include "store/rrec.h"
#include "store/stats.h"
#include "sb_config.h"
#include "util/util.h"

static const char *const sb_noise_names[] = {
	"preempted", "imbalance", "spread", "bimodal", "too few repeats",
};

unsigned int sb_noise_rec_flags(const struct sb_noise_rec *r)
{
	unsigned int f = 0;

	if (r->ctxsw_known && r->involuntary_ctxsw >= SB_NOISE_CTXSW_MIN && r->ctxsw_per_s > SB_NOISE_CTXSW_PER_S)
		f |= SB_NOISE_PREEMPTED;
	if (r->threads > 1 && !r->roles && r->imbalance > SB_NOISE_IMBALANCE)
		f |= SB_NOISE_IMBALANCED;
	/* Jain's index is 0 for a role of no thread: no role, no flag. */
	if (r->roles && ((r->jain_readers > 0 &&
			  r->jain_readers < SB_NOISE_ROLE_JAIN) ||
			 (r->jain_updaters > 0 &&
			  r->jain_updaters < SB_NOISE_ROLE_JAIN)))
		f |= SB_NOISE_IMBALANCED;
	return f;
}

/* The figures from the backend and the five numbers a record has. */
static void sb_noise_fill(struct sb_noise_rec *r, const char *backend,
			  double ctxsw, double elapsed_ns, double threads,
			  double omin, double omax)
{
	const struct sb_backend_desc *d;

	memset(r, 0, sizeof(*r));
	d = sb_backend_find(backend);
	r->ctxsw_known = d && (d->caps & SB_BKC_CTXSW);
	r->threads = threads > 0 ? (unsigned int)threads : 0;
	r->involuntary_ctxsw = ctxsw > 0 ? (unsigned long long)ctxsw : 0;
	if (elapsed_ns > 0 && threads > 0)
		r->ctxsw_per_s = ctxsw / (elapsed_ns / 1e9) / threads;
	/* A thread that did nothing at all is the worst imbalance. */
	if (omax > 0)
		r->imbalance = omin > 0 ? omax / omin : INFINITY;
}

static double jnum(const json_t *o, const char *key)
{
	json_t *x = json_object_get(o, key);

	return json_is_number(x) ? json_number_value(x) : 0;
}

void sb_noise_from_json(const json_t *rec, struct sb_noise_rec *r)
{
	sb_noise_fill(r, json_string_value(json_object_get(rec, "backend")),
		      jnum(rec, "involuntary_ctxsw"),
		      jnum(rec, "elapsed_ns"), jnum(rec, "threads"),
		      jnum(rec, "thread_ops_min"), jnum(rec, "thread_ops_max"));
	r->roles = jnum(rec, "updaters") > 0;
	r->jain_readers = jnum(rec, "fairness_jain_readers");
	r->jain_updaters = jnum(rec, "fairness_jain_updaters");
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * Two clusters: some gap between neighbours (sorted) is wider than a
 * fifth of the median and three times the spread on either side of it.
 * s is sorted, n >= 3.
 */
static int sb_noise_bimodal(const double *s, size_t n, double median)
{
	size_t k;

	for (k = 1; k < n; k++) {
		double gap = s[k] - s[k - 1];
		double lo = s[k - 1] - s[0], hi = s[n - 1] - s[k];
		double wide = lo > hi ? lo : hi;

		if (gap > SB_NOISE_GAP * fabs(median) &&
		    gap > SB_NOISE_GAP_RATIO * wide)
			return 1;
	}
	return 0;
}

unsigned int sb_noise_repeat_flags(const double *v, size_t n, double *cv)
{
	struct sb_stats st;
	unsigned int f = 0;
	double *s;

	*cv = NAN;
	if (n < SB_NOISE_MIN_REPEATS)
		f |= SB_NOISE_FEW;
	if (n < 2)
		return f;
	sb_stats_compute(v, n, &st);
	if (st.mean > 0) {
		*cv = st.stddev / st.mean;
		if (*cv > SB_NOISE_CV)
			f |= SB_NOISE_SPREAD;
	}
	if (n < 3)
		return f;
	s = malloc(n * sizeof(*s));
	if (!s)
		abort();
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	if (sb_noise_bimodal(s, n, st.median))
		f |= SB_NOISE_BIMODAL;
	free(s);
	return f;
}

const char *sb_noise_words(unsigned int flags, char *buf, size_t len)
{
	struct sb_buf b;
	size_t i;

	sb_buf_init(&b, buf, len);
	for (i = 0; i < SB_ARRAY_SIZE(sb_noise_names); i++)
		if (flags & (1u << i))
			sb_bprintf(&b, "%s%s", b.n ? "," : "",
				   sb_noise_names[i]);
	return buf;
}

json_t *sb_noise_json_words(unsigned int flags)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < SB_ARRAY_SIZE(sb_noise_names); i++)
		if (flags & (1u << i))
			json_array_append_new(a, json_string(sb_noise_names[i]));
	return a;
}

unsigned int sb_noise_pgroup_flags(const struct sb_pgroup *g)
{
	unsigned int f = 0;
	double *v = calloc(g->n + 1, sizeof(*v)), cv;
	size_t i;

	if (!v)
		abort();
	for (i = 0; i < g->n; i++) {
		const struct sb_rrec *r = g->reps[i];
		struct sb_noise_rec nr;

		sb_noise_fill(&nr, sb_rrec_text(r, "backend"),
			      sb_rrec_num_or(r, "involuntary_ctxsw", 0),
			      sb_rrec_num_or(r, "elapsed_ns", 0),
			      sb_rrec_num_or(r, "threads", 0),
			      sb_rrec_num_or(r, "thread_ops_min", 0),
			      sb_rrec_num_or(r, "thread_ops_max", 0));
		nr.roles = sb_rrec_num_or(r, "updaters", 0) > 0;
		nr.jain_readers = sb_rrec_num_or(r, "fairness_jain_readers", 0);
		nr.jain_updaters = sb_rrec_num_or(r, "fairness_jain_updaters",
						  0);
		f |= sb_noise_rec_flags(&nr);
		v[i] = sb_rrec_num_or(r, "ops_per_sec", 0);
	}
	f |= sb_noise_repeat_flags(v, g->n, &cv);
	free(v);
	return f;
}
