// SPDX-License-Identifier: BSD-2-Clause
/*
 * End-to-end test payload: runs at non-secure EL2 in place of a kernel and
 * makes real SMCs to the firmware: PSCI (incl. CPU_ON / CPU_OFF /
 * AFFINITY_INFO of CPU 1) and the RMI commands of the RMM model, whatever
 * the scenario (plat/host/legacy GPT, chunked ranges, ACTIVATE as an SRO).
 * Prints "payload: N passed, N failed" on UART0, then SYSTEM_OFF.
 *
 * With "payload-gpf" in /chosen/bootargs it finally reads a delegated
 * granule: the firmware must report a granule protection fault.
 */
#include "../core/core.h"
#include "../core/rmm.h"

#define UART0		0x09000000UL
#define PAGE		0x1000UL

/* scratch memory, all in DRAM region 2 (0x80000000..), which has an L1
 * table in every mode because the carve-out is at the top of it */
#define CFG_PAGE	0x92000000UL
#define LIST_PAGE	0x92001000UL
#define POOL		0x90000000UL	/* donations, 16 MiB */
#define DELEG		0x91000000UL	/* delegation tests */
#define REGION1		0x40000000UL
#define REGION1_TOP	0x80000000UL

struct regs {
	uint64_t x[8];
	uint64_t preserved;
};

void smc_call(struct regs *r);
void secondary_entry(void);
void payload_main(uint64_t dtb, uint64_t base);
void payload_secondary(uint64_t ctx);

static int passed, failed;
static uint64_t pool_next = POOL;
static volatile uint64_t cpu1_flag;

void plat_putc(char c)
{
	volatile uint32_t *uart = (volatile uint32_t *)UART0;

	while (uart[0x18 / 4] & (1U << 5))
		;
	uart[0] = (uint32_t)(unsigned char)c;
}

/* The core's fmt.c wants these to exist; the payload never calls them. */
void *plat_phys(uint64_t pa) { return (void *)(uintptr_t)pa; }
void *plat_phys_ns(uint64_t pa) { return (void *)(uintptr_t)pa; }
void plat_gpt_changed(void) { }
void plat_wake_cpus(void) { }

static struct regs call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct regs r;

	fw_memset(&r, 0, sizeof(r));
	r.x[0] = fid;
	r.x[1] = a1;
	r.x[2] = a2;
	r.x[3] = a3;
	r.x[4] = 0x4444;
	r.x[5] = 0x5555;
	r.x[6] = 0x6666;
	r.x[7] = 0x7777;
	smc_call(&r);
	if (!r.preserved || r.x[4] != 0x4444 || r.x[5] != 0x5555 ||
	    r.x[6] != 0x6666 || r.x[7] != 0x7777) {
		fw_printf("payload: FAIL fid 0x%llx clobbered x4..x17\n",
			  (unsigned long long)fid);
		failed++;
	}
	return r;
}

static uint64_t rmi(uint32_t func, uint64_t a1, uint64_t a2, uint64_t a3,
		    struct regs *out)
{
	struct regs r = call(RMI_FID(func), a1, a2, a3);

	if (out)
		*out = r;
	return r.x[0];
}

#define EXPECT(name, cond) do {						\
	if (cond) {							\
		passed++;						\
		fw_printf("payload: ok   %s\n", name);			\
	} else {							\
		failed++;						\
		fw_printf("payload: FAIL %s (line %d)\n", name, __LINE__); \
	}								\
} while (0)

static bool bootargs_have(uint64_t dtb, const char *word)
{
	/* Crude: look for the word anywhere in the blob's first 64 KiB. */
	const char *p = (const char *)(uintptr_t)dtb;
	size_t n = fw_strlen(word), i;

	for (i = 0; i + n < 65536; i++)
		if (fw_strneq(p + i, word, n))
			return true;
	return false;
}

static uint64_t pool_alloc(uint64_t pages, bool contig_aligned)
{
	uint64_t size = pages * PAGE, pa;

	if (contig_aligned) {
		uint64_t align = 1;

		while (align < size)
			align <<= 1;
		pool_next = ALIGN_UP(pool_next, align);
	}
	pa = pool_next;
	pool_next += size;
	return pa;
}

