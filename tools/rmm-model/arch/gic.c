// SPDX-License-Identifier: BSD-2-Clause
/*
 * GICv3 set-up done by EL3 with security extensions enabled: affinity
 * routing for both states, every interrupt Group 1 Non-secure, each
 * redistributor awake.
 */
#include "arch.h"

#define GICD_CTLR	0x0000
#define GICD_TYPER	0x0004
#define GICD_IGROUPR	0x0080
#define GICD_IGRPMODR	0x0d00
#define CTLR_RWP	(1U << 31)
#define CTLR_EN_G0	(1U << 0)
#define CTLR_EN_G1NS	(1U << 1)
#define CTLR_EN_G1S	(1U << 2)
#define CTLR_ARE_S	(1U << 4)
#define CTLR_ARE_NS	(1U << 5)

#define GICR_STRIDE	0x20000ULL
#define GICR_TYPER	0x0008
#define GICR_WAKER	0x0014
#define GICR_SGI	0x10000ULL
#define GICR_IGROUPR0	0x0080
#define GICR_IGRPMODR0	0x0d00
#define TYPER_LAST	(1ULL << 4)
#define WAKER_PSLEEP	(1U << 1)
#define WAKER_CASLEEP	(1U << 2)

static void gicd_wait(void)
{
	while (mmio_read32(GICD_BASE + GICD_CTLR) & CTLR_RWP)
		;
}

void gic_init_distributor(void)
{
	uint32_t lines = ((mmio_read32(GICD_BASE + GICD_TYPER) & 0x1f) + 1) * 32;
	uint32_t i;

	mmio_write32(GICD_BASE + GICD_CTLR, 0);
	gicd_wait();
	mmio_write32(GICD_BASE + GICD_CTLR, CTLR_ARE_S | CTLR_ARE_NS);
	gicd_wait();
	for (i = 1; i < lines / 32; i++) {
		mmio_write32(GICD_BASE + GICD_IGROUPR + 4 * i, 0xffffffff);
		mmio_write32(GICD_BASE + GICD_IGRPMODR + 4 * i, 0);
	}
	mmio_write32(GICD_BASE + GICD_CTLR, CTLR_ARE_S | CTLR_ARE_NS |
		     CTLR_EN_G0 | CTLR_EN_G1NS | CTLR_EN_G1S);
	gicd_wait();
}

static uint64_t find_redist(uint64_t mpidr)
{
	uint32_t aff = (uint32_t)(((mpidr >> 8) & 0xff000000) | (mpidr & 0xffffff));
	uint64_t rd = GICR_BASE;
	int n;

	for (n = 0; n < 512; n++, rd += GICR_STRIDE) {
		uint64_t typer = mmio_read64(rd + GICR_TYPER);

		if ((uint32_t)(typer >> 32) == aff)
			return rd;
		if (typer & TYPER_LAST)
			break;
	}
	return 0;
}

void gic_init_cpu(uint64_t mpidr)
{
	uint64_t rd = find_redist(mpidr);

	write_sysreg(ICC_SRE_EL3, 0xf);
	isb();
	if (!rd)
		return;
	mmio_write32(rd + GICR_WAKER,
		     mmio_read32(rd + GICR_WAKER) & ~WAKER_PSLEEP);
	while (mmio_read32(rd + GICR_WAKER) & WAKER_CASLEEP)
		;
	mmio_write32(rd + GICR_SGI + GICR_IGROUPR0, 0xffffffff);
	mmio_write32(rd + GICR_SGI + GICR_IGRPMODR0, 0);
}
