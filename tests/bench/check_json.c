// SPDX-License-Identifier: GPL-2.0
/*
 * check_json FILE PATH=TYPES...: does FILE hold, at each dotted PATH
 * ("machine.cpufreq.cpus.0.governor": object keys, array indexes), a value
 * of one of TYPES ("integer|null")? Types: object, array, string, integer,
 * real, number, boolean, null. A path that is absent fails: a value the
 * machine lacks must be null, not missing. One line per failure; exit 1 if
 * any, 2 for bad usage. A PATH without "=TYPES" prints the value there (a
 * string as it is, anything else as JSON; nothing when absent).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

static json_t *at(json_t *v, const char *path)
{
	char buf[512], *save = NULL, *k;

	snprintf(buf, sizeof(buf), "%s", path);
	for (k = strtok_r(buf, ".", &save); k && v;
	     k = strtok_r(NULL, ".", &save))
		v = json_is_array(v) ? json_array_get(v, strtoul(k, NULL, 10)) :
				       json_object_get(v, k);
	return v;
}

static int is(const json_t *v, const char *t, size_t n)
{
	static const struct { const char *name; json_type type; } types[] = {
		{ "object", JSON_OBJECT }, { "array", JSON_ARRAY },
		{ "string", JSON_STRING }, { "integer", JSON_INTEGER },
		{ "real", JSON_REAL }, { "null", JSON_NULL },
	};
	size_t i;

	if (!strncmp(t, "number", n) && n == 6)
		return json_is_number(v);
	if (!strncmp(t, "boolean", n) && n == 7)
		return json_is_boolean(v);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strlen(types[i].name) == n && !strncmp(t, types[i].name, n))
			return json_typeof(v) == types[i].type;
	fprintf(stderr, "check_json: unknown type '%.*s'\n", (int)n, t);
	exit(2);
}

static int check(json_t *root, const char *spec)
{
	const char *eq = strchr(spec, '='), *t;
	char path[512];
	json_t *v;

	if (!eq) {
		char *d;

		v = at(root, spec);
		if (json_is_string(v))
			printf("%s\n", json_string_value(v));
		else if (v && (d = json_dumps(v, JSON_ENCODE_ANY |
					      JSON_COMPACT))) {
			printf("%s\n", d);
			free(d);
		}
		return !v;
	}
	snprintf(path, sizeof(path), "%.*s", (int)(eq - spec), spec);
	v = at(root, path);
	if (!v) {
		printf("%s: absent (want %s)\n", path, eq + 1);
		return 1;
	}
	for (t = eq + 1; *t; t += strcspn(t, "|"), t += *t == '|')
		if (is(v, t, strcspn(t, "|")))
			return 0;
	printf("%s: a %s, want %s\n", path,
	       json_is_object(v) ? "object" : json_is_array(v) ? "array" :
	       json_is_string(v) ? "string" : json_is_integer(v) ? "integer" :
	       json_is_real(v) ? "real" : json_is_boolean(v) ? "boolean" :
	       "null", eq + 1);
	return 1;
}

int main(int argc, char **argv)
{
	json_error_t je;
	json_t *root;
	int i, bad = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: check_json FILE PATH=TYPES...\n");
		return 2;
	}
	root = json_load_file(argv[1], 0, &je);
	if (!root) {
		printf("%s: %s\n", argv[1], je.text);
		return 1;
	}
	for (i = 2; i < argc; i++)
		bad |= check(root, argv[i]);
	json_decref(root);
	return bad;
}
