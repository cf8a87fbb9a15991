// SPDX-License-Identifier: BSD-2-Clause
/*
 * RMM model: Granule state, the GPT of regions and the memory predicates the
 * commands share.
 */
#include "rmm_int.h"

uint64_t region_size(const struct rmm *m)
{
	return gpt_region_size(&m->gpt);
}

struct rmm_region *region_of(struct rmm *m, uint64_t pa)
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

const struct rmm_region *region_of_c(const struct rmm *m, uint64_t pa)
{
	return region_of((struct rmm *)m, pa);
}

uint8_t *state_slot(const struct rmm_region *r, uint64_t pa)
{
	uint8_t *st = plat_phys(r->state_pa);

	return &st[(pa - r->st_base) >> 12];
}

bool in_hotplug(const struct rmm *m, uint64_t base, uint64_t top)
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

unsigned int host_gpi(const struct rmm *m)
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
void set_state(struct rmm *m, uint64_t pa, enum gstate s)
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
void region_set_block(struct rmm *m, const struct rmm_region *r)
{
	gpt_set_block(&m->gpt, r->index,
		      region_all_mem(m, r) ? host_gpi(m) : GPI_ANY);
}

/* Point the region at the table l1 and make its GPIs follow the state. */
int region_install_l1(struct rmm *m, struct rmm_region *r,
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
bool in_dram(const struct rmm *m, uint64_t base, uint64_t top)
{
	unsigned int i;

	for (i = 0; i < m->nbanks; i++)
		if (base >= m->bank[i].base &&
		    top <= m->bank[i].base + m->bank[i].size)
			return true;
	return false;
}

/* Inside one DRAM bank or inside the hotplug window. */
bool in_mem(const struct rmm *m, uint64_t base, uint64_t top)
{
	return in_dram(m, base, top) || in_hotplug(m, base, top);
}

bool range_ok(const struct rmm *m, uint64_t base, uint64_t top)
{
	return IS_ALIGNED(base, GRAN) && IS_ALIGNED(top, GRAN) && top > base &&
	       gpt_pa_in_range(&m->gpt, top - 1);
}

/* A host page the model may read or write: DRAM, host-owned. */
bool host_page_ok(const struct rmm *m, uint64_t pa)
{
	return IS_ALIGNED(pa, GRAN) && pa + GRAN > pa &&
	       in_dram(m, pa, pa + GRAN) && rmm_granule_state(m, pa) == G_NS;
}

unsigned int log2_u64(uint64_t v)
{
	unsigned int n = 0;

	while (v > 1) {
		v >>= 1;
		n++;
	}
	return n;
}

/* pa was listed by an adversary OP_MEM_RECLAIM without being donated */
bool is_bogus(const struct rmm *m, uint64_t pa)
{
	unsigned int i;

	for (i = 0; i < m->nbogus; i++)
		if (m->bogus_pa[i] == pa)
			return true;
	return false;
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
bool region_blocked(const struct rmm *m, const struct rmm_region *reg,
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

bool region_has_fw(const struct rmm *m, uint64_t base)
{
	return m->carve_base < base + region_size(m) &&
	       m->carve_base + m->carve_size > base;
}

/* Granules in the delegated state anywhere (the ledger's count). */
uint64_t count_delegated(const struct rmm *m)
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
