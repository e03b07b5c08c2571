// SPDX-License-Identifier: GPL-2.0
/* List setup, post-run invariants and teardown; see list.h. */
#include <stdlib.h>
#include "entry_cache.h"
#include "list.h"

int sb_list_init(struct sb_list *l, sb_u64 len, unsigned int nbuckets,
		 size_t lock_size, void *(*alloc)(size_t bytes, void *arg),
		 void *arg)
{
	size_t lock_bytes = (lock_size + SB_CACHELINE - 1) &
			    ~(size_t)(SB_CACHELINE - 1);
	sb_u64 i;

	memset(l, 0, sizeof(*l));
	l->key_space = len;
	l->len = len;
	l->nbuckets = nbuckets;
	l->stride = sizeof(struct sb_bucket) + lock_bytes;
	/* alloc() gives a cache-line aligned block (place.c) */
	l->mem_bytes = nbuckets * l->stride + len * sizeof(struct sb_entry);
	l->mem = alloc(l->mem_bytes, arg);
	if (!l->mem)
		return -1;
	l->buckets = l->mem;
	l->pool = (struct sb_entry *)(l->buckets + nbuckets * l->stride);
	for (i = 0; i < nbuckets; i++) {
		struct sb_bucket *b = sb_bucket_at(l, i);

		memset(b, 0, sizeof(*b));
		CDS_INIT_LIST_HEAD(&b->head);
		b->len = (len - i + nbuckets - 1) / nbuckets;	/* i, i+N.. */
		b->walk_max = len;
		b->idx = i;
		b->nbuckets = nbuckets;
	}
	for (i = 0; i < len; i++) {
		struct sb_entry *e = &l->pool[i];

		memset(e, 0, sizeof(*e));
		e->key = i;
		e->value = i;
		e->check = sb_entry_check(i, i);
		e->pooled = 1;
		e->ref = 1;
		l->initial_sum += i;
		cds_list_add_tail(&e->node, &sb_bucket_of(l, i)->head);
	}
	return 0;
}

int sb_list_churn_init(struct sb_list *l, sb_u64 key_space)
{
	unsigned int i;
	sb_u64 j;

	l->key_space = key_space;
	for (i = 0; i < l->nbuckets; i++) {
		struct sb_bucket *b = sb_bucket_at(l, i);

		/* keys i, i + N, ... below key_space (>= len > i) */
		b->slots = (key_space - i + l->nbuckets - 1) / l->nbuckets;
		b->present = calloc((b->slots + 63) / 64, sizeof(sb_u64));
		if (!b->present)
			return -1;	/* sb_list_free() frees the others */
		for (j = 0; j < b->len; j++)
			b->present[j / 64] |= 1ULL << (j % 64);
	}
	return 0;
}

static int sb_present(const sb_u64 *bits, sb_u64 j)
{
	return (SB_READ_ONCE(bits[j / 64]) >> (j % 64)) & 1;
}

/*
 * The first free slot of @b at or after @start, wrapping; @fallback when
 * there is none (only when racing: the caller just freed one).
 */
static sb_u64 sb_free_slot(const struct sb_bucket *b, sb_u64 start,
			   sb_u64 fallback)
{
	sb_u64 words = (b->slots + 63) / 64, w, i, j;

	for (i = 0; i <= words; i++) {
		w = (start / 64 + i) % words;
		if (!~SB_READ_ONCE(b->present[w]))
			continue;
		for (j = w * 64; j < w * 64 + 64 && j < b->slots; j++)
			if ((i || j >= start) && !sb_present(b->present, j))
				return j;
	}
	return fallback;
}

/* Where a fresh key's search starts: where old's key hashes (wandering). */
static sb_u64 sb_slot_start(const struct sb_bucket *b, sb_u64 oldkey)
{
	return ((oldkey * SB_CHECK_MUL) >> 32) * b->slots >> 32;
}

void sb_list_churn(struct sb_bucket *b, struct sb_entry *old,
		   struct sb_entry *new, int rcu)
{
	sb_u64 j = old->key / b->nbuckets;

