// SPDX-License-Identifier: GPL-2.0
/* Host-side checks of VM test output; see vmcheck.h. */
#include "vmcheck.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int word_is(const char *s, size_t len, const char *w)
{
	return strlen(w) == len && !strncmp(s, w, len);
}

/* Format the reason for a failed check into err; returns -1 for the caller. */
static int __attribute__((format(printf, 3, 4)))
vm_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

int vm_parse_expect(const char *s, size_t len)
{
	static const struct {
		const char *name;
		int bit;
	} words[] = {
		{ "ok", VM_EXPECT_OK }, { "nolock", VM_EXPECT_NOLOCK },
		{ "race", VM_EXPECT_RACE }, { "aborted", VM_EXPECT_ABORTED },
		{ "numa", VM_EXPECT_NUMA },
		{ "locked", VM_EXPECT_LOCKED }, { "uaf", VM_EXPECT_UAF },
		{ "stopped", VM_EXPECT_STOPPED },
	};
	size_t i = 0;
	int bits = 0;

	while (i < len) {
		size_t j = i, w;
		int found = 0;

		while (j < len && s[j] != ',')
			j++;
		for (w = 0; w < SB_ARRAY_SIZE(words); w++)
			if (word_is(s + i, j - i, words[w].name)) {
				bits |= words[w].bit;
				found = 1;
			}
		if (!found)
			return -1;
		i = j + 1;
	}
	/* stopped: a use after free run's, stopped on its quarantine */
	if ((bits & VM_EXPECT_STOPPED) && !(bits & VM_EXPECT_UAF))
		return -1;
	/* Exactly one outcome; numa, locked and stopped only add a check. */
	switch (bits & ~(VM_EXPECT_NUMA | VM_EXPECT_LOCKED |
			 VM_EXPECT_STOPPED)) {
	case VM_EXPECT_OK:
	case VM_EXPECT_NOLOCK:
	case VM_EXPECT_RACE:
	case VM_EXPECT_ABORTED:
	case VM_EXPECT_UAF:
		return bits;
	}
	return -1;
}

int vm_parse_topo(struct vm_topo *t, const char *text, size_t len,
		  char *err, size_t errlen)
{
	const char *pos = text, *end = text + len, *k, *v;
	size_t kl, vl;
	unsigned int c;

	t->nr_nodes = 0;
	for (c = 0; c < SB_MAX_CPUS; c++)
		t->node_of[c] = -1;
	while (sb_kv_next(&pos, end, &k, &kl, &v, &vl)) {
		sb_u64 bits[SB_MAX_CPUS / 64], node;
		sb_u32 count;

		if (kl < 5 || strncmp(k, "node", 4) ||
		    sb_parse_u64(k + 4, kl - 4, &node) ||
		    node >= VM_MAX_NODES)
			return vm_fail(err, errlen, "topo: bad key '%.*s'",
				       (int)kl, k);
		/* A node without CPUs (memory only) prints an empty list. */
		if (!vl)
			continue;
		if (sb_cpulist_parse(v, vl, bits, &count, err, errlen))
			return -1;
		for (c = 0; c < SB_MAX_CPUS; c++)
			if (sb_cpu_isset(bits, c))
				t->node_of[c] = (short)node;
		if ((int)node + 1 > t->nr_nodes)
			t->nr_nodes = (int)node + 1;
	}
	if (!t->nr_nodes) {
		snprintf(err, errlen, "topo: no node with CPUs");
		return -1;
	}
	return 0;
}

/* The value of a summary key of the record text; -1 when absent or bad. */
static int kv_u64(const char *text, size_t len, const char *key, sb_u64 *out)
{
	const char *pos = text, *end = text + len, *k, *v;
	size_t kl, vl;

	while (sb_kv_next(&pos, end, &k, &kl, &v, &vl))
		if (word_is(k, kl, key))
			return sb_parse_u64(v, vl, out);
	return -1;
}

/* <h>_p50_ns <= p90 <= p99 <= p999 <= max, every one present. */
static int check_percentiles(const char *text, size_t len, const char *h,
			     char *err, size_t errlen)
{
	static const char *const sfx[] = {
		"min_ns", "p50_ns", "p90_ns", "p99_ns", "p999_ns", "p9999_ns",
		"max_ns"
	};
	sb_u64 prev = 0, v;
	unsigned int i;
	char key[64];

	for (i = 0; i < SB_ARRAY_SIZE(sfx); i++) {
		snprintf(key, sizeof(key), "%s_%s", h, sfx[i]);
		if (kv_u64(text, len, key, &v))
			return vm_fail(err, errlen,
				       "%s missing or not a number", key);
		if (v < prev)
			return vm_fail(err, errlen,
				       "%s=%llu is below the previous percentile %llu",
				       key, (unsigned long long)v,
				       (unsigned long long)prev);
		prev = v;
	}
	if (!prev)
		return vm_fail(err, errlen,
			       "%s_max_ns is 0: no latency recorded", h);
	return 0;
}

