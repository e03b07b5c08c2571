// SPDX-License-Identifier: GPL-2.0
/* The matrix dimensions, one row each, and their kinds' hooks; see dims.h. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matrix/dims.h"
#include "matrix/matrix.h"

/*
 * Table order is the order of --help, of meta.json's "matrix" object and of
 * the expansion (the first row turns slowest); .id_pos orders the point id.
 * A new row whose fragment is not omitted at its default changes every id,
 * and --resume no longer finds the records of older runs.
 */
const struct sb_dim sb_dims[] = {
	{ .opt = "backend", .name = "backend", .kind = SB_DIM_BACKEND,
	  .id_fmt = "%s", .id_pos = 0, .def = SB_BACKEND_DEFAULT,
	  .arg = "LIST", .help = SB_BACKEND_HELP },
	{ .opt = "prim", .key = "prim", .name = "prim", .kind = SB_DIM_PRIM,
	  .id_fmt = "%s", .id_pos = 1, .def = "spin", .arg = "LIST",
	  .help = "primitives (listed below)" },
	{ .opt = "threads", .key = "cpus", .name = "threads",
	  .kind = SB_DIM_THREADS, .id_fmt = "t%s", .id_pos = 2, .def = "1",
	  .arg = "LIST",
	  .help = "thread counts, or max (the most the placement allows)" },
	{ .opt = "placement", .key = "cpus", .name = "placement",
	  .kind = SB_DIM_PLACEMENT, .id_fmt = "%s", .id_pos = 3,
	  .def = "compact", .arg = "LIST",
	  .help = "compact, cores, spread, explicit" },
	{ .opt = "cpus", .key = "cpus", .name = "cpus", .kind = SB_DIM_CPUS,
	  .id_pos = -1, .arg = "CPULIST",
	  .help = "the CPUs of --placement explicit, e.g. 0-3,8" },
	{ .opt = "mem", .key = "node", .name = "mem", .kind = SB_DIM_MEM,
	  .id_fmt = "mem-%s", .id_pos = 9, .id_omit_default = 1,
	  .def = "local", .arg = "LIST",
	  .help = "local, node=N, interleave (user only)",
	  .label = "mem %s" },
	{ .opt = "update-pct", .key = "update_pct", .name = "update_pct",
	  .kind = SB_DIM_ULIST, .id_fmt = "u%s",
	  .id_pos = 4, .def = "10", .arg = "LIST",
	  .help = "percentage of updates", .label = "update %s%%" },
	{ .opt = "list-len", .key = "list_len", .name = "list_len",
	  .kind = SB_DIM_ULIST, .id_fmt = "l%s",
	  .id_pos = 5, .def = "64", .arg = "LIST", .help = "list entries",
	  .label = "list %s" },
	{ .opt = "cs-ns", .key = "cs_ns", .name = "cs_ns",
	  .kind = SB_DIM_ULIST, .id_fmt = "cs%s",
	  .id_pos = 6, .def = "0", .arg = "LIST",
	  .help = "busy work inside the critical section",
	  .label = "cs %s ns" },
	{ .opt = "think-ns", .key = "think_ns", .name = "think_ns",
	  .kind = SB_DIM_ULIST, .id_fmt = "th%s",
	  .id_pos = 7, .def = "0", .arg = "LIST",
	  .help = "busy work outside it", .label = "think %s ns" },
	/* Plots chart it on its own axis (irq.png), not as a workload. */
	{ .opt = "irq-hz", .key = "irq_hz", .name = "irq_hz",
	  .kind = SB_DIM_ULIST, .id_fmt = "irq%s",
	  .id_pos = 8, .id_omit_default = 1, .def = "0", .arg = "LIST",
	  .help = "interrupt-contender rate" },
	/* The read-mostly workloads: out of the id at their defaults. */
	{ .opt = "updaters", .key = "updaters", .name = "updaters",
	  .kind = SB_DIM_ULIST, .id_fmt = "w%s", .id_pos = 10,
	  .id_omit_default = 1, .def = "0", .arg = "LIST",
	  .help = "threads that only update (the rest look up)",
	  .label = "updaters %s" },
	{ .opt = "update-op", .key = "update_op", .name = "update_op",
	  .kind = SB_DIM_ULIST, .id_fmt = "%s", .id_pos = 11,
	  .id_omit_default = 1, .def = "replace", .arg = "LIST",
	  .help = "replace, delete_insert", .label = "%s" },
	{ .opt = "hold-ns", .key = "hold_ns", .name = "hold_ns",
	  .kind = SB_DIM_ULIST, .id_fmt = "hold%s", .id_pos = 12,
	  .id_omit_default = 1, .def = "0", .arg = "LIST",
	  .help = "a lookup uses its entry this long", .label = "hold %s ns" },
	{ .opt = "ref", .key = "ref", .name = "ref", .kind = SB_DIM_ULIST,
	  .id_fmt = "ref-%s", .id_pos = 13, .id_omit_default = 1,
	  .def = "none", .arg = "LIST", .help = "none, refcount",
	  .label = "ref %s" },
	{ .opt = "buckets", .key = "buckets", .name = "buckets",
	  .kind = SB_DIM_ULIST, .id_fmt = "b%s", .id_pos = 14,
	  .id_omit_default = 1, .def = "1", .arg = "LIST",
	  .help = "lists the keys hash over, a lock each",
	  .label = "%s buckets" },
	/* Race exposure: the window scheduled badly (perturb.h). */
	{ .opt = "perturb", .key = "perturb", .name = "perturb",
	  .kind = SB_DIM_ULIST, .id_fmt = "perturb-%s", .id_pos = 15,
	  .id_omit_default = 1, .def = "off", .arg = "LIST",
	  .help = "off, delay, yield, preempt", .label = "perturb %s" },
	{ .opt = "perturb-pct", .key = "perturb_pct", .name = "perturb_pct",
	  .kind = SB_DIM_ULIST, .id_fmt = "pp%s", .id_pos = 16,
	  .id_omit_default = 1, .def = "10", .arg = "LIST",
	  .help = "percent of operations perturbed",
	  .label = "perturbed %s%%" },
	{ .opt = "perturb-ns", .key = "perturb_ns", .name = "perturb_ns",
	  .kind = SB_DIM_ULIST, .id_fmt = "pns%s", .id_pos = 17,
	  .id_omit_default = 1, .def = "10000", .arg = "LIST",
	  .help = "length of one perturbation", .label = "perturb %s ns" },
};

