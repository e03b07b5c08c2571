/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shared list every primitive protects: list_len entries with keys
 * 0..list_len-1 and value = key at the start, over `buckets` lists. Each
 * entry carries a check word derived from key and value, so a lookup that
 * sees a half-written (torn) or freed entry notices instead of silently
 * reading garbage.
 */
#ifndef SB_LIST_H
#define SB_LIST_H

#include <linux/align.h>
#include <linux/cache.h>
#include <linux/gfp.h>
#include <linux/kcsan-checks.h>
#include <linux/list.h>
#include <linux/rculist.h>
#include <linux/refcount.h>
#include <linux/types.h>

/*
 * Every allocation of a run: it fails rather than invoke the OOM killer or
 * warn, and the run fails (or stops) cleanly with the reason. The run's
 * worst case was checked against the memory available before it started
 * (sb_budget.h), so a failure here means another task took the memory.
 * SB_GFP for kmalloc(); kvmalloc() does not take __GFP_NORETRY (mm/util.c)
 * but __GFP_RETRY_MAYFAIL, which never invokes the OOM killer either.
 */
#define SB_GFP (GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN)
#define SB_GFP_KV (GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN)

#define SB_CHECK_MUL 0x9e3779b97f4a7c15ULL
#define SB_CHECK_MAGIC 0x5b5b1c0ffee5eed5ULL

struct sb_entry {
	struct list_head node;
	u64 key;
	u64 value;
	u64 check;
	struct rcu_head rcu;
	/*
	 * ref=refcount: the list's reference (1 while linked) plus one per
	 * lookup using the entry; the last put frees an unlinked entry.
	 */
	refcount_t ref;
};

/*
 * buckets=N: key k lives in bucket k mod N, a list of its own. Each
 * bucket is a cache line of this header followed by the primitive's lock
 * for it (its ops->lock_size bytes, from the next cache line on): buckets
 * share no line, and a bucket's lock is not on its list head's line (as
 * the one global lock was not, before buckets).
 */
struct sb_bucket {
	struct list_head head;
	u64 len;		/* the entries it holds: its share of list_len */
	u64 walk_max;		/* a walk's bound: list_len */
	/*
	 * update_op=delete_insert: the bucket's keys on its list, slot j for
	 * key j * N + idx of key_space, kept under the bucket's update-side
	 * exclusion (a bitmap of its own: no word is shared with a bucket
	 * another lock guards); NULL otherwise.
	 */
	unsigned long *present;
	u64 slots;
	u32 idx;
	u32 nbuckets;
};

#define SB_BUCKET_HDR ALIGN(sizeof(struct sb_bucket), SMP_CACHE_BYTES)

struct sb_list {
	void *buckets;		/* nbuckets x stride bytes, cache-line aligned */
	void *buckets_mem;	/* as allocated */
	u32 nbuckets;
	u32 stride;
	u64 len;		/* entries wanted, in all */
	int node;		/* NUMA node of the entries */
	u64 initial_sum;	/* sum of the values before the run */
	u64 key_space;
	/*
	 * delete_insert on a broken primitive: every entry of the run, none
	 * freed before its end (racing unlinks leave entries reachable after
	 * their "free"), so the race damages the list, never the kernel.
	 */
	struct sb_entry **quarantine;
	atomic_long_t nr_quarantine;
	u64 quarantine_cap;
};

static inline struct sb_bucket *sb_bucket_at(const struct sb_list *l, u32 i)
{
	return l->buckets + (size_t)i * l->stride;
}

/* The bucket of @key (key_space is below 2^32: a 32-bit division). */
static __always_inline struct sb_bucket *sb_bucket_of(const struct sb_list *l,
						      u64 key)
{
	if (likely(l->nbuckets == 1))
		return l->buckets;
	return sb_bucket_at(l, (u32)key % l->nbuckets);
}

/* The primitive's lock of bucket @b (ops->lock_size bytes). */
static __always_inline void *sb_bucket_lock(struct sb_bucket *b)
{
	return (void *)b + SB_BUCKET_HDR;
}

/* What the post-run check found. */
struct sb_list_report {
	u64 final_len;
	u64 violations;
	u64 lost_updates;	/* initial + updates - sum, when positive */
};

