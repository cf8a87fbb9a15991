// SPDX-License-Identifier: BSD-2-Clause
/*
 * Per-CPU EL3 register set-up for running Linux at non-secure EL2.
 * Every enable bit is set only when the ID registers report the feature.
 */
#include "arch.h"

#define SCR_NS		(1ULL << 0)
#define SCR_RES1	(3ULL << 4)
#define SCR_HCE		(1ULL << 8)
#define SCR_RW		(1ULL << 10)
#define SCR_APK		(1ULL << 16)
#define SCR_API		(1ULL << 17)
#define SCR_ENSCXT	(1ULL << 25)
#define SCR_ATA		(1ULL << 26)
#define SCR_FGTEN	(1ULL << 27)
#define SCR_ECVEN	(1ULL << 28)
#define SCR_HXEN	(1ULL << 38)
#define SCR_GCSEN	(1ULL << 39)
#define SCR_ENTP2	(1ULL << 41)
#define SCR_RCWMASKEN	(1ULL << 42)
#define SCR_TCR2EN	(1ULL << 43)
#define SCR_SCTLR2EN	(1ULL << 44)
#define SCR_PIEN	(1ULL << 45)
#define SCR_AIEN	(1ULL << 46)
#define SCR_D128EN	(1ULL << 47)
#define SCR_GPF		(1ULL << 48)
#define SCR_ENFPM	(1ULL << 50)
#define SCR_FGTEN2	(1ULL << 59)

#define CPTR_EZ		(1ULL << 8)
#define CPTR_ESM	(1ULL << 12)

#define MDCR_NSPB_NS	(3ULL << 12)
#define MDCR_NSTB_NS	(3ULL << 24)
#define MDCR_SBRBE	(3ULL << 32)
#define MDCR_ENPMSN	(1ULL << 36)

#define SMCR_FA64	(1ULL << 31)
#define SMCR_EZT0	(1ULL << 30)

void el3_init_cpu(void)
{
	uint64_t pfr0 = read_sysreg(id_aa64pfr0_el1);
	uint64_t pfr1 = read_sysreg(id_aa64pfr1_el1);
	uint64_t pfr2 = read_sysreg(ID_AA64PFR2_EL1);
	uint64_t isar1 = read_sysreg(id_aa64isar1_el1);
	uint64_t isar2 = read_sysreg(ID_AA64ISAR2_EL1);
	uint64_t mmfr0 = read_sysreg(id_aa64mmfr0_el1);
	uint64_t mmfr1 = read_sysreg(id_aa64mmfr1_el1);
	uint64_t mmfr3 = read_sysreg(ID_AA64MMFR3_EL1);
	uint64_t dfr0 = read_sysreg(id_aa64dfr0_el1);
	uint64_t scr = SCR_NS | SCR_RES1 | SCR_HCE | SCR_RW;
	uint64_t cptr = 0, mdcr = 0;
	bool sve = field(pfr0, 32, 4) != 0;
	bool sme = field(pfr1, 24, 4) != 0;

	if (field(isar1, 4, 4) || field(isar1, 8, 4) || field(isar2, 12, 4))
		scr |= SCR_APK | SCR_API;
	if (field(pfr0, 56, 4) >= 2)
		scr |= SCR_ENSCXT;
	if (field(pfr1, 8, 4) >= 2)
		scr |= SCR_ATA;
	if (field(mmfr0, 56, 4) >= 1)
		scr |= SCR_FGTEN;
	if (field(mmfr0, 56, 4) >= 2)
		scr |= SCR_FGTEN2;
	if (field(mmfr0, 60, 4) >= 2)
		scr |= SCR_ECVEN;
	if (field(mmfr1, 40, 4))
		scr |= SCR_HXEN;
	if (field(pfr1, 44, 4))
		scr |= SCR_GCSEN;
	if (sme)
		scr |= SCR_ENTP2;
	if (field(pfr1, 48, 4))
		scr |= SCR_RCWMASKEN;
	if (field(mmfr3, 0, 4))
		scr |= SCR_TCR2EN;
	if (field(mmfr3, 4, 4))
		scr |= SCR_SCTLR2EN;
	if (field(mmfr3, 8, 4) || field(mmfr3, 12, 4) ||
	    field(mmfr3, 16, 4) || field(mmfr3, 20, 4))
		scr |= SCR_PIEN;
	if (field(mmfr3, 24, 4))
		scr |= SCR_AIEN;
	if (field(mmfr3, 32, 4))
		scr |= SCR_D128EN;
	if (field(pfr0, 52, 4))		/* RME: GPFs come to EL3 */
		scr |= SCR_GPF;
	if (field(pfr2, 32, 4))
		scr |= SCR_ENFPM;
	write_sysreg(scr_el3, scr);

	if (sve)
		cptr |= CPTR_EZ;
	if (sme)
		cptr |= CPTR_ESM;
	write_sysreg(cptr_el3, cptr);
	isb();
	if (sve)
		write_sysreg(ZCR_EL3, 0xf);
	if (sme) {
		uint64_t smfr0 = read_sysreg(ID_AA64SMFR0_EL1);
		uint64_t smcr = 0xf;

		if (field(smfr0, 63, 1))
			smcr |= SMCR_FA64;
		if (field(smfr0, 56, 4))
			smcr |= SMCR_EZT0;
		write_sysreg(SMCR_EL3, smcr);
	}

	if (field(dfr0, 32, 4))		/* SPE */
		mdcr |= MDCR_NSPB_NS;
	if (field(dfr0, 32, 4) >= 3)
		mdcr |= MDCR_ENPMSN;
	if (field(dfr0, 44, 4))		/* TRBE */
		mdcr |= MDCR_NSTB_NS;
	if (field(dfr0, 52, 4))		/* BRBE */
		mdcr |= MDCR_SBRBE;
	write_sysreg(mdcr_el3, mdcr);

	if (field(pfr0, 40, 4) || field(pfr1, 16, 4))	/* MPAM */
		write_sysreg(MPAM3_EL3, 1ULL << 63);	/* enabled, no trap */

	/* Lower ELs start from a known, MMU-off state. */
	write_sysreg(sctlr_el2, 0x30c50830ULL);
	write_sysreg(hcr_el2, 0);
	isb();
}

void power_off(void)
{
	/* Secure PL061: pin 0 = power off. Direction out, then drive high. */
	mmio_write32(GPIO_S_BASE + 0x400, mmio_read32(GPIO_S_BASE + 0x400) | 1);
	mmio_write32(GPIO_S_BASE + (1 << 2), 1);
	for (;;)
		wfi();
}

void power_reset(void)
{
	/* pin 1 = reset */
	fw_ready = 0;
	dsb_sy();
	mmio_write32(GPIO_S_BASE + 0x400, mmio_read32(GPIO_S_BASE + 0x400) | 2);
	mmio_write32(GPIO_S_BASE + (2 << 2), 2);
	for (;;)
		wfi();
}
