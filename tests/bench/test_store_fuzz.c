// SPDX-License-Identifier: GPL-2.0
/*
 * bench.store_fuzz (issue 21): the store fuzzer's classes over every key of
 * a record. From a real record of results/example (a user one and a vm
 * one), each key in turn (the matrix object's members too) is set to each
 * class: -1, -1e308, NaN, 1.5, 1e308, and strings carrying `...`, $(...),
 * <script>, a single quote, a double quote, unicode and control bytes
 * (with a line break and gnuplot's !cmd). The record goes on line 2 of a
 * store whose line 1 is the record as it was.
 *
 *   - Every variant is loaded in this process by both readers of a store
 *     (sb_rstore_load: plot, report, compare; sb_store_load_points: show,
 *     run --resume): a bad value is refused with "points.jsonl:2:" in the
 *     reason; only the (key, class) pairs of accepted[] below, values in
 *     their key's range and form, are taken.
 *   - show, compare, plot and report run on a share of the user record's
 *     variants (each key under one class, in turn, so every key and every
 *     class reaches the CLI; a full cross product would be ~16000 runs):
 *     exit 0, 1 or 2, never
 *     a signal or a sanitizer report; a refused store exits 2 with
 *     file:line on stderr. The accepted variants together, and a meta.json
 *     and directory name carrying every string class, are plotted and
 *     reported whole.
 *   - No command in any value ever runs: a canary file that the payloads
 *     would create (relative to any working directory, and at an absolute
 *     path) never appears.
 *
 *   test_store_fuzz BIN_DIR SOURCE_DIR
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <jansson.h>

#include "store/load.h"
#include "store/store.h"

#define NCLASS 12
#define PLACEHOLDER "\"@@FUZZ@@\""

static const char *class_name[NCLASS] = {
	"-1", "-1e308", "NaN", "1.5", "1e308", "backquote", "dollar",
	"script", "squote", "dquote", "unicode", "control",
};
/* Each class as JSON text, made in main (the canary's path is in some). */
static char class_json[NCLASS][512];

/*
 * The values a store may hold, as (key, class): a reason is free text (no
 * control byte), node is the one signed key (-1: no node), and the
 * decimals 1.5 of the keys that are fixed-point decimals. Everything else
 * must be refused.
 */
static const char *const accepted[] = {
	"reason/backquote", "reason/dollar", "reason/script", "reason/squote",
	"reason/dquote", "reason/unicode", "node/-1", "update_pct/1.5",
	"perturb_pct/1.5", "op_ns/1.5", "loop_ns/1.5",
	"matrix.update_pct/1.5", "matrix.perturb_pct/1.5",
	/* the fairness indexes are in [0, 1]: 1.5 is refused */
};

static char tmp[64], bin[4096], canary[128];
static int fails, variants, refused_n, cli_runs;

#define FAIL(...)                                                        \
	do {                                                             \
		printf("FAIL: " __VA_ARGS__);                            \
		putchar('\n');                                           \
		fails++;                                                 \
	} while (0)

static int is_accepted(const char *key, int c)
{
	char want[256];
	size_t i;

	snprintf(want, sizeof(want), "%s/%s", key, class_name[c]);
	for (i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++)
		if (!strcmp(accepted[i], want))
			return 1;
	return 0;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[8400];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		exit(2);
	}
}

static int rm_entry(const char *p, const struct stat *st, int type,
		    struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(p);
}

