// SPDX-License-Identifier: GPL-2.0
/*
 * Matrix options, durations and expansion into points, and the dimension
 * table (bench/matrix/dims.c) that drives them, row by row.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "matrix/matrix.h"
#include "matrix/topology.h"

static char err[512];

static void set_ok(struct sb_matrix *m, const char *dim, const char *list)
{
	if (sb_matrix_set(m, dim, list, err, sizeof(err)))
		fail_msg("--%s %s: %s", dim, list, err);
}

static void set_bad(const char *dim, const char *list, const char *why)
{
	struct sb_matrix m;

	sb_matrix_default(&m);
	err[0] = '\0';
	assert_int_equal(sb_matrix_set(&m, dim, list, err, sizeof(err)), -1);
	if (!strstr(err, why))
		fail_msg("--%s '%s': '%s' lacks '%s'", dim, list, err, why);
}

static void malformed_lists(void **state)
{
	(void)state;
	set_bad("threads", "1,,2", "empty item");
	set_bad("threads", "", "empty list");
	set_bad("threads", "1,", "empty item");
	set_bad("threads", "0", "1..256 or max");
	set_bad("threads", "two", "1..256 or max");
	set_bad("threads", "1 2", "1..256 or max");
	set_bad("backend", "user,qemu", "unknown backend 'qemu'");
	set_bad("placement", "compact,numa", "unknown policy 'numa'");
	set_bad("mem", "node=x", "local, node=N");
	set_bad("update-pct", "-1", "not a non-negative number");
	set_bad("list-len", "64k", "not a non-negative integer");
	/* Ranges are the config key table's, checked as the list is read. */
	set_bad("update-pct", "10,150",
		"--update-pct: update_pct: '150' is not a number in [0, 100]");
	set_bad("list-len", "0", "--list-len: list_len: '0'");
	set_bad("cpus", "3-1", "--cpus '3-1'");
	set_bad("prim", "a_primitive_name_longer_than_31_chars", "too long");
}

static void durations(void **state)
{
	unsigned long long ms;

	(void)state;
	assert_int_equal(sb_parse_duration_ms("1s", &ms, err, sizeof(err)), 0);
	assert_int_equal(ms, 1000);
	assert_int_equal(sb_parse_duration_ms("200ms", &ms, err,
					      sizeof(err)), 0);
	assert_int_equal(ms, 200);
	assert_int_equal(sb_parse_duration_ms("1.5s", &ms, err,
					      sizeof(err)), 0);
	assert_int_equal(ms, 1500);
	assert_int_equal(sb_parse_duration_ms("2m", &ms, err, sizeof(err)), 0);
	assert_int_equal(ms, 120000);
	assert_int_equal(sb_parse_duration_ms("5", &ms, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unit"));
	assert_int_equal(sb_parse_duration_ms("1h", &ms, err, sizeof(err)),
			 -1);
	assert_int_equal(sb_parse_duration_ms("s", &ms, err, sizeof(err)), -1);
	assert_int_equal(sb_parse_duration_ms("-1s", &ms, err, sizeof(err)),
			 -1);
}

static hwloc_topology_t syn(const char *d)
{
	hwloc_topology_t t;

	if (sb_topo_load(&t, NULL, d, err, sizeof(err)))
		fail_msg("%s", err);
	return t;
}

static int expand(const struct sb_matrix *m, hwloc_topology_t t,
		  struct sb_point **pts)
{
	hwloc_topology_t topo[SB_NR_BACKENDS] = { t, t, t };
	int n = -1;

	err[0] = '\0';
	if (sb_matrix_expand(m, topo, pts, &n, NULL, err, sizeof(err)))
		return -1;
	return n;
}

static const struct sb_point *find(const struct sb_point *p, int n,
				   const char *id)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(p[i].id, id))
			return &p[i];
	fail_msg("no point %s", id);
	return p;	/* not reached */
}