static inline u64 sb_check_of(u64 key, u64 value)
{
	return (key * SB_CHECK_MUL) ^ value ^ SB_CHECK_MAGIC;
}

/*
 * Walk bucket @b to @key. The walk is bounded by the list length, so a
 * corrupted list ends the walk (NULL) instead of looping forever. Callers
 * hold the bucket's lock (or rcu_read_lock() for sb_list_find_rcu()).
 */
static inline struct sb_entry *sb_list_find(struct sb_bucket *b, u64 key)
{
	struct sb_entry *e;
	u64 n = 0;

	list_for_each_entry(e, &b->head, node) {
		if (e->key == key)
			return e;
		if (++n > b->walk_max)
			break;
	}
	return NULL;
}

static inline struct sb_entry *sb_list_find_rcu(struct sb_bucket *b, u64 key)
{
	struct sb_entry *e;
	u64 n = 0;

	list_for_each_entry_rcu(e, &b->head, node) {
		if (e->key == key)
			return e;
		if (++n > b->walk_max)
			break;
	}
	return NULL;
}

/*
 * An entry freed into the poisoned quarantine (a SB_CAP_UAF row): its key,
 * value and check overwritten with poison (slab's free byte for the
 * payload), its links left as they were (a reader standing on it walks on
 * into memory that is still allocated), its memory kept until the run
 * ends. The key never takes the poison value otherwise (keys are below
 * key_space), so a poisoned key says "freed" for good: nothing writes a
 * key after the free.
 */
#define SB_POISON_KEY 0xdeadbeefdeadbeefULL
#define SB_POISON_WORD 0x6b6b6b6b6b6b6b6bULL

static inline void sb_entry_poison(struct sb_entry *e)
{
	/*
	 * A free needs the entry to itself. The broken rows free entries
	 * that others still use, through marked accesses KCSAN would never
	 * call a data race: the assertion makes it report the overlap, the
	 * use after free the quarantine counts (vm.kcsan).
	 */
	ASSERT_EXCLUSIVE_ACCESS(e->key);
	ASSERT_EXCLUSIVE_ACCESS(e->value);
	ASSERT_EXCLUSIVE_ACCESS(e->check);
	WRITE_ONCE(e->key, SB_POISON_KEY);
	WRITE_ONCE(e->value, SB_POISON_WORD);
	WRITE_ONCE(e->check, SB_POISON_WORD);
}

/* @new, about to be linked: key @k, @value, its check, the list's ref. */
static inline void sb_entry_fresh(struct sb_entry *new, u64 k, u64 value)
{
	new->key = k;
	new->value = value;
	new->check = sb_check_of(k, value);
	refcount_set(&new->ref, 1);
}

/* A consistent entry: 0; a torn or freed one: -EBADMSG. */
static inline int sb_entry_verify(const struct sb_entry *e)
{
	u64 v = READ_ONCE(e->value);
	u64 c = READ_ONCE(e->check);

	return c == sb_check_of(e->key, v) ? 0 : -EBADMSG;
}

struct sb_entry *sb_entry_alloc(int node, gfp_t gfp);
/*
 * @len entries over @nbuckets buckets, each with @lock_size bytes for the
 * primitive's lock (initialised by the caller). 0, -ENOMEM, or -EINTR when
 * the caller got a fatal signal (a million entries take a while).
 */
int sb_list_init(struct sb_list *l, u64 len, int node, u32 nbuckets,
		 size_t lock_size);
/* delete_insert: the buckets' presence bitmaps over @key_space. */
int sb_list_churn_init(struct sb_list *l, u64 key_space);
void sb_list_churn(struct sb_bucket *b, struct sb_entry *old,
		   struct sb_entry *new, bool rcu);
/* The quarantine: its registry, the list's entries in it; 0 or -ENOMEM. */
int sb_list_quarantine_init(struct sb_list *l, u64 cap);
/* @e into it; false when it is full. */
bool sb_list_quarantine_add(struct sb_list *l, struct sb_entry *e);
/* sb_list_churn() with nothing held: racing, but memory-safe. */
void sb_list_churn_racy(struct sb_bucket *b, struct sb_entry *old,
			struct sb_entry *new);
void sb_list_free(struct sb_list *l);
int sb_list_check(struct sb_list *l, u64 updates_done,
		  struct sb_list_report *rep);

#endif /* SB_LIST_H */
