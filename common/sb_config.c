// SPDX-License-Identifier: GPL-2.0
/* The config key table, parser and printer; see sb_config.h. */
#include "sb_config.h"

#define OFF(f) offsetof(struct sb_config, f)
#define U64_MAX_AS_S64 ((sb_s64)(~0ULL >> 1))

const struct sb_key sb_keys[] = {
	{ "prim", SB_KT_NAME, SB_SIDE_BOTH, OFF(prim), "spin", 0, 0, NULL,
	  "primitive protecting the list (see prims)" },
	{ "cpus", SB_KT_CPULIST, SB_SIDE_BOTH, OFF(cpus), "0", 0,
	  SB_MAX_CPUS - 1, NULL,
	  "CPU list, one pinned thread per CPU, e.g. 0-3,8" },
	{ "duration_ms", SB_KT_U64, SB_SIDE_BOTH, OFF(duration_ms), "1000", 1,
	  60000, NULL, "measured time in ms" },
	{ "warmup_ms", SB_KT_U64, SB_SIDE_BOTH, OFF(warmup_ms), "100", 0,
	  10000, NULL, "unmeasured warm-up before the measured time, ms" },
	{ "update_pct", SB_KT_MILLI, SB_SIDE_BOTH, OFF(update_mpct), "10", 0,
	  100000, NULL,
	  "percent of operations that update an entry, 0 to 100 in steps of 0.001" },
	{ "updaters", SB_KT_U64, SB_SIDE_BOTH, OFF(updaters), "0", 0,
	  SB_MAX_THREADS, NULL,
	  "roles: the first N threads only update, the others only look up "
	  "(0: every thread mixes by update_pct; N > 0 needs update_pct=0)" },
	{ "update_interval_ns", SB_KT_U64, SB_SIDE_BOTH,
	  OFF(update_interval_ns), "0", 0, 100000000, NULL,
	  "updaters: one update per this many ns each (0 = back to back)" },
	{ "list_len", SB_KT_U64, SB_SIDE_BOTH, OFF(list_len), "64", 1, 1048576,
	  NULL, "entries in the shared list" },
	{ "update_op", SB_KT_ENUM, SB_SIDE_BOTH, OFF(update_op), "replace", 0,
	  0, "replace|delete_insert",
	  "an update rewrites its entry, or unlinks it and links a fresh one "
	  "under a key absent from the list" },
	{ "ref", SB_KT_ENUM, SB_SIDE_BOTH, OFF(ref), "none", 0, 0,
	  "none|refcount",
	  "refcount: a lookup takes a reference in the critical or read-side "
	  "section and uses the entry after it (the last reference frees)" },
	{ "buckets", SB_KT_U64, SB_SIDE_BOTH, OFF(buckets), "1", 1, 65536,
	  NULL,
	  "lists the keys are hashed over (key mod N), each with its own "
	  "lock, or update-side lock and RCU-protected head (at most list_len)" },
	{ "perturb", SB_KT_ENUM, SB_SIDE_BOTH, OFF(perturb), "off", 0, 0,
	  "off|delay|yield|preempt",
	  "schedule the race window badly: a busy wait, a voluntary "
	  "reschedule (where the window may sleep) or a per-CPU high-priority "
	  "perturber taking the CPU at random instants" },
	{ "perturb_pct", SB_KT_MILLI, SB_SIDE_BOTH, OFF(perturb_mpct), "10", 0,
	  100000, NULL,
	  "percent of operations perturbed in their race window (preempt: of "
	  "each CPU's time the perturber takes), 0 to 100 in steps of 0.001" },
	{ "perturb_ns", SB_KT_U64, SB_SIDE_BOTH, OFF(perturb_ns), "10000", 1,
	  1000000, NULL, "length of one perturbation, ns" },
	{ "key_space", SB_KT_U64, SB_SIDE_BOTH, OFF(key_space), "0", 0,
	  16777216, NULL,
	  "keys drawn from 0..key_space-1 (0 = list_len; larger: with "
	  "delete_insert, lookups miss keys not on the list)" },
	{ "cs_ns", SB_KT_U64, SB_SIDE_BOTH, OFF(cs_ns), "0", 0, 1000000, NULL,
	  "busy work inside the critical section, ns" },
	{ "think_ns", SB_KT_U64, SB_SIDE_BOTH, OFF(think_ns), "0", 0, 1000000,
	  NULL, "busy work between operations, ns" },
	{ "hold_ns", SB_KT_U64, SB_SIDE_BOTH, OFF(hold_ns), "0", 0, 1000000,
	  NULL,
	  "a lookup keeps reading the entry it found this long, inside the "
	  "critical or read-side section, ns" },
	{ "irq_hz", SB_KT_U64, SB_SIDE_BOTH, OFF(irq_hz), "0", 0, 20000, NULL,
	  "per-CPU interrupt contender rate (spin_irqsave and others), Hz" },
	{ "rcu_free", SB_KT_ENUM, SB_SIDE_BOTH, OFF(rcu_free), "sync", 0, 0,
	  "sync|async|kfree_rcu",
	  "rcu: free old entries by synchronize_rcu, call_rcu or kfree_rcu "
	  "(kfree_rcu: kernel only)" },
	{ "rcu_gp", SB_KT_ENUM, SB_SIDE_BOTH, OFF(rcu_gp), "normal", 0, 0,
	  "normal|expedited",
	  "rcu_free=sync: synchronize_rcu or synchronize_rcu_expedited "
	  "(expedited: kernel only)" },
	{ "node", SB_KT_S64, SB_SIDE_BOTH, OFF(node), "-1", -1, 1023, NULL,
	  "NUMA node of the list memory, -1 = local to the first thread" },
	{ "seed", SB_KT_U64, SB_SIDE_BOTH, OFF(seed), "1", 0, U64_MAX_AS_S64,
	  NULL, "random seed for key choice" },
	{ "lat_sample", SB_KT_U64, SB_SIDE_BOTH, OFF(lat_sample), "0", 0, 1024,
	  NULL, "time one operation in N (1 = every operation, 0 = auto: "
	  "timing costs at most 2% of the loop)" },
	{ "irq_mask", SB_KT_ENUM, SB_SIDE_USER, OFF(irq_mask), "soft", 0, 0,
	  "sigmask|soft",
	  "spin_irqsave: block the timer signal, or lazy per-thread flag" },
	{ "rcu_flavor", SB_KT_ENUM, SB_SIDE_USER, OFF(rcu_flavor), "memb", 0, 0,
	  "memb|mb|qsbr", "rcu: liburcu flavour" },
	{ "rw_pref", SB_KT_ENUM, SB_SIDE_USER, OFF(rw_pref), "reader", 0, 0,
	  "reader|writer",
	  "rwlock: pthread_rwlock_t kind, reader- or writer-preferring" },
};

