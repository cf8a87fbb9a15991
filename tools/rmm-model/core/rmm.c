// SPDX-License-Identifier: BSD-2-Clause
/*
 * The RMM model proper.
 *
 * State kept per DRAM granule (one byte, in the carve-out): host memory,
 * delegated, donated to the RMM, or firmware. The GPT mirrors it:
 * host memory GPI_ANY (so EL3, running with its MMU off in the Root PAS,
 * can still read host parameter pages), delegated GPI_REALM, RMM and
 * firmware memory GPI_ROOT.
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

	if (!gpt_pa_in_range(&m->gpt, pa))
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

static uint8_t *region_states(const struct rmm *m, const struct rmm_region *r)
{
	(void)m;
	return plat_phys(r->state_pa);
}

enum gstate rmm_granule_state(const struct rmm *m, uint64_t pa)
{
	const struct rmm_region *r = region_of_c(m, pa);

	if (!r)
		return G_NONE;
	return (enum gstate)region_states(m, r)[(pa & (region_size(m) - 1)) >>
						12];
}

static unsigned int gpi_of(enum gstate s)
{
	switch (s) {
	case G_DELEGATED:
		return GPI_REALM;
	case G_RMM:
	case G_FW:
		return GPI_ROOT;
	default:
		return GPI_ANY;
	}
}

/* Caller makes sure the region exists; GPT updated if it has an L1. */
static void set_state(struct rmm *m, uint64_t pa, enum gstate s)
{
	struct rmm_region *r = region_of(m, pa);

	region_states(m, r)[(pa & (region_size(m) - 1)) >> 12] = (uint8_t)s;
	if (r->l1_pa)
		gpt_set_granule(&m->gpt, pa, gpi_of(s));
}

