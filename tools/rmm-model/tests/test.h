/* SPDX-License-Identifier: BSD-2-Clause */
/* Tiny unit-test harness for the rmm-model core (host build). */
#ifndef RMM_MODEL_TEST_H
#define RMM_MODEL_TEST_H

#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include "core.h"

extern int test_failed;	/* set by CHECK in the running test */

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		test_failed = 1;					\
		printf("  FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	}								\
} while (0)

#define CHECK_EQ(a, b) do {						\
	unsigned long long __a = (unsigned long long)(a);		\
	unsigned long long __b = (unsigned long long)(b);		\
	if (__a != __b) {						\
		test_failed = 1;					\
		printf("  FAIL %s:%d: %s == %s (0x%llx != 0x%llx)\n",	\
		       __FILE__, __LINE__, #a, #b, __a, __b);		\
	}								\
} while (0)

struct test_case {
	const char *name;
	void (*fn)(void);
};

#define TEST(name) static void name(void)

/* host stand-ins for the plat hooks */
extern unsigned long long test_gpt_changes;
extern unsigned long long test_wakes;
extern unsigned long long test_locks;
extern unsigned long long test_ns_accesses;
extern char test_console[65536];
extern size_t test_console_len;
void test_console_reset(void);
/* Host memory standing in for physical addresses 0 .. 4 GiB. */
void *test_mem_base(void);

extern const struct test_case core_tests[];
extern const struct test_case rmm_tests[];

#endif
