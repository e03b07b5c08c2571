/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The spin-wait hint of the hand-written spinning primitives (ticket, mcs,
 * brlock, seqlock), as the kernel's cpu_relax(): on x86 the PAUSE
 * instruction, which keeps a spinning hyperthread from starving its
 * sibling and avoids the memory-order mis-speculation flush when the
 * awaited line finally changes; elsewhere a compiler barrier, so that the
 * loop at least reloads what it waits on.
 *
 * A userspace hazard the kernel does not have: the kernel disables
 * preemption while a spinlock is held or awaited, userspace cannot. A
 * preempted holder makes every waiter spin out its time slice, and a fair
 * (FIFO) lock makes it worse: a preempted *waiter* of a ticket or MCS
 * lock stalls everyone queued behind it even though the lock is free.
 * The record shows it as involuntary_ctxsw and a poor fairness_jain.
 */
#ifndef SB_USER_CPU_RELAX_H
#define SB_USER_CPU_RELAX_H

static inline void sb_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

#endif /* SB_USER_CPU_RELAX_H */