/*
 * Must @ops operations have left latency samples? One in lat_sample_used
 * is timed, so a few updates at lat_sample=1024 may leave none: require
 * them from 16 expected samples on (missing all: p < 1e-6).
 */
static int sampled(const struct sb_result *r, sb_u64 ops)
{
	sb_u64 n = r->lat_sample_used ? r->lat_sample_used : 1;

	return ops && ops / n >= 16;
}

/* Every thread ran, on a CPU of the config, no CPU twice; sums match. */
static int check_threads(const struct sb_result *r, char *err, size_t errlen)
{
	sb_u64 seen[SB_MAX_CPUS / 64] = { 0 }, ops = 0, i;

	if (r->threads != r->cfg.nr_cpus)
		return vm_fail(err, errlen,
			       "threads=%llu but the config has %u CPUs",
			       (unsigned long long)r->threads, r->cfg.nr_cpus);
	if (!r->threads || r->threads > SB_MAX_THREADS)
		return vm_fail(err, errlen, "threads=%llu",
			       (unsigned long long)r->threads);
	for (i = 0; i < r->threads; i++) {
		const struct sb_thread_result *t = &r->thread[i];

		if (!t->ops)
			return vm_fail(err, errlen, "thread.%llu.ops=0",
				       (unsigned long long)i);
		if (t->lookups + t->updates != t->ops)
			return vm_fail(err, errlen,
				       "thread.%llu: lookups+updates != ops",
				       (unsigned long long)i);
		if (t->cpu >= SB_MAX_CPUS || !sb_cpu_isset(r->cfg.cpus,
							  (unsigned int)t->cpu))
			return vm_fail(err, errlen,
				       "thread.%llu.cpu=%llu is not in the CPU list",
				       (unsigned long long)i,
				       (unsigned long long)t->cpu);
		if (sb_cpu_isset(seen, (unsigned int)t->cpu))
			return vm_fail(err, errlen,
				       "thread.%llu.cpu=%llu used twice",
				       (unsigned long long)i,
				       (unsigned long long)t->cpu);
		seen[t->cpu / 64] |= 1ULL << (t->cpu % 64);
		ops += t->ops;
		/* roles: the first updaters threads update, the others look up */
		if (r->cfg.updaters && (i < r->cfg.updaters ? t->lookups :
					t->updates))
			return vm_fail(err, errlen,
				       "thread.%llu did %s with updaters=%llu: not its role",
				       (unsigned long long)i,
				       i < r->cfg.updaters ? "lookups" :
				       "updates",
				       (unsigned long long)r->cfg.updaters);
	}
	if (ops != r->ops)
		return vm_fail(err, errlen,
			       "ops=%llu but the threads' ops add up to %llu",
			       (unsigned long long)r->ops,
			       (unsigned long long)ops);
	if (r->lookups + r->updates != r->ops)
		return vm_fail(err, errlen, "lookups+updates=%llu != ops=%llu",
			       (unsigned long long)(r->lookups + r->updates),
			       (unsigned long long)r->ops);
	return 0;
}

static int check_numa(const struct sb_result *r, const struct vm_topo *t,
		      char *err, size_t errlen)
{
	unsigned long long nodes = 0;
	sb_u64 i;

	if (!t)
		return vm_fail(err, errlen,
			       "numa expected but the guest sent no topo block");
	for (i = 0; i < r->threads; i++) {
		int n = t->node_of[r->thread[i].cpu];

		if (n < 0)
			return vm_fail(err, errlen,
				       "thread.%llu.cpu=%llu is on no known node",
				       (unsigned long long)i,
				       (unsigned long long)r->thread[i].cpu);
		nodes |= 1ULL << n;
	}
	if (__builtin_popcountll(nodes) < 2)
		return vm_fail(err, errlen,
			       "threads ran on one NUMA node only (node mask 0x%llx)",
			       nodes);
	return 0;
}

