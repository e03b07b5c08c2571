// SPDX-License-Identifier: GPL-2.0
/*
 * toctou (broken): time of check to time of use, the userspace twin of
 * kmod/prim_toctou.c. A lookup finds its entry under a pthread spinlock,
 * drops the lock, then reads and checks the entry; an update finds it the
 * same way, writes value + 1 into it with nothing held, then retakes the
 * lock to replace the entry with a fresh copy and free the old one.
 * Between the unlock and the use another thread may free the entry.
 *
 * The free poisons the entry into the quarantine (race.h): each late use
 * is counted (uaf_reads, uaf_writes) and touches only memory that is still
 * allocated; the updates lost to the unlocked write show in the sum
 * invariant. The window between the unlock and the use is where perturb
 * schedules badly: nothing is held there, so every mode is legal. Racy on
 * purpose: not run under TSan.
 */
#include <errno.h>
#include <stdlib.h>
#include "perturb.h"
#include "race.h"

/* The check: find @key under its bucket's lock, and drop the lock. */
static inline struct sb_entry *toctou_find(struct sb_bucket *b, sb_u64 key)
{
	pthread_spinlock_t *l = sb_bucket_lock(b);
	struct sb_entry *e;

	pthread_spin_lock(l);
	e = sb_list_find(b, key);
	pthread_spin_unlock(l);
	return e;
}

static inline void toctou_lookup(struct sb_thread *t, struct sb_run *run,
				 sb_u64 key)
{
	struct sb_entry *e = toctou_find(sb_bucket_of(&run->list, key), key);

	if (!e) {
		sb_lookup_count(t, run, SB_LK_MISS);
		return;
	}
	sb_perturb(t, run);
	/* The use, unlocked: the entry may be freed by now. */
	sb_race_read(t, e);
}

/* The act: rare and long (an allocation, the lock again), out of line. */
static __attribute__((noinline)) void
toctou_update(struct sb_thread *t, struct sb_run *run, sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	pthread_spinlock_t *l = sb_bucket_lock(b);
	struct sb_entry *e = toctou_find(b, key), *n;

	if (!e) {
		sb_update_missed(t, run);
		return;
	}
	sb_perturb(t, run);
	if (sb_race_write(t, e))
		return;
	n = sb_race_alloc(run);
	if (!n) {	/* no memory or the quarantine is full: run.c says */
		t->update_misses_all++;
		return;
	}
	pthread_spin_lock(l);
	if (SB_READ_ONCE(e->key) == SB_POISON_KEY) {
		/* freed under us since the check: a second free averted */
		pthread_spin_unlock(l);
		sb_race_uaf_write(t);
		return;
	}
	sb_cs_work(t, run->cs_ticks);
	sb_race_replace(run, b, e, n, 0, 0);
	/*
	 * Freed at once: the lookups that found it may still be using it.
	 * Poisoned under the lock, so the test above is exact.
	 */
	sb_entry_poison(e);
	pthread_spin_unlock(l);
}

#define SB_WORKER toctou_worker
#define SB_LOOKUP toctou_lookup
#define SB_UPDATE toctou_update
#include "worker.h"

const struct sb_prim sb_prim_toctou = {
	.name = "toctou",
	.irq_refusal = "it is broken on purpose; the contender needs a sound lock",
	.lock_size = sizeof(pthread_spinlock_t),
	.lock_init = sb_bucket_spin_init,	/* each bucket's, in it */
	.lock_exit = sb_bucket_spin_exit,
	.worker = toctou_worker,
};
