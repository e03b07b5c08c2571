// SPDX-License-Identifier: GPL-2.0
/* The backends' descriptors and the one lookup by name; see desc.h. */
#include <stdio.h>
#include <string.h>

#include "backend/desc.h"
#include "sb_types.h"

/*
 * The table's order is --help's, the run's (backend by backend) and the
 * charts' and tables' (sb_backend_rank).
 */
const struct sb_backend_desc sb_backend_descs[SB_NR_BACKENDS] = {
	{
		.name = "user", .index = 0, .side = SB_SIDE_USER,
		.topo = SB_BK_TOPO_HOST,
		/* fork + exec of syncbench-user, its record on a pipe */
		.point_ms = 30,
		.caps = SB_BKC_MEM_INTERLEAVE | SB_BKC_CTXSW,
	},
	{
		.name = "kernel", .index = 1, .side = SB_SIDE_KERNEL,
		.needs_root = 1, .topo = SB_BK_TOPO_HOST,
		.point_ms = 10,		/* a debugfs write and read */
	},
	{
		.name = "vm", .index = 2, .side = SB_SIDE_KERNEL,
		.emulated = 1, .topo = SB_BK_TOPO_GUEST,
		.point_ms = 200,	/* frames over the guest's serial line */
		/* TCG boot ~5 s, a failed KVM probe <= 15 s */
		.start_ms = 20000,
		.caps = SB_BKC_TMPDIR,
	},
};

const struct sb_backend_desc *sb_backend_find(const char *name)
{
	unsigned int i;

	for (i = 0; name && i < SB_NR_BACKENDS; i++)
		if (!strcmp(name, sb_backend_descs[i].name))
			return &sb_backend_descs[i];
	return NULL;
}

void sb_backend_names_text(char *buf, size_t len)
{
	size_t n = 0;
	unsigned int i;

	if (len)
		*buf = '\0';
	for (i = 0; i < SB_NR_BACKENDS && n < len; i++) {
		int w = snprintf(buf + n, len - n, "%s%s",
				 !i ? "" : i + 1 == SB_NR_BACKENDS ? " or " :
				 ", ", sb_backend_descs[i].name);

		if (w < 0)
			break;
		n += (size_t)w;
	}
}

const struct sb_backend_desc *sb_backend_lookup(const char *name, char *err,
						size_t errlen)
{
	const struct sb_backend_desc *d = sb_backend_find(name);
	char names[128];

	if (d)
		return d;
	sb_backend_names_text(names, sizeof(names));
	snprintf(err, errlen, "unknown backend '%s'; use %s",
		 name ? name : "", names);
	return NULL;
}

const struct sb_backend_desc *
sb_backend_rootless(const struct sb_backend_desc *d)
{
	unsigned int i;

	for (i = 0; i < SB_NR_BACKENDS; i++)
		if (sb_backend_descs[i].side == d->side &&
		    !sb_backend_descs[i].needs_root)
			return &sb_backend_descs[i];
	return NULL;
}

unsigned int sb_backend_side(const char *name)
{
	const struct sb_backend_desc *d = sb_backend_find(name);

	return d ? d->side : 0;
}

int sb_backend_rank(const char *name)
{
	const struct sb_backend_desc *d = sb_backend_find(name);

	return d ? (int)d->index : SB_NR_BACKENDS;
}

const json_t *sb_backend_guest_details(const json_t *backends)
{
	unsigned int i;

	for (i = 0; i < SB_NR_BACKENDS; i++) {
		const json_t *o;

		if (sb_backend_descs[i].topo != SB_BK_TOPO_GUEST)
			continue;
		o = json_object_get(backends, sb_backend_descs[i].name);
		if (json_is_object(o))
			return o;
	}
	return NULL;
}
