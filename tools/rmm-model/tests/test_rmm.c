// SPDX-License-Identifier: BSD-2-Clause
/* Unit tests of the RMM model: RMI commands, SROs, GPT effects, ledger. */
#include <stdlib.h>
#include "test.h"
#include "rmm.h"

#define DRAM_BASE	0x40000000ULL
#define DRAM_TOP	0xc0000000ULL
#define R1		0x40000000ULL	/* first 1 GiB region of DRAM */
#define R2		0x80000000ULL	/* second, holds the carve-out */
#define PAGE		0x1000ULL
#define CFG_PAGE	0x41000000ULL
#define LIST_PAGE	0x41001000ULL
#define HOST_MEM	0x50000000ULL

static struct rmm M;
static uint64_t out[4];

static struct dt_info dram_2g(void)
{
	struct dt_info dt;

	memset(&dt, 0, sizeof(dt));
	dt.ncpus = 1;
	dt.nbanks = 1;
	dt.bank[0].base = DRAM_BASE;
	dt.bank[0].size = DRAM_TOP - DRAM_BASE;
	return dt;
}

static int setup(const char *scen)
{
	struct rmm_scenario sc;
	struct dt_info dt = dram_2g();
	char err[96];
	uint64_t need, base;

	scenario_defaults(&sc);
	if (scenario_parse(scen, &sc, err, sizeof(err))) {
		printf("  %s\n", err);
		return -1;
	}
	need = sc.carveout ? sc.carveout : rmm_carveout_need(&sc, &dt, 0);
	base = DRAM_TOP - need;
	return rmm_init(&M, &sc, &dt, base, need, 0, 48);
}

/* Returns x0; x1..x3 in out[1..3]. */
static uint64_t rmi(uint32_t func, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct smc_regs r;
	unsigned int i;

	memset(&r, 0, sizeof(r));
	r.x[0] = RMI_FID(func);
	r.x[1] = a1;
	r.x[2] = a2;
	r.x[3] = a3;
	for (i = 4; i < 18; i++)
		r.x[i] = 0x1111 * i;
	if (!rmm_handle(&M, &r))
		return (uint64_t)-1;
	for (i = 4; i < 18; i++)
		CHECK_EQ(r.x[i], 0x1111 * i);
	for (i = 1; i < 4; i++)
		out[i] = r.x[i];
	return r.x[0];
}

static unsigned int gpi(uint64_t pa)
{
	return gpt_get_granule(&M.gpt, pa);
}

static uint64_t *page(uint64_t pa)
{
	return plat_phys(pa);
}

static void activate(void)
{
	CHECK_EQ(rmi(RMI_RMM_ACTIVATE, 0, 0, 0), RMI_SUCCESS);
}

TEST(rmm_init_plat)
{
	uint64_t *l0;

	CHECK_EQ(setup(""), 0);
	l0 = plat_phys(M.gpt.l0_pa);
	CHECK_EQ(M.gpt.n_l0, 1024);
	CHECK_EQ(l0[0], 0xf1);			/* devices, flash: one block */
	CHECK_EQ(l0[1] & 0xf, 3);		/* DRAM regions: tables */
	CHECK_EQ(l0[2] & 0xf, 3);
	CHECK_EQ(l0[3], 0xf1);
	CHECK_EQ(gpi(0x09000000), GPI_ANY);
	CHECK_EQ(gpi(DRAM_BASE), GPI_ANY);
	CHECK_EQ(gpi(M.carve_base - PAGE), GPI_ANY);
	CHECK_EQ(gpi(M.carve_base), GPI_ROOT);
	CHECK_EQ(gpi(DRAM_TOP - PAGE), GPI_ROOT);
	CHECK_EQ(gpi(M.gpt.l0_pa), GPI_ROOT);
	CHECK_EQ(rmm_granule_state(&M, M.carve_base), G_FW);
	CHECK_EQ(rmm_granule_state(&M, HOST_MEM), G_NS);
	CHECK_EQ(rmm_granule_state(&M, 0x1000), G_NONE);
	CHECK(resv_used(&M.resv) <= M.carve_size);
	CHECK(M.carve_size <= 4ULL << 20);
}