/*
 * What every kernel record says about cost and sampling: op_ns and loop_ns
 * (the null loop under the same config) both measured, the primitive
 * dearer than the loop alone unless it is a harness primitive, and the
 * lat_sample used a power of two in 1..1024, the one asked for unless auto.
 */
static int check_costs(const struct sb_result *r, char *err, size_t errlen)
{
	const struct sb_prim_info *p =
		sb_prim_info_find(r->cfg.prim, strlen(r->cfg.prim));
	sb_u64 n = r->lat_sample_used;

	if (!r->op_ps || !r->loop_ps)
		return vm_fail(err, errlen,
			       "op_ns=%llu.%03llu loop_ns=%llu.%03llu: both must be measured",
			       (unsigned long long)(r->op_ps / 1000),
			       (unsigned long long)(r->op_ps % 1000),
			       (unsigned long long)(r->loop_ps / 1000),
			       (unsigned long long)(r->loop_ps % 1000));
	if (p && !(p->caps & SB_CAP_HARNESS) && r->loop_ps >= r->op_ps)
		return vm_fail(err, errlen,
			       "loop_ns=%llu.%03llu is not below op_ns=%llu.%03llu",
			       (unsigned long long)(r->loop_ps / 1000),
			       (unsigned long long)(r->loop_ps % 1000),
			       (unsigned long long)(r->op_ps / 1000),
			       (unsigned long long)(r->op_ps % 1000));
	if (!n || n > 1024 || (n & (n - 1)))
		return vm_fail(err, errlen,
			       "lat_sample_used=%llu is not a power of two in 1..1024",
			       (unsigned long long)n);
	if (r->cfg.lat_sample && n != r->cfg.lat_sample)
		return vm_fail(err, errlen,
			       "lat_sample_used=%llu but lat_sample=%llu was asked for",
			       (unsigned long long)n,
			       (unsigned long long)r->cfg.lat_sample);
	return 0;
}

/*
 * A primitive with grace periods (SB_CAP_GRACE) that updated: the entries
 * it took off the list were counted while they waited (rcu_peak_pending,
 * and rcu_peak_pending_bytes), and its grace periods were timed
 * (rcu_free=sync: the rcu_gp histogram; only the last update of each thread
 * can end after the window, so more updates than threads leave samples) or
 * its callbacks ran (async); kfree_rcu has neither (check_counters).
 */
static int check_grace(const struct sb_result *r, const char *text,
		       size_t len, char *err, size_t errlen)
{
	const struct sb_prim_info *p =
		sb_prim_info_find(r->cfg.prim, strlen(r->cfg.prim));

	if (!p || !(p->caps & SB_CAP_GRACE) || !r->updates)
		return 0;
	if (!r->rcu_peak_pending || !r->rcu_peak_pending_bytes)
		return vm_fail(err, errlen,
			       "rcu_peak_pending=%llu, rcu_peak_pending_bytes=%llu after %llu updates",
			       (unsigned long long)r->rcu_peak_pending,
			       (unsigned long long)r->rcu_peak_pending_bytes,
			       (unsigned long long)r->updates);
	if (r->cfg.rcu_free == SB_RCU_ASYNC && !r->rcu_callbacks)
		return vm_fail(err, errlen,
			       "rcu_callbacks=0 after %llu updates with rcu_free=async",
			       (unsigned long long)r->updates);
	if (r->cfg.rcu_free == SB_RCU_SYNC && r->updates > r->threads)
		return check_percentiles(text, len, "rcu_gp", err, errlen);
	return 0;
}

/*
 * The interrupt contender: its lookups counted in the context the
 * primitive's capability gives it (hard-IRQ: irq_*, softirq: softirq_*),
 * each lateness sample in exactly one of its two histograms, nothing in the
 * other context's; no contender, no count. @locked: lateness both with
 * and without the lock (both histograms have samples).
 */
