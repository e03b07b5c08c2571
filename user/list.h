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
};

struct sb_entry_cache;

struct sb_list {
	struct cds_list_head head;
	/* where entries made during the run come from; NULL: malloc() */
	struct sb_entry_cache *cache;
	struct sb_entry *pool;	/* list_len entries, on the configured node */
	size_t pool_bytes;
	sb_u64 len;
	sb_u64 initial_sum;
	/*
	 * update_op=delete_insert: the keys on the list, a bitmap over
	 * key_space kept under the update side's exclusion; NULL otherwise.
	 */
	sb_u64 *present;
	sb_u64 key_space;
};

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

/* A lookup's outcome besides 0 (irq work, sb_op_lookup_nocount()). */
#define SB_LK_TORN 1	/* a torn entry */
#define SB_LK_MISS 2	/* the key is not on the list */

#define SB_READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define SB_WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

/*
 * Walk to @key; NULL if it is not on the list (an invariant violation).
 * Bounded by the length, so a corrupted list ends the walk, not the run.
 */
static inline struct sb_entry *sb_list_find(struct sb_list *l, sb_u64 key)
{
	struct sb_entry *e;
	sb_u64 n = 0;

	cds_list_for_each_entry(e, &l->head, node) {
		if (SB_READ_ONCE(e->key) == key)
			return e;
		if (++n > l->len)
			break;
	}
	return NULL;
}

/*
 * The list memory: @alloc(bytes) gives the pool (placed by the caller),
 * entries are initialised with value = key. Returns -1 on no memory.
 */
int sb_list_init(struct sb_list *l, sb_u64 len,
		 void *(*alloc)(size_t bytes, void *arg), void *arg);
/* delete_insert: the presence bitmap over @key_space; -1 on no memory. */
int sb_list_churn_init(struct sb_list *l, sb_u64 key_space);
/*
 * delete_insert, under the update side's exclusion, @old found for its
 * key: link @new under a key absent from the list (old's own when no
 * other is), value old's + 1, then unlink @old (@rcu: the _rcu list
 * operations, for readers that walk without the lock). The caller frees
 * @old: after the lock, or after a grace period.
 */
void sb_list_churn(struct sb_list *l, struct sb_entry *old,
		   struct sb_entry *new, int rcu);
/* Post-run invariants; @updates is every update done, warm-up included. */
void sb_list_check(struct sb_list *l, sb_u64 updates,
		   struct sb_list_check *c);
/* Free the entries that are not in the pool; the caller frees the pool. */
void sb_list_free(struct sb_list *l);
/* A new entry for a replacement (RCU), from l->cache or malloc(). */
struct sb_entry *sb_entry_new(struct sb_list *l);
/* Give back an entry from sb_entry_new() that was never published. */
void sb_entry_drop(struct sb_list *l, struct sb_entry *e);
/* Free one replaced entry (RCU): poison it so a late reader notices. */
void sb_entry_retire(struct sb_list *l, struct sb_entry *e);

#endif /* SB_USER_LIST_H */