TEST(rmm_init_rejects_bad_carveout)
{
	struct rmm_scenario sc;
	struct dt_info dt = dram_2g();

	scenario_defaults(&sc);
	CHECK(rmm_init(&M, &sc, &dt, DRAM_TOP - 0x1000, 0x2000, 0, 48) != 0);
	CHECK(rmm_init(&M, &sc, &dt, DRAM_TOP - 0x80000, 0x80000, 0, 48) != 0);
	CHECK(rmm_init(&M, &sc, &dt, 0x1000000, 0x400000, 0, 48) != 0);
}

TEST(rmi_version_features)
{
	CHECK_EQ(setup(""), 0);
	CHECK_EQ(rmi(RMI_VERSION, 0x20000, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], 0x20000);
	CHECK_EQ(out[2], 0x20000);
	CHECK_EQ(rmi(RMI_VERSION, 0x10000, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(out[1], 0x20000);
	CHECK_EQ(out[2], 0x20000);
	CHECK_EQ(rmi(RMI_FEATURES, 0, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], 48);
	CHECK_EQ(rmi(RMI_FEATURES, 1, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1] & 1, 1);			/* 4K */
	CHECK_EQ((out[1] >> 10) & 0xf, 0);		/* L0GPTSZ 1 GiB */
	CHECK_EQ((out[1] >> 14) & 7, 2);		/* PPS 1 TiB */
	CHECK_EQ(rmi(RMI_FEATURES, 4, 0, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_FEATURES, 5, 0, 0), RMI_ERROR_INPUT);

	CHECK_EQ(setup("version=1.0-2.1"), 0);
	CHECK_EQ(rmi(RMI_VERSION, 0x20000, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], 0x10000);
	CHECK_EQ(out[2], 0x20001);
	CHECK_EQ(rmi(RMI_VERSION, 0x30000, 0, 0), RMI_ERROR_INPUT);
}

TEST(rmi_unknown_and_off)
{
	CHECK_EQ(setup(""), 0);
	CHECK_EQ(rmi(0x158, 0, 0, 0), (uint64_t)-1);		/* REALM_CREATE */
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, 0, 0, 0), (uint64_t)-1);
	CHECK_EQ(M.st.unknown_calls, 2);
	CHECK_EQ(setup("gpt=legacy"), 0);
	CHECK_EQ(rmi(RMI_GPT_INFO, R1, R2, 0), (uint64_t)-1);
	CHECK_EQ(setup("rmm=off"), 0);
	CHECK_EQ(rmi(RMI_VERSION, 0x20000, 0, 0), (uint64_t)-1);
}

TEST(rmi_config)
{
	uint64_t *cfg = page(CFG_PAGE);

	CHECK_EQ(setup(""), 0);
	memset(cfg, 0, PAGE);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, CFG_PAGE + 8, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, 0x1000, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, M.carve_base, 0, 0), RMI_ERROR_INPUT);
	cfg[1] = 1;					/* 16K RMI granules */
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, CFG_PAGE, 0, 0), RMI_ERROR_INPUT);
	cfg[1] = 0;
	cfg[100] = 5;					/* reserved non-zero */
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, CFG_PAGE, 0, 0), RMI_ERROR_INPUT);
	cfg[100] = 0;
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, CFG_PAGE, 0, 0), RMI_SUCCESS);
	memset(cfg, 0xaa, PAGE);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_GET, CFG_PAGE, 0, 0), RMI_SUCCESS);
	CHECK_EQ(cfg[0], 0);
	CHECK_EQ(cfg[1], 0);
	CHECK_EQ(cfg[511], 0);
	activate();
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, CFG_PAGE, 0, 0), RMI_ERROR_GLOBAL);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_GET, CFG_PAGE, 0, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_RMM_ACTIVATE, 0, 0, 0), RMI_ERROR_GLOBAL);
}

TEST(rmi_tracking_get)
{
	CHECK_EQ(setup(""), 0);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, R2, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], CAT_CONVENTIONAL);
	CHECK_EQ(out[2], TRK_FINE);
	CHECK_EQ(out[3], R2);
	/* run ends where the carve-out starts */
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, DRAM_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_FINE);
	CHECK_EQ(out[3], M.carve_base);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, M.carve_base, DRAM_TOP, 0),
		 RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_RESERVED);
	CHECK_EQ(out[3], DRAM_TOP);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, 0, R2, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_NONE);
	CHECK_EQ(out[3], DRAM_BASE);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1 + 8, R2, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, R1, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R2, R1, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, 1ULL << 41, 0),
		 RMI_ERROR_INPUT);
	CHECK_EQ(setup("tracking=coarse"), 0);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, R2, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_COARSE);
	activate();
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, HOST_MEM, HOST_MEM + PAGE, 0),
		 RMI_ERROR_TRACKING);
}

