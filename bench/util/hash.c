// SPDX-License-Identifier: GPL-2.0
/* A string-keyed open-addressing hash table; see hash.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

/* FNV-1a: short keys, no adversary, and good enough spread for ids. */
static size_t hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ULL;
	}
	return (size_t)(h ^ h >> 32);
}

void sb_hash_init(struct sb_hash *h)
{
	memset(h, 0, sizeof(*h));
}

void sb_hash_free(struct sb_hash *h)
{
	size_t i;

	for (i = 0; i < h->cap; i++)
		free(h->ent[i].key);
	free(h->ent);
	memset(h, 0, sizeof(*h));
}

/* The slot of key, or the empty slot where it would go. */
static struct sb_hash_ent *slot(const struct sb_hash *h, const char *key,
				size_t hash)
{
	size_t i = hash & (h->cap - 1);

	while (h->ent[i].key && (h->ent[i].hash != hash ||
				 strcmp(h->ent[i].key, key)))
		i = (i + 1) & (h->cap - 1);
	return &h->ent[i];
}

size_t *sb_hash_find(const struct sb_hash *h, const char *key)
{
	struct sb_hash_ent *e;

	if (!h->cap)
		return NULL;
	e = slot(h, key, hash_str(key));
	return e->key ? &e->val : NULL;
}

/* Double the table (or make the first one) and re-place every key. */
static void grow(struct sb_hash *h)
{
	struct sb_hash old = *h;
	size_t i;

	h->cap = old.cap ? old.cap * 2 : 64;
	h->ent = calloc(h->cap, sizeof(*h->ent));
	if (!h->ent)
		abort();
	for (i = 0; i < old.cap; i++)
		if (old.ent[i].key)
			*slot(h, old.ent[i].key, old.ent[i].hash) = old.ent[i];
	free(old.ent);
}

size_t *sb_hash_put(struct sb_hash *h, const char *key, size_t val,
		    int *added)
{
	size_t hash = hash_str(key);
	struct sb_hash_ent *e;

	/* At most half full: probes stay short. */
	if (2 * (h->n + 1) > h->cap)
		grow(h);
	e = slot(h, key, hash);
	if (added)
		*added = !e->key;
	if (!e->key) {
		e->key = strdup(key);
		if (!e->key)
			abort();
		e->hash = hash;
		e->val = val;
		h->n++;
	}
	return &e->val;
}

const char *sb_hash_intern(struct sb_hash *h, const char *s)
{
	size_t hash = hash_str(s);

	sb_hash_put(h, s, 0, NULL);
	return slot(h, s, hash)->key;
}
