// SPDX-License-Identifier: BSD-2-Clause
/* Runs every unit test; prints "rmm-model: N passed, N failed". */
#include <stdlib.h>
#include <sys/mman.h>
#include "test.h"

int test_failed;
unsigned long long test_gpt_changes;
unsigned long long test_wakes;
char test_console[65536];
size_t test_console_len;

#define PHYS_SPAN	(4ULL << 30)

static unsigned char *phys;

void *test_mem_base(void)
{
	return phys;
}

void *plat_phys(uint64_t pa)
{
	if (pa >= PHYS_SPAN) {
		printf("  plat_phys(0x%llx) outside the test memory\n",
		       (unsigned long long)pa);
		abort();
	}
	return phys + pa;
}

unsigned long long test_ns_accesses;

void *plat_phys_ns(uint64_t pa)
{
	test_ns_accesses++;
	return plat_phys(pa);
}

void plat_gpt_changed(void)
{
	test_gpt_changes++;
}

/* every reading is 1.5 us later than the previous one */
uint64_t test_time_ns;

uint64_t plat_time_ns(void)
{
	return test_time_ns += 1500;
}

void plat_wake_cpus(void)
{
	test_wakes++;
}

unsigned long long test_locks;

void plat_lock(volatile uint32_t *l)
{
	if (*l) {
		printf("  plat_lock: lock already held\n");
		abort();
	}
	*l = 1;
	test_locks++;
}

void plat_unlock(volatile uint32_t *l)
{
	if (!*l) {
		printf("  plat_unlock: lock not held\n");
		abort();
	}
	*l = 0;
}

void plat_putc(char c)
{
	if (test_console_len + 1 < sizeof(test_console)) {
		test_console[test_console_len++] = c;
		test_console[test_console_len] = '\0';
	}
}

void test_console_reset(void)
{
	test_console_len = 0;
	test_console[0] = '\0';
}

static void run(const struct test_case *t, int *pass, int *fail)
{
	for (; t->name; t++) {
		test_failed = 0;
		test_console_reset();
		t->fn();
		if (test_failed) {
			printf("FAIL %s\n", t->name);
			(*fail)++;
		} else {
			printf("ok   %s\n", t->name);
			(*pass)++;
		}
	}
}

int main(void)
{
	int pass = 0, fail = 0;

	phys = mmap(NULL, PHYS_SPAN, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (phys == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	run(core_tests, &pass, &fail);
	run(rmm_tests, &pass, &fail);
	printf("rmm-model: %d passed, %d failed\n", pass, fail);
	return fail ? 1 : 0;
}