/* Drive a stateful operation to its end; returns the final status. */
static uint64_t run_sro(struct regs r)
{
	uint64_t handle = r.x[1], req = r.x[2];
	int guard = 0;

	while ((r.x[0] & 0xff) == RMI_INCOMPLETE && guard++ < 100) {
		unsigned int memreq = (unsigned int)(r.x[0] >> 8) & 3;

		if (memreq == RMI_MEMREQ_DONATE) {
			uint64_t count = (req >> DONREQ_COUNT_SHIFT) &
					 DONREQ_COUNT_MASK;
			bool contig = req & DONREQ_CONTIG;
			bool undel = req & DONREQ_UNDELEGATED;
			uint64_t pa = pool_alloc(count, contig), *list, i;

			if (!undel) {
				struct regs d;

				rmi(RMI_GRANULE_RANGE_DELEGATE, pa,
				    pa + count * PAGE, 0, &d);
			}
			list = (uint64_t *)LIST_PAGE;
			fw_memset(list, 0, PAGE);
			if (contig) {
				list[0] = pa | (count << ADDR_COUNT_SHIFT) |
					  (undel ? ADDR_UNDELEGATED : 0);
				i = 1;
			} else {
				for (i = 0; i < count; i++)
					list[i] = (pa + i * PAGE) |
						  (1ULL << ADDR_COUNT_SHIFT) |
						  (undel ? ADDR_UNDELEGATED : 0);
			}
			rmi(RMI_OP_MEM_DONATE, handle, LIST_PAGE, i, &r);
			fw_printf("payload: donated %llu page(s) at 0x%llx: status 0x%llx consumed %llu\n",
				  (unsigned long long)count,
				  (unsigned long long)pa,
				  (unsigned long long)r.x[0],
				  (unsigned long long)r.x[1]);
			req = r.x[2];
		} else if (memreq == RMI_MEMREQ_RECLAIM) {
			rmi(RMI_OP_MEM_RECLAIM, handle, LIST_PAGE, 512, &r);
		} else {
			rmi(RMI_OP_CONTINUE, handle, 0, 0, &r);
			req = r.x[2];
		}
	}
	return r.x[0];
}

/* Range command to completion; returns the status of the last call. */
static uint64_t range_all(uint32_t func, uint64_t base, uint64_t top,
			  int *calls)
{
	struct regs r;
	uint64_t next = base;

	*calls = 0;
	do {
		rmi(func, next, top, 0, &r);
		(*calls)++;
		if (r.x[0] != RMI_SUCCESS || r.x[1] <= next)
			return r.x[0] ? r.x[0] : 0xdead;
		next = r.x[1];
	} while (next < top && *calls < 10000);
	return RMI_SUCCESS;
}

static void test_psci(void)
{
	struct regs r;
	int i;

	EXPECT("PSCI_VERSION 1.1", call(PSCI_VERSION, 0, 0, 0).x[0] == 0x10001);
	EXPECT("SMCCC_VERSION 1.2", call(SMCCC_VERSION, 0, 0, 0).x[0] == 0x10002);
	EXPECT("PSCI_FEATURES(SMCCC_VERSION)",
	       call(PSCI_FEATURES, SMCCC_VERSION, 0, 0).x[0] == 0);
	EXPECT("MIGRATE_INFO_TYPE 2",
	       call(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0).x[0] == 2);
	EXPECT("unknown FID -1", call(0xC2001234, 0, 0, 0).x[0] == (uint64_t)-1);
	EXPECT("AFFINITY_INFO(cpu1) off",
	       call(PSCI_AFFINITY_INFO_64, 1, 0, 0).x[0] == 1);
	EXPECT("CPU_ON bad entry",
	       call(PSCI_CPU_ON_64, 1, 0x1000, 0).x[0] ==
	       (uint64_t)PSCI_INVALID_ADDRESS);
	EXPECT("CPU_ON bad mpidr",
	       call(PSCI_CPU_ON_64, 0x77, (uint64_t)secondary_entry, 0).x[0] ==
	       (uint64_t)PSCI_INVALID_PARAMS);

	r = call(PSCI_CPU_ON_64, 1, (uint64_t)secondary_entry, 0x11);
	EXPECT("CPU_ON cpu1", r.x[0] == 0);
	for (i = 0; i < 1000000000 && cpu1_flag != 0x11; i++)
		;
	EXPECT("cpu1 ran with context id", cpu1_flag == 0x11);
	for (i = 0; i < 1000000; i++)
		if (call(PSCI_AFFINITY_INFO_64, 1, 0, 0).x[0] == 1)
			break;
	EXPECT("cpu1 off again (CPU_OFF)",
	       call(PSCI_AFFINITY_INFO_64, 1, 0, 0).x[0] == 1);
	r = call(PSCI_CPU_ON_64, 1, (uint64_t)secondary_entry, 0x22);
	EXPECT("CPU_ON cpu1 again", r.x[0] == 0);
	for (i = 0; i < 1000000000 && cpu1_flag != 0x22; i++)
		;
	EXPECT("cpu1 ran again", cpu1_flag == 0x22);
}

