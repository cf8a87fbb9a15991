// SPDX-License-Identifier: BSD-2-Clause
/*
 * RMM model: Granule tracking: GRANULE_TRACKING_GET and GRANULE_TRACKING_SET.
 */
#include "rmm_int.h"

/*
 * Tracking state of the granule at pa, and the next address above it where
 * the state may change (bank, carve-out, hotplug and region boundaries).
 */
static unsigned int track_at(const struct rmm *m, uint64_t pa, uint64_t *next)
{
	const struct rmm_region *r = region_of_c(m, pa);
	uint64_t c[2 * DT_MAX_BANKS + 6], n = UINT64_MAX, rsize = region_size(m);
	unsigned int i, k = 0, st;

	for (i = 0; i < m->nbanks; i++) {
		c[k++] = m->bank[i].base;
		c[k++] = m->bank[i].base + m->bank[i].size;
	}
	c[k++] = m->carve_base;
	c[k++] = m->carve_base + m->carve_size;
	c[k++] = m->hot_base;
	c[k++] = m->hot_top;
	c[k++] = ALIGN_DOWN(pa, rsize) + rsize;	/* next region */
	c[k++] = m->gpt.pa_bits >= 64 ? UINT64_MAX : 1ULL << m->gpt.pa_bits;
	for (i = 0; i < k; i++)
		if (c[i] > pa && c[i] < n)
			n = c[i];
	*next = n;

	if (!r)
		st = TRK_NONE;
	else if (pa >= m->carve_base && pa < m->carve_base + m->carve_size)
		st = TRK_RESERVED;
	else if (in_dram(m, pa, pa + GRAN))
		st = r->trk;
	else if (in_hotplug(m, pa, pa + GRAN) && r->known)
		st = r->trk;
	else
		st = TRK_NONE;
	return st;
}

uint64_t cmd_tracking_get(struct rmm *m, struct smc_regs *r,
			  uint64_t base, uint64_t top)
{
	uint64_t end = base, next;
	unsigned int st;

	if (!range_ok(m, base, top))
		return RMI_ERROR_INPUT;
	if ((m->sc.profile->flags & PROF_TRK_WHOLE) &&
	    in_dram(m, base, base + GRAN)) {
		/* like TF-RMM: the state of boot DRAM up to the requested top */
		r->x[1] = CAT_CONVENTIONAL;
		r->x[2] = region_of(m, base)->trk;
		r->x[3] = top;
		return RMI_SUCCESS;
	}
	st = track_at(m, base, &next);
	while (end < top && track_at(m, end, &next) == st)
		end = next < top ? next : top;
	r->x[1] = CAT_CONVENTIONAL;
	r->x[2] = st;
	r->x[3] = end;
	return RMI_SUCCESS;
}

/* Pages TRACKING_SET(FINE) asks for on this region. */
static uint64_t trk_pages_needed(const struct rmm *m,
				 const struct rmm_region *reg)
{
	/* enough to hold the region's state array (one byte per granule) */
	uint64_t need = ALIGN_UP((reg->st_top - reg->st_base) / GRAN, GRAN) /
			GRAN;

	if (m->sc.tracking_pages == TRK_PAGES_AUTO)
		return need;
	if (reg->state_pa)	/* boot-time array exists: the knob decides */
		return m->sc.tracking_pages;
	return m->sc.tracking_pages > need ? m->sc.tracking_pages : need;
}

uint64_t cmd_tracking_set(struct rmm *m, struct smc_regs *r,
			  uint64_t pa, uint64_t cat, uint64_t state)
{
	struct rmm_region *reg;
	struct rmm_sro *s;
	uint64_t pages;

	if (!IS_ALIGNED(pa, region_size(m)) || !gpt_pa_in_range(&m->gpt, pa))
		return RMI_ERROR_INPUT;
	reg = region_of(m, pa);
	if (!reg || cat != CAT_CONVENTIONAL ||
	    (state != TRK_FINE && state != TRK_COARSE))
		return RMI_ERROR_INPUT;
	if (m->sc.need_activate && !m->activated)
		return RMI_ERROR_GLOBAL;
	if (region_busy(m, pa))
		return RMI_BLOCKED;
	if (reg->trk == state) {
		snapshot(m, state == TRK_FINE ? "tracking_fine" :
			 "tracking_coarse", pa);
		return RMI_SUCCESS;
	}
	if (state == TRK_COARSE) {
		if (region_has_fw(m, pa))
			return RMI_ERROR_TRACKING;
		/* only host memory (and the region's own RMM memory) */
		if (region_blocked(m, reg, true))
			return RMI_ERROR_GRANULE;
		reg->known = true;
		reg->trk = TRK_COARSE;
		if (!reg->trk_pages) {
			m->st.tracking_coarse++;
			snapshot(m, "tracking_coarse", pa);
			return RMI_SUCCESS;
		}
		s = sro_new(m, RMI_GRANULE_TRACKING_SET, pa);
		if (!s) {
			reg->trk = TRK_FINE;
			return RMI_BUSY;
		}
		/* the fine-grained state goes back to the host */
		if (reg->hotplug)
			reg->state_pa = 0;
		s->reclaim_base = reg->trk_pa;
		s->reclaim_left = reg->trk_pages;
		s->returning = true;
		reg->trk_pa = reg->trk_pages = 0;
		s->phase = SRO_RECLAIM;
		return sro_status(m, s, r, true);
	}
	pages = trk_pages_needed(m, reg);
	if (!pages) {
		reg->known = true;
		reg->trk = TRK_FINE;
		m->st.tracking_fine++;
		snapshot(m, "tracking_fine", pa);
		return RMI_SUCCESS;
	}
	s = sro_new(m, RMI_GRANULE_TRACKING_SET, pa);
	if (!s)
		return RMI_BUSY;
	s->phase = SRO_DONATE;
	s->total = s->need = pages;
	s->contig = true;
	s->align = GRAN;
	s->undelegated = !m->sc.donate_delegated;
	return sro_status(m, s, r, true);
}
