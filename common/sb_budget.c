// SPDX-License-Identifier: GPL-2.0
/* A run's worst-case memory against the machine's; see sb_budget.h. */
#include "sb_budget.h"

static sb_u64 sb_min_u64(sb_u64 a, sb_u64 b)
{
	return a < b ? a : b;
}

static sb_u64 sb_kib(sb_u64 bytes)
{
	return (bytes + 1023) / 1024;
}

static int sb_mem_refuse(const struct sb_mem_plan *p, sb_u64 avail,
			 const char *what, char *err, size_t errlen)
{
	sb_snprintf(err, errlen,
		    "not enough memory: the run needs %llu KiB at most (list %llu, buckets %llu, bitmaps %llu, quarantine %llu, in flight %llu, threads %llu, own %llu)%s, the machine can spare %llu KiB (1/%d of %llu KiB available): lower list_len, buckets or key_space, or use fewer CPUs",
		    (unsigned long long)sb_kib(p->total),
		    (unsigned long long)sb_kib(p->list),
		    (unsigned long long)sb_kib(p->buckets),
		    (unsigned long long)sb_kib(p->bitmaps),
		    (unsigned long long)sb_kib(p->quarantine),
		    (unsigned long long)sb_kib(p->in_flight),
		    (unsigned long long)sb_kib(p->threads),
		    (unsigned long long)sb_kib(p->fixed), what,
		    (unsigned long long)sb_kib(p->budget), SB_MEM_SHARE,
		    (unsigned long long)sb_kib(avail));
	return -1;
}

int sb_mem_plan(const struct sb_config *cfg, unsigned int caps,
		const struct sb_mem_sizes *sz, sb_u64 avail,
		struct sb_mem_plan *p, char *err, size_t errlen)
{
	int churn = cfg->update_op == SB_UPDATE_DELETE_INSERT;
	int quarantine = (churn && (caps & SB_CAP_BROKEN)) ||
		(caps & SB_CAP_UAF);
	int pending = (caps & SB_CAP_GRACE) && cfg->rcu_free != SB_RCU_SYNC &&
		(cfg->update_mpct || cfg->updaters);
	sb_u64 keys = churn ? sb_config_key_space(cfg) : cfg->list_len;
	sb_u64 n = cfg->nr_cpus, left, extra;

	memset(p, 0, sizeof(*p));
	p->budget = avail / SB_MEM_SHARE;
	p->list = cfg->list_len * sz->entry;
	p->buckets = cfg->buckets * sz->bucket;
	/* the presence bitmaps, a word per bucket of slack; the check's map */
	p->bitmaps = (keys * sz->check_bits + 7) / 8 + 8;
	if (churn)
		p->bitmaps += (keys / 64 + cfg->buckets) * 8;
	/* the registry of the list's own entries, before any extra */
	if (quarantine)
		p->quarantine = cfg->list_len * sizeof(void *);
	/* each thread's spare, unlinked and held entry */
	p->in_flight = 3 * n * sz->entry;
	p->threads = n * sz->thread;
	p->fixed = sz->fixed;
	p->total = p->list + p->buckets + p->bitmaps + p->quarantine +
		p->in_flight + p->threads + p->fixed;
	if (p->total > p->budget)
		return sb_mem_refuse(p, avail, "", err, errlen);
	left = p->budget - p->total;
	if (quarantine) {
		extra = sb_min_u64(sz->quarantine_max,
				   left / (sz->entry + sizeof(void *)));
		p->quarantine_extra = extra;
		p->quarantine += extra * (sz->entry + sizeof(void *));
		p->total += extra * (sz->entry + sizeof(void *));
		if (extra < SB_MEM_MIN_EXTRA)
			return sb_mem_refuse(p, avail,
					     " and room for a quarantine of at least 1024 entries",
					     err, errlen);
	}
	if (pending) {
		extra = sb_min_u64(sz->pending_max, left / sz->entry);
		p->pending_cap = extra;
		p->in_flight += extra * sz->entry;
		p->total += extra * sz->entry;
		if (extra < SB_MEM_MIN_EXTRA)
			return sb_mem_refuse(p, avail,
					     " and room for at least 1024 frees pending a grace period",
					     err, errlen);
	}
	return 0;
}