/* The EL3 reservation service is for the realm world only. */
static void test_resv(void)
{
	struct regs r = call(RMM_RESERVE_MEMORY, 0x1000, 0, 0);

	EXPECT("RMM_RESERVE_MEMORY from NS -> -1",
	       r.x[0] == (uint64_t)-1 && r.x[1] == 0);
	r = call(RMM_ALLOCATE_MEMORY, 0x1000, 1, 0);
	EXPECT("RMM_ALLOCATE_MEMORY from NS -> -1",
	       r.x[0] == (uint64_t)-1 && r.x[1] == 0);
}

/* coarse=1;tracking_set=on: region 1 is COARSE until the host sets it */
static void test_tracking_set(void)
{
	struct regs r;
	uint64_t st, pa = REGION1 + 0x8000000;
	int calls;

	rmi(RMI_GRANULE_TRACKING_GET, REGION1, REGION1_TOP, 0, &r);
	EXPECT("TRACKING_GET region 1 coarse",
	       r.x[0] == 0 && r.x[2] == TRK_COARSE && r.x[3] == REGION1_TOP);
	EXPECT("DELEGATE in coarse region -> ERROR_TRACKING",
	       rmi(RMI_GRANULE_RANGE_DELEGATE, pa, pa + PAGE, 0, NULL) ==
	       RMI_ERROR_TRACKING);
	EXPECT("TRACKING_SET bad category",
	       rmi(RMI_GRANULE_TRACKING_SET, REGION1, 1, TRK_FINE, NULL) ==
	       RMI_ERROR_INPUT);
	EXPECT("TRACKING_SET misaligned",
	       rmi(RMI_GRANULE_TRACKING_SET, REGION1 + PAGE, 0, TRK_FINE,
		   NULL) == RMI_ERROR_INPUT);
	st = rmi(RMI_GRANULE_TRACKING_SET, REGION1, CAT_CONVENTIONAL, TRK_FINE,
		 &r);
	EXPECT("TRACKING_SET(FINE) asks for memory",
	       (st & 0xff) == RMI_INCOMPLETE &&
	       ((st >> 8) & 3) == RMI_MEMREQ_DONATE);
	EXPECT("TRACKING_SET(FINE) done", run_sro(r) == RMI_SUCCESS);
	rmi(RMI_GRANULE_TRACKING_GET, REGION1, REGION1_TOP, 0, &r);
	EXPECT("TRACKING_GET region 1 fine", r.x[2] == TRK_FINE);
	EXPECT("DELEGATE in now-fine region",
	       range_all(RMI_GRANULE_RANGE_DELEGATE, pa, pa + 4 * PAGE,
			 &calls) == RMI_SUCCESS);
	EXPECT("TRACKING_SET(COARSE) with delegated -> ERROR_GRANULE",
	       rmi(RMI_GRANULE_TRACKING_SET, REGION1, 0, TRK_COARSE, NULL) ==
	       RMI_ERROR_GRANULE);
	EXPECT("UNDELEGATE",
	       range_all(RMI_GRANULE_RANGE_UNDELEGATE, pa, pa + 4 * PAGE,
			 &calls) == RMI_SUCCESS);
	st = rmi(RMI_GRANULE_TRACKING_SET, REGION1, 0, TRK_COARSE, &r);
	EXPECT("TRACKING_SET(COARSE) returns memory",
	       (st & 0xff) == RMI_INCOMPLETE &&
	       ((st >> 8) & 3) == RMI_MEMREQ_RECLAIM);
	EXPECT("TRACKING_SET(COARSE) done", run_sro(r) == RMI_SUCCESS);
	rmi(RMI_GRANULE_TRACKING_GET, REGION1, REGION1_TOP, 0, &r);
	EXPECT("TRACKING_GET region 1 coarse again", r.x[2] == TRK_COARSE);
}

