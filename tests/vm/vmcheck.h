/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host-side checks of what a VM test guest produced: the result records it
 * streamed to its data port and the guest kernel's log.
 *
 * The data stream (written by tests/vm/guest-lib.sh) is line based:
 *
 *   SB-BEGIN <kind> <name> [expect=<word>[,<word>...]]
 *   ... the block's lines ...
 *   SB-END <name>
 *   SB-CHECK PASS|FAIL <what was checked>
 *   SB-GUEST-EXIT <status of the guest script>
 *
 * Kinds: "result" (a record from debugfs `result`), "topo" (one line
 * "node<N>=<cpulist>" per NUMA node), "dmesg" (the guest kernel log),
 * "calibrate" (what debugfs `calibrate` returned: vm_check_calibrate()), and
 * anything else, which is kept as text and ignored. Expectations of a
 * result: "ok" (a clean run of a real primitive), "nolock" (a clean run of
 * `none`: the race may show, so invariants are not judged), "race" (`none`
 * with updates: violations must be counted), "aborted" (a run interrupted
 * by a signal), "numa" (the threads ran on CPUs of at least two nodes of the
 * last topo block), "locked" (the interrupt contender ran both while the
 * lock held it off and while it did not: its two lateness histograms, with
 * and without the lock, both have samples), "uaf" (a broken primitive that
 * frees entries in use, SB_CAP_UAF: uaf_reads > 0 and a first violation
 * timed, the run itself ok). "ok" also wants no use after free and no
 * violation timed. "stopped" (with "uaf"): the run stopped early on its
 * full quarantine, status=stopped with the reason, measured up to then.
 */
#ifndef VMCHECK_H
#define VMCHECK_H

#include <stddef.h>

#include "sb_result.h"

#define VM_EXPECT_OK		0x01
#define VM_EXPECT_NOLOCK	0x02
#define VM_EXPECT_RACE		0x04
#define VM_EXPECT_ABORTED	0x08
#define VM_EXPECT_NUMA		0x10
#define VM_EXPECT_LOCKED	0x20
#define VM_EXPECT_UAF		0x40
#define VM_EXPECT_STOPPED	0x80

#define VM_MAX_NODES 64
#define VM_ERR_LEN 256

/* CPU to node map from a topo block; node -1 = unknown CPU. */
struct vm_topo {
	int nr_nodes;
	short node_of[SB_MAX_CPUS];
};

/* Parse "ok,numa" into VM_EXPECT_* bits; -1 on an unknown word. */
int vm_parse_expect(const char *s, size_t len);

/* Parse a topo block's text; 0, or -1 with a reason. */
int vm_parse_topo(struct vm_topo *t, const char *text, size_t len,
		  char *err, size_t errlen);

/*
 * Check one result record against its expectations. Every clean record
 * must also carry op_ns and loop_ns (loop_ns < op_ns unless the primitive
 * has SB_CAP_HARNESS) and a lat_sample_used that is a power of two in
 * 1..1024, equal to lat_sample unless that is 0 (auto); the contender's
 * counts where the capability puts them (irq_hz > 0: irq_count for
 * SB_CAP_IRQ, softirq_count for SB_CAP_SOFTIRQ, each equal to its two
 * lateness histograms, the other context's all 0; irq_hz=0: none);
 * seq_retries only from the sequence family, and none without updates;
 * with rcu_free=kfree_rcu and updates, pending frees counted (entries and
 * bytes) and no callback run. 0 when it passes, else
 * -1 with the first failed check in err. *r holds the parsed record either
 * way (for a summary line). topo may be NULL unless VM_EXPECT_NUMA is set.
 */
int vm_check_result(struct sb_result *r, const char *text, size_t len,
		    unsigned int expect, const struct vm_topo *topo,
		    char *err, size_t errlen);

/*
 * Check the text of debugfs `calibrate`: every key of vm_calibrate_keys
 * (NULL-terminated) present with a positive x.xxx value. 0, or -1 with
 * the first failed check in err.
 */
extern const char *const vm_calibrate_keys[];
int vm_check_calibrate(const char *text, size_t len, char *err,
		       size_t errlen);

/*
 * If this log line shows the guest kernel in trouble (BUG:, WARNING:, Oops,
 * soft lockup, hung task, RCU stall, general protection fault, a call
 * trace, a panic; and the debug kernel's lockdep, KASAN, KCSAN, kmemleak,
 * debug-objects, suspicious-RCU and atomic-sleep reports), return the name
 * of the pattern it matched, else NULL.
 */
const char *vm_log_bad_line(const char *line, size_t len);

/*
 * Is this line the title of a KCSAN data-race report ("BUG: KCSAN: ")? The
 * KCSAN test counts them instead of failing on them (a report's other lines
 * match no pattern of vm_log_bad_line).
 */
int vm_log_kcsan_line(const char *line, size_t len);

#endif /* VMCHECK_H */
