// SPDX-License-Identifier: GPL-2.0
/* Matrix parsing and expansion, driven by the rows of dims.c; see matrix.h. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matrix/matrix.h"
#include "matrix/effect.h"

void sb_matrix_default(struct sb_matrix *m)
{
	char err[SB_ERR_LEN];
	unsigned int i;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < sb_nr_dims; i++)
		if (sb_dims[i].def &&
		    sb_matrix_set(m, sb_dims[i].opt, sb_dims[i].def, err,
				  sizeof(err)))
			abort();	/* a row's default it cannot parse */
	/* The defaults were not given: only a caller's sb_matrix_set is. */
	memset(m->given, 0, sizeof(m->given));
	m->duration_ms = 1000;
	m->warmup_ms = 100;
	m->repeat = 3;	/* the statistics need 3 (store/noise.h) */
}

/*
 * Split list on commas into items; an empty list, an empty item or more than
 * max items is an error.
 */
static int sb_split(const char *dim, const char *list, char items[][64],
		    int max, char *err, size_t errlen)
{
	const char *p = list;
	int n = 0;

	if (!*list) {
		snprintf(err, errlen,
			 "--%s: empty list; give comma-separated values, e.g. --%s a,b",
			 dim, dim);
		return -1;
	}
	for (;;) {
		size_t l = strcspn(p, ",");

		if (!l || l >= 64) {
			snprintf(err, errlen,
				 "--%s '%s': %s item; give comma-separated values without spaces "
				 "or empty entries",
				 dim, list, l ? "overlong" : "empty");
			return -1;
		}
		if (n == max) {
			snprintf(err, errlen, "--%s: more than %d values", dim,
				 max);
			return -1;
		}
		memcpy(items[n], p, l);
		items[n++][l] = '\0';
		p += l;
		if (!*p)
			break;
		p++;
	}
	return n;
}

static int sb_matrix_set_cpus(struct sb_matrix *m, const char *list,
			      char *err, size_t errlen)
{
	sb_u64 bits[SB_MAX_CPUS / 64];
	sb_u32 count;
	char why[SB_ERR_LEN];
	int cpu = -1;

	memset(bits, 0, sizeof(bits));
	if (sb_cpulist_parse(list, strlen(list), bits, &count, why,
			     sizeof(why))) {
		snprintf(err, errlen, "--cpus '%s': %s", list, why);
		return -1;
	}
	m->nexplicit = 0;
	while (++cpu < SB_MAX_CPUS)
		if (sb_cpu_isset(bits, (unsigned int)cpu))
			m->explicit_cpus[m->nexplicit++] = cpu;
	return 0;
}

int sb_matrix_set(struct sb_matrix *m, const char *dim, const char *list,
		  char *err, size_t errlen)
{
	const struct sb_dim *d = sb_dim_find(dim);
	struct sb_dim_list l = { 0 };
	char items[SB_MAX_DIM][64];
	int i;

	if (!d) {
		snprintf(err, errlen, "unknown matrix dimension '%s'", dim);
		return -1;
	}
	if (d->kind == SB_DIM_CPUS)
		return sb_matrix_set_cpus(m, list, err, errlen);
	l.n = sb_split(dim, list, items, SB_MAX_DIM, err, errlen);
	if (l.n < 0)
		return -1;
	if (l.n > sb_dim_max_values(d)) {
		snprintf(err, errlen, "--%s: too many values (a value repeated?)",
			 dim);
		return -1;
	}
	for (i = 0; i < l.n; i++)
		if (sb_dim_parse(d, items[i], &l.v[i], err, errlen))
			return -1;
	m->dim[d - sb_dims] = l;
	m->given[d - sb_dims] = 1;
	return 0;
}

int sb_parse_duration_ms(const char *s, unsigned long long *ms, char *err,
			 size_t errlen)
{
	char *end;
	double v, scale;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || v < 0 || !isdigit((unsigned char)*s))
		goto bad;
	if (!strcmp(end, "ms"))
		scale = 1;
	else if (!strcmp(end, "s"))
		scale = 1000;
	else if (!strcmp(end, "m"))
		scale = 60000;
	else
		goto bad;
	v *= scale;
	if (v > 86400000.0)
		goto bad;
	*ms = (unsigned long long)(v + 0.5);
	return 0;
bad:
	snprintf(err, errlen,
		 "bad duration '%s': give a number with a unit, e.g. 200ms, 1s, 1.5s or 2m",
		 s);
	return -1;
}

