/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The --set keys of a run: config keys no matrix row owns, each with one
 * value or a comma list (`--set rcu_free=sync,async --set irq_mask=soft`).
 * A key with a list is an axis of the expansion like a row of dims.c,
 * turning after every row, and a fragment of the point id,
 * "/<key>-<value>" after the rows' ones; a key with one value is the same
 * for every point and stays out of the id, so the ids of runs stored before
 * lists existed are unchanged and --resume finds them. A value that is an
 * earlier one of its list spelt otherwise (seed=1,01) is dropped (dup says
 * which, for the plan). meta.json keeps
 * every --set as given, space-joined ("set"), as it always has.
 */
#ifndef SB_MATRIX_SETS_H
#define SB_MATRIX_SETS_H

#include <stddef.h>

#define SB_MAX_SETS 16		/* keys */
#define SB_MAX_SET_VALUES 16	/* values of one key */
#define SB_SET_VALUE_LEN 64

struct sb_set_key {
	char key[32];
	int n;
	char v[SB_MAX_SET_VALUES][SB_SET_VALUE_LEN];
};

struct sb_sets {
	struct sb_set_key k[SB_MAX_SETS];
	int n;
	char text[512];		/* every --set as given, space-joined */
	/* A list value dropped as an earlier one spelt otherwise; or "". */
	char dup[160];
};

/*
 * One --set argument: whitespace-separated key=LIST pairs. Every value is
 * checked by the common config parser, a key the matrix owns is refused
 * naming its option, a key given twice is refused. 0, or -1 with a
 * one-line reason naming --set.
 */
int sb_sets_add(struct sb_sets *s, const char *arg, char *err, size_t len);
/* Is key i an axis (more than one value)? */
static inline int sb_set_is_axis(const struct sb_sets *s, int i)
{
	return s->k[i].n > 1;
}

#endif /* SB_MATRIX_SETS_H */
