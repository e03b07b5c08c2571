// SPDX-License-Identifier: GPL-2.0
/*
 * seqlock: the kernel's seqlock_t in C11 atomics: a sequence counter and
 * a spinlock that serialises the writers. A writer makes the count odd,
 * writes, makes it even again; a reader reads the count, reads the entry
 * without any lock, and rereads the count: if it was odd, or changed, a
 * writer was (or may have been) in the middle of the entry and the read is
 * retried. Readers write nothing shared, so they scale like RCU's, but
 * they can be made to retry, and writers exclude each other. The record's
 * seq_retries counts the retried read passes (as the kernel side does);
 * the writers' latency is the update histogram.
 *
 * The entry is read and written with atomics, as the kernel's
 * READ_ONCE/WRITE_ONCE: the reads race with the writer by design, and
 * must be data-race free to be defined at all (C11; TSan would rightly
 * report plain ones). The kernel orders them with smp_wmb()/smp_rmb()
 * fences; here each entry store is a release and each entry load an
 * acquire instead (Boehm, "Can seqlocks get along with programming
 * language memory models?", MSPC 2012, which proves both forms): TSan
 * models no stand-alone fence (gcc refuses to build one with
 * -fsanitize=thread), so only this form lets it check the protocol. On
 * x86 both compile to plain moves; on arm64 to ldar/stlr per field, a
 * little dearer than one dmb per pass.
 *
 * A torn entry is never returned: the check is judged only on a pass
 * whose count validated, and a validated pass that still saw a torn entry
 * is a check failure (a broken protocol), not a retry.
 */
#include <errno.h>
#include <stdlib.h>
#include "cpu_relax.h"
#include "listops.h"

/*
 * Read passes before a reader gives up and takes the writers' lock. A
 * reader must not livelock: with writers back to back (a high update_pct,
 * a long cs_ns, or a writer on every other CPU) the count may change
 * during every pass, forever. The kernel's read_seqbegin_or_lock() (used
 * by d_path() and /proc) does the same, after one pass. Sixteen, as the
 * kernel side's seqlock (kmod/prim_seqlock.c), so that seq_retries means
 * the same on both sides; it keeps the lock-free read the common case
 * under any contention a reader has a chance against, while bounding its
 * wait to about sixteen write sections.
 */
#define SB_SEQ_MAX_RETRIES 16
/*
 * How long a pass waits for an odd count to turn even before it counts
 * as failed, in pauses: read_seqcount_begin() waits for the writer, and
 * so do we, briefly. Failing a pass at the first odd count would spend
 * the sixteen passes in sixteen pauses, shorter than one write section on
 * some CPUs (measured here, an AMD EPYC: one lookup in 500 fell back to
 * the lock at update_pct=10). Bounded, so that a writer preempted inside
 * its section sends readers to the lock instead of spinning out a slice.
 */
#define SB_SEQ_ODD_SPINS 256

struct seqlock {
	unsigned int seq;		/* odd: a write is in progress */
	/* apart from seq: writers spinning on it do not stall readers */
	pthread_spinlock_t lock __attribute__((aligned(SB_CACHELINE)));
} __attribute__((aligned(SB_CACHELINE)));

/* Each bucket's seqlock (buckets=N): its own, in the bucket. */
static int seqlock_bucket_init(struct sb_run *run, void *lock)
{
	struct seqlock *s = lock;

	(void)run;
	memset(s, 0, sizeof(*s));
	return pthread_spin_init(&s->lock, PTHREAD_PROCESS_PRIVATE) ?
	       -ENOMEM : 0;
}

static void seqlock_bucket_exit(struct sb_run *run, void *lock)
{
	struct seqlock *s = lock;

	(void)run;
	pthread_spin_destroy(&s->lock);
}

/*
 * One read of the entry: value, cs_ns of busy work, check (as listops.h's,
 * with the accesses atomic). Returns the entry through *e (NULL: missing).
 */
/*
 * hold_ns: keep reading the entry; the last read is the one the sequence
 * check validates (an overlapping writer makes the whole pass retry).
 */
static __attribute__((noinline)) void seqlock_hold(const struct sb_entry *e,
						   sb_u64 *v, sb_u64 *c,
						   sb_u64 ticks)
{
	sb_u64 t0 = sb_ticks();

	do {
		*v = __atomic_load_n(&e->value, __ATOMIC_ACQUIRE);
		*c = __atomic_load_n(&e->check, __ATOMIC_ACQUIRE);
		__builtin_ia32_pause();
	} while (sb_ticks() - t0 < ticks);
}