const unsigned int sb_nr_dims = SB_ARRAY_SIZE(sb_dims);
_Static_assert(SB_ARRAY_SIZE(sb_dims) <= SB_MAX_DIMS,
	       "raise SB_MAX_DIMS for the new rows");

const struct sb_run_key sb_run_keys[] = {
	{ "duration_ms", "duration", offsetof(struct sb_matrix, duration_ms) },
	{ "warmup_ms", "warmup", offsetof(struct sb_matrix, warmup_ms) },
};

const unsigned int sb_nr_run_keys = SB_ARRAY_SIZE(sb_run_keys);

const struct sb_dim *sb_dim_find(const char *opt)
{
	unsigned int i;

	for (i = 0; i < sb_nr_dims; i++)
		if (!strcmp(sb_dims[i].opt, opt))
			return &sb_dims[i];
	return NULL;
}

const struct sb_dim *sb_dim_of_kind(enum sb_dim_kind kind)
{
	unsigned int i;

	for (i = 0; i < sb_nr_dims; i++)
		if (sb_dims[i].kind == kind)
			return &sb_dims[i];
	abort();	/* every special kind has its row */
}

int sb_dim_is_axis(const struct sb_dim *d)
{
	return d->kind != SB_DIM_CPUS;
}

int sb_dim_max_values(const struct sb_dim *d)
{
	switch (d->kind) {
	case SB_DIM_BACKEND:
		return SB_NR_BACKENDS;
	case SB_DIM_PLACEMENT:
		return SB_NR_PLACES;
	case SB_DIM_MEM:
		return 8;
	default:
		return SB_MAX_DIM;
	}
}