long sb_matrix_size(const struct sb_matrix *m)
{
	long n = 1;
	unsigned int i;

	int j;

	for (i = 0; i < sb_nr_dims; i++)
		if (sb_dim_is_axis(&sb_dims[i]))
			n *= m->dim[i].n;
	for (j = 0; j < m->sets.n; j++)
		n *= m->sets.k[j].n;
	return n;
}

const struct sb_dim_list *sb_matrix_list(const struct sb_matrix *m,
					 enum sb_dim_kind kind)
{
	return &m->dim[sb_dim_of_kind(kind) - sb_dims];
}

void sb_matrix_dims_json(const struct sb_matrix *m, json_t *o)
{
	unsigned int i;
	int j;

	for (i = 0; i < sb_nr_dims; i++) {
		const struct sb_dim *d = &sb_dims[i];
		sb_u64 bits[SB_MAX_CPUS / 64] = { 0 };
		char buf[1100];
		json_t *a;

		if (d->kind == SB_DIM_CPUS) {
			if (!m->nexplicit)
				continue;
			for (j = 0; j < m->nexplicit; j++)
				bits[m->explicit_cpus[j] / 64] |=
					1ULL << (m->explicit_cpus[j] % 64);
			sb_cpulist_print(bits, buf, sizeof(buf));
			json_object_set_new(o, d->name, json_string(buf));
			continue;
		}
		a = json_array();
		for (j = 0; j < m->dim[i].n; j++)
			json_array_append_new(a, sb_dim_value_json(d,
							&m->dim[i].v[j]));
		json_object_set_new(o, d->name, a);
	}
}

/* Explicit placement needs its CPUs; threads 0 (max) becomes a count. */
static int sb_point_threads(const struct sb_matrix *m, hwloc_topology_t topo,
			    struct sb_point *p, char *err, size_t errlen)
{
	if (p->place == SB_PLACE_EXPLICIT && !m->nexplicit) {
		snprintf(err, errlen,
			 "--placement explicit needs --cpus LIST (e.g. --cpus 0-3,8)");
		return -1;
	}
	if (!p->threads)
		p->threads = sb_place_max(topo, p->place, m->explicit_cpus,
					  m->nexplicit);
	return 0;
}

/* The CPUs of the point's threads, and the node of its list. */
static int sb_point_place(const struct sb_matrix *m, hwloc_topology_t topo,
			  struct sb_point *p, char *err, size_t errlen)
{
	char why[SB_ERR_LEN];

	if (sb_place_cpus(topo, p->place, m->explicit_cpus, m->nexplicit,
			  p->threads, p->cpus, why, sizeof(why))) {
		snprintf(err, errlen, "%s backend: %s",
			 p->backend->name, why);
		return -1;
	}
	p->node = -1;
	if (p->mem.kind == SB_MEM_NODE) {
		if (!sb_topo_has_node(topo, p->mem.node)) {
			snprintf(err, errlen,
				 "--mem node=%d: the %s backend's topology has no NUMA node %d "
				 "(see `syncbench topo`%s)",
				 p->mem.node, p->backend->name,
				 p->mem.node, p->backend->topo == SB_BK_TOPO_GUEST ?
				 " and --vm-numa" : "");
			return -1;
		}
		p->node = p->mem.node;
	} else if (p->mem.kind == SB_MEM_LOCAL) {
		/* The first thread's node; -1 lets the backend decide. */
		p->node = sb_cpu_node(topo, p->cpus[0]);
	} else if (!(p->backend->caps & SB_BKC_MEM_INTERLEAVE)) {
		snprintf(err, errlen,
			 "--mem interleave is only available on the user backend (the module "
			 "places the list on one node): drop it or use --backend user");
		return -1;
	}
	return 0;
}

/*
 * The rows' fragments in .id_pos order, each left out at its default, then
 * "/<key>-<value>" of each --set key given a list.
 */
