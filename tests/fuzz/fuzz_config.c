// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the config parser the kernel module runs on every
 * debugfs write. Properties checked beyond "no crash, no UB":
 *  - a refused write leaves the config byte-for-byte unchanged;
 *  - an accepted config prints to text that parses back to the same config.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sb_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char text[8192];
	struct sb_config cfg, before, again;
	char err[SB_ERR_LEN];
	unsigned int side = size && (data[0] & 1) ? SB_SIDE_USER :
						    SB_SIDE_KERNEL;
	int n;

	sb_config_default(&cfg, SB_SIDE_BOTH);
	before = cfg;
	if (sb_config_parse(&cfg, (const char *)data, size, side, err,
			    sizeof(err))) {
		if (memcmp(&cfg, &before, sizeof(cfg)))
			abort();
		if (!memchr(err, '\0', sizeof(err)))
			abort();
		return 0;
	}
	n = sb_config_print(&cfg, side, text, sizeof(text));
	if (n <= 0 || (size_t)n >= sizeof(text))
		abort();
	sb_config_default(&again, SB_SIDE_BOTH);
	if (sb_config_parse(&again, text, (size_t)n, side, err, sizeof(err)))
		abort();
	if (memcmp(&cfg, &again, sizeof(cfg)))
		abort();
	return 0;
}
