// SPDX-License-Identifier: GPL-2.0
/* Result record: totals, printer and parser; see sb_result.h. */
#include "sb_result.h"

const char *const sb_hist_names[SB_NR_HISTS] = {
	[SB_H_LOOKUP] = "lookup",
	[SB_H_UPDATE] = "update",
	[SB_H_IRQ] = "irq_lat",
	[SB_H_IRQ_LOCKED] = "irq_lat_locked",
	[SB_H_RCU_GP] = "rcu_gp",
	[SB_H_SOFTIRQ] = "softirq_lat",
	[SB_H_SOFTIRQ_LOCKED] = "softirq_lat_locked",
};

enum sb_field_type {
	SB_FT_U64,
	SB_FT_PPM,	/* fixed point, millionths: 0.xxxxxx */
	SB_FT_MILLI,	/* fixed point, thousandths: x.xxx (ps as ns) */
	SB_FT_STR,
	SB_FT_WORD,	/* index into .words, "a|b|c" */
};

struct sb_field {
	const char *name;
	enum sb_field_type type;
	size_t offset;
	const char *words;
};

#define F(n, t, f, w) { n, t, offsetof(struct sb_result, f), w }
static const struct sb_field sb_fields[] = {
	F("result_schema", SB_FT_U64, schema, NULL),
	F("side", SB_FT_STR, side, NULL),
	F("status", SB_FT_WORD, status, "ok|failed|aborted|stopped"),
	F("reason", SB_FT_STR, reason, NULL),
	F("threads", SB_FT_U64, threads, NULL),
	F("elapsed_ns", SB_FT_U64, elapsed_ns, NULL),
	F("ops", SB_FT_U64, ops, NULL),
	F("ops_per_sec", SB_FT_U64, ops_per_sec, NULL),
	F("lookups", SB_FT_U64, lookups, NULL),
	F("updates", SB_FT_U64, updates, NULL),
	F("fairness_jain", SB_FT_PPM, fairness_jain_ppm, NULL),
	F("lookups_per_sec", SB_FT_U64, lookups_per_sec, NULL),
	F("updates_per_sec", SB_FT_U64, updates_per_sec, NULL),
	F("fairness_jain_readers", SB_FT_PPM, fairness_jain_readers_ppm, NULL),
	F("fairness_jain_updaters", SB_FT_PPM, fairness_jain_updaters_ppm,
	  NULL),
	F("thread_ops_min", SB_FT_U64, thread_ops_min, NULL),
	F("thread_ops_max", SB_FT_U64, thread_ops_max, NULL),
	F("invariants", SB_FT_WORD, invariants_ok, "violated|ok|unchecked"),
	F("violations", SB_FT_U64, violations, NULL),
	F("check_failures", SB_FT_U64, check_failures, NULL),
	F("final_len", SB_FT_U64, final_len, NULL),
	F("harness_ns", SB_FT_U64, harness_ns, NULL),
	F("op_ns", SB_FT_MILLI, op_ps, NULL),
	F("loop_ns", SB_FT_MILLI, loop_ps, NULL),
	F("lat_sample_used", SB_FT_U64, lat_sample_used, NULL),
	F("cs_ns_actual", SB_FT_U64, cs_ns_actual, NULL),
	F("think_ns_actual", SB_FT_U64, think_ns_actual, NULL),
	F("clock", SB_FT_WORD, clock, "tsc|monotonic"),
	F("tsc_khz", SB_FT_U64, tsc_khz, NULL),
	F("timestamp_ns", SB_FT_U64, timestamp_ns, NULL),
	F("rcu_peak_pending", SB_FT_U64, rcu_peak_pending, NULL),
	F("rcu_peak_pending_bytes", SB_FT_U64, rcu_peak_pending_bytes, NULL),
	F("rcu_callbacks", SB_FT_U64, rcu_callbacks, NULL),
	F("irq_count", SB_FT_U64, irq_count, NULL),
	F("softirq_count", SB_FT_U64, softirq_count, NULL),
	F("seq_retries", SB_FT_U64, seq_retries, NULL),
	F("lookup_misses", SB_FT_U64, lookup_misses, NULL),
	F("update_misses", SB_FT_U64, update_misses, NULL),
	F("irqoff_max_ns", SB_FT_U64, irqoff_max_ns, NULL),
	F("uaf_reads", SB_FT_U64, uaf_reads, NULL),
	F("uaf_writes", SB_FT_U64, uaf_writes, NULL),
	F("first_violation_ns", SB_FT_U64, first_violation_ns, NULL),
	F("violations_per_sec", SB_FT_MILLI, violations_per_sec_milli, NULL),
	F("lost_updates", SB_FT_U64, lost_updates, NULL),
	F("perturbations", SB_FT_U64, perturbations, NULL),
	F("perturb_sched", SB_FT_WORD, perturb_sched, "none|fifo|other"),
	F("voluntary_ctxsw", SB_FT_U64, voluntary_ctxsw, NULL),
	F("involuntary_ctxsw", SB_FT_U64, involuntary_ctxsw, NULL),
	F("op_digest", SB_FT_U64, op_digest, NULL),
};
#undef F

