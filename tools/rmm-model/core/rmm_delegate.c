// SPDX-License-Identifier: BSD-2-Clause
/*
 * RMM model: GRANULE_RANGE_DELEGATE / GRANULE_RANGE_UNDELEGATE.
 */
#include "rmm_int.h"

uint64_t cmd_range(struct rmm *m, struct smc_regs *r, uint64_t base,
		   uint64_t top, bool delegate)
{
	uint64_t pa, done = 0, status = RMI_SUCCESS;

	r->x[1] = base;
	if (!range_ok(m, base, top) || !in_mem(m, base, top))
		return RMI_ERROR_INPUT;
	if (m->sc.need_activate && !m->activated)
		return RMI_ERROR_GLOBAL;
	for (pa = base; pa < top; pa += GRAN) {
		struct rmm_region *reg = region_of(m, pa);
		enum gstate s = rmm_granule_state(m, pa);

		if (m->sc.chunk && done == m->sc.chunk)
			break;
		if (!reg || reg->trk != TRK_FINE || !reg->state_pa) {
			status = RMI_ERROR_TRACKING;
			break;
		}
		if (!reg->l1_pa) {
			status = RMI_ERROR_GPT;
			break;
		}
		if (s != (delegate ? G_NS : G_DELEGATED)) {
			status = RMI_ERROR_GRANULE;
			break;
		}
		set_state(m, pa, delegate ? G_DELEGATED : G_NS);
		if (delegate && is_bogus(m, pa))
			m->st.bogus_delegated++;
		done++;
	}
	if (done)
		plat_gpt_changed();
	if (delegate)
		m->st.granules_delegated += done;
	else
		m->st.granules_undelegated += done;
	r->x[1] = pa;
	return status;
}
