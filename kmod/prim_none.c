// SPDX-License-Identifier: GPL-2.0
/*
 * none: no synchronisation, the race baseline. Updates are in place and
 * never touch the links, so the list stays walkable; what breaks is the
 * check-then-act increment (lost updates, counted by the sum invariant) and
 * lookups that see a value without its check word (check_failures).
 * The accesses are deliberately racy and plain, not data_race(): the race
 * is what this row shows, and KCSAN is to report it too (vm.kcsan).
 */
#include "prim.h"

static int sb_none_check(const struct sb_config *cfg, char *err,
			 size_t errlen)
{
	if (cfg->irq_hz) {
		sb_snprintf(err, errlen,
			    "prim none: irq_hz must be 0: the interrupt contender needs a lock to contend on");
		return -1;
	}
	return 0;
}

static __always_inline int sb_none_lookup(struct sb_thread *t,
					  struct sb_run *run, u64 key)
{
	/* Racing with unlocked updates is the point of this primitive. */
	return sb_lookup_locked(t, run, sb_bucket_of(&run->list, key), key);
}

static __always_inline int sb_none_update(struct sb_thread *t,
					  struct sb_run *run, u64 key)
{
	/* The lost update this race causes is what the run measures. */
	return sb_update_locked(t, run, sb_bucket_of(&run->list, key), key);
}

#define SB_LOOP sb_none_loop
#define SB_LOOKUP sb_none_lookup
#define SB_UPDATE sb_none_update
#include "worker.h"

const struct sb_prim_ops sb_prim_none = {
	.name = "none",
	.check = sb_none_check,
	.loop = sb_none_loop,
};
