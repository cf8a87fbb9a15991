// SPDX-License-Identifier: BSD-2-Clause
/*
 * EL3 stage 1 translation, so that EL3 can choose the physical address
 * space of each access:
 *
 *   VA = PA                  Root PAS ({NSE,NS} = 10; Secure without RME):
 *                            firmware, MMIO, carve-out, GPT and RMM memory
 *   VA = PA + NS_ALIAS_BASE  Non-secure PAS ({NSE,NS} = 01): host pages the
 *                            model reads or writes (config page, address
 *                            lists), for DRAM below 512 GiB
 *
 * so host DRAM can be GPI NS rather than ANY. 4 KiB granule, 48-bit VA,
 * one L0 table, 1 GiB blocks except the first GiB (2 MiB blocks: flash and
 * secure RAM Normal, the rest Device). The tables live in secure RAM.
 */
#include "arch.h"

#define NS_ALIAS_BASE	(1ULL << 39)	/* L0 entry 1 */

#define DESC_TABLE	0x3ULL
#define DESC_BLOCK	0x1ULL
#define ATTR_DEVICE	(0ULL << 2)	/* MAIR index 0: Device-nGnRnE */
#define ATTR_NORMAL	(1ULL << 2)	/* MAIR index 1: Normal WB */
#define DESC_NS		(1ULL << 5)
#define DESC_SH_INNER	(3ULL << 8)
#define DESC_AF		(1ULL << 10)
#define DESC_NSE	(1ULL << 11)	/* EL3 with FEAT_RME */
#define DESC_XN		(1ULL << 54)

#define MAIR_VALUE	0xff00ULL	/* attr0 Device-nGnRnE, attr1 WB RAWA */
#define SCTLR_M		(1ULL << 0)
#define SCTLR_C		(1ULL << 2)
#define SCTLR_I		(1ULL << 12)

static uint64_t tt_l0[512] __attribute__((aligned(4096)));
static uint64_t tt_root[512] __attribute__((aligned(4096)));
static uint64_t tt_ns[512] __attribute__((aligned(4096)));
static uint64_t tt_low[512] __attribute__((aligned(4096)));
static uint64_t tcr_value;
static volatile bool mmu_ready;

static bool mmu_have_rme(void)
{
	return field(read_sysreg(id_aa64pfr0_el1), 52, 4) != 0;
}

static uint64_t block(uint64_t pa, uint64_t attr, bool ns)
{
	uint64_t d = pa | DESC_BLOCK | DESC_AF | DESC_SH_INNER | attr;

	if (attr == ATTR_DEVICE)
		d |= DESC_XN;
	if (ns)
		d |= DESC_NS;
	else if (mmu_have_rme())
		d |= DESC_NSE;		/* Root */
	return d;
}

void mmu_build(void)
{
	uint64_t pa, i, parange = field(read_sysreg(id_aa64mmfr0_el1), 0, 4);

	/* first GiB: flash 0..128 MiB, secure RAM 0x0E00_0000..+16 MiB */
	for (i = 0; i < 512; i++) {
		pa = i * 0x200000ULL;
		if (pa < 0x08000000ULL ||
		    (pa >= 0x0e000000ULL && pa < 0x0f000000ULL))
			tt_low[i] = block(pa, ATTR_NORMAL, false);
		else
			tt_low[i] = block(pa, ATTR_DEVICE, false);
	}
	tt_root[0] = (uint64_t)(uintptr_t)tt_low | DESC_TABLE;
	for (i = 1; i < 512; i++)
		tt_root[i] = block(i << 30, ATTR_NORMAL, false) | DESC_XN;
	for (i = 0; i < 512; i++)
		tt_ns[i] = i ? block(i << 30, ATTR_NORMAL, true) | DESC_XN : 0;
	tt_l0[0] = (uint64_t)(uintptr_t)tt_root | DESC_TABLE;
	tt_l0[1] = (uint64_t)(uintptr_t)tt_ns | DESC_TABLE;

	if (parange > 5)
		parange = 5;		/* 48-bit output is enough */
	tcr_value = (1ULL << 31) | (1ULL << 23) |	/* RES1 */
		    (parange << 16) |			/* PS */
		    (0ULL << 14) |			/* TG0 4 KiB */
		    (3ULL << 12) | (1ULL << 10) | (1ULL << 8) | /* IS, WB */
		    16;					/* T0SZ: 48 bits */
	dsb_sy();
	mmu_ready = true;
}

void mmu_enable_cpu(void)
{
	if (!mmu_ready)
		return;
	write_sysreg(mair_el3, MAIR_VALUE);
	write_sysreg(tcr_el3, tcr_value);
	write_sysreg(ttbr0_el3, (uint64_t)(uintptr_t)tt_l0);
	dsb_sy();
	__asm__ volatile("tlbi alle3" ::: "memory");
	dsb_sy();
	isb();
	write_sysreg(sctlr_el3, read_sysreg(sctlr_el3) | SCTLR_M | SCTLR_C |
				SCTLR_I);
	isb();
}

void *mmu_ns_alias(uint64_t pa)
{
	if (!mmu_ready || pa >= NS_ALIAS_BASE)
		return (void *)(uintptr_t)pa;
	return (void *)(uintptr_t)(pa + NS_ALIAS_BASE);
}
