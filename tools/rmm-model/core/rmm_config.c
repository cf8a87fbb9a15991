// SPDX-License-Identifier: BSD-2-Clause
/*
 * RMM model: RMI_VERSION, RMI_FEATURES, RMI_RMM_CONFIG_SET / _GET.
 */
#include "rmm_int.h"

uint64_t cmd_version(struct rmm *m, struct smc_regs *r, uint64_t req)
{
	/* adversary version_flip: from the second call on, an RMM 1.0 */
	if ((m->sc.adversary & ADV_VERSION_FLIP) &&
	    m->st.calls[RMI_VERSION - RMI_FUNC_FIRST] > 1) {
		m->st.adv_version_flips++;
		r->x[1] = r->x[2] = 0x10000;
		return req == 0x10000 ? RMI_SUCCESS : RMI_ERROR_INPUT;
	}
	r->x[1] = m->sc.ver_lo;
	r->x[2] = m->sc.ver_hi;
	if (req < m->sc.ver_lo || req > m->sc.ver_hi)
		return RMI_ERROR_INPUT;
	return RMI_SUCCESS;
}

uint64_t cmd_features(struct rmm *m, struct smc_regs *r, uint64_t idx)
{
	unsigned int s2sz;

	if (idx <= 1 && (idx ? m->sc.profile->fr1 : m->sc.profile->fr0)) {
		r->x[1] = idx ? m->sc.profile->fr1 : m->sc.profile->fr0;
		return RMI_SUCCESS;
	}
	switch (idx) {
	case 0:
		/*
		 * With 4 KiB granules a stage 2 input size above 48 bits needs
		 * LPA2: advertise both together, as an RMM on such a CPU would.
		 */
		s2sz = m->sc.no_lpa2 && m->s2sz > 48 ? 48 : m->s2sz;
		r->x[1] = (s2sz & 0xff) | (s2sz > 48 ? FR0_LPA2 : 0);
		break;
	case 1:
		r->x[1] = (1ULL << 0) |			/* 4 KiB granules */
			  (1ULL << 3) | (1ULL << 5) |	/* SHA-256, SHA-512 */
			  ((uint64_t)m->gpt.l0gptsz << 10) |
			  ((uint64_t)m->gpt.pps << 14);
		break;
	case 2:
	case 3:
	case 4:
		r->x[1] = 0;
		break;
	default:
		return RMI_ERROR_INPUT;
	}
	return RMI_SUCCESS;
}

uint64_t cmd_config_set(struct rmm *m, uint64_t pa)
{
	const uint64_t *page;
	unsigned int i;

	if (m->activated)
		return RMI_ERROR_GLOBAL;
	if (!host_page_ok(m, pa))
		return RMI_ERROR_INPUT;
	/* the profile's firmware only knows the DRAM EL3 described to it */
	if (m->sc.profile->cfg_size &&
	    (pa < m->sc.profile->cfg_base ||
	     pa - m->sc.profile->cfg_base >= m->sc.profile->cfg_size))
		return RMI_ERROR_INPUT;
	page = plat_phys_ns(pa);
	for (i = 2; i < GRAN / 8; i++)
		if (page[i])
			return RMI_ERROR_INPUT;
	if (page[0] != 0 || page[1] != 0)	/* 1 GiB tracking, 4K RMI */
		return RMI_ERROR_INPUT;
	m->cfg_tracking = page[0];
	m->cfg_granule = page[1];
	return RMI_SUCCESS;
}

uint64_t cmd_config_get(struct rmm *m, uint64_t pa)
{
	uint64_t *page;

	if (!host_page_ok(m, pa))
		return RMI_ERROR_INPUT;
	page = plat_phys_ns(pa);
	fw_memset(page, 0, GRAN);
	page[0] = m->cfg_tracking;
	page[1] = m->cfg_granule;
	return RMI_SUCCESS;
}
