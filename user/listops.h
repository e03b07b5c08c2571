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

#include "run.h"
#include "clock.h"

static inline void sb_cs_work(struct sb_thread *t, sb_u64 cs)
{
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

/* Returns 1 when the entry was missing or torn. */
static inline int sb_op_lookup_nocount(struct sb_run *run, sb_u64 key,
				       sb_u64 cs, struct sb_thread *t)
{
	struct sb_entry *e = sb_list_find(&run->list, key);
	sb_u64 v, c;

	if (!e)
		return 1;
	v = SB_READ_ONCE(e->value);
	if (t)
		sb_cs_work(t, cs);
	c = SB_READ_ONCE(e->check);
	if (t && __builtin_expect(run->hold_ticks != 0, 0) &&
	    sb_hold_entry(e, key, run->hold_ticks))
		return 1;
	return c != sb_entry_check(key, v);
}

static inline void sb_op_lookup(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	if (sb_op_lookup_nocount(run, key, run->cs_ticks, t))
		t->check_failures++;
}

static inline void sb_op_update(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	struct sb_entry *e = sb_list_find(&run->list, key);
	sb_u64 v;

	if (!e) {
		t->check_failures++;
		return;
	}
	v = SB_READ_ONCE(e->value) + 1;
	sb_cs_work(t, run->cs_ticks);
	SB_WRITE_ONCE(e->value, v);
	SB_WRITE_ONCE(e->check, sb_entry_check(key, v));
}

#endif /* SB_USER_LISTOPS_H */