const unsigned int sb_nr_keys = SB_ARRAY_SIZE(sb_keys);

void sb_bprintf(struct sb_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = sb_vsnprintf(sb_buf_tail(b), sb_buf_room(b), fmt, ap);
	va_end(ap);
	if (n > 0)
		b->n += (size_t)n;
}

int sb_snprintf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = sb_vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n;
}

const struct sb_key *sb_key_find(const char *name, size_t len,
				 unsigned int side)
{
	unsigned int i;

	for (i = 0; i < sb_nr_keys; i++) {
		const struct sb_key *k = &sb_keys[i];

		if (!(k->side & side))
			continue;
		if (strlen(k->name) == len && !strncmp(k->name, name, len))
			return k;
	}
	return NULL;
}

int sb_parse_u64(const char *s, size_t len, sb_u64 *out)
{
	sb_u64 v = 0;
	size_t i;

	if (!len || len > 20)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned int d;

		if (s[i] < '0' || s[i] > '9')
			return -1;
		d = s[i] - '0';
		if (v > (~0ULL - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int sb_parse_s64(const char *s, size_t len, sb_s64 *out)
{
	sb_u64 v;
	int neg = len && s[0] == '-';

	if (sb_parse_u64(s + neg, len - neg, &v))
		return -1;
	if (v > (sb_u64)U64_MAX_AS_S64 + neg)
		return -1;
	*out = neg ? (sb_s64)(0 - v) : (sb_s64)v;
	return 0;
}

/*
 * "int[.frac]" with at most @digits decimals as an integer x 10^digits, no
 * floating point (the kernel parses it too). 0, or -1.
 */
int sb_parse_fixed(const char *v, size_t vl, unsigned int digits,
		   sb_u64 *out)
{
	size_t dot = 0, i;
	sb_u64 whole, frac = 0, one = 1, scale;

	for (i = 0; i < digits; i++)
		one *= 10;
	scale = one;
	while (dot < vl && v[dot] != '.')
		dot++;
	if (sb_parse_u64(v, dot, &whole) || whole > ~0ULL / one)
		return -1;
	if (dot < vl) {
		if (vl - dot - 1 > digits ||
		    sb_parse_u64(v + dot + 1, vl - dot - 1, &frac))
			return -1;
		for (i = dot + 1; i < vl; i++)
			scale /= 10;
		frac *= scale;
	}
	if (whole * one > ~0ULL - frac)
		return -1;
	*out = whole * one + frac;
	return 0;
}

/* Thousandths as the shortest decimal: 10000 -> "10", 500 -> "0.5". */
int sb_format_milli(sb_u64 v, char *buf, size_t len)
{
	sb_u64 frac = v % 1000;
	int digits = 3;

	if (!frac)
		return sb_snprintf(buf, len, "%llu",
				   (unsigned long long)(v / 1000));
	while (frac % 10 == 0) {
		frac /= 10;
		digits--;
	}
	return sb_snprintf(buf, len, "%llu.%0*llu",
			   (unsigned long long)(v / 1000), digits,
			   (unsigned long long)frac);
}

static void sb_bit_set(sb_u64 *bits, unsigned int cpu)
{
	bits[cpu / 64] |= 1ULL << (cpu % 64);
}

/* A cpulist: comma-separated CPUs or ranges a-b; duplicates are refused. */
int sb_cpulist_parse(const char *s, size_t len, sb_u64 *bits,
		     sb_u32 *count, char *err, size_t errlen)
{
	sb_u64 tmp[SB_MAX_CPUS / 64];
	sb_u32 n = 0;
	size_t i = 0;

	memset(tmp, 0, sizeof(tmp));
	if (!len) {
		sb_snprintf(err, errlen, "cpus: empty CPU list");
		return -1;
	}
	while (i < len) {
		size_t j = i, dash = 0;
		sb_u64 a, b, c;

		while (j < len && s[j] != ',') {
			if (s[j] == '-' && !dash)
				dash = j;
			j++;
		}
		if (dash) {
			if (sb_parse_u64(s + i, dash - i, &a) ||
			    sb_parse_u64(s + dash + 1, j - dash - 1, &b))
				goto bad;
		} else {
			if (sb_parse_u64(s + i, j - i, &a))
				goto bad;
			b = a;
		}
		if (a > b || b >= SB_MAX_CPUS) {
			sb_snprintf(err, errlen,
				    "cpus: range %.*s is reversed or beyond CPU %d",
				    (int)(j - i), s + i, SB_MAX_CPUS - 1);
			return -1;
		}
		for (c = a; c <= b; c++) {
			if (sb_cpu_isset(tmp, (unsigned int)c)) {
				sb_snprintf(err, errlen,
					    "cpus: CPU %llu listed twice",
					    (unsigned long long)c);
				return -1;
			}
			if (++n > SB_MAX_THREADS) {
				sb_snprintf(err, errlen,
					    "cpus: more than %d CPUs (accepted: 1 to %d CPUs numbered 0-%d)",
					    SB_MAX_THREADS, SB_MAX_THREADS,
					    SB_MAX_CPUS - 1);
				return -1;
			}
			sb_bit_set(tmp, (unsigned int)c);
		}
		if (j < len && j + 1 == len)
			goto bad;	/* trailing comma */
		i = j + 1;
	}
	memcpy(bits, tmp, sizeof(tmp));
	*count = n;
	return 0;
bad:
	sb_snprintf(err, errlen,
		    "cpus: malformed CPU list '%.*s' (expected e.g. 0-3,8)",
		    (int)(len > 64 ? 64 : len), s);
	return -1;
}

int sb_cpulist_print(const sb_u64 *bits, char *buf, size_t len)
{
	struct sb_buf b;
	int c = 0;

	sb_buf_init(&b, buf, len);
	while (c < SB_MAX_CPUS) {
		int e;

		if (!sb_cpu_isset(bits, c)) {
			c++;
			continue;
		}
		e = c;
		while (e + 1 < SB_MAX_CPUS && sb_cpu_isset(bits, e + 1))
			e++;
		if (e == c)
			sb_bprintf(&b, "%s%d", b.n ? "," : "", c);
		else
			sb_bprintf(&b, "%s%d-%d", b.n ? "," : "", c, e);
		c = e + 1;
	}
	return (int)b.n;
}

int sb_config_next_cpu(const struct sb_config *cfg, int cpu)
{
	for (cpu++; cpu < SB_MAX_CPUS; cpu++)
		if (sb_cpu_isset(cfg->cpus, cpu))
			return cpu;
	return -1;
}

int sb_enum_index(const char *choices, const char *v, size_t len)
{
	int idx = 0;
	const char *p = choices;

	while (*p) {
		size_t wl = 0;

		while (p[wl] && p[wl] != '|')
			wl++;
		if (wl == len && !strncmp(p, v, len))
			return idx;
		p += wl;
		if (*p == '|')
			p++;
		idx++;
	}
	return -1;
}

int sb_enum_name(const char *choices, sb_u64 idx, char *buf, size_t len)
{
	const char *p = choices;
	size_t wl;

	while (idx-- && *p) {
		while (*p && *p != '|')
			p++;
		if (*p == '|')
			p++;
	}
	for (wl = 0; p[wl] && p[wl] != '|'; wl++)
		;
	return sb_snprintf(buf, len, "%.*s", (int)wl, p);
}

static int sb_set_key(struct sb_config *cfg, const struct sb_key *k,
		      const char *v, size_t vl, char *err, size_t errlen)
{
	void *field = (char *)cfg + k->offset;
	sb_u64 u;
	sb_s64 s;
	int idx;
	size_t i;

	switch (k->type) {
	case SB_KT_U64:
		if (sb_parse_u64(v, vl, &u) || u < (sb_u64)k->min ||
		    u > (sb_u64)k->max)
			goto out_of_range;
		*(sb_u64 *)field = u;
		return 0;
	case SB_KT_S64:
		if (sb_parse_s64(v, vl, &s) || s < k->min || s > k->max)
			goto out_of_range;
		*(sb_s64 *)field = s;
		return 0;
	case SB_KT_MILLI:
		if (sb_parse_fixed(v, vl, 3, &u) || u < (sb_u64)k->min ||
		    u > (sb_u64)k->max) {
			char lo[32], hi[32];

			sb_format_milli((sb_u64)k->min, lo, sizeof(lo));
			sb_format_milli((sb_u64)k->max, hi, sizeof(hi));
			sb_snprintf(err, errlen,
				    "%s: '%.*s' is not a number in [%s, %s] with at most 3 decimals",
				    k->name, (int)(vl > 32 ? 32 : vl), v, lo,
				    hi);
			return -1;
		}
		*(sb_u64 *)field = u;
		return 0;
	case SB_KT_ENUM:
		idx = sb_enum_index(k->choices, v, vl);
		if (idx < 0) {
			sb_snprintf(err, errlen, "%s: '%.*s' is not one of %s",
				    k->name, (int)(vl > 32 ? 32 : vl), v,
				    k->choices);
			return -1;
		}
		*(sb_u64 *)field = (sb_u64)idx;
		return 0;
	case SB_KT_NAME:
		for (i = 0; i < vl; i++) {
			char c = v[i];

			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			      c == '_'))
				break;
		}
		if (!vl || i < vl || vl >= SB_PRIM_LEN) {
			sb_snprintf(err, errlen,
				    "%s: '%.*s' is not a name of 1 to %d characters [a-z0-9_]",
				    k->name, (int)(vl > 32 ? 32 : vl), v,
				    SB_PRIM_LEN - 1);
			return -1;
		}
		/* Clear the old name's tail: configs compare with memcmp. */
		memset(field, 0, SB_PRIM_LEN);
		memcpy(field, v, vl);
		return 0;
	case SB_KT_CPULIST:
		return sb_cpulist_parse(v, vl, (sb_u64 *)field, &cfg->nr_cpus,
					err, errlen);
	}
	return -1;
out_of_range:
	sb_snprintf(err, errlen, "%s: '%.*s' is not an integer in [%lld, %lld]",
		    k->name, (int)(vl > 32 ? 32 : vl), v, (long long)k->min,
		    (long long)k->max);
	return -1;
}

static int sb_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int sb_apply(struct sb_config *cfg, const char *text, size_t len,
		    unsigned int side, char *err, size_t errlen)
{
	size_t i = 0;

	while (i < len) {
		size_t start, eq = 0, end;
		const struct sb_key *k;

		while (i < len && sb_is_space(text[i]))
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && !sb_is_space(text[i])) {
			if (text[i] == '=' && !eq)
				eq = i;
			if (text[i] == '\0') {
				sb_snprintf(err, errlen, "NUL byte in config");
				return -1;
			}
			i++;
		}
		end = i;
		if (!eq || eq == start) {
			sb_snprintf(err, errlen,
				    "'%.*s' is not a key=value pair",
				    (int)(end - start > 32 ? 32 : end - start),
				    text + start);
			return -1;
		}
		k = sb_key_find(text + start, eq - start, side);
		if (!k) {
			sb_snprintf(err, errlen, "unknown key '%.*s'",
				    (int)(eq - start > 32 ? 32 : eq - start),
				    text + start);
			return -1;
		}
		if (sb_set_key(cfg, k, text + eq + 1, end - eq - 1, err,
			       errlen))
			return -1;
	}
	return 0;
}

