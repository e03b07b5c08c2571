/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Like for like, for compare: what differs between two stores beyond the
 * point ids. The config every point ran with (the config keys each record
 * echoes, common/sb_config.c's table; a key an older record lacks is at its
 * default) is compared point by point, for the points both stores hold, and
 * so is how the run ran where that changes what it measures (perturb_sched:
 * a SCHED_FIFO perturber, root's, against an unprivileged one), so
 * a key that is the same within each run (an --set irq_mask=soft, a
 * duration) and therefore not in the ids still tells two runs apart. The
 * machine and the kernel are compared from meta.json: CPU model and
 * count, kernel, and the "machine" object's SMT, HZ, preemption model,
 * boost, governors and lock debugging, and whether the kernel the runs
 * ran on was a debug kernel (debug_kernel: store/machine.h's
 * sb_meta_debug_kernel, the vm guest's kernel included), so a run under
 * lockdep or a sanitizer is never set beside a production kernel's (a
 * value a store did not record, from before it was recorded, is unknown,
 * not different). The load and
 * the hostname are not compared: the first always differs, and the same
 * hardware under another name is the same machine.
 */
#ifndef SB_REPORT_CMP_MATCH_H
#define SB_REPORT_CMP_MATCH_H

#include <stdio.h>
#include <jansson.h>

#define SB_CMP_MAX_DIFFS 64

struct sb_cmp_diff {
	char key[64];		/* config key, or "kernel", "machine.hz", ... */
	const char *what;	/* "config", "machine", "kernel" */
	char a[160], b[160];	/* the values (of the first point that
				 * differs, for a config key) */
	size_t npoints;		/* config: how many common points differ */
};

struct sb_cmp_diffs {
	struct sb_cmp_diff d[SB_CMP_MAX_DIFFS];
	size_t n;
};

/*
 * The differences between the stores in dirs a and b (their meta.json
 * objects given). 0, or -1 with err when a points.jsonl cannot be read.
 */
int sb_cmp_match(const char *a, const json_t *meta_a, const char *b,
		 const json_t *meta_b, struct sb_cmp_diffs *d, char *err,
		 size_t errlen);
/* "irq_mask, kernel": the differing keys, for the one refusal line. */
void sb_cmp_diff_keys(const struct sb_cmp_diffs *d, char *buf, size_t len);
/* Every difference on stderr, one line each: "differs: irq_mask ...". */
void sb_cmp_diffs_print(const struct sb_cmp_diffs *d);
json_t *sb_cmp_diffs_json(const struct sb_cmp_diffs *d);

#endif /* SB_REPORT_CMP_MATCH_H */
