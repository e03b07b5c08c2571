// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the shared config table, parser and printer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "sb_config.h"

static int parse(struct sb_config *c, const char *text, char *err)
{
	return sb_config_parse(c, text, strlen(text), SB_SIDE_BOTH, err,
			       SB_ERR_LEN);
}

static void test_defaults(void **state)
{
	struct sb_config c;
	char buf[2048];

	(void)state;
	sb_config_default(&c, SB_SIDE_BOTH);
	assert_string_equal(c.prim, "spin");
	assert_int_equal(c.nr_cpus, 1);
	assert_true(sb_cpu_isset(c.cpus, 0));
	assert_int_equal(c.duration_ms, 1000);
	assert_int_equal(c.node, -1);
	sb_config_print(&c, SB_SIDE_KERNEL, buf, sizeof(buf));
	assert_non_null(strstr(buf, "prim=spin\n"));
	assert_non_null(strstr(buf, "rcu_free=sync\n"));
	/* userspace-only keys are not echoed by the kernel side */
	assert_null(strstr(buf, "irq_mask="));
	sb_config_print(&c, SB_SIDE_USER, buf, sizeof(buf));
	/* soft by default: the cost of local_irq_save(), issue 15 */
	assert_non_null(strstr(buf, "irq_mask=soft\n"));
}

static void test_valid_pairs(void **state)
{
	struct sb_config c;
	char err[SB_ERR_LEN];

	(void)state;
	sb_config_default(&c, SB_SIDE_BOTH);
	assert_int_equal(parse(&c, "prim=rcu cpus=0-3,8\n update_pct=50\t"
				  "list_len=1024 node=-1 rcu_free=async "
				  "seed=9223372036854775807 irq_hz=0", err), 0);
	assert_string_equal(c.prim, "rcu");
	assert_int_equal(c.nr_cpus, 5);
	assert_true(sb_cpu_isset(c.cpus, 8));
	assert_false(sb_cpu_isset(c.cpus, 4));
	assert_int_equal(c.update_mpct, 50000);
	assert_int_equal(c.rcu_free, SB_RCU_ASYNC);
	assert_true(c.seed == INT64_MAX);
	/* empty text changes nothing and is fine */
	assert_int_equal(parse(&c, "  \n\t", err), 0);
	assert_string_equal(c.prim, "rcu");
}

/* Every malformed input is refused, names the problem, changes nothing. */
static void test_malformed(void **state)
{
	static const struct {
		const char *text;
		const char *needle;	/* expected in the error */
	} cases[] = {
		{ "prim", "not a key=value" },
		{ "=spin", "not a key=value" },
		{ "bogus=1", "unknown key 'bogus'" },
		{ "irq_mask=soft", NULL },	/* user-only: unknown to kernel */
		{ "update_pct=101", "update_pct" },
		{ "update_pct=-1", "[0, 100]" },
		{ "update_pct=", "update_pct" },
		{ "update_pct=1x", "update_pct" },
		{ "list_len=0", "[1, 1048576]" },
		{ "duration_ms=99999999999999999999999", "duration_ms" },
		{ "seed=18446744073709551616", "seed" },
		{ "seed=9223372036854775808", "seed" },
		{ "node=-2", "node" },
		{ "node=1024", "node" },
		{ "rcu_free=maybe", "sync|async" },
		{ "prim=Spin", "prim" },
		{ "prim=a_primitive_name_longer_than_31_chars", "prim" },
		{ "prim=", "prim" },
		{ "cpus=", "cpus" },
		{ "cpus=a", "malformed" },
		{ "cpus=3-1", "reversed" },
		{ "cpus=0,,1", "malformed" },
		{ "cpus=0,", "malformed" },
		{ "cpus=1-", "malformed" },
		{ "cpus=0,0", "listed twice" },
		{ "cpus=0-1024", "beyond" },
		{ "cpus=0-300", "more than" },
		{ "prim=rcu update_pct=500", "update_pct" }, /* all or nothing */
	};
	struct sb_config c, before;
	char err[SB_ERR_LEN];
	unsigned int i;

	(void)state;
	sb_config_default(&c, SB_SIDE_BOTH);
	before = c;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = sb_config_parse(&c, cases[i].text,
					 strlen(cases[i].text), SB_SIDE_KERNEL,
					 err, sizeof(err));

		if (rc != -1)
			fail_msg("accepted: %s", cases[i].text);
		if (cases[i].needle && !strstr(err, cases[i].needle))
			fail_msg("'%s': error '%s' lacks '%s'", cases[i].text,
				 err, cases[i].needle);
		assert_memory_equal(&c, &before, sizeof(c));
	}
}

