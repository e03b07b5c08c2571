/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vm backend's protocol, host (vm.c) and guest (cmd/guest.c) in one
 * place so the two sides cannot drift.
 *
 * Host to guest, the points file in the initramfs, one run a line:
 *
 *   <id>\t<repeat>\t<config, its pairs separated by spaces>\n
 *
 * Guest to host, frames on the data port (/dev/ttyS1, a growing file on
 * the host), one per run, in the points file's order:
 *
 *   @@calibrate\n<key=value lines>@@end\n           the module's calibrate
 *                                      file, once, before the first run
 *   @@machine\n<one line of JSON>\n@@end\n          the guest's state
 *                                      (store/machine.h), once, after it
 *   @@point <id> <repeat>\n<result record>@@end\n   the run's record
 *   @@failed <id> <repeat> <reason>\n                 the run failed
 *   @@error <reason>\n              nothing will run (module missing, ...)
 *
 * A serial line may turn "\n" into "\r\n"; the host takes either. Lines
 * that are no frame (the guest init's own words, serial noise) are dropped.
 */
#ifndef SB_BACKEND_VM_FRAME_H
#define SB_BACKEND_VM_FRAME_H

#include <stddef.h>
#include <stdio.h>

#include "matrix/matrix.h"
#include "sb_result.h"

#define SB_VM_FRAME_POINT "@@point "
#define SB_VM_FRAME_FAILED "@@failed "
#define SB_VM_FRAME_ERROR "@@error "
#define SB_VM_FRAME_END "@@end"
#define SB_VM_FRAME_CALIBRATE "@@calibrate"
#define SB_VM_FRAME_MACHINE_TAG "@@machine"

enum sb_vm_frame_kind {
	SB_VM_FRAME_NONE,	/* no complete frame yet */
	SB_VM_FRAME_RECORD,	/* @@point: text holds the record */
	SB_VM_FRAME_FAILURE,	/* @@failed: reason holds why */
	SB_VM_FRAME_FATAL,	/* @@error: reason holds why; id is "" */
	SB_VM_FRAME_CALIBRATION,	/* @@calibrate: text holds the lines */
	SB_VM_FRAME_MACHINE,	/* @@machine: text holds the JSON */
};

struct sb_vm_frame {
	enum sb_vm_frame_kind kind;
	char id[SB_ID_LEN];
	int repeat;
	char *text;		/* the record, malloc'd (the caller frees it) */
	char reason[SB_REASON_LEN];
};

/* Host: one points file line for a run (newlines in config become spaces). */
void sb_vm_points_write(FILE *f, const char *id, int repeat,
			const char *config);
/*
 * Guest: split a points file line in place (its newline dropped); 0, or
 * -1 when it is not a points line.
 */
int sb_vm_points_parse(char *line, const char **id, int *repeat,
		       const char **config);

/* Guest: the frames, malloc'd, each to go out in one write. */
char *sb_vm_frame_record(const char *id, int repeat, const char *text);
char *sb_vm_frame_failed(const char *id, int repeat, const char *reason);
char *sb_vm_frame_error(const char *reason);
char *sb_vm_frame_calibration(const char *text);
char *sb_vm_frame_machine(const char *json);

/*
 * Host: the first complete frame in buf (NUL-terminated), lines before it
 * that are no frame skipped. Returns how many bytes of buf it took (the
 * frame and what was skipped; the caller drops them), with *f filled;
 * f->kind is SB_VM_FRAME_NONE when no complete frame is there yet.
 */
size_t sb_vm_frame_parse(const char *buf, struct sb_vm_frame *f);

#endif /* SB_BACKEND_VM_FRAME_H */
