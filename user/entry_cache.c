// SPDX-License-Identifier: GPL-2.0
/* Node-placed entries for replacements; see entry_cache.h. */
#include <numa.h>
#include <string.h>
#include "entry_cache.h"
#include "list.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
/* A recycled entry stays poisoned while free: a late reader is reported. */
#define sb_poison(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define sb_unpoison(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define sb_poison(p, n) ((void)(p), (void)(n))
#define sb_unpoison(p, n) ((void)(p), (void)(n))
#endif

#define SB_CHUNK_BYTES (64 * 1024)

struct sb_entry_chunk {
	struct sb_entry_chunk *next;
	struct sb_entry e[];
};

#define SB_CHUNK_ENTRIES \
	((SB_CHUNK_BYTES - sizeof(struct sb_entry_chunk)) / \
	 sizeof(struct sb_entry))

void sb_entry_cache_init(struct sb_entry_cache *c, int node)
{
	memset(c, 0, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	c->node = node;
}

/* With c->lock held: a new chunk's entries onto the free list. */
static int sb_entry_cache_grow(struct sb_entry_cache *c)
{
	struct sb_entry_chunk *k = numa_alloc_onnode(SB_CHUNK_BYTES, c->node);
	size_t i;

	if (!k)
		return -1;
	k->next = c->chunks;
	c->chunks = k;
	for (i = 0; i < SB_CHUNK_ENTRIES; i++) {
		k->e[i].node.next = (struct cds_list_head *)c->free;
		c->free = &k->e[i];
		sb_poison(&k->e[i], sizeof(k->e[i]));
	}
	return 0;
}

struct sb_entry *sb_entry_cache_get(struct sb_entry_cache *c)
{
	struct sb_entry *e = NULL;

	pthread_mutex_lock(&c->lock);
	if (c->free || !sb_entry_cache_grow(c)) {
		e = c->free;
		sb_unpoison(e, sizeof(*e));
		c->free = (struct sb_entry *)e->node.next;
	}
	pthread_mutex_unlock(&c->lock);
	if (e)
		memset(e, 0, sizeof(*e));
	return e;
}

void sb_entry_cache_put(struct sb_entry_cache *c, struct sb_entry *e)
{
	pthread_mutex_lock(&c->lock);
	e->node.next = (struct cds_list_head *)c->free;
	c->free = e;
	sb_poison(e, sizeof(*e));
	pthread_mutex_unlock(&c->lock);
}

void sb_entry_cache_fini(struct sb_entry_cache *c)
{
	struct sb_entry_chunk *k, *next;

	for (k = c->chunks; k; k = next) {
		next = k->next;
		sb_unpoison(k, SB_CHUNK_BYTES);
		numa_free(k, SB_CHUNK_BYTES);
	}
	c->chunks = NULL;
	c->free = NULL;
	pthread_mutex_destroy(&c->lock);
}