static void test_oversized_and_nul(void **state)
{
	static char big[SB_CONFIG_TEXT_MAX + 2];
	struct sb_config c, before;
	char err[SB_ERR_LEN];

	(void)state;
	sb_config_default(&c, SB_SIDE_BOTH);
	before = c;
	memset(big, ' ', sizeof(big));
	assert_int_equal(sb_config_parse(&c, big, sizeof(big), SB_SIDE_BOTH,
					 err, sizeof(err)), -1);
	assert_non_null(strstr(err, "longer than"));
	assert_int_equal(sb_config_parse(&c, "prim=rcu\0x", 10, SB_SIDE_BOTH,
					 err, sizeof(err)), -1);
	assert_memory_equal(&c, &before, sizeof(c));
}

static void test_print_round_trip(void **state)
{
	struct sb_config a, b;
	char buf[4096], buf2[4096], err[SB_ERR_LEN];
	int n;

	(void)state;
	sb_config_default(&a, SB_SIDE_BOTH);
	assert_int_equal(parse(&a, "prim=mutex cpus=0,2-5,7,9-10 warmup_ms=0 "
				  "node=3 rcu_flavor=qsbr irq_mask=soft "
				  "think_ns=77 lat_sample=16", err), 0);
	n = sb_config_print(&a, SB_SIDE_USER, buf, sizeof(buf));
	assert_int_equal(n, (int)strlen(buf));
	assert_non_null(strstr(buf, "cpus=0,2-5,7,9-10\n"));
	sb_config_default(&b, SB_SIDE_BOTH);
	assert_int_equal(sb_config_parse(&b, buf, n, SB_SIDE_USER, err,
					 sizeof(err)), 0);
	assert_memory_equal(&a, &b, sizeof(a));
	/* truncated output reports the full length and stays terminated */
	assert_int_equal(sb_config_print(&a, SB_SIDE_USER, buf2, 10), n);
	assert_int_equal(strlen(buf2), 9);
}

static void test_cpulist_iteration(void **state)
{
	struct sb_config c;
	char err[SB_ERR_LEN];
	int cpu, seen[4], n = 0;

	(void)state;
	sb_config_default(&c, SB_SIDE_BOTH);
	assert_int_equal(parse(&c, "cpus=63-64,1023,5", err), 0);
	for (cpu = sb_config_next_cpu(&c, -1); cpu >= 0;
	     cpu = sb_config_next_cpu(&c, cpu))
		seen[n++] = cpu;
	assert_int_equal(n, 4);
	assert_int_equal(seen[0], 5);
	assert_int_equal(seen[1], 63);
	assert_int_equal(seen[2], 64);
	assert_int_equal(seen[3], 1023);
}

static void test_key_table(void **state)
{
	unsigned int i;
	struct sb_config c;
	char err[SB_ERR_LEN];

	(void)state;
	/* every default parses and lies inside its own range */
	for (i = 0; i < sb_nr_keys; i++) {
		const struct sb_key *k = &sb_keys[i];
		char text[128];

		snprintf(text, sizeof(text), "%s=%s", k->name, k->def);
		sb_config_default(&c, SB_SIDE_BOTH);
		if (parse(&c, text, err))
			fail_msg("default %s: %s", text, err);
		assert_non_null(k->help);
	}
	assert_non_null(sb_key_find("cs_ns", 5, SB_SIDE_KERNEL));
	assert_null(sb_key_find("rcu_flavor", 10, SB_SIDE_KERNEL));
	assert_non_null(sb_key_find("rcu_flavor", 10, SB_SIDE_USER));
}

/*
 * rcu_free=kfree_rcu and rcu_gp: both sides know the keys and echo them;
 * the values only the kernel implements are refused by userspace, with
 * the reason, and nothing changes.
 */
static void test_rcu_keys(void **state)
{
	struct sb_config c, before;
	char err[SB_ERR_LEN], buf[4096];
	static const char *const kernel_only[] = {
		"rcu_free=kfree_rcu", "rcu_gp=expedited",
	};
	unsigned int i;

	(void)state;
	sb_config_default(&c, SB_SIDE_BOTH);
	assert_int_equal(c.rcu_gp, SB_RCU_GP_NORMAL);
	assert_int_equal(sb_config_parse(&c, "prim=rcu rcu_free=kfree_rcu "
					 "rcu_gp=expedited", 44, SB_SIDE_KERNEL,
					 err, sizeof(err)), 0);
	assert_int_equal(c.rcu_free, SB_RCU_KFREE);
	assert_int_equal(c.rcu_gp, SB_RCU_GP_EXPEDITED);
	sb_config_print(&c, SB_SIDE_KERNEL, buf, sizeof(buf));
	assert_non_null(strstr(buf, "rcu_free=kfree_rcu\n"));
	assert_non_null(strstr(buf, "rcu_gp=expedited\n"));
	sb_config_default(&c, SB_SIDE_BOTH);
	sb_config_print(&c, SB_SIDE_USER, buf, sizeof(buf));
	assert_non_null(strstr(buf, "rcu_gp=normal\n"));
	assert_int_equal(sb_config_parse(&c, "rcu_gp=normal rcu_free=async",
					 28, SB_SIDE_USER, err, sizeof(err)),
			 0);
	before = c;
	for (i = 0; i < 2; i++) {
		size_t n = strlen(kernel_only[i]);

		assert_int_equal(sb_config_parse(&c, kernel_only[i], n,
						 SB_SIDE_USER, err,
						 sizeof(err)), -1);
		assert_non_null(strstr(err, "kernel only"));
		assert_memory_equal(&c, &before, sizeof(c));
		assert_int_equal(sb_config_parse(&c, kernel_only[i], n,
						 SB_SIDE_BOTH, err,
						 sizeof(err)), 0);
		c = before;
	}
	assert_int_equal(sb_config_parse(&c, "rcu_gp=fast", 11, SB_SIDE_KERNEL,
					 err, sizeof(err)), -1);
	assert_non_null(strstr(err, "normal|expedited"));
}