static void rm_tree(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int canary_seen;
static int find_canary(const char *p, const struct stat *st, int type,
		       struct FTW *ftw)
{
	(void)st;
	(void)type;
	if (!strncmp(p + ftw->base, "CANARY", 6)) {
		canary_seen = 1;
		remove(p);
	}
	return 0;
}

/* Did any payload run, anywhere under tmp? Removes what it finds. */
static int canary_check(const char *what)
{
	canary_seen = 0;
	nftw(tmp, find_canary, 16, FTW_PHYS);
	if (canary_seen)
		FAIL("%s: a command written in the store ran (canary)", what);
	return canary_seen;
}

/* The record line with key (or "matrix.X") set to class c. */
static char *variant_line(const json_t *rec, const char *key, int c)
{
	json_t *r = json_deep_copy(rec), *ph = json_string("@@FUZZ@@");
	char *text, *at, *out;
	size_t n;

	if (!strncmp(key, "matrix.", 7))
		json_object_set_new(json_object_get(r, "matrix"), key + 7, ph);
	else
		json_object_set_new(r, key, ph);
	text = json_dumps(r, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(r);
	at = strstr(text, PLACEHOLDER);
	n = strlen(text) + strlen(class_json[c]) + 2;
	out = malloc(n);
	snprintf(out, n, "%.*s%s%s", (int)(at - text), text, class_json[c],
		 at + strlen(PLACEHOLDER));
	free(text);
	return out;
}

/*
 * Run syncbench with args in tmp/cwd, stderr into tmp/err. Its exit status
 * (0..2), or -1 when it died or a sanitizer spoke (reported).
 */
static int cli(const char *what, char *const args[])
{
	char errpath[4200], cwd[4200], line[512];
	int status, fd, bad = 0;
	pid_t pid;
	FILE *f;

	snprintf(errpath, sizeof(errpath), "%s/err", tmp);
	snprintf(cwd, sizeof(cwd), "%s/cwd", tmp);
	fflush(NULL);
	pid = fork();
	if (!pid) {
		fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, 2);
		fd = open("/dev/null", O_RDWR);
		dup2(fd, 0);
		dup2(fd, 1);
		if (chdir(cwd))
			_exit(127);
		execv(bin, args);
		_exit(127);
	}
	cli_runs++;
	if (waitpid(pid, &status, 0) < 0) {
		FAIL("%s: waitpid: %s", what, strerror(errno));
		return -1;
	}
	f = fopen(errpath, "r");
	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "Sanitizer") || strstr(line, "runtime error"))
			bad = 1;
	if (f)
		fclose(f);
	if (WIFSIGNALED(status)) {
		FAIL("%s: killed by signal %d", what, WTERMSIG(status));
		return -1;
	}
	if (bad || WEXITSTATUS(status) > 2) {
		FAIL("%s: exit %d%s", what, WEXITSTATUS(status),
		     bad ? " with a sanitizer report" : "");
		return -1;
	}
	return WEXITSTATUS(status);
}

static int err_has(const char *needle)
{
	char path[4200], buf[8192];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/err", tmp);
	f = fopen(path, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, needle) != NULL;
}

/* show, compare, plot and report on dir; refused: each must refuse it. */
static void cli_all(const char *dir, const char *good, int refused,
		    const char *what)
{
	char out[4200], rep[4200], w[600];
	char *cmds[4][8] = {
		{ "syncbench", "show", (char *)dir, NULL },
		{ "syncbench", "compare", "--allow-mismatch", (char *)good,
		  (char *)dir, NULL },
		{ "syncbench", "plot", (char *)dir, "-o", out, "--timeout",
		  "20", NULL },
		{ "syncbench", "report", (char *)dir, "-o", rep, NULL },
	};
	int i, rc;

	snprintf(out, sizeof(out), "%s/plots", tmp);
	snprintf(rep, sizeof(rep), "%s/report/", tmp);
	for (i = 0; i < 4; i++) {
		snprintf(w, sizeof(w), "%s: %s", what, cmds[i][1]);
		rc = cli(w, cmds[i]);
		if (rc >= 0 && refused && (rc != 2 ||
					   !err_has("points.jsonl:2:")))
			FAIL("%s: exit %d, want 2 with points.jsonl:2: on "
			     "stderr", w, rc);
		if (rc == 2 && !refused)
			FAIL("%s: refused a store every reader takes", w);
		canary_check(w);
		rm_tree(out);
		rm_tree(rep);
	}
}

/* One variant: both loaders in this process, the CLI when asked. */
static void one(const char *dir, const char *good, const char *meta,
		const char *line1, const char *key, int c, const json_t *rec,
		int run_cli, FILE *acc)
{
	char err[SB_STORE_ERR_LEN], what[300], *line = variant_line(rec, key,
								     c);
	struct sb_rstore st;
	json_t *pts;
	int want_ok = is_accepted(key, c), r1, r2;
	size_t n = strlen(line1) + strlen(line) + 4;
	char *text = malloc(n);

	snprintf(what, sizeof(what), "%s=%s", key, class_name[c]);
	snprintf(text, n, "%s\n%s\n", line1, line);
	mkdir(dir, 0755);
	write_file(dir, "meta.json", meta);
	write_file(dir, "points.jsonl", text);
	variants++;
	r1 = sb_rstore_load(&st, dir, err, sizeof(err));
	if (!r1)
		sb_rstore_free(&st);
	else if (!strstr(err, "points.jsonl:2:"))
		FAIL("%s: plot/report/compare's loader refused it without "
		     "file:line: %s", what, err);
	pts = sb_store_load_points(dir, err, sizeof(err));
	r2 = pts ? 0 : -1;
	json_decref(pts);
	if (r2 && !strstr(err, "points.jsonl:2:"))
		FAIL("%s: show's loader refused it without file:line: %s",
		     what, err);
	if (r1 != r2)
		FAIL("%s: the two loaders disagree (%d, %d)", what, r1, r2);
	if (want_ok && r1)
		FAIL("%s: a value in its range was refused: %s", what, err);
	if (!want_ok && !r1)
		FAIL("%s: accepted, not refused", what);
	if (r1)
		refused_n++;
	else if (acc)
		fprintf(acc, "%s\n", line);
	if (run_cli)
		cli_all(dir, good, r1 != 0, what);
	canary_check(what);
	rm_tree(dir);
	free(line);
	free(text);
}

