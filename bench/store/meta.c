// SPDX-License-Identifier: GPL-2.0
/* Machine metadata; see meta.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "store/meta.h"
#include "util/run.h"

static void sb_cpu_model(char *buf, size_t len)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[512];

	snprintf(buf, len, "unknown");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *c = strchr(line, ':');

		if (strncmp(line, "model name", 10) || !c)
			continue;
		c++;
		while (*c == ' ' || *c == '\t')
			c++;
		c[strcspn(c, "\n")] = '\0';
		snprintf(buf, len, "%s", c);
		break;
	}
	fclose(f);
}

/*
 * Asked at run time rather than baked in at build time, so a rebuild is not
 * needed for the record to be right; "-dirty" when the tree has changes.
 */
const char *sb_git_commit(void)
{
	static char commit[64];
	char *head[] = { "git", "-C", SB_SOURCE_DIR, "rev-parse", "HEAD", NULL };
	char *diff[] = { "git", "-C", SB_SOURCE_DIR, "diff", "--quiet", "HEAD",
		"--", NULL };
	char line[64], none[1];

	if (*commit)
		return commit;
	snprintf(commit, sizeof(commit), "unknown");
	if (sb_run_capture(head, line, sizeof(line)) || strlen(line) <= 40)
		return commit;
	line[40] = '\0';
	if (sb_run_capture(diff, none, sizeof(none)))
		snprintf(commit, sizeof(commit), "%s-dirty", line);
	else
		snprintf(commit, sizeof(commit), "%s", line);
	return commit;
}

json_t *sb_meta_machine(void)
{
	char model[256], host[256] = "unknown", kernel[512], now[32];
	struct utsname u;
	time_t t = time(NULL);
	struct tm tm;

	sb_cpu_model(model, sizeof(model));
	gethostname(host, sizeof(host));
	host[sizeof(host) - 1] = '\0';
	if (uname(&u))
		snprintf(kernel, sizeof(kernel), "unknown");
	else
		snprintf(kernel, sizeof(kernel), "%s %s", u.release,
			 u.version);
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_pack("{s:i,s:s,s:s,s:s,s:s,s:s,s:s,s:i}", "schema", 1,
			 "syncbench_version", SB_VERSION, "git_commit",
			 sb_git_commit(), "created", now, "hostname", host,
			 "cpu_model", model, "kernel", kernel, "nr_cpus",
			 (int)sysconf(_SC_NPROCESSORS_ONLN));
}