void sb_config_default(struct sb_config *cfg, unsigned int side)
{
	unsigned int i;
	char err[SB_ERR_LEN];

	memset(cfg, 0, sizeof(*cfg));
	for (i = 0; i < sb_nr_keys; i++) {
		const struct sb_key *k = &sb_keys[i];

		/* Defaults of the other side too, so the struct is complete. */
		sb_set_key(cfg, k, k->def, strlen(k->def), err, sizeof(err));
	}
	(void)side;
}

void sb_config_loop_of(struct sb_config *cfg)
{
	sb_snprintf(cfg->prim, sizeof(cfg->prim), "null");
	cfg->list_len = 1;
	cfg->buckets = 1;
	cfg->cs_ns = 0;
	cfg->irq_hz = 0;
	cfg->hold_ns = 0;
	cfg->update_interval_ns = 0;	/* the loop, not the pacing's sleeps */
	cfg->warmup_ms = 0;
	cfg->duration_ms = 0;
}

int sb_config_check(const struct sb_config *cfg, char *err, size_t errlen)
{
	if (!cfg->nr_cpus) {
		sb_snprintf(err, errlen, "cpus: no CPU given");
		return -1;
	}
	if (cfg->updaters > cfg->nr_cpus) {
		sb_snprintf(err, errlen,
			    "updaters: %llu is more than the %u threads of cpus (accepted: 0 to %u)",
			    (unsigned long long)cfg->updaters, cfg->nr_cpus,
			    cfg->nr_cpus);
		return -1;
	}
	if (cfg->updaters && cfg->update_mpct) {
		sb_snprintf(err, errlen,
			    "update_pct: must be 0 with updaters=%llu: the updater threads only update and the others only look up",
			    (unsigned long long)cfg->updaters);
		return -1;
	}
	if (cfg->key_space && cfg->key_space < cfg->list_len) {
		sb_snprintf(err, errlen,
			    "key_space: %llu is smaller than list_len=%llu: the list's keys are distinct (0 = list_len)",
			    (unsigned long long)cfg->key_space,
			    (unsigned long long)cfg->list_len);
		return -1;
	}
	if (cfg->key_space > cfg->list_len &&
	    cfg->update_op != SB_UPDATE_DELETE_INSERT) {
		sb_snprintf(err, errlen,
			    "key_space: above list_len needs update_op=delete_insert (with replace the list's keys never change, so the extra ones would always miss)");
		return -1;
	}
	if (cfg->buckets > cfg->list_len) {
		sb_snprintf(err, errlen,
			    "buckets: %llu is more than list_len=%llu: a bucket would start empty",
			    (unsigned long long)cfg->buckets,
			    (unsigned long long)cfg->list_len);
		return -1;
	}
	if (cfg->perturb != SB_PERTURB_OFF && !cfg->perturb_mpct) {
		sb_snprintf(err, errlen,
			    "perturb_pct: 0 perturbs nothing; give a share above 0 (accepted: 0.001 to 100) or perturb=off");
		return -1;
	}
	if (cfg->update_interval_ns && !cfg->updaters) {
		sb_snprintf(err, errlen,
			    "update_interval_ns: paces the updater threads; set updaters too (it is 0)");
		return -1;
	}
	return 0;
}

