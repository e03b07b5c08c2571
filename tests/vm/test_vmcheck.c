// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the VM test's host-side checker: a checker that passes
 * everything would make the VM test worthless, so each check is shown to
 * catch the fault it exists for, on records built with the real printer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "vmcheck.h"

static struct sb_result rec, parsed;
static char text[1 << 17];
static char err[VM_ERR_LEN];

/* A plausible clean 2-thread run of @prim on CPUs 0 and 2. */
static void make(const char *prim, unsigned int update_pct)
{
	struct sb_config cfg;
	char cerr[SB_ERR_LEN], cfgtext[128];
	const struct sb_prim_info *p = sb_prim_info_find(prim, strlen(prim));
	int grace = p && (p->caps & SB_CAP_GRACE);
	unsigned int i, v;

	sb_config_default(&cfg, SB_SIDE_KERNEL);
	snprintf(cfgtext, sizeof(cfgtext), "prim=%s cpus=0,2 update_pct=%u",
		 prim, update_pct);
	assert_int_equal(sb_config_parse(&cfg, cfgtext, strlen(cfgtext),
					 SB_SIDE_KERNEL, cerr, sizeof(cerr)),
			 0);
	sb_result_init(&rec, &cfg, "kernel");
	rec.threads = 2;
	rec.elapsed_ns = 300000000;
	rec.final_len = cfg.list_len;
	for (i = 0; i < 2; i++) {
		rec.thread[i].cpu = i * 2;
		rec.thread[i].updates = update_pct ? 100 : 0;
		rec.thread[i].lookups = 1000;
		rec.thread[i].ops = rec.thread[i].lookups +
				    rec.thread[i].updates;
		for (v = 100; v < 2000; v += 7) {
			sb_hist_record(&rec.hist[SB_H_LOOKUP], v);
			if (update_pct)
				sb_hist_record(&rec.hist[SB_H_UPDATE], v * 2);
			if (update_pct && grace)
				sb_hist_record(&rec.hist[SB_H_RCU_GP], v * 3);
		}
	}
	if (update_pct && grace) {
		rec.rcu_peak_pending = 2;
		rec.rcu_peak_pending_bytes = 2 * 64;
	}
	sb_result_finish(&rec);
	rec.invariants_ok = SB_INV_OK;	/* the module checked the list */
	rec.loop_ps = rec.op_ps / 4;	/* the null loop, measured apart */
	rec.lat_sample_used = cfg.lat_sample ? cfg.lat_sample : 64;
}

static int check(unsigned int expect, const struct vm_topo *topo)
{
	int n = sb_result_print(&rec, SB_SIDE_KERNEL, text, sizeof(text));

	assert_true(n > 0 && (size_t)n < sizeof(text));
	err[0] = '\0';
	return vm_check_result(&parsed, text, (size_t)n, expect, topo, err,
			       sizeof(err));
}

static void test_clean_record_passes(void **state)
{
	(void)state;
	make("spin", 10);
	assert_int_equal(check(VM_EXPECT_OK, NULL), 0);
	assert_int_equal(parsed.ops, rec.ops);
	make("rcu", 0);
	assert_int_equal(check(VM_EXPECT_OK, NULL), 0);
}

static void test_idle_thread_fails(void **state)
{
	(void)state;
	make("mutex", 10);
	rec.thread[1].ops = rec.thread[1].lookups = rec.thread[1].updates = 0;
	sb_result_finish(&rec);
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	assert_non_null(strstr(err, "thread.1.ops=0"));
}

static void test_status_and_side(void **state)
{
	(void)state;
	make("spin", 10);
	rec.status = SB_STATUS_FAILED;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	rec.status = SB_STATUS_ABORTED;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	assert_int_equal(check(VM_EXPECT_ABORTED, NULL), 0);
	rec.status = SB_STATUS_OK;
	assert_int_equal(check(VM_EXPECT_ABORTED, NULL), -1);
	/* stopped on a full quarantine: only where that is expected */
	rec.status = SB_STATUS_STOPPED;
	snprintf(rec.reason, sizeof(rec.reason),
		 "the quarantine filled after 80 ms, 4096 entries: ...");
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	assert_int_equal(vm_parse_expect("stopped", 7), -1);
	assert_int_equal(vm_parse_expect("uaf,stopped", 11),
			 VM_EXPECT_UAF | VM_EXPECT_STOPPED);
	rec.status = SB_STATUS_OK;
	rec.reason[0] = '\0';
	snprintf(rec.side, sizeof(rec.side), "user");
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
}

