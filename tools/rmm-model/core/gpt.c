// SPDX-License-Identifier: BSD-2-Clause
/*
 * Granule protection table logic.
 *
 * L0 descriptor: bits [3:0] 0b0001 block (GPI in [7:4]), 0b0011 table (L1
 * address in [51:12]). L1 entry: sixteen 4-bit GPIs, granule i of the 64 KiB
 * span in bits [4i+3:4i].
 */
#include "gpt.h"

#define L0_BLOCK	0x1ULL
#define L0_TABLE	0x3ULL
#define L0_TYPE_MASK	0xfULL
#define L0_ADDR_MASK	0x000ffffffffff000ULL

unsigned int gpt_pps_bits(unsigned int pps)
{
	static const unsigned char bits[] = { 32, 36, 40, 42, 44, 48, 52 };

	return pps < sizeof(bits) ? bits[pps] : 0;
}

static unsigned int l0gptsz_bits(unsigned int l0gptsz)
{
	switch (l0gptsz) {
	case 0:
		return 30;
	case 4:
		return 34;
	case 6:
		return 36;
	case 9:
		return 39;
	default:
		return 0;
	}
}

uint64_t gpt_l0_table_size(unsigned int pps, unsigned int l0gptsz)
{
	unsigned int pb = gpt_pps_bits(pps), lb = l0gptsz_bits(l0gptsz);
	uint64_t sz;

	if (!pb || !lb)
		return 0;
	if (pb <= lb)
		return SZ_4K;
	sz = (1ULL << (pb - lb)) * 8;
	return sz < SZ_4K ? SZ_4K : sz;
}

uint64_t gpt_l1_table_size(const struct gpt *g)
{
	/* One 64-bit entry describes 16 granules of 4 KiB. */
	return (1ULL << g->l0_bits) / (16 * SZ_4K) * 8;
}

static uint64_t *l0_table(const struct gpt *g)
{
	return plat_phys(g->l0_pa);
}

int gpt_init(struct gpt *g, uint64_t l0_pa, unsigned int pps,
	     unsigned int l0gptsz, unsigned int gpi)
{
	uint64_t size = gpt_l0_table_size(pps, l0gptsz), i;
	uint64_t *t;

	if (!size || !IS_ALIGNED(l0_pa, size) || gpi > 0xf)
		return -1;
	g->l0_pa = l0_pa;
	g->pps = pps;
	g->pa_bits = gpt_pps_bits(pps);
	g->l0gptsz = l0gptsz;
	g->l0_bits = l0gptsz_bits(l0gptsz);
	g->n_l0 = g->pa_bits > g->l0_bits ? 1ULL << (g->pa_bits - g->l0_bits)
					  : 1;
	t = l0_table(g);
	for (i = 0; i < size / 8; i++)
		t[i] = 0;
	for (i = 0; i < g->n_l0; i++)
		t[i] = L0_BLOCK | ((uint64_t)gpi << 4);
	return 0;
}

uint64_t gpt_region_size(const struct gpt *g)
{
	return 1ULL << g->l0_bits;
}

bool gpt_pa_in_range(const struct gpt *g, uint64_t pa)
{
	return g->pa_bits >= 64 || (pa >> g->pa_bits) == 0;
}

uint64_t gpt_region_index(const struct gpt *g, uint64_t pa)
{
	return pa >> g->l0_bits;
}

void gpt_set_block(struct gpt *g, uint64_t region, unsigned int gpi)
{
	if (region < g->n_l0)
		l0_table(g)[region] = L0_BLOCK | ((uint64_t)(gpi & 0xf) << 4);
}

int gpt_install_l1(struct gpt *g, uint64_t region, uint64_t l1_pa,
		   unsigned int gpi)
{
	uint64_t size = gpt_l1_table_size(g), fill = 0, i;
	uint64_t *l1;

	if (region >= g->n_l0 || !IS_ALIGNED(l1_pa, size) || gpi > 0xf)
		return -1;
	for (i = 0; i < 16; i++)
		fill |= (uint64_t)gpi << (4 * i);
	l1 = plat_phys(l1_pa);
	for (i = 0; i < size / 8; i++)
		l1[i] = fill;
	/*
	 * A table that lies in the region it describes must be Root in itself
	 * before it is used: EL3 keeps writing it through the Root alias.
	 */
	if (gpt_region_index(g, l1_pa) == region) {
		uint64_t root = 0, first;

		for (i = 0; i < 16; i++)
			root |= (uint64_t)GPI_ROOT << (4 * i);
		first = (l1_pa & (gpt_region_size(g) - 1)) >> 12;
		for (i = first / 16; i < (first + (size >> 12)) / 16; i++)
			l1[i] = root;
	}
	l0_table(g)[region] = (l1_pa & L0_ADDR_MASK) | L0_TABLE;
	return 0;
}