/*
 * Values the userspace mirror has no implementation for: refused there with
 * the reason rather than run as something else (liburcu has neither
 * kfree_rcu nor an expedited grace period).
 */
static int sb_config_side_check(const struct sb_config *cfg,
				unsigned int side, char *err, size_t errlen)
{
	if (side != SB_SIDE_USER)
		return 0;
	if (cfg->rcu_free == SB_RCU_KFREE) {
		sb_snprintf(err, errlen,
			    "rcu_free: kfree_rcu is kernel only (userspace: sync|async; liburcu has no kfree_rcu)");
		return -1;
	}
	if (cfg->rcu_gp == SB_RCU_GP_EXPEDITED) {
		sb_snprintf(err, errlen,
			    "rcu_gp: expedited is kernel only (userspace: normal; liburcu has no expedited grace period)");
		return -1;
	}
	return 0;
}

int sb_config_parse(struct sb_config *cfg, const char *text, size_t len,
		    unsigned int side, char *err, size_t errlen)
{
	struct sb_config tmp = *cfg;

	if (sb_config_parse_keys(&tmp, text, len, side, err, errlen) ||
	    sb_config_check(&tmp, err, errlen) ||
	    sb_config_side_check(&tmp, side, err, errlen))
		return -1;
	*cfg = tmp;
	return 0;
}