/* hotplug=1G: 0xc0000000.. is unknown (NONE) until the host sets it */
#define HOT	0xc0000000UL
#define HOT_TOP	0x100000000UL
static void test_hotplug(void)
{
	struct regs r;
	int calls;

	rmi(RMI_GRANULE_TRACKING_GET, HOT, HOT_TOP, 0, &r);
	EXPECT("TRACKING_GET hotplug NONE",
	       r.x[0] == 0 && r.x[2] == TRK_NONE && r.x[3] == HOT_TOP);
	EXPECT("DELEGATE hotplug before TRACKING_SET -> ERROR_TRACKING",
	       rmi(RMI_GRANULE_RANGE_DELEGATE, HOT, HOT + PAGE, 0, NULL) ==
	       RMI_ERROR_TRACKING);
	rmi(RMI_GRANULE_TRACKING_SET, HOT, 0, TRK_FINE, &r);
	EXPECT("TRACKING_SET(hotplug, FINE)", run_sro(r) == RMI_SUCCESS);
	rmi(RMI_GRANULE_TRACKING_GET, HOT, HOT_TOP, 0, &r);
	EXPECT("TRACKING_GET hotplug FINE",
	       r.x[2] == TRK_FINE && r.x[3] == HOT_TOP);
	EXPECT("DELEGATE hotplug granules",
	       range_all(RMI_GRANULE_RANGE_DELEGATE, HOT, HOT + 2 * PAGE,
			 &calls) == RMI_SUCCESS);
	EXPECT("UNDELEGATE hotplug granules",
	       range_all(RMI_GRANULE_RANGE_UNDELEGATE, HOT, HOT + 2 * PAGE,
			 &calls) == RMI_SUCCESS);
}

/*
 * payload-tfrmm (profile=tf-rmm-0.9): answers like the measured TF-RMM.
 * Runs before CONFIG_SET / ACTIVATE. With -m 4G, 0x1_1000_0000 is RAM
 * outside the first 3 GiB: CONFIG_SET must refuse it.
 */
static void test_tfrmm_init(void)
{
	struct regs r;

	rmi(RMI_FEATURES, 0, 0, 0, &r);
	EXPECT("tf-rmm: FR0 0x317f34", r.x[0] == 0 && r.x[1] == 0x317f34);
	rmi(RMI_FEATURES, 1, 0, 0, &r);
	EXPECT("tf-rmm: FR1 0x142a9", r.x[0] == 0 && r.x[1] == 0x142a9);
	EXPECT("tf-rmm: GPT_INFO -1",
	       rmi(RMI_GPT_INFO, REGION1, REGION1_TOP, 0, NULL) ==
	       (uint64_t)-1);
	EXPECT("tf-rmm: RMM_DEACTIVATE -1",
	       rmi(RMI_RMM_DEACTIVATE, 0, 0, 0, NULL) == (uint64_t)-1);
	EXPECT("tf-rmm: TRACKING_SET -1",
	       rmi(RMI_GRANULE_TRACKING_SET, REGION1, 0, TRK_FINE, NULL) ==
	       (uint64_t)-1);
	EXPECT("tf-rmm: DELEGATE before ACTIVATE -> ERROR_GLOBAL",
	       rmi(RMI_GRANULE_RANGE_DELEGATE, DELEG, DELEG + PAGE, 0,
		   NULL) == RMI_ERROR_GLOBAL);
	EXPECT("tf-rmm: CONFIG_SET above 3 GiB of RAM -> ERROR_INPUT",
	       rmi(RMI_RMM_CONFIG_SET, 0x110000000UL, 0, 0, NULL) ==
	       RMI_ERROR_INPUT);
	rmi(RMI_GRANULE_TRACKING_GET, REGION1, 0x100000000UL, 0, &r);
	EXPECT("tf-rmm: TRACKING_GET FINE to the requested top",
	       r.x[0] == 0 && r.x[2] == TRK_FINE && r.x[3] == 0x100000000UL);
}