static int sb_parse_ull(const char *s, unsigned long long *v)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return *end || errno ? -1 : 0;
}

/* The config key of a ULIST row: its type says how values are written. */
static const struct sb_key *sb_dim_key(const struct sb_dim *d)
{
	return d->key ? sb_key_find(d->key, strlen(d->key), SB_SIDE_BOTH) :
		NULL;
}

/*
 * Whether the row's config key is fixed point (SB_KT_MILLI: update_pct):
 * its values are kept in thousandths and printed as the shortest decimal.
 */
static int sb_dim_milli(const struct sb_dim *d)
{
	const struct sb_key *k = sb_dim_key(d);

	return k && k->type == SB_KT_MILLI;
}

/* ... a word (SB_KT_ENUM: update_op): kept as its index. */
static const char *sb_dim_words(const struct sb_dim *d)
{
	const struct sb_key *k = sb_dim_key(d);

	return k && k->type == SB_KT_ENUM ? k->choices : NULL;
}

/* A ULIST value as the config and the point id write it. */
static void sb_ulist_text(const struct sb_dim *d, unsigned long long u,
			  char *buf, size_t len)
{
	if (sb_dim_milli(d))
		sb_format_milli(u, buf, len);
	else if (sb_dim_words(d))
		sb_enum_name(sb_dim_words(d), u, buf, len);
	else
		snprintf(buf, len, "%llu", u);
}

/* ... and in JSON: a number (a real when it has decimals), or the word. */
static json_t *sb_ulist_json(const struct sb_dim *d, unsigned long long u)
{
	char w[64];

	if (sb_dim_words(d)) {
		sb_ulist_text(d, u, w, sizeof(w));
		return json_string(w);
	}
	if (!sb_dim_milli(d))
		return json_integer((json_int_t)u);
	return u % 1000 ? json_real((double)u / 1000) :
		json_integer((json_int_t)(u / 1000));
}

/* A non-negative number within the range of the row's config key. */
static int sb_parse_ulist_item(const struct sb_dim *d, const char *item,
			       union sb_dim_value *v, char *err,
			       size_t errlen)
{
	char text[128], num[32], why[SB_ERR_LEN];
	struct sb_config cfg;
	sb_u64 milli;

	if (sb_dim_words(d)) {
		int idx = sb_enum_index(sb_dim_words(d), item, strlen(item));

		if (idx < 0) {
			snprintf(err, errlen, "--%s: '%s' is not one of %s",
				 d->opt, item, sb_dim_words(d));
			return -1;
		}
		v->u = (unsigned long long)idx;
	} else if (sb_dim_milli(d) &&
		   !sb_parse_fixed(item, strlen(item), 3, &milli)) {
		v->u = milli;
	} else if (sb_dim_milli(d) || sb_parse_ull(item, &v->u)) {
		snprintf(err, errlen, "--%s: '%s' is not a non-negative %s",
			 d->opt, item, sb_dim_milli(d) ?
			 "number with at most 3 decimals" : "integer");
		return -1;
	}
	sb_ulist_text(d, v->u, num, sizeof(num));
	snprintf(text, sizeof(text), "%s=%s", d->key, num);
	sb_config_default(&cfg, SB_SIDE_BOTH);
	/* The value alone: the combination is checked point by point. */
	if (sb_config_parse_keys(&cfg, text, strlen(text), SB_SIDE_BOTH, why,
				 sizeof(why))) {
		snprintf(err, errlen, "--%s: %s", d->opt, why);
		return -1;
	}
	return 0;
}