static void sb_point_id(const struct sb_matrix *m, struct sb_point *p)
{
	struct sb_buf b;
	char v[64];
	unsigned int i;
	int pos;

	sb_buf_init(&b, p->id, sizeof(p->id));
	for (pos = 0; pos < SB_MAX_DIMS; pos++)
		for (i = 0; i < sb_nr_dims; i++) {
			const struct sb_dim *d = &sb_dims[i];

			if (d->id_pos != pos || !d->id_fmt)
				continue;
			sb_dim_point_text(d, p, v, sizeof(v));
			if (d->id_omit_default && !strcmp(v, d->def))
				continue;
			sb_bprintf(&b, "%s", b.n ? "/" : "");
			sb_bprintf(&b, d->id_fmt, v);
		}
	for (pos = 0; pos < m->sets.n; pos++)
		if (sb_set_is_axis(&m->sets, pos))
			sb_bprintf(&b, "/%s-%s", m->sets.k[pos].key,
				   m->sets.k[pos].v[p->setv[pos]]);
}

/*
 * A point with roles (updaters > 0) and --update-pct left at its default
 * runs at update_pct 0, as roles need (the updaters update, the rest look
 * up), and its id says so. Given explicitly, it stays as given, and a
 * point its side refuses is left out at plan time with the reason.
 */
static void sb_point_roles_pct(const struct sb_matrix *m, struct sb_point *p)
{
	const struct sb_dim *pct = sb_dim_find("update-pct");
	const struct sb_dim *upd = sb_dim_find("updaters");

	/*
	 * Whether it was given, not whether it equals the default: an
	 * explicit --update-pct 10 is 10 (the default value, given).
	 */
	if (!pct || !upd || !p->dimv[upd - sb_dims])
		return;
	if (!m->given[pct - sb_dims])
		p->dimv[pct - sb_dims] = 0;
}

/* The value of config key k that the matrix or the run writes; -1: none. */
static int sb_point_key(const struct sb_matrix *m, const struct sb_point *p,
			const char *k, char *buf, size_t len)
{
	unsigned int i;

	for (i = 0; i < sb_nr_dims; i++)
		if (sb_dims[i].key && !strcmp(sb_dims[i].key, k) &&
		    !sb_dim_config_text(&sb_dims[i], p, buf, len))
			return 0;
	for (i = 0; i < sb_nr_run_keys; i++)
		if (!strcmp(sb_run_keys[i].key, k)) {
			snprintf(buf, len, "%llu",
				 *(const unsigned long long *)((const char *)m +
					sb_run_keys[i].matrix_off));
			return 0;
		}
	return -1;
}

/*
 * The keys the matrix and the run write, in the config table's order, then
 * --set's; checked by the common parser of the point's side. 0, -1 (err),
 * or 1: the side refuses the point (err says why): left out.
 */
static int sb_point_config(const struct sb_matrix *m, struct sb_point *p,
			   char *err, size_t errlen)
{
	unsigned int side = p->backend->side;
	char v[1024], why[SB_ERR_LEN];
	struct sb_config cfg;
	struct sb_buf b;
	unsigned int i;

	sb_buf_init(&b, p->config, sizeof(p->config));
	for (i = 0; i < sb_nr_keys; i++)
		if (!sb_point_key(m, p, sb_keys[i].name, v, sizeof(v)))
			sb_bprintf(&b, "%s=%s\n", sb_keys[i].name, v);
	for (i = 0; i < (unsigned int)m->sets.n; i++)
		sb_bprintf(&b, "%s=%s\n", m->sets.k[i].key,
			   m->sets.k[i].v[p->setv[i]]);
	if (b.n >= sizeof(p->config)) {
		snprintf(err, errlen, "point %s: config text too long", p->id);
		return -1;
	}
	/*
	 * Every value was checked on its own; what the point's side refuses
	 * (a kernel-only value on the user backend) leaves the point out.
	 */
	sb_config_default(&cfg, side);
	if (sb_config_parse(&cfg, p->config, strlen(p->config), side, why,
			    sizeof(why))) {
		snprintf(err, errlen, "%s: %s", p->id, why);
		return 1;
	}
	return 0;
}

/*
 * The point at odometer reading idx[] (the rows', then from SB_MAX_DIMS the
 * --set keys'), complete. 0, -1 (err), 1: left out (sb_point_config).
 */
static int sb_point_make(const struct sb_matrix *m, hwloc_topology_t topo[],
			 const int *idx, struct sb_point *p, int *reset,
			 char *why, size_t whylen, char *err, size_t errlen)
{
	unsigned int i;
	int j;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < sb_nr_dims; i++)
		if (sb_dim_is_axis(&sb_dims[i]))
			sb_dim_apply(&sb_dims[i], &m->dim[i].v[idx[i]], p);
	for (j = 0; j < m->sets.n; j++)
		p->setv[j] = (unsigned char)idx[SB_MAX_DIMS + j];
	sb_point_roles_pct(m, p);
	*reset = sb_point_no_effect(m, p, why, whylen);
	if (sb_point_threads(m, topo[p->backend->index], p, err, errlen) ||
	    sb_point_place(m, topo[p->backend->index], p, err, errlen))
		return -1;
	sb_point_id(m, p);
	return sb_point_config(m, p, err, errlen);
}