/* Per-histogram summary keys: <hist>_<suffix>. Derived; not parsed back. */
static const struct {
	const char *suffix;
	sb_u32 q_ppm;	/* 0: count, 1: mean, 2: min */
} sb_hist_keys[] = {
	{ "count", 0 }, { "mean_ns", 1 }, { "min_ns", 2 },
	{ "p50_ns", 500000 }, { "p90_ns", 900000 }, { "p99_ns", 990000 },
	{ "p999_ns", 999000 }, { "p9999_ns", 999900 }, { "max_ns", 1000000 },
};

static const char *const sb_thread_fields[] = {
	"cpu", "ops", "lookups", "updates"
};

void sb_result_init(struct sb_result *r, const struct sb_config *cfg,
		    const char *side)
{
	unsigned int i;

	memset(r, 0, sizeof(*r));
	if (cfg)
		r->cfg = *cfg;
	r->schema = SB_RESULT_SCHEMA;
	r->invariants_ok = SB_INV_UNCHECKED;
	sb_snprintf(r->side, sizeof(r->side), "%s", side ? side : "");
	for (i = 0; i < SB_NR_HISTS; i++)
		sb_hist_init(&r->hist[i]);
}

/*
 * Jain's fairness index (sum x)^2 / (n * sum x^2) in millionths; 1 = fair.
 * The counts are scaled down by one shift until their sum is below 2^24, so
 * sum^2 and n * sum x^2 fit in 64 bits; that keeps six significant digits.
 */
static sb_u64 sb_jain_ppm(const struct sb_result *r, sb_u64 from, sb_u64 to)
{
	sb_u64 sum = 0, sq = 0, i, shift = 0, n = to - from;

	for (i = from; i < to; i++)
		sum += r->thread[i].ops;
	while ((sum >> shift) >= (1ULL << 24))
		shift++;
	/* Sum the scaled values themselves, so the index stays <= 1. */
	for (sum = 0, i = from; i < to; i++) {
		sb_u64 x = r->thread[i].ops >> shift;

		sum += x;
		sq += x * x;
	}
	if (!sq)
		return 0;
	return sb_mul_div(sum * sum, 1000000, sq * n);
}

sb_u64 sb_result_rate_milli(sb_u64 count, sb_u64 elapsed_ns)
{
	return elapsed_ns ? sb_mul_div(count, 1000000000000ULL, elapsed_ns) :
		0;
}

