/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmark configuration: one table of keys (name, type, default, range,
 * help, which side accepts it) drives parsing, printing, the result echo and
 * --help, in the kernel module, the userspace mirror and the driver alike.
 *
 * Text form: whitespace- or newline-separated key=value pairs. Parsing is
 * all-or-nothing: sb_config_parse() works on a copy and only writes the
 * caller's config when every pair and the combination are valid.
 */
#ifndef SB_CONFIG_H
#define SB_CONFIG_H

#include "sb_types.h"
#include "sb_prims.h"

#define SB_MAX_CPUS 1024
#define SB_MAX_THREADS 256
#define SB_PRIM_LEN 32	/* longest primitive name + 1 */
#define SB_CONFIG_TEXT_MAX 4096	/* longest accepted config write */
/* a reason, room for it to list every primitive */
#define SB_ERR_LEN (192 + SB_PRIM_NAMES_LEN)

enum sb_key_type {
	SB_KT_U64,	/* decimal unsigned, range [min, max] */
	SB_KT_S64,	/* decimal signed, range [min, max] */
	SB_KT_ENUM,	/* one of the '|'-separated words in .choices */
	SB_KT_NAME,	/* [a-z0-9_]+, at most SB_PRIM_LEN - 1 chars */
	SB_KT_CPULIST,	/* e.g. 0-3,8; at most SB_MAX_THREADS CPUs */
	/*
	 * Fixed point, thousandths: "12", "0.5" or "0.001", stored x 1000 in
	 * an sb_u64, range [min, max] in thousandths. The kernel parses it
	 * without floating point; printed back with no trailing zeros, so
	 * the record echoes what was asked.
	 */
	SB_KT_MILLI,
};

/* kfree_rcu: kernel only (liburcu has none); userspace refuses it */
enum sb_rcu_free { SB_RCU_SYNC, SB_RCU_ASYNC, SB_RCU_KFREE };
/* expedited: kernel only (synchronize_rcu_expedited); userspace refuses it */
enum sb_rcu_gp { SB_RCU_GP_NORMAL, SB_RCU_GP_EXPEDITED };
enum sb_irq_mask { SB_IRQ_MASK_SIGMASK, SB_IRQ_MASK_SOFT };
enum sb_rcu_flavor { SB_RCU_MEMB, SB_RCU_MB, SB_RCU_QSBR };
enum sb_rw_pref { SB_RW_PREF_READER, SB_RW_PREF_WRITER };
enum sb_update_op { SB_UPDATE_REPLACE, SB_UPDATE_DELETE_INSERT };
enum sb_ref { SB_REF_NONE, SB_REF_REFCOUNT };
/*
 * "Schedule it badly" inside the race window: a busy wait, a voluntary
 * reschedule (only where the window may sleep: SB_CAP_YIELD), or a
 * per-CPU high-priority perturber that takes the CPU at random instants.
 */
enum sb_perturb { SB_PERTURB_OFF, SB_PERTURB_DELAY, SB_PERTURB_YIELD,
		  SB_PERTURB_PREEMPT };

struct sb_config {
	char prim[SB_PRIM_LEN];
	sb_u64 cpus[SB_MAX_CPUS / 64];	/* bitmap */
	sb_u32 nr_cpus;			/* = number of threads */
	sb_u64 duration_ms;
	sb_u64 warmup_ms;
	sb_u64 update_mpct;	/* update_pct x 1000 (SB_KT_MILLI) */
	sb_u64 list_len;
	sb_u64 cs_ns;
	sb_u64 think_ns;
	sb_u64 irq_hz;
	sb_u64 rcu_free;	/* enum sb_rcu_free */
	sb_u64 rcu_gp;		/* enum sb_rcu_gp */
	sb_s64 node;
	sb_u64 seed;
	sb_u64 lat_sample;	/* time one operation in lat_sample */
	sb_u64 irq_mask;	/* enum sb_irq_mask, userspace only */
	sb_u64 rcu_flavor;	/* enum sb_rcu_flavor, userspace only */
	sb_u64 rw_pref;		/* enum sb_rw_pref, userspace only */
	/*
	 * Roles: the first updaters threads of the CPU list only update
	 * (each paced to one update per update_interval_ns, 0 = back to
	 * back), the others only look up; update_pct must then be 0.
	 */
	sb_u64 updaters;
	sb_u64 update_interval_ns;
	sb_u64 hold_ns;		/* a lookup keeps reading its entry this long */
	/*
	 * update_op=delete_insert: an update unlinks its entry and links a
	 * fresh one under a key absent from the list (the same key when
	 * none is), keys drawn from [0, key_space); 0 = list_len.
	 */
	sb_u64 update_op;	/* enum sb_update_op */
	sb_u64 key_space;
	/*
	 * ref=refcount: a lookup takes a reference on its entry inside the
	 * critical or read-side section, leaves it, then reads the entry
	 * (and holds it hold_ns) and drops the reference; the last reference
	 * frees an entry the update side unlinked.
	 */
	sb_u64 ref;		/* enum sb_ref */
	/*
	 * buckets=N: N lists, key k in list k mod N, each with its own lock
	 * (or its own update-side lock and RCU-protected head).
	 */
	sb_u64 buckets;
	/*
	 * Perturbation in the race window: perturb (enum sb_perturb), the
	 * share of operations perturbed (x 1000, SB_KT_MILLI; preempt: the
	 * share of each CPU's time the perturber takes) and its length.
	 */
	sb_u64 perturb;
	sb_u64 perturb_mpct;
	sb_u64 perturb_ns;
};

