/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The matrix dimensions of `syncbench run`, one row each (dims.c). A row
 * drives everything about its dimension: the option and its --help line, the
 * list's parsing, the odometer of sb_matrix_expand (rows in table order, the
 * last row turning fastest), the point id fragment, the config key it writes
 * (or owns, so that --set may not set it), the "matrix" object of meta.json,
 * and the plots' workload label.
 *
 * A dimension whose values are unsigned integers written straight into one
 * config key is kind SB_DIM_ULIST and needs nothing but its row: its range
 * comes from the config key table (common/sb_config.c) and its value goes
 * into the point's dimv[] at the row's index. The other kinds (backend, prim,
 * threads, placement, cpus, mem) have their hooks in dims.c.
 */
#ifndef SB_BENCH_DIMS_H
#define SB_BENCH_DIMS_H

#include <stddef.h>
#include <jansson.h>

#include "sb_config.h"
#include "matrix/placement.h"

#define SB_MAX_DIM 64	/* values in one list */
#define SB_MAX_DIMS 24	/* rows the table may grow to */

enum sb_dim_kind {
	SB_DIM_ULIST,	/* values of config key .key: integers, decimals or words */
	SB_DIM_BACKEND,
	SB_DIM_PRIM,
	SB_DIM_THREADS,	/* 1..SB_MAX_THREADS or max */
	SB_DIM_PLACEMENT,
	SB_DIM_CPUS,	/* the CPUs of --placement explicit; not an axis */
	SB_DIM_MEM,
};

/* One value of a list. */
union sb_dim_value {
	unsigned long long u;	/* ULIST; THREADS (0 = max); BACKEND, PLACEMENT */
	char name[SB_PRIM_LEN];	/* PRIM */
	struct sb_mem mem;	/* MEM */
};

struct sb_dim_list {
	int n;
	union sb_dim_value v[SB_MAX_DIM];
};

struct sb_dim {
	const char *opt;	/* long option without dashes */
	const char *key;	/* config key it writes or owns; NULL: none */
	const char *name;	/* key in meta.json "matrix" and in records */
	enum sb_dim_kind kind;
	const char *id_fmt;	/* point-id fragment, %s = value; NULL: none */
	int id_pos;		/* the fragment's place in the id, < SB_MAX_DIMS */
	int id_omit_default;	/* no fragment when the value is .def */
	const char *def;	/* default, as given on the command line */
	const char *arg;	/* --help: the option's argument */
	const char *help;	/* --help: what it is */
	const char *label;	/* plots' workload label, %s = value; or NULL */
};

extern const struct sb_dim sb_dims[];
extern const unsigned int sb_nr_dims;

/* Config keys the run's own options write into every point's config. */
struct sb_run_key {
	const char *key;
	const char *opt;
	size_t matrix_off;	/* its unsigned long long in sb_matrix */
};

extern const struct sb_run_key sb_run_keys[];
extern const unsigned int sb_nr_run_keys;

/* The row of option opt (no dashes), or NULL. */
const struct sb_dim *sb_dim_find(const char *opt);
/* The row of a special kind (every special kind has exactly one row). */
const struct sb_dim *sb_dim_of_kind(enum sb_dim_kind kind);
/* Is the row an axis of the expansion (every row but cpus)? */
int sb_dim_is_axis(const struct sb_dim *d);
/* Most values its list may hold (a value repeated otherwise). */
int sb_dim_max_values(const struct sb_dim *d);

/*
 * Parse one item of the row's list into *v; -1 with a reason naming the
 * option. ULIST ranges are the config key's.
 */
int sb_dim_parse(const struct sb_dim *d, const char *item,
		 union sb_dim_value *v, char *err, size_t errlen);

/*
 * The options that own config key key[0..len) ("--threads/--placement/
 * --cpus" for cpus, "--duration" for duration_ms) into buf; NULL if none.
 */
const char *sb_dims_key_owner(const char *key, size_t len, char *buf,
			      size_t buflen);

/* The --help line of a row (ends in a newline). */
void sb_dim_usage(const struct sb_dim *d, char *buf, size_t len);

struct sb_point;

/* Put value v of the row into the point (threads: 0 = max, still). */
void sb_dim_apply(const struct sb_dim *d, const union sb_dim_value *v,
		  struct sb_point *p);
/* The point's value of the row, as its id fragment and label show it. */
void sb_dim_point_text(const struct sb_dim *d, const struct sb_point *p,
		       char *buf, size_t len);
/*
 * The value the row writes into the point's config under .key, into buf;
 * -1 when the row writes none (a key another row of the same key writes).
 */
int sb_dim_config_text(const struct sb_dim *d, const struct sb_point *p,
		       char *buf, size_t len);
/* The point's value of the row as a record's "matrix" object stores it. */
json_t *sb_dim_point_json(const struct sb_dim *d, const struct sb_point *p);
/* One list value as meta.json's "matrix" stores it. */
json_t *sb_dim_value_json(const struct sb_dim *d,
			  const union sb_dim_value *v);

#endif /* SB_BENCH_DIMS_H */
