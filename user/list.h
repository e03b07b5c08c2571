/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shared list of the workload (docs/DESIGN.md, "The workload"):
 * list_len entries {key, value, check}, keys 0..list_len-1 in order, on
 * liburcu's cds_list, which mirrors the kernel's list.h/rculist.h line for
 * line.
 *
 * check = sb_entry_check(key, value); a lookup that reads a value and check
 * that do not match has seen a torn (or freed) entry. Every update adds 1 to
 * one value, so after a run sum(values) == initial sum + updates performed.
 * The kernel side uses the same formula and invariants.
 */
#ifndef SB_USER_LIST_H
#define SB_USER_LIST_H

#include <urcu/list.h>
#include <urcu/rculist.h>
#include <urcu/urcu-memb.h>	/* struct rcu_head */
#include "sb_result.h"

/* the same constants as kmod/list.h: a point means the same on both sides */
#define SB_CHECK_MUL 0x9e3779b97f4a7c15ULL	/* 2^64 / golden ratio */
#define SB_CHECK_MAGIC 0x5b5b1c0ffee5eed5ULL
#define SB_POISON_KEY 0xdeadbeefdeadbeefULL	/* retired entry (RCU) */

struct sb_entry {
	struct cds_list_head node;
	sb_u64 key;
	sb_u64 value;
	sb_u64 check;
	sb_u64 retired;		/* ticks when replaced (RCU grace periods) */
	struct rcu_head rcu;
	int pooled;		/* part of the initial pool: never free()d */
	/*
	 * ref=refcount: the list's reference (1 while linked) plus one per
	 * lookup using the entry; the last put frees an unlinked entry.
	 */
	int ref;
};

struct sb_entry_cache;

#define SB_CACHELINE 64

/*
 * buckets=N: key k lives in bucket k mod N, a list of its own. Each
 * bucket is a cache line of this header followed by the primitive's lock
 * for it (its lock_size bytes, from the next cache line on): buckets share
 * no line, and a bucket's lock is not on its list head's line.
 */
struct sb_bucket {
	struct cds_list_head head;
	sb_u64 len;		/* the entries it holds: its share of list_len */
	sb_u64 walk_max;	/* a walk's bound: list_len */
	/*
	 * update_op=delete_insert: the bucket's keys on its list, slot j for
	 * key j * N + idx of key_space, kept under the bucket's update-side
	 * exclusion (a bitmap of its own: no word is shared with a bucket
	 * another lock guards); NULL otherwise.
	 */
	sb_u64 *present;
	sb_u64 slots;
	unsigned int idx;
	unsigned int nbuckets;
} __attribute__((aligned(SB_CACHELINE)));

struct sb_list {
	/* nbuckets x stride bytes, then the pool: one placed allocation */
	char *buckets;
	size_t stride;
	unsigned int nbuckets;
	void *mem;
	size_t mem_bytes;
	/* where entries made during the run come from; NULL: malloc() */
	struct sb_entry_cache *cache;
	struct sb_entry *pool;	/* list_len entries, on the configured node */
	sb_u64 len;
	sb_u64 initial_sum;
	sb_u64 key_space;
	/*
	 * delete_insert on a broken primitive: every entry of the run, none
	 * freed before its end (racing unlinks leave entries reachable after
	 * their "free"), so the race damages the list, never the process.
	 */
	struct sb_entry **quarantine;
	sb_u64 nr_quarantine;		/* atomic */
	sb_u64 quarantine_cap;
};

static inline struct sb_bucket *sb_bucket_at(const struct sb_list *l,
					     unsigned int i)
{
	return (struct sb_bucket *)(l->buckets + (size_t)i * l->stride);
}

/* The bucket of @key (key_space is below 2^32: a 32-bit division). */
static inline struct sb_bucket *sb_bucket_of(const struct sb_list *l,
					     sb_u64 key)
{
	if (__builtin_expect(l->nbuckets == 1, 1))
		return (struct sb_bucket *)l->buckets;
	return sb_bucket_at(l, (unsigned int)key % l->nbuckets);
}

