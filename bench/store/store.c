// SPDX-License-Identifier: GPL-2.0
/* The result store; see store.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/record.h"
#include "store/store.h"
#include "util/util.h"

static void sb_path(char *out, size_t len, const char *dir, const char *name)
{
	snprintf(out, len, "%s/%s", dir, name);
}

/* The whole file into a malloc'd buffer, NUL-terminated. */
static char *sb_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (!f)
		return NULL;
	do {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 1);
			if (!buf)
				abort();
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int sb_store_exists(const char *dir)
{
	char p[PATH_MAX];
	struct stat st;

	sb_path(p, sizeof(p), dir, "meta.json");
	if (!stat(p, &st))
		return 1;
	sb_path(p, sizeof(p), dir, "points.jsonl");
	return !stat(p, &st) && st.st_size > 0;
}

static int sb_write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t w = write(fd, buf, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Cut a torn last line (no newline: killed mid-write) off points.jsonl. */
static int sb_store_repair(const char *path)
{
	size_t len, keep;
	char *buf = sb_slurp(path, &len);
	int rc = 0;

	if (!buf)
		return errno == ENOENT ? 0 : -1;
	keep = len;
	while (keep && buf[keep - 1] != '\n')
		keep--;
	if (keep != len)
		rc = truncate(path, (off_t)keep);
	free(buf);
	return rc;
}

/* points.csv from points.jsonl: derived, so always complete and in step. */
static int sb_store_rebuild_csv(const char *dir, char *err, size_t errlen)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	json_t *pts = sb_store_load_points(dir, err, errlen), *rec;
	size_t i;
	FILE *f;

	if (!pts)
		return -1;
	sb_path(path, sizeof(path), dir, "points.csv");
	sb_path(tmp, sizeof(tmp), dir, ".points.csv.tmp");
	f = fopen(tmp, "w");
	if (!f) {
		snprintf(err, errlen, "cannot write %s: %s", tmp,
			 strerror(errno));
		json_decref(pts);
		return -1;
	}
	sb_csv_header(f);
	json_array_foreach(pts, i, rec)
		sb_csv_row(f, rec);
	json_decref(pts);
	if (fflush(f) || fsync(fileno(f)) || fclose(f) ||
	    rename(tmp, path)) {
		snprintf(err, errlen, "cannot write %s: %s", path,
			 strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The first entry of dir that no run writes, or NULL (also when dir cannot
 * be read: sb_store_open says why). A store's own files, the temporaries
 * of an atomic write, and what a run killed early leaves are not foreign.
 */
static char *sb_store_foreign(const char *dir, char *name, size_t len)
{
	static const char *const own[] = {
		".", "..", ".lock", "points.jsonl", "points.csv", "meta.json",
		"topology.xml", "topology-vm.xml", "summary.json",
		"summary.csv", NULL,
	};
	DIR *d = opendir(dir);
	struct dirent *e;
	char *found = NULL;
	int i;

	if (!d)
		return NULL;
	while (!found && (e = readdir(d))) {
		size_t n = strlen(e->d_name);

		for (i = 0; own[i] && strcmp(own[i], e->d_name); i++)
			;
		if (own[i])
			continue;
		if (e->d_name[0] == '.' && n > 4 &&
		    !strcmp(e->d_name + n - 4, ".tmp"))
			continue;
		if (!strncmp(e->d_name, "vm-console", 10) && n >= 14 &&
		    !strcmp(e->d_name + n - 4, ".log"))
			continue;
		snprintf(name, len, "%s", e->d_name);
		found = name;
	}
	closedir(d);
	return found;
}

/* dir may take this run (resume or not) and exists afterwards. */
static int sb_store_claim_dir(const char *dir, int resume, char *err,
			      size_t errlen)
{
	char other[256];

	if (!resume && sb_store_exists(dir)) {
		snprintf(err, errlen,
			 "%s already holds a run: pass --resume to complete it, or choose another "
			 "-o",
			 dir);
		return -1;
	}
	/*
	 * A directory with other files and no run (-o results instead of
	 * -o results/NAME): the store's files would land among them.
	 */
	if (!sb_store_exists(dir) &&
	    sb_store_foreign(dir, other, sizeof(other))) {
		snprintf(err, errlen,
			 "%s is not empty (%s) and holds no syncbench run: choose a new or empty "
			 "directory, e.g. %s/NAME",
			 dir, other, dir);
		return -1;
	}
	if (sb_mkdir_p(dir)) {
		snprintf(err, errlen, "cannot create %s: %s", dir,
			 strerror(errno));
		return -1;
	}
	return 0;
}

/* One writer at a time: two runs appending would interleave. */
static int sb_store_lock(struct sb_store *s, char *err, size_t errlen)
{
	char path[PATH_MAX];

	sb_path(path, sizeof(path), s->dir, ".lock");
	s->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (s->lock_fd < 0) {
		/* e.g. dir is a file: not another run's doing. */
		snprintf(err, errlen, "cannot create %s: %s", path,
			 strerror(errno));
		return -1;
	}
	if (flock(s->lock_fd, LOCK_EX | LOCK_NB)) {
		snprintf(err, errlen, "%s is in use by another syncbench run",
			 s->dir);
		return -1;
	}
	return 0;
}

/* points.jsonl (a torn last line cut) and points.csv, open to append. */
static int sb_store_open_files(struct sb_store *s, char *err, size_t errlen)
{
	char path[PATH_MAX];

	sb_path(path, sizeof(path), s->dir, "points.jsonl");
	if (sb_store_repair(path)) {
		snprintf(err, errlen, "cannot repair %s: %s", path,
			 strerror(errno));
		return -1;
	}
	s->jsonl_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
			   0644);
	if (s->jsonl_fd < 0) {
		snprintf(err, errlen, "cannot open %s: %s", path,
			 strerror(errno));
		return -1;
	}
	if (sb_store_rebuild_csv(s->dir, err, errlen))
		return -1;
	sb_path(path, sizeof(path), s->dir, "points.csv");
	s->csv_fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (s->csv_fd < 0) {
		snprintf(err, errlen, "cannot open %s: %s", path,
			 strerror(errno));
		return -1;
	}
	return 0;
}

int sb_store_open(struct sb_store *s, const char *dir, int resume, char *err,
		  size_t errlen)
{
	s->jsonl_fd = s->csv_fd = s->lock_fd = -1;
	if (snprintf(s->dir, sizeof(s->dir), "%s", dir) >=
	    (int)sizeof(s->dir)) {
		snprintf(err, errlen, "result directory name too long");
		return -1;
	}
	if (sb_store_claim_dir(dir, resume, err, errlen))
		return -1;
	if (sb_store_lock(s, err, errlen) ||
	    sb_store_open_files(s, err, errlen)) {
		sb_store_close(s);
		return -1;
	}
	return 0;
}

int sb_store_append(struct sb_store *s, const json_t *rec, char *err,
		    size_t errlen)
{
	char *line = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER |
				 JSON_REAL_PRECISION(12));
	char *csv = NULL;
	size_t len, csvlen = 0;
	FILE *f;
	int rc = 0;

	if (!line) {
		snprintf(err, errlen, "cannot encode a record as JSON");
		return -1;
	}
	len = strlen(line);
	line = realloc(line, len + 2);
	if (!line)
		abort();
	line[len++] = '\n';
	line[len] = '\0';
	/* One write: a kill leaves the whole line or a torn tail, cut later. */
	if (sb_write_all(s->jsonl_fd, line, len) || fsync(s->jsonl_fd)) {
		snprintf(err, errlen, "cannot append to %s/points.jsonl: %s",
			 s->dir, strerror(errno));
		rc = -1;
	}
	free(line);
	if (rc)
		return rc;
	f = open_memstream(&csv, &csvlen);
	if (!f)
		abort();
	sb_csv_row(f, rec);
	fclose(f);
	if (sb_write_all(s->csv_fd, csv, csvlen)) {
		snprintf(err, errlen, "cannot append to %s/points.csv: %s",
			 s->dir, strerror(errno));
		rc = -1;
	}
	free(csv);
	return rc;
}

void sb_store_close(struct sb_store *s)
{
	if (s->jsonl_fd >= 0)
		close(s->jsonl_fd);
	if (s->csv_fd >= 0)
		close(s->csv_fd);
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	s->jsonl_fd = s->csv_fd = s->lock_fd = -1;
}

int sb_store_write_file(const char *dir, const char *name, const char *buf,
			size_t len, char *err, size_t errlen)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	int fd;

	sb_path(path, sizeof(path), dir, name);
	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, name);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0 && (sb_write_all(fd, buf, len) || fsync(fd))) {
		int e = errno;

		close(fd);	/* not leaked on a failed write */
		errno = e;
		fd = -2;
	}
	if (fd < 0 || close(fd) || rename(tmp, path)) {
		snprintf(err, errlen, "cannot write %s: %s", path,
			 strerror(errno));
		if (fd != -1)
			unlink(tmp);
		return -1;
	}
	return 0;
}

