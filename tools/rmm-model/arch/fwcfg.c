// SPDX-License-Identifier: BSD-2-Clause
/*
 * QEMU fw_cfg through its DMA interface. The device does DMA on the
 * non-secure view of memory, so the access descriptor and every
 * destination must be normal RAM (SCRATCH_BASE), never secure RAM.
 */
#include "arch.h"
#include "../core/core.h"

#define FWCFG_DATA	0x00
#define FWCFG_SEL	0x08
#define FWCFG_DMA	0x10

#define ITEM_SIGNATURE	0x0000
#define ITEM_ID		0x0001
#define ITEM_FILE_DIR	0x0019

#define DMA_ERROR	0x01
#define DMA_READ	0x02
#define DMA_SELECT	0x08

struct dma_access {
	uint32_t control;
	uint32_t length;
	uint64_t address;
};

static uint32_t be32(uint32_t v) { return __builtin_bswap32(v); }
static uint64_t be64(uint64_t v) { return __builtin_bswap64(v); }

int fwcfg_read(uint16_t item, uint64_t dest_pa, uint32_t len)
{
	volatile struct dma_access *d = (void *)(uintptr_t)SCRATCH_BASE;

	d->control = be32(((uint32_t)item << 16) | DMA_SELECT | DMA_READ);
	d->length = be32(len);
	d->address = be64(dest_pa);
	dsb_sy();
	/* The register is big-endian; the low half starts the transfer. */
	mmio_write64(FWCFG_BASE + FWCFG_DMA, be64(SCRATCH_BASE));
	dsb_sy();
	while (be32(d->control) & ~DMA_ERROR)
		;
	return (be32(d->control) & DMA_ERROR) ? -1 : 0;
}

int fwcfg_present(void)
{
	/* Signature "QEMU" via the data register, feature bit 1 = DMA. */
	uint32_t id;

	mmio_write16(FWCFG_BASE + FWCFG_SEL, __builtin_bswap16(ITEM_SIGNATURE));
	if (*(volatile uint8_t *)(uintptr_t)(FWCFG_BASE + FWCFG_DATA) != 'Q')
		return 0;
	mmio_write16(FWCFG_BASE + FWCFG_SEL, __builtin_bswap16(ITEM_ID));
	id = *(volatile uint8_t *)(uintptr_t)(FWCFG_BASE + FWCFG_DATA);
	return (id & 2) != 0;
}

uint32_t fwcfg_read_u32(uint16_t item)
{
	volatile uint32_t *p = (void *)(uintptr_t)(SCRATCH_BASE + 0x40);

	*p = 0;
	if (fwcfg_read(item, SCRATCH_BASE + 0x40, 4))
		return 0;
	return *p;		/* numeric items are little-endian */
}

int fwcfg_find_file(const char *name, uint16_t *item, uint32_t *size)
{
	uint64_t buf = SCRATCH_BASE + 0x1000;
	const uint8_t *p = (const void *)(uintptr_t)buf;
	uint32_t count, i, max = (uint32_t)((SCRATCH_SIZE - 0x1000 - 4) / 64);

	if (fwcfg_read(ITEM_FILE_DIR, buf, 4))
		return -1;
	count = be32(*(const uint32_t *)p);
	if (count > max)
		count = max;
	if (fwcfg_read(ITEM_FILE_DIR, buf, 4 + count * 64))
		return -1;
	for (i = 0; i < count; i++) {
		const uint8_t *e = p + 4 + i * 64;

		if (fw_strneq((const char *)e + 8, name, 56)) {
			*size = be32(*(const uint32_t *)e);
			*item = (uint16_t)((e[4] << 8) | e[5]);
			return 0;
		}
	}
	return -1;
}