static void test_invariants(void **state)
{
	(void)state;
	make("spin", 50);
	rec.invariants_ok = SB_INV_VIOLATED;
	rec.violations = 3;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	/* none with updates: not judged as ok, and race wants violations */
	assert_int_equal(check(VM_EXPECT_RACE, NULL), -1); /* prim is spin */
	make("none", 50);
	rec.invariants_ok = SB_INV_VIOLATED;
	rec.violations = 3;
	assert_int_equal(check(VM_EXPECT_NOLOCK, NULL), 0);
	assert_int_equal(check(VM_EXPECT_RACE, NULL), 0);
	rec.invariants_ok = SB_INV_OK;
	rec.violations = 0;
	assert_int_equal(check(VM_EXPECT_RACE, NULL), -1);
	assert_non_null(strstr(err, "race did not show"));
	make("mutex", 10);
	rec.final_len--;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	/* A list nobody checked is not a list that held. */
	make("spin", 10);
	rec.invariants_ok = SB_INV_UNCHECKED;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
}

/* Splice a value into the printed text, as a buggy printer would. */
static void replace_value(const char *key, const char *val)
{
	char *p = strstr(text, key), *eol, tail[1 << 17];

	assert_non_null(p);
	p += strlen(key);
	eol = strchr(p, '\n');
	snprintf(tail, sizeof(tail), "%s", eol);
	sprintf(p, "%s%s", val, tail);
}

static void test_percentile_order(void **state)
{
	int n;

	(void)state;
	make("rcu", 10);
	/* every operation timed: enough samples that percentiles are judged */
	rec.lat_sample_used = 1;
	n = sb_result_print(&rec, SB_SIDE_KERNEL, text, sizeof(text));
	assert_true(n > 0);
	replace_value("\nlookup_p99_ns=", "1");
	assert_int_equal(vm_check_result(&parsed, text, strlen(text),
					 VM_EXPECT_OK, NULL, err,
					 sizeof(err)), -1);
	assert_non_null(strstr(err, "lookup_p99_ns"));
	/* 200 updates: enough samples to be judged only if all are timed */
	rec.lat_sample_used = 1;
	sb_result_print(&rec, SB_SIDE_KERNEL, text, sizeof(text));
	replace_value("\nupdate_max_ns=", "2");
	assert_int_equal(vm_check_result(&parsed, text, strlen(text),
					 VM_EXPECT_OK, NULL, err,
					 sizeof(err)), -1);
	assert_non_null(strstr(err, "update_max_ns"));
}

/* Latency samples are required where sampling makes them certain. */
static void test_sparse_samples(void **state)
{
	(void)state;
	make("spin", 10);	/* 2000 lookups, 200 updates */
	rec.cfg.lat_sample = 0;		/* auto */
	sb_hist_init(&rec.hist[SB_H_UPDATE]);
	rec.lat_sample_used = 1;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	assert_non_null(strstr(err, "update_max_ns"));
	rec.lat_sample_used = 1024;	/* 0.2 samples expected: none is fine */
	assert_int_equal(check(VM_EXPECT_OK, NULL), 0);
	sb_hist_init(&rec.hist[SB_H_LOOKUP]);
	rec.lat_sample_used = 64;	/* 31 lookup samples expected */
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	assert_non_null(strstr(err, "lookup_max_ns"));
}

static void test_sums_and_cpus(void **state)
{
	(void)state;
	make("spin", 10);
	rec.ops++;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	make("spin", 10);
	rec.thread[1].cpu = 1;	/* not in cpus=0,2 */
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	make("spin", 0);
	rec.thread[0].updates = 5;
	rec.thread[0].ops += 5;
	sb_result_finish(&rec);
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1); /* updates at 0% */
}

