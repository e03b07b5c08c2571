// SPDX-License-Identifier: GPL-2.0
/* What differs between two stores beyond the point ids; see cmp_match.h. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/cmp_match.h"
#include "store/machine.h"
#include "sb_config.h"
#include "util/json.h"
#include "util/util.h"

/* meta.json values that tell machines and kernels apart (see the header). */
static const char *const sb_cmp_machine_keys[][2] = {
	{ "cpu_model", NULL }, { "nr_cpus", NULL }, { "kernel", NULL },
	{ "machine", "smt" }, { "machine", "hz" }, { "machine", "preempt" },
	{ "machine", "boost" }, { "machine", "debug_locks" },
	{ "machine", "governors" }, { "debug_kernel", NULL },
};

/*
 * Result keys that say how the run ran rather than what it measured, and
 * so tell two runs of one config apart: a perturber under SCHED_FIFO (root)
 * preempts the workers, one under SCHED_OTHER (unprivileged) only shares
 * their CPU. {key, its value in a record from before it existed}.
 */
static const char *const sb_cmp_run_keys[][2] = {
	{ "perturb_sched", "none" },
};

/*
 * A point's config: each config key's text, its default when absent; and
 * the run keys above.
 */
static json_t *rec_config(const json_t *rec)
{
	json_t *o = json_object();
	char v[256];
	unsigned int i;

	for (i = 0; i < SB_ARRAY_SIZE(sb_cmp_run_keys); i++) {
		const char *name = sb_cmp_run_keys[i][0];

		if (json_object_get(rec, name))
			sb_jstr(rec, name, v, sizeof(v));
		else
			snprintf(v, sizeof(v), "%s", sb_cmp_run_keys[i][1]);
		json_object_set_new(o, name, json_string(v));
	}

	for (i = 0; i < sb_nr_keys; i++) {
		const char *name = sb_keys[i].name;

		if (json_object_get(rec, name))
			sb_jstr(rec, name, v, sizeof(v));
		else
			snprintf(v, sizeof(v), "%s", sb_keys[i].def);
		json_object_set_new(o, name, json_string(v));
	}
	return o;
}

/*
 * point id -> its config, from the first record of each point (a point's
 * repeats share one config). Lines that do not parse (a torn last line)
 * are skipped: the store's own reader has judged the file already.
 */
static json_t *load_configs(const char *dir, char *err, size_t errlen)
{
	char path[PATH_MAX];
	json_t *out = json_object(), *rec;
	char *line = NULL;
	size_t cap = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/points.jsonl", dir);
	f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "cannot read %s: %s", path,
			 strerror(errno));
		json_decref(out);
		return NULL;
	}
	while (getline(&line, &cap, f) > 0) {
		const char *id;

		rec = json_loads(line, 0, NULL);
		id = json_string_value(json_object_get(rec, "point"));
		if (id && !json_object_get(out, id))
			json_object_set_new(out, id, rec_config(rec));
		json_decref(rec);
	}
	free(line);
	fclose(f);
	return out;
}

static struct sb_cmp_diff *diff_add(struct sb_cmp_diffs *d, const char *key,
				    const char *what)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (!strcmp(d->d[i].key, key))
			return &d->d[i];
	if (d->n == SB_CMP_MAX_DIFFS)
		return NULL;
	memset(&d->d[d->n], 0, sizeof(d->d[0]));
	snprintf(d->d[d->n].key, sizeof(d->d[0].key), "%s", key);
	d->d[d->n].what = what;
	return &d->d[d->n++];
}

/* The config keys that differ between the points both stores hold. */
static void config_diffs(const json_t *ca, const json_t *cb,
			 struct sb_cmp_diffs *d)
{
	const char *id, *k;
	json_t *a, *b, *va;

	json_object_foreach((json_t *)ca, id, a) {
		b = json_object_get(cb, id);
		if (!b)
			continue;
		json_object_foreach(a, k, va) {
			const char *x = json_string_value(va);
			const char *y = json_string_value(json_object_get(b, k));
			struct sb_cmp_diff *e;

			if (!x || !y || !strcmp(x, y) || !(e = diff_add(d, k,
								"config")))
				continue;
			if (!e->npoints++) {
				snprintf(e->a, sizeof(e->a), "%s", x);
				snprintf(e->b, sizeof(e->b), "%s", y);
			}
		}
	}
}

