// SPDX-License-Identifier: BSD-2-Clause
/*
 * RMM model: Building the model at boot: carve-out size, regions, state arrays and
 * L1 tables from the EL3 reservation service; the GPT self-test.
 */
#include "rmm_int.h"

static uint64_t l0gptsz_bytes(unsigned int l0gptsz)
{
	return 1ULL << (30 + l0gptsz);
}

static uint64_t dram_top(const struct dt_info *dt)
{
	uint64_t top = 0;
	unsigned int i;

	for (i = 0; i < dt->nbanks; i++)
		if (dt->bank[i].base + dt->bank[i].size > top)
			top = dt->bank[i].base + dt->bank[i].size;
	return top;
}

/* The hotplug window: QEMU virt puts device memory at the next 1 GiB. */
static void hotplug_window(const struct rmm_scenario *sc,
			   const struct dt_info *dt, uint64_t *base,
			   uint64_t *top)
{
	*base = *top = 0;
	if (!sc->hotplug_size)
		return;
	*base = sc->hotplug_base ? sc->hotplug_base :
				   ALIGN_UP(dram_top(dt), SZ_1G);
	*top = *base + sc->hotplug_size;
}

uint64_t rmm_carveout_need(const struct rmm_scenario *sc,
			   const struct dt_info *dt, unsigned int l0gptsz)
{
	uint64_t rsize = l0gptsz_bytes(l0gptsz), need = 0, nreg = 0;
	uint64_t l1 = rsize / (16 * GRAN) * 8, hb, ht;
	unsigned int i;

	for (i = 0; i < dt->nbanks; i++) {
		uint64_t first = dt->bank[i].base / rsize;
		uint64_t last = (dt->bank[i].base + dt->bank[i].size - 1) / rsize;

		nreg += last - first + 1;
		/* one state byte per granule, rounded per region */
		need += ALIGN_UP(dt->bank[i].size / GRAN, GRAN) +
			(last - first + 1) * GRAN;
	}
	hotplug_window(sc, dt, &hb, &ht);
	if (ht > hb)
		nreg += (ht - 1) / rsize - hb / rsize + 1;
	/* an L1 table per region (host mode needs fewer) + L0 + slack */
	need += nreg * l1 + 2 * l1;
	need += gpt_l0_table_size(sc->pps, l0gptsz) * 2 + 64 * 1024;
	need = ALIGN_UP(need, SZ_2M);
	return need < SZ_2M ? SZ_2M : need;
}

static struct rmm_region *add_region(struct rmm *m, uint64_t idx)
{
	struct rmm_region *r;
	unsigned int i;

	for (i = 0; i < m->nregions; i++)
		if (m->region[i].index == idx)
			return &m->region[i];
	if (m->nregions == RMM_MAX_REGIONS || idx >= m->gpt.n_l0)
		return NULL;
	r = &m->region[m->nregions++];
	fw_memset(r, 0, sizeof(*r));
	r->index = idx;
	r->par = PAR_RESERVED;
	r->trk = TRK_FINE;
	r->st_base = UINT64_MAX;
	return r;
}

static bool scenario_coarse(const struct rmm_scenario *sc, uint64_t idx)
{
	unsigned int i;

	if (sc->coarse)
		return true;
	for (i = 0; i < sc->ncoarse; i++)
		if (idx >= sc->coarse_first[i] && idx <= sc->coarse_last[i])
			return true;
	return false;
}

/*
 * The model's own boot-time memory, asked for exactly as an RMM would: an
 * RMM_RESERVE_MEMORY SMC from the realm world during RMM boot.
 */
static int model_reserve(struct rmm *m, uint64_t size, unsigned int align,
			 uint64_t *pa)
{
	struct smc_regs r;

	fw_memset(&r, 0, sizeof(r));
	r.x[0] = RMM_RESERVE_MEMORY;
	r.x[1] = size;
	r.x[2] = (uint64_t)align << RESV_ALIGN_SHIFT;
	if (!resv_smc(&m->resv, &r, RESV_WORLD_REALM) || r.x[0] != E_RMM_OK)
		return -1;
	*pa = r.x[1];
	return 0;
}

static void init_common(struct rmm *m, const struct rmm_scenario *sc)
{
	fw_memset(m, 0, sizeof(*m));
	m->sc = *sc;
	m->next_handle = 0x1000;
}

void rmm_init_off(struct rmm *m, const struct rmm_scenario *sc)
{
	init_common(m, sc);
	m->sc.enabled = false;
}

static int add_span(struct rmm *m, uint64_t base, uint64_t top, bool hot)
{
	uint64_t rsize = region_size(m), i;

	if (!gpt_pa_in_range(&m->gpt, top - 1))
		return -1;	/* memory beyond the PPS */
	for (i = base / rsize; i <= (top - 1) / rsize; i++) {
		struct rmm_region *r = add_region(m, i);
		uint64_t rb = i * rsize;
		uint64_t lo = base > rb ? base : rb;
		uint64_t hi = top < rb + rsize ? top : rb + rsize;

		if (!r || (hot && r->st_top && !r->hotplug))
			return -1;	/* hotplug shares a region with DRAM */

		r->hotplug = hot;
		if (lo < r->st_base)
			r->st_base = lo;
		if (hi > r->st_top)
			r->st_top = hi;
	}
	return 0;
}

