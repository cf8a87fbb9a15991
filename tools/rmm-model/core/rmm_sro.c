// SPDX-License-Identifier: BSD-2-Clause
/*
 * RMM model: Stateful RMI operations: handles, the INCOMPLETE status word, OP_CONTINUE,
 * OP_MEM_DONATE, OP_MEM_RECLAIM, OP_CANCEL and the adversary operations.
 */
#include "rmm_int.h"

struct rmm_sro *sro_new(struct rmm *m, uint32_t cmd, uint64_t target)
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

bool sro_busy_on(const struct rmm *m, uint32_t cmd, uint64_t target)
{
	unsigned int i;

	for (i = 0; i < RMM_MAX_SRO; i++)
		if (m->sro[i].phase != SRO_FREE && m->sro[i].cmd == cmd &&
		    m->sro[i].target == target)
			return true;
	return false;
}

/* An operation on the region at base is open: other region commands block. */
bool region_busy(const struct rmm *m, uint64_t base)
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
uint64_t sro_status(const struct rmm *m, const struct rmm_sro *s,
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

uint64_t cmd_op_donate(struct rmm *m, struct smc_regs *r,
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

uint64_t cmd_op_reclaim(struct rmm *m, struct smc_regs *r,
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

/* adversary badreq:CMD:KIND: an operation that asks for nonsense */
uint64_t badreq_start(struct rmm *m, struct smc_regs *r, uint32_t func)
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

uint64_t cmd_op_continue(struct rmm *m, struct smc_regs *r,
			 uint64_t handle, uint64_t flags)
{
	struct rmm_sro *s = sro_find(m, handle);

	if (!s || (flags & ~1ULL))
		return RMI_ERROR_INPUT;
	if (s->phase == SRO_READY)
		return sro_finish(m, s);
	return sro_status(m, s, r, true);
}

uint64_t cmd_op_cancel(struct rmm *m, struct smc_regs *r,
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
