// SPDX-License-Identifier: GPL-2.0
/*
 * rcu_nogp (broken): RCU readers, an updater that does not wait; the
 * userspace twin of kmod/prim_rcu_nogp.c. Lookups walk under liburcu's
 * rcu_read_lock() (the memb flavour) as prim_rcu.c's do; an update copies
 * the entry, bumps the copy and replaces it under an update-side mutex,
 * then frees the old entry at once, with no synchronize_rcu(): a reader
 * still on it reads freed memory.
 *
 * The free poisons the entry into the quarantine (race.h): its links stay
 * (a reader standing on it walks on into memory still allocated), its key,
 * value and check read as poison, so the reader counts uaf_reads. The
 * window is the reader's, between finding the entry and reading it,
 * inside rcu_read_lock(): perturb=yield is refused there by the catalogue
 * (no SB_CAP_YIELD), as in the kernel. Racy on purpose: not run under TSan.
 */
#define _LGPL_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <urcu/urcu-memb.h>
#include "perturb.h"
#include "race.h"

static int rcu_nogp_thread_init(struct sb_thread *t)
{
	(void)t;
	urcu_memb_register_thread();
	return 0;
}

static void rcu_nogp_thread_exit(struct sb_thread *t)
{
	(void)t;
	urcu_memb_unregister_thread();
}

static inline void rcu_nogp_lookup(struct sb_thread *t, struct sb_run *run,
				   sb_u64 key)
{
	struct sb_entry *e, *found = NULL;
	sb_u64 n = 0;

	urcu_memb_read_lock();
	cds_list_for_each_entry_rcu(e, &sb_bucket_of(&run->list, key)->head,
				    node) {
		if (SB_READ_ONCE(e->key) == key) {
			found = e;
			break;
		}
		if (++n > run->list.len)	/* bounded */
			break;
	}
	if (found) {
		sb_perturb(t, run);
		sb_race_read(t, found);
	} else if (run->churn) {
		t->lookup_misses++;
	} else {
		/* the walk went through freed entries and missed its key */
		t->check_failures++;
		sb_violation(t);
	}
	urcu_memb_read_unlock();
}

/* Rare and long (an allocation, the update lock): out of line. */
static __attribute__((noinline)) void
rcu_nogp_update(struct sb_thread *t, struct sb_run *run, sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	pthread_mutex_t *lock = sb_bucket_lock(b);
	struct sb_entry *old, *n = sb_race_alloc(run);

	if (!n) {	/* no memory or the quarantine is full: run.c says */
		t->update_misses_all++;
		return;
	}
	pthread_mutex_lock(lock);
	old = sb_list_find(b, key);
	if (!old) {
		/* n is registered in the quarantine: freed with it */
		pthread_mutex_unlock(lock);
		sb_update_missed(t, run);
		return;
	}
	sb_cs_work(t, run->cs_ticks);
	sb_race_replace(run, b, old, n, 1, 1);
	pthread_mutex_unlock(lock);
	/* The bug: no synchronize_rcu() here. */
	sb_entry_poison(old);
}

#define SB_WORKER rcu_nogp_worker
#define SB_LOOKUP rcu_nogp_lookup
#define SB_UPDATE rcu_nogp_update
#include "worker.h"

const struct sb_prim sb_prim_rcu_nogp = {
	.name = "rcu_nogp",
	.irq_refusal = "it is broken on purpose; the contender needs a sound primitive",
	/* each bucket's update-side mutex, in it */
	.lock_size = sizeof(pthread_mutex_t),
	.lock_init = sb_bucket_mutex_init,
	.lock_exit = sb_bucket_mutex_exit,
	.thread_init = rcu_nogp_thread_init,
	.thread_exit = rcu_nogp_thread_exit,
	.worker = rcu_nogp_worker,
};