int rmm_init(struct rmm *m, const struct rmm_scenario *sc,
	     const struct dt_info *dt, uint64_t carve_base,
	     uint64_t carve_size, unsigned int l0gptsz, unsigned int s2sz)
{
	uint64_t l0size, l0pa, rsize, l1size, pa;
	unsigned int b, k;

	init_common(m, sc);
	m->s2sz = s2sz;
	m->nbanks = dt->nbanks;
	for (b = 0; b < dt->nbanks; b++)
		m->bank[b] = dt->bank[b];
	m->carve_base = carve_base;
	m->carve_size = carve_size;
	hotplug_window(sc, dt, &m->hot_base, &m->hot_top);
	if (m->hot_top > m->hot_base) {
		/* the only way to use it (unless the profile has none) */
		if (!(sc->profile->flags & PROF_NO_TRACKING_SET))
			m->sc.tracking_set = true;
		if (!IS_ALIGNED(m->hot_base, GRAN) ||
		    !IS_ALIGNED(m->hot_top, GRAN) || m->hot_base < dram_top(dt))
			return -1;
	}
	if (!IS_ALIGNED(carve_base, GRAN) || !IS_ALIGNED(carve_size, GRAN) ||
	    !carve_size || !in_dram(m, carve_base, carve_base + carve_size))
		return -1;
	resv_init(&m->resv, carve_base, carve_base + carve_size);

	l0size = gpt_l0_table_size(sc->pps, l0gptsz);
	if (!l0size || model_reserve(m, l0size, log2_u64(l0size), &l0pa))
		return -1;
	if (gpt_init(&m->gpt, l0pa, sc->pps, l0gptsz, GPI_ANY))
		return -1;
	rsize = region_size(m);
	l1size = gpt_l1_table_size(&m->gpt);

	for (b = 0; b < m->nbanks; b++)
		if (add_span(m, m->bank[b].base,
			     m->bank[b].base + m->bank[b].size, false))
			return -1;
	if (m->hot_top > m->hot_base &&
	    add_span(m, m->hot_base, m->hot_top, true))
		return -1;

	for (k = 0; k < m->nregions; k++) {
		struct rmm_region *r = &m->region[k];
		uint64_t base = r->index * rsize;
		uint64_t n = (r->st_top - r->st_base) / GRAN;
		bool has_fw = carve_base < base + rsize &&
			      carve_base + carve_size > base;

		/* DTB memory: the per-granule array, sized from the DTB */
		if (!r->hotplug) {
			uint8_t *st;

			if (model_reserve(m, n, 12, &r->state_pa))
				return -1;
			st = plat_phys(r->state_pa);
			for (pa = r->st_base; pa < r->st_top; pa += GRAN) {
				uint64_t i = (pa - r->st_base) / GRAN;

				if (!in_dram(m, pa, pa + GRAN))
					st[i] = G_NONE;
				else if (pa >= carve_base &&
					 pa < carve_base + carve_size)
					st[i] = G_FW;
				else
					st[i] = G_NS;
			}
			r->trk = scenario_coarse(sc, r->index) && !has_fw ?
				 TRK_COARSE : TRK_FINE;
		} else {
			r->trk = TRK_NONE;	/* unknown until the host says */
		}
		r->boot_trk = r->trk;
		if (sc->gpt == GPT_MODE_HOST && !has_fw)
			r->par = PAR_HOST_NOT_CREATED;
		else
			r->par = PAR_PLAT;
		if (r->par == PAR_PLAT &&
		    model_reserve(m, l1size, log2_u64(l1size), &r->l1_pa))
			return -1;
	}
	resv_boot_done(&m->resv);
	/* Install the L1 tables only now: the loop above used the carve-out. */
	m->gpt_ready = true;
	for (k = 0; k < m->nregions; k++) {
		struct rmm_region *r = &m->region[k];

		if (!r->l1_pa)
			region_set_block(m, r);
		else if (region_install_l1(m, r, r->l1_pa))
			return -1;
	}
	return 0;
}

int rmm_boot_realm(struct rmm *m, uint64_t pa, uint64_t pages)
{
	uint64_t i;

	if (!IS_ALIGNED(pa, GRAN) || !pages ||
	    pages > (UINT64_MAX - pa) / GRAN ||
	    !in_dram(m, pa, pa + pages * GRAN))
		return -1;
	for (i = 0; i < pages; i++) {
		struct rmm_region *reg = region_of(m, pa + i * GRAN);

		if (!reg->l1_pa ||
		    rmm_granule_state(m, pa + i * GRAN) != G_NS)
			return -1;
	}
	for (i = 0; i < pages; i++)
		set_state(m, pa + i * GRAN, G_DELEGATED);
	plat_gpt_changed();
	return 0;
}