/* The governors of a machine object's CPUs: "cpu0=performance ..." */
static json_t *governors(const json_t *m)
{
	json_t *cpus = json_object_get(json_object_get(m, "cpufreq"), "cpus");
	json_t *a = json_array(), *c;
	size_t i;

	json_array_foreach(cpus, i, c)
		json_array_append(a, json_object_get(c, "governor"));
	return a;
}

/* One machine value of a meta object (a new reference), NULL: unknown. */
static json_t *machine_value(const json_t *meta, const char *const *k)
{
	json_t *v = json_object_get(meta, k[0]);
	int dbg;

	/*
	 * Worked out from the machine objects, not read: a store from before
	 * the key, or a vm run whose host is not its kernel, still says.
	 */
	if (!strcmp(k[0], "debug_kernel")) {
		dbg = sb_meta_debug_kernel(meta);
		return dbg < 0 ? NULL : json_boolean(dbg);
	}
	if (!k[1])
		return json_incref(v);
	if (!v)
		return NULL;
	if (!strcmp(k[1], "governors"))
		return governors(v);
	return json_incref(json_object_get(v, k[1]));
}

static void machine_diffs(const json_t *ma, const json_t *mb,
			  struct sb_cmp_diffs *d)
{
	char key[64];
	size_t i;

	for (i = 0; i < SB_ARRAY_SIZE(sb_cmp_machine_keys); i++) {
		const char *const *k = sb_cmp_machine_keys[i];
		json_t *a = machine_value(ma, k), *b = machine_value(mb, k);
		struct sb_cmp_diff *e;
		char *sa, *sbv;

		snprintf(key, sizeof(key), "%s%s%s", k[0], k[1] ? "." : "",
			 k[1] ? k[1] : "");
		if (a && b && !json_equal(a, b) &&
		    (e = diff_add(d, key, strcmp(k[0], "kernel") ? "machine" :
				  "kernel"))) {
			sa = json_dumps(a, JSON_COMPACT | JSON_SORT_KEYS |
					JSON_ENCODE_ANY);
			sbv = json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS |
					 JSON_ENCODE_ANY);
			snprintf(e->a, sizeof(e->a), "%s", sa ? sa : "?");
			snprintf(e->b, sizeof(e->b), "%s", sbv ? sbv : "?");
			free(sa);
			free(sbv);
		}
		json_decref(a);
		json_decref(b);
	}
}

int sb_cmp_match(const char *a, const json_t *meta_a, const char *b,
		 const json_t *meta_b, struct sb_cmp_diffs *d, char *err,
		 size_t errlen)
{
	json_t *ca = load_configs(a, err, errlen), *cb;

	d->n = 0;
	if (!ca)
		return -1;
	cb = load_configs(b, err, errlen);
	if (!cb) {
		json_decref(ca);
		return -1;
	}
	config_diffs(ca, cb, d);
	machine_diffs(meta_a, meta_b, d);
	json_decref(ca);
	json_decref(cb);
	return 0;
}

void sb_cmp_diff_keys(const struct sb_cmp_diffs *d, char *buf, size_t len)
{
	struct sb_buf b;
	size_t i;

	sb_buf_init(&b, buf, len);
	for (i = 0; i < d->n; i++)
		sb_bprintf(&b, "%s%s", i ? ", " : "", d->d[i].key);
}

void sb_cmp_diffs_print(const struct sb_cmp_diffs *d)
{
	size_t i;

	/* sb_errf: a value from a store shows its control bytes escaped. */
	for (i = 0; i < d->n; i++) {
		const struct sb_cmp_diff *e = &d->d[i];
		char pts[64] = "";

		if (e->npoints)
			snprintf(pts, sizeof(pts), " (%zu point%s in common)",
				 e->npoints, e->npoints == 1 ? "" : "s");
		sb_errf("syncbench compare: differs: %s (%s): A %s, B %s%s\n",
			e->key, e->what, e->a, e->b, pts);
	}
}

json_t *sb_cmp_diffs_json(const struct sb_cmp_diffs *d)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < d->n; i++)
		json_array_append_new(a, json_pack(
			"{s:s,s:s,s:s,s:s,s:I}", "key", d->d[i].key, "what",
			d->d[i].what, "a", d->d[i].a, "b", d->d[i].b,
			"points", (json_int_t)d->d[i].npoints));
	return a;
}
