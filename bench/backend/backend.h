/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A backend runs one point and returns one record; the run loop in cmd/run.c
 * does not know which backend it drives.
 *
 *   check     - can this backend run here at all? Fills details (meta.json
 *               "backends.<name>") and the primitives it offers. -1 with a
 *               reason that says what to do (exit status 2, nothing written).
 *   start     - once, before the first point, with every point it will run in
 *               order (the vm backend builds the initramfs and boots here).
 *   run_point - one point, one repeat: *text is a malloc'd result record, or
 *               NULL with the reason the point failed (the run goes on).
 *   stop      - after the last point; fills what was learnt (calibration).
 */
#ifndef SB_BENCH_BACKEND_H
#define SB_BENCH_BACKEND_H

#include <signal.h>
#include <stddef.h>
#include <jansson.h>

#include "backend/desc.h"
#include "matrix/matrix.h"

struct sb_backend_opts {
	const char *store_dir;		/* results/<name> */
	unsigned long long timeout_ms;	/* per point beyond its own time */
	int quiet;
	/* Set by a signal (Ctrl-C): a backend waiting on a point gives up. */
	volatile sig_atomic_t *stop;
	/* vm */
	int vm_cpus;
	int vm_numa;
	int vm_mem_mib;
	const char *vm_accel;		/* tcg | kvm | auto */
	const char *vm_kernel;		/* NULL: newest /boot/vmlinuz-*-amd64 */
	const char *vm_module;		/* NULL: build/kmod/syncbench.ko */
};

/* The primitives a backend offers: one flag per catalogue row. */
struct sb_prim_set {
	unsigned char has[SB_NR_PRIMS];
};

/*
 * One name a line (a runner's --list-prims, the module's prims file) into
 * s. A name the catalogue does not know means that side was built from
 * another tree: -1 with that reason, naming @from.
 */
int sb_prim_set_parse(struct sb_prim_set *s, char *text, const char *from,
		      char *err, size_t errlen);
/* The catalogue's rows for @side (SB_SIDE_KERNEL or SB_SIDE_USER). */
void sb_prim_set_side(struct sb_prim_set *s, unsigned int side);
/* "a, b, c" (at most SB_PRIM_NAMES_LEN * 2 bytes needed). */
void sb_prim_set_names(const struct sb_prim_set *s, char *buf, size_t len);

struct sb_task {
	const struct sb_point *point;
	int repeat;
};

struct sb_backend {
	const char *name;		/* its descriptor's */
	const struct sb_backend_desc *desc;
	int (*check)(struct sb_backend *b, json_t *details, char *err,
		     size_t errlen);
	int (*start)(struct sb_backend *b, const struct sb_task *tasks,
		     int ntasks, char *err, size_t errlen);
	int (*run_point)(struct sb_backend *b, const struct sb_point *p,
			 int repeat, char **text, char *reason,
			 size_t reasonlen);
	void (*stop)(struct sb_backend *b, json_t *details);

	const struct sb_backend_opts *opts;
	struct sb_prim_set prims;	/* filled by check */
	int emulated;			/* records are from an emulated CPU */
	void *priv;
};

extern struct sb_backend sb_backend_user;
extern struct sb_backend sb_backend_kernel;
extern struct sb_backend sb_backend_vm;

/* The backend a descriptor declares (one each, by its index). */
struct sb_backend *sb_backend_get(const struct sb_backend_desc *d);

/* Does the backend offer prim? */
int sb_backend_has_prim(const struct sb_backend *b, const char *prim);

/* Helpers shared by backends. */
/* Directory of this executable (for syncbench-user, the module). */
const char *sb_exe_dir(void);
/* Path of the syncbench-user runner: $SYNCBENCH_USER or beside us. */
const char *sb_user_runner(void);

/*
 * The kernel backend's debugfs calls, shared with the guest runner:
 * run one config text on /sys/kernel/debug/syncbench (or $SYNCBENCH_DEBUGFS),
 * with a timeout after which the run is interrupted (-EINTR, aborted).
 */
int sb_kernel_run_config(const char *config, unsigned long long timeout_ms,
			 char **text, char *reason, size_t reasonlen);
/*
 * The module's calibrate file (bare primitives in refscale's loop shape):
 * its key=value text, malloc'd; NULL with why.
 */
char *sb_kernel_calibrate(char *err, size_t errlen);
/*
 * The value of @key in key=value lines @text (a record, --calibrate's
 * output): *v and *len give its span; 0, or -1 when the key is absent.
 */
int sb_kv_find(const char *text, const char *key, const char **v,
	       size_t *len);
/* key=value lines as a JSON object: numbers as numbers, the rest as text. */
json_t *sb_kv_json(const char *text);
/*
 * Module loaded, version matching; -1 with what to do. Root is asked
 * before, of the descriptor (needs_root, cmd/run.c).
 */
int sb_kernel_check(struct sb_prim_set *prims, char *version, size_t vlen,
		    char *err, size_t errlen);

#endif /* SB_BENCH_BACKEND_H */
