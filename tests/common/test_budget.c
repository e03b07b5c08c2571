// SPDX-License-Identifier: GPL-2.0
/*
 * The memory plan both sides check a run against (common/sb_budget.c), on
 * exact inputs: the worst case part by part, a refusal with the reason
 * when it exceeds half of what is available, and the quarantine and the
 * pending frees sized to what is left, each at most its side's maximum.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "sb_budget.h"

static const struct sb_mem_sizes sz = {
	.entry = 64, .bucket = 128, .thread = 1000, .fixed = 5000,
	.check_bits = 1, .quarantine_max = 1 << 20, .pending_max = 1 << 20,
};

static void cfg_of(struct sb_config *c, const char *text)
{
	char err[SB_ERR_LEN];

	sb_config_default(c, SB_SIDE_KERNEL);
	if (sb_config_parse(c, text, strlen(text), SB_SIDE_KERNEL, err,
			    sizeof(err)))
		fail_msg("%s: %s", text, err);
}

static unsigned int caps_of(const char *prim)
{
	const struct sb_prim_info *p = sb_prim_info_find(prim, strlen(prim));

	assert_non_null(p);
	return p->caps;
}

/* Issue 21's config does not fit 160 MiB here; the parts add up. */
static void refused_with_reason(void **state)
{
	struct sb_config c;
	struct sb_mem_plan p;
	char err[SB_ERR_LEN];

	(void)state;
	cfg_of(&c, "prim=rcu_nogp cpus=0-1 list_len=1048576 buckets=65536 update_pct=100");
	assert_int_equal(sb_mem_plan(&c, caps_of("rcu_nogp"), &sz,
				     160ULL << 20, &p, err, sizeof(err)), -1);
	assert_int_equal(p.list, 64ULL << 20);
	assert_int_equal(p.buckets, 8ULL << 20);
	assert_int_equal(p.quarantine, 8ULL << 20);	/* the registry */
	assert_int_equal(p.in_flight, 3 * 2 * 64);
	assert_int_equal(p.threads, 2000);
	assert_int_equal(p.total, p.list + p.buckets + p.bitmaps +
			 p.quarantine + p.in_flight + p.threads + p.fixed);
	assert_int_equal(p.budget, 80ULL << 20);
	assert_non_null(strstr(err, "not enough memory: the run needs "));
	assert_non_null(strstr(err, "list 65536, buckets 8192"));
	assert_non_null(strstr(err, "can spare 81920 KiB (1/2 of 163840 KiB"));
	/* more memory: it fits, its quarantine gets what is left */
	assert_int_equal(sb_mem_plan(&c, caps_of("rcu_nogp"), &sz,
				     256ULL << 20, &p, err, sizeof(err)), 0);
	assert_true(p.quarantine_extra > 0 && p.quarantine_extra < (1 << 20));
	assert_true(p.total <= p.budget);
	assert_true(p.total + 72 > p.budget);	/* no room for one more */
}

/* Plenty of memory: the side's maxima; a sound lock has no quarantine. */
static void caps_at_most_max(void **state)
{
	struct sb_config c;
	struct sb_mem_plan p;
	char err[SB_ERR_LEN];

	(void)state;
	cfg_of(&c, "prim=toctou cpus=0 list_len=16 update_pct=30");
	assert_int_equal(sb_mem_plan(&c, caps_of("toctou"), &sz, 64ULL << 30,
				     &p, err, sizeof(err)), 0);
	assert_int_equal(p.quarantine_extra, 1 << 20);
	assert_int_equal(p.pending_cap, 0);
	cfg_of(&c, "prim=spin cpus=0 list_len=16 update_pct=30");
	assert_int_equal(sb_mem_plan(&c, caps_of("spin"), &sz, 64ULL << 30,
				     &p, err, sizeof(err)), 0);
	assert_int_equal(p.quarantine_extra, 0);
	assert_int_equal(p.quarantine, 0);
	/* asynchronous frees: a pending cap; synchronous: none */
	cfg_of(&c, "prim=rcu cpus=0 list_len=16 update_pct=30 rcu_free=async");
	assert_int_equal(sb_mem_plan(&c, caps_of("rcu"), &sz, 64ULL << 30,
				     &p, err, sizeof(err)), 0);
	assert_int_equal(p.pending_cap, 1 << 20);
	cfg_of(&c, "prim=rcu cpus=0 list_len=16 update_pct=30 rcu_free=sync");
	assert_int_equal(sb_mem_plan(&c, caps_of("rcu"), &sz, 64ULL << 30,
				     &p, err, sizeof(err)), 0);
	assert_int_equal(p.pending_cap, 0);
}

/* Room for the list but not for a quarantine of 1024: refused. */
static void quarantine_floor(void **state)
{
	struct sb_config c;
	struct sb_mem_plan p;
	char err[SB_ERR_LEN];
	sb_u64 base;

	(void)state;
	cfg_of(&c, "prim=rcu_nogp cpus=0 list_len=1024 update_pct=30");
	assert_int_equal(sb_mem_plan(&c, caps_of("rcu_nogp"), &sz, 64ULL << 30,
				     &p, err, sizeof(err)), 0);
	base = p.total - p.quarantine_extra * (64 + sizeof(void *));
	assert_int_equal(sb_mem_plan(&c, caps_of("rcu_nogp"), &sz,
				     2 * (base + 100 * 72), &p, err,
				     sizeof(err)), -1);
	assert_non_null(strstr(err, "a quarantine of at least 1024 entries"));
	assert_int_equal(sb_mem_plan(&c, caps_of("rcu_nogp"), &sz,
				     2 * (base + 1024 * 72), &p, err,
				     sizeof(err)), 0);
	assert_int_equal(p.quarantine_extra, 1024);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refused_with_reason),
		cmocka_unit_test(caps_at_most_max),
		cmocka_unit_test(quarantine_floor),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