static char *slurp_line(const char *path, int n)
{
	char *line = NULL;
	size_t cap = 0;
	FILE *f = fopen(path, "r");
	int i;

	if (!f) {
		perror(path);
		exit(2);
	}
	for (i = 0; i < n; i++)
		if (getline(&line, &cap, f) < 0) {
			fprintf(stderr, "%s: fewer than %d lines\n", path, n);
			exit(2);
		}
	fclose(f);
	line[strcspn(line, "\n")] = '\0';
	return line;
}

/* The record's keys, the matrix's as "matrix.X". */
static size_t keys_of(const json_t *rec, char ***out)
{
	const char *k, *mk;
	json_t *v, *mv;
	char **keys = NULL;
	size_t n = 0;

	json_object_foreach((json_t *)rec, k, v) {
		if (json_is_object(v)) {
			json_object_foreach(v, mk, mv) {
				keys = realloc(keys, (n + 1) * sizeof(*keys));
				if (asprintf(&keys[n++], "%s.%s", k, mk) < 0)
					exit(2);
			}
			continue;
		}
		keys = realloc(keys, (n + 1) * sizeof(*keys));
		keys[n++] = strdup(k);
	}
	*out = keys;
	return n;
}

/* Every key of one record of the example store, under every class. */
static void fuzz_record(const char *src, int lineno, const char *meta,
			int cli_share, FILE *acc)
{
	char path[4200], dir[4200], good[4200];
	char *line1 = slurp_line(src, lineno), **keys;
	json_error_t je;
	json_t *rec = json_loads(line1, 0, &je);
	size_t n, k;
	int c;

	if (!rec) {
		fprintf(stderr, "%s:%d: %s\n", src, lineno, je.text);
		exit(2);
	}
	snprintf(good, sizeof(good), "%s/good%d", tmp, lineno);
	mkdir(good, 0755);
	write_file(good, "meta.json", meta);
	snprintf(path, sizeof(path), "%s\n", line1);
	write_file(good, "points.jsonl", path);
	snprintf(dir, sizeof(dir), "%s/v", tmp);
	n = keys_of(rec, &keys);
	for (k = 0; k < n; k++) {
		for (c = 0; c < NCLASS; c++)
			one(dir, good, meta, line1, keys[k], c, rec,
			    cli_share && (size_t)c == k % NCLASS, acc);
		free(keys[k]);
	}
	free(keys);
	json_decref(rec);
	free(line1);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f) {
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		exit(2);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/*
 * The accepted variants as one store (each its own repeat, so each stands
 * for itself), and a meta.json whose text fields carry the string classes,
 * in a directory whose name carries them too: plotted and reported whole.
 */
static void fuzz_whole(const char *src_meta, const char *accfile,
		       const char *good)
{
	/*
	 * cpu_model and kernel reach the charts' subtitle: each carries
	 * every string class at once; the others one class each.
	 */
	static const char *const text_keys[] = {
		"hostname", "command_line", "git_commit", "created",
		"syncbench_version", "topology", "cpu_model", "kernel",
	};
	char all[4096] = "";
	char dir[4200], path[4300], *text = slurp(accfile), *line, *save, *m;
	json_t *meta = json_loads(src_meta, 0, NULL);
	FILE *f;
	int rep = 100, c;
	size_t i;

	snprintf(dir, sizeof(dir), "%s/w`touch CANARY`$(touch CANARY)'\" "
		 "<b>\xc3\xa9", tmp);
	mkdir(dir, 0755);
	for (i = 0; i < sizeof(text_keys) / sizeof(text_keys[0]); i++) {
		json_error_t je;
		json_t *v;

		c = 5 + (int)(i % (NCLASS - 5));
		v = json_loads(class_json[c], JSON_DECODE_ANY, &je);
		if (!v) {
			fprintf(stderr, "class %s: %s\n", class_name[c],
				je.text);
			exit(2);
		}
		if (i < NCLASS - 5) {
			strncat(all, json_string_value(v),
				sizeof(all) - strlen(all) - 1);
			json_object_set_new(meta, text_keys[i], v);
		} else {
			json_decref(v);
			json_object_set_new(meta, text_keys[i],
					    json_string(all));
		}
	}
	m = json_dumps(meta, JSON_INDENT(2));
	write_file(dir, "meta.json", m);
	free(m);
	json_decref(meta);
	snprintf(path, sizeof(path), "%s/points.jsonl", dir);
	f = fopen(path, "w");
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		json_t *r = json_loads(line, 0, NULL);
		char *o;

		json_object_set_new(r, "repeat", json_integer(rep++));
		o = json_dumps(r, JSON_COMPACT | JSON_PRESERVE_ORDER);
		fprintf(f, "%s\n", o);
		free(o);
		json_decref(r);
	}
	fclose(f);
	free(text);
	cli_all(dir, good, 0, "the accepted variants and meta text");
}

