// SPDX-License-Identifier: GPL-2.0
/*
 * toctou (broken): time of check to time of use. A lookup finds its entry
 * under a spinlock, drops the lock, then reads and verifies the entry; an
 * update finds it the same way, writes value + 1 into it with nothing held,
 * then retakes the lock to replace the entry with a fresh copy and free the
 * old one (the act of "check, unlock, act"). Between the unlock and the use
 * another CPU may free the entry: the bug kernel code has when it drops a
 * lock before using what it found under it.
 *
 * The free poisons the entry into the quarantine (race.c), so each such
 * use is counted (uaf_reads, uaf_writes) and never touches freed memory;
 * the updates lost to the unlocked write show in the sum invariant. The
 * window between the unlock and the use is where perturb schedules badly:
 * nothing is held there, so every mode, yield included, is legal.
 */
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "prim.h"

/* Each bucket's lock (buckets=N): its own, in the bucket. */
static int sb_toctou_lock_init(struct sb_run *run, void *lock)
{
	spin_lock_init((spinlock_t *)lock);
	return 0;
}

/* The check: find @key under its bucket's lock, and drop the lock. */
static __always_inline struct sb_entry *sb_toctou_find(struct sb_bucket *b,
						       u64 key)
{
	spinlock_t *l = sb_bucket_lock(b);
	struct sb_entry *e;

	spin_lock(l);
	e = sb_list_find(b, key);
	spin_unlock(l);
	return e;
}

static __always_inline int sb_toctou_lookup(struct sb_thread *t,
					    struct sb_run *run, u64 key)
{
	struct sb_entry *e = sb_toctou_find(sb_bucket_of(&run->list, key), key);

	if (!e)
		return -ENOENT;
	sb_perturb(t, run);
	/* The use, unlocked: the entry may be freed by now. */
	return sb_race_read(t, e);
}

/* The act: rare and long (an allocation, the lock again), out of line. */
static noinline int sb_toctou_update(struct sb_thread *t, struct sb_run *run,
				     u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	struct sb_entry *e = sb_toctou_find(b, key), *new;
	spinlock_t *l = sb_bucket_lock(b);
	int ret;

	if (!e)
		return -ENOENT;
	sb_perturb(t, run);
	ret = sb_race_write(t, e);
	if (ret)
		return ret;
	/* Allocate before the lock: GFP_KERNEL may sleep. */
	new = sb_race_alloc(run);
	if (IS_ERR(new))
		return PTR_ERR(new);
	spin_lock(l);
	if (READ_ONCE(e->key) == SB_POISON_KEY) {
		/* freed under us since the check: a second free averted */
		spin_unlock(l);
		if (sb_measuring(t))
			t->uaf_writes++;
		sb_violation(t);
		return -ESTALE;
	}
	sb_cs(t, run);
	sb_race_replace(run, b, e, new, false, 0);
	/*
	 * Freed at once: the lookups that found it may still be using it.
	 * Poisoned under the lock, so the test above is exact: an entry
	 * whose key is not poisoned there is still on the list.
	 */
	sb_entry_poison(e);
	spin_unlock(l);
	return 0;
}

#define SB_LOOP sb_toctou_loop
#define SB_LOOKUP sb_toctou_lookup
#define SB_UPDATE sb_toctou_update
#include "worker.h"

const struct sb_prim_ops sb_prim_toctou = {
	.name = "toctou",
	.loop = sb_toctou_loop,
	.lock_size = sizeof(spinlock_t),
	.lock_init = sb_toctou_lock_init,
};