static void test_numa(void **state)
{
	static const char topo2[] = "node0=0-1\nnode1=2-3\n";
	static const char topo1[] = "node0=0-3\n";
	struct vm_topo t;

	(void)state;
	assert_int_equal(vm_parse_topo(&t, topo2, strlen(topo2), err,
				       sizeof(err)), 0);
	assert_int_equal(t.nr_nodes, 2);
	make("spin", 10);	/* CPUs 0 and 2: nodes 0 and 1 */
	assert_int_equal(check(VM_EXPECT_OK | VM_EXPECT_NUMA, &t), 0);
	assert_int_equal(check(VM_EXPECT_OK | VM_EXPECT_NUMA, NULL), -1);
	assert_int_equal(vm_parse_topo(&t, topo1, strlen(topo1), err,
				       sizeof(err)), 0);
	assert_int_equal(check(VM_EXPECT_OK | VM_EXPECT_NUMA, &t), -1);
	assert_non_null(strstr(err, "one NUMA node"));
	assert_int_equal(vm_parse_topo(&t, "cpu0=1\n", 7, err, sizeof(err)),
			 -1);
}

/* op_ns and loop_ns are measured; loop < op unless a harness primitive. */
static void test_costs(void **state)
{
	(void)state;
	make("spin", 0);
	rec.loop_ps = 0;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	make("spin", 0);
	rec.op_ps = 0;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	make("spin", 0);
	rec.loop_ps = rec.op_ps;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	assert_non_null(strstr(err, "loop_ns"));
	/* The null loop is the harness: its loop may cost what it does. */
	make("null", 0);
	rec.loop_ps = rec.op_ps + 5;
	assert_int_equal(check(VM_EXPECT_OK, NULL), 0);
}

static void test_lat_sample_used(void **state)
{
	(void)state;
	make("spin", 0);
	rec.cfg.lat_sample = 0;		/* auto: any power of two */
	rec.lat_sample_used = 256;
	assert_int_equal(check(VM_EXPECT_OK, NULL), 0);
	rec.lat_sample_used = 0;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	rec.lat_sample_used = 48;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	rec.lat_sample_used = 2048;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	rec.cfg.lat_sample = 16;	/* explicit: exactly that one */
	rec.lat_sample_used = 16;
	assert_int_equal(check(VM_EXPECT_OK, NULL), 0);
	rec.lat_sample_used = 32;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
}

static void test_calibrate(void **state)
{
	static const char good[] =
		"cpu=0\nclock=tsc\npairs=2048\nrounds=16\n"
		"empty_loop_ns=0.312\ntimestamp_ns=20.100\nspin_ns=9.870\n"
		"spin_irqoff_ns=9.001\nspin_irqsave_ns=12.000\n"
		"spin_irqsave_irqoff_ns=11.500\nrcu_ns=1.020\n"
		"rcu_irqoff_ns=1.010\nmutex_ns=18.444\n"
		"rwlock_read_ns=10.250\nrwsem_read_ns=14.500\n"
		/* after rcu_ns: strstr() finds the key, not its tail */
		"srcu_ns=3.125\n"
		"note=no mutex_irqoff_ns\n";
	char buf[sizeof(good)], *p;
	unsigned int i;

	(void)state;
	assert_int_equal(vm_check_calibrate(good, strlen(good), err,
					    sizeof(err)), 0);
	/* Each key missing, or zero, fails. */
	for (i = 0; vm_calibrate_keys[i]; i++) {
		memcpy(buf, good, sizeof(good));
		p = strstr(buf, vm_calibrate_keys[i]);
		assert_non_null(p);
		while (*p != '=')
			p++;
		memcpy(p + 1, "0.000", 5);
		p[6] = '\n';
		assert_int_equal(vm_check_calibrate(buf, strlen(buf), err,
						    sizeof(err)), -1);
		memcpy(buf, good, sizeof(good));
		p = strstr(buf, vm_calibrate_keys[i]);
		*p = 'X';
		assert_int_equal(vm_check_calibrate(buf, strlen(buf), err,
						    sizeof(err)), -1);
	}
	assert_int_equal(vm_check_calibrate("spin_ns=12\n", 11, err,
					    sizeof(err)), -1);
}

