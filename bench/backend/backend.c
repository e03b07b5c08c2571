// SPDX-License-Identifier: GPL-2.0
/* Backend registry and helpers; see backend.h. */
#include <errno.h>
#include <limits.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/backend.h"
#include "sb_result.h"

/* By descriptor index: desc.c's table order (tests/bench/test_backend.c). */
static struct sb_backend *const sb_backends[SB_NR_BACKENDS] = {
	&sb_backend_user, &sb_backend_kernel, &sb_backend_vm,
};

struct sb_backend *sb_backend_get(const struct sb_backend_desc *d)
{
	return d && d->index < SB_NR_BACKENDS ? sb_backends[d->index] : NULL;
}

int sb_backend_has_prim(const struct sb_backend *b, const char *prim)
{
	int i = sb_prim_info_index(prim);

	return i < SB_NR_PRIMS && b->prims.has[i];
}

int sb_kv_find(const char *text, const char *key, const char **v,
		      size_t *len)
{
	size_t kl = strlen(key);
	const char *s;

	for (s = text; s && *s; s = strchr(s, '\n'), s = s ? s + 1 : NULL)
		if (!strncmp(s, key, kl) && s[kl] == '=') {
			*v = s + kl + 1;
			*len = strcspn(*v, "\n");
			return 0;
		}
	return -1;
}

json_t *sb_kv_json(const char *text)
{
	const char *pos = text, *end = text + strlen(text), *k, *v;
	json_t *o = json_object();
	size_t kl, vl;

	while (sb_kv_next(&pos, end, &k, &kl, &v, &vl)) {
		char key[128], val[256], *e;
		long long i;
		double d;

		if (kl >= sizeof(key) || vl >= sizeof(val))
			continue;
		memcpy(key, k, kl);
		key[kl] = '\0';
		memcpy(val, v, vl);
		val[vl] = '\0';
		errno = 0;
		i = strtoll(val, &e, 10);
		if (vl && !*e && !errno) {
			json_object_set_new(o, key, json_integer(i));
			continue;
		}
		errno = 0;
		d = strtod(val, &e);
		json_object_set_new(o, key, vl && !*e && !errno ?
				    json_real(d) : json_string(val));
	}
	return o;
}

int sb_prim_set_parse(struct sb_prim_set *s, char *text, const char *from,
		      char *err, size_t errlen)
{
	char *line, *save;

	memset(s, 0, sizeof(*s));
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		int i = sb_prim_info_index(line);

		if (i == SB_NR_PRIMS) {
			snprintf(err, errlen,
				 "%s offers primitive '%.*s', which this driver's catalogue "
				 "(common/sb_prims.def) does not know: it was built from "
				 "another tree; rebuild both from one",
				 from, SB_PRIM_LEN, line);
			return -1;
		}
		s->has[i] = 1;
	}
	return 0;
}

void sb_prim_set_side(struct sb_prim_set *s, unsigned int side)
{
	unsigned int i;

	for (i = 0; i < SB_NR_PRIMS; i++)
		s->has[i] = !!(sb_prim_infos[i].sides & side);
}

void sb_prim_set_names(const struct sb_prim_set *s, char *buf, size_t len)
{
	struct sb_buf b;
	unsigned int i, n = 0;

	sb_buf_init(&b, buf, len);
	for (i = 0; i < SB_NR_PRIMS; i++)
		if (s->has[i])
			sb_bprintf(&b, "%s%s", n++ ? ", " : "",
				   sb_prim_infos[i].name);
}

const char *sb_exe_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX];
	ssize_t n;

	if (*dir)
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return ".";
	exe[n] = '\0';
	snprintf(dir, sizeof(dir), "%s", dirname(exe));
	return dir;
}

const char *sb_user_runner(void)
{
	static char path[PATH_MAX];
	const char *env = getenv("SYNCBENCH_USER");

	if (env && *env)
		return env;
	snprintf(path, sizeof(path), "%s/syncbench-user", sb_exe_dir());
	return path;
}