int sb_store_write_json(const char *dir, const char *name, const json_t *v,
			char *err, size_t errlen)
{
	/* 15 digits: a measured 34.46 reads back as 34.46, not ...000001 */
	char *text = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
				JSON_REAL_PRECISION(15)), *nl;
	size_t len = text ? strlen(text) : 0;
	int rc;

	nl = text ? realloc(text, len + 2) : NULL;
	if (!nl) {
		free(text);
		snprintf(err, errlen, "cannot write %s/%s: out of memory", dir,
			 name);
		return -1;
	}
	nl[len++] = '\n';
	nl[len] = '\0';
	rc = sb_store_write_file(dir, name, nl, len, err, errlen);
	free(nl);
	return rc;
}

json_t *sb_store_load_points(const char *dir, char *err, size_t errlen)
{
	char path[PATH_MAX], *buf, *line, *nl;
	json_t *arr;
	size_t len;
	long lineno = 0;
	char why[SB_ERR_LEN];

	sb_path(path, sizeof(path), dir, "points.jsonl");
	buf = sb_slurp(path, &len);
	if (!buf) {
		snprintf(err, errlen, "cannot read %s: %s (is it a syncbench result directory?)",
			 path, strerror(errno));
		return NULL;
	}
	arr = json_array();
	/* Only complete lines: a torn tail without '\n' is not a record. */
	for (line = buf; (nl = strchr(line, '\n')); line = nl + 1) {
		json_error_t je;
		json_t *rec;

		lineno++;
		if (nl == line)
			continue;
		rec = json_loadb(line, (size_t)(nl - line), 0, &je);
		if (!rec || sb_record_check(rec, why, sizeof(why))) {
			snprintf(err, errlen, "%s:%ld: not a valid record: %s",
				 path, lineno, rec ? why : je.text);
			json_decref(rec);
			json_decref(arr);
			free(buf);
			return NULL;
		}
		json_array_append_new(arr, rec);
	}
	free(buf);
	return arr;
}

