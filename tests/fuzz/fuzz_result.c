// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the result-record parser the driver runs on records
 * from the kernel, the guest and child processes: never crash, and an
 * accepted record prints and parses again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sb_result.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sb_result r, again;
	static char text[512 * 1024];
	char err[SB_ERR_LEN];
	int n;

	if (sb_result_parse(&r, (const char *)data, size, err, sizeof(err)))
		return 0;
	n = sb_result_print(&r, SB_SIDE_USER, text, sizeof(text));
	if (n <= 0 || (size_t)n >= sizeof(text))
		abort();
	if (sb_result_parse(&again, text, (size_t)n, err, sizeof(err)))
		abort();
	return 0;
}
