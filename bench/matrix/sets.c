// SPDX-License-Identifier: GPL-2.0
/* The --set keys and their lists; see sets.h. */
#include <stdio.h>
#include <string.h>

#include "matrix/dims.h"
#include "matrix/sets.h"
#include "sb_config.h"

/* One value of key: checked as the config parser reads it. 0 or -1. */
static int set_value_check(const char *key, const char *v, char *err,
			   size_t len)
{
	char pair[128], why[SB_ERR_LEN];
	struct sb_config cfg;

	snprintf(pair, sizeof(pair), "%s=%s", key, v);
	sb_config_default(&cfg, SB_SIDE_BOTH);
	/* The key alone: the combination is checked point by point. */
	if (!sb_config_parse_keys(&cfg, pair, strlen(pair), SB_SIDE_BOTH, why,
				  sizeof(why)))
		return 0;
	snprintf(err, len, "--set '%s': %s", pair, why);
	return -1;
}

/* Value v of key as the config table prints it ("01" -> "1"), into out. */
static void set_value_canon(const char *key, const char *v, char *out,
			    size_t len)
{
	const struct sb_key *ck = sb_key_find(key, strlen(key), SB_SIDE_BOTH);
	char pair[128], why[SB_ERR_LEN];
	struct sb_config cfg;

	snprintf(out, len, "%s", v);
	snprintf(pair, sizeof(pair), "%s=%s", key, v);
	sb_config_default(&cfg, SB_SIDE_BOTH);
	if (ck && !sb_config_parse_keys(&cfg, pair, strlen(pair), SB_SIDE_BOTH,
					why, sizeof(why)))
		sb_config_format_key(&cfg, ck, out, len);
}

/*
 * Is value i of k one of its earlier values spelt otherwise (seed=1,01)?
 * Then it would only run the same points twice: it is dropped, and the
 * first such in dup for the plan's note.
 */
static int set_value_dup(struct sb_set_key *k, int i, char *dup,
			 size_t duplen)
{
	char a[SB_SET_VALUE_LEN], b[SB_SET_VALUE_LEN];
	int j;

	set_value_canon(k->key, k->v[i], a, sizeof(a));
	for (j = 0; j < i; j++) {
		set_value_canon(k->key, k->v[j], b, sizeof(b));
		if (strcmp(a, b))
			continue;
		if (!*dup)
			snprintf(dup, duplen, "--set %s=%s is %s=%s again",
				 k->key, k->v[i], k->key, k->v[j]);
		return 1;
	}
	return 0;
}

/* The comma list of one key into k. 0, or -1 with err. */
static int set_list(struct sb_set_key *k, const char *list, size_t n,
		    char *dup, size_t duplen, char *err, size_t len)
{
	const char *p = list, *end = list + n;

	while (p <= end) {
		size_t l = strcspn(p, ",");

		if (l > (size_t)(end - p))
			l = (size_t)(end - p);
		if (!l || l >= SB_SET_VALUE_LEN || k->n == SB_MAX_SET_VALUES) {
			snprintf(err, len, "--set '%s=%.*s': %s", k->key,
				 (int)n, list, !l ? "empty item in the list" :
				 l >= SB_SET_VALUE_LEN ? "value too long" :
				 "too many values");
			return -1;
		}
		snprintf(k->v[k->n], SB_SET_VALUE_LEN, "%.*s", (int)l, p);
		if (set_value_check(k->key, k->v[k->n], err, len))
			return -1;
		if (!set_value_dup(k, k->n, dup, duplen))
			k->n++;
		p += l + 1;
	}
	return 0;
}

/* One key=LIST pair of length n. 0, or -1 with err. */
static int set_pair(struct sb_sets *s, const char *pair, size_t n, char *err,
		    size_t len)
{
	const char *eq = memchr(pair, '=', n);
	size_t kl = eq ? (size_t)(eq - pair) : n;
	char owner[128];
	int i;

	if (!eq || !kl || kl >= sizeof(s->k[0].key))
		return snprintf(err, len, "--set '%.*s': expected key=value "
				"or key=v1,v2", (int)n, pair), -1;
	if (sb_dims_key_owner(pair, kl, owner, sizeof(owner)))
		return snprintf(err, len, "--set '%.*s': that key is a matrix "
				"dimension: use %s", (int)n, pair, owner), -1;
	for (i = 0; i < s->n; i++)
		if (strlen(s->k[i].key) == kl && !strncmp(s->k[i].key, pair, kl))
			return snprintf(err, len, "--set '%.*s': %s given "
					"twice: give one list, %s=v1,v2",
					(int)n, pair, s->k[i].key,
					s->k[i].key), -1;
	if (s->n == SB_MAX_SETS)
		return snprintf(err, len, "--set: more than %d keys",
				SB_MAX_SETS), -1;
	memset(&s->k[s->n], 0, sizeof(s->k[0]));
	snprintf(s->k[s->n].key, sizeof(s->k[0].key), "%.*s", (int)kl, pair);
	if (set_list(&s->k[s->n], eq + 1, n - kl - 1, s->dup, sizeof(s->dup),
		     err, len))
		return -1;
	s->n++;
	return 0;
}

int sb_sets_add(struct sb_sets *s, const char *arg, char *err, size_t len)
{
	const char *p = arg;
	size_t tl = strlen(s->text);

	if (tl + strlen(arg) + 2 > sizeof(s->text))
		return snprintf(err, len, "--set '%s': too long", arg), -1;
	for (;;) {
		size_t n;

		p += strspn(p, " \t\r\n");
		if (!*p)
			break;
		n = strcspn(p, " \t\r\n");
		if (set_pair(s, p, n, err, len))
			return -1;
		p += n;
	}
	snprintf(s->text + tl, sizeof(s->text) - tl, "%s%s", tl ? " " : "",
		 arg);
	return 0;
}