void sb_result_finish(struct sb_result *r)
{
	sb_u64 i, u, n = r->threads < SB_MAX_THREADS ? r->threads :
		SB_MAX_THREADS;

	r->ops = r->lookups = r->updates = 0;
	r->thread_ops_min = n ? ~0ULL : 0;
	r->thread_ops_max = 0;
	for (i = 0; i < n; i++) {
		const struct sb_thread_result *t = &r->thread[i];

		r->ops += t->ops;
		r->lookups += t->lookups;
		r->updates += t->updates;
		if (t->ops < r->thread_ops_min)
			r->thread_ops_min = t->ops;
		if (t->ops > r->thread_ops_max)
			r->thread_ops_max = t->ops;
	}
	r->fairness_jain_ppm = sb_jain_ppm(r, 0, n);
	r->ops_per_sec = r->elapsed_ns ?
		sb_mul_div(r->ops, 1000000000, r->elapsed_ns) : 0;
	r->lookups_per_sec = r->elapsed_ns ?
		sb_mul_div(r->lookups, 1000000000, r->elapsed_ns) : 0;
	r->updates_per_sec = r->elapsed_ns ?
		sb_mul_div(r->updates, 1000000000, r->elapsed_ns) : 0;
	/* roles: the first cfg.updaters threads update, the rest look up */
	u = r->cfg.updaters < n ? r->cfg.updaters : n;
	r->fairness_jain_updaters_ppm = u ? sb_jain_ppm(r, 0, u) : 0;
	r->fairness_jain_readers_ppm = u && u < n ? sb_jain_ppm(r, u, n) : 0;
	r->op_ps = r->ops ? sb_mul_div(r->elapsed_ns, 1000 * n, r->ops) : 0;
}

static sb_u64 sb_hist_key_value(const struct sb_hist *h, sb_u32 q)
{
	if (q == 0)
		return h->count;
	if (q == 1)
		return sb_hist_mean(h);
	if (q == 2)
		return h->count ? h->min : 0;
	return sb_hist_percentile(h, q);
}

int sb_result_print(const struct sb_result *r, unsigned int side, char *buf,
		    size_t len)
{
	struct sb_buf b;
	unsigned int i, j;

	sb_buf_init(&b, buf, len);
	b.n = (size_t)sb_config_print(&r->cfg, side, buf, len);
	for (i = 0; i < SB_ARRAY_SIZE(sb_fields); i++) {
		const struct sb_field *f = &sb_fields[i];
		const void *p = (const char *)r + f->offset;
		sb_u64 v = *(const sb_u64 *)p;

		sb_bprintf(&b, "%s=", f->name);
		switch (f->type) {
		case SB_FT_U64:
			sb_bprintf(&b, "%llu", (unsigned long long)v);
			break;
		case SB_FT_PPM:
			sb_bprintf(&b, "%llu.%06llu",
				   (unsigned long long)(v / 1000000),
				   (unsigned long long)(v % 1000000));
			break;
		case SB_FT_MILLI:
			sb_bprintf(&b, "%llu.%03llu",
				   (unsigned long long)(v / 1000),
				   (unsigned long long)(v % 1000));
			break;
		case SB_FT_STR:
			sb_bprintf(&b, "%s", (const char *)p);
			break;
		case SB_FT_WORD:
			b.n += (size_t)sb_enum_name(f->words, v,
						    sb_buf_tail(&b),
						    sb_buf_room(&b));
			break;
		}
		sb_bprintf(&b, "\n");
	}
	for (i = 0; i < SB_NR_HISTS; i++)
		for (j = 0; j < SB_ARRAY_SIZE(sb_hist_keys); j++)
			sb_bprintf(&b, "%s_%s=%llu\n", sb_hist_names[i],
				   sb_hist_keys[j].suffix,
				   (unsigned long long)sb_hist_key_value(
					&r->hist[i], sb_hist_keys[j].q_ppm));
	for (i = 0; i < r->threads && i < SB_MAX_THREADS; i++) {
		const sb_u64 *t = &r->thread[i].cpu;

		for (j = 0; j < SB_ARRAY_SIZE(sb_thread_fields); j++)
			sb_bprintf(&b, "thread.%u.%s=%llu\n", i,
				   sb_thread_fields[j],
				   (unsigned long long)t[j]);
	}
	for (i = 0; i < SB_NR_HISTS; i++) {
		const struct sb_hist *h = &r->hist[i];
		const char *sep = "";

		sb_bprintf(&b, "hist.%s=", sb_hist_names[i]);
		for (j = 0; j < SB_HIST_BUCKETS; j++) {
			if (!h->buckets[j])
				continue;
			sb_bprintf(&b, "%s%u:%llu", sep, j,
				   (unsigned long long)h->buckets[j]);
			sep = ",";
		}
		sb_bprintf(&b, "\n");
	}
	return (int)b.n;
}