int sb_config_parse_keys(struct sb_config *cfg, const char *text, size_t len,
			 unsigned int side, char *err, size_t errlen)
{
	struct sb_config tmp = *cfg;

	if (len > SB_CONFIG_TEXT_MAX) {
		sb_snprintf(err, errlen, "config text longer than %d bytes",
			    SB_CONFIG_TEXT_MAX);
		return -1;
	}
	if (sb_apply(&tmp, text, len, side, err, errlen))
		return -1;
	*cfg = tmp;
	return 0;
}

int sb_config_format_key(const struct sb_config *cfg, const struct sb_key *k,
			 char *buf, size_t len)
{
	const void *field = (const char *)cfg + k->offset;

	switch (k->type) {
	case SB_KT_U64:
		return sb_snprintf(buf, len, "%llu",
				   (unsigned long long)*(const sb_u64 *)field);
	case SB_KT_S64:
		return sb_snprintf(buf, len, "%lld",
				   (long long)*(const sb_s64 *)field);
	case SB_KT_MILLI:
		return sb_format_milli(*(const sb_u64 *)field, buf, len);
	case SB_KT_ENUM:
		return sb_enum_name(k->choices, *(const sb_u64 *)field, buf,
				    len);
	case SB_KT_NAME:
		return sb_snprintf(buf, len, "%s", (const char *)field);
	case SB_KT_CPULIST:
		return sb_cpulist_print((const sb_u64 *)field, buf, len);
	}
	return 0;
}

int sb_config_print(const struct sb_config *cfg, unsigned int side,
		    char *buf, size_t len)
{
	struct sb_buf b;
	unsigned int i;

	sb_buf_init(&b, buf, len);
	for (i = 0; i < sb_nr_keys; i++) {
		const struct sb_key *k = &sb_keys[i];

		if (!(k->side & side))
			continue;
		sb_bprintf(&b, "%s=", k->name);
		b.n += (size_t)sb_config_format_key(cfg, k, sb_buf_tail(&b),
						    sb_buf_room(&b));
		sb_bprintf(&b, "\n");
	}
	return (int)b.n;
}
