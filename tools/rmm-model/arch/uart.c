// SPDX-License-Identifier: BSD-2-Clause
/* PL011 output, polled. */
#include "arch.h"

#define UARTDR		0x00
#define UARTFR		0x18
#define UARTIBRD	0x24
#define UARTFBRD	0x28
#define UARTLCR_H	0x2c
#define UARTCR		0x30
#define FR_TXFF		(1U << 5)

void uart_init(uint64_t base)
{
	mmio_write32(base + UARTCR, 0);
	mmio_write32(base + UARTIBRD, 13);	/* 115200 at 24 MHz; QEMU ignores */
	mmio_write32(base + UARTFBRD, 1);
	mmio_write32(base + UARTLCR_H, 0x70);	/* 8N1, FIFOs */
	mmio_write32(base + UARTCR, 0x301);	/* UARTEN | TXE | RXE */
}

void uart_putc(uint64_t base, char c)
{
	while (mmio_read32(base + UARTFR) & FR_TXFF)
		;
	mmio_write32(base + UARTDR, (uint32_t)(unsigned char)c);
}

/* For fatal messages: both the secure and the non-secure console. */
void uart_puts_both(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n') {
			uart_putc(UART1_BASE, '\r');
			uart_putc(UART0_BASE, '\r');
		}
		uart_putc(UART1_BASE, *s);
		uart_putc(UART0_BASE, *s);
	}
}
