/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memory a run may take, computed once for both sides: the module
 * (si_mem_available()) and the mirror (MemAvailable) call sb_mem_plan()
 * with their own sizes and refuse a run whose worst case does not fit.
 *
 * The worst case of a run is everything it can hold at once: the list's
 * entries and buckets, the delete_insert presence bitmaps and the list
 * check's key map, a broken row's quarantine (its registry and the
 * entries it keeps), the entries in flight (off the list, not yet freed:
 * a grace period's pending frees, each thread's spare, unlinked and held
 * entries) and the per-thread state. The two bounded parts that have no
 * natural size, the quarantine and the pending frees, are sized here to
 * what is left of the budget (each at most its side's maximum), so a
 * small machine gets a smaller quarantine (a run that fills it stops
 * early: status=stopped) rather than an OOM killer.
 */
#ifndef SB_BUDGET_H
#define SB_BUDGET_H

#include "sb_config.h"

/* A run may take at most 1/SB_MEM_SHARE of the memory available. */
#define SB_MEM_SHARE 2
/*
 * The least room a quarantine or the pending frees may get beyond the
 * list: below this the run would stop (or wait for grace periods) at
 * once, so it is refused instead.
 */
#define SB_MEM_MIN_EXTRA 1024

/* One side's sizes, bytes. */
struct sb_mem_sizes {
	sb_u64 entry;		/* one list entry, as its allocator rounds it */
	sb_u64 bucket;		/* one bucket: header and the primitive's lock */
	sb_u64 thread;		/* one worker: its state, stack, perturber */
	sb_u64 fixed;		/* the run's own state and its result */
	sb_u64 check_bits;	/* the list check's map: bits per key */
	sb_u64 quarantine_max;	/* the most entries a quarantine keeps */
	sb_u64 pending_max;	/* the most frees a grace period may owe */
};

/* What a run may hold at most, bytes, and the two caps it runs with. */
struct sb_mem_plan {
	sb_u64 list;
	sb_u64 buckets;
	sb_u64 bitmaps;
	sb_u64 quarantine;
	sb_u64 in_flight;
	sb_u64 threads;
	sb_u64 fixed;
	sb_u64 total;
	sb_u64 budget;		/* available / SB_MEM_SHARE */
	/*
	 * Entries beyond list_len the quarantine keeps (0: the run has
	 * none), and the pending frees after which an updater waits for a
	 * grace period itself (0: no asynchronous frees).
	 */
	sb_u64 quarantine_extra;
	sb_u64 pending_cap;
};

/*
 * The plan of @cfg for a primitive with @caps (SB_CAP_*) on a side with
 * @sz, against @avail bytes available. 0, or -1 with the reason in @err
 * (what the run needs, part by part, and what the machine can spare);
 * @p is filled either way.
 */
int sb_mem_plan(const struct sb_config *cfg, unsigned int caps,
		const struct sb_mem_sizes *sz, sb_u64 avail,
		struct sb_mem_plan *p, char *err, size_t errlen);

#endif /* SB_BUDGET_H */