static void expansion(void **state)
{
	hwloc_topology_t t = syn("pack:2 numa:2 core:8 pu:2");
	const struct sb_point *p;
	struct sb_point *pts;
	struct sb_matrix m;
	int n, i, j;

	(void)state;
	sb_matrix_default(&m);
	set_ok(&m, "backend", "user,kernel");
	set_ok(&m, "prim", "spin,rcu");
	set_ok(&m, "threads", "1,2,max");
	set_ok(&m, "placement", "compact,spread");
	set_ok(&m, "update-pct", "0,10,50");
	m.duration_ms = 250;
	assert_int_equal(sb_matrix_size(&m), 2 * 2 * 3 * 2 * 3);
	n = expand(&m, t, &pts);
	assert_int_equal(n, 72);
	/* Every id is unique. */
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			assert_string_not_equal(pts[i].id, pts[j].id);
	assert_string_equal(pts[0].id, "user/spin/t1/compact/u0/l64/cs0/th0");
	p = find(pts, n, "user/rcu/t2/spread/u10/l64/cs0/th0");
	assert_non_null(strstr(p->config, "cpus=0,32\n"));
	assert_non_null(strstr(p->config, "duration_ms=250\n"));
	assert_non_null(strstr(p->config, "node=0\n"));
	p = find(pts, n, "kernel/spin/t64/compact/u50/l64/cs0/th0");
	assert_non_null(strstr(p->config, "cpus=0-63\n"));
	assert_int_equal(p->threads, 64);
	free(pts);
	hwloc_topology_destroy(t);
}

static void max_dedup_and_limits(void **state)
{
	hwloc_topology_t t = syn("pack:1 core:2 pu:1");
	struct sb_point *pts;
	struct sb_matrix m;

	(void)state;
	sb_matrix_default(&m);
	set_ok(&m, "threads", "2,max");
	assert_int_equal(expand(&m, t, &pts), 1);
	assert_string_equal(pts[0].id, "user/spin/t2/compact/u10/l64/cs0/th0");
	free(pts);
	set_ok(&m, "threads", "1,3");
	assert_int_equal(expand(&m, t, &pts), -1);
	assert_non_null(strstr(err, "at most 2 threads here, not 3"));
	set_ok(&m, "threads", "1");
	set_ok(&m, "placement", "explicit");
	assert_int_equal(expand(&m, t, &pts), -1);
	assert_non_null(strstr(err, "--cpus"));
	set_ok(&m, "cpus", "1");
	assert_int_equal(expand(&m, t, &pts), 1);
	assert_non_null(strstr(pts[0].config, "cpus=1\n"));
	free(pts);
	hwloc_topology_destroy(t);
}

static void memory_and_ranges(void **state)
{
	hwloc_topology_t t = syn("pack:2 numa:2 core:2 pu:1");
	struct sb_point *pts;
	struct sb_matrix m;

	(void)state;
	sb_matrix_default(&m);
	set_ok(&m, "mem", "local,node=3,interleave");
	assert_int_equal(expand(&m, t, &pts), 3);
	assert_string_equal(pts[2].id,
			    "user/spin/t1/compact/u10/l64/cs0/th0/mem-interleave");
	assert_non_null(strstr(pts[1].config, "node=3\n"));
	free(pts);
	set_ok(&m, "mem", "node=4");
	assert_int_equal(expand(&m, t, &pts), -1);
	assert_non_null(strstr(err, "no NUMA node 4"));
	set_ok(&m, "mem", "interleave");
	set_ok(&m, "backend", "kernel");
	assert_int_equal(expand(&m, t, &pts), -1);
	assert_non_null(strstr(err, "user backend"));
	set_ok(&m, "mem", "local");
	set_ok(&m, "irq-hz", "1000");
	set_ok(&m, "prim", "spin_irqsave");
	assert_int_equal(expand(&m, t, &pts), 1);
	assert_string_equal(pts[0].id,
			    "kernel/spin_irqsave/t1/compact/u10/l64/cs0/th0/irq1000");
	free(pts);
	hwloc_topology_destroy(t);
}

/* A value of the row's kind that its parser refuses. */
static const char *bad_value(const struct sb_dim *d)
{
	switch (d->kind) {
	case SB_DIM_ULIST:
		return "x";
	case SB_DIM_BACKEND:
		return "qemu";
	case SB_DIM_PRIM:
		return "a_primitive_name_longer_than_31_chars";
	case SB_DIM_THREADS:
		return "0";
	case SB_DIM_PLACEMENT:
		return "numa";
	case SB_DIM_CPUS:
		return "3-1";
	case SB_DIM_MEM:
		return "node=x";
	}
	return NULL;
}

