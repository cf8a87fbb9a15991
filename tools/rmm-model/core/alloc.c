// SPDX-License-Identifier: BSD-2-Clause
/*
 * Memory reservation allocator for the firmware carve-out.
 *
 * Hands out aligned blocks from the top of the carve-out downwards; nothing
 * is ever returned. Callers serialise (the firmware holds its big lock).
 */
#include "core.h"

void resv_init(struct resv *r, uint64_t base, uint64_t top)
{
	r->base = base;
	r->top = top;
	r->cur = top;
}

int resv_alloc(struct resv *r, uint64_t size, unsigned int align_log2,
	       uint64_t *pa)
{
	uint64_t align, start;

	if (size == 0 || align_log2 > 47)
		return -1;
	align = 1ULL << align_log2;
	if (size > r->cur - r->base)
		return -1;
	start = ALIGN_DOWN(r->cur - size, align);
	if (start < r->base)
		return -1;
	r->cur = start;
	*pa = start;
	return 0;
}

uint64_t resv_used(const struct resv *r)
{
	return r->top - r->cur;
}
