/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Who wins where. An objective (--objective) ranks the contenders of a
 * regime: throughput, lookup p99, update p99, the interrupt lateness with
 * the lock held, or fairness. A cell is one regime (backend, interrupt
 * rate, workload, threads): its winner by the objective's median over the
 * repeats, the runner-up, the margin between them and whether it is
 * beyond noise (Welch's t-test at 95% over the repeats' logarithms, and at
 * least 2%: store/stats.h).
 *
 * The regime map lays cells out over two swept dimensions: the plots' x
 * (columns, view.h) and the other swept dimension with the most values
 * (rows), one map per backend, interrupt rate and remaining workload (a
 * "context"). Its crossovers are said in words (regime_text.c).
 */
#ifndef SB_REPORT_REGIME_H
#define SB_REPORT_REGIME_H

#include <stddef.h>

#include "plot/view.h"

enum sb_objective {
	SB_OBJ_THROUGHPUT, SB_OBJ_LOOKUP_P99, SB_OBJ_UPDATE_P99, SB_OBJ_IRQ,
	SB_OBJ_FAIRNESS, SB_NR_OBJ,
};

struct sb_objective_info {
	const char *name;	/* --objective */
	const char *key;	/* the record key ranked */
	int higher;		/* higher is better */
	const char *what;	/* in words */
};

extern const struct sb_objective_info sb_objectives[SB_NR_OBJ];

/* 0 and *o, or -1 for a name that is none. */
int sb_objective_parse(const char *s, enum sb_objective *o);

struct sb_cell {
	const struct sb_pgroup *best, *second;
	double vbest, vsecond;	/* the objective's medians */
	double margin;		/* how much better best is: 0.12 = 12% */
	int clear;		/* the margin is beyond noise */
};

/*
 * Can g win: ok, not a broken or harness row, the main placement, the list
 * intact, and native unless the store has native points at all (emulated
 * timings never beat real ones in a table).
 */
int sb_regime_contender(const struct sb_view *v, const struct sb_pgroup *g);
/* g's median of the objective; NAN when it has none. */
double sb_objective_value(const struct sb_pgroup *g, enum sb_objective o);
/* g into c as a contender; then sb_cell_finish() once all are in. */
void sb_cell_add(struct sb_cell *c, const struct sb_pgroup *g,
		 enum sb_objective o);
void sb_cell_finish(struct sb_cell *c, enum sb_objective o);

struct sb_regime_ctx {
	char key[400];		/* backend|irq|workload */
	char title[320];	/* "user, list 64" */
	struct sb_cell *cells;	/* [row][col], nrows x ncols */
};

struct sb_regime_map {
	const struct sb_view *v;
	enum sb_objective obj;
	const struct sb_view_dim *col, *row;	/* row may be NULL: 1-D */
	size_t ncols, nrows;
	struct sb_regime_ctx *ctx;
	size_t nctx, nctx_all;	/* drawn, and how many there were */
};

#define SB_REGIME_MAX_CTX 24

/*
 * Build the map of v's store for o. Returns 0, or 1 when the store sweeps
 * nothing a map could show (one value of every dimension).
 */
int sb_regime_build(struct sb_regime_map *m, const struct sb_view *v,
		    enum sb_objective o);
void sb_regime_free(struct sb_regime_map *m);

#endif /* SB_REPORT_REGIME_H */
