// SPDX-License-Identifier: GPL-2.0
/*
 * A debug kernel's marks (backend/kdebug.c, store/machine.h): the KCSAN
 * reports counted in a kernel log window, whether a run's kernel was a
 * debug one, and compare refusing to set such a run beside a production
 * kernel's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "backend/kdebug.h"
#include "report/cmp_match.h"
#include "store/machine.h"

/* /dev/kmsg records as read: "prio,seq,ts,flags;message". */
static void test_kcsan_count(void **state)
{
	static const char log[] =
		"6,900,5000,-;syncbench: run prim=none\n"
		"3,901,5001,-;==================================================================\n"
		"3,902,5001,-;BUG: KCSAN: data-race in sb_list_find [syncbench] / sb_entry_replace [syncbench]\n"
		"3,903,5001,-;read to 0xffff888003c1a0a8 of 8 bytes by task 80 on cpu 1:\n"
		"3,904,5001,-; sb_list_find+0x3c/0x90 [syncbench]\n"
		"3,910,5002,-;BUG: KCSAN: data-race in rcu_nogp_lookup [syncbench] / kfree\n"
		/* the rest of the kernel racing is not the primitive's */
		"3,920,5003,-;BUG: KCSAN: data-race in tick_sched_do_timer / tick_nohz_idle_stop_tick\n"
		"3,921,5003,-;syncbench: [syncbench] in a line that is no report\n";

	(void)state;
	assert_int_equal(sb_kdebug_count_kcsan(log, strlen(log)), 2);
	assert_int_equal(sb_kdebug_count_kcsan("", 0), 0);
	/* one record, as one read() of /dev/kmsg returns it, no newline */
	assert_int_equal(sb_kdebug_count_kcsan(
		"3,7,9,-;BUG: KCSAN: data-race in a [syncbench] / b", 50), 1);
}

static json_t *meta_of(const char *text)
{
	json_t *m = json_loads(text, 0, NULL);

	assert_non_null(m);
	return m;
}

static const char prod_vm[] =
	"{\"machine\":{\"debug_locks\":{\"LOCKDEP\":false,\"KASAN\":false}},"
	"\"backends\":{\"vm\":{\"guest_machine\":{\"debug_locks\":"
	"{\"LOCKDEP\":false,\"KASAN\":false,\"KCSAN\":false}}}}}";
static const char debug_vm[] =
	"{\"machine\":{\"debug_locks\":{\"LOCKDEP\":false,\"KASAN\":false}},"
	"\"backends\":{\"vm\":{\"guest_machine\":{\"debug_locks\":"
	"{\"LOCKDEP\":true,\"KASAN\":true,\"KCSAN\":false}}}}}";

static void test_meta_debug_kernel(void **state)
{
	json_t *m;

	(void)state;
	m = meta_of(prod_vm);
	assert_int_equal(sb_meta_debug_kernel(m), 0);
	json_decref(m);
	/* the guest's kernel, not the host's, is the vm run's */
	m = meta_of(debug_vm);
	assert_int_equal(sb_meta_debug_kernel(m), 1);
	json_decref(m);
	/* the host's kernel counts when the kernel backend ran on it */
	m = meta_of("{\"machine\":{\"debug_locks\":{\"PROVE_LOCKING\":true}},"
		    "\"backends\":{\"kernel\":{}}}");
	assert_int_equal(sb_meta_debug_kernel(m), 1);
	json_decref(m);
	/* ... and not when only the user backend ran */
	m = meta_of("{\"machine\":{\"debug_locks\":{\"PROVE_LOCKING\":true}},"
		    "\"backends\":{\"user\":{}}}");
	assert_int_equal(sb_meta_debug_kernel(m), -1);
	json_decref(m);
	/* a guest whose config nobody could read: unknown */
	m = meta_of("{\"backends\":{\"vm\":{\"guest_machine\":{\"debug_locks\":"
		    "{\"LOCKDEP\":null}}}}}");
	assert_int_equal(sb_meta_debug_kernel(m), -1);
	json_decref(m);
}

/* A store directory with an empty points.jsonl. */
static void store_dir(char *dir)
{
	char path[256];
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/points.jsonl", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
}

static void rm_store(const char *dir)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/points.jsonl", dir);
	unlink(path);
	rmdir(dir);
}

static void test_compare_refuses(void **state)
{
	char a[] = "/tmp/sb-kdebug-a.XXXXXX", b[] = "/tmp/sb-kdebug-b.XXXXXX";
	struct sb_cmp_diffs d;
	json_t *ma = meta_of(prod_vm), *mb = meta_of(debug_vm);
	char err[256], keys[256];

	(void)state;
	store_dir(a);
	store_dir(b);
	memset(&d, 0, sizeof(d));
	assert_int_equal(sb_cmp_match(a, ma, b, mb, &d, err, sizeof(err)), 0);
	sb_cmp_diff_keys(&d, keys, sizeof(keys));
	assert_non_null(strstr(keys, "debug_kernel"));
	/* two production kernels: nothing to refuse */
	memset(&d, 0, sizeof(d));
	assert_int_equal(sb_cmp_match(a, ma, b, ma, &d, err, sizeof(err)), 0);
	assert_int_equal(d.n, 0);
	rm_store(a);
	rm_store(b);
	json_decref(ma);
	json_decref(mb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kcsan_count),
		cmocka_unit_test(test_meta_debug_kernel),
		cmocka_unit_test(test_compare_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
