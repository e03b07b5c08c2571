/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A string-keyed hash table mapping to a size_t (an index into the
 * caller's array, a count, ...): what plot, report and compare use to find
 * a point, a series or a panel by its key in constant time, so that they
 * stay linear in the size of the store.
 *
 * Open addressing with linear probing over a power-of-two table kept at
 * most half full; keys are copied (the caller's strings may move, as the
 * elements of a realloc'd array do). Out of memory aborts, as elsewhere in
 * the readers.
 */
#ifndef SB_UTIL_HASH_H
#define SB_UTIL_HASH_H

#include <stddef.h>

struct sb_hash_ent {
	char *key;		/* NULL: empty slot */
	size_t hash;
	size_t val;
};

struct sb_hash {
	struct sb_hash_ent *ent;
	size_t cap;		/* slots, a power of two, or 0 */
	size_t n;		/* keys held */
};

void sb_hash_init(struct sb_hash *h);
void sb_hash_free(struct sb_hash *h);
/* The value of key, or NULL when absent. */
size_t *sb_hash_find(const struct sb_hash *h, const char *key);
/*
 * The value of key, added as val when absent (*added, if not NULL, says
 * which). The pointer is valid until the next sb_hash_put.
 */
size_t *sb_hash_put(struct sb_hash *h, const char *key, size_t val,
		    int *added);

/*
 * The table's copy of s, added when new: equal strings get the same
 * pointer, valid until sb_hash_free (a pool of shared strings).
 */
const char *sb_hash_intern(struct sb_hash *h, const char *s);

#endif /* SB_UTIL_HASH_H */
