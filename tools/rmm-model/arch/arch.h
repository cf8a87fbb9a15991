/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rmm-model architecture layer: system registers, MMIO, barriers.
 * Only this directory touches the hardware.
 */
#ifndef RMM_MODEL_ARCH_H
#define RMM_MODEL_ARCH_H

#include <stdbool.h>
#include <stdint.h>

#define __read_sysreg(r) ({					\
	uint64_t __v;							\
	__asm__ volatile("mrs %0, " #r : "=r"(__v));			\
	__v;								\
})

#define __write_sysreg(r, v) do {					\
	uint64_t __v = (uint64_t)(v);					\
	__asm__ volatile("msr " #r ", %0" : : "r"(__v) : "memory");	\
} while (0)

/* Two levels so that register macros below expand first. */
#define read_sysreg(r)		__read_sysreg(r)
#define write_sysreg(r, v)	__write_sysreg(r, v)

/* Registers the assembler may not know by name. */
#define ID_AA64PFR2_EL1		S3_0_C0_C4_2
#define ID_AA64SMFR0_EL1	S3_0_C0_C4_5
#define ID_AA64ISAR2_EL1	S3_0_C0_C6_2
#define ID_AA64MMFR3_EL1	S3_0_C0_C7_3
#define ZCR_EL3			S3_6_C1_C2_0
#define SMCR_EL3		S3_6_C1_C2_6
#define GPTBR_EL3		S3_6_C2_C1_4
#define GPCCR_EL3		S3_6_C2_C1_6
#define MFAR_EL3		S3_6_C6_C0_5
#define MPAM3_EL3		S3_6_C10_C5_0
#define ICC_SRE_EL3		S3_6_C12_C12_5

static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void dsb_sy(void) { __asm__ volatile("dsb sy" ::: "memory"); }
static inline void sev(void) { __asm__ volatile("sev" ::: "memory"); }
static inline void wfe(void) { __asm__ volatile("wfe" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

/* TLBI PAALLOS: drop cached GPT information on all PEs. */
static inline void tlbi_paallos(void)
{
	__asm__ volatile("sys #6, c8, c1, #4" ::: "memory");
}

static inline uint32_t mmio_read32(uint64_t a)
{
	return *(volatile uint32_t *)(uintptr_t)a;
}

static inline void mmio_write32(uint64_t a, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)a = v;
}

static inline uint64_t mmio_read64(uint64_t a)
{
	return *(volatile uint64_t *)(uintptr_t)a;
}

static inline void mmio_write64(uint64_t a, uint64_t v)
{
	*(volatile uint64_t *)(uintptr_t)a = v;
}

static inline void mmio_write16(uint64_t a, uint16_t v)
{
	*(volatile uint16_t *)(uintptr_t)a = v;
}

static inline uint64_t field(uint64_t v, unsigned int shift, unsigned int w)
{
	return (v >> shift) & ((1ULL << w) - 1);
}

/* virt machine */
#define UART0_BASE	0x09000000ULL	/* non-secure PL011 */
#define UART1_BASE	0x09040000ULL	/* secure PL011 */
#define FWCFG_BASE	0x09020000ULL
#define GPIO_S_BASE	0x090B0000ULL	/* secure PL061 */
#define GICD_BASE	0x08000000ULL
#define GICR_BASE	0x080A0000ULL
#define DRAM_BASE	0x40000000ULL
#define DTB_ROOM	0x00100000ULL
#define SCRATCH_BASE	(DRAM_BASE + DTB_ROOM)	/* fw_cfg DMA, NS-visible */
#define SCRATCH_SIZE	0x00100000ULL

/* arch entry points (asm) */
void enter_lower(uint64_t entry, uint64_t x0, uint64_t spsr)
	__attribute__((noreturn));
void spin_lock(volatile uint32_t *l);
void spin_unlock(volatile uint32_t *l);
extern volatile uint32_t fw_ready;

/* uart.c */
void uart_init(uint64_t base);
void uart_putc(uint64_t base, char c);
void uart_puts_both(const char *s);

/* fwcfg.c */
int fwcfg_present(void);
uint32_t fwcfg_read_u32(uint16_t item);
int fwcfg_read(uint16_t item, uint64_t dest_pa, uint32_t len);
int fwcfg_find_file(const char *name, uint16_t *item, uint32_t *size);

/* gic.c */
void gic_init_distributor(void);
void gic_init_cpu(uint64_t mpidr);

/* mmu.c: EL3 stage 1 with a Root identity map and a non-secure alias */
void mmu_build(void);
void mmu_enable_cpu(void);
void *mmu_ns_alias(uint64_t pa);

/* el3.c */
void el3_init_cpu(void);
void power_off(void) __attribute__((noreturn));
void power_reset(void) __attribute__((noreturn));

#endif