	b->present[j / 64] &= ~(1ULL << (j % 64));
	j = sb_free_slot(b, sb_slot_start(b, old->key), j);
	b->present[j / 64] |= 1ULL << (j % 64);
	sb_entry_fresh(new, j * b->nbuckets + b->idx, old->value + 1);
	if (rcu) {
		/*
		 * cds_list_add_rcu() and cds_list_del_rcu() with their
		 * stores to a next pointer as C11 releases: the same
		 * instructions on x86, and stores TSan can pair with the
		 * readers' loads (liburcu's are volatile stores).
		 */
		new->node.next = b->head.next;
		new->node.prev = &b->head;
		__atomic_store_n(&b->head.next, &new->node, __ATOMIC_RELEASE);
		new->node.next->prev = &new->node;
		old->node.next->prev = old->node.prev;
		__atomic_store_n(&old->node.prev->next, old->node.next,
				 __ATOMIC_RELEASE);
	} else {
		cds_list_add(&new->node, &b->head);
		cds_list_del(&old->node);
	}
}

int sb_list_quarantine_init(struct sb_list *l, sb_u64 cap)
{
	struct sb_entry *e;
	unsigned int i;

	l->quarantine = calloc(cap, sizeof(*l->quarantine));
	if (!l->quarantine)
		return -1;
	l->quarantine_cap = cap;
	l->nr_quarantine = 0;
	for (i = 0; i < l->nbuckets; i++)
		cds_list_for_each_entry(e, &sb_bucket_at(l, i)->head, node)
			sb_list_quarantine_add(l, e);
	return 0;
}

int sb_list_quarantine_add(struct sb_list *l, struct sb_entry *e)
{
	sb_u64 i = __atomic_fetch_add(&l->nr_quarantine, 1, __ATOMIC_RELAXED);

	if (i >= l->quarantine_cap) {
		__atomic_fetch_sub(&l->nr_quarantine, 1, __ATOMIC_RELAXED);
		return 0;
	}
	l->quarantine[i] = e;
	return 1;
}

/*
 * The same churn with nothing held (a broken primitive): two of these at
 * once lose links, leave an unlinked entry reachable or the bitmap wrong,
 * which the list check counts. Memory-safe all the same: every entry stays
 * allocated until the run ends (the quarantine), a walk is bounded and a
 * key is never outside the bitmap. Racy on purpose (none is not run under
 * TSan).
 */
void sb_list_churn_racy(struct sb_bucket *b, struct sb_entry *old,
			struct sb_entry *new)
{
	sb_u64 oldkey = SB_READ_ONCE(old->key), j = oldkey / b->nbuckets;
	struct cds_list_head *prev, *next;

	if (j < b->slots)
		__atomic_fetch_and(&b->present[j / 64], ~(1ULL << (j % 64)),
				   __ATOMIC_RELAXED);
	else
		j = 0;
	j = sb_free_slot(b, sb_slot_start(b, oldkey), j);
	__atomic_fetch_or(&b->present[j / 64], 1ULL << (j % 64),
			  __ATOMIC_RELAXED);
	sb_entry_fresh(new, j * b->nbuckets + b->idx,
		       SB_READ_ONCE(old->value) + 1);
	next = SB_READ_ONCE(b->head.next);
	new->node.next = next;
	new->node.prev = &b->head;
	SB_WRITE_ONCE(next->prev, &new->node);
	SB_WRITE_ONCE(b->head.next, &new->node);
	prev = SB_READ_ONCE(old->node.prev);
	next = SB_READ_ONCE(old->node.next);
	SB_WRITE_ONCE(next->prev, prev);
	SB_WRITE_ONCE(prev->next, next);
}

/*
 * One bucket's walk for sb_list_check(): keys marked in @seen, damage
 * counted (a key twice, out of range or of another bucket; a torn entry;
 * a length not the bucket's), the values summed into @sum.
 */
static void sb_bucket_check(const struct sb_bucket *b, sb_u64 keys,
			    unsigned char *seen, sb_u64 *sum,
			    struct sb_list_check *c)
{
	struct sb_entry *e;
	sb_u64 n = 0;