/* The primitive's lock of bucket @b (its lock_size bytes). */
static inline void *sb_bucket_lock(struct sb_bucket *b)
{
	return b + 1;
}

struct sb_list_check {
	sb_u64 final_len;
	sb_u64 violations;	/* units of invariant damage, see list.c */
	sb_s64 lost_updates;	/* initial + updates - sum(values) */
	sb_u64 bad_entries;	/* entries whose check does not match */
};

static inline sb_u64 sb_entry_check(sb_u64 key, sb_u64 value)
{
	return (key * SB_CHECK_MUL) ^ value ^ SB_CHECK_MAGIC;
}

/*
 * @new, about to be linked: key @k, @value, its check, the list's
 * reference; not from the pool, not retired.
 */
static inline void sb_entry_fresh(struct sb_entry *new, sb_u64 k,
				  sb_u64 value)
{
	new->key = k;
	new->value = value;
	new->check = sb_entry_check(k, value);
	new->pooled = 0;
	new->retired = 0;
	new->ref = 1;
}

/* A lookup's outcome besides 0 (irq work, sb_op_lookup_nocount()). */
#define SB_LK_TORN 1	/* a torn entry */
#define SB_LK_MISS 2	/* the key is not on the list */

#define SB_READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define SB_WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

/*
 * Walk bucket @b to @key; NULL if it is not on the list. Bounded by the
 * list's length, so a corrupted list ends the walk, not the run.
 */
static inline struct sb_entry *sb_list_find(struct sb_bucket *b, sb_u64 key)
{
	struct sb_entry *e;
	sb_u64 n = 0;

	cds_list_for_each_entry(e, &b->head, node) {
		if (SB_READ_ONCE(e->key) == key)
			return e;
		if (++n > b->walk_max)
			break;
	}
	return NULL;
}

/*
 * The list memory: @alloc(bytes) gives the buckets (@nbuckets, each with
 * @lock_size bytes for the primitive's lock, initialised by the caller)
 * and the pool in one block placed by the caller; entries are initialised
 * with value = key. Returns -1 on no memory.
 */
int sb_list_init(struct sb_list *l, sb_u64 len, unsigned int nbuckets,
		 size_t lock_size, void *(*alloc)(size_t bytes, void *arg),
		 void *arg);
/* delete_insert: the presence bitmaps over @key_space; -1 on no memory. */
int sb_list_churn_init(struct sb_list *l, sb_u64 key_space);
/*
 * delete_insert, under the update side's exclusion, @old found for its
 * key: link @new under a key absent from the list (old's own when no
 * other is), value old's + 1, then unlink @old (@rcu: the _rcu list
 * operations, for readers that walk without the lock). The caller frees
 * @old: after the lock, or after a grace period.
 */
void sb_list_churn(struct sb_bucket *b, struct sb_entry *old,
		   struct sb_entry *new, int rcu);
/* The quarantine: its registry, the list's entries in it; -1 on no memory. */
int sb_list_quarantine_init(struct sb_list *l, sb_u64 cap);
/* @e into it; 0 when it is full. */
int sb_list_quarantine_add(struct sb_list *l, struct sb_entry *e);
/* sb_list_churn() with nothing held: racing, but memory-safe. */
void sb_list_churn_racy(struct sb_bucket *b, struct sb_entry *old,
			struct sb_entry *new);
/* Post-run invariants; @updates is every update done, warm-up included. */
void sb_list_check(struct sb_list *l, sb_u64 updates,
		   struct sb_list_check *c);
/*
 * Free the entries that are not in the pool, and the bitmaps; the caller
 * frees l->mem (the buckets and the pool).
 */
void sb_list_free(struct sb_list *l);
/* A new entry for a replacement (RCU), from l->cache or malloc(). */
struct sb_entry *sb_entry_new(struct sb_list *l);
/* Give back an entry from sb_entry_new() that was never published. */
void sb_entry_drop(struct sb_list *l, struct sb_entry *e);
/* Free one replaced entry (RCU): poison it so a late reader notices. */
void sb_entry_retire(struct sb_list *l, struct sb_entry *e);

#endif /* SB_USER_LIST_H */
