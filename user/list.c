// SPDX-License-Identifier: GPL-2.0
/* List setup, post-run invariants and teardown; see list.h. */
#include <stdlib.h>
#include "entry_cache.h"
#include "list.h"

int sb_list_init(struct sb_list *l, sb_u64 len,
		 void *(*alloc)(size_t bytes, void *arg), void *arg)
{
	sb_u64 i;

	CDS_INIT_LIST_HEAD(&l->head);
	l->cache = NULL;
	l->present = NULL;	/* delete_insert: sb_list_churn_init() */
	l->key_space = len;
	l->len = len;
	l->initial_sum = 0;
	l->pool_bytes = len * sizeof(struct sb_entry);
	l->pool = alloc(l->pool_bytes, arg);
	if (!l->pool)
		return -1;
	for (i = 0; i < len; i++) {
		struct sb_entry *e = &l->pool[i];

		memset(e, 0, sizeof(*e));
		e->key = i;
		e->value = i;
		e->check = sb_entry_check(i, i);
		e->pooled = 1;
		l->initial_sum += i;
		cds_list_add_tail(&e->node, &l->head);
	}
	return 0;
}

int sb_list_churn_init(struct sb_list *l, sb_u64 key_space)
{
	sb_u64 i;

	l->key_space = key_space;
	l->present = calloc((key_space + 63) / 64, sizeof(sb_u64));
	if (!l->present)
		return -1;
	for (i = 0; i < l->len; i++)
		l->present[i / 64] |= 1ULL << (i % 64);
	return 0;
}

static int sb_present(const struct sb_list *l, sb_u64 k)
{
	return (l->present[k / 64] >> (k % 64)) & 1;
}

/* The first key absent from the list at or after @start, wrapping. */
static sb_u64 sb_absent_key(const struct sb_list *l, sb_u64 start)
{
	sb_u64 words = (l->key_space + 63) / 64, w, i, k;

	for (i = 0; i <= words; i++) {
		w = (start / 64 + i) % words;
		if (!~l->present[w])
			continue;
		for (k = w * 64; k < w * 64 + 64 && k < l->key_space; k++)
			if ((i || k >= start) && !sb_present(l, k))
				return k;
	}
	return start;	/* unreachable: the caller cleared one bit */
}

void sb_list_churn(struct sb_list *l, struct sb_entry *old,
		   struct sb_entry *new, int rcu)
{
	/* the search starts where old's key hashes: membership wanders */
	sb_u64 start = ((old->key * SB_CHECK_MUL) >> 32) * l->key_space >> 32;
	sb_u64 k;

	l->present[old->key / 64] &= ~(1ULL << (old->key % 64));
	k = sb_absent_key(l, start);
	l->present[k / 64] |= 1ULL << (k % 64);
	new->key = k;
	new->value = old->value + 1;
	new->check = sb_entry_check(k, new->value);
	new->pooled = 0;
	new->retired = 0;
	if (rcu) {
		cds_list_add_rcu(&new->node, &l->head);
		cds_list_del_rcu(&old->node);
	} else {
		cds_list_add(&new->node, &l->head);
		cds_list_del(&old->node);
	}
}

/*
 * The post-run invariants, counted as kmod/list.c counts them, once per
 * unit of damage:
 *  - the length differs from list_len: |length - list_len|;
 *  - a key is missing, seen again or out of range: one per key (with
 *    delete_insert: of key_space, "missing" meaning on the presence
 *    bitmap but not on the list, or the reverse);
 *  - an entry's check does not match its key and value: one per entry;
 *  - sum(values) differs from the initial sum plus the updates performed:
 *    |difference| (the updates lost to the race, for none).
 * The walk is bounded, so a corrupted (cyclic) list cannot hang us.
 */
void sb_list_check(struct sb_list *l, sb_u64 updates, struct sb_list_check *c)
{
	sb_u64 keys = l->present ? l->key_space : l->len;
	unsigned char *seen = calloc(keys, 1);
	struct sb_entry *e;
	sb_u64 sum = 0, want = l->initial_sum + updates, i;

	memset(c, 0, sizeof(*c));
	cds_list_for_each_entry(e, &l->head, node) {
		if (c->final_len > l->len) {
			c->violations++;	/* longer than it should be */
			break;
		}
		c->final_len++;
		sum += e->value;
		if (e->check != sb_entry_check(e->key, e->value)) {
			c->bad_entries++;
			c->violations++;
		}
		if (e->key >= keys || !seen || seen[e->key]++)
			c->violations++;
	}
	for (i = 0; seen && i < keys; i++)
		if (l->present ? !!seen[i] != sb_present(l, i) : !seen[i])
			c->violations++;
	c->violations += c->final_len > l->len ? c->final_len - l->len :
						  l->len - c->final_len;
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

	cds_list_for_each_entry_safe(e, n, &l->head, node) {
		cds_list_del(&e->node);
		sb_entry_drop(l, e);
	}
	free(l->present);
	l->present = NULL;
}
