// SPDX-License-Identifier: BSD-2-Clause
/*
 * arm64 Linux Image header (Documentation/arch/arm64/booting.rst):
 * 64-byte header, little-endian fields: text_offset at 8, image_size at 16,
 * flags at 24, magic "ARM\x64" at 56.
 */
#include "core.h"

static uint64_t le64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

int image_parse(const void *hdr, size_t len, struct image_info *out)
{
	const unsigned char *h = hdr;

	if (len < 64)
		return -1;
	if (h[56] != 'A' || h[57] != 'R' || h[58] != 'M' || h[59] != 0x64)
		return -1;
	out->text_offset = le64(h + 8);
	out->image_size = le64(h + 16);
	out->flags = le64(h + 24);
	/* Pre-3.17 kernels: image_size 0 and text_offset 0x80000 implied. */
	if (out->image_size == 0)
		out->text_offset = 0x80000;
	return 0;
}

uint64_t image_load_addr(const struct image_info *ii, uint64_t lowest)
{
	return ALIGN_UP(lowest, SZ_2M) + ii->text_offset;
}
