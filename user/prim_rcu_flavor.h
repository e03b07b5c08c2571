/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rcu primitive's body for one liburcu flavour; prim_rcu.c includes
 * this once per flavour with RCU_FL set to memb, mb or qsbr (liburcu's
 * own symbol prefixes, urcu_<fl>_read_lock() etc.), so each flavour's
 * read-side fast path inlines into its own timed loop.
 */
#define SB_PASTE3(a, b, c) a##b##c
#define SB_XPASTE3(a, b, c) SB_PASTE3(a, b, c)
#define URCU(x) SB_XPASTE3(urcu_, RCU_FL, _##x)
#define FN(x) SB_XPASTE3(rcu_, RCU_FL, _##x)
#define SB_STR(x) #x
#define SB_XSTR(x) SB_STR(x)

static void FN(free_cb)(struct rcu_head *head)
{
	struct sb_entry *e = caa_container_of(head, struct sb_entry, rcu);

	rcu_tsan_acquire(e);	/* handed over through liburcu's queue */
	rcu_retired(rcu_cur_run, e);
}

/* The read side: a walk to @key under rcu_read_lock(); 1 if torn. */
static inline int FN(read)(struct sb_thread *t, struct sb_run *run,
			   sb_u64 key, sb_u64 cs, sb_u64 hold, int ref,
			   int win)
{
	struct sb_entry *e;
	int bad = SB_LK_MISS;

	URCU(read_lock)();
	cds_list_for_each_entry_rcu(e, &sb_bucket_of(&run->list, key)->head,
				    node) {
		rcu_tsan_acquire(e);
		if (SB_READ_ONCE(e->key) == key) {
			sb_u64 v, c;

			if (ref) {	/* used after the section: worker.h */
				bad = sb_entry_get(t, e, cs);
				break;
			}
			v = SB_READ_ONCE(e->value);
			/* @win: a worker's lookup, the window perturb hits */
			if (cs || (win && t->run->perturb_cs))
				sb_cs_work(t, cs);
			c = SB_READ_ONCE(e->check);
			bad = c != sb_entry_check(key, v);
			if (hold)
				bad |= sb_hold_entry(e, key, hold);
			break;
		}
	}
	rcu_tsan_release(&rcu_tsan_gp);	/* inside: the GP waits for it */
	URCU(read_unlock)();
	return bad;
}

static inline void FN(lookup)(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	sb_lookup_count(t, run,
			FN(read)(t, run, key, run->cs_ticks, run->hold_ticks,
				 run->ref, 1));
}

/*
 * The interrupt (irq.h): an RCU reader in the signal handler, nested in
 * whatever the thread was doing, as a hard-IRQ reader is in the kernel.
 */
static int FN(irq_work)(struct sb_thread *t, sb_u64 key)
{
	return FN(read)(t, t->run, key, 0, 0, 0, 0);
}

/*
 * A grace period waited for by an updater. qsbr's synchronize_rcu() puts
 * this thread offline: a reader in a signal handler then would not be
 * waited for, so the interrupt is masked around it.
 */
static inline void FN(sync)(struct sb_thread *t, struct rcu_state *s)
{
#ifdef RCU_QUIESCE
	sb_irq_disable(t, &s->irq);
#else
	(void)t;
	(void)s;
#endif
	URCU(synchronize_rcu)();
#ifdef RCU_QUIESCE
	sb_irq_enable(t, &s->irq);
#endif
}

static inline void FN(update)(struct sb_thread *t, struct sb_run *run,
				sb_u64 key)
{
	struct rcu_state *s = run->prim_data;
	struct sb_entry *e = rcu_replace(t, key);

	if (!e)
		return;
	if (s->async) {
		e->retired = sb_ticks();
		rcu_tsan_release(e);
		URCU(call_rcu)(&e->rcu, FN(free_cb));
		/*
		 * Frees could pile up faster than grace periods end: past
		 * the run's cap (its memory plan, run.c) wait for one here,
		 * as the module's updater does.
		 */
		if (__atomic_load_n(&run->rcu_pending, __ATOMIC_RELAXED) >
		    run->pending_cap) {
			FN(sync)(t, s);
		}
	} else {
		sb_u64 t0 = sb_ticks();

		FN(sync)(t, s);
		sb_hist_record(&t->hist[SB_H_RCU_GP],
			       sb_ticks_to_ns(sb_ticks() - t0));
		rcu_retired(run, e);
	}
}

static int FN(thread_init)(struct sb_thread *t)
{
	struct rcu_state *s = t->run->prim_data;

	int rc;

	URCU(register_thread)();
	rc = sb_irq_thread_init(t, &s->irq);
	if (rc)
		URCU(unregister_thread)();
	return rc;
}

static void FN(thread_start)(struct sb_thread *t)
{
	struct rcu_state *s = t->run->prim_data;

	sb_irq_thread_start(t, &s->irq);
}

/* No interrupt may run a reader once the thread is unregistered. */
static void FN(thread_exit)(struct sb_thread *t)
{
	struct rcu_state *s = t->run->prim_data;

	sb_irq_thread_exit(t, &s->irq);
	URCU(unregister_thread)();
}

static int FN(init)(struct sb_run *run)
{
	return rcu_init_common(run, FN(irq_work));
}

static void FN(exit)(struct sb_run *run)
{
	/* Every call_rcu callback done before the list is checked. */
	URCU(barrier)();
	rcu_tsan_acquire(&run->cb_hist);	/* the callbacks' writes */
	rcu_exit_common(run);
}

#define SB_WORKER FN(worker)
#define SB_LOOKUP FN(lookup)
#define SB_UPDATE FN(update)
#ifdef RCU_QUIESCE
/* qsbr readers announce a quiescent state between operations */
#define SB_AFTER_OP(t) URCU(quiescent_state)()
#endif
#include "worker.h"

static const struct sb_prim FN(prim) = {
	.name = "rcu",
	.init = FN(init),
	.exit = FN(exit),
	.lock_size = sizeof(pthread_mutex_t),
	/* each bucket's update-side mutex, in it */
	.lock_init = sb_bucket_mutex_init,
	.lock_exit = sb_bucket_mutex_exit,
	.thread_init = FN(thread_init),
	.thread_start = FN(thread_start),
	.thread_exit = FN(thread_exit),
	.worker = FN(worker),
};

#undef URCU
#undef FN
#undef RCU_FL
#undef RCU_QUIESCE