/* payload-deactivate: RMM_DEACTIVATE gives everything back */
static void test_deactivate(void)
{
	struct regs r;
	uint64_t *cfg = (uint64_t *)CFG_PAGE;
	int calls;

	/* host mode delegated one granule of region 1 earlier: give it back */
	range_all(RMI_GRANULE_RANGE_UNDELEGATE, REGION1 + 0x8000000,
		  REGION1 + 0x8001000, &calls);
	EXPECT("DELEGATE one granule",
	       range_all(RMI_GRANULE_RANGE_DELEGATE, DELEG, DELEG + PAGE,
			 &calls) == RMI_SUCCESS);
	EXPECT("DEACTIVATE with a delegated granule -> ERROR_INPUT",
	       rmi(RMI_RMM_DEACTIVATE, 0, 0, 0, NULL) == RMI_ERROR_INPUT);
	EXPECT("UNDELEGATE it",
	       range_all(RMI_GRANULE_RANGE_UNDELEGATE, DELEG, DELEG + PAGE,
			 &calls) == RMI_SUCCESS);
	rmi(RMI_RMM_DEACTIVATE, 0, 0, 0, &r);
	fw_printf("payload: RMM_DEACTIVATE -> 0x%llx\n",
		  (unsigned long long)r.x[0]);
	EXPECT("DEACTIVATE", run_sro(r) == RMI_SUCCESS);
	r = call(RMM_MODEL_SIP_LEDGER, 0, 0, 0);
	EXPECT("nothing outstanding after DEACTIVATE", r.x[3] == 0);
	EXPECT("DELEGATE after DEACTIVATE -> ERROR_GLOBAL",
	       rmi(RMI_GRANULE_RANGE_DELEGATE, DELEG, DELEG + PAGE, 0,
		   NULL) == RMI_ERROR_GLOBAL);
	EXPECT("DEACTIVATE again -> ERROR_GLOBAL",
	       rmi(RMI_RMM_DEACTIVATE, 0, 0, 0, NULL) == RMI_ERROR_GLOBAL);
	fw_memset(cfg, 0, PAGE);
	EXPECT("CONFIG_SET after DEACTIVATE",
	       rmi(RMI_RMM_CONFIG_SET, CFG_PAGE, 0, 0, NULL) == RMI_SUCCESS);
	rmi(RMI_RMM_ACTIVATE, 0, 0, 0, &r);
	EXPECT("ACTIVATE again", run_sro(r) == RMI_SUCCESS);
	EXPECT("DELEGATE after the second ACTIVATE",
	       range_all(RMI_GRANULE_RANGE_DELEGATE, DELEG, DELEG + PAGE,
			 &calls) == RMI_SUCCESS &&
	       range_all(RMI_GRANULE_RANGE_UNDELEGATE, DELEG, DELEG + PAGE,
			 &calls) == RMI_SUCCESS);
}