TEST(rmi_gpt_info_and_l1_plat)
{
	CHECK_EQ(setup(""), 0);
	CHECK_EQ(rmi(RMI_GPT_INFO, R1, DRAM_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], R2);
	CHECK_EQ(out[2], PAR_PLAT);
	CHECK_EQ(rmi(RMI_GPT_INFO, 0, R1, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], PAR_RESERVED);
	CHECK_EQ(rmi(RMI_GPT_INFO, R1 + PAGE, R2, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GPT_INFO, R1, R1, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GPT_INFO, R1, 2ULL << 40, 0), RMI_ERROR_INPUT);
	activate();
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, R1, 0, 0), RMI_ERROR_GPT);
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, R1 + PAGE, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, 1ULL << 40, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(setup("gpt=legacy"), 0);
	activate();
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, R2, 0, 0), RMI_ERROR_GPT);
}

TEST(rmi_delegate_undelegate)
{
	uint64_t b = HOST_MEM;

	CHECK_EQ(setup(""), 0);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, b, b + 4 * PAGE, 0),
		 RMI_ERROR_GLOBAL);
	activate();
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, b + 1, b + 4 * PAGE, 0),
		 RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, b, b, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, b + PAGE, b, 0),
		 RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, 0x10000000, 0x10001000, 0),
		 RMI_ERROR_INPUT);			/* not DRAM */
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, DRAM_TOP - PAGE,
		     DRAM_TOP + PAGE, 0), RMI_ERROR_INPUT);	/* crosses end */
	test_gpt_changes = 0;
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, b, b + 4 * PAGE, 0),
		 RMI_SUCCESS);
	CHECK_EQ(out[1], b + 4 * PAGE);
	CHECK(test_gpt_changes > 0);
	CHECK_EQ(gpi(b), GPI_REALM);
	CHECK_EQ(gpi(b + 3 * PAGE), GPI_REALM);
	CHECK_EQ(gpi(b + 4 * PAGE), GPI_ANY);
	CHECK_EQ(rmm_granule_state(&M, b + PAGE), G_DELEGATED);
	/* again: the first granule is not host memory any more */
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, b - PAGE, b + PAGE, 0),
		 RMI_ERROR_GRANULE);
	CHECK_EQ(out[1], b);				/* first not processed */
	CHECK_EQ(gpi(b - PAGE), GPI_REALM);		/* processed one */
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, M.carve_base,
		     M.carve_base + PAGE, 0), RMI_ERROR_GRANULE);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_UNDELEGATE, b + 4 * PAGE,
		     b + 5 * PAGE, 0), RMI_ERROR_GRANULE);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_UNDELEGATE, b - PAGE, b + 4 * PAGE, 0),
		 RMI_SUCCESS);
	CHECK_EQ(out[1], b + 4 * PAGE);
	CHECK_EQ(gpi(b), GPI_ANY);
	CHECK_EQ(rmm_granule_state(&M, b + 3 * PAGE), G_NS);
	CHECK_EQ(M.st.granules_delegated, 5);
	CHECK_EQ(M.st.granules_undelegated, 5);
}

TEST(rmi_range_chunks)
{
	uint64_t b = HOST_MEM, next = b, calls = 0, st;

	CHECK_EQ(setup("chunk=3;activate=optional"), 0);
	do {
		st = rmi(RMI_GRANULE_RANGE_DELEGATE, next, b + 8 * PAGE, 0);
		CHECK_EQ(st, RMI_SUCCESS);
		CHECK(out[1] > next);
		next = out[1];
		calls++;
	} while (st == RMI_SUCCESS && next < b + 8 * PAGE && calls < 10);
	CHECK_EQ(calls, 3);
	CHECK_EQ(gpi(b + 7 * PAGE), GPI_REALM);
}