static int sb_parse_backend(const char *item, union sb_dim_value *v,
			    char *err, size_t errlen)
{
	const struct sb_backend_desc *d;
	char why[SB_ERR_LEN];

	d = sb_backend_lookup(item, why, sizeof(why));
	if (!d) {
		snprintf(err, errlen, "--backend: %s", why);
		return -1;
	}
	v->u = d->index;
	return 0;
}

static int sb_parse_threads(const char *item, union sb_dim_value *v,
			    char *err, size_t errlen)
{
	if (!strcmp(item, "max")) {
		v->u = 0;
		return 0;
	}
	if (sb_parse_ull(item, &v->u) || v->u < 1 || v->u > SB_MAX_THREADS) {
		snprintf(err, errlen,
			 "--threads: '%s' is not a thread count; use 1..%d or max",
			 item, SB_MAX_THREADS);
		return -1;
	}
	return 0;
}

static int sb_parse_placement(const char *item, union sb_dim_value *v,
			      char *err, size_t errlen)
{
	enum sb_place p;

	if (sb_place_parse(item, &p)) {
		snprintf(err, errlen,
			 "--placement: unknown policy '%s'; use compact, cores, spread or "
			 "explicit (with --cpus)",
			 item);
		return -1;
	}
	v->u = p;
	return 0;
}

int sb_dim_parse(const struct sb_dim *d, const char *item,
		 union sb_dim_value *v, char *err, size_t errlen)
{
	char why[SB_ERR_LEN];

	memset(v, 0, sizeof(*v));
	switch (d->kind) {
	case SB_DIM_ULIST:
		return sb_parse_ulist_item(d, item, v, err, errlen);
	case SB_DIM_BACKEND:
		return sb_parse_backend(item, v, err, errlen);
	case SB_DIM_PRIM:
		if (strlen(item) >= SB_PRIM_LEN) {
			snprintf(err, errlen,
				 "--prim: '%s' is too long to be a primitive name",
				 item);
			return -1;
		}
		strcpy(v->name, item);
		return 0;
	case SB_DIM_THREADS:
		return sb_parse_threads(item, v, err, errlen);
	case SB_DIM_PLACEMENT:
		return sb_parse_placement(item, v, err, errlen);
	case SB_DIM_MEM:
		if (!sb_mem_parse(item, &v->mem, why, sizeof(why)))
			return 0;
		snprintf(err, errlen, "--mem: %s", why);
		return -1;
	case SB_DIM_CPUS:
		break;	/* a whole CPU list: sb_matrix_set */
	}
	snprintf(err, errlen, "--%s takes a CPU list, not items", d->opt);
	return -1;
}

/* Append "/--opt" of every row owning key to buf; the count of them. */
static int sb_dims_owners(const char *key, size_t len, struct sb_buf *b)
{
	unsigned int i;
	int n = 0;

	for (i = 0; i < sb_nr_dims; i++) {
		const char *k = sb_dims[i].key;

		if (!k || strlen(k) != len || strncmp(k, key, len))
			continue;
		sb_bprintf(b, "%s--%s", n++ ? "/" : "", sb_dims[i].opt);
	}
	for (i = 0; i < sb_nr_run_keys; i++) {
		const char *k = sb_run_keys[i].key;

		if (strlen(k) == len && !strncmp(k, key, len))
			sb_bprintf(b, "%s--%s", n++ ? "/" : "",
				   sb_run_keys[i].opt);
	}
	return n;
}

const char *sb_dims_key_owner(const char *key, size_t len, char *buf,
			      size_t buflen)
{
	struct sb_buf b;

	sb_buf_init(&b, buf, buflen);
	return sb_dims_owners(key, len, &b) ? buf : NULL;
}

void sb_dim_usage(const struct sb_dim *d, char *buf, size_t len)
{
	char opt[64];

	snprintf(opt, sizeof(opt), "--%s %s", d->opt, d->arg);
	if (d->def)
		snprintf(buf, len, "  %-19s %-36s [%s]\n", opt, d->help,
			 d->def);
	else
		snprintf(buf, len, "  %-19s %s\n", opt, d->help);
}