/* A valid value of the row other than its default. */
static const char *other_value(const struct sb_dim *d)
{
	static char word[64];
	const struct sb_key *k = d->key ?
		sb_key_find(d->key, strlen(d->key), SB_SIDE_BOTH) : NULL;

	if (d->kind == SB_DIM_ULIST && k && k->type == SB_KT_ENUM) {
		sb_enum_name(k->choices, 1, word, sizeof(word));
		return word;	/* a word row: its second word */
	}
	if (d->kind == SB_DIM_MEM)
		return "interleave";
	/* a number that is not the default (buckets' is 1) */
	return d->def && !strcmp(d->def, "1") ? "2" : "1";
}

/*
 * Every row: its default parses back to what sb_matrix_default set, a bad
 * value is refused naming the option, and a config-key row's range is its
 * key's (one past the key's maximum is refused).
 */
static void every_row_parses(void **state)
{
	struct sb_matrix def, m;
	char want[64];
	unsigned int i;

	(void)state;
	sb_matrix_default(&def);
	for (i = 0; i < sb_nr_dims; i++) {
		const struct sb_dim *d = &sb_dims[i];

		snprintf(want, sizeof(want), "--%s", d->opt);
		if (d->def) {
			sb_matrix_default(&m);
			set_ok(&m, d->opt, d->def);
			assert_memory_equal(&m.dim[i], &def.dim[i],
					    sizeof(m.dim[i]));
		} else {
			/* Only --cpus has no default: it is not an axis. */
			assert_false(sb_dim_is_axis(d));
		}
		set_bad(d->opt, bad_value(d), want);
		if (strncmp(err, want, strlen(want)))
			fail_msg("--%s %s: '%s' does not start with %s", d->opt,
				 bad_value(d), err, want);
		if (d->kind == SB_DIM_ULIST) {
			const struct sb_key *k = sb_key_find(d->key,
						strlen(d->key), SB_SIDE_BOTH);
			char v[32];

			assert_non_null(k);
			assert_string_equal(d->name, d->key);
			if (k->type == SB_KT_ENUM) {
				/* a word row: the key's words, no other */
				set_ok(&m, d->opt, other_value(d));
				set_bad(d->opt, "no_such_word", "is not one of");
				continue;
			}
			if (k->type == SB_KT_MILLI) {
				/* thousandths: the range's ends as decimals */
				sb_format_milli((sb_u64)k->max, v, sizeof(v));
				set_ok(&m, d->opt, v);
				sb_format_milli((sb_u64)k->max + 1, v,
						sizeof(v));
				set_bad(d->opt, v, d->key);
				set_ok(&m, d->opt, "0.001");
				set_bad(d->opt, "0.0001", "3 decimals");
				continue;
			}
			snprintf(v, sizeof(v), "%lld", (long long)k->max);
			set_ok(&m, d->opt, v);
			snprintf(v, sizeof(v), "%lld", (long long)k->max + 1);
			set_bad(d->opt, v, d->key);
		}
	}
	set_bad("bogus", "1", "unknown matrix dimension 'bogus'");
}

/* The table itself: keys exist, id places are distinct. */
static void table_is_consistent(void **state)
{
	int seen[SB_MAX_DIMS] = { 0 };
	unsigned int i;

	(void)state;
	for (i = 0; i < sb_nr_dims; i++) {
		const struct sb_dim *d = &sb_dims[i];

		assert_ptr_equal(sb_dim_find(d->opt), d);
		if (d->key && !sb_key_find(d->key, strlen(d->key),
					   SB_SIDE_BOTH))
			fail_msg("--%s: no config key %s", d->opt, d->key);
		if (!d->id_fmt)
			continue;
		assert_in_range(d->id_pos, 0, SB_MAX_DIMS - 1);
		if (seen[d->id_pos]++)
			fail_msg("--%s: id_pos %d taken twice", d->opt,
				 d->id_pos);
		/* An omitted fragment needs the default it is omitted at. */
		if (d->id_omit_default)
			assert_non_null(d->def);
	}
}