static int check_contender(const struct sb_result *r, int locked, char *err,
			   size_t errlen)
{
	const struct sb_prim_info *p =
		sb_prim_info_find(r->cfg.prim, strlen(r->cfg.prim));
	int soft = p && (p->caps & SB_CAP_SOFTIRQ);
	sb_u64 n = soft ? r->softirq_count : r->irq_count;
	sb_u64 other = soft ? r->irq_count : r->softirq_count;
	const struct sb_hist *h = &r->hist[soft ? SB_H_SOFTIRQ : SB_H_IRQ];
	const struct sb_hist *hl =
		&r->hist[soft ? SB_H_SOFTIRQ_LOCKED : SB_H_IRQ_LOCKED];
	const struct sb_hist *o = &r->hist[soft ? SB_H_IRQ : SB_H_SOFTIRQ];
	const struct sb_hist *ol =
		&r->hist[soft ? SB_H_IRQ_LOCKED : SB_H_SOFTIRQ_LOCKED];
	const char *ctx = soft ? "softirq" : "irq";

	if (!r->cfg.irq_hz) {
		if (r->irq_count || r->softirq_count || r->irqoff_max_ns)
			return vm_fail(err, errlen,
				       "irq_count=%llu softirq_count=%llu irqoff_max_ns=%llu with irq_hz=0",
				       (unsigned long long)r->irq_count,
				       (unsigned long long)r->softirq_count,
				       (unsigned long long)r->irqoff_max_ns);
		return 0;
	}
	if (!n)
		return vm_fail(err, errlen,
			       "irq_hz=%llu but %s_count=0: the %s contender never ran",
			       (unsigned long long)r->cfg.irq_hz, ctx, ctx);
	/* a contender held off by a window: the longest one was measured */
	if (hl->count && !r->irqoff_max_ns)
		return vm_fail(err, errlen,
			       "%s lateness while locked %llu times, but irqoff_max_ns=0",
			       ctx, (unsigned long long)hl->count);
	if (h->count + hl->count != n)
		return vm_fail(err, errlen,
			       "%s_count=%llu but its lateness histograms hold %llu + %llu",
			       ctx, (unsigned long long)n,
			       (unsigned long long)h->count,
			       (unsigned long long)hl->count);
	if (other || o->count || ol->count)
		return vm_fail(err, errlen,
			       "a %s contender (prim=%s) left samples in the other context's keys",
			       ctx, r->cfg.prim);
	if (locked && !hl->count)
		return vm_fail(err, errlen,
			       "%s_lat_locked_count=0: the lock never held the %s contender off",
			       ctx, ctx);
	if (locked && !h->count)
		return vm_fail(err, errlen,
			       "%s_lat_count=0: the %s contender never fired outside the lock",
			       ctx, ctx);
	return 0;
}

/*
 * seq_retries: only a sequence-family primitive retries, and only when a
 * writer overlapped. rcu_free=kfree_rcu with updates: entries pending
 * (a kfree_rcu() always finds at least its own entry's grace period
 * unfinished), their bytes at least 32 each (an entry is 56 bytes), and no
 * callback of ours (there is none).
 */
static int check_counters(const struct sb_result *r, char *err,
			  size_t errlen)
{
	const struct sb_prim_info *p =
		sb_prim_info_find(r->cfg.prim, strlen(r->cfg.prim));

	if (r->seq_retries && (!p || p->family != SB_FAM_SEQ))
		return vm_fail(err, errlen,
			       "seq_retries=%llu from prim=%s, not a sequence lock",
			       (unsigned long long)r->seq_retries, r->cfg.prim);
	if (r->seq_retries && !r->cfg.update_mpct && !r->cfg.updaters)
		return vm_fail(err, errlen,
			       "seq_retries=%llu with update_pct=0: no writer to retry for",
			       (unsigned long long)r->seq_retries);
	if (r->rcu_peak_pending_bytes &&
	    r->rcu_peak_pending_bytes < 32 * r->rcu_peak_pending)
		return vm_fail(err, errlen,
			       "rcu_peak_pending_bytes=%llu for %llu entries",
			       (unsigned long long)r->rcu_peak_pending_bytes,
			       (unsigned long long)r->rcu_peak_pending);
	if (r->cfg.rcu_free == SB_RCU_KFREE && p &&
	    (p->caps & SB_CAP_KFREE) && r->updates) {
		if (!r->rcu_peak_pending || !r->rcu_peak_pending_bytes)
			return vm_fail(err, errlen,
				       "rcu_free=kfree_rcu with %llu updates but rcu_peak_pending=%llu, rcu_peak_pending_bytes=%llu",
				       (unsigned long long)r->updates,
				       (unsigned long long)r->rcu_peak_pending,
				       (unsigned long long)r->rcu_peak_pending_bytes);
		if (r->rcu_callbacks)
			return vm_fail(err, errlen,
				       "rcu_free=kfree_rcu but rcu_callbacks=%llu",
				       (unsigned long long)r->rcu_callbacks);
	}
	return 0;
}

const char *const vm_calibrate_keys[] = {
	"empty_loop_ns", "timestamp_ns", "spin_ns", "spin_irqoff_ns",
	"spin_irqsave_ns", "spin_irqsave_irqoff_ns", "rcu_ns", "rcu_irqoff_ns",
	"mutex_ns", "rwlock_read_ns", "rwsem_read_ns", "srcu_ns", NULL
};

