// SPDX-License-Identifier: BSD-2-Clause
/*
 * RMM model: GPT commands: GPT_INFO, GPT_L1_CREATE, GPT_L1_DESTROY.
 */
#include "rmm_int.h"

uint64_t cmd_gpt_info(struct rmm *m, struct smc_regs *r, uint64_t base,
		      uint64_t top)
{
	uint64_t rsize = region_size(m);
	const struct rmm_region *reg;

	if (!IS_ALIGNED(base, rsize) || !IS_ALIGNED(top, rsize) || top <= base ||
	    !gpt_pa_in_range(&m->gpt, top - 1))
		return RMI_ERROR_INPUT;
	reg = region_of(m, base);
	r->x[1] = base + rsize;
	r->x[2] = reg ? reg->par : PAR_RESERVED;
	return RMI_SUCCESS;
}

/*
 * Checks GPT_L1_CREATE and GPT_L1_DESTROY share, the region of pa being in
 * state par: RMI_SUCCESS with the region in *reg, or the status to answer.
 */
static uint64_t l1_cmd_check(struct rmm *m, uint64_t pa, unsigned int par,
			     struct rmm_region **reg)
{
	if (m->sc.profile->flags & PROF_STATIC_L1)	/* firmware's tables */
		return IS_ALIGNED(pa, region_size(m)) ? RMI_ERROR_GPT :
							RMI_ERROR_INPUT;
	if (!IS_ALIGNED(pa, region_size(m)) || !gpt_pa_in_range(&m->gpt, pa))
		return RMI_ERROR_INPUT;
	if (m->sc.need_activate && !m->activated)
		return RMI_ERROR_GLOBAL;
	if (m->sc.gpt != GPT_MODE_HOST)
		return RMI_ERROR_GPT;
	*reg = region_of(m, pa);
	if (!*reg)
		return RMI_ERROR_INPUT;
	if (region_busy(m, pa))
		return RMI_BLOCKED;
	if ((*reg)->par != par)
		return RMI_ERROR_GPT;
	return RMI_SUCCESS;
}

uint64_t cmd_l1_create(struct rmm *m, struct smc_regs *r, uint64_t pa)
{
	struct rmm_region *reg;
	struct rmm_sro *s;
	uint64_t st;

	st = l1_cmd_check(m, pa, PAR_HOST_NOT_CREATED, &reg);
	if (st != RMI_SUCCESS)
		return st;
	s = sro_new(m, RMI_GPT_L1_CREATE, pa);
	if (!s)
		return RMI_BUSY;
	s->phase = SRO_DONATE;
	s->total = s->need = gpt_l1_table_size(&m->gpt) / GRAN;
	s->contig = true;
	s->align = s->total * GRAN;
	s->undelegated = !m->sc.donate_delegated;
	return sro_status(m, s, r, true);
}

uint64_t cmd_l1_destroy(struct rmm *m, struct smc_regs *r, uint64_t pa)
{
	struct rmm_region *reg;
	struct rmm_sro *s;
	uint64_t st;

	st = l1_cmd_check(m, pa, PAR_HOST_CREATED, &reg);
	if (st != RMI_SUCCESS)
		return st;
	/*
	 * Only a region without delegated or RMM granules (other than its own
	 * table) can become a block.
	 */
	if (region_blocked(m, reg, false))
		return RMI_ERROR_GRANULE;
	s = sro_new(m, RMI_GPT_L1_DESTROY, pa);
	if (!s)
		return RMI_BUSY;
	/* The region becomes one block now; the table goes back via reclaim. */
	s->reclaim_base = reg->l1_pa;
	s->reclaim_left = gpt_l1_table_size(&m->gpt) / GRAN;
	s->returning = true;
	reg->l1_pa = 0;
	region_set_block(m, reg);
	plat_gpt_changed();
	reg->par = PAR_HOST_NOT_CREATED;
	s->phase = SRO_RECLAIM;
	return sro_status(m, s, r, true);
}