/* Ids, their order (the last option turns fastest) and config text. */
static void ids_order_and_config(void **state)
{
	static const char *const ids[] = {
		"kernel/spin_irqsave/t2/compact/u10/l64/cs0/th0/irq100/mem-node=1",
		"kernel/spin_irqsave/t2/compact/u10/l64/cs0/th0/mem-node=1",
		"kernel/spin_irqsave/t2/compact/u10/l64/cs0/th0/irq100",
		"kernel/spin_irqsave/t2/compact/u10/l64/cs0/th0",
		"kernel/spin_irqsave/t16/compact/u10/l64/cs0/th0/irq100/mem-node=1",
		"kernel/spin_irqsave/t16/compact/u10/l64/cs0/th0/mem-node=1",
		"kernel/spin_irqsave/t16/compact/u10/l64/cs0/th0/irq100",
		"kernel/spin_irqsave/t16/compact/u10/l64/cs0/th0",
		"kernel/rcu/t2/compact/u10/l64/cs0/th0/irq100/mem-node=1",
		"kernel/rcu/t2/compact/u10/l64/cs0/th0/mem-node=1",
		"kernel/rcu/t2/compact/u10/l64/cs0/th0/irq100",
		"kernel/rcu/t2/compact/u10/l64/cs0/th0",
		"kernel/rcu/t16/compact/u10/l64/cs0/th0/irq100/mem-node=1",
		"kernel/rcu/t16/compact/u10/l64/cs0/th0/mem-node=1",
		"kernel/rcu/t16/compact/u10/l64/cs0/th0/irq100",
		"kernel/rcu/t16/compact/u10/l64/cs0/th0",
	};
	hwloc_topology_t t = syn("pack:2 numa:2 core:2 pu:2");
	struct sb_point *pts;
	struct sb_matrix m;
	int n, i;

	(void)state;
	sb_matrix_default(&m);
	set_ok(&m, "irq-hz", "100,0");
	set_ok(&m, "backend", "kernel");
	set_ok(&m, "mem", "node=1,local");
	set_ok(&m, "threads", "2,max");
	set_ok(&m, "prim", "spin_irqsave,rcu");
	n = expand(&m, t, &pts);
	assert_int_equal(n, (int)SB_ARRAY_SIZE(ids));
	for (i = 0; i < n; i++)
		assert_string_equal(pts[i].id, ids[i]);
	assert_string_equal(pts[12].config,
			    "prim=rcu\ncpus=0-15\nduration_ms=1000\n"
			    "warmup_ms=100\nupdate_pct=10\nupdaters=0\n"
			    "list_len=64\nupdate_op=replace\nref=none\nbuckets=1\n"
			    "perturb=off\nperturb_pct=10\nperturb_ns=10000\n"
			    "cs_ns=0\nthink_ns=0\nhold_ns=0\nirq_hz=100\n"
			    "node=1\n");
	free(pts);

	sb_matrix_default(&m);
	set_ok(&m, "placement", "spread");
	set_ok(&m, "threads", "4");
	set_ok(&m, "update-pct", "50");
	set_ok(&m, "list-len", "128");
	set_ok(&m, "cs-ns", "7");
	set_ok(&m, "think-ns", "9");
	set_ok(&m, "mem", "interleave");
	m.duration_ms = 250;
	assert_int_equal(sb_sets_add(&m.sets, "rcu_free=async", err,
				     sizeof(err)), 0);
	assert_int_equal(expand(&m, t, &pts), 1);
	assert_string_equal(pts[0].id,
			    "user/spin/t4/spread/u50/l128/cs7/th9/mem-interleave");
	assert_string_equal(pts[0].config,
			    "prim=spin\ncpus=0,4,8,12\nduration_ms=250\n"
			    "warmup_ms=100\nupdate_pct=50\nupdaters=0\n"
			    "list_len=128\nupdate_op=replace\nref=none\nbuckets=1\n"
			    "perturb=off\nperturb_pct=10\nperturb_ns=10000\n"
			    "cs_ns=7\nthink_ns=9\nhold_ns=0\nirq_hz=0\n"
			    "node=-1\nrcu_free=async\n");
	free(pts);
	hwloc_topology_destroy(t);
}

