// SPDX-License-Identifier: GPL-2.0
/*
 * rcu: liburcu readers walk the list under rcu_read_lock() with
 * cds_list_for_each_entry_rcu(); an update copies the entry, bumps the
 * copy's value and swaps it in with cds_list_replace_rcu() under an
 * update-side mutex, its bucket's (rcu_list_replace()), then frees the old
 * entry after a grace period:
 * synchronize_rcu() (rcu_free=sync; its latency goes to hist rcu_gp) or
 * call_rcu() (rcu_free=async; the callback's delay goes to rcu_gp too).
 * The flavour is rcu_flavor=memb (default, sys_membarrier), mb or qsbr
 * (readers announce quiescent states after every operation). Retired
 * entries are poisoned before they are freed, so a reader that still saw
 * one counts a check failure (and ASan reports the use after free).
 */
#define _LGPL_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <urcu/urcu-memb.h>
#include <urcu/urcu-mb.h>
#include <urcu/urcu-qsbr.h>
#include "irq.h"
#include "listops.h"

/*
 * urcu/call-rcu.h has an include guard, so only the first flavour's
 * header declares its call_rcu()/rcu_barrier() under its prefix; these are
 * the other two flavours' exported functions, declared as liburcu does.
 */
void urcu_mb_call_rcu(struct rcu_head *head,
		      void (*func)(struct rcu_head *head));
void urcu_mb_barrier(void);
void urcu_qsbr_call_rcu(struct rcu_head *head,
			void (*func)(struct rcu_head *head));
void urcu_qsbr_barrier(void);

/*
 * ThreadSanitizer cannot see liburcu's ordering (its grace periods live in
 * an uninstrumented library; rcu_assign_pointer() is a volatile store and
 * a compiler barrier on x86). Tell it what RCU guarantees:
 *  - publication: the updater releases the new entry before it is linked,
 *    a reader acquires every entry it reaches;
 *  - grace periods: every reader releases rcu_tsan_gp after its read-side
 *    section, the updater acquires it when its grace period has ended, so
 *    the sections that the grace period waited for happen before the free.
 * The link store itself is a C11 release store (rcu_list_replace()).
 * Outside TSan builds these are empty.
 */
#if defined(__SANITIZE_THREAD__)
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
static char rcu_tsan_gp;
#define rcu_tsan_acquire(p) __tsan_acquire((void *)(p))
#define rcu_tsan_release(p) __tsan_release((void *)(p))
#else
static char rcu_tsan_gp __attribute__((unused));
#define rcu_tsan_acquire(p) ((void)(p))
#define rcu_tsan_release(p) ((void)(p))
#endif

/* The update side's lock is each bucket's own (rcu_bucket_init()). */
struct rcu_state {
	int async;
	struct sb_irq irq;	/* interrupt contender: readers in handlers */
};

/* The run the call_rcu callbacks account to: one run per process. */
static struct sb_run *rcu_cur_run;

static int rcu_init_common(struct sb_run *run,
			   int (*irq_work)(struct sb_thread *t, sb_u64 key))
{
	struct rcu_state *s = calloc(1, sizeof(*s));
	int rc;

	if (!s)
		return -ENOMEM;
	rc = sb_irq_init(run, &s->irq, irq_work);
	if (rc) {
		free(s);
		return rc;
	}
	s->async = run->cfg.rcu_free == SB_RCU_ASYNC;
	run->prim_data = s;
	rcu_cur_run = run;
	return 0;
}

static void rcu_exit_common(struct sb_run *run)
{
	struct rcu_state *s = run->prim_data;

	if (!s)
		return;
	sb_irq_exit(&s->irq);
	free(s);
	run->prim_data = NULL;
}

/*
 * cds_list_replace_rcu() with its publishing store written as a C11
 * release store: the same instructions on x86, and one that TSan can see
 * (liburcu's rcu_assign_pointer() is a volatile store and a barrier).
 */