/* "12.345", 3 decimals, and not 0.000. */
static int positive_milli(const char *v, size_t vl)
{
	size_t i, dot = vl;
	int nonzero = 0;

	for (i = 0; i < vl; i++) {
		if (v[i] == '.' && dot == vl && i) {
			dot = i;
			continue;
		}
		if (v[i] < '0' || v[i] > '9')
			return 0;
		nonzero |= v[i] != '0';
	}
	return dot + 4 == vl && nonzero;
}

int vm_check_calibrate(const char *text, size_t len, char *err,
		       size_t errlen)
{
	unsigned int i;

	for (i = 0; vm_calibrate_keys[i]; i++) {
		const char *pos = text, *end = text + len, *k, *v;
		size_t kl, vl;
		int found = 0;

		while (!found && sb_kv_next(&pos, end, &k, &kl, &v, &vl))
			found = word_is(k, kl, vm_calibrate_keys[i]);
		if (!found)
			return vm_fail(err, errlen, "no %s", vm_calibrate_keys[i]);
		if (!positive_milli(v, vl))
			return vm_fail(err, errlen,
				       "%s=%.*s is not a positive x.xxx",
				       vm_calibrate_keys[i], (int)vl, v);
	}
	return 0;
}

int vm_check_result(struct sb_result *r, const char *text, size_t len,
		    unsigned int expect, const struct vm_topo *topo,
		    char *err, size_t errlen)
{
	char perr[SB_ERR_LEN];

	if (sb_result_parse(r, text, len, perr, sizeof(perr)))
		return vm_fail(err, errlen, "unparsable record: %s", perr);
	if (strcmp(r->side, "kernel"))
		return vm_fail(err, errlen, "side=%s, want kernel", r->side);
	if (expect & VM_EXPECT_ABORTED) {
		if (r->status != SB_STATUS_ABORTED)
			return vm_fail(err, errlen,
				       "status is not aborted after a signal");
		return 0;
	}
	if (expect & VM_EXPECT_STOPPED) {
		if (r->status != SB_STATUS_STOPPED ||
		    strncmp(r->reason, "the quarantine filled after ", 28))
			return vm_fail(err, errlen,
				       "status is not stopped on a full quarantine (reason: %s)",
				       r->reason);
	} else if (r->status != SB_STATUS_OK) {
		return vm_fail(err, errlen, "status is not ok (reason: %s)",
			       r->reason);
	}
	if (!r->elapsed_ns)
		return vm_fail(err, errlen, "elapsed_ns=0");
	if (check_threads(r, err, errlen))
		return -1;
	if (check_costs(r, err, errlen))
		return -1;
	if (check_contender(r, !!(expect & VM_EXPECT_LOCKED), err, errlen) ||
	    check_counters(r, err, errlen))
		return -1;
	if (!r->lookups != (r->cfg.update_mpct == 100000 ||
			    r->cfg.updaters == r->threads))
		return vm_fail(err, errlen,
			       "lookups=%llu with update_pct=%llu/1000 updaters=%llu",
			       (unsigned long long)r->lookups,
			       (unsigned long long)r->cfg.update_mpct,
			       (unsigned long long)r->cfg.updaters);
	if (!r->updates != (!r->cfg.update_mpct && !r->cfg.updaters))
		return vm_fail(err, errlen,
			       "updates=%llu with update_pct=%llu/1000 updaters=%llu",
			       (unsigned long long)r->updates,
			       (unsigned long long)r->cfg.update_mpct,
			       (unsigned long long)r->cfg.updaters);
	if (sampled(r, r->lookups) &&
	    check_percentiles(text, len, "lookup", err, errlen))
		return -1;
	if (sampled(r, r->updates) &&
	    check_percentiles(text, len, "update", err, errlen))
		return -1;
	if (check_grace(r, text, len, err, errlen))
		return -1;
	/* a perturbation asked for must have happened (perturb.c) */
	if (r->cfg.perturb != SB_PERTURB_OFF && !r->perturbations)
		return vm_fail(err, errlen,
			       "perturb is on but perturbations=0");
	if (r->cfg.perturb == SB_PERTURB_PREEMPT &&
	    r->perturb_sched != SB_PSCHED_FIFO)
		return vm_fail(err, errlen,
			       "perturb=preempt without a SCHED_FIFO perturber");
	if (expect & VM_EXPECT_OK) {
		if (r->invariants_ok != SB_INV_OK || r->violations ||
		    r->check_failures)
			return vm_fail(err, errlen,
				       "invariants violated (violations=%llu, check_failures=%llu)",
				       (unsigned long long)r->violations,
				       (unsigned long long)r->check_failures);
		if (r->uaf_reads || r->uaf_writes || r->first_violation_ns)
			return vm_fail(err, errlen,
				       "use after free on a sound primitive (uaf_reads=%llu, uaf_writes=%llu, first_violation_ns=%llu)",
				       (unsigned long long)r->uaf_reads,
				       (unsigned long long)r->uaf_writes,
				       (unsigned long long)r->first_violation_ns);
		if (r->final_len != r->cfg.list_len)
			return vm_fail(err, errlen,
				       "final_len=%llu, list_len=%llu",
				       (unsigned long long)r->final_len,
				       (unsigned long long)r->cfg.list_len);
	}
	if (expect & VM_EXPECT_RACE) {
		const struct sb_prim_info *p =
			sb_prim_info_find(r->cfg.prim, strlen(r->cfg.prim));

		if (!p || !(p->caps & SB_CAP_BROKEN))
			return vm_fail(err, errlen,
				       "race expected of prim=%s, not a deliberately broken primitive",
				       r->cfg.prim);
		if (!r->violations || r->invariants_ok != SB_INV_VIOLATED)
			return vm_fail(err, errlen,
				       "no invariant violation counted: the race did not show");
	}
	if (expect & VM_EXPECT_UAF) {
		const struct sb_prim_info *p =
			sb_prim_info_find(r->cfg.prim, strlen(r->cfg.prim));

		if (!p || !(p->caps & SB_CAP_UAF))
			return vm_fail(err, errlen,
				       "use after free expected of prim=%s, which frees nothing in use",
				       r->cfg.prim);
		if (!r->uaf_reads || !r->first_violation_ns)
			return vm_fail(err, errlen,
				       "no use after free seen (uaf_reads=%llu, first_violation_ns=%llu)",
				       (unsigned long long)r->uaf_reads,
				       (unsigned long long)r->first_violation_ns);
	}
	if ((expect & VM_EXPECT_NUMA) && check_numa(r, topo, err, errlen))
		return -1;
	return 0;
}

