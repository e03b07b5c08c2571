/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The body of a lookup and of an in-place update, shared by the lock
 * primitives (called with their lock held) and by none (called with
 * nothing held: that is the race it shows).
 *
 * The value and the check are read, and written, as two separate accesses
 * with the cs_ns busy work between them, so an unsynchronised update lands
 * in the middle: lookups see torn entries and concurrent updates of one key
 * lose increments. The list structure itself is never changed here.
 */
#ifndef SB_USER_LISTOPS_H
#define SB_USER_LISTOPS_H

#include <errno.h>
#include "run.h"
#include "clock.h"
#include "perturb.h"

/*
 * The bucket locks several primitives share the type of (buckets=N; their
 * ops' lock_init and lock_exit): a pthread_spinlock_t, a default mutex.
 */
static inline int sb_bucket_spin_init(struct sb_run *run, void *lock)
{
	(void)run;
	return pthread_spin_init(lock, PTHREAD_PROCESS_PRIVATE) ? -ENOMEM : 0;
}

static inline void sb_bucket_spin_exit(struct sb_run *run, void *lock)
{
	(void)run;
	pthread_spin_destroy(lock);
}

static inline int sb_bucket_mutex_init(struct sb_run *run, void *lock)
{
	(void)run;
	return -pthread_mutex_init(lock, NULL);
}

static inline void sb_bucket_mutex_exit(struct sb_run *run, void *lock)
{
	(void)run;
	pthread_mutex_destroy(lock);
}

/*
 * The cs_ns work inside a critical or read-side section, and the
 * perturbation there (the real primitives': a SB_CAP_UAF row perturbs its
 * own check-then-act window instead, perturb.h).
 */
static inline void sb_cs_work(struct sb_thread *t, sb_u64 cs)
{
	if (__builtin_expect(t->run->perturb_cs, 0))
		sb_perturb_window(t, t->run);
	if (cs) {
		t->cs_ticks += sb_busy_ticks(cs);
		t->cs_count++;
	}
}

/*
 * hold_ns: the lookup uses the entry it found, reading and checking it
 * again and again for @ticks, still inside the caller's critical or
 * read-side section; 1 if a read in that time was torn.
 */
static __attribute__((noinline, unused)) int
sb_hold_entry(const struct sb_entry *e, sb_u64 key, sb_u64 ticks)
{
	sb_u64 t0 = sb_ticks();
	int bad = 0;

	do {
		sb_u64 v = SB_READ_ONCE(e->value);

		bad |= SB_READ_ONCE(e->check) != sb_entry_check(key, v);
		__builtin_ia32_pause();
	} while (sb_ticks() - t0 < ticks);
	return bad;
}

/*
 * ref=refcount, inside the lookup's section: the cs_ns work, then a
 * reference on @e for the loop to use it after the section (worker.h). A
 * count already 0 is an entry on its way out: the lookup found nothing.
 */
static __attribute__((noinline, unused)) int
sb_entry_get(struct sb_thread *t, struct sb_entry *e, sb_u64 cs)
{
	int n = __atomic_load_n(&e->ref, __ATOMIC_RELAXED);

	sb_cs_work(t, cs);
	do {
		if (!n)
			return SB_LK_MISS;
	} while (!__atomic_compare_exchange_n(&e->ref, &n, n + 1, 1,
					      __ATOMIC_ACQUIRE,
					      __ATOMIC_RELAXED));
	t->held = e;
	return 0;
}

/*
 * Lookup of @key in its bucket @b. Returns 0, SB_LK_TORN or SB_LK_MISS
 * (the key is not on the list).
 */
static inline int sb_op_lookup_nocount(struct sb_run *run,
				       struct sb_bucket *b, sb_u64 key,
				       sb_u64 cs, struct sb_thread *t)
{
	struct sb_entry *e = sb_list_find(b, key);
	sb_u64 v, c;

	if (!e)
		return SB_LK_MISS;
	if (t && __builtin_expect(run->ref, 0))
		return sb_entry_get(t, e, cs);
	v = SB_READ_ONCE(e->value);
	if (t)
		sb_cs_work(t, cs);
	c = SB_READ_ONCE(e->check);
	if (t && __builtin_expect(run->hold_ticks != 0, 0) &&
	    sb_hold_entry(e, key, run->hold_ticks))
		return 1;
	return c != sb_entry_check(key, v);
}

