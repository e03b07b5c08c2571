// SPDX-License-Identifier: GPL-2.0
/*
 * check_records - judge what a VM test guest produced.
 *
 *   check_records [--min-results N] [--min-checks N] [--prim NAME]
 *                 DATA [LOG ...]
 *
 * DATA is the guest's data-port stream (format in vmcheck.h): every result
 * block is checked against its expectations, every SB-CHECK must be PASS,
 * the guest script must have exited 0, and every dmesg block is scanned
 * like the LOG files (the guest console) for signs of a kernel in trouble.
 * --min-results / --min-checks: fewer result blocks / PASS checks than N is
 * a failure too (a guest that silently skipped work must not pass).
 * --prim NAME: judge only the result records of primitive NAME (and the
 * guest's exit status), so ctest can report each primitive as a test of its
 * own from one boot; SB-CHECK lines and dmesg blocks are left to the
 * unfiltered run.
 *
 * One line per finding on stdout; exit 0 when all is well, 1 when not,
 * 2 on a usage or I/O error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmcheck.h"

struct state {
	struct vm_topo topo;
	int have_topo;
	int results;
	int checks;
	int failures;
	int guest_exit;		/* -1: never seen */
	const char *prim;	/* --prim: only this primitive's records */
};

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f) {
		fprintf(stderr, "check_records: %s: %s\n", path,
			strerror(errno));
		return NULL;
	}
	do {
		if (n + 4096 + 1 > cap) {
			char *nb;

			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				fprintf(stderr, "check_records: out of memory\n");
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got);
	fclose(f);
	/* The serial line may turn \n into \r\n: drop every \r. */
	{
		size_t i, j = 0;

		for (i = 0; i < n; i++)
			if (buf[i] != '\r')
				buf[j++] = buf[i];
		n = j;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static const char *next_line(const char *p, const char *end, size_t *len)
{
	const char *e = memchr(p, '\n', (size_t)(end - p));

	*len = (size_t)((e ? e : end) - p);
	return e ? e + 1 : end;
}

static int starts(const char *l, size_t len, const char *s)
{
	size_t n = strlen(s);

	return len >= n && !memcmp(l, s, n);
}

static void scan_log(struct state *st, const char *name, const char *text,
		     size_t len)
{
	const char *p = text, *end = text + len;
	int lineno = 0;

	while (p < end) {
		size_t ll;
		const char *l = p, *pat;

		p = next_line(p, end, &ll);
		lineno++;
		pat = vm_log_bad_line(l, ll);
		if (pat) {
			printf("FAIL %s:%d: kernel log shows '%s': %.*s\n",
			       name, lineno, pat, (int)(ll > 200 ? 200 : ll),
			       l);
			st->failures++;
		}
	}
}

static void summarise(const char *name, const struct sb_result *r)
{
	printf("     %s: prim=%s threads=%llu ops=%llu ops/s=%llu "
	       "lookup p50/p99/max=%llu/%llu/%llu ns updates=%llu "
	       "invariants=%s violations=%llu\n",
	       name, r->cfg.prim, (unsigned long long)r->threads,
	       (unsigned long long)r->ops,
	       (unsigned long long)r->ops_per_sec,
	       (unsigned long long)sb_hist_percentile(&r->hist[SB_H_LOOKUP],
						       500000),
	       (unsigned long long)sb_hist_percentile(&r->hist[SB_H_LOOKUP],
						       990000),
	       (unsigned long long)r->hist[SB_H_LOOKUP].max,
	       (unsigned long long)r->updates,
	       r->invariants_ok == SB_INV_OK ? "ok" :
	       r->invariants_ok == SB_INV_VIOLATED ? "violated" : "unchecked",
	       (unsigned long long)r->violations);
}

/* Does the record's config say prim=@prim? */
static int record_is_prim(const char *text, size_t len, const char *prim)
{
	const char *pos = text, *end = text + len, *k, *v;
	size_t kl, vl;

	while (sb_kv_next(&pos, end, &k, &kl, &v, &vl))
		if (kl == 4 && !memcmp(k, "prim", 4))
			return vl == strlen(prim) && !memcmp(v, prim, vl);
	return 0;
}

static void block(struct state *st, const char *kind, size_t kl,
		  const char *name, size_t nl, const char *expect, size_t el,
		  const char *body, size_t bl)
{
	static struct sb_result r;	/* large: keep it off the stack */
	char err[VM_ERR_LEN];
	int bits;

	if (kl == 4 && !memcmp(kind, "topo", 4)) {
		if (vm_parse_topo(&st->topo, body, bl, err, sizeof(err))) {
			printf("FAIL topo %.*s: %s\n", (int)nl, name, err);
			st->failures++;
			return;
		}
		st->have_topo = 1;
		printf("ok   topo %.*s: %d nodes\n", (int)nl, name,
		       st->topo.nr_nodes);
		return;
	}
	if (st->prim && (kl != 6 || memcmp(kind, "result", 6)))
		return;
	if (kl == 5 && !memcmp(kind, "dmesg", 5)) {
		scan_log(st, "guest dmesg", body, bl);
		return;
	}
	if (kl == 9 && !memcmp(kind, "calibrate", 9)) {
		if (vm_check_calibrate(body, bl, err, sizeof(err))) {
			printf("FAIL calibrate %.*s: %s\n", (int)nl, name, err);
			st->failures++;
			return;
		}
		st->checks++;
		printf("ok   calibrate %.*s\n", (int)nl, name);
		return;
	}
	if (kl != 6 || memcmp(kind, "result", 6))
		return;
	if (st->prim && !record_is_prim(body, bl, st->prim))
		return;
	st->results++;
	bits = vm_parse_expect(expect, el);
	if (bits < 0) {
		printf("FAIL result %.*s: bad expectation '%.*s'\n", (int)nl,
		       name, (int)el, expect);
		st->failures++;
		return;
	}
	if (vm_check_result(&r, body, bl, (unsigned int)bits,
			    st->have_topo ? &st->topo : NULL, err,
			    sizeof(err))) {
		printf("FAIL result %.*s (expect %.*s): %s\n", (int)nl, name,
		       (int)el, expect, err);
		st->failures++;
		return;
	}
	printf("ok   result %.*s (expect %.*s)\n", (int)nl, name, (int)el,
	       expect);
	summarise("    ", &r);
}

/* "SB-BEGIN kind name [expect=...]": split into words. */
static int header(const char *l, size_t ll, const char **w, size_t *wl,
		  int max)
{
	size_t i = 0;
	int n = 0;

	while (i < ll && n < max) {
		while (i < ll && l[i] == ' ')
			i++;
		if (i == ll)
			break;
		w[n] = l + i;
		while (i < ll && l[i] != ' ')
			i++;
		wl[n] = (size_t)(l + i - w[n]);
		n++;
	}
	return n;
}

static void scan_data(struct state *st, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *l = p, *w[4], *body;
		size_t ll, wl[4];
		int n;

		p = next_line(p, end, &ll);
		if (starts(l, ll, "SB-GUEST-EXIT ")) {
			st->guest_exit = atoi(l + 14);
			continue;
		}
		if (starts(l, ll, "SB-CHECK ") && !st->prim) {
			int pass = starts(l, ll, "SB-CHECK PASS ");

			printf("%s %.*s\n", pass ? "ok  " : "FAIL",
			       (int)(ll - 9), l + 9);
			if (pass)
				st->checks++;
			else
				st->failures++;
			continue;
		}
		if (!starts(l, ll, "SB-BEGIN "))
			continue;
		n = header(l, ll, w, wl, 4);
		if (n < 3) {
			printf("FAIL malformed block header: %.*s\n", (int)ll,
			       l);
			st->failures++;
			continue;
		}
		body = p;
		for (;;) {
			const char *e = p;
			size_t el;

			if (p >= end) {
				printf("FAIL block %.*s never ends (guest died?)\n",
				       (int)wl[2], w[2]);
				st->failures++;
				return;
			}
			p = next_line(p, end, &el);
			if (starts(e, el, "SB-END ")) {
				const char *ex = "";
				size_t exl = 0;

				if (n >= 4 && starts(w[3], wl[3], "expect=")) {
					ex = w[3] + 7;
					exl = wl[3] - 7;
				}
				block(st, w[1], wl[1], w[2], wl[2], ex, exl,
				      body, (size_t)(e - body));
				break;
			}
		}
	}
}

int main(int argc, char **argv)
{
	static struct state st;
	int i, min_results = 0, min_checks = 0;
	size_t len;
	char *text;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (!strcmp(argv[i], "--min-results") && i + 1 < argc)
			min_results = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--min-checks") && i + 1 < argc)
			min_checks = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--prim") && i + 1 < argc)
			st.prim = argv[++i];
		else
			break;
	}
	if (i >= argc || argv[i][0] == '-') {
		fprintf(stderr,
			"usage: check_records [--min-results N] [--min-checks N]"
			" [--prim NAME] DATA [LOG ...]\n");
		return 2;
	}
	st.guest_exit = -1;
	text = read_file(argv[i], &len);
	if (!text)
		return 2;
	scan_data(&st, text, len);
	free(text);
	for (i++; i < argc; i++) {
		text = read_file(argv[i], &len);
		if (!text)
			return 2;
		scan_log(&st, argv[i], text, len);
		free(text);
	}
	if (st.guest_exit != 0) {
		printf("FAIL guest script %s\n", st.guest_exit < 0 ?
		       "never reported its exit status (crash or timeout?)" :
		       "exited non-zero");
		st.failures++;
	}
	if (st.results < min_results) {
		printf("FAIL %d result records, want at least %d\n",
		       st.results, min_results);
		st.failures++;
	}
	if (st.checks < min_checks) {
		printf("FAIL %d passed checks, want at least %d\n", st.checks,
		       min_checks);
		st.failures++;
	}
	printf("%s: %d result records, %d guest checks passed, %d failures\n",
	       st.failures ? "FAILED" : "PASSED", st.results, st.checks,
	       st.failures);
	return st.failures ? 1 : 0;
}