void sb_dim_apply(const struct sb_dim *d, const union sb_dim_value *v,
		  struct sb_point *p)
{
	switch (d->kind) {
	case SB_DIM_ULIST:
		p->dimv[d - sb_dims] = v->u;
		break;
	case SB_DIM_BACKEND:
		p->backend = &sb_backend_descs[v->u];
		break;
	case SB_DIM_PRIM:
		strcpy(p->prim, v->name);
		break;
	case SB_DIM_THREADS:
		p->threads = (int)v->u;
		break;
	case SB_DIM_PLACEMENT:
		p->place = (enum sb_place)v->u;
		break;
	case SB_DIM_MEM:
		p->mem = v->mem;
		break;
	case SB_DIM_CPUS:
		break;
	}
}

void sb_dim_point_text(const struct sb_dim *d, const struct sb_point *p,
		       char *buf, size_t len)
{
	switch (d->kind) {
	case SB_DIM_ULIST:
		sb_ulist_text(d, p->dimv[d - sb_dims], buf, len);
		return;
	case SB_DIM_BACKEND:
		snprintf(buf, len, "%s", p->backend->name);
		return;
	case SB_DIM_PRIM:
		snprintf(buf, len, "%s", p->prim);
		return;
	case SB_DIM_THREADS:
		snprintf(buf, len, "%d", p->threads);
		return;
	case SB_DIM_PLACEMENT:
		snprintf(buf, len, "%s", sb_place_names[p->place]);
		return;
	case SB_DIM_MEM:
		sb_mem_format(&p->mem, buf, len);
		return;
	case SB_DIM_CPUS:
		break;
	}
	snprintf(buf, len, "-");
}

int sb_dim_config_text(const struct sb_dim *d, const struct sb_point *p,
		       char *buf, size_t len)
{
	sb_u64 bits[SB_MAX_CPUS / 64];
	int i;

	switch (d->kind) {
	case SB_DIM_ULIST:
	case SB_DIM_PRIM:
		sb_dim_point_text(d, p, buf, len);
		return 0;
	case SB_DIM_THREADS:
		/* The placed CPUs: threads, placement and cpus together. */
		memset(bits, 0, sizeof(bits));
		for (i = 0; i < p->threads; i++)
			bits[p->cpus[i] / 64] |= 1ULL << (p->cpus[i] % 64);
		sb_cpulist_print(bits, buf, len);
		return 0;
	case SB_DIM_MEM:
		snprintf(buf, len, "%lld", p->node);
		return 0;
	default:
		return -1;
	}
}

json_t *sb_dim_point_json(const struct sb_dim *d, const struct sb_point *p)
{
	char text[64];

	switch (d->kind) {
	case SB_DIM_ULIST:
		return sb_ulist_json(d, p->dimv[d - sb_dims]);
	case SB_DIM_THREADS:
		return json_integer(p->threads);
	default:
		sb_dim_point_text(d, p, text, sizeof(text));
		return json_string(text);
	}
}

json_t *sb_dim_value_json(const struct sb_dim *d,
			  const union sb_dim_value *v)
{
	char mem[32];

	switch (d->kind) {
	case SB_DIM_BACKEND:
		return json_string(sb_backend_descs[v->u].name);
	case SB_DIM_PRIM:
		return json_string(v->name);
	case SB_DIM_THREADS:
		return v->u ? json_integer((json_int_t)v->u) :
			json_string("max");
	case SB_DIM_PLACEMENT:
		return json_string(sb_place_names[v->u]);
	case SB_DIM_MEM:
		sb_mem_format(&v->mem, mem, sizeof(mem));
		return json_string(mem);
	default:
		return sb_ulist_json(d, v->u);
	}
}