/*
 * A violation detected during the run (a torn read, a key the walk lost,
 * a use after free: race.h): counted in the measured window, and the
 * first one's time kept (first_violation_ns, violations_per_sec).
 */
static __attribute__((noinline, unused)) void
sb_violation(struct sb_thread *t)
{
	if (sb_run_phase(t->run) != SB_PH_MEASURE)
		return;
	t->win_violations++;
	if (!t->first_violation)
		t->first_violation = sb_ticks();
}

/*
 * A lookup's outcome counted: delete_insert makes a key off the list a
 * lookup that found nothing; otherwise a missing key, like a torn entry,
 * is a broken list.
 */
static inline void sb_lookup_count(struct sb_thread *t, struct sb_run *run,
				   int ret)
{
	if (__builtin_expect(ret == SB_LK_MISS && run->churn, 0)) {
		t->lookup_misses++;
	} else if (ret) {
		t->check_failures++;
		sb_violation(t);
	}
}

/* ... and an update that found its key off the list: it changed nothing. */
static __attribute__((noinline, unused)) void
sb_update_missed(struct sb_thread *t, struct sb_run *run)
{
	if (run->churn) {
		t->update_misses++;
		t->update_misses_all++;
	} else {
		t->check_failures++;
		sb_violation(t);
	}
}

/* The caller holds what the primitive needs for bucket @b. */
static inline void sb_op_lookup(struct sb_thread *t, struct sb_run *run,
				struct sb_bucket *b, sb_u64 key)
{
	sb_lookup_count(t, run,
			sb_op_lookup_nocount(run, b, key, run->cs_ticks, t));
}

/*
 * @e into a broken row's quarantine; 0 when it is full, which stops the
 * run (status=stopped: everything measured until then is kept, run.c).
 */
static inline int sb_run_quarantine_add(struct sb_run *run,
					struct sb_entry *e)
{
	if (sb_list_quarantine_add(&run->list, e))
		return 1;
	__atomic_store_n(&run->qfull, 1, __ATOMIC_RELAXED);
	return 0;
}

/*
 * delete_insert under the lock: the cs_ns work, then the spare entry the
 * loop allocated before the lock replaces @old under a key absent from
 * the list; the loop frees @old after the unlock.
 */
static __attribute__((noinline, unused)) void
sb_op_churn(struct sb_thread *t, struct sb_run *run, struct sb_bucket *b,
	    struct sb_entry *old)
{
	if (!t->spare) {	/* no memory: an update that changed nothing */
		t->check_failures++;
		t->update_misses_all++;
		return;
	}
	if (run->list.quarantine && !sb_run_quarantine_add(run, t->spare)) {
		/* full: the run stops (status=stopped), nothing changed */
		t->update_misses_all++;
		return;
	}
	sb_cs_work(t, run->cs_ticks);
	if (run->list.quarantine) {
		/* a broken primitive: nothing held; old stays allocated */
		sb_list_churn_racy(b, old, t->spare);
		t->spare = NULL;
		return;
	}
	sb_list_churn(b, old, t->spare, 0);
	t->spare = NULL;
	t->to_free = old;
}

static inline void sb_op_update(struct sb_thread *t, struct sb_run *run,
				struct sb_bucket *b, sb_u64 key)
{
	struct sb_entry *e = sb_list_find(b, key);
	sb_u64 v;

	if (!e) {
		sb_update_missed(t, run);
		return;
	}
	if (__builtin_expect(run->churn, 0)) {
		sb_op_churn(t, run, b, e);
		return;
	}
	v = SB_READ_ONCE(e->value) + 1;
	sb_cs_work(t, run->cs_ticks);
	SB_WRITE_ONCE(e->value, v);
	SB_WRITE_ONCE(e->check, sb_entry_check(key, v));
}

#endif /* SB_USER_LISTOPS_H */