/* Every primitive with grace periods: timed, counted, or called back. */
static void test_grace(void **state)
{
	char prims[SB_PRIM_NAMES_LEN], *name, *save = NULL;
	int n = 0;

	(void)state;
	sb_prim_list(prims, sizeof(prims), SB_SIDE_KERNEL, SB_CAP_GRACE, " ");
	for (name = strtok_r(prims, " ", &save); name;
	     name = strtok_r(NULL, " ", &save), n++) {
		make(name, 10);
		assert_int_equal(check(VM_EXPECT_OK, NULL), 0);
		make(name, 0);	/* no updates: no grace period owed */
		sb_hist_init(&rec.hist[SB_H_RCU_GP]);
		assert_int_equal(check(VM_EXPECT_OK, NULL), 0);
		make(name, 10);
		sb_hist_init(&rec.hist[SB_H_RCU_GP]);
		assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
		assert_non_null(strstr(err, "rcu_gp"));
		make(name, 10);
		rec.rcu_peak_pending = 0;
		assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
		assert_non_null(strstr(err, "rcu_peak_pending=0"));
		make(name, 10);
		rec.rcu_peak_pending_bytes = 0;	/* counted, but no bytes */
		assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
		assert_non_null(strstr(err, "rcu_peak_pending_bytes=0"));
		make(name, 10);
		rec.cfg.rcu_free = SB_RCU_ASYNC;
		assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
		assert_non_null(strstr(err, "rcu_callbacks=0"));
		rec.rcu_callbacks = 5;
		sb_hist_init(&rec.hist[SB_H_RCU_GP]);
		assert_int_equal(check(VM_EXPECT_OK, NULL), 0);
	}
	assert_true(n > 0);
	/* Without grace periods, none is asked for. */
	make("spin", 10);
	assert_int_equal(check(VM_EXPECT_OK, NULL), 0);
}

static void test_expect_words(void **state)
{
	(void)state;
	assert_int_equal(vm_parse_expect("ok", 2), VM_EXPECT_OK);
	assert_int_equal(vm_parse_expect("ok,numa", 7),
			 VM_EXPECT_OK | VM_EXPECT_NUMA);
	assert_int_equal(vm_parse_expect("race", 4), VM_EXPECT_RACE);
	assert_int_equal(vm_parse_expect("okay", 4), -1);
	assert_int_equal(vm_parse_expect("ok,race", 7), -1);
	assert_int_equal(vm_parse_expect("numa", 4), -1);
	assert_int_equal(vm_parse_expect("ok,locked", 9),
			 VM_EXPECT_OK | VM_EXPECT_LOCKED);
	assert_int_equal(vm_parse_expect("locked", 6), -1);
	assert_int_equal(vm_parse_expect("", 0), -1);
}

