/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * NS-EL2 test payload, booted like a Linux kernel: an arm64 Image header,
 * x0 = DTB. Linked at 0x40200000, where the firmware puts text_offset-0
 * Images.
 */
	.section .text.head, "ax"
	.global	_head
_head:
	b	primary			/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset */
	.quad	_image_size		/* image_size */
	.quad	0xa			/* LE, 4K, anywhere */
	.quad	0, 0, 0
	.ascii	"ARM\x64"
	.long	0

primary:
	mov	x19, x0
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	ldr	x1, =stack0_top
	mov	sp, x1
	adr	x1, _head
	mov	x0, x19
	bl	payload_main
	b	.

	.global	secondary_entry
secondary_entry:
	ldr	x1, =stack1_top
	mov	sp, x1
	bl	payload_secondary
	b	.

/*
 * smc_call(regs): x0..x7 from regs[0..7], SMC, x0..x7 back to regs.
 * x8..x17 are loaded with a pattern and checked afterwards: regs[8] = 1
 * if the firmware preserved them.
 */
	.global	smc_call
smc_call:
	stp	x29, x30, [sp, #-32]!
	str	x0, [sp, #16]
	mov	x18, x0
	ldp	x0, x1, [x18, #0]
	ldp	x2, x3, [x18, #16]
	ldp	x4, x5, [x18, #32]
	ldp	x6, x7, [x18, #48]
	mov	x8, #0x8888
	mov	x9, #0x9999
	mov	x10, #0xaaaa
	mov	x11, #0xbbbb
	mov	x12, #0xcccc
	mov	x13, #0xdddd
	mov	x14, #0xeeee
	mov	x15, #0xffff
	mov	x16, #0x1616
	mov	x17, #0x1717
	smc	#0
	ldr	x18, [sp, #16]
	stp	x0, x1, [x18, #0]
	stp	x2, x3, [x18, #16]
	stp	x4, x5, [x18, #32]
	stp	x6, x7, [x18, #48]
	mov	x0, #1
	mov	x1, #0x8888
	cmp	x8, x1
	csel	x0, x0, xzr, eq
	mov	x1, #0x9999
	cmp	x9, x1
	csel	x0, x0, xzr, eq
	mov	x1, #0xaaaa
	cmp	x10, x1
	csel	x0, x0, xzr, eq
	mov	x1, #0xbbbb
	cmp	x11, x1
	csel	x0, x0, xzr, eq
	mov	x1, #0xcccc
	cmp	x12, x1
	csel	x0, x0, xzr, eq
	mov	x1, #0xdddd
	cmp	x13, x1
	csel	x0, x0, xzr, eq
	mov	x1, #0xeeee
	cmp	x14, x1
	csel	x0, x0, xzr, eq
	mov	x1, #0xffff
	cmp	x15, x1
	csel	x0, x0, xzr, eq
	mov	x1, #0x1616
	cmp	x16, x1
	csel	x0, x0, xzr, eq
	mov	x1, #0x1717
	cmp	x17, x1
	csel	x0, x0, xzr, eq
	str	x0, [x18, #64]
	ldp	x29, x30, [sp], #32
	ret

	.bss
	.balign	16
	.space	16384
stack0_top:
	.space	16384
stack1_top:
