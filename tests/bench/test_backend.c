// SPDX-License-Identifier: GPL-2.0
/*
 * The backend table (bench/backend/desc.c): an unknown name is refused
 * with the valid names, and every descriptor's fields agree with each
 * other and with the backend it declares.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend/backend.h"
#include "matrix/matrix.h"
#include "store/group.h"
#include "store/noise.h"

#define SB_BKC_ALL (SB_BKC_MEM_INTERLEAVE | SB_BKC_CTXSW | SB_BKC_TMPDIR)

static void unknown_refused(void **state)
{
	const char *bad[] = { "qemu", "", "USER", "vm ", "kernel,user" };
	char err[256];
	unsigned int i, j;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_null(sb_backend_find(bad[i]));
		assert_null(sb_backend_lookup(bad[i], err, sizeof(err)));
		if (!strstr(err, "unknown backend"))
			fail_msg("'%s': '%s'", bad[i], err);
		/* the message lists every valid name, from the table */
		for (j = 0; j < SB_NR_BACKENDS; j++)
			if (!strstr(err, sb_backend_descs[j].name))
				fail_msg("'%s': '%s' lacks %s", bad[i], err,
					 sb_backend_descs[j].name);
		assert_int_equal(sb_backend_side(bad[i]), 0);
		assert_int_equal(sb_backend_rank(bad[i]), SB_NR_BACKENDS);
	}
	assert_null(sb_backend_find(NULL));
	assert_null(sb_backend_get(NULL));
	/* the matrix asks the table: no default that means one backend */
	{
		struct sb_matrix m;

		sb_matrix_default(&m);
		assert_int_equal(sb_matrix_set(&m, "backend", "user,qemu", err,
					       sizeof(err)), -1);
		assert_non_null(strstr(err, "unknown backend 'qemu'"));
	}
}

static void descriptors_consistent(void **state)
{
	unsigned int i, j;

	(void)state;
	for (i = 0; i < SB_NR_BACKENDS; i++) {
		const struct sb_backend_desc *d = &sb_backend_descs[i];
		struct sb_backend *b = sb_backend_get(d);

		assert_non_null(d->name);
		assert_true(*d->name);
		assert_int_equal(d->index, i);
		for (j = 0; j < i; j++)
			assert_string_not_equal(d->name,
						sb_backend_descs[j].name);
		assert_ptr_equal(sb_backend_find(d->name), d);
		assert_int_equal(sb_backend_rank(d->name), (int)i);
		assert_int_equal(sb_backend_side(d->name), d->side);
		/* exactly one side: its config parser and primitives */
		assert_true(d->side == SB_SIDE_USER ||
			    d->side == SB_SIDE_KERNEL);
		assert_true(d->topo == SB_BK_TOPO_HOST ||
			    d->topo == SB_BK_TOPO_GUEST);
		assert_int_equal(d->caps & ~SB_BKC_ALL, 0);
		/* an emulated CPU is a guest's */
		if (d->emulated)
			assert_int_equal(d->topo, SB_BK_TOPO_GUEST);
		/* root is this machine's kernel's debugfs */
		if (d->needs_root) {
			assert_int_equal(d->side, SB_SIDE_KERNEL);
			assert_int_equal(d->topo, SB_BK_TOPO_HOST);
		}
		/* the runner places the list and counts its switches */
		if (d->caps & (SB_BKC_MEM_INTERLEAVE | SB_BKC_CTXSW))
			assert_int_equal(d->side, SB_SIDE_USER);
		/* a guest boots once, from files under $TMPDIR */
		if (d->topo == SB_BK_TOPO_GUEST) {
			assert_true(d->start_ms > 0);
			assert_true(d->caps & SB_BKC_TMPDIR);
		}
		assert_true(d->point_ms > 0);
		assert_true(d->start_ms >= 0);
		/* the backend it declares, and no other */
		assert_non_null(b);
		assert_ptr_equal(b->desc, d);
		assert_string_equal(b->name, d->name);
		if (d->needs_root) {
			const struct sb_backend_desc *alt =
				sb_backend_rootless(d);

			if (alt) {
				assert_int_equal(alt->side, d->side);
				assert_false(alt->needs_root);
			}
		}
	}
	/* the default and --help's list are the table's */
	assert_non_null(sb_backend_find(SB_BACKEND_DEFAULT));
	{
		const struct sb_dim *dim = sb_dim_find("backend");

		assert_non_null(dim);
		assert_string_equal(dim->def, SB_BACKEND_DEFAULT);
		for (i = 0; i < SB_NR_BACKENDS; i++)
			if (!strstr(dim->help, sb_backend_descs[i].name))
				fail_msg("--backend help '%s' lacks %s",
					 dim->help, sb_backend_descs[i].name);
	}
}

/* meta.json's guest kernel: the guest backend's details, by the table. */
static void guest_details(void **state)
{
	json_t *bk = json_object(), *g = json_object();
	unsigned int i;

	(void)state;
	assert_null(sb_backend_guest_details(NULL));
	assert_null(sb_backend_guest_details(bk));
	for (i = 0; i < SB_NR_BACKENDS; i++)
		if (sb_backend_descs[i].topo == SB_BK_TOPO_HOST)
			json_object_set_new(bk, sb_backend_descs[i].name,
					    json_object());
	assert_null(sb_backend_guest_details(bk));
	for (i = 0; i < SB_NR_BACKENDS; i++)
		if (sb_backend_descs[i].topo == SB_BK_TOPO_GUEST)
			json_object_set(bk, sb_backend_descs[i].name, g);
	assert_ptr_equal(sb_backend_guest_details(bk), g);
	json_decref(g);
	json_decref(bk);
}

/*
 * The store's readers ask the table of a record's backend: the marker is
 * filled for the user side, the context-switch count is trusted where the
 * backend says so, and a name the table lacks (another tree's) is neither.
 */
static void readers_ask_table(void **state)
{
	const char *names[SB_NR_BACKENDS + 1];
	unsigned int i;

	(void)state;
	for (i = 0; i < SB_NR_BACKENDS; i++)
		names[i] = sb_backend_descs[i].name;
	names[i] = "qemu";
	for (i = 0; i <= SB_NR_BACKENDS; i++) {
		const struct sb_backend_desc *d = sb_backend_find(names[i]);
		json_t *rec = json_pack("{s:s,s:i,s:i,s:i}", "backend",
					names[i], "involuntary_ctxsw", 1000,
					"elapsed_ns", 1000000000, "threads",
					1);
		struct sb_noise_rec nr;

		assert_int_equal(sb_series_pt("spin", names[i]) ==
				 sb_series_pt("spin", sb_backend_descs[0].name),
				 d && d->side == sb_backend_descs[0].side);
		assert_int_equal(sb_backend_dt(names[i]),
				 d ? (int)d->index + 1 : SB_NR_BACKENDS + 1);
		sb_noise_from_json(rec, &nr);
		assert_int_equal(nr.ctxsw_known,
				 d && (d->caps & SB_BKC_CTXSW));
		json_decref(rec);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unknown_refused),
		cmocka_unit_test(descriptors_consistent),
		cmocka_unit_test(guest_details),
		cmocka_unit_test(readers_ask_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