static void test_log_scanner(void **state)
{
	static const char *const bad[] = {
		"[   12.3] BUG: kernel NULL pointer dereference, address: 0",
		"[    5.0] WARNING: CPU: 1 PID: 80 at kmod/run.c:10",
		"[    5.0] Oops: 0002 [#1] PREEMPT SMP NOPTI",
		"[   40.1] watchdog: BUG: soft lockup - CPU#0 stuck for 22s!",
		"[  130.0] INFO: task sh:77 blocked for more than 120 seconds.",
		"[   30.0] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:",
		"[   30.0] rcu: INFO: rcu_preempt self-detected stall on CPU",
		"[    9.0] general protection fault, probably for non-canonical",
		"[    9.0] Call Trace:",
		"[    9.9] Kernel panic - not syncing: Fatal exception",
		"[   20.1] sh invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0",
		"[   20.2] Out of memory: Killed process 77 (sb-write)",
		"[   20.3] Kernel panic - not syncing: System is deadlocked on memory",
		"[   50.0] kmemleak: 2 new suspected memory leaks (see /sys/kernel/debug/kmemleak)",
		"[   51.0] ODEBUG: free active (active state 0) object: 00000000a1b2 object type: timer_list",
		"[   52.0] WARNING: possible circular locking dependency detected",
		"[   52.0] WARNING: inconsistent lock state",
		"[   53.0] BUG: KASAN: slab-use-after-free in sb_list_find+0x3c/0x90 [syncbench]",
		"[   54.0] BUG: sleeping function called from invalid context at kernel/locking/mutex.c:283",
		"[   55.0] WARNING: suspicious RCU usage",
		"[   56.0] BUG: KCSAN: data-race in sb_list_find [syncbench] / sb_entry_replace [syncbench]",
		"[   57.0] watchdog: Watchdog detected hard LOCKUP on cpu 1",
	};
	static const char *const good[] = {
		"[    0.1] rcu: Preemptible hierarchical RCU implementation.",
		"[    0.7] PCI: ... if necessary, use \"pci=nocrs\" and report a bug",
		"[    1.1] syncbench: update_pct: '101' is not an integer in [0, 100]",
		"[    1.2] syncbench: module verification failed: ... tainting kernel",
		"sbvm: PASS run during a run: EBUSY",
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < SB_ARRAY_SIZE(bad); i++)
		assert_non_null(vm_log_bad_line(bad[i], strlen(bad[i])));
	for (i = 0; i < SB_ARRAY_SIZE(good); i++)
		assert_null(vm_log_bad_line(good[i], strlen(good[i])));
	/* Only a KCSAN report's title counts as one. */
	assert_true(vm_log_kcsan_line(bad[20], strlen(bad[20])));
	assert_false(vm_log_kcsan_line(bad[17], strlen(bad[17])));
	assert_false(vm_log_kcsan_line(good[0], strlen(good[0])));
}

/* The first kernel row whose caps include @caps, and none of @without. */
static const char *prim_with(unsigned int caps, unsigned int without)
{
	unsigned int i;

	for (i = 0; i < sb_nr_prim_infos; i++) {
		const struct sb_prim_info *p = &sb_prim_infos[i];

		if ((p->sides & SB_SIDE_KERNEL) && (p->caps & caps) == caps &&
		    !(p->caps & without))
			return p->name;
	}
	fail_msg("no kernel primitive with caps 0x%x", caps);
	return NULL;
}

/* n lateness samples of the contender into hist @h (and its count). */
static void contend(unsigned int h, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		sb_hist_record(&rec.hist[h], 1000 + i);
	if (h == SB_H_IRQ || h == SB_H_IRQ_LOCKED)
		rec.irq_count += n;
	else
		rec.softirq_count += n;
}

/* The contender's counts follow the capability's context. */
static void test_contender(void **state)
{
	const char *hard = prim_with(SB_CAP_IRQ, 0);
	const char *soft = prim_with(SB_CAP_SOFTIRQ, 0);

	(void)state;
	make(soft, 10);
	rec.cfg.irq_hz = 1000;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);	/* never ran */
	assert_non_null(strstr(err, "softirq_count=0"));
	contend(SB_H_SOFTIRQ, 20);
	assert_int_equal(check(VM_EXPECT_OK, NULL), 0);
	assert_int_equal(check(VM_EXPECT_OK | VM_EXPECT_LOCKED, NULL), -1);
	assert_non_null(strstr(err, "softirq_lat_locked_count=0"));
	contend(SB_H_SOFTIRQ_LOCKED, 5);
	/* held off while locked, yet no window measured */
	assert_int_equal(check(VM_EXPECT_OK | VM_EXPECT_LOCKED, NULL), -1);
	assert_non_null(strstr(err, "irqoff_max_ns=0"));
	rec.irqoff_max_ns = 4000;
	assert_int_equal(check(VM_EXPECT_OK | VM_EXPECT_LOCKED, NULL), 0);
	rec.softirq_count++;		/* a lookup with no lateness */
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	rec.softirq_count--;
	contend(SB_H_IRQ, 1);		/* the wrong context */
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	assert_non_null(strstr(err, "other context"));

	make(hard, 10);
	rec.cfg.irq_hz = 1000;
	contend(SB_H_SOFTIRQ, 20);	/* a hard-IRQ primitive's softirqs */
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	make(soft, 10);
	rec.cfg.irq_hz = 1000;
	contend(SB_H_SOFTIRQ_LOCKED, 5);	/* never outside the lock */
	rec.irqoff_max_ns = 4000;
	assert_int_equal(check(VM_EXPECT_OK | VM_EXPECT_LOCKED, NULL), -1);
	assert_non_null(strstr(err, "outside the lock"));
	make(hard, 10);
	rec.cfg.irq_hz = 1000;
	contend(SB_H_IRQ, 20);
	contend(SB_H_IRQ_LOCKED, 2);
	rec.irqoff_max_ns = 3000;
	assert_int_equal(check(VM_EXPECT_OK | VM_EXPECT_LOCKED, NULL), 0);
	rec.cfg.irq_hz = 0;		/* counts without a contender */
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	assert_non_null(strstr(err, "irq_hz=0"));
}

