// SPDX-License-Identifier: GPL-2.0
/* Matrix parsing and expansion; see matrix.h. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matrix/matrix.h"

const char *const sb_backend_names[SB_NR_BK] = {
	[SB_BK_USER] = "user",
	[SB_BK_KERNEL] = "kernel",
	[SB_BK_VM] = "vm",
};

void sb_matrix_default(struct sb_matrix *m)
{
	memset(m, 0, sizeof(*m));
	m->nbackends = 1;
	m->backends[0] = SB_BK_USER;
	m->nprims = 1;
	strcpy(m->prims[0], "spin");
	m->nthreads = 1;
	m->threads[0] = 1;
	m->nplaces = 1;
	m->places[0] = SB_PLACE_COMPACT;
	m->nmems = 1;
	m->mems[0].kind = SB_MEM_LOCAL;
	m->mems[0].node = -1;
	m->update_pct.n = m->list_len.n = m->cs_ns.n = 1;
	m->think_ns.n = m->irq_hz.n = 1;
	m->update_pct.v[0] = 10;
	m->list_len.v[0] = 64;
	m->duration_ms = 1000;
	m->warmup_ms = 100;
	m->repeat = 1;
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

static int sb_parse_ull(const char *s, unsigned long long *v)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return *end || errno ? -1 : 0;
}

static int sb_set_ulist(struct sb_ulist *l, const char *dim,
			char items[][64], int n, char *err, size_t errlen)
{
	int i;

	for (i = 0; i < n; i++)
		if (sb_parse_ull(items[i], &l->v[i])) {
			snprintf(err, errlen,
				 "--%s: '%s' is not a non-negative integer",
				 dim, items[i]);
			return -1;
		}
	l->n = n;
	return 0;
}

int sb_matrix_set(struct sb_matrix *m, const char *dim, const char *list,
		  char *err, size_t errlen)
{
	static char items[SB_MAX_DIM][64];
	int n, i, j;

	if (!strcmp(dim, "cpus")) {
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
	n = sb_split(dim, list, items, SB_MAX_DIM, err, errlen);
	if (n < 0)
		return -1;
	if (!strcmp(dim, "backend")) {
		if (n > SB_NR_BK)
			goto dup;
		for (i = 0; i < n; i++) {
			for (j = 0; j < SB_NR_BK; j++)
				if (!strcmp(items[i], sb_backend_names[j]))
					break;
			if (j == SB_NR_BK) {
				snprintf(err, errlen,
					 "--backend: unknown backend '%s'; use user, kernel or vm",
					 items[i]);
				return -1;
			}
			m->backends[i] = j;
		}
		m->nbackends = n;
	} else if (!strcmp(dim, "prim")) {
		for (i = 0; i < n; i++) {
			if (strlen(items[i]) >= SB_PRIM_LEN) {
				snprintf(err, errlen,
					 "--prim: '%s' is too long to be a primitive name",
					 items[i]);
				return -1;
			}
			strcpy(m->prims[i], items[i]);
		}
		m->nprims = n;
	} else if (!strcmp(dim, "threads")) {
		for (i = 0; i < n; i++) {
			unsigned long long v;

			if (!strcmp(items[i], "max")) {
				m->threads[i] = 0;
				continue;
			}
			if (sb_parse_ull(items[i], &v) || v < 1 ||
			    v > SB_MAX_THREADS) {
				snprintf(err, errlen,
					 "--threads: '%s' is not a thread count; use 1..%d or max",
					 items[i], SB_MAX_THREADS);
				return -1;
			}
			m->threads[i] = (int)v;
		}
		m->nthreads = n;
	} else if (!strcmp(dim, "placement")) {
		if (n > SB_NR_PLACES)
			goto dup;
		for (i = 0; i < n; i++)
			if (sb_place_parse(items[i], &m->places[i])) {
				snprintf(err, errlen,
					 "--placement: unknown policy '%s'; use compact, cores, "
					 "spread or explicit (with --cpus)",
					 items[i]);
				return -1;
			}
		m->nplaces = n;
	} else if (!strcmp(dim, "mem")) {
		if (n > 8)
			goto dup;
		for (i = 0; i < n; i++)
			if (sb_mem_parse(items[i], &m->mems[i], err, errlen))
				return -1;
		m->nmems = n;
	} else if (!strcmp(dim, "update-pct")) {
		return sb_set_ulist(&m->update_pct, dim, items, n, err, errlen);
	} else if (!strcmp(dim, "list-len")) {
		return sb_set_ulist(&m->list_len, dim, items, n, err, errlen);
	} else if (!strcmp(dim, "cs-ns")) {
		return sb_set_ulist(&m->cs_ns, dim, items, n, err, errlen);
	} else if (!strcmp(dim, "think-ns")) {
		return sb_set_ulist(&m->think_ns, dim, items, n, err, errlen);
	} else if (!strcmp(dim, "irq-hz")) {
		return sb_set_ulist(&m->irq_hz, dim, items, n, err, errlen);
	} else {
		snprintf(err, errlen, "unknown matrix dimension '%s'", dim);
		return -1;
	}
	return 0;
dup:
	snprintf(err, errlen, "--%s: too many values (a value repeated?)", dim);
	return -1;
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
	return (long)m->nbackends * m->nprims * m->nthreads * m->nplaces *
		m->nmems * m->update_pct.n * m->list_len.n * m->cs_ns.n *
		m->think_ns.n * m->irq_hz.n;
}

static int sb_point_finish(const struct sb_matrix *m, hwloc_topology_t topo,
			   struct sb_point *p, char *err, size_t errlen)
{
	unsigned int side = p->backend == SB_BK_USER ? SB_SIDE_USER :
		SB_SIDE_KERNEL;
	sb_u64 bits[SB_MAX_CPUS / 64];
	char cpus[1024], mem[32], why[SB_ERR_LEN], tail[64] = "";
	struct sb_config cfg;
	long long node = -1;
	int i, len;

	if (sb_place_cpus(topo, p->place, m->explicit_cpus, m->nexplicit,
			  p->threads, p->cpus, why, sizeof(why))) {
		snprintf(err, errlen, "%s backend: %s",
			 sb_backend_names[p->backend], why);
		return -1;
	}
	memset(bits, 0, sizeof(bits));
	for (i = 0; i < p->threads; i++)
		bits[p->cpus[i] / 64] |= 1ULL << (p->cpus[i] % 64);
	sb_cpulist_print(bits, cpus, sizeof(cpus));
	if (p->mem.kind == SB_MEM_NODE) {
		if (!sb_topo_has_node(topo, p->mem.node)) {
			snprintf(err, errlen,
				 "--mem node=%d: the %s backend's topology has no NUMA node %d "
				 "(see `syncbench topo`%s)",
				 p->mem.node, sb_backend_names[p->backend],
				 p->mem.node, p->backend == SB_BK_VM ?
				 " and --vm-numa" : "");
			return -1;
		}
		node = p->mem.node;
	} else if (p->mem.kind == SB_MEM_LOCAL) {
		/* The first thread's node; -1 lets the backend decide. */
		node = sb_cpu_node(topo, p->cpus[0]);
	} else if (p->backend != SB_BK_USER) {
		snprintf(err, errlen,
			 "--mem interleave is only available on the user backend (the module "
			 "places the list on one node): drop it or use --backend user");
		return -1;
	}
	sb_mem_format(&p->mem, mem, sizeof(mem));
	if (p->irq_hz)
		snprintf(tail, sizeof(tail), "/irq%llu", p->irq_hz);
	if (p->mem.kind != SB_MEM_LOCAL)
		snprintf(tail + strlen(tail), sizeof(tail) - strlen(tail),
			 "/mem-%s", mem);
	snprintf(p->id, sizeof(p->id), "%s/%s/t%d/%s/u%llu/l%llu/cs%llu/th%llu%s",
		 sb_backend_names[p->backend], p->prim, p->threads,
		 sb_place_names[p->place], p->update_pct, p->list_len,
		 p->cs_ns, p->think_ns, tail);
	len = snprintf(p->config, sizeof(p->config),
		       "prim=%s\ncpus=%s\nduration_ms=%llu\nwarmup_ms=%llu\n"
		       "update_pct=%llu\nlist_len=%llu\ncs_ns=%llu\n"
		       "think_ns=%llu\nirq_hz=%llu\nnode=%lld\n%s%s",
		       p->prim, cpus, m->duration_ms, m->warmup_ms,
		       p->update_pct, p->list_len, p->cs_ns, p->think_ns,
		       p->irq_hz, node, m->extra, *m->extra ? "\n" : "");
	if (len >= (int)sizeof(p->config)) {
		snprintf(err, errlen, "point %s: config text too long", p->id);
		return -1;
	}
	sb_config_default(&cfg, side);
	if (sb_config_parse(&cfg, p->config, strlen(p->config), side, why,
			    sizeof(why))) {
		snprintf(err, errlen, "point %s: %s", p->id, why);
		return -1;
	}
	return 0;
}