TEST(rmi_fault_injection)
{
	uint64_t b = HOST_MEM;

	CHECK_EQ(setup("fail=delegate:2:busy;fail=version:1:error_input"), 0);
	CHECK_EQ(rmi(RMI_VERSION, 0x20000, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_VERSION, 0x20000, 0, 0), RMI_SUCCESS);
	activate();
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, b, b + PAGE, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, b + PAGE, b + 2 * PAGE, 0),
		 RMI_BUSY);
	CHECK_EQ(out[1], b + PAGE);
	CHECK_EQ(gpi(b + PAGE), GPI_ANY);		/* no side effect */
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, b + PAGE, b + 2 * PAGE, 0),
		 RMI_SUCCESS);
	CHECK_EQ(M.st.faults_injected, 2);
	CHECK_EQ(M.st.calls[RMI_GRANULE_RANGE_DELEGATE - RMI_FUNC_FIRST], 3);
}

/* ---- host-created L1 tables ---- */

static uint64_t list_entry(uint64_t pa, uint64_t count, bool undelegated)
{
	return pa | (count << ADDR_COUNT_SHIFT) |
	       (undelegated ? ADDR_UNDELEGATED : 0);
}

static uint64_t start_l1_create(uint64_t region)
{
	uint64_t st = rmi(RMI_GPT_L1_CREATE, region, 0, 0);

	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_DONATE);
	CHECK(st & RMI_CAN_CANCEL);
	CHECK_EQ((out[2] >> DONREQ_COUNT_SHIFT) & DONREQ_COUNT_MASK, 32);
	CHECK_EQ(out[2] & 3, 0);
	CHECK(out[2] & DONREQ_CONTIG);
	CHECK(out[2] & DONREQ_UNDELEGATED);
	return out[1];
}

TEST(rmi_l1_create_host)
{
	uint64_t h, st, *list = page(LIST_PAGE);
	uint64_t l1 = R1 + 0x20000000;		/* 128 KiB aligned, in R1 */
	uint64_t *l0;

	CHECK_EQ(setup("gpt=host"), 0);
	l0 = plat_phys(M.gpt.l0_pa);
	CHECK_EQ(l0[1], 0xf1);			/* R1: block until created */
	CHECK_EQ(l0[2] & 0xf, 3);		/* R2 holds the carve-out */
	CHECK_EQ(rmi(RMI_GPT_INFO, R1, DRAM_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], PAR_HOST_NOT_CREATED);
	CHECK_EQ(rmi(RMI_GPT_INFO, R2, DRAM_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], PAR_PLAT);
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, R1, 0, 0), RMI_ERROR_GLOBAL);
	activate();
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, HOST_MEM, HOST_MEM + PAGE, 0),
		 RMI_ERROR_GPT);
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, R2, 0, 0), RMI_ERROR_GPT);
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, 0, 0, 0), RMI_ERROR_INPUT);

	h = start_l1_create(R1);
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, R1, 0, 0), RMI_BLOCKED);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0) & 0xff, RMI_INCOMPLETE);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h + 99, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 2, 0), RMI_ERROR_INPUT);

	/* bad donations consume nothing */
	list[0] = list_entry(l1 + PAGE, 32, true);	/* misaligned start */
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1), RMI_ERROR_INPUT);
	CHECK_EQ(out[1], 0);
	list[0] = list_entry(l1, 32, false);		/* wrong state flag */
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1), RMI_ERROR_INPUT);
	CHECK_EQ(out[1], 0);
	list[0] = list_entry(l1, 32, true);
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE + 8, 1), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, M.carve_base, 1), RMI_ERROR_INPUT);

	/* two halves */
	list[0] = list_entry(l1, 16, true);
	st = rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_DONATE);
	CHECK_EQ(out[1], 16);
	CHECK_EQ((out[2] >> DONREQ_COUNT_SHIFT) & DONREQ_COUNT_MASK, 16);
	list[0] = list_entry(l1 + 17 * PAGE, 16, true);	/* gap */
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1), RMI_ERROR_INPUT);
	CHECK_EQ(out[1], 0);
	list[0] = list_entry(l1 + 16 * PAGE, 8, true);
	list[1] = list_entry(l1 + 24 * PAGE, 10, true);	/* 2 too many */
	st = rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 2);
	CHECK_EQ(out[1], 16);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_NONE);
	CHECK_EQ(rmm_granule_state(&M, l1 + 32 * PAGE), G_NS);
	CHECK_EQ(rmm_granule_state(&M, l1 + 31 * PAGE), G_RMM);
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1), RMI_ERROR_INPUT);

	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_ERROR_INPUT);	/* gone */
	CHECK_EQ(l0[1], l1 | 3);
	CHECK_EQ(gpi(l1), GPI_ROOT);
	CHECK_EQ(gpi(l1 + 31 * PAGE), GPI_ROOT);
	CHECK_EQ(gpi(l1 + 32 * PAGE), GPI_ANY);
	CHECK_EQ(rmi(RMI_GPT_INFO, R1, DRAM_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], PAR_HOST_CREATED);
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, R1, 0, 0), RMI_ERROR_GPT);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, HOST_MEM, HOST_MEM + PAGE, 0),
		 RMI_SUCCESS);
	CHECK_EQ(gpi(HOST_MEM), GPI_REALM);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, l1, l1 + PAGE, 0),
		 RMI_ERROR_GRANULE);
	CHECK_EQ(M.st.l1_created, 1);
	CHECK_EQ(M.st.bytes_donated, 128 * 1024);

	/* destroy: refused while a granule is delegated */
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1, 0, 0), RMI_ERROR_GRANULE);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_UNDELEGATE, HOST_MEM, HOST_MEM + PAGE,
		     0), RMI_SUCCESS);
	st = rmi(RMI_GPT_L1_DESTROY, R1, 0, 0);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_RECLAIM);
	h = out[1];
	CHECK_EQ(l0[1], 0xf1);
	CHECK_EQ(rmi(RMI_OP_CANCEL, h, 0, 0), RMI_ERROR_INPUT);
	memset(list, 0, PAGE);
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 8), RMI_SUCCESS);
	CHECK_EQ(out[1], 1);
	CHECK_EQ(list[0], list_entry(l1, 32, true));
	CHECK_EQ(rmm_granule_state(&M, l1), G_NS);
	CHECK_EQ(M.st.l1_destroyed, 1);
	CHECK_EQ(M.st.bytes_reclaimed, 128 * 1024);
	CHECK_EQ(rmi(RMI_GPT_INFO, R1, DRAM_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], PAR_HOST_NOT_CREATED);
}

