// SPDX-License-Identifier: BSD-2-Clause
/*
 * EL3 memory reservation service for the RMM carve-out.
 *
 * Blocks are handed out from the top of the carve-out downwards, towards
 * what is already in use at its bottom; nothing is ever returned. Sizes are
 * rounded up to 4 KiB and alignments are at least 4 KiB, so the carve-out
 * stays granule-tracked. See core.h for the two SMC interfaces.
 */
#include "core.h"

void resv_init(struct resv *r, uint64_t base, uint64_t top)
{
	fw_memset(r, 0, sizeof(*r));
	r->base = base;
	r->top = top;
	r->cur = top;
	r->booting = true;
}

int resv_alloc(struct resv *r, uint64_t size, unsigned int align_log2,
	       uint64_t *pa)
{
	uint64_t align, start;

	if (size == 0 || align_log2 > RESV_MAX_ALIGN_LOG2)
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

/* Size and alignment checks shared by both calls; lock held. */
static int64_t take(struct resv *r, uint64_t size, unsigned int align_log2,
		    uint64_t *pa)
{
	if (size == 0 || size > UINT64_MAX - SZ_4K ||
	    align_log2 > RESV_MAX_ALIGN_LOG2)
		return E_RMM_INVAL;
	size = ALIGN_UP(size, SZ_4K);
	if (align_log2 < 12)
		align_log2 = 12;
	if (resv_alloc(r, size, align_log2, pa))
		return E_RMM_NOMEM;
	return E_RMM_OK;
}

int64_t resv_reserve_memory(struct resv *r, uint64_t size, uint64_t flags,
			    uint64_t *pa)
{
	uint64_t known = (0xffULL << RESV_ALIGN_SHIFT) | RESV_FLAG_LOCAL_CPU;
	int64_t ret;

	if (flags & ~known)
		return E_RMM_INVAL;
	/* The local-CPU hint is accepted; there is one memory node. */
	plat_lock(&r->lock);
	ret = take(r, size, (unsigned int)(flags >> RESV_ALIGN_SHIFT), pa);
	plat_unlock(&r->lock);
	return ret;
}

int64_t resv_allocate_memory(struct resv *r, uint64_t size, uint64_t flags,
			     uint64_t *pa)
{
	uint64_t known = (0xffULL << RESV_ALLOC_ALIGN_SHIFT) |
			 RESV_ALLOC_ID_MASK;
	unsigned int align = (unsigned int)(flags >> RESV_ALLOC_ALIGN_SHIFT) &
			     0xff;
	uint64_t id = flags & RESV_ALLOC_ID_MASK;
	int64_t ret;

	if ((flags & ~known) || id >= RESV_MAX_IDS)
		return E_RMM_INVAL;
	plat_lock(&r->lock);
	if (id && r->id[id].pa) {
		/* Same region again (e.g. after a live activation). */
		if (size > r->id[id].size) {
			ret = E_RMM_NOMEM;
		} else if (size == 0) {
			ret = E_RMM_INVAL;
		} else {
			*pa = r->id[id].pa;
			ret = E_RMM_OK;
		}
	} else {
		ret = take(r, size, align, pa);
		if (ret == E_RMM_OK && id) {
			r->id[id].pa = *pa;
			r->id[id].size = size;
		}
	}
	plat_unlock(&r->lock);
	return ret;
}

bool resv_is_fid(uint64_t fid)
{
	return fid == RMM_RESERVE_MEMORY || fid == RMM_ALLOCATE_MEMORY;
}

bool resv_smc(struct resv *r, struct smc_regs *regs, enum resv_world w)
{
	uint64_t fid = regs->x[0], pa = 0;
	int64_t ret;

	if (!resv_is_fid(fid))
		return false;
	if (w != RESV_WORLD_REALM || !r || !r->booting) {
		if (r && w != RESV_WORLD_REALM)
			r->ns_refused++;
		else if (r)
			r->late_refused++;
		regs->x[0] = (uint64_t)(int64_t)E_RMM_UNK;
		regs->x[1] = 0;
		return true;
	}
	r->realm_calls++;
	if (fid == RMM_RESERVE_MEMORY)
		ret = resv_reserve_memory(r, regs->x[1], regs->x[2], &pa);
	else
		ret = resv_allocate_memory(r, regs->x[1], regs->x[2], &pa);
	regs->x[0] = (uint64_t)ret;
	regs->x[1] = ret == E_RMM_OK ? pa : 0;
	return true;
}

void resv_boot_done(struct resv *r)
{
	r->booting = false;
}
