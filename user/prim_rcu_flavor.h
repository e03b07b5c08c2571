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

static inline void FN(lookup)(struct sb_thread *t, sb_u64 key)
{
	struct sb_entry *e;
	int bad = 1;

	URCU(read_lock)();
	cds_list_for_each_entry_rcu(e, &t->run->list.head, node) {
		rcu_tsan_acquire(e);
		if (SB_READ_ONCE(e->key) == key) {
			sb_u64 v = SB_READ_ONCE(e->value), c;

			sb_cs_work(t, t->run->cs_ticks);
			c = SB_READ_ONCE(e->check);
			bad = c != sb_entry_check(key, v);
			break;
		}
	}
	rcu_tsan_release(&rcu_tsan_gp);	/* inside: the GP waits for it */
	URCU(read_unlock)();
	if (bad)
		t->check_failures++;
}

static inline void FN(update)(struct sb_thread *t, sb_u64 key)
{
	struct rcu_state *s = t->run->prim_data;
	struct sb_entry *e = rcu_replace(t, key);

	if (!e)
		return;
	if (s->async) {
		e->retired = sb_ticks();
		rcu_tsan_release(e);
		URCU(call_rcu)(&e->rcu, FN(free_cb));
	} else {
		sb_u64 t0 = sb_ticks();

		URCU(synchronize_rcu)();
		sb_hist_record(&t->hist[SB_H_RCU_GP],
			       sb_ticks_to_ns(sb_ticks() - t0));
		rcu_retired(t->run, e);
	}
}

static int FN(thread_init)(struct sb_thread *t)
{
	URCU(register_thread)();
	(void)t;
	return 0;
}

static void FN(thread_exit)(struct sb_thread *t)
{
	URCU(unregister_thread)();
	(void)t;
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
	.help = "liburcu, rcu_flavor=" SB_XSTR(RCU_FL),
	/* the kernel's rcu takes irq_hz; see user/README.md */
	.irq_refusal = "this mirror runs no RCU reader in a signal handler "
		       "(a qsbr thread may be offline when the signal lands)",
	.init = rcu_init_common,
	.exit = FN(exit),
	.thread_init = FN(thread_init),
	.thread_exit = FN(thread_exit),
	.worker = FN(worker),
};

#undef URCU
#undef FN
#undef RCU_FL
#undef RCU_QUIESCE