TEST(rmi_l1_create_cancel)
{
	uint64_t h, st, *list = page(LIST_PAGE);
	uint64_t mem = R2 + 0x100000;		/* R2 has an L1 table */

	CHECK_EQ(setup("gpt=host"), 0);
	activate();
	h = start_l1_create(R1);
	list[0] = list_entry(mem, 8, true);
	st = rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1);
	CHECK_EQ(out[1], 8);
	CHECK_EQ(gpi(mem), GPI_ROOT);		/* other region: Root at once */
	CHECK_EQ(rmi(RMI_OP_CANCEL, h, 0, 0), RMI_SUCCESS);
	st = rmi(RMI_OP_CONTINUE, h, 0, 0);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_RECLAIM);
	CHECK(!(st & RMI_CAN_CANCEL));
	memset(list, 0, PAGE);
	st = rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 4);
	CHECK_EQ(out[1], 1);
	CHECK_EQ(list[0], list_entry(mem, 8, true));
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_BUSY);	/* cancelled */
	CHECK_EQ(gpi(mem), GPI_ANY);
	CHECK_EQ(rmm_granule_state(&M, mem), G_NS);
	CHECK_EQ(M.st.sro_cancelled, 1);
	CHECK_EQ(rmi(RMI_GPT_INFO, R1, DRAM_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], PAR_HOST_NOT_CREATED);

	/* cancel before any donation ends at the next continue */
	h = start_l1_create(R1);
	CHECK_EQ(rmi(RMI_OP_CANCEL, h, 0, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_BUSY);
}

TEST(rmi_l1_create_delegated_donation)
{
	uint64_t h, *list = page(LIST_PAGE);
	uint64_t mem = R2 + 0x200000;

	CHECK_EQ(setup("gpt=host;donate=delegated"), 0);
	activate();
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, R1, 0, 0) & 0xff, RMI_INCOMPLETE);
	h = out[1];
	CHECK(!(out[2] & DONREQ_UNDELEGATED));
	list[0] = list_entry(mem, 32, false);
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, mem, mem + 32 * PAGE, 0),
		 RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1) & 0xff,
		 RMI_INCOMPLETE);
	CHECK_EQ(out[1], 32);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	CHECK_EQ(gpi(mem), GPI_ROOT);
}