void gpt_remove_l1(struct gpt *g, uint64_t region, unsigned int gpi)
{
	gpt_set_block(g, region, gpi);
}

bool gpt_has_l1(const struct gpt *g, uint64_t region)
{
	return region < g->n_l0 &&
	       (l0_table(g)[region] & L0_TYPE_MASK) == L0_TABLE;
}

uint64_t gpt_l1_pa(const struct gpt *g, uint64_t region)
{
	return gpt_has_l1(g, region) ? l0_table(g)[region] & L0_ADDR_MASK : 0;
}

int gpt_set_granule(struct gpt *g, uint64_t pa, unsigned int gpi)
{
	uint64_t region = gpt_region_index(g, pa), idx, *l1;
	unsigned int shift;

	if (!gpt_pa_in_range(g, pa) || !gpt_has_l1(g, region) || gpi > 0xf)
		return -1;
	l1 = plat_phys(gpt_l1_pa(g, region));
	idx = (pa & (gpt_region_size(g) - 1)) >> 12;
	shift = (unsigned int)(idx & 15) * 4;
	l1[idx / 16] = (l1[idx / 16] & ~(0xfULL << shift)) |
		       ((uint64_t)gpi << shift);
	return 0;
}

int gpt_set_range(struct gpt *g, uint64_t base, uint64_t top,
		  unsigned int gpi)
{
	uint64_t region = gpt_region_index(g, base), fill = 0, i, end, *l1;
	unsigned int lo, hi;

	if (!IS_ALIGNED(base, SZ_4K) || !IS_ALIGNED(top, SZ_4K) ||
	    top <= base || !gpt_pa_in_range(g, top - 1) ||
	    gpt_region_index(g, top - 1) != region || !gpt_has_l1(g, region) ||
	    gpi > 0xf)
		return -1;
	for (i = 0; i < 16; i++)
		fill |= (uint64_t)gpi << (4 * i);
	l1 = plat_phys(gpt_l1_pa(g, region));
	i = (base & (gpt_region_size(g) - 1)) >> 12;
	end = i + ((top - base) >> 12);
	/* one entry (16 granules) per step; partial entries at the ends */
	while (i < end) {
		uint64_t mask;

		lo = (unsigned int)(i & 15);
		hi = end - i < 16 - lo ? lo + (unsigned int)(end - i) : 16;
		mask = (hi == 16 ? ~0ULL : (1ULL << (4 * hi)) - 1) &
		       ~((1ULL << (4 * lo)) - 1);
		l1[i / 16] = (l1[i / 16] & ~mask) | (fill & mask);
		i += hi - lo;
	}
	return 0;
}

unsigned int gpt_get_granule(const struct gpt *g, uint64_t pa)
{
	uint64_t region = gpt_region_index(g, pa), desc, idx, *l1;

	if (!gpt_pa_in_range(g, pa))
		return GPI_NO_ACCESS;
	desc = l0_table(g)[region];
	if ((desc & L0_TYPE_MASK) == L0_BLOCK)
		return (unsigned int)(desc >> 4) & 0xf;
	if ((desc & L0_TYPE_MASK) != L0_TABLE)
		return GPI_NO_ACCESS;
	l1 = plat_phys(desc & L0_ADDR_MASK);
	idx = (pa & (gpt_region_size(g) - 1)) >> 12;
	return (unsigned int)(l1[idx / 16] >> ((idx & 15) * 4)) & 0xf;
}

uint64_t gpt_gpccr(const struct gpt *g)
{
	return ((uint64_t)g->pps << GPCCR_PPS_SHIFT) |
	       (1ULL << GPCCR_IRGN_SHIFT) | (1ULL << GPCCR_ORGN_SHIFT) |
	       (3ULL << GPCCR_SH_SHIFT) | (0ULL << GPCCR_PGS_SHIFT);
}