int sb_kv_next(const char **pos, const char *end, const char **key,
	       size_t *klen, const char **val, size_t *vlen)
{
	const char *p = *pos;

	while (p < end) {
		const char *eol = p, *eq = NULL;

		while (eol < end && *eol != '\n') {
			if (*eol == '=' && !eq)
				eq = eol;
			eol++;
		}
		*pos = eol < end ? eol + 1 : end;
		if (eq && eq > p) {
			*key = p;
			*klen = (size_t)(eq - p);
			*val = eq + 1;
			*vlen = (size_t)(eol - eq - 1);
			return 1;
		}
		p = *pos;
	}
	return 0;
}

static int sb_key_is(const char *k, size_t kl, const char *name)
{
	return strlen(name) == kl && !strncmp(k, name, kl);
}

/* "0.xxxxxx" or "1.000000" into millionths. */
/* "w[.f]" with at most @digits fraction digits, as w * 10^digits + f. */
static int sb_parse_field(struct sb_result *r, const struct sb_field *f,
			  const char *v, size_t vl)
{
	void *p = (char *)r + f->offset;
	int idx;

	switch (f->type) {
	case SB_FT_U64:
		return sb_parse_u64(v, vl, (sb_u64 *)p);
	case SB_FT_PPM:
		return sb_parse_fixed(v, vl, 6, (sb_u64 *)p);
	case SB_FT_MILLI:
		return sb_parse_fixed(v, vl, 3, (sb_u64 *)p);
	case SB_FT_STR: {
		size_t cap = f->offset == offsetof(struct sb_result, side) ?
			sizeof(r->side) : sizeof(r->reason);

		sb_snprintf(p, cap, "%.*s", (int)vl, v);
		return 0;
	}
	case SB_FT_WORD:
		idx = sb_enum_index(f->words, v, vl);
		if (idx < 0)
			return -1;
		*(sb_u64 *)p = (sb_u64)idx;
		return 0;
	}
	return -1;
}

static int sb_parse_hist(struct sb_hist *h, const char *v, size_t vl)
{
	size_t i = 0;

	sb_hist_init(h);
	while (i < vl) {
		size_t j = i, colon = 0;
		sb_u64 idx, cnt;

		while (j < vl && v[j] != ',') {
			if (v[j] == ':')
				colon = j;
			j++;
		}
		if (!colon || sb_parse_u64(v + i, colon - i, &idx) ||
		    sb_parse_u64(v + colon + 1, j - colon - 1, &cnt) ||
		    idx >= SB_HIST_BUCKETS)
			return -1;
		h->buckets[idx] += cnt;
		h->count += cnt;
		/* Exact sum/min/max are lost in the text; use bucket bounds. */
		h->sum += cnt * sb_hist_bucket_lo((unsigned int)idx);
		if (sb_hist_bucket_lo((unsigned int)idx) < h->min)
			h->min = sb_hist_bucket_lo((unsigned int)idx);
		if (sb_hist_bucket_hi((unsigned int)idx) > h->max)
			h->max = sb_hist_bucket_hi((unsigned int)idx);
		i = j + 1;
	}
	return 0;
}

