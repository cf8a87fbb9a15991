/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * EL3 exception vectors. Lower-EL synchronous exceptions (SMC, granule
 * protection faults) save x0..x30 in a frame on the EL3 stack and call
 * el3_sync_lower(frame); the frame is reloaded before the eret, so results
 * are returned by writing the frame. Everything else is fatal.
 */
#define FRAME_SIZE	(32 * 8)

	.macro	save_frame
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0 * 8]
	stp	x2, x3, [sp, #2 * 8]
	stp	x4, x5, [sp, #4 * 8]
	stp	x6, x7, [sp, #6 * 8]
	stp	x8, x9, [sp, #8 * 8]
	stp	x10, x11, [sp, #10 * 8]
	stp	x12, x13, [sp, #12 * 8]
	stp	x14, x15, [sp, #14 * 8]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #18 * 8]
	stp	x20, x21, [sp, #20 * 8]
	stp	x22, x23, [sp, #22 * 8]
	stp	x24, x25, [sp, #24 * 8]
	stp	x26, x27, [sp, #26 * 8]
	stp	x28, x29, [sp, #28 * 8]
	str	x30, [sp, #30 * 8]
	.endm

	.macro	fatal kind
	save_frame
	mov	x0, sp
	mov	x1, #\kind
	bl	el3_fatal
	b	.
	.endm

	.macro	ventry label
	.balign	0x80
	b	\label
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.global	vectors
vectors:
	ventry	cur_sp0_sync		/* 0x000 */
	ventry	cur_sp0_other
	ventry	cur_sp0_other
	ventry	cur_sp0_other
	ventry	cur_spx_sync		/* 0x200 */
	ventry	cur_spx_other
	ventry	cur_spx_other
	ventry	cur_spx_other
	ventry	lower64_sync		/* 0x400 */
	ventry	lower64_other
	ventry	lower64_other
	ventry	lower64_other
	ventry	lower32_any		/* 0x600 */
	ventry	lower32_any
	ventry	lower32_any
	ventry	lower32_any

cur_sp0_sync:
	fatal	0
cur_sp0_other:
	fatal	1
cur_spx_sync:
	fatal	2
cur_spx_other:
	fatal	3
lower64_other:
	fatal	4
lower32_any:
	fatal	5

lower64_sync:
	save_frame
	mov	x0, sp
	bl	el3_sync_lower
	ldp	x0, x1, [sp, #0 * 8]
	ldp	x2, x3, [sp, #2 * 8]
	ldp	x4, x5, [sp, #4 * 8]
	ldp	x6, x7, [sp, #6 * 8]
	ldp	x8, x9, [sp, #8 * 8]
	ldp	x10, x11, [sp, #10 * 8]
	ldp	x12, x13, [sp, #12 * 8]
	ldp	x14, x15, [sp, #14 * 8]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #18 * 8]
	ldp	x20, x21, [sp, #20 * 8]
	ldp	x22, x23, [sp, #22 * 8]
	ldp	x24, x25, [sp, #24 * 8]
	ldp	x26, x27, [sp, #26 * 8]
	ldp	x28, x29, [sp, #28 * 8]
	ldr	x30, [sp, #30 * 8]
	add	sp, sp, #FRAME_SIZE
	eret
