// SPDX-License-Identifier: GPL-2.0
/*
 * Race exposure: what the broken rows with SB_CAP_UAF (toctou, rcu_nogp)
 * share. They free entries that their own lookups and updates may still be
 * using; every entry of such a run is registered in the list's quarantine
 * (list.h) and a "free" only poisons it (sb_entry_poison()), so a late use
 * reads poison, is counted (uaf_reads, uaf_writes) and harms nothing. Each
 * violation seen during the run (a use after free, a torn read) goes
 * through sb_violation(): first_violation_ns and the rate come from it.
 */
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "prim.h"

void sb_violation(struct sb_thread *t)
{
	if (!sb_measuring(t))
		return;
	t->win_violations++;
	if (!t->first_violation)
		t->first_violation = ktime_get_ns();
}

/*
 * Read the value and the check, then the key: poison in any of them, or a
 * key poisoned while we read (the free overlapped the use), is a use after
 * free; a check that does not match otherwise is a torn read.
 */
static int sb_race_read_once(struct sb_thread *t, const struct sb_entry *e)
{
	u64 v = READ_ONCE(e->value);
	u64 c = READ_ONCE(e->check);
	u64 k = READ_ONCE(e->key);

	if (k == SB_POISON_KEY || v == SB_POISON_WORD ||
	    c == SB_POISON_WORD) {
		if (sb_measuring(t))
			t->uaf_reads++;
		sb_violation(t);
		return -ESTALE;
	}
	return c == sb_check_of(k, v) ? 0 : -EBADMSG;
}

/* With hold_ns the use goes on that long (the window with it), bounded. */
int sb_race_read(struct sb_thread *t, const struct sb_entry *e)
{
	u64 hold = t->run->hold_cycles, start;
	int ret = sb_race_read_once(t, e);

	if (likely(!hold) || ret)
		return ret;
	start = sb_now();
	while (!ret && sb_now() - start < hold) {
		cpu_relax();
		ret = sb_race_read_once(t, e);
	}
	return ret;
}

int sb_race_write(struct sb_thread *t, struct sb_entry *e)
{
	u64 k = READ_ONCE(e->key);
	u64 v = READ_ONCE(e->value);

	if (k == SB_POISON_KEY || v == SB_POISON_WORD) {
		if (sb_measuring(t))
			t->uaf_writes++;
		sb_violation(t);
		return -ESTALE;
	}
	/*
	 * Unlocked read-modify-write: concurrent ones lose updates. An
	 * in-place write needs the entry to itself; the assertion has KCSAN
	 * report the readers and writers that overlap it (vm.kcsan).
	 */
	ASSERT_EXCLUSIVE_ACCESS(e->value);
	WRITE_ONCE(e->value, v + 1);
	WRITE_ONCE(e->check, sb_check_of(k, v + 1));
	return 0;
}

bool sb_race_quarantine_add(struct sb_run *run, struct sb_entry *e)
{
	if (sb_list_quarantine_add(&run->list, e))
		return true;
	/* Stop the run: every later update would fail the same way. */
	if (!READ_ONCE(run->qfull)) {
		WRITE_ONCE(run->qfull, true);
		wake_up_all(run->abort_wq);
	}
	return false;
}

struct sb_entry *sb_race_alloc(struct sb_run *run)
{
	struct sb_entry *e = sb_entry_alloc(run->list.node, SB_GFP);

	if (!e)
		return ERR_PTR(-ENOMEM);
	if (!sb_race_quarantine_add(run, e)) {
		kfree(e);
		return ERR_PTR(-ENOSPC);
	}
	return e;
}

void sb_race_replace(struct sb_run *run, struct sb_bucket *b,
		     struct sb_entry *old, struct sb_entry *new, bool rcu,
		     u64 bump)
{
	if (run->churn) {
		/* it carries old's value + 1: take back what was not asked */
		sb_list_churn(b, old, new, rcu);
		new->value -= 1 - bump;
		new->check = sb_check_of(new->key, new->value);
		return;
	}
	sb_entry_fresh(new, old->key, READ_ONCE(old->value) + bump);
	if (rcu)
		list_replace_rcu(&old->node, &new->node);
	else
		list_replace(&old->node, &new->node);
}
