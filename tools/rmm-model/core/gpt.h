/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Granule protection table (FEAT_RME) built in memory the caller provides.
 * Only 4 KiB physical granules (GPCCR_EL3.PGS = 0) are supported.
 */
#ifndef RMM_MODEL_GPT_H
#define RMM_MODEL_GPT_H

#include "core.h"

#define GPI_NO_ACCESS	0x0
#define GPI_SECURE	0x8
#define GPI_NS		0x9
#define GPI_ROOT	0xA
#define GPI_REALM	0xB
#define GPI_ANY		0xF

/* GPCCR_EL3 fields */
#define GPCCR_PPS_SHIFT		0
#define GPCCR_IRGN_SHIFT	8
#define GPCCR_ORGN_SHIFT	10
#define GPCCR_SH_SHIFT		12
#define GPCCR_PGS_SHIFT		14
#define GPCCR_GPC		(1ULL << 16)
#define GPCCR_L0GPTSZ_SHIFT	20

struct gpt {
	uint64_t l0_pa;		/* L0 table, aligned to its size */
	unsigned int pps;	/* GPCCR_EL3.PPS encoding */
	unsigned int pa_bits;	/* protected physical address size */
	unsigned int l0gptsz;	/* GPCCR_EL3.L0GPTSZ encoding */
	unsigned int l0_bits;	/* log2 of the L0 region size */
	uint64_t n_l0;		/* L0 entries */
};

/* PPS encoding -> address bits, or 0 if reserved. */
unsigned int gpt_pps_bits(unsigned int pps);
/* Bytes of L0 table for this configuration. */
uint64_t gpt_l0_table_size(unsigned int pps, unsigned int l0gptsz);
/* Bytes of one L1 table (covers one L0 region with 4 KiB granules). */
uint64_t gpt_l1_table_size(const struct gpt *g);

/* Fill the L0 table with block descriptors of GPI 'gpi'. */
int gpt_init(struct gpt *g, uint64_t l0_pa, unsigned int pps,
	     unsigned int l0gptsz, unsigned int gpi);
uint64_t gpt_region_size(const struct gpt *g);
bool gpt_pa_in_range(const struct gpt *g, uint64_t pa);
uint64_t gpt_region_index(const struct gpt *g, uint64_t pa);

/* Block descriptor for a whole L0 region. */
void gpt_set_block(struct gpt *g, uint64_t region, unsigned int gpi);
/*
 * Fill the table at l1_pa with 'gpi' for every granule and point the L0
 * entry at it. l1_pa must be aligned to the L1 table size.
 */
int gpt_install_l1(struct gpt *g, uint64_t region, uint64_t l1_pa,
		   unsigned int gpi);
/* Drop the L1 table of a region and make the region one block again. */
void gpt_remove_l1(struct gpt *g, uint64_t region, unsigned int gpi);
bool gpt_has_l1(const struct gpt *g, uint64_t region);
uint64_t gpt_l1_pa(const struct gpt *g, uint64_t region);

/* Change one granule; -1 if the region has no L1 table. */
int gpt_set_granule(struct gpt *g, uint64_t pa, unsigned int gpi);
/*
 * Give the granules of [base, top) GPI 'gpi', a whole L1 entry (16
 * granules) at a time. The range must be 4 KiB aligned, lie in one L0
 * region and that region have an L1 table; -1 otherwise (nothing changed).
 */
int gpt_set_range(struct gpt *g, uint64_t base, uint64_t top,
		  unsigned int gpi);
/* GPI of a granule, following block or table entries. */
unsigned int gpt_get_granule(const struct gpt *g, uint64_t pa);

/* GPCCR_EL3 value enabling checks for this table (PGS 4K, WB, IS). */
uint64_t gpt_gpccr(const struct gpt *g);

#endif