/*
 * The grace-period keys follow the capabilities: rcu_free=kfree_rcu is
 * refused exactly for rows with SB_CAP_GRACE but not SB_CAP_KFREE (no
 * kfree_rcu form), ignored without SB_CAP_GRACE; rcu_gp=expedited needs
 * rcu_free=sync on every SB_CAP_GRACE row.
 */
static void test_grace_caps(void **state)
{
	struct sb_config c;
	char err[SB_ERR_LEN];
	unsigned int i, kfree = 0, nokfree = 0;

	(void)state;
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];
		int grace = !!(p->caps & SB_CAP_GRACE);
		int has = !!(p->caps & SB_CAP_KFREE);
		char text[96];
		int rc;

		assert_true(!has || grace);	/* kfree_rcu is a way to free */
		sb_config_default(&c, SB_SIDE_KERNEL);
		snprintf(text, sizeof(text), "prim=%s rcu_free=kfree_rcu",
			 p->name);
		assert_int_equal(parse(&c, text, err), 0);
		rc = sb_prim_config_check(&c, err, sizeof(err));
		assert_int_equal(rc, grace && !has ? -1 : 0);
		if (rc)
			assert_non_null(strstr(err, "no kfree_rcu form"));
		c.rcu_gp = SB_RCU_GP_EXPEDITED;
		assert_int_equal(sb_prim_config_check(&c, err, sizeof(err)),
				 grace ? -1 : 0);
		c.rcu_free = SB_RCU_ASYNC;
		assert_int_equal(sb_prim_config_check(&c, err, sizeof(err)),
				 grace ? -1 : 0);
		c.rcu_free = SB_RCU_SYNC;
		assert_int_equal(sb_prim_config_check(&c, err, sizeof(err)), 0);
		kfree += has;
		nokfree += grace && !has;
	}
	assert_true(kfree > 0);
	assert_true(nokfree > 0);
}

/*
 * The contender follows the capabilities: irq_hz > 0 is accepted exactly
 * for rows with SB_CAP_IRQ (hard-IRQ) or SB_CAP_SOFTIRQ (softirq), and no
 * row has both (the capability picks the contender's context).
 */
static void test_contender_caps(void **state)
{
	struct sb_config c;
	char err[SB_ERR_LEN];
	unsigned int i, soft = 0, hard = 0;

	(void)state;
	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];
		char text[64];
		int rc;

		sb_config_default(&c, SB_SIDE_BOTH);
		snprintf(text, sizeof(text), "prim=%s irq_hz=1000", p->name);
		assert_int_equal(parse(&c, text, err), 0);
		rc = sb_prim_config_check(&c, err, sizeof(err));
		assert_int_equal(rc, (p->caps & SB_CAP_CONTENDER) ? 0 : -1);
		assert_true((p->caps & SB_CAP_CONTENDER) != SB_CAP_CONTENDER);
		if (rc) {
			assert_non_null(strstr(err, "hard-IRQ:"));
			assert_non_null(strstr(err, "softirq:"));
		}
		soft += !!(p->caps & SB_CAP_SOFTIRQ);
		hard += !!(p->caps & SB_CAP_IRQ);
		c.irq_hz = 0;
		assert_int_equal(sb_prim_config_check(&c, err, sizeof(err)), 0);
	}
	assert_true(soft > 0);
	assert_true(hard > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_valid_pairs),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_oversized_and_nul),
		cmocka_unit_test(test_print_round_trip),
		cmocka_unit_test(test_cpulist_iteration),
		cmocka_unit_test(test_key_table),
		cmocka_unit_test(test_rcu_keys),
		cmocka_unit_test(test_contender_caps),
		cmocka_unit_test(test_grace_caps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
