// SPDX-License-Identifier: BSD-2-Clause
/*
 * The RMM model proper.
 *
 * State kept per DRAM granule (one byte, in the carve-out): host memory,
 * delegated, donated to the RMM, or firmware. The GPT mirrors it:
 * host memory GPI_NS (EL3 reads host parameter pages through its
 * non-secure alias, plat_phys_ns(); GPI_ANY with host_gpi=any), delegated
 * GPI_REALM, RMM and firmware memory GPI_ROOT. Granules that are not memory
 * (and hotplug memory the host has not set up) stay GPI_ANY.
 *
 * Stateful operations (SRO): GPT_L1_CREATE in "host" mode and RMM_ACTIVATE
 * with activate_pages=N ask for memory with INCOMPLETE; the host answers
 * with OP_MEM_DONATE, drives them with OP_CONTINUE, may OP_CANCEL (then
 * takes the memory back with OP_MEM_RECLAIM). GPT_L1_DESTROY hands the L1
 * table back through OP_MEM_RECLAIM. A cancelled operation ends with
 * RMI_BUSY (nothing changed; the command may be retried).
 */
#include "rmm.h"

#define GRAN		SZ_4K
#define RANGE_MAX_LIST	512		/* entries in one address-list page */

/* ------------------------------------------------------------------ */
/* memory bookkeeping                                                 */

static uint64_t region_size(const struct rmm *m)
{
	return gpt_region_size(&m->gpt);
}

static struct rmm_region *region_of(struct rmm *m, uint64_t pa)
{
	uint64_t idx = gpt_region_index(&m->gpt, pa);
	unsigned int i;

	if (!m->gpt_ready || !gpt_pa_in_range(&m->gpt, pa))
		return NULL;
	for (i = 0; i < m->nregions; i++)
		if (m->region[i].index == idx)
			return &m->region[i];
	return NULL;
}

static const struct rmm_region *region_of_c(const struct rmm *m, uint64_t pa)
{
	return region_of((struct rmm *)m, pa);
}

static uint8_t *state_slot(const struct rmm_region *r, uint64_t pa)
{
	uint8_t *st = plat_phys(r->state_pa);

	return &st[(pa - r->st_base) >> 12];
}

static bool in_hotplug(const struct rmm *m, uint64_t base, uint64_t top)
{
	return m->hot_top > m->hot_base && base >= m->hot_base &&
	       top <= m->hot_top;
}

enum gstate rmm_granule_state(const struct rmm *m, uint64_t pa)
{
	const struct rmm_region *r = region_of_c(m, pa);

	if (!r || pa < r->st_base || pa >= r->st_top)
		return G_NONE;
	if (!r->state_pa)	/* hotplug memory without fine tracking */
		return r->known && in_hotplug(m, pa, pa + 1) ? G_NS : G_NONE;
	return (enum gstate)*state_slot(r, pa);
}

static unsigned int host_gpi(const struct rmm *m)
{
	return m->sc.host_gpi_any ? GPI_ANY : GPI_NS;
}

static unsigned int gpi_of(const struct rmm *m, enum gstate s)
{
	switch (s) {
	case G_NS:
		return host_gpi(m);
	case G_DELEGATED:
		return GPI_REALM;
	case G_RMM:
	case G_FW:
		return GPI_ROOT;
	default:
		return GPI_ANY;
	}
}

/* GPT updated if the region has an L1 table; no-op without a state array. */
static void set_state(struct rmm *m, uint64_t pa, enum gstate s)
{
	struct rmm_region *r = region_of(m, pa);

	if (!r || !r->state_pa || pa < r->st_base || pa >= r->st_top)
		return;
	*state_slot(r, pa) = (uint8_t)s;
	if (r->l1_pa)
		gpt_set_granule(&m->gpt, pa, gpi_of(m, s));
}

/* The region is memory from end to end, with a state array. */
static bool region_all_mem(const struct rmm *m, const struct rmm_region *r)
{
	uint64_t base = r->index * gpt_region_size(&m->gpt);

	return r->state_pa && r->st_base == base &&
	       r->st_top == base + gpt_region_size(&m->gpt);
}

/* GPI of the region as one block (no L1 table). */
static void region_set_block(struct rmm *m, const struct rmm_region *r)
{
	gpt_set_block(&m->gpt, r->index,
		      region_all_mem(m, r) ? host_gpi(m) : GPI_ANY);
}

/* Point the region at the table l1 and make its GPIs follow the state. */
static int region_install_l1(struct rmm *m, struct rmm_region *r,
			     uint64_t l1)
{
	bool all = region_all_mem(m, r);
	unsigned int fill = all ? host_gpi(m) : GPI_ANY;
	uint64_t i, n, run;
	const uint8_t *st;

	/*
	 * The table may lie in this very region, still a block of host GPI:
	 * open the block up (ANY) so that EL3 may write the table.
	 */
	gpt_set_block(&m->gpt, r->index, GPI_ANY);
	plat_gpt_changed();
	if (gpt_install_l1(&m->gpt, r->index, l1, fill))
		return -1;
	r->l1_pa = l1;
	if (!r->state_pa)
		return 0;
	/*
	 * Every granule with state gets gpi_of() its state (G_NONE: ANY), the
	 * rest of the region keeps the fill (ANY unless all is memory): one
	 * gpt_set_range() per run of equal state that differs from the fill.
	 */
	st = plat_phys(r->state_pa);
	n = (r->st_top - r->st_base) / GRAN;
	for (i = 0; i < n; i += run) {
		unsigned int gpi = gpi_of(m, (enum gstate)st[i]);

		run = fw_memspan(&st[i], st[i], n - i);
		if (gpi != fill)
			gpt_set_range(&m->gpt, r->st_base + i * GRAN,
				      r->st_base + (i + run) * GRAN, gpi);
	}
	return 0;
}