int sb_matrix_expand(const struct sb_matrix *m, hwloc_topology_t topo[SB_NR_BK],
		     struct sb_point **points, int *count, char *err,
		     size_t errlen)
{
	long max = sb_matrix_size(m), n = 0;
	struct sb_point *pts, p;
	int b, pr, t, pl, me, u, l, c, th, q, k;

	if (max > 10000) {
		snprintf(err, errlen,
			 "the matrix has %ld points; split it into runs of at most 10000",
			 max);
		return -1;
	}
	pts = calloc((size_t)max + 1, sizeof(*pts));
	if (!pts) {
		snprintf(err, errlen, "out of memory for %ld points", max);
		return -1;
	}
	for (b = 0; b < m->nbackends; b++)
	for (pr = 0; pr < m->nprims; pr++)
	for (t = 0; t < m->nthreads; t++)
	for (pl = 0; pl < m->nplaces; pl++)
	for (me = 0; me < m->nmems; me++)
	for (u = 0; u < m->update_pct.n; u++)
	for (l = 0; l < m->list_len.n; l++)
	for (c = 0; c < m->cs_ns.n; c++)
	for (th = 0; th < m->think_ns.n; th++)
	for (q = 0; q < m->irq_hz.n; q++) {
		memset(&p, 0, sizeof(p));
		p.backend = m->backends[b];
		strcpy(p.prim, m->prims[pr]);
		p.place = m->places[pl];
		if (p.place == SB_PLACE_EXPLICIT && !m->nexplicit) {
			snprintf(err, errlen,
				 "--placement explicit needs --cpus LIST (e.g. --cpus 0-3,8)");
			goto fail;
		}
		p.threads = m->threads[t] ? m->threads[t] :
			sb_place_max(topo[p.backend], p.place,
				     m->explicit_cpus, m->nexplicit);
		p.mem = m->mems[me];
		p.update_pct = m->update_pct.v[u];
		p.list_len = m->list_len.v[l];
		p.cs_ns = m->cs_ns.v[c];
		p.think_ns = m->think_ns.v[th];
		p.irq_hz = m->irq_hz.v[q];
		if (sb_point_finish(m, topo[p.backend], &p, err, errlen))
			goto fail;
		/* "2,max" on a 2-CPU machine is one point, not two. */
		for (k = 0; k < n; k++)
			if (!strcmp(pts[k].id, p.id))
				break;
		if (k == n)
			pts[n++] = p;
	}
	*points = pts;
	*count = (int)n;
	return 0;
fail:
	free(pts);
	return -1;
}
