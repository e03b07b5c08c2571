/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The operation sequence, once for both sides: the generator, each
 * thread's seed, the decision of an operation (its key, lookup or update)
 * and op_digest, the fingerprint of a thread's first SB_OP_DIGEST_OPS
 * operations that shows the module and the mirror drew the same ones.
 * kmod/worker.h and user/worker.h decode every draw with these, so the
 * same config and seed give the same sequence per thread on both sides.
 *
 * Everything here is static inline (__always_inline: the kernel's, or
 * glibc's <sys/cdefs.h>): it sits in the timed loop, which must gain no
 * call. Only fixed-width arithmetic (sb_types.h), nothing else from libc
 * or the kernel.
 */
#ifndef SB_OP_H
#define SB_OP_H

#include "sb_types.h"
#include "sb_config.h"

/*
 * The key draw: wyrand (Wang Yi's wyhash generator, the one behind Go's
 * runtime.rand and Zig's default PRNG; passes BigCrush and PractRand): a
 * Weyl sequence (one add) through one 64x64->128 multiply, folded. Its
 * dependency chain is about half of splitmix64's (one multiply instead of
 * two), and that chain sits in front of every lock call: a locked
 * instruction waits for everything before it, so its latency is charged
 * to the primitive (measured: the uncontended spin point's per-op cost
 * over the bare lock loop, user/bench-sanity).
 *
 * The add is all that is carried from one iteration to the next, and the
 * state doubles as the operation counter: draws = (end - start) *
 * SB_WEYL_INV, so the timed loop keeps one register fewer alive across
 * the lock calls (every spilled register is a store the next locked
 * instruction waits for).
 */
#define SB_WEYL 0xa0761d6478bd642fULL
#define SB_WEYL_INV 0x939c72e4af1e62cfULL	/* SB_WEYL^-1 mod 2^64 */

/*
 * A 64x64->128 multiply where both sides have one (the kernel's
 * CONFIG_ARCH_SUPPORTS_INT128, the compiler's __SIZEOF_INT128__ in
 * userspace; x86-64 has both). Elsewhere splitmix64's finaliser plays the
 * same role; a side built without it would draw other keys, and op_digest
 * would show it.
 */
#ifdef __KERNEL__
#ifdef CONFIG_ARCH_SUPPORTS_INT128
#define SB_RAND_INT128 1
#endif
#elif defined(__SIZEOF_INT128__)
#define SB_RAND_INT128 1
#endif

static __always_inline sb_u64 sb_rand(sb_u64 *s)
{
	sb_u64 x = (*s += SB_WEYL);
#ifdef SB_RAND_INT128
	__uint128_t m = (__uint128_t)x * (x ^ 0xe7037ed1a0b428dbULL);

	return (sb_u64)(m >> 64) ^ (sb_u64)m;
#else
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
#endif
}

static inline sb_u64 sb_rand_draws(sb_u64 start, sb_u64 end)
{
	return (end - start) * SB_WEYL_INV;
}

/*
 * A thread's starting state from the run's seed and its index in the CPU
 * list (splitmix64 of seed + golden-ratio steps: neighbouring seeds and
 * threads start far apart); never 0, which the perturbation's xorshift
 * (@salt != 0) cannot leave.
 */
static inline sb_u64 sb_op_seed(sb_u64 seed, sb_u64 salt, unsigned int idx)
{
	sb_u64 z = (seed ^ salt) + (idx + 1ULL) * 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return z ? z : 1;
}

/* The salt of the perturbation's draw ("perturb!"), apart from the keys'. */
#define SB_OP_SALT_PERTURB 0x7065727475726221ULL

/* An update if a draw's low 32 bits are below this: update_pct of 2^32. */
static inline sb_u64 sb_op_upd_thresh_pct(sb_u64 update_mpct)
{
	if (update_mpct >= 100000)
		return 1ULL << 32;
	return sb_mul_div(update_mpct, 1ULL << 32, 100000);
}

/*
 * Thread @idx's threshold: with roles (updaters=K) every draw an update
 * for the first K threads and none for the others, else update_pct's.
 */
static inline sb_u64 sb_op_upd_thresh(const struct sb_config *cfg,
				      unsigned int idx)
{
	if (cfg->updaters)
		return idx < cfg->updaters ? 1ULL << 32 : 0;
	return sb_op_upd_thresh_pct(cfg->update_mpct);
}

/*
 * One draw's operation: the key from the top half (multiply-shift into
 * [0, key_space), no division), lookup or update from the bottom half.
 * update_op does not enter: delete_insert's draw is the same, only what
 * the update does with the key differs.
 */
static __always_inline sb_u64 sb_op_key(sb_u64 r, sb_u64 key_space)
{
	return ((r >> 32) * key_space) >> 32;
}

static __always_inline int sb_op_is_update(sb_u64 r, sb_u64 upd_thresh)
{
	return (r & 0xffffffffULL) < upd_thresh;
}

/*
 * op_digest: FNV-1a over a thread's first SB_OP_DIGEST_OPS operations, one
 * 64-bit word each (key << 1 | update): the draws, not their outcomes, so
 * it does not depend on timing or on what the list held (a delete_insert
 * key found absent is the same draw). Past the first SB_OP_DIGEST_OPS it
 * costs one compare per operation.
 */
#define SB_OP_DIGEST_OPS 4096U
#define SB_FNV_BASIS 0xcbf29ce484222325ULL
#define SB_FNV_PRIME 0x100000001b3ULL

struct sb_op_digest {
	sb_u64 hash;
	sb_u32 n;		/* operations folded so far */
};

static inline void sb_op_digest_init(struct sb_op_digest *d)
{
	d->hash = SB_FNV_BASIS;
	d->n = 0;
}

static __always_inline sb_u64 sb_op_fold(sb_u64 h, sb_u64 word)
{
	return (h ^ word) * SB_FNV_PRIME;
}

/* In the timed loop, after each draw. */
static __always_inline void sb_op_note(struct sb_op_digest *d, sb_u64 key,
					int upd)
{
	if (__builtin_expect(d->n < SB_OP_DIGEST_OPS, 0)) {
		d->hash = sb_op_fold(d->hash, key << 1 | (upd != 0));
		d->n++;
	}
}

/*
 * After the loop, from the thread's final state @rnd: a thread that did
 * fewer than SB_OP_DIGEST_OPS operations (a short run, slow updates) has
 * the rest of its digest folded from the draws it would have made next,
 * so the digest always covers the same SB_OP_DIGEST_OPS draws.
 */
static inline void sb_op_digest_finish(struct sb_op_digest *d, sb_u64 rnd,
				       sb_u64 key_space, sb_u64 upd_thresh)
{
	while (d->n < SB_OP_DIGEST_OPS) {
		sb_u64 r = sb_rand(&rnd);

		sb_op_note(d, sb_op_key(r, key_space),
			   sb_op_is_update(r, upd_thresh));
	}
}

/*
 * The run's op_digest: the threads' digests folded in thread order,
 * 63 bits (a record's numbers are non-negative 64-bit signed integers).
 */
static inline sb_u64 sb_op_digest_combine(sb_u64 acc, sb_u64 thread_hash)
{
	return sb_op_fold(acc, thread_hash);
}

static inline sb_u64 sb_op_digest_value(sb_u64 acc)
{
	return acc >> 1;
}

/*
 * What a run of @cfg with @nr_threads threads must report as op_digest:
 * every thread's first SB_OP_DIGEST_OPS draws from its seed. Not on the
 * timed path; the unit tests hold both sides' records to it.
 */
static inline sb_u64 sb_op_digest_expect(const struct sb_config *cfg,
					 unsigned int nr_threads)
{
	sb_u64 acc = SB_FNV_BASIS;
	unsigned int i;

	for (i = 0; i < nr_threads; i++) {
		struct sb_op_digest d;

		sb_op_digest_init(&d);
		sb_op_digest_finish(&d, sb_op_seed(cfg->seed, 0, i),
				    sb_config_key_space(cfg),
				    sb_op_upd_thresh(cfg, i));
		acc = sb_op_digest_combine(acc, d.hash);
	}
	return sb_op_digest_value(acc);
}

#endif /* SB_OP_H */
