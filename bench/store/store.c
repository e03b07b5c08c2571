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

/*
 * Cut a torn last line (no newline: killed mid-write) off points.jsonl,
 * open as fd: its last bytes back to the last newline.
 */
static int sb_store_repair(int fd)
{
	char buf[4096];
	off_t end = lseek(fd, 0, SEEK_END), keep = end;
	ssize_t n, i;

	if (end < 0)
		return -1;
	while (keep > 0) {
		off_t from = keep > (off_t)sizeof(buf) ?
			keep - (off_t)sizeof(buf) : 0;

		n = pread(fd, buf, (size_t)(keep - from), from);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		for (i = n; i > 0 && buf[i - 1] != '\n'; i--)
			;
		if (i > 0) {
			keep = from + i;
			break;
		}
		keep = from;
	}
	return keep != end ? ftruncate(fd, keep) : 0;
}

/*
 * A store may sit in a directory others can reach (a shared results/):
 * nothing in it is opened through a symbolic link, and a temporary is made
 * new (O_EXCL) in the directory itself (openat on its descriptor), so
 * that a link planted under a temporary's name redirects no write, even
 * one made as root. A stale temporary (a run killed mid-write) or a planted
 * link under that name is removed first: unlinkat removes the link, never
 * what it points to.
 */
static int sb_store_tmp_open(int dfd, const char *tmp)
{
	int fd, tries;

	for (tries = 0; tries < 2; tries++) {
		fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL |
			    O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd >= 0 || errno != EEXIST)
			return fd;
		if (unlinkat(dfd, tmp, 0) && errno != ENOENT)
			return -1;
	}
	errno = EEXIST;
	return -1;
}

/* The store directory, opened for the *at calls; -1 with errno. */
static int sb_store_dir_open(const char *dir)
{
	return open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/* points.csv from points.jsonl: derived, so always complete and in step. */
static int sb_store_rebuild_csv(const char *dir, char *err, size_t errlen)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	json_t *pts = sb_store_load_points(dir, err, errlen), *rec;
	int dfd, fd, rc;
	size_t i;
	FILE *f;

	if (!pts)
		return -1;
	sb_path(path, sizeof(path), dir, "points.csv");
	sb_path(tmp, sizeof(tmp), dir, ".points.csv.tmp");
	dfd = sb_store_dir_open(dir);
	fd = dfd < 0 ? -1 : sb_store_tmp_open(dfd, ".points.csv.tmp");
	f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		snprintf(err, errlen, "cannot write %s: %s", tmp,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		if (dfd >= 0)
			close(dfd);
		json_decref(pts);
		return -1;
	}
	sb_csv_header(f);
	json_array_foreach(pts, i, rec)
		sb_csv_row(f, rec);
	json_decref(pts);
	rc = fflush(f) || fsync(fileno(f));
	rc = fclose(f) || rc;
	if (rc || renameat(dfd, ".points.csv.tmp", dfd, "points.csv")) {
		snprintf(err, errlen, "cannot write %s: %s", path,
			 strerror(errno));
		close(dfd);
		return -1;
	}
	close(dfd);
	return 0;
}

/*
 * Is name, in dir d, one a run writes: a store's own file, the temporary
 * of one of those (".NAME.tmp"), or a vm console log? A symbolic link is
 * never the store's, whatever its name, and a dot file of another name is
 * somebody else's: a directory holding one is not empty. (Anything else
 * under an own name cannot redirect a write: the temporaries are made
 * O_EXCL|O_NOFOLLOW, the rest opened O_NOFOLLOW, and a write that cannot
 * be made fails.)
 */
static int sb_store_own_entry(DIR *d, const char *name)
{
	static const char *const own[] = {
		".lock", "points.jsonl", "points.csv", "meta.json",
		"topology.xml", "topology-vm.xml", "summary.json",
		"summary.csv", NULL,
	};
	size_t n = strlen(name);
	struct stat st;
	int i;

	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return 1;
	if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) ||
	    S_ISLNK(st.st_mode))
		return 0;
	for (i = 0; own[i]; i++) {
		size_t on = strlen(own[i]);

		if (!strcmp(own[i], name))
			return 1;
		if (own[i][0] != '.' && n == on + 5 && name[0] == '.' &&
		    !strncmp(name + 1, own[i], on) &&
		    !strcmp(name + 1 + on, ".tmp"))
			return 1;
	}
	return !strncmp(name, "vm-console", 10) && n >= 14 &&
	       !strcmp(name + n - 4, ".log");
}