static inline void seqlock_read(struct sb_thread *t, struct sb_run *run,
				struct sb_bucket *b, sb_u64 key,
				struct sb_entry **e, sb_u64 *v, sb_u64 *c)
{
	*e = sb_list_find(b, key);
	if (!*e)
		return;
	/*
	 * acquire, the kernel's smp_rmb() before read_seqretry()'s reread:
	 * a writer's store seen here brings its odd count with it, so the
	 * reread cannot still see the count this pass began with.
	 */
	*v = __atomic_load_n(&(*e)->value, __ATOMIC_ACQUIRE);
	sb_cs_work(t, run->cs_ticks);
	*c = __atomic_load_n(&(*e)->check, __ATOMIC_ACQUIRE);
	if (__builtin_expect(run->hold_ticks != 0, 0))
		seqlock_hold(*e, v, c, run->hold_ticks);
}

/* The count, once even (or still odd after SB_SEQ_ODD_SPINS pauses). */
static inline unsigned int seqlock_begin(struct seqlock *s)
{
	unsigned int seq, spins = 0;

	/* acquire: the last writer's entry stores before our reads */
	while ((seq = __atomic_load_n(&s->seq, __ATOMIC_ACQUIRE)) & 1 &&
	       ++spins < SB_SEQ_ODD_SPINS)
		sb_cpu_relax();
	return seq;
}

static inline void seqlock_lookup(struct sb_thread *t, struct sb_run *run,
				  sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	struct seqlock *s = sb_bucket_lock(b);
	struct sb_entry *e = NULL;
	unsigned int seq, retries;
	sb_u64 v = 0, c = 0;

	for (retries = 0; retries < SB_SEQ_MAX_RETRIES; retries++) {
		seq = seqlock_begin(s);
		/* a writer is still inside: a read now may well be torn */
		if (seq & 1)
			continue;
		seqlock_read(t, run, b, key, &e, &v, &c);
		/* the entry loads were acquires: this one stays after them */
		if (__atomic_load_n(&s->seq, __ATOMIC_RELAXED) == seq)
			goto done;
	}
	/* the fallback: as a writer, minus the count (nothing changes) */
	pthread_spin_lock(&s->lock);
	seqlock_read(t, run, b, key, &e, &v, &c);
	pthread_spin_unlock(&s->lock);
	t->seq_locked_reads++;
done:
	t->seq_retries += retries;
	if (!e || c != sb_entry_check(key, v))
		t->check_failures++;
}

static inline void seqlock_update(struct sb_thread *t, struct sb_run *run,
				  sb_u64 key)
{
	struct sb_bucket *b = sb_bucket_of(&run->list, key);
	struct seqlock *s = sb_bucket_lock(b);
	struct sb_entry *e;
	unsigned int seq;
	sb_u64 v;

	pthread_spin_lock(&s->lock);
	/* the lock orders writers: seq is ours to read plainly */
	seq = __atomic_load_n(&s->seq, __ATOMIC_RELAXED);
	/*
	 * Relaxed: what orders the odd count before the entry stores is
	 * that those are releases (write_seqcount_begin()'s smp_wmb()). A
	 * release store of the count itself would not do: it orders what
	 * precedes it, not the stores that follow.
	 */
	__atomic_store_n(&s->seq, seq + 1, __ATOMIC_RELAXED);
	e = sb_list_find(b, key);
	if (e) {
		/* only writers store it, and we hold their lock */
		v = __atomic_load_n(&e->value, __ATOMIC_RELAXED) + 1;
		sb_cs_work(t, run->cs_ticks);
		__atomic_store_n(&e->value, v, __ATOMIC_RELEASE);
		__atomic_store_n(&e->check, sb_entry_check(key, v),
				 __ATOMIC_RELEASE);
	} else {
		t->check_failures++;
	}
	/* release: the entry stores before the even count */
	__atomic_store_n(&s->seq, seq + 2, __ATOMIC_RELEASE);
	pthread_spin_unlock(&s->lock);
}

#define SB_WORKER seqlock_worker
#define SB_LOOKUP seqlock_lookup
#define SB_UPDATE seqlock_update
#include "worker.h"

const struct sb_prim sb_prim_seqlock = {
	.name = "seqlock",
	.irq_refusal = "a reader in the handler would end up spinning on the writers' lock its own thread holds",
	.lock_size = sizeof(struct seqlock),
	.lock_init = seqlock_bucket_init,
	.lock_exit = seqlock_bucket_exit,
	.worker = seqlock_worker,
};