/*
 * Turn the odometer: the --set lists fastest, then the last row. 0 once
 * every point was read.
 */
static int sb_odometer_next(const struct sb_matrix *m, int *idx)
{
	int i;

	for (i = m->sets.n - 1; i >= 0; i--) {
		if (++idx[SB_MAX_DIMS + i] < m->sets.k[i].n)
			return 1;
		idx[SB_MAX_DIMS + i] = 0;
	}
	for (i = (int)sb_nr_dims - 1; i >= 0; i--) {
		if (!sb_dim_is_axis(&sb_dims[i]))
			continue;
		if (++idx[i] < m->dim[i].n)
			return 1;
		idx[i] = 0;
	}
	return 0;
}

/* Does the catalogue forbid the point? Counted in ex with the first why. */
static int sb_point_impossible(const struct sb_point *p,
			       struct sb_excluded *ex)
{
	unsigned int side = p->backend->side;
	char why[SB_ERR_LEN];
	struct sb_config cfg;

	sb_config_default(&cfg, side);
	/* sb_point_make validated the text: this parse cannot fail. */
	if (sb_config_parse(&cfg, p->config, strlen(p->config), side, why,
			    sizeof(why)) ||
	    !sb_prim_config_check(&cfg, why, sizeof(why)))
		return 0;
	if (!ex->n++)
		snprintf(ex->why, sizeof(ex->why), "%s: %s", p->id, why);
	return 1;
}

int sb_matrix_expand(const struct sb_matrix *m,
		     hwloc_topology_t topo[SB_NR_BACKENDS],
		     struct sb_point **points, int *count,
		     struct sb_excluded *ex, char *err, size_t errlen)
{
	long max = sb_matrix_size(m), n = 0, k;
	int idx[SB_MAX_DIMS + SB_MAX_SETS] = { 0 }, rc, reset;
	char why[SB_ERR_LEN];
	/* pts[k]'s first value without effect, "" when none */
	char (*was_reset)[96];
	struct sb_point *pts, p;
	struct sb_excluded none;

	if (!ex)
		ex = &none;
	memset(ex, 0, sizeof(*ex));
	snprintf(ex->set_dup, sizeof(ex->set_dup), "%s", m->sets.dup);

	if (max > 10000) {
		snprintf(err, errlen,
			 "the matrix has %ld points; split it into runs of at most 10000",
			 max);
		return -1;
	}
	pts = calloc((size_t)max + 1, sizeof(*pts));
	was_reset = calloc((size_t)max + 1, sizeof(*was_reset));
	if (!pts || !was_reset) {
		free(was_reset);
		snprintf(err, errlen, "out of memory for %ld points", max);
		return -1;
	}
	do {
		rc = sb_point_make(m, topo, idx, &p, &reset, why, sizeof(why),
				   err, errlen);
		if (rc < 0) {
			free(pts);
			free(was_reset);
			return -1;
		}
		if (rc > 0) {
			if (!ex->n++)
				snprintf(ex->why, sizeof(ex->why), "%s", err);
			continue;
		}
		if (sb_point_impossible(&p, ex))
			continue;
		/* "2,max" on a 2-CPU machine is one point, not two. */
		for (k = 0; k < n; k++)
			if (!strcmp(pts[k].id, p.id))
				break;
		if (k == n) {
			snprintf(was_reset[n], sizeof(was_reset[n]), "%s",
				 reset ? why : "");
			pts[n++] = p;
		} else if ((reset || *was_reset[k]) && !ex->collapsed++) {
			/* the why of the collapsed point, or of its twin */
			snprintf(ex->collapsed_why, sizeof(ex->collapsed_why),
				 "%s: %s", p.id, reset ? why : was_reset[k]);
		}
	} while (sb_odometer_next(m, idx));
	if (!n) {
		snprintf(err, errlen, "every point of the matrix is impossible: %s",
			 ex->why);
		free(pts);
		free(was_reset);
		return -1;
	}
	free(was_reset);
	*points = pts;
	*count = (int)n;
	return 0;
}