static void test_rmi(uint64_t dtb)
{
	struct regs r;
	uint64_t st, *cfg = (uint64_t *)CFG_PAGE;
	int calls;
	volatile uint64_t *deleg = (volatile uint64_t *)DELEG;

	st = rmi(RMI_VERSION, 0x20000, 0, 0, &r);
	fw_printf("payload: RMI_VERSION -> 0x%llx (0x%llx..0x%llx)\n",
		  (unsigned long long)st, (unsigned long long)r.x[1],
		  (unsigned long long)r.x[2]);
	if (st == (uint64_t)-1) {
		fw_printf("payload: no RMM\n");
		EXPECT("no RMM: FEATURES -1",
		       rmi(RMI_FEATURES, 0, 0, 0, NULL) == (uint64_t)-1);
		EXPECT("no RMM: DELEGATE -1",
		       rmi(RMI_GRANULE_RANGE_DELEGATE, DELEG, DELEG + PAGE, 0,
			   NULL) == (uint64_t)-1);
		EXPECT("no RMM: GPT_INFO -1",
		       rmi(RMI_GPT_INFO, REGION1, REGION1_TOP, 0, NULL) ==
		       (uint64_t)-1);
		return;
	}
	if (st == RMI_ERROR_INPUT) {
		fw_printf("payload: RMI version mismatch: RMM implements 0x%llx..0x%llx, not 0x20000\n",
			  (unsigned long long)r.x[1],
			  (unsigned long long)r.x[2]);
		EXPECT("version mismatch range excludes 2.0",
		       r.x[1] <= r.x[2] &&
		       (r.x[1] > 0x20000 || r.x[2] < 0x20000));
		return;
	}
	EXPECT("RMI_VERSION 2.0", st == RMI_SUCCESS);
	rmi(RMI_FEATURES, 1, 0, 0, &r);
	EXPECT("FEATURES FR1 4K", r.x[0] == 0 && (r.x[1] & 1));
	fw_printf("payload: FR1 0x%llx L0GPTSZ %llu PPS %llu\n",
		  (unsigned long long)r.x[1],
		  (unsigned long long)((r.x[1] >> 10) & 0xf),
		  (unsigned long long)((r.x[1] >> 14) & 7));

	if (bootargs_have(dtb, "payload-tfrmm"))
		test_tfrmm_init();
	fw_memset(cfg, 0, PAGE);
	EXPECT("CONFIG_SET", rmi(RMI_RMM_CONFIG_SET, CFG_PAGE, 0, 0, NULL) ==
	       RMI_SUCCESS);
	EXPECT("CONFIG_SET misaligned",
	       rmi(RMI_RMM_CONFIG_SET, CFG_PAGE + 8, 0, 0, NULL) ==
	       RMI_ERROR_INPUT);
	rmi(RMI_RMM_ACTIVATE, 0, 0, 0, &r);
	EXPECT("ACTIVATE", run_sro(r) == RMI_SUCCESS);
	EXPECT("CONFIG_SET after ACTIVATE",
	       rmi(RMI_RMM_CONFIG_SET, CFG_PAGE, 0, 0, NULL) ==
	       RMI_ERROR_GLOBAL);

	rmi(RMI_GRANULE_TRACKING_GET, REGION1, REGION1_TOP, 0, &r);
	EXPECT("TRACKING_GET DRAM fine (coarse with payload-coarse)",
	       r.x[0] == 0 && r.x[1] == 0 && r.x[3] == REGION1_TOP &&
	       r.x[2] == (bootargs_have(dtb, "payload-coarse") ? TRK_COARSE :
							       TRK_FINE));
	EXPECT("TRACKING_GET top<=base",
	       rmi(RMI_GRANULE_TRACKING_GET, REGION1, REGION1, 0, NULL) ==
	       RMI_ERROR_INPUT);

	st = rmi(RMI_GPT_INFO, REGION1, REGION1_TOP, 0, &r);
	fw_printf("payload: GPT_INFO(region 1) -> 0x%llx state %llu\n",
		  (unsigned long long)st, (unsigned long long)r.x[2]);
	if (st == RMI_SUCCESS && r.x[2] == PAR_HOST_NOT_CREATED) {
		EXPECT("delegate without L1 -> ERROR_GPT",
		       rmi(RMI_GRANULE_RANGE_DELEGATE, REGION1 + 0x8000000,
			   REGION1 + 0x8001000, 0, NULL) == RMI_ERROR_GPT);
		rmi(RMI_GPT_L1_CREATE, REGION1, 0, 0, &r);
		EXPECT("GPT_L1_CREATE asks for memory",
		       (r.x[0] & 0xff) == RMI_INCOMPLETE &&
		       ((r.x[2] >> DONREQ_COUNT_SHIFT) & DONREQ_COUNT_MASK) == 32);
		EXPECT("GPT_L1_CREATE (host)", run_sro(r) == RMI_SUCCESS);
		rmi(RMI_GPT_INFO, REGION1, REGION1_TOP, 0, &r);
		EXPECT("GPT_INFO host created", r.x[2] == PAR_HOST_CREATED);
		EXPECT("delegate with L1",
		       range_all(RMI_GRANULE_RANGE_DELEGATE, REGION1 + 0x8000000,
				 REGION1 + 0x8001000, &calls) == RMI_SUCCESS);
	} else {
		EXPECT("GPT_L1_CREATE (firmware tables) -> ERROR_GPT",
		       rmi(RMI_GPT_L1_CREATE, REGION1, 0, 0, NULL) ==
		       RMI_ERROR_GPT);
	}
	EXPECT("GPT_L1_CREATE misaligned -> ERROR_INPUT",
	       rmi(RMI_GPT_L1_CREATE, REGION1 + PAGE, 0, 0, NULL) ==
	       RMI_ERROR_INPUT);

	EXPECT("DELEGATE misaligned",
	       rmi(RMI_GRANULE_RANGE_DELEGATE, DELEG + 1, DELEG + PAGE, 0,
		   NULL) == RMI_ERROR_INPUT);
	EXPECT("DELEGATE top<=base",
	       rmi(RMI_GRANULE_RANGE_DELEGATE, DELEG, DELEG, 0, NULL) ==
	       RMI_ERROR_INPUT);
	deleg[0] = 0x1234;
	EXPECT("DELEGATE 64 granules",
	       range_all(RMI_GRANULE_RANGE_DELEGATE, DELEG, DELEG + 64 * PAGE,
			 &calls) == RMI_SUCCESS);
	fw_printf("payload: delegate took %d call(s)\n", calls);
	EXPECT("DELEGATE again -> ERROR_GRANULE",
	       rmi(RMI_GRANULE_RANGE_DELEGATE, DELEG, DELEG + PAGE, 0, &r) ==
	       RMI_ERROR_GRANULE && r.x[1] == DELEG);
	EXPECT("CONFIG_GET into delegated page -> ERROR_INPUT",
	       rmi(RMI_RMM_CONFIG_GET, DELEG, 0, 0, NULL) == RMI_ERROR_INPUT);

	if (bootargs_have(dtb, "payload-gpf")) {
		fw_printf("payload: reading delegated granule 0x%llx: expect a GPF\n",
			  (unsigned long long)DELEG);
		fw_printf("payload: read 0x%llx (no fault!)\n",
			  (unsigned long long)deleg[0]);
		failed++;
	}
	EXPECT("UNDELEGATE 64 granules",
	       range_all(RMI_GRANULE_RANGE_UNDELEGATE, DELEG,
			 DELEG + 64 * PAGE, &calls) == RMI_SUCCESS);
	deleg[1] = 0x5678;
	EXPECT("host access after UNDELEGATE", deleg[1] == 0x5678);

	if (bootargs_have(dtb, "payload-coarse"))
		test_tracking_set();
	if (bootargs_have(dtb, "payload-hotplug"))
		test_hotplug();
	if (bootargs_have(dtb, "payload-deactivate"))
		test_deactivate();
}