/*
 * Roles: a point with updaters > 0 runs, and is named, at update_pct 0
 * when --update-pct was left alone; given, it stays, and the point the
 * config refuses (update_pct with roles) is left out of the plan.
 */
static void roles_update_pct(void **state)
{
	hwloc_topology_t t = syn("pack:1 core:2 pu:1");
	struct sb_point *pts;
	struct sb_matrix m;

	(void)state;
	sb_matrix_default(&m);
	set_ok(&m, "prim", "rcu");
	set_ok(&m, "threads", "2");
	set_ok(&m, "updaters", "0,1");
	assert_int_equal(expand(&m, t, &pts), 2);
	assert_string_equal(pts[0].id, "user/rcu/t2/compact/u10/l64/cs0/th0");
	assert_string_equal(pts[1].id,
			    "user/rcu/t2/compact/u0/l64/cs0/th0/w1");
	assert_non_null(strstr(pts[1].config, "\nupdate_pct=0\nupdaters=1\n"));
	free(pts);
	set_ok(&m, "update-pct", "5");
	assert_int_equal(expand(&m, t, &pts), 1);
	assert_string_equal(pts[0].id, "user/rcu/t2/compact/u5/l64/cs0/th0");
	free(pts);
	/* The default's value given explicitly is given: 10, not 0. */
	set_ok(&m, "update-pct", "10");
	assert_int_equal(expand(&m, t, &pts), 1);
	assert_string_equal(pts[0].id, "user/rcu/t2/compact/u10/l64/cs0/th0");
	free(pts);
	hwloc_topology_destroy(t);
}

/* Expand into *pts with the plan's exclusions in *ex; the point count. */
static int expand_ex(const struct sb_matrix *m, hwloc_topology_t t,
		     struct sb_point **pts, struct sb_excluded *ex)
{
	hwloc_topology_t topo[SB_NR_BACKENDS] = { t, t, t };
	int n = -1;

	err[0] = '\0';
	if (sb_matrix_expand(m, topo, pts, &n, ex, err, sizeof(err)))
		return -1;
	return n;
}

/*
 * Values without effect are not run twice: perturb_pct and perturb_ns
 * with perturb=off, buckets and hold_ns of the timed loop alone (null),
 * an rcu_free list on a primitive without grace periods, and one --set
 * value spelt twice. The plan counts what it collapsed.
 */
static void no_effect_collapsed(void **state)
{
	hwloc_topology_t t = syn("pack:1 core:2 pu:1");
	struct sb_excluded ex;
	struct sb_point *pts;
	struct sb_matrix m;

	(void)state;
	sb_matrix_default(&m);
	set_ok(&m, "prim", "spin");
	set_ok(&m, "perturb-pct", "1,10");
	set_ok(&m, "perturb-ns", "100,200");
	assert_int_equal(expand_ex(&m, t, &pts, &ex), 1);
	assert_int_equal(ex.collapsed, 3);
	assert_non_null(strstr(ex.collapsed_why, "perturb=off"));
	assert_non_null(strstr(pts[0].config, "\nperturb_pct=10\n"));
	assert_non_null(strstr(pts[0].config, "\nperturb_ns=10000\n"));
	free(pts);
	/* perturbed, both values mean something */
	set_ok(&m, "perturb", "delay");
	assert_int_equal(expand_ex(&m, t, &pts, &ex), 4);
	assert_int_equal(ex.collapsed, 0);
	free(pts);

	sb_matrix_default(&m);
	set_ok(&m, "prim", "null,spin");
	set_ok(&m, "buckets", "1,16");
	set_ok(&m, "hold-ns", "0,500");
	/* null once, spin four times */
	assert_int_equal(expand_ex(&m, t, &pts, &ex), 5);
	assert_int_equal(ex.collapsed, 3);
	free(pts);

	sb_matrix_default(&m);
	set_ok(&m, "prim", "rcu,spin");
	assert_int_equal(sb_sets_add(&m.sets, "rcu_free=sync,async", err,
				     sizeof(err)), 0);
	assert_int_equal(expand_ex(&m, t, &pts, &ex), 3);
	assert_int_equal(ex.collapsed, 1);
	assert_non_null(strstr(ex.collapsed_why, "rcu_free"));
	free(pts);

	/* each user-only key multiplies only the rows that read it */
	sb_matrix_default(&m);
	set_ok(&m, "prim", "spin,spin_irqsave,rwlock,rcu");
	set_ok(&m, "backend", "user");
	assert_int_equal(sb_sets_add(&m.sets, "irq_mask=soft,sigmask", err,
				     sizeof(err)), 0);
	assert_int_equal(sb_sets_add(&m.sets, "rw_pref=reader,writer", err,
				     sizeof(err)), 0);
	assert_int_equal(sb_sets_add(&m.sets, "rcu_flavor=memb,qsbr", err,
				     sizeof(err)), 0);
	/* spin 1, spin_irqsave 2, rwlock 2, rcu 2 */
	assert_int_equal(expand_ex(&m, t, &pts, &ex), 7);
	free(pts);

	sb_matrix_default(&m);
	set_ok(&m, "prim", "spin");
	assert_int_equal(sb_sets_add(&m.sets, "seed=1,01", err, sizeof(err)),
			 0);
	assert_int_equal(expand_ex(&m, t, &pts, &ex), 1);
	assert_non_null(strstr(ex.set_dup, "seed=01 is seed=1"));
	free(pts);
	hwloc_topology_destroy(t);
}

