// SPDX-License-Identifier: GPL-2.0
/* Grouping a store's records into points; see group.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/group.h"
#include "store/load.h"
#include "sb_config.h"
#include "store/store.h"
#include "matrix/dims.h"
#include "backend/desc.h"

/* Workload dimensions: a change in any of them is a different regime. */
struct wl_dim {
	const char *key;	/* the record's */
	const char *fmt;	/* label; %s is the value */
};

/*
 * Config keys that reach records from --set or the config, not the matrix:
 * every key of the config table (common/sb_config.c) that no matrix row or
 * run option owns, so a key added there tells regimes apart with no line
 * here. Labels read better than "key value" for a few.
 */
static const struct wl_dim wl_config_labels[] = {
	{ "rcu_flavor", "flavor %s" },
	{ "node", "node %s" },		/* where --mem put the list */
};

/* The run's own option, the same for every point of one run. */
static const struct wl_dim wl_run_keys[] = {
	{ "duration_ms", "%s ms" },
};

#define NR_DIMS_MAX (SB_MAX_DIMS + 64 + SB_ARRAY_SIZE(wl_run_keys))

/* "key %s", kept for the process's life (the table is static). */
static const char *wl_key_fmt(const char *key)
{
	static char fmts[64][48];
	static unsigned int n;
	unsigned int i;

	for (i = 0; i < SB_ARRAY_SIZE(wl_config_labels); i++)
		if (!strcmp(wl_config_labels[i].key, key))
			return wl_config_labels[i].fmt;
	for (i = 0; i < n; i++)
		if (!strncmp(fmts[i], key, strlen(key)) &&
		    fmts[i][strlen(key)] == ' ')
			return fmts[i];
	if (n == SB_ARRAY_SIZE(fmts))
		return "%s";
	snprintf(fmts[n], sizeof(fmts[n]), "%s %%s", key);
	return fmts[n++];
}

/* The config keys no matrix row or run option owns, in table order. */
static size_t wl_config_keys(struct wl_dim *wl, size_t max)
{
	char owner[128];
	size_t n = 0;
	unsigned int i;

	for (i = 0; i < sb_nr_keys && n < max; i++) {
		const char *k = sb_keys[i].name;

		/*
		 * seed: the same workload drawn again, not another regime;
		 * node is owned by --mem, but a label says where it went.
		 */
		if (!strcmp(k, "seed") ||
		    (sb_dims_key_owner(k, strlen(k), owner, sizeof(owner)) &&
		     strcmp(k, "node")))
			continue;
		wl[n++] = (struct wl_dim){ k, wl_key_fmt(k) };
	}
	return n;
}

/*
 * The workload dimensions into wl, in label order: the matrix's config-key
 * rows with a .label (bench/matrix/dims.c, kind SB_DIM_ULIST), the config
 * keys above, the matrix's other labelled rows (mem), the duration. Their
 * count.
 */
static size_t wl_dims_list(struct wl_dim *wl)
{
	size_t n = 0, i;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < sb_nr_dims; i++) {
			const struct sb_dim *d = &sb_dims[i];

			if (d->label && (d->kind == SB_DIM_ULIST) == !pass)
				wl[n++] = (struct wl_dim){ d->name, d->label };
		}
		if (!pass)
			n += wl_config_keys(wl + n, 64);
	}
	for (i = 0; i < SB_ARRAY_SIZE(wl_run_keys); i++)
		wl[n++] = wl_run_keys[i];
	return n;
}

size_t sb_pset_wl_keys(const char **keys, size_t max)
{
	struct wl_dim wl_dims[NR_DIMS_MAX];
	size_t i, n = wl_dims_list(wl_dims);

	for (i = 0; i < n && i < max; i++)
		keys[i] = wl_dims[i].key;
	return i;
}

/* Names the catalogue lacks get a colour from their name, stable everywhere. */
static const char *const extra_colors[] = {
	"#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#393b79",
};
static const char *const placement_order[] = {
	"compact", "cores", "spread", "explicit",
};
static const char *const placement_colors[] = {
	"#1b9e77", "#d95f02", "#7570b3", "#e7298a",
};

static int rank_of(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return (int)i;
	return (int)n;
}

int sb_prim_rank(const char *prim)
{
	return sb_prim_info_index(prim);
}

unsigned int sb_prim_caps(const char *prim)
{
	const struct sb_prim_info *p = sb_prim_info_find(prim, strlen(prim));

	return p ? p->caps : 0;
}

