/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rmm-model: the platform hooks the portable core calls.
 *
 * The firmware's arch/ layer provides them for the real machine; the host
 * unit tests (tests/test_main.c) and the test payload provide stand-ins.
 * The core reaches the machine through nothing else.
 */
#ifndef RMM_MODEL_PLAT_H
#define RMM_MODEL_PLAT_H

#include <stdint.h>

/* Pointer through which the firmware reaches physical address pa (Root PAS:
 * firmware, carve-out, GPT, RMM memory). */
void *plat_phys(uint64_t pa);
/* The same for a host page, in the non-secure PAS (GPI NS host memory). */
void *plat_phys_ns(uint64_t pa);
/* Invalidate cached granule protection information after a GPT change. */
void plat_gpt_changed(void);
/* Wake CPUs waiting in the hold pen (SEV). */
void plat_wake_cpus(void);
/* One character to the firmware console. */
void plat_putc(char c);
/* Monotonic time in nanoseconds (the ledger's rmi_time_us). */
uint64_t plat_time_ns(void);
/* Spinlock (arch: exclusive load/store; host tests: checks). */
void plat_lock(volatile uint32_t *l);
void plat_unlock(volatile uint32_t *l);

#endif