int main(int argc, char **argv)
{
	char src[4200], metap[4200], accfile[4200], cwd[4200], good[4200];
	char *meta;
	FILE *acc;

	if (argc != 3) {
		fprintf(stderr, "usage: test_store_fuzz BIN_DIR SOURCE_DIR\n");
		return 2;
	}
	/* absolute: each run starts in a scratch directory */
	if (!realpath(argv[1], bin) || strlen(bin) > sizeof(bin) - 16) {
		perror(argv[1]);
		return 2;
	}
	strcat(bin, "/syncbench");
	snprintf(src, sizeof(src), "%s/results/example/points.jsonl", argv[2]);
	snprintf(metap, sizeof(metap), "%s/results/example/meta.json",
		 argv[2]);
	snprintf(tmp, sizeof(tmp), "/tmp/sbfuzzXXXXXX");
	if (!mkdtemp(tmp))
		return 2;
	snprintf(canary, sizeof(canary), "%s/CANARY", tmp);
	snprintf(cwd, sizeof(cwd), "%s/cwd", tmp);
	mkdir(cwd, 0755);
	/* a sanitizer's report is an exit status of its own, never 0..2 */
	setenv("ASAN_OPTIONS", "exitcode=99:detect_leaks=0", 0);
	setenv("UBSAN_OPTIONS", "halt_on_error=1:exitcode=98", 0);
	snprintf(class_json[0], 512, "-1");
	snprintf(class_json[1], 512, "-1e308");
	snprintf(class_json[2], 512, "NaN");
	snprintf(class_json[3], 512, "1.5");
	snprintf(class_json[4], 512, "1e308");
	snprintf(class_json[5], 512, "\"`touch CANARY` `touch %s`\"", canary);
	snprintf(class_json[6], 512, "\"$(touch CANARY) $(touch %s)\"",
		 canary);
	snprintf(class_json[7], 512, "\"<script>alert(1)</script>\"");
	snprintf(class_json[8], 512, "\"x' . system('touch %s') . '\"",
		 canary);
	snprintf(class_json[9], 512,
		 "\"x\\\" . system(\\\"touch %s\\\") . \\\"\"", canary);
	snprintf(class_json[10], 512, "\"\\u00e9\\u2713 \\ud83d\\ude00\"");
	snprintf(class_json[11], 512, "\"a\\u0001\\u001b[31m\\r\\n!touch "
		 "%s\\n\\u007f\"", canary);
	meta = slurp(metap);
	snprintf(accfile, sizeof(accfile), "%s/accepted.jsonl", tmp);
	acc = fopen(accfile, "w");
	/*
	 * line 1: a user record, with its share of CLI runs; line 97: an
	 * emulated (vm) one, in this process only (the same readers: ~15 s
	 * of CLI runs saved)
	 */
	fuzz_record(src, 1, meta, 1, acc);
	fuzz_record(src, 97, meta, 0, acc);
	fclose(acc);
	snprintf(good, sizeof(good), "%s/good1", tmp);
	fuzz_whole(meta, accfile, good);
	canary_check("the whole run");
	free(meta);
	printf("%d variants, %d refused, %d CLI runs\n", variants, refused_n,
	       cli_runs);
	rm_tree(tmp);
	if (fails) {
		printf("%d failure(s)\n", fails);
		return 1;
	}
	printf("PASS: every bad value refused with file:line; no command "
	       "ran; no crash\n");
	return 0;
}