/* Does line[0..len) contain s? */
static int has(const char *line, size_t len, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i + n <= len; i++)
		if (!memcmp(line + i, s, n))
			return 1;
	return 0;
}

/* "rcu" then, later on the line, "stall" (any case): RCU stall reports. */
static int rcu_stall(const char *line, size_t len)
{
	size_t i, j;

	for (i = 0; i + 3 <= len; i++) {
		if (tolower((unsigned char)line[i]) != 'r' ||
		    strncasecmp(line + i, "rcu", 3))
			continue;
		for (j = i + 3; j + 5 <= len; j++)
			if (!strncasecmp(line + j, "stall", 5))
				return 1;
		return 0;
	}
	return 0;
}

int vm_log_kcsan_line(const char *line, size_t len)
{
	return has(line, len, "BUG: KCSAN: ");
}

const char *vm_log_bad_line(const char *line, size_t len)
{
	/* Case matters: "report a bug" in a boot message is harmless. */
	static const char *const pats[] = {
		"BUG:", "WARNING:", "Oops", "soft lockup", "hard LOCKUP",
		"hung task", "INFO: task", "blocked for more than",
		"general protection", "Call Trace", "Kernel panic",
		"kernel BUG", "segfault at", "UBSAN:", "list_add corruption",
		"list_del corruption", "Unable to handle kernel",
		/* the module must never make the kernel kill for memory */
		"invoked oom-killer", "Out of memory", "deadlocked on memory",
		/*
		 * The debug kernel's (vm.debug): most print BUG: or WARNING:
		 * as well, named here so that a change of prefix cannot hide
		 * them. kmemleak prints no prefix at all.
		 */
		"suspected memory leak", "ODEBUG:", "suspicious RCU usage",
		"sleeping function called from invalid context",
		"DEBUG_LOCKS_WARN_ON", "lockdep is turned off", "KASAN:",
		"KCSAN:",
	};
	unsigned int i;

	for (i = 0; i < SB_ARRAY_SIZE(pats); i++)
		if (has(line, len, pats[i]))
			return pats[i];
	if (rcu_stall(line, len))
		return "rcu.*stall";
	return NULL;
}
