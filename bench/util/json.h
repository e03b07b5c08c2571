/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Field accessors tolerant of how a value was written: a number, or a
 * string holding one (the record's text form). Return 0 when found.
 */
#ifndef SB_UTIL_JSON_H
#define SB_UTIL_JSON_H

#include <stddef.h>
#include <jansson.h>

int sb_jnum(const json_t *o, const char *key, double *out);
double sb_jnum_or(const json_t *o, const char *key, double def);
/* String form of a string/number/bool field, "" when absent. */
const char *sb_jstr(const json_t *o, const char *key, char *buf, size_t len);

#endif /* SB_UTIL_JSON_H */
