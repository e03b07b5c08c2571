// SPDX-License-Identifier: GPL-2.0
/* Compact records for the readers; see rrec.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb_config.h"
#include "store/group.h"
#include "store/rrec.h"
#include "util/hash.h"
#include "util/util.h"

/*
 * Every key a reader reads, besides the workload dimensions (group.c):
 * grouping, the charts (charts.c), the report (html.c), compare and the
 * loader. "matrix.threads" is the matrix object's threads.
 */
static const char *const sb_rrec_base_keys[] = {
	"point", "backend", "prim", "placement", "threads", "matrix.threads",
	"emulated", "irq_hz", "status", "reason", "invariants",
	"result_schema", "ops_per_sec", "elapsed_ns", "updates",
	"lookup_count", "lookup_p50_ns", "lookup_p99_ns", "lookup_p999_ns",
	"update_count", "update_p50_ns", "update_p99_ns", "update_p999_ns",
	"hist.lookup", "hist.update", "fairness_jain", "thread_ops_min",
	"thread_ops_max", "irq_lat_count", "irq_lat_p50_ns", "irq_lat_p99_ns",
	"irq_lat_locked_count", "irq_lat_locked_p50_ns",
	"irq_lat_locked_p99_ns", "rcu_gp_count", "rcu_gp_p50_ns",
	"rcu_gp_p99_ns", "rcu_peak_pending", "rcu_free", "op_ns", "loop_ns",
	"rcu_peak_pending_bytes", "irq_lat_max_ns", "irq_lat_locked_max_ns",
	"involuntary_ctxsw", "updaters", "fairness_jain_readers",
	"fairness_jain_updaters", "perturb", "first_violation_ns",
	"violations_per_sec", "uaf_reads", "uaf_writes", "violations",
	"check_failures", "lost_updates", "kcsan_reports", "debug_kernel",
};

#define SB_RREC_MAX_KEYS 96
/* Strings up to this long are shared: ids, names, words, not histograms. */
#define SB_RREC_SHARE_LEN 64

enum rval_type { RV_NONE, RV_INT, RV_REAL, RV_BOOL, RV_STR };

struct rval {
	unsigned char type;
	unsigned char shared;	/* s is the pool's, not this record's */
	union {
		long long i;
		double d;
		const char *s;
	};
};

struct sb_rrec {
	size_t n;		/* keys of the table when it was made */
	struct rval v[];	/* one per key of the table, in its order */
};

static struct {
	const char *name[SB_RREC_MAX_KEYS];
	size_t n;
	struct sb_hash idx;	/* name -> slot */
	struct sb_hash pool;	/* shared short strings */
} keys;

static void add_key(const char *name)
{
	int added;

	sb_hash_put(&keys.idx, name, keys.n, &added);
	if (added && keys.n < SB_RREC_MAX_KEYS)
		keys.name[keys.n++] = name;
}

/* The table, made once: the base keys, then the workload dimensions. */
static void keys_init(void)
{
	const char *wl[SB_RREC_MAX_KEYS];
	size_t i, n;

	if (keys.n)
		return;
	for (i = 0; i < SB_ARRAY_SIZE(sb_rrec_base_keys); i++)
		add_key(sb_rrec_base_keys[i]);
	n = sb_pset_wl_keys(wl, SB_RREC_MAX_KEYS);
	for (i = 0; i < n; i++)
		add_key(wl[i]);
}

static size_t slot_of(const char *key)
{
	size_t *i;

	keys_init();
	i = sb_hash_find(&keys.idx, key);
	if (!i) {
		sb_errf("syncbench: internal error: a reader reads "
			"record key \"%s\", which store/rrec.c does not keep; "
			"add it to sb_rrec_base_keys[]\n", key);
		abort();
	}
	return *i;
}

/* A JSON value as a tagged one; strings copied, short ones shared. */
static int rval_set(struct rval *v, const json_t *j)
{
	const char *s;

	if (json_is_integer(j)) {
		*v = (struct rval){ .type = RV_INT,
				    .i = json_integer_value(j) };
	} else if (json_is_real(j)) {
		*v = (struct rval){ .type = RV_REAL, .d = json_real_value(j) };
	} else if (json_is_boolean(j)) {
		*v = (struct rval){ .type = RV_BOOL, .i = json_is_true(j) };
	} else if (json_is_string(j)) {
		s = json_string_value(j);
		*v = (struct rval){ .type = RV_STR };
		v->shared = strlen(s) < SB_RREC_SHARE_LEN;
		v->s = v->shared ? sb_hash_intern(&keys.pool, s) : strdup(s);
		if (!v->s)
			return -1;
	} else {
		*v = (struct rval){ .type = RV_NONE };
	}
	return 0;
}

struct sb_rrec *sb_rrec_from_json(const json_t *o)
{
	struct sb_rrec *r;
	const json_t *j;
	size_t i;

	keys_init();
	r = calloc(1, sizeof(*r) + keys.n * sizeof(r->v[0]));
	if (!r)
		return NULL;
	r->n = keys.n;
	for (i = 0; i < keys.n; i++) {
		if (!strcmp(keys.name[i], "matrix.threads"))
			j = json_object_get(json_object_get(o, "matrix"),
					    "threads");
		else
			j = json_object_get(o, keys.name[i]);
		if (rval_set(&r->v[i], j)) {
			sb_rrec_free(r);
			return NULL;
		}
	}
	return r;
}

void sb_rrec_free(struct sb_rrec *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++)
		if (r->v[i].type == RV_STR && !r->v[i].shared)
			free((char *)r->v[i].s);
	free(r);
}

int sb_rrec_num(const struct sb_rrec *r, const char *key, double *out)
{
	const struct rval *v = &r->v[slot_of(key)];
	char *end;

	switch (v->type) {
	case RV_INT:
	case RV_BOOL:
		*out = (double)v->i;
		return 0;
	case RV_REAL:
		*out = v->d;
		return 0;
	case RV_STR:
		errno = 0;
		*out = strtod(v->s, &end);
		return (end == v->s || *end || errno) ? -1 : 0;
	default:
		return -1;
	}
}

double sb_rrec_num_or(const struct sb_rrec *r, const char *key, double def)
{
	double v;

	return sb_rrec_num(r, key, &v) ? def : v;
}

const char *sb_rrec_str(const struct sb_rrec *r, const char *key, char *buf,
			size_t len)
{
	const struct rval *v = &r->v[slot_of(key)];

	if (!len)
		return "";
	buf[0] = '\0';
	if (v->type == RV_STR)
		sb_snprintf(buf, len, "%s", v->s);
	else if (v->type == RV_INT)
		sb_snprintf(buf, len, "%lld", v->i);
	else if (v->type == RV_REAL)
		sb_snprintf(buf, len, "%g", v->d);
	else if (v->type == RV_BOOL)
		sb_snprintf(buf, len, "%s", v->i ? "true" : "false");
	return buf;
}

const char *sb_rrec_text(const struct sb_rrec *r, const char *key)
{
	const struct rval *v = &r->v[slot_of(key)];

	return v->type == RV_STR ? v->s : NULL;
}

int sb_rrec_ok(const struct sb_rrec *r)
{
	const char *st = sb_rrec_text(r, "status");

	return st && (!strcmp(st, "ok") || !strcmp(st, "stopped"));
}