/* seq_retries, and kfree_rcu's pending frees. */
static void test_counters(void **state)
{
	const char *seq = NULL, *kfree = prim_with(SB_CAP_KFREE, 0);
	unsigned int i;

	(void)state;
	for (i = 0; i < sb_nr_prim_infos && !seq; i++)
		if (sb_prim_infos[i].family == SB_FAM_SEQ &&
		    (sb_prim_infos[i].sides & SB_SIDE_KERNEL))
			seq = sb_prim_infos[i].name;
	assert_non_null(seq);
	make(seq, 10);
	rec.seq_retries = 42;
	assert_int_equal(check(VM_EXPECT_OK, NULL), 0);
	assert_int_equal(parsed.seq_retries, 42);
	make(seq, 0);
	rec.seq_retries = 1;		/* no writer, yet a retry */
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	make(prim_with(0, 0), 10);
	if (sb_prim_info_find(rec.cfg.prim, strlen(rec.cfg.prim))->family !=
	    SB_FAM_SEQ) {
		rec.seq_retries = 1;	/* not a sequence lock */
		assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
		assert_non_null(strstr(err, "not a sequence lock"));
	}

	make(kfree, 10);
	rec.cfg.rcu_free = SB_RCU_KFREE;
	rec.rcu_peak_pending = 0;
	rec.rcu_peak_pending_bytes = 0;
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);	/* none pending */
	rec.rcu_peak_pending = 3;
	rec.rcu_peak_pending_bytes = 3 * 64;
	assert_int_equal(check(VM_EXPECT_OK, NULL), 0);
	assert_int_equal(parsed.rcu_peak_pending_bytes, 192);
	rec.rcu_peak_pending_bytes = 3;	/* not bytes of entries */
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	rec.rcu_peak_pending_bytes = 3 * 64;
	rec.rcu_callbacks = 2;		/* kfree_rcu has no callback */
	assert_int_equal(check(VM_EXPECT_OK, NULL), -1);
	rec.cfg.rcu_free = SB_RCU_ASYNC;
	assert_int_equal(check(VM_EXPECT_OK, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_record_passes),
		cmocka_unit_test(test_idle_thread_fails),
		cmocka_unit_test(test_status_and_side),
		cmocka_unit_test(test_invariants),
		cmocka_unit_test(test_percentile_order),
		cmocka_unit_test(test_sparse_samples),
		cmocka_unit_test(test_sums_and_cpus),
		cmocka_unit_test(test_numa),
		cmocka_unit_test(test_costs),
		cmocka_unit_test(test_lat_sample_used),
		cmocka_unit_test(test_calibrate),
		cmocka_unit_test(test_grace),
		cmocka_unit_test(test_expect_words),
		cmocka_unit_test(test_log_scanner),
		cmocka_unit_test(test_contender),
		cmocka_unit_test(test_counters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