TEST(rmi_activate_sro)
{
	uint64_t h, st, *list = page(LIST_PAGE);

	CHECK_EQ(setup("activate_pages=3"), 0);
	st = rmi(RMI_RMM_ACTIVATE, 0, 0, 0);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_DONATE);
	h = out[1];
	CHECK_EQ((out[2] >> DONREQ_COUNT_SHIFT) & DONREQ_COUNT_MASK, 3);
	CHECK(!(out[2] & DONREQ_CONTIG));
	CHECK_EQ(rmi(RMI_RMM_ACTIVATE, 0, 0, 0), RMI_BLOCKED);
	list[0] = list_entry(HOST_MEM, 1, true);
	list[1] = list_entry(HOST_MEM + 0x10000, 2, true);
	st = rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 2);
	CHECK_EQ(out[1], 3);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_NONE);
	CHECK_EQ(gpi(HOST_MEM + 0x11000), GPI_ROOT);
	CHECK(!M.activated);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 1, 0), RMI_SUCCESS);
	CHECK(M.activated);
	CHECK_EQ(M.st.bytes_donated, 3 * PAGE);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, CFG_PAGE, 0, 0), RMI_ERROR_GLOBAL);

	/* donate=delegated only affects L1 tables */
	CHECK_EQ(setup("activate_pages=1;donate=delegated"), 0);
	CHECK_EQ(rmi(RMI_RMM_ACTIVATE, 0, 0, 0) & 0xff, RMI_INCOMPLETE);
	CHECK(out[2] & DONREQ_UNDELEGATED);
}

TEST(rmm_boot_realm_selftest)
{
	CHECK_EQ(setup("boot_realm=0x40000000:2"), 0);
	CHECK_EQ(M.sc.boot_realm_pa, 0x40000000);
	CHECK_EQ(M.sc.boot_realm_pages, 2);
	CHECK_EQ(rmm_boot_realm(&M, 0x40000000, 2), 0);
	CHECK_EQ(gpi(0x40001000), GPI_REALM);
	CHECK_EQ(gpi(0x40002000), GPI_ANY);
	CHECK_EQ(rmm_boot_realm(&M, 0x40000000, 1), -1);	/* not NS now */
	CHECK_EQ(rmm_boot_realm(&M, M.carve_base, 1), -1);
	CHECK_EQ(rmm_boot_realm(&M, 0x1000, 1), -1);
	CHECK_EQ(setup("gpt=host"), 0);
	CHECK_EQ(rmm_boot_realm(&M, HOST_MEM, 1), -1);		/* no L1 */
}

TEST(rmm_ledger_print)
{
	CHECK_EQ(setup(""), 0);
	rmi(RMI_VERSION, 0x20000, 0, 0);
	rmi(RMI_VERSION, 0x10000, 0, 0);
	activate();
	rmi(RMI_GRANULE_RANGE_DELEGATE, HOST_MEM, HOST_MEM + 2 * PAGE, 0);
	test_console_reset();
	rmm_print_ledger(&M);
	CHECK(strstr(test_console, "rmm-model: ledger begin"));
	CHECK(strstr(test_console, "rmm-model: calls version=2\r\n"));
	CHECK(strstr(test_console, "rmm-model: calls activate=1\r\n"));
	CHECK(strstr(test_console, "errors=1 "));
	CHECK(strstr(test_console, "delegated_now=2\r\n"));
	CHECK(strstr(test_console, "rmm-model: ledger end"));
}

const struct test_case rmm_tests[] = {
	{ "rmm_init_plat", rmm_init_plat },
	{ "rmm_init_rejects_bad_carveout", rmm_init_rejects_bad_carveout },
	{ "rmi_version_features", rmi_version_features },
	{ "rmi_unknown_and_off", rmi_unknown_and_off },
	{ "rmi_config", rmi_config },
	{ "rmi_tracking_get", rmi_tracking_get },
	{ "rmi_gpt_info_and_l1_plat", rmi_gpt_info_and_l1_plat },
	{ "rmi_delegate_undelegate", rmi_delegate_undelegate },
	{ "rmi_range_chunks", rmi_range_chunks },
	{ "rmi_fault_injection", rmi_fault_injection },
	{ "rmi_l1_create_host", rmi_l1_create_host },
	{ "rmi_l1_create_cancel", rmi_l1_create_cancel },
	{ "rmi_l1_create_delegated_donation", rmi_l1_create_delegated_donation },
	{ "rmi_activate_sro", rmi_activate_sro },
	{ "rmm_boot_realm_selftest", rmm_boot_realm_selftest },
	{ "rmm_ledger_print", rmm_ledger_print },
	{ NULL, NULL },
};