static unsigned int name_hash(const char *s)
{
	unsigned int h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

const char *sb_prim_color(const char *prim)
{
	const struct sb_prim_info *p = sb_prim_info_find(prim, strlen(prim));

	if (p)
		return p->color;
	return extra_colors[name_hash(prim) % SB_ARRAY_SIZE(extra_colors)];
}

const char *sb_placement_color(const char *placement)
{
	int r = rank_of(placement_order, SB_ARRAY_SIZE(placement_order),
			placement);

	if (r < (int)SB_ARRAY_SIZE(placement_colors))
		return placement_colors[r];
	return extra_colors[name_hash(placement) % SB_ARRAY_SIZE(extra_colors)];
}

int sb_series_pt(const char *prim, const char *backend)
{
	/* gnuplot's filled shapes; each open one is the filled one - 1 */
	static const int shape[SB_NR_FAMILIES] = {
		[SB_FAM_EXCLUSIVE] = 7,		/* circle */
		[SB_FAM_RW] = 5,		/* square */
		[SB_FAM_SEQ] = 13,		/* diamond */
		[SB_FAM_RCU] = 9,		/* triangle */
		[SB_FAM_BASELINE] = 15,		/* pentagon */
	};
	const struct sb_prim_info *p = sb_prim_info_find(prim, strlen(prim));
	int pt = p ? shape[p->family] : 11;	/* unknown: inverted triangle */

	return sb_backend_side(backend) == SB_SIDE_USER ? pt : pt - 1;
}

int sb_backend_dt(const char *backend)
{
	int r = sb_backend_rank(backend);

	return r < SB_NR_BACKENDS ? r + 1 : SB_NR_BACKENDS + 1;
}

void sb_pgroup_label(const struct sb_pgroup *g, char *buf, size_t len)
{
	/*
	 * The interrupt contender is part of the series, not of the panel:
	 * only irqsave can run with it, so a panel per irq_hz would split
	 * irqsave from the primitives it is to be compared with.
	 */
	if (g->irq_hz)
		sb_snprintf(buf, len, "%s (%s), irq %u Hz", g->prim,
			    g->backend, g->irq_hz);
	else
		sb_snprintf(buf, len, "%s (%s)", g->prim, g->backend);
}

size_t sb_pgroup_stat(const struct sb_pgroup *g, const char *key,
		      struct sb_stats *st)
{
	double *v = calloc(g->n ? g->n : 1, sizeof(*v));
	size_t i, n = 0;

	if (!v)
		abort();
	for (i = 0; i < g->n; i++)
		if (!sb_rrec_num(g->reps[i], key, &v[n]))
			n++;
	sb_stats_compute(v, n, st);
	free(v);
	return n;
}

/*
 * Statistics of log(key) over the ok repeats: performance changes are
 * ratios and run-to-run noise is multiplicative, so the t-test is done on
 * logarithms (a halving is as far from 1 as a doubling, and a few slow
 * repeats on a loaded machine do not swamp a five-fold change).
 */
size_t sb_pgroup_logstat(const struct sb_pgroup *g, const char *key,
			 struct sb_stats *st)
{
	double *v = calloc(g->n ? g->n : 1, sizeof(*v)), x;
	size_t i, n = 0;

	if (!v)
		abort();
	for (i = 0; i < g->n; i++)
		if (!sb_rrec_num(g->reps[i], key, &x) && x > 0)
			v[n++] = log(x);
	sb_stats_compute(v, n, st);
	free(v);
	return n;
}

static void group_key(const struct sb_rrec *p, char *buf, size_t len)
{
	struct wl_dim wl_dims[NR_DIMS_MAX];
	char v[128];
	struct sb_buf b;
	size_t i, nr_dims;

	if (*sb_rrec_str(p, "point", buf, len))
		return;
	/* No point id (an older or hand-made store): the config is the id. */
	sb_buf_init(&b, buf, len);
	sb_bprintf(&b, "%s", sb_rrec_str(p, "backend", v, sizeof(v)));
	sb_bprintf(&b, "|%s", sb_rrec_str(p, "prim", v, sizeof(v)));
	sb_bprintf(&b, "|%s", sb_rrec_str(p, "threads", v, sizeof(v)));
	sb_bprintf(&b, "|%s", sb_rrec_str(p, "placement", v, sizeof(v)));
	sb_bprintf(&b, "|%s", sb_rrec_str(p, "irq_hz", v, sizeof(v)));
	nr_dims = wl_dims_list(wl_dims);
	for (i = 0; i < nr_dims; i++)
		sb_bprintf(&b, "|%s", sb_rrec_str(p, wl_dims[i].key, v,
					      sizeof(v)));
}

/* The group of key, added (empty) when new: a hash lookup, not a scan. */
static struct sb_pgroup *find_or_add(struct sb_pset *ps, const char *key,
				     size_t *cap)
{
	struct sb_pgroup *g;
	size_t *idx;
	int added;

	idx = sb_hash_put(&ps->index, key, ps->n, &added);
	if (!added)
		return &ps->g[*idx];
	if (ps->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;

		g = realloc(ps->g, ncap * sizeof(*g));
		if (!g)
			return NULL;
		ps->g = g;
		*cap = ncap;
	}
	g = &ps->g[ps->n++];
	memset(g, 0, sizeof(*g));
	sb_strscpy(g->key, key, sizeof(g->key));
	return g;
}

/* An ok record into g's repeats; room grows by doubling. */
static int add_rep(struct sb_pgroup *g, const struct sb_rrec *p)
{
	if (g->n == g->cap) {
		size_t ncap = g->cap ? g->cap * 2 : 4;
		const struct sb_rrec **r = realloc(g->reps,
						   ncap * sizeof(*r));

		if (!r)
			return -1;
		g->reps = r;
		g->cap = ncap;
	}
	g->reps[g->n++] = p;
	return 0;
}

static void fill_group(struct sb_pgroup *g, const struct sb_rrec *p)
{
	char v[64];

	g->any = p;
	sb_strscpy(g->backend, *sb_rrec_str(p, "backend", v, sizeof(v)) ? v :
		   SB_BACKEND_DEFAULT, sizeof(g->backend));
	sb_strscpy(g->prim, sb_rrec_str(p, "prim", v, sizeof(v)),
		   sizeof(g->prim));
	sb_strscpy(g->placement,
		   *sb_rrec_str(p, "placement", v, sizeof(v)) ? v :
		   "-", sizeof(g->placement));
	g->threads = (unsigned int)sb_rrec_num_or(p, "threads", 0);
	/* A point that never ran reports 0 threads; its matrix knows. */
	if (!g->threads)
		g->threads = (unsigned int)sb_rrec_num_or(p, "matrix.threads",
							  0);
	g->side = sb_backend_side(g->backend);
	g->emulated = sb_rrec_num_or(p, "emulated", 0) != 0;
	g->irq_hz = (unsigned int)sb_rrec_num_or(p, "irq_hz", 0);
}

/*
 * Which dims differ between ok records, and the label of each group. A
 * record without a key (a user-only key such as rcu_flavor in a kernel
 * record) neither makes it vary nor gets it in its label, so the same
 * workload on both sides lands in the same panel.
 */
static void label_dims(struct sb_pset *ps)
{
	struct wl_dim wl_dims[NR_DIMS_MAX];
	size_t i, d, nr_dims = wl_dims_list(wl_dims);
	int varies[NR_DIMS_MAX] = { 0 };
	char first[NR_DIMS_MAX][64], v[64];
	struct sb_buf b;

	memset(first, 0, sizeof(first));
	for (i = 0; i < ps->n; i++) {
		if (!ps->g[i].n)
			continue;
		for (d = 0; d < nr_dims; d++) {
			if (!*sb_rrec_str(ps->g[i].reps[0], wl_dims[d].key, v,
				      sizeof(v)))
				continue;
			if (!*first[d])
				memcpy(first[d], v, sizeof(v));
			else if (strcmp(first[d], v))
				varies[d] = 1;
		}
	}
	sb_buf_init(&b, ps->fixed, sizeof(ps->fixed));
	for (d = 0; d < nr_dims; d++) {
		if (varies[d] || !*first[d])
			continue;
		sb_bprintf(&b, "%s", b.n ? ", " : "");
		sb_bprintf(&b, wl_dims[d].fmt, first[d]);
	}
	for (i = 0; i < ps->n; i++) {
		struct sb_pgroup *g = &ps->g[i];

		sb_buf_init(&b, g->wl, sizeof(g->wl));
		for (d = 0; d < nr_dims; d++) {
			if (!varies[d] ||
			    !*sb_rrec_str(g->any, wl_dims[d].key, v, sizeof(v)))
				continue;
			sb_bprintf(&b, "%s", b.n ? ", " : "");
			sb_bprintf(&b, wl_dims[d].fmt, v);
		}
	}
}

/* Workload labels compare as text except for their numbers' values. */
static int wl_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			char *ea, *eb;
			double x = strtod(a, &ea), y = strtod(b, &eb);

			if (x != y)
				return x < y ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static int group_cmp(const void *pa, const void *pb)
{
	const struct sb_pgroup *a = pa, *b = pb;
	int c;

	c = wl_cmp(a->wl, b->wl);
	if (c)
		return c;
	c = sb_backend_rank(a->backend) - sb_backend_rank(b->backend);
	if (c)
		return c;
	c = strcmp(a->backend, b->backend);
	if (c)
		return c;
	c = sb_prim_rank(a->prim) - sb_prim_rank(b->prim);
	if (c)
		return c;
	c = strcmp(a->prim, b->prim);
	if (c)
		return c;
	c = rank_of(placement_order, SB_ARRAY_SIZE(placement_order),
		    a->placement) -
	    rank_of(placement_order, SB_ARRAY_SIZE(placement_order),
		    b->placement);
	if (c)
		return c;
	c = strcmp(a->placement, b->placement);
	if (c)
		return c;
	if (a->irq_hz != b->irq_hz)
		return a->irq_hz < b->irq_hz ? -1 : 1;
	return (a->threads > b->threads) - (a->threads < b->threads);
}

/* One record into its group. 0, or -1 when out of memory. */
static int add_record(struct sb_pset *ps, const struct sb_rrec *p,
		      size_t *cap)
{
	struct sb_pgroup *g;
	char key[512];

	group_key(p, key, sizeof(key));
	g = find_or_add(ps, key, cap);
	if (!g)
		return -1;
	if (!sb_rrec_ok(p)) {
		g->nfailed++;
		if (!g->failed)
			g->failed = p;
		if (!g->any)
			fill_group(g, p);
		return 0;
	}
	if (!g->n)
		fill_group(g, p);	/* prefer an ok record */
	return add_rep(g, p);
}

/*
 * The placement most ok groups ran with, counted in one pass; on a tie the
 * one whose first group comes first in group order, as charts list them.
 */
static void find_main_placement(struct sb_pset *ps)
{
	struct sb_hash count;
	size_t i, best = 0, *c;

	sb_hash_init(&count);
	sb_strscpy(ps->main_placement, "-", sizeof(ps->main_placement));
	for (i = 0; i < ps->n; i++)
		if (ps->g[i].n)
			++*sb_hash_put(&count, ps->g[i].placement, 0, NULL);
	for (i = 0; i < ps->n; i++) {
		if (!ps->g[i].n)
			continue;
		c = sb_hash_find(&count, ps->g[i].placement);
		if (*c > best) {
			best = *c;
			sb_strscpy(ps->main_placement, ps->g[i].placement,
				   sizeof(ps->main_placement));
		}
	}
	sb_hash_free(&count);
}

/* What the ok groups have in common or not, for titles and subtitles. */
static void find_variety(struct sb_pset *ps)
{
	char be0[16] = "", pl0[16] = "";
	size_t i;

	for (i = 0; i < ps->n; i++) {
		struct sb_pgroup *g = &ps->g[i];

		if (!g->n)
			continue;
		if (!*be0)
			sb_strscpy(be0, g->backend, sizeof(be0));
		if (!*pl0)
			sb_strscpy(pl0, g->placement, sizeof(pl0));
		ps->multi_backend |= !!strcmp(be0, g->backend);
		ps->multi_placement |= !!strcmp(pl0, g->placement);
		ps->any_emulated |= g->emulated;
	}
}

int sb_pset_build(struct sb_pset *ps, struct sb_rrec *const *recs, size_t n)
{
	size_t i, cap = 0;

	memset(ps, 0, sizeof(*ps));
	sb_hash_init(&ps->index);
	for (i = 0; i < n; i++)
		if (add_record(ps, recs[i], &cap))
			goto oom;
	find_variety(ps);
	label_dims(ps);
	qsort(ps->g, ps->n, sizeof(*ps->g), group_cmp);
	/* The index follows the groups to their sorted places. */
	for (i = 0; i < ps->n; i++)
		*sb_hash_find(&ps->index, ps->g[i].key) = i;
	find_main_placement(ps);
	return 0;
oom:
	sb_pset_free(ps);
	return -1;
}

void sb_pset_free(struct sb_pset *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		free(ps->g[i].reps);
	free(ps->g);
	sb_hash_free(&ps->index);
	memset(ps, 0, sizeof(*ps));
}

const struct sb_pgroup *sb_pset_find(const struct sb_pset *ps,
				     const char *key)
{
	size_t *i = sb_hash_find(&ps->index, key);

	return i ? &ps->g[*i] : NULL;
}
