// SPDX-License-Identifier: GPL-2.0
/* The registry: adding a primitive is one file and one line here. */
#include <linux/string.h>
#include "prim.h"

static const struct sb_prim_ops *const sb_prims[] = {
	&sb_prim_spin,
	&sb_prim_spin_irqsave,
	&sb_prim_mutex,
	&sb_prim_rcu,
	&sb_prim_none,
};

const struct sb_prim_ops *sb_prim_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sb_prims); i++)
		if (!strcmp(sb_prims[i]->name, name))
			return sb_prims[i];
	return NULL;
}

int sb_prim_names(char *buf, size_t len, const char *sep)
{
	struct sb_buf b;
	unsigned int i;

	sb_buf_init(&b, buf, len);
	for (i = 0; i < ARRAY_SIZE(sb_prims); i++)
		sb_bprintf(&b, "%s%s", sb_prims[i]->name, sep);
	return (int)b.n;
}
