// SPDX-License-Identifier: GPL-2.0
/* The vm backend's points file and frames; see vm_frame.h. */
#include <stdlib.h>
#include <string.h>

#include "backend/vm_frame.h"

void sb_vm_points_write(FILE *f, const char *id, int repeat,
			const char *config)
{
	const char *c;

	fprintf(f, "%s\t%d\t", id, repeat);
	for (c = config; *c; c++)
		fputc(*c == '\n' ? ' ' : *c, f);
	fputc('\n', f);
}

int sb_vm_points_parse(char *line, const char **id, int *repeat,
		       const char **config)
{
	char *rep, *cfg, *end;
	long r;

	line[strcspn(line, "\n")] = '\0';
	rep = strchr(line, '\t');
	cfg = rep ? strchr(rep + 1, '\t') : NULL;
	if (!cfg)
		return -1;
	*rep++ = '\0';
	*cfg++ = '\0';
	r = strtol(rep, &end, 10);
	if (end == rep || *end || r < 0 || r > 1000000)
		return -1;
	*id = line;
	*repeat = (int)r;
	*config = cfg;
	return 0;
}

/*
 * head + body + tail in one malloc'd string; with flat, the body's newlines
 * become spaces (a one-line frame must stay one line).
 */
static char *sb_vm_frame_join(const char *head, const char *body,
			      const char *tail, int flat)
{
	size_t lh = strlen(head), lb = strlen(body), lt = strlen(tail);
	char *buf = malloc(lh + lb + lt + 1), *c;

	if (!buf)
		abort();
	memcpy(buf, head, lh);
	memcpy(buf + lh, body, lb);
	memcpy(buf + lh + lb, tail, lt + 1);
	for (c = buf + lh; flat && c < buf + lh + lb; c++)
		if (*c == '\n')
			*c = ' ';
	return buf;
}

char *sb_vm_frame_record(const char *id, int repeat, const char *text)
{
	char head[SB_ID_LEN + 32];
	size_t n = strlen(text);

	snprintf(head, sizeof(head), SB_VM_FRAME_POINT "%s %d\n", id, repeat);
	return sb_vm_frame_join(head, text, n && text[n - 1] == '\n' ?
				SB_VM_FRAME_END "\n" :
				"\n" SB_VM_FRAME_END "\n", 0);
}

char *sb_vm_frame_failed(const char *id, int repeat, const char *reason)
{
	char head[SB_ID_LEN + 32];

	snprintf(head, sizeof(head), SB_VM_FRAME_FAILED "%s %d ", id, repeat);
	return sb_vm_frame_join(head, reason, "\n", 1);
}

char *sb_vm_frame_error(const char *reason)
{
	return sb_vm_frame_join(SB_VM_FRAME_ERROR, reason, "\n", 1);
}

char *sb_vm_frame_calibration(const char *text)
{
	size_t n = strlen(text);

	return sb_vm_frame_join(SB_VM_FRAME_CALIBRATE "\n", text,
				n && text[n - 1] == '\n' ?
				SB_VM_FRAME_END "\n" :
				"\n" SB_VM_FRAME_END "\n", 0);
}

char *sb_vm_frame_machine(const char *json)
{
	/* one line of compact JSON: no "@@end" line can hide in it */
	return sb_vm_frame_join(SB_VM_FRAME_MACHINE_TAG "\n", json,
				"\n" SB_VM_FRAME_END "\n", 1);
}

static int sb_vm_starts(const char *line, const char *marker)
{
	return !strncmp(line, marker, strlen(marker));
}

/*
 * The "@@end" line that closes a frame whose record starts at body (a line
 * of its own, "\n" or "\r\n"); NULL while it has not arrived. *after is
 * the first byte past it.
 */
static const char *sb_vm_frame_end(const char *body, const char **after)
{
	const char *p = body, *nl;
	size_t n = strlen(SB_VM_FRAME_END);

	for (;;) {
		if (!strncmp(p, SB_VM_FRAME_END, n) &&
		    (p[n] == '\n' || (p[n] == '\r' && p[n + 1] == '\n'))) {
			*after = p + (p[n] == '\n' ? n + 1 : n + 2);
			return p;
		}
		nl = strchr(p, '\n');
		if (!nl)
			return NULL;
		p = nl + 1;
	}
}

/* The record between a frame's header line and its @@end, CRLFs undone. */
static char *sb_vm_frame_text(const char *body, const char *end)
{
	char *text = strndup(body, (size_t)(end - body)), *r, *w;

	if (!text)
		abort();
	/* A serial line's CRs are not part of the values. */
	for (r = w = text; *r; r++)
		if (*r != '\r' || r[1] != '\n')
			*w++ = *r;
	*w = '\0';
	return text;
}

/*
 * The frame whose header line starts at head in the buffer (line: that
 * line, its "\r\n" or "\n" cut) into *f. Returns the first byte past the
 * frame; head itself while a record has not all arrived; NULL when the line
 * is no frame.
 */
static const char *sb_vm_frame_at(const char *head, const char *line,
				  const char *body, struct sb_vm_frame *f)
{
	const char *end, *after;
	int off = 0;

	if (sb_vm_starts(line, SB_VM_FRAME_ERROR)) {
		f->kind = SB_VM_FRAME_FATAL;
		snprintf(f->reason, sizeof(f->reason), "%s",
			 line + strlen(SB_VM_FRAME_ERROR));
		return body;
	}
	if (sb_vm_starts(line, SB_VM_FRAME_FAILED) &&
	    sscanf(line + strlen(SB_VM_FRAME_FAILED), "%159s %d %n", f->id,
		   &f->repeat, &off) >= 2) {
		f->kind = SB_VM_FRAME_FAILURE;
		snprintf(f->reason, sizeof(f->reason), "%s",
			 line + strlen(SB_VM_FRAME_FAILED) + off);
		return body;
	}
	if (!strcmp(line, SB_VM_FRAME_CALIBRATE) ||
	    !strcmp(line, SB_VM_FRAME_MACHINE_TAG)) {
		end = sb_vm_frame_end(body, &after);
		if (!end)
			return head;
		f->kind = strcmp(line, SB_VM_FRAME_MACHINE_TAG) ?
			  SB_VM_FRAME_CALIBRATION : SB_VM_FRAME_MACHINE;
		f->text = sb_vm_frame_text(body, end);
		return after;
	}
	if (!sb_vm_starts(line, SB_VM_FRAME_POINT))
		return NULL;
	end = sb_vm_frame_end(body, &after);
	if (!end)
		return head;
	if (sscanf(line + strlen(SB_VM_FRAME_POINT), "%159s %d", f->id,
		   &f->repeat) != 2)
		return NULL;
	f->kind = SB_VM_FRAME_RECORD;
	f->text = sb_vm_frame_text(body, end);
	return after;
}

size_t sb_vm_frame_parse(const char *buf, struct sb_vm_frame *f)
{
	const char *p = buf, *nl, *next;

	memset(f, 0, sizeof(*f));
	while ((nl = strchr(p, '\n'))) {
		size_t n = (size_t)(nl - p) - (nl > p && nl[-1] == '\r');
		char *line = strndup(p, n);

		if (!line)
			abort();
		next = sb_vm_frame_at(p, line, nl + 1, f);
		free(line);
		if (next == p)
			break;
		p = next ? next : nl + 1;
		if (f->kind != SB_VM_FRAME_NONE)
			break;
	}
	return (size_t)(p - buf);
}
