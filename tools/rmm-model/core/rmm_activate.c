// SPDX-License-Identifier: BSD-2-Clause
/*
 * RMM model: RMM_ACTIVATE and RMM_DEACTIVATE.
 */
#include "rmm_int.h"

uint64_t cmd_activate(struct rmm *m, struct smc_regs *r)
{
	struct rmm_sro *s;

	if (m->activated)
		return RMI_ERROR_GLOBAL;
	if (sro_busy_on(m, RMI_RMM_ACTIVATE, 0))
		return RMI_BLOCKED;
	if (!m->sc.activate_pages ||
	    (m->sc.profile->flags & PROF_ACTIVATE_NOW)) {
		m->activated = true;
		return RMI_SUCCESS;
	}
	s = sro_new(m, RMI_RMM_ACTIVATE, 0);
	if (!s)
		return RMI_BUSY;
	s->phase = SRO_DONATE;
	s->total = s->need = m->sc.activate_pages;
	/* Nothing can be delegated before ACTIVATE: always undelegated. */
	s->undelegated = true;
	return sro_status(m, s, r, true);
}

/* DEACTIVATE: list the runs it gave back, newest first. */
uint64_t deactivate_reclaim(struct rmm *m, uint64_t *e, uint64_t cap)
{
	uint64_t n = 0;

	while (m->nruns && n < cap) {
		unsigned int k = m->nruns - 1;
		uint64_t cnt = m->run_n[k] < ADDR_COUNT_MASK ? m->run_n[k] :
							       ADDR_COUNT_MASK;

		e[n++] = m->run_pa[k] | (cnt << ADDR_COUNT_SHIFT) |
			 ADDR_UNDELEGATED;
		m->st.bytes_reclaimed += cnt * GRAN;
		m->run_pa[k] += cnt * GRAN;
		m->run_n[k] -= cnt;
		if (!m->run_n[k])
			m->nruns--;
	}
	return n;
}

/* Host memory again at once; listed for OP_MEM_RECLAIM (counted there). */
static void hand_back(struct rmm *m, uint64_t pa, uint64_t pages)
{
	uint64_t k;

	for (k = 0; k < pages; k++)
		set_state(m, pa + k * GRAN, G_NS);
	m->run_pa[m->nruns] = pa;
	m->run_n[m->nruns++] = pages;
}

/*
 * Undo what the host donated, newest first, so that a table or state array
 * is still Root while memory it describes changes: ACTIVATE's pages, host
 * L1 tables (the region becomes a block), tracking memory (the region goes
 * back to its boot tracking; hotplug memory becomes unknown again).
 */
static void deactivate_undo(struct rmm *m)
{
	for (;;) {
		struct rmm_region *br = NULL;
		uint64_t best = 0, pa, n;
		unsigned int k, kind = 0;

		if (m->act_npages && m->act_seq > best) {
			best = m->act_seq;
			kind = 1;
		}
		for (k = 0; k < m->nregions; k++) {
			struct rmm_region *r = &m->region[k];

			if (r->par == PAR_HOST_CREATED && r->l1_seq > best) {
				best = r->l1_seq;
				kind = 2;
				br = r;
			}
			if (r->trk_pages && r->trk_seq > best) {
				best = r->trk_seq;
				kind = 3;
				br = r;
			}
		}
		if (kind == 1) {
			for (k = 0; k < m->act_npages; k++)
				hand_back(m, m->act_pa[k], 1);
			m->act_npages = 0;
		} else if (kind == 2) {
			pa = br->l1_pa;
			br->l1_pa = 0;
			region_set_block(m, br);
			plat_gpt_changed();
			br->par = PAR_HOST_NOT_CREATED;
			m->st.l1_destroyed++;
			hand_back(m, pa, gpt_l1_table_size(&m->gpt) / GRAN);
		} else if (kind == 3) {
			pa = br->trk_pa;
			n = br->trk_pages;
			br->trk_pa = br->trk_pages = 0;
			if (br->hotplug) {
				br->state_pa = 0;
				br->known = false;
				br->trk = TRK_NONE;
				if (br->l1_pa)
					gpt_set_range(&m->gpt, br->st_base,
						      br->st_top, GPI_ANY);
				else
					region_set_block(m, br);
				plat_gpt_changed();
			}
			hand_back(m, pa, n);
		} else {
			break;
		}
	}
}

uint64_t cmd_deactivate(struct rmm *m, struct smc_regs *r)
{
	struct rmm_sro *s;
	unsigned int k;

	if (!m->activated)
		return RMI_ERROR_GLOBAL;
	for (k = 0; k < RMM_MAX_SRO; k++)
		if (m->sro[k].phase != SRO_FREE)
			return RMI_BLOCKED;
	if (count_delegated(m))
		return RMI_ERROR_INPUT;
	m->nruns = 0;
	deactivate_undo(m);
	/* tracking changed without memory goes back too */
	for (k = 0; k < m->nregions; k++) {
		struct rmm_region *reg = &m->region[k];

		if (reg->hotplug && !reg->state_pa) {
			reg->known = false;
			reg->trk = TRK_NONE;
		} else if (!reg->hotplug) {
			reg->trk = reg->boot_trk;
		}
	}
	plat_gpt_changed();
	if (!m->nruns) {		/* nothing held: done at once */
		m->activated = false;
		m->st.deactivated++;
		return RMI_SUCCESS;
	}
	s = sro_new(m, RMI_RMM_DEACTIVATE, 0);
	s->returning = true;
	s->phase = SRO_RECLAIM;
	m->deactivating = true;
	return sro_status(m, s, r, true);
}