json_t *sb_store_load_meta(const char *dir, char *err, size_t errlen)
{
	char path[PATH_MAX];
	json_error_t je;
	json_t *m;

	sb_path(path, sizeof(path), dir, "meta.json");
	m = json_load_file(path, 0, &je);
	if (!json_is_object(m)) {
		snprintf(err, errlen, "cannot read %s: %s", path,
			 m ? "not a JSON object" : je.text);
		json_decref(m);
		return NULL;
	}
	return m;
}

int sb_store_rec_ok(const json_t *rec)
{
	const char *st = json_string_value(json_object_get(rec, "status"));

	return st && (!strcmp(st, "ok") || !strcmp(st, "stopped"));
}

int sb_store_has(const json_t *points, const char *id, long repeat,
		 int ok_only)
{
	size_t i;
	json_t *rec;

	json_array_foreach(points, i, rec) {
		const char *p = json_string_value(json_object_get(rec,
								  "point"));
		json_t *r = json_object_get(rec, "repeat");

		if (p && !strcmp(p, id) && json_is_integer(r) &&
		    json_integer_value(r) == repeat &&
		    (!ok_only || sb_store_rec_ok(rec)))
			return 1;
	}
	return 0;
}

/* A record's point and repeat as one key; 0 when it lacks either. */
static int sb_rec_key(const json_t *rec, char *key, size_t len)
{
	const char *id = json_string_value(json_object_get(rec, "point"));
	json_t *r = json_object_get(rec, "repeat");

	if (!id || !json_is_integer(r))
		return 0;
	/* Too long to be a driver's id: matched with nothing, not truncated. */
	return snprintf(key, len, "%s#%lld", id,
			(long long)json_integer_value(r)) < (int)len;
}

json_t *sb_store_current(const json_t *points, size_t *superseded)
{
	size_t n = json_array_size(points), i, dropped = 0;
	json_t *chosen = json_object(), *out = json_array(), *rec;
	char *keep = calloc(n + 1, 1);
	char key[600];

	if (!chosen || !out || !keep)
		abort();
	/* Newest first: the first record seen of a point x repeat stands... */
	for (i = n; i-- > 0;) {
		json_t *c;

		rec = json_array_get(points, i);
		if (!sb_rec_key(rec, key, sizeof(key))) {
			keep[i] = 1;	/* cannot be matched: kept as it is */
			continue;
		}
		c = json_object_get(chosen, key);
		if (!c) {
			keep[i] = 1;
			json_object_set_new(chosen, key,
					    json_integer((json_int_t)i));
			continue;
		}
		/* ...unless it failed and an older one is ok. */
		if (sb_store_rec_ok(rec) && !sb_store_rec_ok(json_array_get(points,
				(size_t)json_integer_value(c)))) {
			keep[json_integer_value(c)] = 0;
			keep[i] = 1;
			json_object_set_new(chosen, key,
					    json_integer((json_int_t)i));
		}
	}
	json_array_foreach(points, i, rec) {
		if (keep[i])
			json_array_append(out, rec);
		else
			dropped++;
	}
	free(keep);
	json_decref(chosen);
	if (superseded)
		*superseded = dropped;
	return out;
}