/*
 * The first entry of dir that no run writes, or NULL (also when dir cannot
 * be read: sb_store_open says why).
 */
static char *sb_store_foreign(const char *dir, char *name, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *found = NULL;

	if (!d)
		return NULL;
	while (!found && (e = readdir(d))) {
		if (sb_store_own_entry(d, e->d_name))
			continue;
		snprintf(name, len, "%s", e->d_name);
		found = name;
	}
	closedir(d);
	return found;
}

/*
 * The store directory is the caller's: a directory another user made
 * (or a link of theirs to one) could hold what they planted for this run
 * to write through, so it is refused, as root too.
 */
static int sb_store_check_owner(const char *dir, char *err, size_t errlen)
{
	uid_t me = geteuid();
	struct stat st;

	if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode) && st.st_uid != me) {
		snprintf(err, errlen, "%s is a symbolic link of user %u, not "
			 "yours (%u): refusing to write a store through it",
			 dir, (unsigned int)st.st_uid, (unsigned int)me);
		return -1;
	}
	if (stat(dir, &st)) {
		snprintf(err, errlen, "cannot use %s: %s", dir,
			 strerror(errno));
		return -1;
	}
	/* not a directory: opening its .lock says so */
	if (S_ISDIR(st.st_mode) && st.st_uid != me) {
		snprintf(err, errlen, "%s belongs to user %u, not to you (%u): "
			 "a store is written only into a directory of your "
			 "own; choose another -o", dir,
			 (unsigned int)st.st_uid, (unsigned int)me);
		return -1;
	}
	return 0;
}

/* dir may take this run (resume or not) and exists afterwards. */
static int sb_store_claim_dir(const char *dir, int resume, char *err,
			      size_t errlen)
{
	char other[256];
	struct stat st;

	/* someone else's directory is refused before anything in it is read */
	if (!lstat(dir, &st) && sb_store_check_owner(dir, err, errlen))
		return -1;
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
	return sb_store_check_owner(dir, err, errlen);
}

/* One writer at a time: two runs appending would interleave. */
static int sb_store_lock(struct sb_store *s, char *err, size_t errlen)
{
	char path[PATH_MAX];

	sb_path(path, sizeof(path), s->dir, ".lock");
	/* never through a link: one planted here would be created as us */
	s->lock_fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
			  0644);
	if (s->lock_fd < 0) {
		/* e.g. dir is a file: not another run's doing. */
		snprintf(err, errlen, "cannot create %s: %s", path,
			 errno == ELOOP ? "a symbolic link, which a store "
			 "never holds" : strerror(errno));
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
	s->jsonl_fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_NOFOLLOW |
			   O_CLOEXEC, 0644);
	if (s->jsonl_fd < 0) {
		snprintf(err, errlen, "cannot open %s: %s", path,
			 strerror(errno));
		return -1;
	}
	if (sb_store_repair(s->jsonl_fd)) {
		snprintf(err, errlen, "cannot repair %s: %s", path,
			 strerror(errno));
		return -1;
	}
	if (sb_store_rebuild_csv(s->dir, err, errlen))
		return -1;
	sb_path(path, sizeof(path), s->dir, "points.csv");
	s->csv_fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
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
	int fd, dfd;

	sb_path(path, sizeof(path), dir, name);
	snprintf(tmp, sizeof(tmp), ".%s.tmp", name);
	dfd = sb_store_dir_open(dir);
	fd = dfd < 0 ? -1 : sb_store_tmp_open(dfd, tmp);
	if (fd >= 0 && (sb_write_all(fd, buf, len) || fsync(fd))) {
		int e = errno;

		close(fd);	/* not leaked on a failed write */
		errno = e;
		fd = -2;
	}
	if (fd < 0 || close(fd) || renameat(dfd, tmp, dfd, name)) {
		int e = errno;

		snprintf(err, errlen, "cannot write %s: %s", path,
			 strerror(e));
		if (fd != -1)
			unlinkat(dfd, tmp, 0);
		if (dfd >= 0)
			close(dfd);
		return -1;
	}
	close(dfd);
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