/* A row omitted at its default: no fragment there, its fragment elsewhere. */
static void omitted_at_default(void **state)
{
	hwloc_topology_t t = syn("pack:1 core:2 pu:1");
	char frag[64], id[SB_ID_LEN];
	struct sb_point *pts;
	struct sb_matrix m;
	unsigned int i, n = 0;

	(void)state;
	for (i = 0; i < sb_nr_dims; i++) {
		const struct sb_dim *d = &sb_dims[i];

		if (!d->id_omit_default)
			continue;
		n++;
		sb_matrix_default(&m);
		/* a primitive every value of every row is possible with */
		set_ok(&m, "prim", "rcu");
		/* given: roles (--updaters) then leave it as it is */
		set_ok(&m, "update-pct", "0");
		/* a perturbation's share and length mean nothing when off */
		if (!strncmp(d->opt, "perturb-", 8))
			set_ok(&m, "perturb", "delay");
		assert_int_equal(expand(&m, t, &pts), 1);
		snprintf(id, sizeof(id), "%s", pts[0].id);
		free(pts);
		set_ok(&m, d->opt, other_value(d));
		assert_int_equal(expand(&m, t, &pts), 1);
		snprintf(frag, sizeof(frag), d->id_fmt, other_value(d));
		/* The default's id, with the fragment in its place. */
		if (!strstr(pts[0].id, frag) || strstr(id, frag) ||
		    strlen(pts[0].id) != strlen(id) + 1 + strlen(frag))
			fail_msg("--%s %s: id %s, at the default %s", d->opt,
				 other_value(d), pts[0].id, id);
		free(pts);
	}
	/* irq-hz and mem today. */
	assert_true(n >= 2);
	hwloc_topology_destroy(t);
}

/* Points the catalogue forbids are left out, counted, and said why. */
static void impossible_points_excluded(void **state)
{
	hwloc_topology_t t = syn("pack:1 core:2 pu:1");
	hwloc_topology_t topo[SB_NR_BACKENDS] = { t, t, t };
	struct sb_excluded ex;
	struct sb_point *pts;
	struct sb_matrix m;
	int n, i;

	(void)state;
	sb_matrix_default(&m);
	set_ok(&m, "prim", "spin,spin_irqsave,mutex");
	set_ok(&m, "irq-hz", "0,1000");
	assert_int_equal(sb_matrix_expand(&m, topo, &pts, &n, &ex, err,
					  sizeof(err)), 0);
	/* spin and mutex with irq1000 are out; every other point is in */
	assert_int_equal(n, 4);
	assert_int_equal(ex.n, 2);
	assert_non_null(strstr(ex.why, "prim=spin takes no interrupt contender"));
	for (i = 0; i < n; i++)
		if (strstr(pts[i].id, "/irq1000"))
			assert_non_null(strstr(pts[i].id, "/spin_irqsave/"));
	free(pts);
	set_ok(&m, "prim", "spin,mutex");
	set_ok(&m, "irq-hz", "1000");
	assert_int_equal(sb_matrix_expand(&m, topo, &pts, &n, &ex, err,
					  sizeof(err)), -1);
	assert_non_null(strstr(err, "every point of the matrix is impossible"));
	hwloc_topology_destroy(t);
}

