// SPDX-License-Identifier: GPL-2.0
/* Tolerant field accessors for JSON records; see json.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb_config.h"
#include "util/json.h"

int sb_jnum(const json_t *o, const char *key, double *out)
{
	const json_t *v = json_object_get(o, key);
	const char *s;
	char *end;

	if (!v)
		return -1;
	if (json_is_number(v)) {
		*out = json_number_value(v);
		return 0;
	}
	if (json_is_boolean(v)) {
		*out = json_is_true(v);
		return 0;
	}
	if (!json_is_string(v))
		return -1;
	s = json_string_value(v);
	errno = 0;
	*out = strtod(s, &end);
	return (end == s || *end || errno) ? -1 : 0;
}

double sb_jnum_or(const json_t *o, const char *key, double def)
{
	double v;

	return sb_jnum(o, key, &v) ? def : v;
}

const char *sb_jstr(const json_t *o, const char *key, char *buf, size_t len)
{
	const json_t *v = json_object_get(o, key);

	if (!len)
		return "";
	buf[0] = '\0';
	if (json_is_string(v))
		sb_snprintf(buf, len, "%s", json_string_value(v));
	else if (json_is_integer(v))
		sb_snprintf(buf, len, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		sb_snprintf(buf, len, "%g", json_real_value(v));
	else if (json_is_boolean(v))
		sb_snprintf(buf, len, "%s", json_is_true(v) ? "true" : "false");
	return buf;
}