static bool in_dram(const struct rmm *m, uint64_t base, uint64_t top)
{
	unsigned int i;

	for (i = 0; i < m->nbanks; i++)
		if (base >= m->bank[i].base &&
		    top <= m->bank[i].base + m->bank[i].size)
			return true;
	return false;
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

uint64_t rmm_carveout_need(const struct rmm_scenario *sc,
			   const struct dt_info *dt, unsigned int l0gptsz)
{
	uint64_t rsize = l0gptsz_bytes(l0gptsz), need, nreg = 0;
	uint64_t l1 = rsize / (16 * GRAN) * 8;
	unsigned int i;

	for (i = 0; i < dt->nbanks; i++) {
		uint64_t first = dt->bank[i].base / rsize;
		uint64_t last = (dt->bank[i].base + dt->bank[i].size - 1) / rsize;

		nreg += last - first + 1;
	}
	/* states + L1 for every region (host mode needs fewer) + L0 */
	need = nreg * (rsize / GRAN + l1) + 2 * l1;
	need += gpt_l0_table_size(sc->pps, l0gptsz) * 2 + 64 * 1024;
	need = ALIGN_UP(need, SZ_2M);
	return need < SZ_2M ? SZ_2M : need;
}

static int add_region(struct rmm *m, uint64_t idx)
{
	unsigned int i;

	for (i = 0; i < m->nregions; i++)
		if (m->region[i].index == idx)
			return 0;
	if (m->nregions == RMM_MAX_REGIONS || idx >= m->gpt.n_l0)
		return -1;
	m->region[m->nregions].index = idx;
	m->region[m->nregions].par = PAR_RESERVED;
	m->region[m->nregions].state_pa = 0;
	m->region[m->nregions].l1_pa = 0;
	m->nregions++;
	return 0;
}

int rmm_init(struct rmm *m, const struct rmm_scenario *sc,
	     const struct dt_info *dt, uint64_t carve_base,
	     uint64_t carve_size, unsigned int l0gptsz, unsigned int s2sz)
{
	uint64_t l0size, l0pa, rsize, l1size, pa, i;
	unsigned int b, k;

	fw_memset(m, 0, sizeof(*m));
	m->sc = *sc;
	m->s2sz = s2sz;
	m->next_handle = 0x1000;
	m->nbanks = dt->nbanks;
	for (b = 0; b < dt->nbanks; b++)
		m->bank[b] = dt->bank[b];
	m->carve_base = carve_base;
	m->carve_size = carve_size;
	if (!IS_ALIGNED(carve_base, GRAN) || !IS_ALIGNED(carve_size, GRAN) ||
	    !carve_size || !in_dram(m, carve_base, carve_base + carve_size))
		return -1;
	resv_init(&m->resv, carve_base, carve_base + carve_size);

	l0size = gpt_l0_table_size(sc->pps, l0gptsz);
	if (!l0size || resv_alloc(&m->resv, l0size, log2_u64(l0size), &l0pa))
		return -1;
	if (gpt_init(&m->gpt, l0pa, sc->pps, l0gptsz, GPI_ANY))
		return -1;
	rsize = region_size(m);
	l1size = gpt_l1_table_size(&m->gpt);

	for (b = 0; b < m->nbanks; b++) {
		uint64_t first = m->bank[b].base / rsize;
		uint64_t last = (m->bank[b].base + m->bank[b].size - 1) / rsize;

		if (!gpt_pa_in_range(&m->gpt, m->bank[b].base +
				     m->bank[b].size - 1))
			return -1;	/* DRAM beyond the PPS */
		for (i = first; i <= last; i++)
			if (add_region(m, i))
				return -1;
	}

	for (k = 0; k < m->nregions; k++) {
		struct rmm_region *r = &m->region[k];
		uint64_t base = r->index * rsize;
		uint8_t *st;
		bool has_fw = carve_base < base + rsize &&
			      carve_base + carve_size > base;

		if (resv_alloc(&m->resv, rsize / GRAN, 12, &r->state_pa))
			return -1;
		if (sc->gpt == GPT_MODE_HOST && !has_fw)
			r->par = PAR_HOST_NOT_CREATED;
		else
			r->par = PAR_PLAT;
		if (r->par == PAR_PLAT) {
			if (resv_alloc(&m->resv, l1size, log2_u64(l1size),
				       &r->l1_pa))
				return -1;
		}
		st = region_states(m, r);
		for (i = 0; i < rsize / GRAN; i++) {
			pa = base + i * GRAN;
			if (!in_dram(m, pa, pa + GRAN))
				st[i] = G_NONE;
			else if (pa >= carve_base && pa < carve_base + carve_size)
				st[i] = G_FW;
			else
				st[i] = G_NS;
		}
	}
	/* Install the L1 tables only now: the loop above used the carve-out. */
	for (k = 0; k < m->nregions; k++) {
		struct rmm_region *r = &m->region[k];
		uint64_t base = r->index * rsize;

		if (!r->l1_pa)
			continue;
		if (gpt_install_l1(&m->gpt, r->index, r->l1_pa, GPI_ANY))
			return -1;
		for (pa = base; pa < base + rsize; pa += GRAN)
			if (rmm_granule_state(m, pa) != G_NS &&
			    rmm_granule_state(m, pa) != G_NONE)
				set_state(m, pa, rmm_granule_state(m, pa));
	}
	m->gpt_ready = true;
	return 0;
}

int rmm_boot_realm(struct rmm *m, uint64_t pa, uint64_t pages)
{
	uint64_t i;

	if (!IS_ALIGNED(pa, GRAN) || !pages ||
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
	r->x[1] = m->sc.ver_lo;
	r->x[2] = m->sc.ver_hi;
	if (req < m->sc.ver_lo || req > m->sc.ver_hi)
		return RMI_ERROR_INPUT;
	return RMI_SUCCESS;
}

static uint64_t cmd_features(struct rmm *m, struct smc_regs *r, uint64_t idx)
{
	switch (idx) {
	case 0:
		r->x[1] = m->s2sz & 0xff;
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
	page = plat_phys(pa);
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
	page = plat_phys(pa);
	fw_memset(page, 0, GRAN);
	page[0] = m->cfg_tracking;
	page[1] = m->cfg_granule;
	return RMI_SUCCESS;
}

/* tracking class: 0 none, 1 firmware, 2 DRAM */
static int track_class(const struct rmm *m, uint64_t pa)
{
	enum gstate s = rmm_granule_state(m, pa);

	if (s == G_NONE)
		return 0;
	if (s == G_FW)
		return 1;
	return 2;
}

/* Next address above pa where the tracking class may change. */
static uint64_t track_boundary(const struct rmm *m, uint64_t pa)
{
	uint64_t next = UINT64_MAX, c[2 * DT_MAX_BANKS + 2];
	unsigned int i, n = 0;

	for (i = 0; i < m->nbanks; i++) {
		c[n++] = m->bank[i].base;
		c[n++] = m->bank[i].base + m->bank[i].size;
	}
	c[n++] = m->carve_base;
	c[n++] = m->carve_base + m->carve_size;
	for (i = 0; i < n; i++)
		if (c[i] > pa && c[i] < next)
			next = c[i];
	return next;
}

static uint64_t cmd_tracking_get(struct rmm *m, struct smc_regs *r,
				 uint64_t base, uint64_t top)
{
	uint64_t end = base;
	int cls;

	if (!range_ok(m, base, top))
		return RMI_ERROR_INPUT;
	cls = track_class(m, base);
	while (end < top && track_class(m, end) == cls) {
		end = track_boundary(m, end);
		if (end > top)
			end = top;
	}
	r->x[1] = CAT_CONVENTIONAL;
	r->x[2] = cls == 0 ? TRK_NONE :
		  cls == 1 ? TRK_RESERVED :
		  m->sc.coarse ? TRK_COARSE : TRK_FINE;
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

static uint64_t cmd_range(struct rmm *m, struct smc_regs *r, uint64_t base,
			  uint64_t top, bool delegate)
{
	uint64_t pa, done = 0, status = RMI_SUCCESS;

	r->x[1] = base;
	if (!range_ok(m, base, top) || !in_dram(m, base, top))
		return RMI_ERROR_INPUT;
	if (m->sc.need_activate && !m->activated)
		return RMI_ERROR_GLOBAL;
	if (m->sc.coarse)
		return RMI_ERROR_TRACKING;
	for (pa = base; pa < top; pa += GRAN) {
		struct rmm_region *reg = region_of(m, pa);
		enum gstate s = rmm_granule_state(m, pa);

		if (m->sc.chunk && done == m->sc.chunk)
			break;
		if (!reg || !reg->l1_pa) {
			status = RMI_ERROR_GPT;
			break;
		}
		if (s != (delegate ? G_NS : G_DELEGATED)) {
			status = RMI_ERROR_GRANULE;
			break;
		}
		set_state(m, pa, delegate ? G_DELEGATED : G_NS);
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

static uint64_t donate_request(const struct rmm_sro *s)
{
	return ((s->need & DONREQ_COUNT_MASK) << DONREQ_COUNT_SHIFT) |
	       (s->contig ? DONREQ_CONTIG : 0) |
	       (s->undelegated ? DONREQ_UNDELEGATED : 0);
}

/* INCOMPLETE status word for the current phase; x1/x2 for OP_CONTINUE. */
static uint64_t sro_status(const struct rmm_sro *s, struct smc_regs *r,
			   bool set_handle)
{
	uint64_t st = RMI_INCOMPLETE | RMI_CAN_CANCEL;

	if (s->cancelled)
		st &= ~RMI_CAN_CANCEL;
	if (s->phase == SRO_DONATE) {
		st |= (uint64_t)RMI_MEMREQ_DONATE << RMI_MEMREQ_SHIFT;
		r->x[2] = donate_request(s);
	} else if (s->phase == SRO_RECLAIM) {
		st |= (uint64_t)RMI_MEMREQ_RECLAIM << RMI_MEMREQ_SHIFT;
	}
	if (s->cmd == RMI_GPT_L1_DESTROY)
		st &= ~RMI_CAN_CANCEL;
	if (set_handle)
		r->x[1] = s->handle;
	return st;
}

static uint64_t cmd_l1_create(struct rmm *m, struct smc_regs *r, uint64_t pa)
{
	struct rmm_region *reg;
	struct rmm_sro *s;

	if (!IS_ALIGNED(pa, region_size(m)) || !gpt_pa_in_range(&m->gpt, pa))
		return RMI_ERROR_INPUT;
	if (m->sc.need_activate && !m->activated)
		return RMI_ERROR_GLOBAL;
	if (m->sc.gpt != GPT_MODE_HOST)
		return RMI_ERROR_GPT;
	reg = region_of(m, pa);
	if (!reg)
		return RMI_ERROR_INPUT;
	if (sro_busy_on(m, RMI_GPT_L1_CREATE, pa) ||
	    sro_busy_on(m, RMI_GPT_L1_DESTROY, pa))
		return RMI_BLOCKED;
	if (reg->par != PAR_HOST_NOT_CREATED)
		return RMI_ERROR_GPT;
	s = sro_new(m, RMI_GPT_L1_CREATE, pa);
	if (!s)
		return RMI_BUSY;
	s->phase = SRO_DONATE;
	s->total = s->need = gpt_l1_table_size(&m->gpt) / GRAN;
	s->contig = true;
	s->undelegated = !m->sc.donate_delegated;
	return sro_status(s, r, true);
}

static uint64_t cmd_l1_destroy(struct rmm *m, struct smc_regs *r, uint64_t pa)
{
	struct rmm_region *reg;
	struct rmm_sro *s;
	uint64_t g;

	if (!IS_ALIGNED(pa, region_size(m)) || !gpt_pa_in_range(&m->gpt, pa))
		return RMI_ERROR_INPUT;
	if (m->sc.need_activate && !m->activated)
		return RMI_ERROR_GLOBAL;
	if (m->sc.gpt != GPT_MODE_HOST)
		return RMI_ERROR_GPT;
	reg = region_of(m, pa);
	if (!reg)
		return RMI_ERROR_INPUT;
	if (sro_busy_on(m, RMI_GPT_L1_CREATE, pa) ||
	    sro_busy_on(m, RMI_GPT_L1_DESTROY, pa))
		return RMI_BLOCKED;
	if (reg->par != PAR_HOST_CREATED)
		return RMI_ERROR_GPT;
	/*
	 * Only a region without delegated or RMM granules (other than its own
	 * table) can become a block.
	 */
	for (g = pa; g < pa + region_size(m); g += GRAN) {
		enum gstate gs = rmm_granule_state(m, g);
		bool own = g >= reg->l1_pa &&
			   g < reg->l1_pa + gpt_l1_table_size(&m->gpt);

		if (gs == G_DELEGATED || (gs == G_RMM && !own))
			return RMI_ERROR_GRANULE;
	}
	s = sro_new(m, RMI_GPT_L1_DESTROY, pa);
	if (!s)
		return RMI_BUSY;
	/* The region becomes one block now; the table goes back via reclaim. */
	gpt_remove_l1(&m->gpt, reg->index, GPI_ANY);
	plat_gpt_changed();
	s->reclaim_base = reg->l1_pa;
	s->reclaim_left = gpt_l1_table_size(&m->gpt) / GRAN;
	reg->l1_pa = 0;
	reg->par = PAR_HOST_NOT_CREATED;
	s->phase = SRO_RECLAIM;
	return sro_status(s, r, true);
}

static uint64_t cmd_activate(struct rmm *m, struct smc_regs *r)
{
	struct rmm_sro *s;

	if (m->activated)
		return RMI_ERROR_GLOBAL;
	if (sro_busy_on(m, RMI_RMM_ACTIVATE, 0))
		return RMI_BLOCKED;
	if (!m->sc.activate_pages) {
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
	return sro_status(s, r, true);
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
		uint64_t pa, l1 = s->contig_base;

		gpt_install_l1(&m->gpt, reg->index, l1, GPI_ANY);
		reg->l1_pa = l1;
		reg->par = PAR_HOST_CREATED;
		/* Carry over the state of granules already set aside. */
		for (pa = s->target; pa < s->target + region_size(m);
		     pa += GRAN) {
			enum gstate g = rmm_granule_state(m, pa);

			if (g != G_NS && g != G_NONE)
				set_state(m, pa, g);
		}
		m->st.l1_created++;
	} else if (s->cmd == RMI_RMM_ACTIVATE) {
		m->activated = true;
	}
	plat_gpt_changed();
	s->phase = SRO_FREE;
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
	set_state(m, pa, G_RMM);
	return true;
}

static uint64_t cmd_op_donate(struct rmm *m, struct smc_regs *r,
			      uint64_t handle, uint64_t list, uint64_t n)
{
	struct rmm_sro *s = sro_find(m, handle);
	const uint64_t *e;
	uint64_t i, consumed = 0, status = RMI_SUCCESS;

	r->x[1] = 0;
	if (!s)
		return RMI_ERROR_INPUT;
	if (s->phase != SRO_DONATE || n == 0 || n > RANGE_MAX_LIST ||
	    !host_page_ok(m, list))
		return RMI_ERROR_INPUT;
	e = plat_phys(list);
	for (i = 0; i < n && s->need && status == RMI_SUCCESS; i++) {
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
		for (j = 0; j < cnt * (bsize / GRAN) && s->need; j++) {
			g = pa + j * GRAN;
			if (s->contig) {
				uint64_t want = s->contig_got ?
					s->contig_base + s->contig_got * GRAN :
					ALIGN_DOWN(g, s->total * GRAN);

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
	if (status != RMI_SUCCESS) {
		if (!s->need)
			s->phase = SRO_READY;
		return status;
	}
	if (!s->need)
		s->phase = SRO_READY;
	return sro_status(s, r, false);
}

static void give_back(struct rmm *m, uint64_t pa)
{
	set_state(m, pa, G_NS);
	m->st.bytes_reclaimed += GRAN;
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
	e = plat_phys(list);
	if (s->cmd == RMI_GPT_L1_DESTROY) {
		if (s->reclaim_left) {
			for (k = 0; k < s->reclaim_left; k++)
				give_back(m, s->reclaim_base + k * GRAN);
			e[n++] = s->reclaim_base |
				 (s->reclaim_left << ADDR_COUNT_SHIFT) |
				 ADDR_UNDELEGATED;
			s->reclaim_left = 0;
		}
		if (!s->reclaim_left) {
			m->st.l1_destroyed++;
			s->phase = SRO_FREE;
		}
	} else {
		/* a cancelled donation */
		if (s->contig && s->contig_got) {
			for (k = 0; k < s->contig_got; k++)
				give_back(m, s->contig_base + k * GRAN);
			e[n++] = s->contig_base |
				 (s->contig_got << ADDR_COUNT_SHIFT) |
				 ADDR_UNDELEGATED;
			s->contig_got = 0;
		}
		while (s->npages && n < cap) {
			uint64_t pa = s->page[--s->npages];

			give_back(m, pa);
			e[n++] = pa | (1ULL << ADDR_COUNT_SHIFT) |
				 ADDR_UNDELEGATED;
		}
		if (!s->npages && !s->contig_got)
			s->phase = SRO_READY;
	}
	plat_gpt_changed();
	r->x[1] = n;
	if (s->phase == SRO_FREE)
		return RMI_SUCCESS;
	return sro_status(s, r, false);
}

static uint64_t cmd_op_continue(struct rmm *m, struct smc_regs *r,
				uint64_t handle, uint64_t flags)
{
	struct rmm_sro *s = sro_find(m, handle);

	if (!s || (flags & ~1ULL))
		return RMI_ERROR_INPUT;
	if (s->phase == SRO_READY)
		return sro_finish(m, s);
	return sro_status(s, r, true);
}

static uint64_t cmd_op_cancel(struct rmm *m, struct smc_regs *r,
			      uint64_t handle)
{
	struct rmm_sro *s = sro_find(m, handle);

	(void)r;
	if (!s || s->cmd == RMI_GPT_L1_DESTROY)
		return RMI_ERROR_INPUT;
	if (s->cancelled)
		return RMI_SUCCESS;
	s->cancelled = true;
	s->need = 0;
	s->phase = (s->npages || s->contig_got) ? SRO_RECLAIM : SRO_READY;
	return RMI_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* dispatch                                                           */

static bool is_range_cmd(uint32_t func)
{
	return func == RMI_GRANULE_RANGE_DELEGATE ||
	       func == RMI_GRANULE_RANGE_UNDELEGATE;
}

bool rmm_handle(struct rmm *m, struct smc_regs *r)
{
	uint32_t func = (uint32_t)r->x[0] & 0xffff;
	uint64_t a1 = r->x[1], a2 = r->x[2], a3 = r->x[3], st;
	uint64_t n;
	unsigned int i;

	if (!m->sc.enabled || (r->x[0] & 0xffff0000ULL) != 0xC4000000ULL ||
	    func < RMI_FUNC_FIRST || func >= RMI_FUNC_FIRST + RMI_FUNC_COUNT)
		return false;
	if (!rmi_name(func) || func == RMI_GRANULE_TRACKING_SET ||
	    func == RMI_RMM_DEACTIVATE ||
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
			r->x[0] = m->sc.fault[i].status;
			if (is_range_cmd(func))
				r->x[1] = a1;
			return true;
		}
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
	case RMI_OP_CANCEL:
		st = cmd_op_cancel(m, r, a1);
		break;
	default:
		return false;
	}
	if ((st & 0xff) != RMI_SUCCESS && (st & 0xff) != RMI_INCOMPLETE)
		m->st.errors++;
	r->x[0] = st;
	return true;
}

void rmm_print_ledger(const struct rmm *m)
{
	uint64_t outstanding = m->st.bytes_donated - m->st.bytes_reclaimed;
	uint64_t delegated = 0, pa;
	unsigned int i, k;

	for (k = 0; k < m->nregions; k++) {
		const uint8_t *st = region_states(m, &m->region[k]);

		for (pa = 0; pa < region_size(m); pa += GRAN)
			if (st[pa / GRAN] == G_DELEGATED)
				delegated++;
	}
	fw_printf("rmm-model: ledger begin\n");
	for (i = 0; i < RMI_FUNC_COUNT; i++) {
		const char *name = rmi_name(RMI_FUNC_FIRST + i);

		if (m->st.calls[i])
			fw_printf("rmm-model: calls %s=%llu\n", name,
				  (unsigned long long)m->st.calls[i]);
	}
	fw_printf("rmm-model: calls unknown=%llu errors=%llu faults_injected=%llu\n",
		  (unsigned long long)m->st.unknown_calls,
		  (unsigned long long)m->st.errors,
		  (unsigned long long)m->st.faults_injected);
	fw_printf("rmm-model: activated=%d l1_created=%llu l1_destroyed=%llu sro_started=%llu sro_cancelled=%llu\n",
		  m->activated ? 1 : 0,
		  (unsigned long long)m->st.l1_created,
		  (unsigned long long)m->st.l1_destroyed,
		  (unsigned long long)m->st.sro_started,
		  (unsigned long long)m->st.sro_cancelled);
	fw_printf("rmm-model: bytes_donated=%llu bytes_reclaimed=%llu bytes_outstanding=%llu\n",
		  (unsigned long long)m->st.bytes_donated,
		  (unsigned long long)m->st.bytes_reclaimed,
		  (unsigned long long)outstanding);
	fw_printf("rmm-model: granules_delegated=%llu granules_undelegated=%llu delegated_now=%llu\n",
		  (unsigned long long)m->st.granules_delegated,
		  (unsigned long long)m->st.granules_undelegated,
		  (unsigned long long)delegated);
	fw_printf("rmm-model: ledger end\n");
}