/* Inside one DRAM bank of the DTB. */
static bool in_dram(const struct rmm *m, uint64_t base, uint64_t top)
{
	unsigned int i;

	for (i = 0; i < m->nbanks; i++)
		if (base >= m->bank[i].base &&
		    top <= m->bank[i].base + m->bank[i].size)
			return true;
	return false;
}

/* Inside one DRAM bank or inside the hotplug window. */
static bool in_mem(const struct rmm *m, uint64_t base, uint64_t top)
{
	return in_dram(m, base, top) || in_hotplug(m, base, top);
}

static bool range_ok(const struct rmm *m, uint64_t base, uint64_t top)
{
	return IS_ALIGNED(base, GRAN) && IS_ALIGNED(top, GRAN) && top > base &&
	       gpt_pa_in_range(&m->gpt, top - 1);
}

/* A host page the model may read or write: DRAM, host-owned. */
static bool host_page_ok(const struct rmm *m, uint64_t pa)
{
	return IS_ALIGNED(pa, GRAN) && pa + GRAN > pa &&
	       in_dram(m, pa, pa + GRAN) && rmm_granule_state(m, pa) == G_NS;
}

static unsigned int log2_u64(uint64_t v)
{
	unsigned int n = 0;

	while (v > 1) {
		v >>= 1;
		n++;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* set-up                                                             */

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

/* ------------------------------------------------------------------ */
/* simple commands                                                    */

static uint64_t cmd_version(struct rmm *m, struct smc_regs *r, uint64_t req)
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

static uint64_t cmd_features(struct rmm *m, struct smc_regs *r, uint64_t idx)
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

static uint64_t cmd_config_set(struct rmm *m, uint64_t pa)
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

static uint64_t cmd_config_get(struct rmm *m, uint64_t pa)
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

static uint64_t cmd_tracking_get(struct rmm *m, struct smc_regs *r,
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

static uint64_t cmd_gpt_info(struct rmm *m, struct smc_regs *r, uint64_t base,
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

/* ------------------------------------------------------------------ */
/* delegation                                                         */

/* pa was listed by an adversary OP_MEM_RECLAIM without being donated */
static bool is_bogus(const struct rmm *m, uint64_t pa)
{
	unsigned int i;

	for (i = 0; i < m->nbogus; i++)
		if (m->bogus_pa[i] == pa)
			return true;
	return false;
}

static uint64_t cmd_range(struct rmm *m, struct smc_regs *r, uint64_t base,
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

/* ------------------------------------------------------------------ */
/* stateful operations                                                */

static struct rmm_sro *sro_new(struct rmm *m, uint32_t cmd, uint64_t target)
{
	unsigned int i;

	for (i = 0; i < RMM_MAX_SRO; i++) {
		struct rmm_sro *s = &m->sro[i];

		if (s->phase != SRO_FREE)
			continue;
		fw_memset(s, 0, sizeof(*s));
		s->handle = m->next_handle++;
		s->cmd = cmd;
		s->target = target;
		m->st.sro_started++;
		return s;
	}
	return NULL;
}

static struct rmm_sro *sro_find(struct rmm *m, uint64_t handle)
{
	unsigned int i;

	for (i = 0; i < RMM_MAX_SRO; i++)
		if (m->sro[i].phase != SRO_FREE && m->sro[i].handle == handle)
			return &m->sro[i];
	return NULL;
}

static bool sro_busy_on(const struct rmm *m, uint32_t cmd, uint64_t target)
{
	unsigned int i;

	for (i = 0; i < RMM_MAX_SRO; i++)
		if (m->sro[i].phase != SRO_FREE && m->sro[i].cmd == cmd &&
		    m->sro[i].target == target)
			return true;
	return false;
}

/* An operation on the region at base is open: other region commands block. */
static bool region_busy(const struct rmm *m, uint64_t base)
{
	return sro_busy_on(m, RMI_GPT_L1_CREATE, base) ||
	       sro_busy_on(m, RMI_GPT_L1_DESTROY, base) ||
	       sro_busy_on(m, RMI_GRANULE_TRACKING_SET, base);
}

static uint64_t donate_request(const struct rmm_sro *s)
{
	return ((s->need & DONREQ_COUNT_MASK) << DONREQ_COUNT_SHIFT) |
	       (s->contig ? DONREQ_CONTIG : 0) |
	       (s->undelegated ? DONREQ_UNDELEGATED : 0);
}

/* adversary badreq:CMD:KIND: the nonsense donate request */
static uint64_t bogus_request(const struct rmm *m)
{
	switch (m->sc.adv_badreq) {
	case BADREQ_SIZE3:	/* L0 blocks */
		return 3 | (1ULL << DONREQ_COUNT_SHIFT) | DONREQ_UNDELEGATED;
	case BADREQ_HUGE:	/* 16383 contiguous 1 GiB blocks */
		return 2 | (DONREQ_COUNT_MASK << DONREQ_COUNT_SHIFT) |
		       DONREQ_CONTIG | DONREQ_UNDELEGATED;
	default:		/* count 0 */
		return DONREQ_UNDELEGATED;
	}
}

/* INCOMPLETE status word for the current phase; x1/x2 for OP_CONTINUE. */
static uint64_t sro_status(const struct rmm *m, const struct rmm_sro *s,
			   struct smc_regs *r, bool set_handle)
{
	uint64_t st = RMI_INCOMPLETE | RMI_CAN_CANCEL;

	if (s->cancelled)
		st &= ~RMI_CAN_CANCEL;
	if (s->phase == SRO_DONATE) {
		st |= (uint64_t)RMI_MEMREQ_DONATE << RMI_MEMREQ_SHIFT;
		r->x[2] = s->bogus ? bogus_request(m) : donate_request(s);
	} else if (s->phase == SRO_RECLAIM) {
		st |= (uint64_t)RMI_MEMREQ_RECLAIM << RMI_MEMREQ_SHIFT;
	}
	if (s->returning)
		st &= ~RMI_CAN_CANCEL;
	if (set_handle)
		r->x[1] = s->handle;
	return st;
}

/*
 * snapshots=on: one "rmm-snapshot:" line with the ledger's running totals
 * after a GPT_L1_CREATE, GPT_L1_DESTROY or GRANULE_TRACKING_SET that ends
 * with RMI_SUCCESS. Key names differ from the ledger's on purpose.
 */
static void snapshot(struct rmm *m, const char *after, uint64_t base)
{
	unsigned int k, host = 0;

	if (!m->sc.snapshots)
		return;
	for (k = 0; k < m->nregions; k++)
		if (m->region[k].par == PAR_HOST_CREATED)
			host++;
	m->st.snapshots++;
	fw_printf("rmm-snapshot: seq=%llu after=%s region=0x%016llx host_tables=%u donated=%llu reclaimed=%llu held=%llu\n",
		  (unsigned long long)m->st.snapshots, after,
		  (unsigned long long)base, host,
		  (unsigned long long)m->st.bytes_donated,
		  (unsigned long long)m->st.bytes_reclaimed,
		  (unsigned long long)(m->st.bytes_donated -
				       m->st.bytes_reclaimed));
}

static uint64_t cmd_l1_create(struct rmm *m, struct smc_regs *r, uint64_t pa)
{
	struct rmm_region *reg;
	struct rmm_sro *s;

	if (m->sc.profile->flags & PROF_STATIC_L1)	/* firmware's tables */
		return IS_ALIGNED(pa, region_size(m)) ? RMI_ERROR_GPT :
							RMI_ERROR_INPUT;
	if (!IS_ALIGNED(pa, region_size(m)) || !gpt_pa_in_range(&m->gpt, pa))
		return RMI_ERROR_INPUT;
	if (m->sc.need_activate && !m->activated)
		return RMI_ERROR_GLOBAL;
	if (m->sc.gpt != GPT_MODE_HOST)
		return RMI_ERROR_GPT;
	reg = region_of(m, pa);
	if (!reg)
		return RMI_ERROR_INPUT;
	if (region_busy(m, pa))
		return RMI_BLOCKED;
	if (reg->par != PAR_HOST_NOT_CREATED)
		return RMI_ERROR_GPT;
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

/* pa is in the region's own L1 table, or (trk) its tracking memory. */
static bool region_owns(const struct rmm *m, const struct rmm_region *reg,
			uint64_t pa, bool trk)
{
	return (reg->l1_pa && pa >= reg->l1_pa &&
		pa < reg->l1_pa + gpt_l1_table_size(&m->gpt)) ||
	       (trk && reg->trk_pa && pa >= reg->trk_pa &&
		pa < reg->trk_pa + reg->trk_pages * GRAN);
}

/*
 * The region holds a delegated granule, or an RMM granule other than its
 * own (region_owns()): it cannot become a block or coarse. Scans the state
 * array a word at a time; only granules of those two states are looked at.
 */
static bool region_blocked(const struct rmm *m, const struct rmm_region *reg,
			   bool trk)
{
	const uint8_t *st;
	uint64_t i, n;

	if (!reg->state_pa)	/* host memory only */
		return false;
	st = plat_phys(reg->state_pa);
	n = (reg->st_top - reg->st_base) / GRAN;
	for (i = 0; i < n; i++) {
		i += fw_memchr2(&st[i], G_DELEGATED, G_RMM, n - i);
		if (i == n)
			break;
		if (st[i] == G_DELEGATED ||
		    !region_owns(m, reg, reg->st_base + i * GRAN, trk))
			return true;
	}
	return false;
}

static uint64_t cmd_l1_destroy(struct rmm *m, struct smc_regs *r, uint64_t pa)
{
	struct rmm_region *reg;
	struct rmm_sro *s;

	if (m->sc.profile->flags & PROF_STATIC_L1)	/* firmware's tables */
		return IS_ALIGNED(pa, region_size(m)) ? RMI_ERROR_GPT :
							RMI_ERROR_INPUT;
	if (!IS_ALIGNED(pa, region_size(m)) || !gpt_pa_in_range(&m->gpt, pa))
		return RMI_ERROR_INPUT;
	if (m->sc.need_activate && !m->activated)
		return RMI_ERROR_GLOBAL;
	if (m->sc.gpt != GPT_MODE_HOST)
		return RMI_ERROR_GPT;
	reg = region_of(m, pa);
	if (!reg)
		return RMI_ERROR_INPUT;
	if (region_busy(m, pa))
		return RMI_BLOCKED;
	if (reg->par != PAR_HOST_CREATED)
		return RMI_ERROR_GPT;
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

static bool region_has_fw(const struct rmm *m, uint64_t base)
{
	return m->carve_base < base + region_size(m) &&
	       m->carve_base + m->carve_size > base;
}

static uint64_t cmd_tracking_set(struct rmm *m, struct smc_regs *r,
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

static uint64_t cmd_activate(struct rmm *m, struct smc_regs *r)
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

/* All memory is in: do the work. Returns the final status. */
static uint64_t sro_finish(struct rmm *m, struct rmm_sro *s)
{
	uint64_t st = RMI_SUCCESS;

	if (s->cancelled) {
		st = RMI_BUSY;
		m->st.sro_cancelled++;
	} else if (s->cmd == RMI_GPT_L1_CREATE) {
		struct rmm_region *reg = region_of(m, s->target);

		/* the table itself and other set-aside granules carry over */
		region_install_l1(m, reg, s->contig_base);
		reg->par = PAR_HOST_CREATED;
		reg->l1_seq = ++m->seq;
		m->st.l1_created++;
	} else if (s->cmd == RMI_GRANULE_TRACKING_SET) {
		struct rmm_region *reg = region_of(m, s->target);

		reg->trk_pa = s->contig_base;
		reg->trk_pages = s->contig_got;
		reg->trk_seq = ++m->seq;
		if (!reg->state_pa) {
			/* hotplug memory: the donation holds its state */
			reg->state_pa = reg->trk_pa;
			fw_memset(state_slot(reg, reg->st_base), G_NS,
				  (reg->st_top - reg->st_base) / GRAN);
			if (reg->l1_pa)
				gpt_set_range(&m->gpt, reg->st_base,
					      reg->st_top, host_gpi(m));
		}
		reg->known = true;
		reg->trk = TRK_FINE;
		m->st.tracking_fine++;
	} else if (s->cmd == RMI_RMM_ACTIVATE) {
		m->activated = true;
		/* kept until DEACTIVATE gives them back */
		for (m->act_npages = 0; m->act_npages < s->npages;
		     m->act_npages++)
			m->act_pa[m->act_npages] = s->page[m->act_npages];
		m->act_seq = ++m->seq;
	} else if (s->cmd == RMI_RMM_DEACTIVATE) {
		m->activated = false;
		m->deactivating = false;
		m->st.deactivated++;
	}
	plat_gpt_changed();
	s->phase = SRO_FREE;
	if (st == RMI_SUCCESS && s->cmd == RMI_GPT_L1_CREATE)
		snapshot(m, "l1_create", s->target);
	else if (st == RMI_SUCCESS && s->cmd == RMI_GRANULE_TRACKING_SET)
		snapshot(m, "tracking_fine", s->target);
	return st;
}

/* Granule pa arrives as donation for s: check its state and take it. */
static bool take_granule(struct rmm *m, struct rmm_sro *s, uint64_t pa,
			 bool entry_undelegated)
{
	struct rmm_region *reg = region_of(m, pa);
	enum gstate want = s->undelegated ? G_NS : G_DELEGATED;
	bool own_region = s->cmd == RMI_GPT_L1_CREATE &&
			  reg && s->target == reg->index * region_size(m);

	if (is_bogus(m, pa))
		m->st.bogus_donated++;
	if (entry_undelegated != s->undelegated)
		return false;
	if (!in_dram(m, pa, pa + GRAN) || rmm_granule_state(m, pa) != want)
		return false;
	/*
	 * Root memory must be described by an L1 table, unless it is in the
	 * region whose table is being built (it becomes Root then).
	 */
	if (!reg->l1_pa && !own_region)
		return false;
	/* ... and tracked per granule */
	if (!reg->state_pa || reg->trk != TRK_FINE)
		return false;
	set_state(m, pa, G_RMM);
	return true;
}

static uint64_t cmd_op_donate(struct rmm *m, struct smc_regs *r,
			      uint64_t handle, uint64_t list, uint64_t n)
{
	struct rmm_sro *s = sro_find(m, handle);
	const uint64_t *e;
	uint64_t i, consumed = 0, status = RMI_SUCCESS, limit;

	r->x[1] = 0;
	if (!s)
		return RMI_ERROR_INPUT;
	if (s->phase != SRO_DONATE || n == 0 || n > RANGE_MAX_LIST ||
	    !host_page_ok(m, list) || s->bogus)
		return RMI_ERROR_INPUT;
	e = plat_phys_ns(list);
	/*
	 * donate_step: take only part of what is offered, so that the host
	 * must offer the rest again (partial consumption, multi-step SROs).
	 */
	limit = m->sc.donate_step ? m->sc.donate_step : UINT64_MAX;
	for (i = 0; i < n && s->need && consumed < limit && status == RMI_SUCCESS; i++) {
		uint64_t size = e[i] & ADDR_SIZE_MASK;
		uint64_t cnt = (e[i] >> ADDR_COUNT_SHIFT) & ADDR_COUNT_MASK;
		uint64_t pa = e[i] & ADDR_PA_MASK, bsize, g, j;
		bool und = (e[i] & ADDR_UNDELEGATED) != 0;

		if (size > 1 || cnt == 0 ||
		    (e[i] & ~(ADDR_SIZE_MASK | (ADDR_COUNT_MASK << 2) |
			      ADDR_PA_MASK | ADDR_UNDELEGATED))) {
			status = RMI_ERROR_INPUT;
			break;
		}
		bsize = size ? SZ_2M : GRAN;
		if (!IS_ALIGNED(pa, bsize)) {
			status = RMI_ERROR_INPUT;
			break;
		}
		for (j = 0; j < cnt * (bsize / GRAN) && s->need && consumed < limit; j++) {
			g = pa + j * GRAN;
			if (s->contig) {
				uint64_t want = s->contig_got ?
					s->contig_base + s->contig_got * GRAN :
					ALIGN_DOWN(g, s->align);

				if (g != want) {
					status = RMI_ERROR_INPUT;
					break;
				}
			} else if (s->npages == RMM_MAX_SRO_PAGES) {
				status = RMI_ERROR_INPUT;
				break;
			}
			if (!take_granule(m, s, g, und)) {
				status = RMI_ERROR_INPUT;
				break;
			}
			if (s->contig) {
				if (!s->contig_got)
					s->contig_base = g;
				s->contig_got++;
			} else {
				s->page[s->npages++] = g;
			}
			s->need--;
			consumed++;
		}
	}
	if (consumed)
		plat_gpt_changed();
	m->st.bytes_donated += consumed * GRAN;
	r->x[1] = consumed;
	if (m->sc.adversary & ADV_OVERCONSUME) {
		/* one granule more than all the entries offer */
		uint64_t offered = 0;

		for (i = 0; i < n; i++)
			offered += ((e[i] >> ADDR_COUNT_SHIFT) & ADDR_COUNT_MASK) *
				   ((e[i] & ADDR_SIZE_MASK) ? SZ_2M / GRAN : 1);
		r->x[1] = offered + 1;
		m->st.adv_overreported++;
	}
	if (status != RMI_SUCCESS)	/* only while memory is still wanted */
		return status;
	if (!s->need)
		s->phase = SRO_READY;
	return sro_status(m, s, r, false);
}

static void give_back(struct rmm *m, uint64_t pa)
{
	set_state(m, pa, G_NS);
	m->st.bytes_reclaimed += GRAN;
}

/*
 * Adversary: after the n entries the RMM really hands back, the same entry
 * again (reclaim_twice) and a host granule that was never donated
 * (reclaim_bogus), as long as the list has room.
 */
static void adv_reclaim_extras(struct rmm *m, uint64_t *e, uint64_t *n,
			       uint64_t cap)
{
	uint64_t pa;

	if ((m->sc.adversary & ADV_RECLAIM_TWICE) && *n && *n < cap) {
		e[*n] = e[*n - 1];
		(*n)++;
		m->st.dup_reclaimed++;
	}
	if ((m->sc.adversary & ADV_RECLAIM_BOGUS) && *n < cap) {
		/* the highest host granule below the carve-out */
		for (pa = m->carve_base - GRAN; pa >= m->carve_base - SZ_2M;
		     pa -= GRAN)
			if (rmm_granule_state(m, pa) == G_NS)
				break;
		if (rmm_granule_state(m, pa) != G_NS)
			return;
		if (!is_bogus(m, pa) && m->nbogus < RMM_MAX_BOGUS)
			m->bogus_pa[m->nbogus++] = pa;
		e[(*n)++] = pa | (1ULL << ADDR_COUNT_SHIFT) | ADDR_UNDELEGATED;
		m->st.bogus_reclaimed++;
	}
}

/* DEACTIVATE: list the runs it gave back, newest first. */
static uint64_t deactivate_reclaim(struct rmm *m, uint64_t *e, uint64_t cap)
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

static uint64_t cmd_op_reclaim(struct rmm *m, struct smc_regs *r,
			       uint64_t handle, uint64_t list, uint64_t cap)
{
	struct rmm_sro *s = sro_find(m, handle);
	uint64_t *e, n = 0, k;

	r->x[1] = 0;
	if (!s)
		return RMI_ERROR_INPUT;
	if (s->phase != SRO_RECLAIM || cap == 0 || cap > RANGE_MAX_LIST ||
	    !host_page_ok(m, list))
		return RMI_ERROR_INPUT;
	e = plat_phys_ns(list);
	if (s->bogus) {			/* badreq reclaim: nothing is held */
		adv_reclaim_extras(m, e, &n, cap);
		r->x[1] = n;
		return sro_status(m, s, r, false);
	}
	if (s->cmd == RMI_RMM_DEACTIVATE) {
		n = deactivate_reclaim(m, e, cap);
		if (!m->nruns)
			s->phase = SRO_READY;	/* then OP_CONTINUE */
		adv_reclaim_extras(m, e, &n, cap);
		r->x[1] = n;
		return sro_status(m, s, r, false);
	}
	/* a contiguous run, in entries of at most ADDR_COUNT_MASK granules */
	while (s->reclaim_left && n < cap) {
		uint64_t cnt = s->reclaim_left < ADDR_COUNT_MASK ?
			       s->reclaim_left : ADDR_COUNT_MASK;

		for (k = 0; k < cnt; k++)
			give_back(m, s->reclaim_base + k * GRAN);
		e[n++] = s->reclaim_base | (cnt << ADDR_COUNT_SHIFT) |
			 ADDR_UNDELEGATED;
		s->reclaim_base += cnt * GRAN;
		s->reclaim_left -= cnt;
	}
	/* single pages of a cancelled non-contiguous donation */
	while (s->npages && n < cap) {
		uint64_t pa = s->page[--s->npages];

		give_back(m, pa);
		e[n++] = pa | (1ULL << ADDR_COUNT_SHIFT) | ADDR_UNDELEGATED;
	}
	if (!s->reclaim_left && !s->npages) {
		if (!s->returning) {
			s->phase = SRO_READY;	/* cancelled: OP_CONTINUE */
		} else {
			if (s->cmd == RMI_GPT_L1_DESTROY)
				m->st.l1_destroyed++;
			else
				m->st.tracking_coarse++;
			s->phase = SRO_FREE;
		}
	}
	plat_gpt_changed();
	adv_reclaim_extras(m, e, &n, cap);
	r->x[1] = n;
	if (s->phase == SRO_FREE) {
		snapshot(m, s->cmd == RMI_GPT_L1_DESTROY ? "l1_destroy" :
			 "tracking_coarse", s->target);
		return RMI_SUCCESS;
	}
	return sro_status(m, s, r, false);
}

/* ------------------------------------------------------------------ */
/* RMM_DEACTIVATE                                                     */

/* Granules in the delegated state anywhere (the ledger's count). */
static uint64_t count_delegated(const struct rmm *m)
{
	uint64_t delegated = 0, i, n;
	unsigned int k;

	for (k = 0; k < m->nregions; k++) {
		const struct rmm_region *r = &m->region[k];
		const uint8_t *st;

		if (!r->state_pa)
			continue;
		st = plat_phys(r->state_pa);
		n = (r->st_top - r->st_base) / GRAN;
		for (i = 0; i < n; i++) {
			i += fw_memchr2(&st[i], G_DELEGATED, G_DELEGATED,
					n - i);
			if (i < n)
				delegated++;
		}
	}
	return delegated;
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

static uint64_t cmd_deactivate(struct rmm *m, struct smc_regs *r)
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

/* adversary badreq:CMD:KIND: an operation that asks for nonsense */
static uint64_t badreq_start(struct rmm *m, struct smc_regs *r, uint32_t func)
{
	struct rmm_sro *s = sro_new(m, func, 0);

	if (!s)
		return RMI_BUSY;
	s->bogus = true;
	s->phase = m->sc.adv_badreq == BADREQ_RECLAIM ? SRO_RECLAIM :
							SRO_DONATE;
	m->st.adv_badreq++;
	return sro_status(m, s, r, true);
}

static uint64_t cmd_op_continue(struct rmm *m, struct smc_regs *r,
				uint64_t handle, uint64_t flags)
{
	struct rmm_sro *s = sro_find(m, handle);

	if (!s || (flags & ~1ULL))
		return RMI_ERROR_INPUT;
	if (s->phase == SRO_READY)
		return sro_finish(m, s);
	return sro_status(m, s, r, true);
}

static uint64_t cmd_op_cancel(struct rmm *m, struct smc_regs *r,
			      uint64_t handle)
{
	struct rmm_sro *s = sro_find(m, handle);

	(void)r;
	if (!s || s->returning)
		return RMI_ERROR_INPUT;
	if (s->cancelled)
		return RMI_SUCCESS;
	s->cancelled = true;
	s->need = 0;
	if (s->contig_got) {		/* hand the run back by OP_MEM_RECLAIM */
		s->reclaim_base = s->contig_base;
		s->reclaim_left = s->contig_got;
		s->contig_got = 0;
	}
	s->phase = (s->npages || s->reclaim_left) ? SRO_RECLAIM : SRO_READY;
	return RMI_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* dispatch                                                           */

static bool is_range_cmd(uint32_t func)
{
	return func == RMI_GRANULE_RANGE_DELEGATE ||
	       func == RMI_GRANULE_RANGE_UNDELEGATE;
}

static bool rmm_handle_call(struct rmm *m, struct smc_regs *r);

/* Commands that only read: answered in every state. */
static bool is_query(uint32_t func)
{
	return func == RMI_VERSION || func == RMI_FEATURES ||
	       func == RMI_RMM_CONFIG_GET || func == RMI_GRANULE_TRACKING_GET ||
	       func == RMI_GPT_INFO;
}

/* Answer an RMI FID (false: not implemented, the caller answers -1). */
bool rmm_handle(struct rmm *m, struct smc_regs *r)
{
	uint32_t func = (uint32_t)r->x[0] & 0xffff;
	uint64_t t0 = plat_time_ns(), t;
	bool done = rmm_handle_call(m, r);

	if (done) {
		t = plat_time_ns() - t0;
		m->st.time_ns += t;
		m->st.cmd_ns[func - RMI_FUNC_FIRST] += t;
	}
	return done;
}

static bool rmm_handle_call(struct rmm *m, struct smc_regs *r)
{
	uint32_t func = (uint32_t)r->x[0] & 0xffff;
	uint64_t a1 = r->x[1], a2 = r->x[2], a3 = r->x[3], st;
	const struct rmm_profile *prof = m->sc.profile;
	uint64_t n;
	unsigned int i;

	if ((r->x[0] & 0xffff0000ULL) != 0xC4000000ULL ||
	    func < RMI_FUNC_FIRST || func >= RMI_FUNC_FIRST + RMI_FUNC_COUNT)
		return false;
	if (!m->sc.enabled) {
		m->st.unknown_calls++;	/* no RMM: every RMI FID is -1 */
		return false;
	}
	if (!rmi_name(func) || func > prof->func_last ||
	    (func == RMI_RMM_DEACTIVATE &&
	     (prof->flags & PROF_NO_DEACTIVATE)) ||
	    (func == RMI_GRANULE_TRACKING_SET &&
	     (!m->sc.tracking_set || (prof->flags & PROF_NO_TRACKING_SET))) ||
	    (func == RMI_GPT_INFO && m->sc.gpt == GPT_MODE_LEGACY)) {
		m->st.unknown_calls++;
		fw_printf("rmm-model: RMI FID 0x%x not implemented: -1\n",
			  (unsigned int)r->x[0]);
		return false;
	}
	n = ++m->st.calls[func - RMI_FUNC_FIRST];
	r->x[1] = r->x[2] = r->x[3] = 0;

	for (i = 0; i < m->sc.nfaults; i++) {
		if (m->sc.fault[i].func == func && m->sc.fault[i].nth == n) {
			m->st.faults_injected++;
			st = m->sc.fault[i].status;
			if (is_range_cmd(func))
				r->x[1] = a1;
			goto done;
		}
	}
	if ((m->sc.adversary & ADV_BUSY) && func == m->sc.adv_busy_func) {
		m->st.adv_busy++;		/* BUSY forever */
		if (is_range_cmd(func))
			r->x[1] = a1;
		st = RMI_BUSY;
		goto done;
	}
	if ((m->sc.adversary & ADV_BADREQ) && func == m->sc.adv_badreq_func) {
		st = badreq_start(m, r, func);
		goto done;
	}
	/* DEACTIVATE in progress: only queries and the operation itself */
	if (m->deactivating && !is_query(func) && func != RMI_OP_CONTINUE &&
	    func != RMI_OP_MEM_DONATE && func != RMI_OP_MEM_RECLAIM &&
	    func != RMI_OP_CANCEL) {
		st = RMI_BLOCKED;
		goto done;
	}
	/* a firmware that answers only its init commands before ACTIVATE */
	if ((prof->flags & PROF_STRICT_INIT) && m->sc.need_activate &&
	    !m->activated && !is_query(func) &&
	    func != RMI_RMM_CONFIG_SET && func != RMI_RMM_ACTIVATE) {
		st = RMI_ERROR_GLOBAL;
		goto done;
	}

	switch (func) {
	case RMI_VERSION:
		st = cmd_version(m, r, a1);
		break;
	case RMI_FEATURES:
		st = cmd_features(m, r, a1);
		break;
	case RMI_RMM_CONFIG_SET:
		st = cmd_config_set(m, a1);
		break;
	case RMI_RMM_CONFIG_GET:
		st = cmd_config_get(m, a1);
		break;
	case RMI_GRANULE_TRACKING_GET:
		st = cmd_tracking_get(m, r, a1, a2);
		break;
	case RMI_GRANULE_TRACKING_SET:
		st = cmd_tracking_set(m, r, a1, a2, a3);
		break;
	case RMI_GPT_INFO:
		st = cmd_gpt_info(m, r, a1, a2);
		break;
	case RMI_GRANULE_RANGE_DELEGATE:
		st = cmd_range(m, r, a1, a2, true);
		break;
	case RMI_GRANULE_RANGE_UNDELEGATE:
		st = cmd_range(m, r, a1, a2, false);
		break;
	case RMI_GPT_L1_CREATE:
		st = cmd_l1_create(m, r, a1);
		break;
	case RMI_GPT_L1_DESTROY:
		st = cmd_l1_destroy(m, r, a1);
		break;
	case RMI_RMM_ACTIVATE:
		st = cmd_activate(m, r);
		break;
	case RMI_OP_CONTINUE:
		st = cmd_op_continue(m, r, a1, a2);
		break;
	case RMI_OP_MEM_DONATE:
		st = cmd_op_donate(m, r, a1, a2, a3);
		break;
	case RMI_OP_MEM_RECLAIM:
		st = cmd_op_reclaim(m, r, a1, a2, a3);
		break;
	case RMI_RMM_DEACTIVATE:
		st = cmd_deactivate(m, r);
		break;
	default:	/* RMI_OP_CANCEL */
		st = cmd_op_cancel(m, r, a1);
		break;
	}
done:
	if (st == (uint64_t)-1 ||
	    ((st & 0xff) != RMI_SUCCESS && (st & 0xff) != RMI_INCOMPLETE)) {
		m->st.errors++;
		m->st.errs[func - RMI_FUNC_FIRST]++;
		if (m->sc.adversary & ADV_GARBAGE) {
			r->x[1] = ADV_GARBAGE_X1;
			r->x[2] = ADV_GARBAGE_X2;
			r->x[3] = ADV_GARBAGE_X3;
			m->st.adv_garbage++;
		}
	}
	r->x[0] = st;
	return true;
}

/* ------------------------------------------------------------------ */
/* ledger                                                             */

#define LEDGER_FORMAT	1
#define U(x)		((unsigned long long)(x))

void rmm_print_ledger(struct rmm *m, const char *reason)
{
	uint64_t outstanding = m->st.bytes_donated - m->st.bytes_reclaimed;
	uint64_t delegated = count_delegated(m), calls = 0;
	unsigned int i, open = 0;
	static const char *const modes[] = { "plat", "host", "legacy" };
	char adv[96];

	m->st.ledgers++;
	for (i = 0; i < RMM_MAX_SRO; i++)
		if (m->sro[i].phase != SRO_FREE)
			open++;
	for (i = 0; i < RMI_FUNC_COUNT; i++)
		calls += m->st.calls[i];
	fw_printf("rmm-ledger: event=begin format=%d seq=%llu reason=%s rmm=%s gpt=%s activated=%d\n",
		  LEDGER_FORMAT, U(m->st.ledgers), reason,
		  m->sc.enabled ? "on" : "off", modes[m->sc.gpt],
		  m->activated ? 1 : 0);
	for (i = 0; i < RMI_FUNC_COUNT; i++) {
		const char *name = rmi_name(RMI_FUNC_FIRST + i);

		if (name)
			fw_printf("rmm-ledger: cmd=%s func=0x%x calls=%llu errors=%llu time_us=%llu\n",
				  name, RMI_FUNC_FIRST + i, U(m->st.calls[i]),
				  U(m->st.errs[i]), U(m->st.cmd_ns[i] / 1000));
	}
	fw_printf("rmm-ledger: rmi_calls=%llu rmi_errors=%llu rmi_unknown=%llu\n",
		  U(calls), U(m->st.errors), U(m->st.unknown_calls));
	fw_printf("rmm-ledger: granules_delegated=%llu granules_undelegated=%llu granules_delegated_now=%llu\n",
		  U(m->st.granules_delegated), U(m->st.granules_undelegated),
		  U(delegated));
	fw_printf("rmm-ledger: bytes_donated=%llu bytes_reclaimed=%llu bytes_outstanding=%llu\n",
		  U(m->st.bytes_donated), U(m->st.bytes_reclaimed),
		  U(outstanding));
	fw_printf("rmm-ledger: l1_created=%llu l1_destroyed=%llu\n",
		  U(m->st.l1_created), U(m->st.l1_destroyed));
	fw_printf("rmm-ledger: sro_started=%llu sro_cancelled=%llu sro_open=%u\n",
		  U(m->st.sro_started), U(m->st.sro_cancelled), open);
	fw_printf("rmm-ledger: tracking_set_fine=%llu tracking_set_coarse=%llu\n",
		  U(m->st.tracking_fine), U(m->st.tracking_coarse));
	scenario_adversary_str(&m->sc, adv, sizeof(adv));
	fw_printf("rmm-ledger: profile=%s deactivated=%llu\n",
		  m->sc.profile->name, U(m->st.deactivated));
	fw_printf("rmm-ledger: adversary=%s adv_garbage=%llu adv_overreported=%llu adv_busy=%llu adv_badreq=%llu adv_version_flips=%llu\n",
		  adv, U(m->st.adv_garbage), U(m->st.adv_overreported),
		  U(m->st.adv_busy), U(m->st.adv_badreq),
		  U(m->st.adv_version_flips));
	fw_printf("rmm-ledger: bogus_reclaimed=%llu bogus_donated=%llu bogus_delegated=%llu dup_reclaimed=%llu\n",
		  U(m->st.bogus_reclaimed), U(m->st.bogus_donated),
		  U(m->st.bogus_delegated), U(m->st.dup_reclaimed));
	fw_printf("rmm-ledger: faults_injected=%llu gpf=%llu fatal=%llu sip_ledger=%llu\n",
		  U(m->st.faults_injected), U(m->st.gpf), U(m->st.fatal),
		  U(m->st.sip_ledger));
	fw_printf("rmm-ledger: resv_ns_calls=%llu resv_realm_calls=%llu resv_late_calls=%llu resv_used=%llu carveout=%llu\n",
		  U(m->resv.ns_refused), U(m->resv.realm_calls),
		  U(m->resv.late_refused), U(resv_used(&m->resv)),
		  U(m->carve_size));
	fw_printf("rmm-ledger: rmi_time_us=%llu\n", U(m->st.time_ns / 1000));
	fw_printf("rmm-ledger: event=end seq=%llu\n", U(m->st.ledgers));
}

bool rmm_sip(struct rmm *m, struct smc_regs *r)
{
	uint64_t calls = 0;
	unsigned int i;

	if ((uint32_t)r->x[0] != RMM_MODEL_SIP_LEDGER)
		return false;
	m->st.sip_ledger++;
	rmm_print_ledger(m, "sip");
	for (i = 0; i < RMI_FUNC_COUNT; i++)
		calls += m->st.calls[i];
	r->x[0] = 0;
	r->x[1] = calls;
	r->x[2] = m->st.errors;
	r->x[3] = m->st.bytes_donated - m->st.bytes_reclaimed;
	return true;
}