/*
 * --set lists: each key with a list an axis and an id fragment; one value
 * stays out of the id (older stores' ids); a value the side refuses leaves
 * the point out; bad lists are refused naming --set.
 */
static void set_lists(void **state)
{
	hwloc_topology_t t = syn("pack:1 core:2 pu:1");
	hwloc_topology_t topo[SB_NR_BACKENDS] = { t, t, t };
	struct sb_excluded ex;
	struct sb_point *pts;
	struct sb_matrix m;
	int n, i, j;

	(void)state;
	sb_matrix_default(&m);
	set_ok(&m, "prim", "rcu");
	assert_int_equal(sb_sets_add(&m.sets, "rcu_free=sync,async seed=7",
				     err, sizeof(err)), 0);
	assert_int_equal(sb_sets_add(&m.sets, "rcu_flavor=memb,qsbr", err,
				     sizeof(err)), 0);
	assert_string_equal(m.sets.text,
			    "rcu_free=sync,async seed=7 rcu_flavor=memb,qsbr");
	n = expand(&m, t, &pts);
	assert_int_equal(n, 4);
	assert_string_equal(pts[0].id, "user/rcu/t1/compact/u10/l64/cs0/th0"
			    "/rcu_free-sync/rcu_flavor-memb");
	assert_string_equal(pts[3].id, "user/rcu/t1/compact/u10/l64/cs0/th0"
			    "/rcu_free-async/rcu_flavor-qsbr");
	assert_non_null(strstr(pts[3].config,
			       "rcu_free=async\nseed=7\nrcu_flavor=qsbr\n"));
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			assert_string_not_equal(pts[i].id, pts[j].id);
	free(pts);

	/* kfree_rcu is the kernel's: the user points are left out. */
	sb_matrix_default(&m);
	set_ok(&m, "prim", "rcu");
	set_ok(&m, "backend", "user,kernel");
	assert_int_equal(sb_sets_add(&m.sets, "rcu_free=sync,kfree_rcu", err,
				     sizeof(err)), 0);
	assert_int_equal(sb_matrix_expand(&m, topo, &pts, &n, &ex, err,
					  sizeof(err)), 0);
	assert_int_equal(n, 3);
	assert_int_equal(ex.n, 1);
	assert_non_null(strstr(ex.why, "user/rcu/"));
	assert_non_null(strstr(ex.why, "kfree_rcu"));
	free(pts);

	sb_matrix_default(&m);
	assert_int_equal(sb_sets_add(&m.sets, "rcu_free=sync,", err,
				     sizeof(err)), -1);
	assert_non_null(strstr(err, "--set 'rcu_free=sync,': empty item"));
	assert_int_equal(sb_sets_add(&m.sets, "rcu_free=sync,bogus", err,
				     sizeof(err)), -1);
	assert_non_null(strstr(err, "--set 'rcu_free=bogus'"));
	assert_int_equal(sb_sets_add(&m.sets, "irq_hz=0,100", err,
				     sizeof(err)), -1);
	assert_non_null(strstr(err, "use --irq-hz"));
	assert_int_equal(sb_sets_add(&m.sets, "seed=1", err, sizeof(err)), 0);
	assert_int_equal(sb_sets_add(&m.sets, "seed=2", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "given twice"));
	hwloc_topology_destroy(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(malformed_lists),
		cmocka_unit_test(impossible_points_excluded),
		cmocka_unit_test(set_lists),
		cmocka_unit_test(durations),
		cmocka_unit_test(expansion),
		cmocka_unit_test(max_dedup_and_limits),
		cmocka_unit_test(memory_and_ranges),
		cmocka_unit_test(every_row_parses),
		cmocka_unit_test(table_is_consistent),
		cmocka_unit_test(ids_order_and_config),
		cmocka_unit_test(omitted_at_default),
		cmocka_unit_test(roles_update_pct),
		cmocka_unit_test(no_effect_collapsed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
