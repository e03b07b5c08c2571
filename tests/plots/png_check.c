// SPDX-License-Identifier: GPL-2.0
/*
 * png_check FILE WIDTH HEIGHT [MIN_COLOURS [MARGIN]]: is FILE a PNG of
 * exactly that size that shows something? Checks the signature and the
 * IHDR size bytes as written, then decodes the whole image (a truncated or
 * corrupt file fails here) and requires at least MIN_COLOURS distinct
 * colours (default 8: a blank page has 1, text alone a few grey levels)
 * and at least 1% of the pixels different from the corner pixel (the
 * background). With MARGIN, nothing may be drawn within MARGIN pixels of
 * an edge: a title or a legend that touches the edge was cut off there.
 */
#include <arpa/inet.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static int fail(const char *file, const char *why)
{
	fprintf(stderr, "png_check: %s: %s\n", file, why);
	return 1;
}

int main(int argc, char **argv)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
					      0x1a, '\n' };
	unsigned char head[24];
	unsigned long w, h, min_colours = 8, colours, differ = 0, margin = 0;
	unsigned long x, y;
	png_image img;
	uint32_t *px, *sorted, bg;
	size_t i, n;
	FILE *f;

	if (argc < 4 || argc > 6) {
		fprintf(stderr, "usage: png_check FILE WIDTH HEIGHT "
			"[MIN_COLOURS [MARGIN]]\n");
		return 2;
	}
	w = strtoul(argv[2], NULL, 10);
	h = strtoul(argv[3], NULL, 10);
	if (argc >= 5)
		min_colours = strtoul(argv[4], NULL, 10);
	if (argc == 6)
		margin = strtoul(argv[5], NULL, 10);
	f = fopen(argv[1], "rb");
	if (!f)
		return fail(argv[1], "cannot open");
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	if (n < sizeof(head) || memcmp(head, sig, 8))
		return fail(argv[1], "no PNG signature");
	if (memcmp(head + 12, "IHDR", 4))
		return fail(argv[1], "first chunk is not IHDR");
	{
		uint32_t fw, fh;

		memcpy(&fw, head + 16, 4);
		memcpy(&fh, head + 20, 4);
		if (ntohl(fw) != w || ntohl(fh) != h) {
			fprintf(stderr, "png_check: %s: %ux%u, expected "
				"%lux%lu\n", argv[1], ntohl(fw), ntohl(fh), w,
				h);
			return 1;
		}
	}
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&img, argv[1]))
		return fail(argv[1], img.message);
	img.format = PNG_FORMAT_RGBA;
	n = (size_t)img.width * img.height;
	px = calloc(n, 4);
	sorted = calloc(n, 4);
	if (!px || !sorted)
		return fail(argv[1], "out of memory");
	if (!png_image_finish_read(&img, NULL, px, 0, NULL))
		return fail(argv[1], img.message);
	bg = px[0];
	for (i = 0; i < n; i++)
		differ += px[i] != bg;
	for (y = 0; y < img.height; y++)
		for (x = 0; x < img.width; x++) {
			if (x >= margin && x + margin < img.width &&
			    y >= margin && y + margin < img.height)
				continue;
			if (px[y * img.width + x] == bg)
				continue;
			fprintf(stderr, "png_check: %s: drawn at %lu,%lu, "
				"within %lu pixels of the %s edge: cut off?\n",
				argv[1], x, y, margin, x < margin ? "left" :
				x + margin >= img.width ? "right" :
				y < margin ? "top" : "bottom");
			free(px);
			free(sorted);
			return 1;
		}
	memcpy(sorted, px, n * 4);
	qsort(sorted, n, 4, cmp_u32);
	for (i = 1, colours = 1; i < n; i++)
		colours += sorted[i] != sorted[i - 1];
	free(px);
	free(sorted);
	if (colours < min_colours) {
		fprintf(stderr, "png_check: %s: %lu colours, expected at least "
			"%lu: blank?\n", argv[1], colours, min_colours);
		return 1;
	}
	if (differ * 100 < n) {
		fprintf(stderr, "png_check: %s: only %lu of %zu pixels differ "
			"from the background: blank?\n", argv[1], differ, n);
		return 1;
	}
	printf("%s: %lux%lu, %lu colours, %.1f%% non-background\n", argv[1],
	       w, h, colours, 100.0 * differ / n);
	return 0;
}
