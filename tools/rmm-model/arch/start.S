/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reset entry. Every CPU of QEMU virt starts here, at EL3, at the same time.
 *
 * CPU number = Aff1 * 16 + Aff0 (virt puts up to 16 CPUs in a cluster with
 * GICv3). The CPU with all-zero affinity copies .data, clears .bss and runs
 * fw_main(); the others wait, without touching memory but the fw_ready flag,
 * until it is set, then run fw_secondary(cpu).
 */
#define MAX_CPUS	64
#define STACK_SIZE	8192

	.section .text.reset, "ax"
	.global _start
_start:
	msr	daifset, #0xf
	ldr	x0, =vectors
	msr	vbar_el3, x0
	isb

	mrs	x0, mpidr_el1
	and	x1, x0, #0xff			/* Aff0 */
	ubfx	x2, x0, #8, #8			/* Aff1 */
	ubfx	x3, x0, #16, #8			/* Aff2 */
	ubfx	x4, x0, #32, #8			/* Aff3 */
	orr	x3, x3, x4
	cbnz	x3, park_forever
	cmp	x1, #16
	b.hs	park_forever
	add	x19, x1, x2, lsl #4		/* x19 = cpu number */
	cmp	x19, #MAX_CPUS
	b.hs	park_forever

	/* sp = stacks + (cpu + 1) * STACK_SIZE; also kept in TPIDR_EL3 */
	ldr	x0, =fw_stacks
	add	x1, x19, #1
	mov	x2, #STACK_SIZE
	madd	x0, x1, x2, x0
	mov	sp, x0
	msr	tpidr_el3, x0

	cbnz	x19, secondary

	/* primary: .data from flash, clear .bss */
	ldr	x0, =__data_start
	ldr	x1, =__data_load
	ldr	x2, =__data_end
1:	cmp	x0, x2
	b.hs	2f
	ldr	x3, [x1], #8
	str	x3, [x0], #8
	b	1b
2:	ldr	x0, =__bss_start
	ldr	x2, =__bss_end
3:	cmp	x0, x2
	b.hs	4f
	str	xzr, [x0], #8
	b	3b
4:	mov	x0, x19
	bl	fw_main
	b	park_forever

secondary:
	ldr	x1, =fw_ready
5:	wfe
	ldr	w2, [x1]
	cbz	w2, 5b
	mov	x0, x19
	bl	fw_secondary
park_forever:
	wfi
	b	park_forever

/*
 * enter_lower(entry, x0, spsr): leave EL3 with a clean register file and an
 * empty EL3 stack (the next exception starts from the top again).
 */
	.text
	.global enter_lower
enter_lower:
	mrs	x3, tpidr_el3
	mov	sp, x3
	msr	elr_el3, x0
	msr	spsr_el3, x2
	mov	x0, x1
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	mov	x4, xzr
	mov	x5, xzr
	mov	x6, xzr
	mov	x7, xzr
	mov	x8, xzr
	mov	x9, xzr
	mov	x10, xzr
	mov	x11, xzr
	mov	x12, xzr
	mov	x13, xzr
	mov	x14, xzr
	mov	x15, xzr
	mov	x16, xzr
	mov	x17, xzr
	mov	x18, xzr
	mov	x19, xzr
	mov	x20, xzr
	mov	x21, xzr
	mov	x22, xzr
	mov	x23, xzr
	mov	x24, xzr
	mov	x25, xzr
	mov	x26, xzr
	mov	x27, xzr
	mov	x28, xzr
	mov	x29, xzr
	mov	x30, xzr
	isb
	eret

	.global spin_lock
spin_lock:
	mov	w2, #1
	sevl
1:	wfe
2:	ldaxr	w1, [x0]
	cbnz	w1, 1b
	stxr	w1, w2, [x0]
	cbnz	w1, 2b
	ret

	.global spin_unlock
spin_unlock:
	stlr	wzr, [x0]
	sev
	ret

	.section .noinit, "aw", %nobits
	.balign	16
	.global fw_stacks
fw_stacks:
	.space	MAX_CPUS * STACK_SIZE
	.balign	8
	.global fw_ready
fw_ready:
	.space	8