/* thread.<i>.<field>=v */
static int sb_parse_thread(struct sb_result *r, const char *k, size_t kl,
			   const char *v, size_t vl)
{
	size_t i = 7, start;
	sb_u64 idx;
	unsigned int j;

	start = i;
	while (i < kl && k[i] != '.')
		i++;
	if (i == kl || sb_parse_u64(k + start, i - start, &idx) ||
	    idx >= SB_MAX_THREADS)
		return -1;
	i++;
	for (j = 0; j < SB_ARRAY_SIZE(sb_thread_fields); j++)
		if (sb_key_is(k + i, kl - i, sb_thread_fields[j]))
			return sb_parse_u64(v, vl,
					    &r->thread[idx].cpu + j);
	return 0;	/* unknown per-thread field: skip */
}

static int sb_result_ranges(const struct sb_result *r, char *err,
			    size_t errlen);

enum sb_key_kind sb_result_key_kind(const char *k, size_t kl)
{
	const struct sb_key *ck = sb_key_find(k, kl, SB_SIDE_BOTH);
	unsigned int i, j;

	if (ck)
		return ck->type == SB_KT_CPULIST || ck->type == SB_KT_ENUM ||
			ck->type == SB_KT_NAME ? SB_KEY_TEXT : SB_KEY_NUMBER;
	for (i = 0; i < SB_ARRAY_SIZE(sb_fields); i++)
		if (sb_key_is(k, kl, sb_fields[i].name))
			return sb_fields[i].type == SB_FT_STR ||
				sb_fields[i].type == SB_FT_WORD ?
				SB_KEY_TEXT : SB_KEY_NUMBER;
	for (i = 0; i < SB_NR_HISTS; i++) {
		size_t hl = strlen(sb_hist_names[i]);

		if (kl == 5 + hl && !strncmp(k, "hist.", 5) &&
		    !strncmp(k + 5, sb_hist_names[i], hl))
			return SB_KEY_TEXT;
		if (kl <= hl + 1 || strncmp(k, sb_hist_names[i], hl) ||
		    k[hl] != '_')
			continue;
		for (j = 0; j < SB_ARRAY_SIZE(sb_hist_keys); j++)
			if (sb_key_is(k + hl + 1, kl - hl - 1,
				      sb_hist_keys[j].suffix))
				return SB_KEY_NUMBER;
	}
	if (kl > 7 && !strncmp(k, "thread.", 7))
		return SB_KEY_NUMBER;
	return SB_KEY_UNKNOWN;
}

