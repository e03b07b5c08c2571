/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entries allocated during a run (RCU's replacement copies) on one NUMA
 * node, as the kernel side's kmalloc_node() places them: chunks from
 * numa_alloc_onnode(), carved into entries and recycled through one free
 * list under a mutex.
 *
 * malloc() cannot do this: a worker's arena may be one that an earlier,
 * exited thread of this process (the harness measurement's) faulted in on
 * another node, and its pages stay there whatever the worker's memory
 * policy says. The vm.usernuma test showed 24 of 64 entries on the wrong
 * node that way.
 */
#ifndef SB_USER_ENTRY_CACHE_H
#define SB_USER_ENTRY_CACHE_H

#include <pthread.h>

struct sb_entry;
struct sb_entry_chunk;

struct sb_entry_cache {
	pthread_mutex_t lock;
	struct sb_entry *free;		/* linked through node.next */
	struct sb_entry_chunk *chunks;	/* every chunk, for fini */
	int node;
};

void sb_entry_cache_init(struct sb_entry_cache *c, int node);
/* A zeroed entry on c->node; NULL when the node has no memory left. */
struct sb_entry *sb_entry_cache_get(struct sb_entry_cache *c);
/* Back to the free list (any thread, e.g. liburcu's call_rcu thread). */
void sb_entry_cache_put(struct sb_entry_cache *c, struct sb_entry *e);
/* Release every chunk: no entry of the cache may be in use. */
void sb_entry_cache_fini(struct sb_entry_cache *c);

#endif /* SB_USER_ENTRY_CACHE_H */