void payload_secondary(uint64_t ctx)
{
	cpu1_flag = ctx;
	call(PSCI_CPU_OFF, 0, 0, 0);
	fw_printf("payload: FAIL CPU_OFF returned\n");
	for (;;)
		;
}

void payload_main(uint64_t dtb, uint64_t base)
{
	fw_printf("\npayload: NS-EL2 test payload at 0x%llx, DTB 0x%llx\n",
		  (unsigned long long)base, (unsigned long long)dtb);
	EXPECT("loaded at link address", base == 0x40200000);
	test_psci();
	test_resv();
	test_rmi(dtb);
	{
		struct regs r = call(RMM_MODEL_SIP_LEDGER, 0, 0, 0);

		fw_printf("payload: SiP ledger: x0 0x%llx rmi calls %llu errors %llu outstanding %llu\n",
			  (unsigned long long)r.x[0],
			  (unsigned long long)r.x[1],
			  (unsigned long long)r.x[2],
			  (unsigned long long)r.x[3]);
		EXPECT("SiP ledger call", r.x[0] == 0);
	}
	fw_printf("payload: %d passed, %d failed\n", passed, failed);
	call(PSCI_SYSTEM_OFF, 0, 0, 0);
	fw_printf("payload: SYSTEM_OFF returned\n");
	for (;;)
		;
}
