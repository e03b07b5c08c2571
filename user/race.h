/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Race exposure, the userspace twin of kmod/race.c: what the broken rows
 * with SB_CAP_UAF (toctou, rcu_nogp) share. They free entries that their
 * own lookups and updates may still be using; every entry of such a run is
 * registered in the list's quarantine (list.h) and a "free" only poisons
 * it (sb_entry_poison()), so a late use reads poison, is counted
 * (uaf_reads, uaf_writes) and harms nothing: the memory stays allocated
 * until the run ends, so neither the process nor ASan sees a use after
 * free. Each violation seen in the measured window (a use after free, a
 * torn read) goes through sb_violation() (listops.h): first_violation_ns
 * and the rate come from it. Racy on purpose: these rows are not run
 * under TSan.
 */
#ifndef SB_USER_RACE_H
#define SB_USER_RACE_H

#include "listops.h"

/* The payload poison: the byte glibc's and the kernel's free poison use. */
#define SB_POISON_WORD 0x6b6b6b6b6b6b6b6bULL

static inline void sb_entry_poison(struct sb_entry *e)
{
	SB_WRITE_ONCE(e->key, SB_POISON_KEY);
	SB_WRITE_ONCE(e->value, SB_POISON_WORD);
	SB_WRITE_ONCE(e->check, SB_POISON_WORD);
}

/*
 * The use of @e outside any exclusion: the value and the check, then the
 * key; poison in any of them (or a key poisoned while we read: the free
 * overlapped the use) is a use after free, a mismatch otherwise a torn
 * read. Counted here; 0 when sound.
 */
static __attribute__((noinline, unused)) int
sb_race_read_once(struct sb_thread *t, const struct sb_entry *e)
{
	sb_u64 v = SB_READ_ONCE(e->value);
	sb_u64 c = SB_READ_ONCE(e->check);
	sb_u64 k = SB_READ_ONCE(e->key);

	if (k == SB_POISON_KEY || v == SB_POISON_WORD ||
	    c == SB_POISON_WORD) {
		if (sb_run_phase(t->run) == SB_PH_MEASURE)
			t->uaf_reads++;
		sb_violation(t);
		return 1;
	}
	if (c != sb_entry_check(k, v)) {
		t->check_failures++;
		sb_violation(t);
		return 1;
	}
	return 0;
}

/* With hold_ns the use goes on that long (the window with it). */
static inline int sb_race_read(struct sb_thread *t, const struct sb_entry *e)
{
	sb_u64 hold = t->run->hold_ticks, t0;
	int ret = sb_race_read_once(t, e);

	if (__builtin_expect(!hold, 1) || ret)
		return ret;
	t0 = sb_ticks();
	while (!ret && sb_ticks() - t0 < hold) {
		__builtin_ia32_pause();
		ret = sb_race_read_once(t, e);
	}
	return ret;
}

/* A write that found @e freed: counted, not done (its poison stays). */
static __attribute__((noinline, unused)) void
sb_race_uaf_write(struct sb_thread *t)
{
	if (sb_run_phase(t->run) == SB_PH_MEASURE)
		t->uaf_writes++;
	sb_violation(t);
	t->update_misses_all++;	/* it changed nothing */
}

/* value + 1 into @e, unlocked: 0, or -1 (a freed entry, counted). */
static inline int sb_race_write(struct sb_thread *t, struct sb_entry *e)
{
	sb_u64 k = SB_READ_ONCE(e->key);
	sb_u64 v = SB_READ_ONCE(e->value);

	if (k == SB_POISON_KEY || v == SB_POISON_WORD) {
		sb_race_uaf_write(t);
		return -1;
	}
	SB_WRITE_ONCE(e->value, v + 1);
	SB_WRITE_ONCE(e->check, sb_entry_check(k, v + 1));
	return 0;
}

/*
 * A fresh entry registered in the quarantine; NULL when there is no
 * memory or the quarantine is full (the run then stops: run.c).
 */
static inline struct sb_entry *sb_race_alloc(struct sb_run *run)
{
	struct sb_entry *e = sb_entry_new(&run->list);

	if (!e)
		return NULL;
	if (!sb_run_quarantine_add(run, e)) {
		sb_entry_drop(&run->list, e);
		return NULL;
	}
	return e;
}

/*
 * Under the row's exclusion of bucket @b: @new replaces @old carrying its
 * value + @bump (@rcu: the _rcu list operations; delete_insert: under a
 * key of the bucket absent from it). The caller then poisons @old.
 */
static inline void sb_race_replace(struct sb_run *run, struct sb_bucket *b,
				   struct sb_entry *old, struct sb_entry *new,
				   int rcu, sb_u64 bump)
{
	if (run->churn) {
		/* it carries old's value + 1: take back what was not asked */
		sb_list_churn(b, old, new, rcu);
		new->value -= 1 - bump;
		new->check = sb_entry_check(new->key, new->value);
		return;
	}
	sb_entry_fresh(new, old->key, SB_READ_ONCE(old->value) + bump);
	if (rcu) {
		new->node.next = old->node.next;
		new->node.prev = old->node.prev;
		__atomic_store_n(&new->node.prev->next, &new->node,
				 __ATOMIC_RELEASE);
		new->node.next->prev = &new->node;
	} else {
		cds_list_replace(&old->node, &new->node);
	}
}

#endif /* SB_USER_RACE_H */