/* The keys a lookup or update draws from: key_space, or list_len. */
static inline sb_u64 sb_config_key_space(const struct sb_config *cfg)
{
	return cfg->key_space ? cfg->key_space : cfg->list_len;
}

struct sb_key {
	const char *name;
	enum sb_key_type type;
	unsigned int side;
	size_t offset;
	const char *def;	/* default, in text form */
	sb_s64 min;
	sb_s64 max;
	const char *choices;	/* SB_KT_ENUM: "a|b|c" */
	const char *help;
};

extern const struct sb_key sb_keys[];
extern const unsigned int sb_nr_keys;

const struct sb_key *sb_key_find(const char *name, size_t len,
				 unsigned int side);

/* Defaults for every key of @side. Cannot fail. */
void sb_config_default(struct sb_config *cfg, unsigned int side);

/*
 * Apply the key=value pairs in text[0..len) on top of *cfg. Returns 0, or -1
 * with a one-line reason naming the key and the accepted range in err; *cfg
 * is then untouched. Generic cross-key checks (sb_config_check) run too, and
 * with side SB_SIDE_USER the values only the kernel implements are refused
 * (rcu_free=kfree_rcu, rcu_gp=expedited); primitive-specific checks are up
 * to each side's registry.
 */
int sb_config_parse(struct sb_config *cfg, const char *text, size_t len,
		    unsigned int side, char *err, size_t errlen);
/*
 * Only the pairs themselves: known keys, values in their ranges, no check
 * of the combination (a driver validating one option before the point it
 * belongs to exists: updaters=1 needs the point's update_pct=0).
 */
int sb_config_parse_keys(struct sb_config *cfg, const char *text, size_t len,
			 unsigned int side, char *err, size_t errlen);
/* Generic combination checks, e.g. a non-empty CPU list. */
int sb_config_check(const struct sb_config *cfg, char *err, size_t errlen);

/*
 * @cfg made the config of its own timed loop alone, as a point's loop_ns
 * measures it: the null primitive, no lock, no list walk (list_len 1, one
 * bucket), no critical-section or hold work, no interrupt contender, no
 * pacing; warmup_ms and duration_ms 0 (the measurement sets its own
 * rounds). Two points whose loop configs are equal have the same loop_ns.
 */
void sb_config_loop_of(struct sb_config *cfg);

/* Print every key of @side as key=value lines. Returns length (snprintf). */
int sb_config_print(const struct sb_config *cfg, unsigned int side,
		    char *buf, size_t len);
/* Format one key's value of cfg into buf. */
int sb_config_format_key(const struct sb_config *cfg, const struct sb_key *k,
			 char *buf, size_t len);

int sb_cpulist_parse(const char *s, size_t len, sb_u64 *bits,
		     sb_u32 *count, char *err, size_t errlen);
int sb_cpulist_print(const sb_u64 *bits, char *buf, size_t len);
static inline int sb_cpu_isset(const sb_u64 *bits, unsigned int cpu)
{
	return cpu < SB_MAX_CPUS && (bits[cpu / 64] >> (cpu % 64)) & 1;
}

/* Iterate the CPUs of a config in order: cpu = -1 starts. */
int sb_config_next_cpu(const struct sb_config *cfg, int cpu);

/* Small helpers shared with the result code. */
/* Index of the word v[0..len) in "a|b|c", or -1. */
int sb_enum_index(const char *choices, const char *v, size_t len);
/* Word number idx of "a|b|c" into buf (snprintf semantics). */
int sb_enum_name(const char *choices, sb_u64 idx, char *buf, size_t len);
int sb_parse_u64(const char *s, size_t len, sb_u64 *out);
int sb_parse_s64(const char *s, size_t len, sb_s64 *out);
/* "12.5" with at most @digits decimals -> 12.5 x 10^digits; 0 or -1. */
int sb_parse_fixed(const char *v, size_t vl, unsigned int digits,
		   sb_u64 *out);
/* SB_KT_MILLI's printer: thousandths as the shortest decimal. */
int sb_format_milli(sb_u64 v, char *buf, size_t len);
int sb_snprintf(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* An append-only text buffer: output past the end is counted, not written. */
struct sb_buf {
	char *p;
	size_t size;
	size_t n;	/* length the text would have; > size - 1 = truncated */
};

static inline void sb_buf_init(struct sb_buf *b, char *p, size_t size)
{
	b->p = p;
	b->size = size;
	b->n = 0;
	if (size)
		p[0] = '\0';
}

static inline char *sb_buf_tail(const struct sb_buf *b)
{
	return b->p + (b->n < b->size ? b->n : b->size);
}

static inline size_t sb_buf_room(const struct sb_buf *b)
{
	return b->n < b->size ? b->size - b->n : 0;
}

void sb_bprintf(struct sb_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* SB_CONFIG_H */