static inline void rcu_list_replace(struct cds_list_head *old,
				    struct cds_list_head *new)
{
	new->next = old->next;
	new->prev = old->prev;
	__atomic_store_n(&new->prev->next, new, __ATOMIC_RELEASE);
	new->next->prev = new;
}

/* An entry is off the list and waits for its grace period. */
static void rcu_pending_inc(struct sb_run *run)
{
	sb_u64 n = __atomic_add_fetch(&run->rcu_pending, 1, __ATOMIC_RELAXED);
	sb_u64 peak = __atomic_load_n(&run->rcu_peak_pending, __ATOMIC_RELAXED);

	while (n > peak &&
	       !__atomic_compare_exchange_n(&run->rcu_peak_pending, &peak, n, 0,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

/* The grace period is over: poison and free. */
static void rcu_retired(struct sb_run *run, struct sb_entry *e)
{
	int async = e->retired != 0;

	rcu_tsan_acquire(&rcu_tsan_gp);
	if (async) {
		/* only the call_rcu thread writes cb_hist */
		sb_hist_record(&run->cb_hist,
			       sb_ticks_to_ns(sb_ticks() - e->retired));
		__atomic_add_fetch(&run->rcu_callbacks, 1, __ATOMIC_RELAXED);
	}
	if (run->ref) {
		/* no lookup can take a new reference: drop the list's */
		sb_entry_put(run, e);
	} else {
		sb_entry_retire(&run->list, e);
		__atomic_sub_fetch(&run->rcu_pending, 1, __ATOMIC_RELAXED);
	}
	if (async)	/* to the rcu_barrier() in exit */
		rcu_tsan_release(&run->cb_hist);
}

/* Copy, update, replace under the update lock; returns the old entry. */
static struct sb_entry *rcu_replace(struct sb_thread *t, sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&t->run->list, key);
	pthread_mutex_t *lock = sb_bucket_lock(b);
	struct sb_entry *e, *n = sb_entry_new(&t->run->list);

	if (!n) {
		t->check_failures++;
		return NULL;
	}
	pthread_mutex_lock(lock);
	e = sb_list_find(b, key);
	if (!e) {
		pthread_mutex_unlock(lock);
		sb_entry_drop(&t->run->list, n);
		sb_update_missed(t, t->run);
		return NULL;
	}
	if (t->run->churn) {
		/* delete_insert: a fresh entry under a key off the list */
		sb_cs_work(t, t->run->cs_ticks);
		rcu_tsan_release(n);
		sb_list_churn(b, e, n, 1);
		pthread_mutex_unlock(lock);
		rcu_pending_inc(t->run);
		return e;
	}
	/* field by field: a lookup may be changing e->ref (ref=refcount) */
	n->key = e->key;
	n->pooled = 0;
	n->retired = 0;
	n->ref = 1;
	n->value = e->value + 1;
	sb_cs_work(t, t->run->cs_ticks);
	n->check = sb_entry_check(key, n->value);
	rcu_tsan_release(n);
	rcu_list_replace(&e->node, &n->node);
	pthread_mutex_unlock(lock);
	rcu_pending_inc(t->run);
	return e;
}

#define RCU_FL memb
#include "prim_rcu_flavor.h"
#define RCU_FL mb
#include "prim_rcu_flavor.h"
#define RCU_FL qsbr
#define RCU_QUIESCE
#include "prim_rcu_flavor.h"

static const struct sb_prim *rcu_resolve(const struct sb_config *cfg)
{
	switch (cfg->rcu_flavor) {
	case SB_RCU_MB:
		return &rcu_mb_prim;
	case SB_RCU_QSBR:
		return &rcu_qsbr_prim;
	default:
		return &rcu_memb_prim;
	}
}

const struct sb_prim sb_prim_rcu = {
	.name = "rcu",
	.resolve = rcu_resolve,
};