int sb_result_parse(struct sb_result *r, const char *text, size_t len,
		    char *err, size_t errlen)
{
	const char *pos = text, *end = text + len, *k, *v;
	size_t kl, vl;
	int got_status = 0;
	/* Exact min, max and mean from the summary keys, by histogram. */
	sb_u64 exact[SB_NR_HISTS][3];
	unsigned int h;

	sb_result_init(r, NULL, NULL);
	sb_config_default(&r->cfg, SB_SIDE_BOTH);
	memset(exact, 0xff, sizeof(exact));
	r->schema = 0;
	while (sb_kv_next(&pos, end, &k, &kl, &v, &vl)) {
		const struct sb_key *ck = sb_key_find(k, kl, SB_SIDE_BOTH);
		unsigned int i;
		int rc = 0, known = 0;

		if (ck) {
			rc = sb_config_parse(&r->cfg, k, kl + 1 + vl,
					     SB_SIDE_BOTH, err, errlen);
			if (rc)
				return -1;
			continue;
		}
		for (i = 0; i < SB_ARRAY_SIZE(sb_fields); i++) {
			if (sb_key_is(k, kl, sb_fields[i].name)) {
				rc = sb_parse_field(r, &sb_fields[i], v, vl);
				known = 1;
				if (sb_key_is(k, kl, "status"))
					got_status = 1;
				break;
			}
		}
		for (h = 0; !known && h < SB_NR_HISTS; h++) {
			size_t hl = strlen(sb_hist_names[h]);
			static const char *const sfx[3] = {
				"_min_ns", "_max_ns", "_mean_ns"
			};
			unsigned int s;
			sb_u64 x;

			if (kl <= hl || strncmp(k, sb_hist_names[h], hl) ||
			    k[hl] != '_')
				continue;
			for (s = 0; s < 3; s++)
				if (sb_key_is(k + hl, kl - hl, sfx[s])) {
					rc = sb_parse_u64(v, vl, &exact[h][s]);
					known = 1;
				}
			/*
			 * The other summary keys (count, percentiles) are
			 * derived and not kept, but a reader charts them:
			 * each must be a count or a time, never negative.
			 */
			for (s = 0; !known && s < SB_ARRAY_SIZE(sb_hist_keys);
			     s++)
				if (sb_key_is(k + hl + 1, kl - hl - 1,
					      sb_hist_keys[s].suffix)) {
					rc = sb_parse_u64(v, vl, &x);
					known = 1;
				}
		}
		if (!known && kl > 7 && !strncmp(k, "thread.", 7))
			rc = sb_parse_thread(r, k, kl, v, vl);
		if (!known && kl > 5 && !strncmp(k, "hist.", 5)) {
			for (i = 0; i < SB_NR_HISTS; i++)
				if (sb_key_is(k + 5, kl - 5, sb_hist_names[i]))
					rc = sb_parse_hist(&r->hist[i], v, vl);
		}
		if (rc) {
			sb_snprintf(err, errlen, "bad value for %.*s: '%.*s'",
				    (int)(kl > 40 ? 40 : kl), k,
				    (int)(vl > 40 ? 40 : vl), v);
			return -1;
		}
	}
	for (h = 0; h < SB_NR_HISTS; h++) {
		struct sb_hist *hh = &r->hist[h];

		if (!hh->count)
			continue;
		if (exact[h][0] != ~0ULL)
			hh->min = exact[h][0];
		if (exact[h][1] != ~0ULL)
			hh->max = exact[h][1];
		if (exact[h][2] != ~0ULL)
			hh->sum = exact[h][2] * hh->count;
	}
	if (!got_status) {
		sb_snprintf(err, errlen, "not a result record: no status key");
		return -1;
	}
	return sb_result_ranges(r, err, errlen);
}

/*
 * What the types alone do not say: the ranges a record's values have. A
 * reader trusts them (compare ranks by them), so a record outside them is
 * refused as a whole, wherever it came from.
 */
static int sb_result_ranges(const struct sb_result *r, char *err,
			    size_t errlen)
{
	static const struct {
		const char *name;
		size_t off;
	} ratios[] = {
		{ "fairness_jain", offsetof(struct sb_result,
					     fairness_jain_ppm) },
		{ "fairness_jain_readers",
		  offsetof(struct sb_result, fairness_jain_readers_ppm) },
		{ "fairness_jain_updaters",
		  offsetof(struct sb_result, fairness_jain_updaters_ppm) },
	};
	size_t sl = strlen(r->side);
	unsigned int i;

	if (r->schema > SB_RESULT_SCHEMA) {
		sb_snprintf(err, errlen,
			    "result schema %llu is newer than this reader (%d)",
			    (unsigned long long)r->schema, SB_RESULT_SCHEMA);
		return -1;
	}
	for (i = 0; i < SB_ARRAY_SIZE(ratios); i++) {
		sb_u64 v = *(const sb_u64 *)((const char *)r + ratios[i].off);

		if (v > 1000000) {
			sb_snprintf(err, errlen,
				    "bad value for %s: above 1 (a fairness index is in [0, 1])",
				    ratios[i].name);
			return -1;
		}
	}
	if (r->threads > SB_MAX_THREADS ||
	    (r->status == SB_STATUS_OK && !r->threads)) {
		sb_snprintf(err, errlen,
			    "bad value for threads: %llu (a run that measured has 1 to %d)",
			    (unsigned long long)r->threads, SB_MAX_THREADS);
		return -1;
	}
	if (!sb_key_is(r->side, sl, "kernel") &&
	    !sb_key_is(r->side, sl, "user")) {
		sb_snprintf(err, errlen,
			    "bad value for side: '%.20s' (kernel or user)",
			    r->side);
		return -1;
	}
	return 0;
}