	cds_list_for_each_entry(e, &b->head, node) {
		if (n > b->walk_max) {
			c->violations++;	/* longer than the whole list */
			break;
		}
		n++;
		*sum += e->value;
		if (e->check != sb_entry_check(e->key, e->value)) {
			c->bad_entries++;
			c->violations++;
		}
		if (e->key >= keys || !seen || seen[e->key]++ ||
		    e->key % b->nbuckets != b->idx)
			c->violations++;
	}
	c->final_len += n;
	c->violations += n > b->len ? n - b->len : b->len - n;
}

/* Whether key @k should be on the list: its bucket's presence bit. */
static int sb_list_present(const struct sb_list *l, sb_u64 k)
{
	return sb_present(sb_bucket_of(l, k)->present, k / l->nbuckets);
}

/*
 * The post-run invariants, counted as kmod/list.c counts them, once per
 * unit of damage, per bucket where they are a bucket's:
 *  - a bucket's length differs from its share of list_len: |difference|;
 *  - a key is missing, seen again, out of range or in another bucket than
 *    its own: one per key (with delete_insert: of key_space, "missing"
 *    meaning on its bucket's presence bitmap but not on the list, or the
 *    reverse);
 *  - an entry's check does not match its key and value: one per entry;
 *  - sum(values) differs from the initial sum plus the updates performed:
 *    |difference| (the updates lost to the race, for none).
 * The walks are bounded, so a corrupted (cyclic) list cannot hang us.
 */
void sb_list_check(struct sb_list *l, sb_u64 updates, struct sb_list_check *c)
{
	int churn = sb_bucket_at(l, 0)->present != NULL;
	sb_u64 keys = churn ? l->key_space : l->len;
	unsigned char *seen = calloc(keys, 1);
	sb_u64 sum = 0, want = l->initial_sum + updates, i;
	unsigned int b;

	memset(c, 0, sizeof(*c));
	for (b = 0; b < l->nbuckets; b++)
		sb_bucket_check(sb_bucket_at(l, b), keys, seen, &sum, c);
	for (i = 0; seen && i < keys; i++)
		if (churn ? !!seen[i] != sb_list_present(l, i) : !seen[i])
			c->violations++;
	c->lost_updates = (sb_s64)(want - sum);
	c->violations += sum > want ? sum - want : want - sum;
	free(seen);
}

struct sb_entry *sb_entry_new(struct sb_list *l)
{
	if (l->cache)
		return sb_entry_cache_get(l->cache);
	return calloc(1, sizeof(struct sb_entry));
}

void sb_entry_drop(struct sb_list *l, struct sb_entry *e)
{
	if (e->pooled)
		return;
	if (l->cache)
		sb_entry_cache_put(l->cache, e);
	else
		free(e);
}

void sb_entry_retire(struct sb_list *l, struct sb_entry *e)
{
	SB_WRITE_ONCE(e->key, SB_POISON_KEY);
	SB_WRITE_ONCE(e->check, ~sb_entry_check(e->key, e->value));
	sb_entry_drop(l, e);
}

void sb_list_free(struct sb_list *l)
{
	struct sb_entry *e, *n;
	unsigned int b;
	sb_u64 i;

	if (!l->mem)
		return;
	if (l->quarantine) {
		/* every entry of the run, once: the links are not trusted */
		for (i = 0; i < l->nr_quarantine && i < l->quarantine_cap; i++)
			sb_entry_drop(l, l->quarantine[i]);
		free(l->quarantine);
		l->quarantine = NULL;
	}
	for (b = 0; b < l->nbuckets; b++) {
		struct sb_bucket *bk = sb_bucket_at(l, b);

		free(bk->present);
		bk->present = NULL;
		if (!l->quarantine_cap)
			cds_list_for_each_entry_safe(e, n, &bk->head, node) {
				cds_list_del(&e->node);
				sb_entry_drop(l, e);
			}
		CDS_INIT_LIST_HEAD(&bk->head);
	}
}
