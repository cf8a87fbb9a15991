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
	CHECK_EQ(gpi(DRAM_BASE), GPI_NS);
	CHECK_EQ(gpi(M.carve_base - PAGE), GPI_NS);
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

/* FR0 on a CPU with a 52-bit PA range: S2SZ 52 comes with LPA2. */
TEST(rmi_features_lpa2)
{
	struct rmm_scenario sc;
	struct dt_info dt = dram_2g();

	scenario_defaults(&sc);
	CHECK_EQ(rmm_init(&M, &sc, &dt, DRAM_TOP - rmm_carveout_need(&sc, &dt, 0),
			  rmm_carveout_need(&sc, &dt, 0), 0, 52), 0);
	CHECK_EQ(rmi(RMI_FEATURES, 0, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1] & 0xff, 52);
	CHECK_EQ(out[1] & FR0_LPA2, FR0_LPA2);

	CHECK_EQ(scenario_parse("lpa2=off", &sc, NULL, 0), 0);
	CHECK_EQ(rmm_init(&M, &sc, &dt, DRAM_TOP - rmm_carveout_need(&sc, &dt, 0),
			  rmm_carveout_need(&sc, &dt, 0), 0, 52), 0);
	CHECK_EQ(rmi(RMI_FEATURES, 0, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1] & 0xff, 48);
	CHECK_EQ(out[1] & FR0_LPA2, 0);

	/* A 48-bit CPU: no LPA2 either way */
	CHECK_EQ(setup(""), 0);
	CHECK_EQ(rmi(RMI_FEATURES, 0, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], 48);
	CHECK_EQ(scenario_parse("lpa2=maybe", &sc, NULL, 0), -1);
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
	CHECK_EQ(gpi(b + 4 * PAGE), GPI_NS);
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
	CHECK_EQ(gpi(b), GPI_NS);
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
	CHECK_EQ(gpi(b + PAGE), GPI_NS);		/* no side effect */
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

/* Start GPT_L1_CREATE of @region and donate its table at @table */
static uint64_t donate_l1_table(uint64_t region, uint64_t table)
{
	uint64_t h = start_l1_create(region), *list = page(LIST_PAGE);

	list[0] = list_entry(table, 32, true);
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1) & 0xff,
		 RMI_INCOMPLETE);
	return h;
}

TEST(rmi_l1_create_host)
{
	uint64_t h, st, *list = page(LIST_PAGE);
	uint64_t l1 = R1 + 0x20000000;		/* 128 KiB aligned, in R1 */
	uint64_t *l0;

	CHECK_EQ(setup("gpt=host"), 0);
	l0 = plat_phys(M.gpt.l0_pa);
	CHECK_EQ(l0[1], 0x91);			/* R1: block until created */
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
	CHECK_EQ(gpi(l1 + 32 * PAGE), GPI_NS);
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
	CHECK_EQ(l0[1], 0x91);
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

/* donate_step=5: the RMM takes 5 granules per OP_MEM_DONATE, asks again */
TEST(rmi_l1_create_donate_step)
{
	uint64_t h, st = 0, *list = page(LIST_PAGE);
	uint64_t l1 = R1 + 0x20000000, off = 0, calls = 0;

	CHECK_EQ(setup("gpt=host;donate_step=5"), 0);
	activate();
	h = start_l1_create(R1);
	while (off < 32) {
		list[0] = list_entry(l1 + off * PAGE, 32 - off, true);
		st = rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1);
		calls++;
		CHECK_EQ(out[1], 32 - off < 5 ? 32 - off : 5);
		off += out[1];
		if (off < 32) {
			CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
			CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_DONATE);
			CHECK_EQ((out[2] >> DONREQ_COUNT_SHIFT) & DONREQ_COUNT_MASK, 32 - off);
		}
	}
	CHECK_EQ(calls, 7);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_NONE);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	CHECK_EQ(M.st.l1_created, 1);
	CHECK_EQ(M.st.bytes_donated, 32 * PAGE);
	CHECK_EQ(scenario_parse("donate_step=x", &M.sc, NULL, 0), -1);
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
	CHECK_EQ(gpi(mem), GPI_NS);
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
	CHECK_EQ(gpi(0x40002000), GPI_NS);
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
	rmm_print_ledger(&M, "test");
	CHECK(strstr(test_console, "rmm-ledger: event=begin format=1 seq=1 reason=test rmm=on gpt=plat activated=1\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: cmd=version func=0x150 calls=2 errors=1 time_us=3\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: cmd=activate func=0x202 calls=1 errors=0 time_us=1\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: cmd=tracking_set func=0x1e3 calls=0 errors=0 time_us=0\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: rmi_calls=4 rmi_errors=1 rmi_unknown=0\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: granules_delegated=2 granules_undelegated=0 granules_delegated_now=2\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: bytes_donated=0 bytes_reclaimed=0 bytes_outstanding=0\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: l1_created=0 l1_destroyed=0\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: faults_injected=0 gpf=0 fatal=0 sip_ledger=0\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: resv_ns_calls=0 resv_realm_calls="));
	/* 4 calls handled, 1.5 us each on the test clock */
	CHECK(strstr(test_console, "rmm-ledger: rmi_time_us=6\r\nrmm-ledger: event=end seq=1\r\n"));
}

TEST(rmm_ledger_sip_and_off)
{
	struct fw_state fw;
	struct dt_info dt = dram_2g();
	struct smc_regs r;
	struct rmm_scenario sc;

	CHECK_EQ(setup("fail=version:1:busy"), 0);
	memset(&fw, 0, sizeof(fw));
	psci_init(&fw.psci, &dt, 0);
	fw.rmm = &M;
	memset(&r, 0, sizeof(r));
	r.x[0] = RMI_FID(RMI_VERSION);
	r.x[1] = 0x20000;
	smc_dispatch(&fw, 0, &r);
	CHECK_EQ(r.x[0], RMI_BUSY);
	CHECK_EQ(M.st.errs[0], 1);
	test_console_reset();
	memset(&r, 0, sizeof(r));
	r.x[0] = RMM_MODEL_SIP_LEDGER;
	CHECK_EQ(smc_dispatch(&fw, 0, &r), SMC_RETURN);
	CHECK_EQ(r.x[0], 0);
	CHECK_EQ(r.x[1], 1);		/* RMI calls */
	CHECK_EQ(r.x[2], 1);		/* errors */
	CHECK_EQ(r.x[3], 0);		/* bytes outstanding */
	CHECK(strstr(test_console, "reason=sip"));
	CHECK(strstr(test_console, "faults_injected=1 gpf=0 fatal=0 sip_ledger=1"));
	r.x[0] = 0xC2000101;		/* other SiP FIDs: -1 */
	smc_dispatch(&fw, 0, &r);
	CHECK_EQ(r.x[0], (uint64_t)-1);

	/* the reservation service refuses the non-secure world */
	r.x[0] = RMM_RESERVE_MEMORY;
	r.x[1] = PAGE;
	r.x[2] = 0;
	smc_dispatch(&fw, 0, &r);
	CHECK_EQ(r.x[0], (uint64_t)-1);
	CHECK_EQ(r.x[1], 0);
	r.x[0] = RMM_ALLOCATE_MEMORY;
	smc_dispatch(&fw, 0, &r);
	CHECK_EQ(r.x[0], (uint64_t)-1);
	CHECK_EQ(M.resv.ns_refused, 2);
	test_console_reset();
	rmm_print_ledger(&M, "x");
	CHECK(strstr(test_console, "resv_ns_calls=2 "));

	/* rmm=off: every RMI FID -1, PSCI works, the ledger still counts */
	scenario_defaults(&sc);
	CHECK_EQ(scenario_parse("rmm=off", &sc, (char[96]){ 0 }, 96), 0);
	rmm_init_off(&M, &sc);
	r.x[0] = RMI_FID(RMI_VERSION);
	smc_dispatch(&fw, 0, &r);
	CHECK_EQ(r.x[0], (uint64_t)-1);
	r.x[0] = RMI_FID(RMI_GRANULE_RANGE_DELEGATE);
	smc_dispatch(&fw, 0, &r);
	CHECK_EQ(r.x[0], (uint64_t)-1);
	r.x[0] = PSCI_VERSION;
	smc_dispatch(&fw, 0, &r);
	CHECK_EQ(r.x[0], 0x10001);
	r.x[0] = RMM_RESERVE_MEMORY;
	smc_dispatch(&fw, 0, &r);
	CHECK_EQ(r.x[0], (uint64_t)-1);
	test_console_reset();
	rmm_print_ledger(&M, "system_off");
	CHECK(strstr(test_console, "rmm=off"));
	CHECK(strstr(test_console, "rmi_calls=0 rmi_errors=0 rmi_unknown=2"));
}

/* ---- EL3 memory reservation service ---- */

static int64_t resv_call(struct resv *r, uint32_t fid, uint64_t size,
			 uint64_t flags, enum resv_world w, uint64_t *pa)
{
	struct smc_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.x[0] = fid;
	regs.x[1] = size;
	regs.x[2] = flags;
	CHECK(resv_smc(r, &regs, w));
	*pa = regs.x[1];
	return (int64_t)regs.x[0];
}

#define RB	0x80100000ULL
#define RT	0x80200000ULL	/* 1 MiB */
#define ALIGN(n)	((uint64_t)(n) << RESV_ALIGN_SHIFT)
#define DALIGN(n)	((uint64_t)(n) << RESV_ALLOC_ALIGN_SHIFT)

TEST(resv_reserve_service)
{
	struct resv r;
	uint64_t pa = 0;
	unsigned long long locks = test_locks;

	resv_init(&r, RB, RT);
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, PAGE, 0, RESV_WORLD_REALM,
			   &pa), E_RMM_OK);
	CHECK_EQ(pa, RT - PAGE);
	CHECK(test_locks > locks);		/* under the lock */
	CHECK_EQ(r.lock, 0);
	/* sizes round up to 4 KiB, the local-CPU hint is accepted */
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, 10, RESV_FLAG_LOCAL_CPU,
			   RESV_WORLD_REALM, &pa), E_RMM_OK);
	CHECK_EQ(pa, RT - 2 * PAGE);
	/* alignment */
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, PAGE, ALIGN(16),
			   RESV_WORLD_REALM, &pa), E_RMM_OK);
	CHECK_EQ(pa, RT - 0x10000);
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, PAGE, ALIGN(21),
			   RESV_WORLD_REALM, &pa), E_RMM_NOMEM);	/* no fit */
	CHECK_EQ(pa, 0);
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, PAGE, ALIGN(48),
			   RESV_WORLD_REALM, &pa), E_RMM_INVAL);
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, PAGE, ALIGN(255),
			   RESV_WORLD_REALM, &pa), E_RMM_INVAL);
	/* flags other than alignment and bit 0 */
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, PAGE, 2, RESV_WORLD_REALM,
			   &pa), E_RMM_INVAL);
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, PAGE, 1ULL << 55,
			   RESV_WORLD_REALM, &pa), E_RMM_INVAL);
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, 0, 0, RESV_WORLD_REALM, &pa),
		 E_RMM_INVAL);
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, UINT64_MAX, 0,
			   RESV_WORLD_REALM, &pa), E_RMM_INVAL);
	/* exhaustion: too big, then exactly what is left, then nothing */
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, RT - RB, 0,
			   RESV_WORLD_REALM, &pa), E_RMM_NOMEM);
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, 0xf0000 - PAGE, 0,
			   RESV_WORLD_REALM, &pa), E_RMM_OK);
	CHECK_EQ(pa, RB + PAGE);
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, PAGE, ALIGN(20),
			   RESV_WORLD_REALM, &pa), E_RMM_OK);
	CHECK_EQ(pa, RB);			/* 1 MiB aligned: the bottom */
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, PAGE, 0, RESV_WORLD_REALM,
			   &pa), E_RMM_NOMEM);
	CHECK_EQ(resv_used(&r), RT - RB);
	CHECK_EQ(r.realm_calls, 14);
	/* NS world and late calls are refused */
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, PAGE, 0, RESV_WORLD_NS, &pa),
		 E_RMM_UNK);
	CHECK_EQ(r.ns_refused, 1);
	resv_boot_done(&r);
	CHECK_EQ(resv_call(&r, RMM_RESERVE_MEMORY, PAGE, 0, RESV_WORLD_REALM,
			   &pa), E_RMM_UNK);
	CHECK_EQ(r.late_refused, 1);
	CHECK_EQ(r.realm_calls, 14);
	/* not a reservation FID */
	{
		struct smc_regs regs = { { 0 } };

		regs.x[0] = 0xC40001BA;
		CHECK(!resv_smc(&r, &regs, RESV_WORLD_REALM));
		CHECK(!resv_smc(NULL, &regs, RESV_WORLD_NS));
		regs.x[0] = RMM_RESERVE_MEMORY;
		CHECK(resv_smc(NULL, &regs, RESV_WORLD_NS));
		CHECK_EQ(regs.x[0], (uint64_t)-1);
	}
}

TEST(resv_allocate_memory_draft)
{
	struct resv r;
	uint64_t pa = 0, first;

	resv_init(&r, RB, RT);
	/* ID 0: new memory every time */
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, PAGE, 0, RESV_WORLD_REALM,
			   &pa), E_RMM_OK);
	CHECK_EQ(pa, RT - PAGE);
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, PAGE, 0, RESV_WORLD_REALM,
			   &pa), E_RMM_OK);
	CHECK_EQ(pa, RT - 2 * PAGE);
	/* ID 3: the same region (and content) again, 64 KiB aligned */
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, 2 * PAGE, DALIGN(16) | 3,
			   RESV_WORLD_REALM, &first), E_RMM_OK);
	CHECK_EQ(first, RT - 0x10000);
	*(uint64_t *)plat_phys(first) = 0xfeed;
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, 2 * PAGE, DALIGN(16) | 3,
			   RESV_WORLD_REALM, &pa), E_RMM_OK);
	CHECK_EQ(pa, first);
	CHECK_EQ(*(uint64_t *)plat_phys(pa), 0xfeed);
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, PAGE, 3, RESV_WORLD_REALM,
			   &pa), E_RMM_OK);			/* smaller: ok */
	CHECK_EQ(pa, first);
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, 3 * PAGE, 3,
			   RESV_WORLD_REALM, &pa), E_RMM_NOMEM);	/* larger */
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, 0, 3, RESV_WORLD_REALM,
			   &pa), E_RMM_INVAL);
	/* ID too big, unknown flag bits, bad alignment */
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, PAGE, RESV_MAX_IDS,
			   RESV_WORLD_REALM, &pa), E_RMM_INVAL);
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, PAGE, 0xffff,
			   RESV_WORLD_REALM, &pa), E_RMM_INVAL);
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, PAGE, 1ULL << 16,
			   RESV_WORLD_REALM, &pa), E_RMM_INVAL);
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, PAGE, 1ULL << 32,
			   RESV_WORLD_REALM, &pa), E_RMM_INVAL);
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, PAGE, DALIGN(60),
			   RESV_WORLD_REALM, &pa), E_RMM_INVAL);
	/* a failed first request does not claim the ID */
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, 2 * SZ_1M, 5,
			   RESV_WORLD_REALM, &pa), E_RMM_NOMEM);
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, PAGE, 5,
			   RESV_WORLD_REALM, &pa), E_RMM_OK);
	/* exhaustion */
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, RT - RB, 0,
			   RESV_WORLD_REALM, &pa), E_RMM_NOMEM);
	CHECK_EQ(resv_call(&r, RMM_ALLOCATE_MEMORY, PAGE, 0, RESV_WORLD_NS,
			   &pa), E_RMM_UNK);
	CHECK_EQ(r.ns_refused, 1);
}

TEST(rmm_boot_uses_reservation)
{
	struct rmm_scenario sc;
	struct dt_info dt = dram_2g();
	uint64_t need2, need4;

	/* the model's memory came through RMM_RESERVE_MEMORY */
	CHECK_EQ(setup(""), 0);
	CHECK(M.resv.realm_calls >= 3);		/* L0, state arrays, L1s */
	CHECK(!M.resv.booting);
	CHECK_EQ(M.region[0].st_top - M.region[0].st_base, SZ_1G);
	/* the carve-out grows with the RAM size */
	scenario_defaults(&sc);
	need2 = rmm_carveout_need(&sc, &dt, 0);
	dt.bank[0].size = 8 * SZ_1G;
	need4 = rmm_carveout_need(&sc, &dt, 0);
	CHECK(need4 > need2);
	dt.bank[0].size = 64 * SZ_1G;
	CHECK(rmm_carveout_need(&sc, &dt, 0) >= 16 * SZ_1M);
	/* too small a carve-out: the reservation fails, so does init */
	dt = dram_2g();
	CHECK(rmm_init(&M, &sc, &dt, DRAM_TOP - 0xa0000, 0xa0000, 0, 48)
	      != 0);
}


/* ---- tracking modes ---- */

#define R3	0xc0000000ULL	/* above the 2 GiB of DRAM: hotplug window */
#define R3_TOP	0x100000000ULL

/* Drive a donation SRO with one contiguous block at mem; final status. */
static uint64_t donate_contig(uint64_t h, uint64_t req, uint64_t mem)
{
	uint64_t *list = page(LIST_PAGE), n, st;

	n = (req >> DONREQ_COUNT_SHIFT) & DONREQ_COUNT_MASK;
	memset(list, 0, PAGE);
	list[0] = list_entry(mem, n, req & DONREQ_UNDELEGATED);
	st = rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1);
	CHECK_EQ(out[1], n);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_NONE);
	return rmi(RMI_OP_CONTINUE, h, 0, 0);
}

TEST(tracking_coarse_ranges)
{
	CHECK_EQ(setup("coarse=1"), 0);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, DRAM_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], CAT_CONVENTIONAL);
	CHECK_EQ(out[2], TRK_COARSE);
	CHECK_EQ(out[3], R2);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R2, DRAM_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_FINE);
	CHECK_EQ(out[3], M.carve_base);
	/* strict validation */
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, R2 + 8, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, 1ULL << 40, (1ULL << 40) + PAGE,
		     0), RMI_ERROR_INPUT);
	/* beyond DRAM, inside the PPS: NONE up to the PPS end */
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, DRAM_TOP, 1ULL << 40, 0),
		 RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_NONE);
	CHECK_EQ(out[3], 1ULL << 40);
	activate();
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, HOST_MEM, HOST_MEM + PAGE, 0),
		 RMI_ERROR_TRACKING);
	CHECK_EQ(out[1], HOST_MEM);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R2, R2 + PAGE, 0),
		 RMI_SUCCESS);
	/* without tracking_set=on there is no TRACKING_SET */
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE), (uint64_t)-1);
	/* the carve-out region is never coarse */
	CHECK_EQ(setup("coarse=0-7"), 0);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R2, R2 + PAGE, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_FINE);
}

TEST(tracking_set_sro)
{
	uint64_t mem = R2 + 0x400000, h, st, *list = page(LIST_PAGE);

	CHECK_EQ(setup("coarse=1;tracking_set=on"), 0);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE),
		 RMI_ERROR_GLOBAL);
	activate();
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1 + PAGE, 0, TRK_FINE),
		 RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, 0, 0, TRK_FINE),
		 RMI_ERROR_INPUT);			/* not memory */
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, 1ULL << 40, 0, TRK_FINE),
		 RMI_ERROR_INPUT);			/* outside the PPS */
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, CAT_DEV_NCOH, TRK_FINE),
		 RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_NONE),
		 RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, 7), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_COARSE),
		 RMI_SUCCESS);				/* already */
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R2, 0, TRK_COARSE),
		 RMI_ERROR_TRACKING);			/* carve-out */
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R2, 0, TRK_FINE), RMI_SUCCESS);

	st = rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_DONATE);
	CHECK(st & RMI_CAN_CANCEL);
	h = out[1];
	CHECK_EQ((out[2] >> DONREQ_COUNT_SHIFT) & DONREQ_COUNT_MASK, 64);
	CHECK(out[2] & DONREQ_CONTIG);
	CHECK(out[2] & DONREQ_UNDELEGATED);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE), RMI_BLOCKED);
	/* contiguous, page aligned is enough; a gap is refused */
	list[0] = list_entry(mem + PAGE, 2, true);
	list[1] = list_entry(mem + 4 * PAGE, 2, true);
	st = rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 2);
	CHECK_EQ(st, RMI_ERROR_INPUT);
	CHECK_EQ(out[1], 2);
	/* donations must come from FINE memory */
	list[0] = list_entry(HOST_MEM, 1, true);
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1), RMI_ERROR_INPUT);
	CHECK_EQ(out[1], 0);
	list[0] = list_entry(mem + 3 * PAGE, 62, true);
	st = rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1);
	CHECK_EQ(out[1], 62);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_NONE);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	CHECK_EQ(gpi(mem + PAGE), GPI_ROOT);
	CHECK_EQ(M.st.tracking_fine, 1);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, R2, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_FINE);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, HOST_MEM, HOST_MEM + PAGE, 0),
		 RMI_SUCCESS);
	/* back to COARSE: only without delegated granules */
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_COARSE),
		 RMI_ERROR_GRANULE);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_UNDELEGATE, HOST_MEM, HOST_MEM + PAGE,
		     0), RMI_SUCCESS);
	st = rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_COARSE);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_RECLAIM);
	CHECK(!(st & RMI_CAN_CANCEL));
	h = out[1];
	CHECK_EQ(rmi(RMI_OP_CANCEL, h, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, HOST_MEM, HOST_MEM + PAGE, 0),
		 RMI_ERROR_TRACKING);			/* coarse at once */
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1), RMI_ERROR_INPUT);
	memset(list, 0, PAGE);
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 4), RMI_SUCCESS);
	CHECK_EQ(out[1], 1);
	CHECK_EQ(list[0], list_entry(mem + PAGE, 64, true));
	CHECK_EQ(gpi(mem + PAGE), GPI_NS);
	CHECK_EQ(M.st.tracking_coarse, 1);
	CHECK_EQ(M.st.bytes_donated, 64 * PAGE);
	CHECK_EQ(M.st.bytes_reclaimed, 64 * PAGE);

	/* cancelled: the memory comes back, the region stays COARSE */
	st = rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE);
	h = out[1];
	list[0] = list_entry(mem, 8, true);
	rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1);
	CHECK_EQ(out[1], 8);
	CHECK_EQ(rmi(RMI_OP_CANCEL, h, 0, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_OP_CANCEL, h, 0, 0), RMI_SUCCESS);	/* again */
	memset(list, 0, PAGE);
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 4) & 0xff,
		 RMI_INCOMPLETE);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_BUSY);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, R2, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_COARSE);
	CHECK_EQ(rmm_granule_state(&M, mem), G_NS);

	/* tracking_pages=0: FINE at once; =2: two pages */
	CHECK_EQ(setup("coarse=1;tracking_set=on;tracking_pages=0"), 0);
	activate();
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_COARSE),
		 RMI_SUCCESS);
	CHECK_EQ(setup("coarse=1;tracking_set=on;tracking_pages=2;donate=delegated"), 0);
	activate();
	st = rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE);
	CHECK_EQ((out[2] >> DONREQ_COUNT_SHIFT) & DONREQ_COUNT_MASK, 2);
	CHECK(!(out[2] & DONREQ_UNDELEGATED));
	h = out[1];
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, mem, mem + 2 * PAGE, 0),
		 RMI_SUCCESS);
	CHECK_EQ(donate_contig(h, out[2] | (2ULL << DONREQ_COUNT_SHIFT), mem),
		 RMI_SUCCESS);

	/* more than one address-list entry can describe, both ways */
	CHECK_EQ(setup("coarse=1;tracking_set=on;tracking_pages=2000"), 0);
	activate();
	st = rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE);
	CHECK_EQ((out[2] >> DONREQ_COUNT_SHIFT) & DONREQ_COUNT_MASK, 2000);
	h = out[1];
	list[0] = list_entry(mem, 1023, true);
	list[1] = list_entry(mem + 1023 * PAGE, 977, true);
	st = rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 2);
	CHECK_EQ(out[1], 2000);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	st = rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_COARSE);
	h = out[1];
	memset(list, 0, PAGE);
	st = rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 1);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_RECLAIM);
	CHECK_EQ(list[0], list_entry(mem, 1023, true));
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 4), RMI_SUCCESS);
	CHECK_EQ(out[1], 1);
	CHECK_EQ(list[0], list_entry(mem + 1023 * PAGE, 977, true));
	CHECK_EQ(M.st.bytes_reclaimed, 2000 * PAGE);
	/* a cancelled large contiguous donation comes back the same way */
	st = rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE);
	h = out[1];
	list[0] = list_entry(mem, 1023, true);
	list[1] = list_entry(mem + 1023 * PAGE, 10, true);
	rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 2);
	CHECK_EQ(out[1], 1033);
	CHECK_EQ(rmi(RMI_OP_CANCEL, h, 0, 0), RMI_SUCCESS);
	memset(list, 0, PAGE);
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 8) & 0xff,
		 RMI_INCOMPLETE);
	CHECK_EQ(out[1], 2);
	CHECK_EQ(list[1], list_entry(mem + 1023 * PAGE, 10, true));
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_BUSY);
}

TEST(tracking_hotplug)
{
	uint64_t st, h, req, mem = R2 + 0x800000, *list = page(LIST_PAGE);
	uint64_t *l0;

	CHECK_EQ(setup("hotplug=1G;tracking_pages=1"), 0);
	CHECK(M.sc.tracking_set);
	CHECK_EQ(M.hot_base, R3);
	CHECK_EQ(M.hot_top, R3_TOP);
	l0 = plat_phys(M.gpt.l0_pa);
	CHECK_EQ(l0[3] & 0xf, 3);		/* plat: L1 table reserved */
	CHECK_EQ(rmi(RMI_GPT_INFO, R3, R3_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], PAR_PLAT);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, M.carve_base, R3_TOP, 0),
		 RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_RESERVED);
	CHECK_EQ(out[3], DRAM_TOP);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R3, R3_TOP + SZ_1G, 0),
		 RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_NONE);
	CHECK_EQ(out[3], R3_TOP + SZ_1G);	/* unknown and absent merge */
	CHECK_EQ(rmm_granule_state(&M, R3), G_NONE);
	activate();
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R3, R3 + PAGE, 0),
		 RMI_ERROR_TRACKING);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R3_TOP - PAGE,
		     R3_TOP + PAGE, 0), RMI_ERROR_INPUT);
	/* needs room for its state even though tracking_pages=1 */
	st = rmi(RMI_GRANULE_TRACKING_SET, R3, 0, TRK_FINE);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	h = out[1];
	req = out[2];
	CHECK_EQ((req >> DONREQ_COUNT_SHIFT) & DONREQ_COUNT_MASK, 64);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R3, 0, TRK_COARSE),
		 RMI_BLOCKED);
	CHECK_EQ(donate_contig(h, req, mem), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R3, R3_TOP + SZ_1G, 0),
		 RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_FINE);
	CHECK_EQ(out[3], R3_TOP);
	CHECK_EQ(rmm_granule_state(&M, R3 + PAGE), G_NS);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R3, R3 + 2 * PAGE, 0),
		 RMI_SUCCESS);
	CHECK_EQ(gpi(R3 + PAGE), GPI_REALM);
	/* hotplug memory is not a host parameter page */
	CHECK_EQ(rmi(RMI_RMM_CONFIG_GET, R3 + 4 * PAGE, 0, 0),
		 RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R3, 0, TRK_COARSE),
		 RMI_ERROR_GRANULE);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_UNDELEGATE, R3, R3 + 2 * PAGE, 0),
		 RMI_SUCCESS);
	st = rmi(RMI_GRANULE_TRACKING_SET, R3, 0, TRK_COARSE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_RECLAIM);
	h = out[1];
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 1), RMI_SUCCESS);
	CHECK_EQ(list[0], list_entry(mem, 64, true));
	CHECK_EQ(rmm_granule_state(&M, R3), G_NS);	/* known, coarse */
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R3, R3_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_COARSE);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R3, R3 + PAGE, 0),
		 RMI_ERROR_TRACKING);

	/* host mode: the host also creates the L1 table of the window */
	CHECK_EQ(setup("gpt=host;hotplug=0xc0000000:512M"), 0);
	CHECK_EQ(M.hot_top, R3 + 0x20000000);
	CHECK_EQ(rmi(RMI_GPT_INFO, R3, R3_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], PAR_HOST_NOT_CREATED);
	activate();
	rmi(RMI_GRANULE_TRACKING_SET, R3, 0, TRK_COARSE);	/* no memory */
	CHECK_EQ(M.st.tracking_coarse, 1);
	st = rmi(RMI_GRANULE_TRACKING_SET, R3, 0, TRK_FINE);
	CHECK_EQ((out[2] >> DONREQ_COUNT_SHIFT) & DONREQ_COUNT_MASK, 32);
	CHECK_EQ(donate_contig(out[1], out[2], mem), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R3, R3 + PAGE, 0),
		 RMI_ERROR_GPT);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R3 + 0x20000000, R3_TOP, 0),
		 RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_NONE);

	/* a window that is not above the RAM, or shares its region */
	CHECK(setup("hotplug=0x80000000:1G") != 0);
	CHECK(setup("hotplug=0xc0000000:2G;pps=0") != 0);	/* > 4 GiB */
}

/* The word-at-a-time scans of the state arrays, white box. */
TEST(region_state_scans)
{
	uint64_t mem = R2 + 0x800000, own = HOST_MEM + 0x10000, h;
	struct rmm_region *r1;
	uint8_t *st;

	/* L1_DESTROY: only the region's own table may be RMM memory */
	CHECK_EQ(setup("gpt=host;tracking_set=on"), 0);
	activate();
	h = start_l1_create(R1);
	CHECK_EQ(donate_contig(h, out[2], HOST_MEM + 0x100000), RMI_SUCCESS);
	CHECK_EQ(gpi(HOST_MEM + 0x100000 + 31 * PAGE), GPI_ROOT);
	CHECK_EQ(gpi(HOST_MEM + 0x100000 + 32 * PAGE), GPI_NS);
	r1 = &M.region[0];
	CHECK_EQ(r1->index, 1);
	st = plat_phys(r1->state_pa);
	/* a delegated granule at an odd offset, then on the last granule */
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R1 + 5 * PAGE,
		     R1 + 6 * PAGE, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1, 0, 0), RMI_ERROR_GRANULE);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_UNDELEGATE, R1 + 5 * PAGE,
		     R1 + 6 * PAGE, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R2 - PAGE, R2, 0),
		 RMI_SUCCESS);
	test_console_reset();
	rmm_print_ledger(&M, "test");
	CHECK(strstr(test_console, "granules_delegated_now=1\r\n"));
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1, 0, 0), RMI_ERROR_GRANULE);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_UNDELEGATE, R2 - PAGE, R2, 0),
		 RMI_SUCCESS);
	/* RMM memory outside the table: refused, also as "tracking" */
	st[(own - R1) / PAGE] = G_RMM;
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1, 0, 0), RMI_ERROR_GRANULE);
	r1->trk_pa = own;
	r1->trk_pages = 1;
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1, 0, 0), RMI_ERROR_GRANULE);
	/* ... but TRACKING_SET(COARSE) counts its tracking memory as own */
	st[(own - R1) / PAGE + 1] = G_DELEGATED;
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_COARSE),
		 RMI_ERROR_GRANULE);
	st[(own - R1) / PAGE + 1] = G_NS;
	r1->trk_pa = 0;
	r1->trk_pages = 0;
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_COARSE),
		 RMI_ERROR_GRANULE);
	r1->trk_pa = own;
	r1->trk_pages = 1;
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_COARSE) & 0xff,
		 RMI_INCOMPLETE);
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, out[1], LIST_PAGE, 1), RMI_SUCCESS);
	CHECK_EQ(page(LIST_PAGE)[0], list_entry(own, 1, true));
	CHECK_EQ(rmm_granule_state(&M, own), G_NS);
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1, 0, 0) & 0xff, RMI_INCOMPLETE);

	/* ledger with a hotplug region that has no state array yet */
	CHECK_EQ(setup("hotplug=1G"), 0);
	activate();
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, HOST_MEM + 3 * PAGE,
		     HOST_MEM + 12 * PAGE, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, mem + 7 * PAGE,
		     mem + 8 * PAGE, 0), RMI_SUCCESS);
	test_console_reset();
	rmm_print_ledger(&M, "test");
	CHECK(strstr(test_console, "granules_delegated_now=10\r\n"));
}

TEST(tracking_scenario_knobs)
{
	struct rmm_scenario sc;
	char err[96];

	scenario_defaults(&sc);
	CHECK_EQ(sc.tracking_pages, TRK_PAGES_AUTO);
	CHECK_EQ(scenario_parse("coarse=1,3-4,9;gpt=host,chunk=2", &sc, err,
				sizeof(err)), 0);
	CHECK_EQ(sc.ncoarse, 3);
	CHECK_EQ(sc.coarse_first[1], 3);
	CHECK_EQ(sc.coarse_last[1], 4);
	CHECK_EQ(sc.coarse_last[2], 9);
	CHECK_EQ(sc.gpt, GPT_MODE_HOST);
	CHECK_EQ(sc.chunk, 2);
	CHECK_EQ(scenario_parse("tracking_pages=auto hotplug=4G", &sc, err,
				sizeof(err)), 0);
	CHECK_EQ(sc.hotplug_size, 4 * SZ_1G);
	CHECK_EQ(sc.hotplug_base, 0);
	CHECK(scenario_parse("coarse=2-1", &sc, err, sizeof(err)) != 0);
	CHECK(scenario_parse("coarse=1,,2", &sc, err, sizeof(err)) != 0);
	CHECK(scenario_parse("coarse=x", &sc, err, sizeof(err)) != 0);
	CHECK(scenario_parse("coarse=1-y", &sc, err, sizeof(err)) != 0);
	CHECK(scenario_parse("coarse=1,2,3,4,5,6,7,8,9", &sc, err,
			     sizeof(err)) != 0);
	CHECK(scenario_parse("tracking_set=maybe", &sc, err, sizeof(err)) != 0);
	CHECK(scenario_parse("tracking_pages=99999", &sc, err, sizeof(err)) != 0);
	CHECK(scenario_parse("hotplug=3K", &sc, err, sizeof(err)) != 0);
	CHECK(scenario_parse("hotplug=0:1G", &sc, err, sizeof(err)) != 0);
	CHECK(scenario_parse("hotplug=x:1G", &sc, err, sizeof(err)) != 0);
	CHECK_EQ(scenario_parse("tracking_set=off", &sc, err, sizeof(err)), 0);
	CHECK(!sc.tracking_set);
}

/* ---- error paths: SROs, init, GPT ---- */

TEST(sro_error_paths)
{
	uint64_t h, st, *list = page(LIST_PAGE), l1 = R1 + 0x20000000;
	struct smc_regs r;
	unsigned int i;

	CHECK_EQ(setup("gpt=host"), 0);
	/* L1_DESTROY argument checks */
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1, 0, 0), RMI_ERROR_GLOBAL);
	activate();
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1 + PAGE, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, 1ULL << 40, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, 0, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1, 0, 0), RMI_ERROR_GPT);
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R2, 0, 0), RMI_ERROR_GPT);
	h = start_l1_create(R1);
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1, 0, 0), RMI_BLOCKED);
	/* donation entries: bad size, reserved bits, misaligned 2 MiB */
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h + 1, LIST_PAGE, 1), RMI_ERROR_INPUT);
	list[0] = list_entry(l1, 1, true) | 2;
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1), RMI_ERROR_INPUT);
	list[0] = list_entry(l1, 1, true) | (1ULL << 60);
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1), RMI_ERROR_INPUT);
	list[0] = list_entry(l1 + 0x20000, 1, true) | 1;
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1), RMI_ERROR_INPUT);
	list[0] = l1 | 1;				/* count 0 */
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 513), RMI_ERROR_INPUT);
	/* a 2 MiB block gives the 32 granules the table needs */
	list[0] = list_entry(l1, 1, true) | 1;
	st = rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1);
	CHECK_EQ(out[1], 32);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_NONE);
	/* reclaim: unknown handle, wrong phase, bad capacity / list */
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h + 1, LIST_PAGE, 1), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 1), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	st = rmi(RMI_GPT_L1_DESTROY, R1, 0, 0);
	h = out[1];
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 513), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, M.carve_base, 1), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0) & 0xff, RMI_INCOMPLETE);
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 1), RMI_SUCCESS);

	/* every operation slot taken: new operations answer BUSY */
	h = start_l1_create(R1);
	list[0] = list_entry(l1, 32, true);
	rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	for (i = 0; i < RMM_MAX_SRO; i++) {
		M.sro[i].phase = SRO_DONATE;
		M.sro[i].handle = 0x9000 + i;
		M.sro[i].cmd = RMI_RMM_ACTIVATE;
		M.sro[i].target = 1;
	}
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1, 0, 0), RMI_BUSY);
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, R3, 0, 0), RMI_ERROR_INPUT);
	M.region[1].par = PAR_HOST_NOT_CREATED;		/* pretend */
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, R2, 0, 0), RMI_BUSY);
	M.region[1].par = PAR_PLAT;
	test_console_reset();
	rmm_print_ledger(&M, "full");
	CHECK(strstr(test_console, "sro_open=8"));
	M.activated = false;
	M.sc.activate_pages = 1;
	CHECK_EQ(rmi(RMI_RMM_ACTIVATE, 0, 0, 0), RMI_BUSY);
	CHECK_EQ(setup("coarse=1;tracking_set=on"), 0);
	activate();
	for (i = 0; i < RMM_MAX_SRO; i++)
		M.sro[i].phase = SRO_DONATE;
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE), RMI_BUSY);
	for (i = 0; i < RMM_MAX_SRO; i++)
		M.sro[i].phase = SRO_FREE;
	rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE);
	CHECK_EQ(donate_contig(out[1], out[2], R2 + 0x400000), RMI_SUCCESS);
	for (i = 0; i < RMM_MAX_SRO; i++) {
		M.sro[i].phase = SRO_DONATE;
		M.sro[i].cmd = RMI_RMM_ACTIVATE;
	}
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_COARSE), RMI_BUSY);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, R2, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_FINE);			/* unchanged */

	/* donated memory must have an L1 table and fine tracking */
	CHECK_EQ(setup("gpt=host;activate_pages=3"), 0);
	rmi(RMI_RMM_ACTIVATE, 0, 0, 0);
	h = out[1];
	list[0] = list_entry(HOST_MEM, 1, true);	/* R1: no L1 yet */
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1), RMI_ERROR_INPUT);
	CHECK_EQ(setup("coarse=1;activate_pages=3"), 0);
	rmi(RMI_RMM_ACTIVATE, 0, 0, 0);
	h = out[1];
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1), RMI_ERROR_INPUT);
	/* single pages come back in pieces when the list is short */
	list[0] = list_entry(R2, 1, true);
	list[1] = list_entry(R2 + 2 * PAGE, 1, true);
	list[2] = list_entry(R2 + 4 * PAGE, 1, true);
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 3) & 0xff,
		 RMI_INCOMPLETE);
	CHECK_EQ(out[1], 3);
	CHECK_EQ(rmi(RMI_OP_CANCEL, h, 0, 0), RMI_SUCCESS);
	memset(list, 0, PAGE);
	st = rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 2);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_RECLAIM);
	CHECK_EQ(out[1], 2);
	CHECK_EQ(list[0], list_entry(R2 + 4 * PAGE, 1, true));
	st = rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 2);
	CHECK_EQ(out[1], 1);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_NONE);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_BUSY);
	CHECK(!M.activated);
	CHECK_EQ(M.st.bytes_reclaimed, 3 * PAGE);

	/* not an RMI FID at all */
	memset(&r, 0, sizeof(r));
	r.x[0] = 0xC4000100;
	CHECK(!rmm_handle(&M, &r));
	r.x[0] = 0xC5000150;
	CHECK(!rmm_handle(&M, &r));
	/* firmware-made tables cannot be destroyed */
	CHECK_EQ(setup(""), 0);
	activate();
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1, 0, 0), RMI_ERROR_GPT);
	/* injected -1 counts as an error */
	CHECK_EQ(setup("fail=features:1:-1"), 0);
	CHECK_EQ(rmi(RMI_FEATURES, 0, 0, 0), (uint64_t)-1);
	CHECK_EQ(M.st.errors, 1);
}

TEST(rmm_init_error_paths)
{
	struct rmm_scenario sc;
	struct dt_info dt = dram_2g();

	scenario_defaults(&sc);
	/* no room for the L0 table */
	CHECK(rmm_init(&M, &sc, &dt, DRAM_TOP - 0x1000, 0x1000, 0, 48) != 0);
	/* room for L0 and one state array but not for its L1 table */
	CHECK(rmm_init(&M, &sc, &dt, DRAM_TOP - 0x50000, 0x50000, 0, 48) != 0);
	/* DRAM beyond the PPS */
	sc.pps = 0;
	dt.bank[0].size = 4 * SZ_1G;
	CHECK(rmm_init(&M, &sc, &dt, R2, SZ_2M, 0, 48) != 0);
	/* more regions than the model tracks */
	sc.pps = 2;
	dt.bank[0].size = 70 * SZ_1G;
	CHECK(rmm_init(&M, &sc, &dt, R2, SZ_2M, 0, 48) != 0);
	/* two banks in one region, with a hole: the hole is not memory */
	dt = dram_2g();
	dt.nbanks = 2;
	dt.bank[0].size = 0x10000000;
	dt.bank[1].base = 0x60000000;
	dt.bank[1].size = DRAM_TOP - 0x60000000;
	CHECK_EQ(rmm_init(&M, &sc, &dt, DRAM_TOP - SZ_2M, SZ_2M, 0, 48), 0);
	CHECK_EQ(M.nregions, 2);
	CHECK_EQ(rmm_granule_state(&M, 0x50000000), G_NONE);
	CHECK_EQ(rmm_granule_state(&M, 0x60000000), G_NS);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, R2, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_FINE);
	CHECK_EQ(out[3], 0x50000000);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, 0x50000000, R2, 0),
		 RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_NONE);
	CHECK_EQ(out[3], 0x60000000);
	/* a hotplug window sharing a region with DRAM */
	dt = dram_2g();
	dt.bank[0].size = 0x70000000;			/* ends 0xb0000000 */
	CHECK_EQ(scenario_parse("hotplug=0xb0000000:256M", &sc,
				(char[96]){ 0 }, 96), 0);
	CHECK(rmm_init(&M, &sc, &dt, 0xb0000000 - SZ_2M, SZ_2M, 0, 48) != 0);
	/* a carve-out that is not page aligned */
	scenario_defaults(&sc);
	dt = dram_2g();
	CHECK(rmm_init(&M, &sc, &dt, DRAM_TOP - SZ_2M + 8, SZ_2M - 8, 0, 48)
	      != 0);
}

TEST(gpt_geometry)
{
	struct gpt g;
	uint64_t *l0;

	CHECK_EQ(gpt_l0_table_size(2, 4), 64 * 8 > SZ_4K ? 64 * 8 : SZ_4K);
	CHECK_EQ(gpt_l0_table_size(5, 6), (1ULL << 12) * 8);
	CHECK_EQ(gpt_l0_table_size(0, 9), SZ_4K);	/* PPS below L0GPTSZ */
	CHECK_EQ(gpt_l0_table_size(7, 0), 0);
	CHECK_EQ(gpt_l0_table_size(2, 1), 0);
	CHECK_EQ(gpt_init(&g, 0x10000000, 2, 4, GPI_ANY), 0);
	CHECK_EQ(gpt_region_size(&g), 1ULL << 34);
	CHECK_EQ(gpt_l1_table_size(&g), (1ULL << 34) / (16 * SZ_4K) * 8);
	CHECK_EQ(gpt_init(&g, 0x10000000, 2, 6, GPI_ANY), 0);
	CHECK_EQ(gpt_region_size(&g), 1ULL << 36);
	/* a descriptor that is neither block nor table: no access */
	CHECK_EQ(gpt_init(&g, 0x10000000, 2, 0, GPI_ANY), 0);
	l0 = plat_phys(g.l0_pa);
	l0[1] = 0x5;
	CHECK_EQ(gpt_get_granule(&g, SZ_1G + PAGE), GPI_NO_ACCESS);
	CHECK_EQ(gpt_get_granule(&g, 1ULL << 41), GPI_NO_ACCESS);
	CHECK_EQ(gpt_set_granule(&g, 1ULL << 41, GPI_NS), -1);
	CHECK_EQ(gpt_set_granule(&g, SZ_1G, GPI_NS), -1);	/* no L1 */
	CHECK_EQ(gpt_install_l1(&g, 1, 0x10010000, GPI_NS), -1); /* align */
	CHECK_EQ(gpt_install_l1(&g, 1 << 20, 0x10020000, GPI_NS), -1);
	CHECK_EQ(gpt_l1_pa(&g, 1), 0);
}

TEST(scenario_errors)
{
	static const char *const bad[] = {
		"rmm=x", "gpt=x", "tracking=x", "activate=x",
		"activate_pages=65", "donate=x", "chunk=0x100000000",
		"chunk=", "chunk=0xfg", "chunk=99999999999999999999999",
		"gpf=x", "version=x", "version=2.0-x", "version=2.0-1.0",
		"version=99999999999", "version=x.1", "version=1.99999",
		"boot_realm=x", "boot_realm=0x1001", "boot_realm=0x1000:0",
		"boot_realm=0x1000:x", "fail=delegate", "fail=delegate:1",
		"fail=delegate:0:busy", "fail=nope:1:busy", "fail=0x100:1:busy",
		"fail=delegate:x:busy", "fail=delegate:1:nope",
		"fail=delegate:0x100000000:busy",
		"carveout=3M", "carveout=99999999999999999G", "carveout=xM",
		"pps=7", "pps=x", "noequals", "=x", "unknown=1",
		"this_is_a_very_long_scenario_item_name_that_gets_truncated_in_the_message=1",
	};
	struct rmm_scenario sc;
	char err[96];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		scenario_defaults(&sc);
		if (scenario_parse(bad[i], &sc, err, sizeof(err)) == 0) {
			printf("  accepted '%s'\n", bad[i]);
			test_failed = 1;
		}
	}
	CHECK(strstr(err, "bad scenario item 'this_is_a_very_long"));
	scenario_defaults(&sc);
	CHECK_EQ(scenario_parse("rmm=on;gpt=plat;tracking=fine;activate=required;"
				"donate=undelegated;gpf=off;version=0x10002;;"
				"chunk=0xAB\tpps=0X1\n", &sc, err, sizeof(err)), 0);
	CHECK(sc.enabled);
	CHECK_EQ(sc.ver_lo, 0x10002);
	CHECK_EQ(sc.ver_hi, 0x10002);
	CHECK_EQ(sc.chunk, 0xab);
	CHECK_EQ(sc.pps, 1);
	CHECK_EQ(scenario_parse("version=1.0-3.0 fail=0xC40001F1:2:0x10",
				&sc, err, sizeof(err)), 0);
	CHECK_EQ(sc.ver_lo, 0x10000);
	CHECK_EQ(sc.ver_hi, 0x30000);
	CHECK_EQ(sc.fault[0].func, RMI_GRANULE_RANGE_DELEGATE);
	CHECK_EQ(sc.fault[0].status, RMI_ERROR_GRANULE);
	scenario_defaults(&sc);
	for (i = 0; i < RMM_MAX_FAULTS; i++)
		CHECK_EQ(scenario_parse("fail=version:1:busy", &sc, err,
					sizeof(err)), 0);
	CHECK(scenario_parse("fail=version:1:busy", &sc, err, sizeof(err)));
}

TEST(host_gpi_modes)
{
	uint64_t *cfg = page(CFG_PAGE), *l0, h;
	unsigned long long ns;

	/* host memory is NS; host pages are read through the NS alias */
	CHECK_EQ(setup("gpt=host"), 0);
	l0 = plat_phys(M.gpt.l0_pa);
	CHECK_EQ(l0[0], 0xf1);			/* not memory: ANY */
	CHECK_EQ(l0[1], 0x91);			/* host memory block: NS */
	CHECK_EQ(gpi(HOST_MEM), GPI_NS);
	CHECK_EQ(gpi(M.carve_base), GPI_ROOT);
	memset(cfg, 0, PAGE);
	ns = test_ns_accesses;
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, CFG_PAGE, 0, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_GET, CFG_PAGE, 0, 0), RMI_SUCCESS);
	CHECK_EQ(test_ns_accesses, ns + 2);
	/* a table donated inside its own region becomes Root, rest NS */
	activate();
	h = start_l1_create(R1);
	CHECK_EQ(donate_contig(h, out[2], R1 + 0x100000), RMI_SUCCESS);
	CHECK_EQ(gpi(R1 + 0x100000), GPI_ROOT);
	CHECK_EQ(gpi(R1 + 0x100000 + 32 * PAGE), GPI_NS);
	CHECK_EQ(gpi(R1), GPI_NS);
	CHECK(test_ns_accesses > ns + 2);	/* the address list */
	/* host_gpi=any: the earlier behaviour */
	CHECK_EQ(setup("host_gpi=any;gpt=host"), 0);
	l0 = plat_phys(M.gpt.l0_pa);
	CHECK_EQ(l0[1], 0xf1);
	CHECK_EQ(gpi(HOST_MEM + 0x40000000), GPI_ANY);
	CHECK_EQ(gpi(M.carve_base), GPI_ROOT);
	/* hotplug memory stays ANY until the host makes it FINE */
	CHECK_EQ(setup("hotplug=1G"), 0);
	CHECK_EQ(gpi(R3), GPI_ANY);
	activate();
	rmi(RMI_GRANULE_TRACKING_SET, R3, 0, TRK_FINE);
	CHECK_EQ(donate_contig(out[1], out[2], R2 + 0x800000), RMI_SUCCESS);
	CHECK_EQ(gpi(R3), GPI_NS);
	CHECK_EQ(gpi(R3_TOP - PAGE), GPI_NS);
	CHECK(scenario_parse("host_gpi=x", &M.sc, (char[96]){ 0 }, 96) != 0);
	CHECK_EQ(scenario_parse("host_gpi=ns", &M.sc, (char[96]){ 0 }, 96), 0);
	CHECK(!M.sc.host_gpi_any);
}

/* snapshots=on: one rmm-snapshot line per successful L1/tracking change */
TEST(rmm_snapshots)
{
	uint64_t h, st;
	uint64_t l1 = R1 + 0x20000000;

	/* off by default: the same run prints nothing */
	CHECK_EQ(setup("gpt=host"), 0);
	CHECK(!M.sc.snapshots);
	activate();
	test_console_reset();
	h = donate_l1_table(R1, l1);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	CHECK_EQ(test_console_len, 0);
	CHECK_EQ(M.st.snapshots, 0);

	CHECK_EQ(setup("gpt=host;snapshots=on"), 0);
	CHECK(M.sc.snapshots);
	activate();
	test_console_reset();
	h = donate_l1_table(R1, l1);
	CHECK_EQ(test_console_len, 0);		/* not finished yet */
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	CHECK(!strcmp(test_console,
		      "rmm-snapshot: seq=1 after=l1_create region=0x0000000040000000 host_tables=1 donated=131072 reclaimed=0 held=131072\r\n"));
	/* refused commands print nothing */
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, R1, 0, 0), RMI_ERROR_GPT);
	test_console_reset();
	st = rmi(RMI_GPT_L1_DESTROY, R1, 0, 0);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	h = out[1];
	CHECK_EQ(test_console_len, 0);		/* table not back yet */
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 8), RMI_SUCCESS);
	CHECK(!strcmp(test_console,
		      "rmm-snapshot: seq=2 after=l1_destroy region=0x0000000040000000 host_tables=0 donated=131072 reclaimed=131072 held=0\r\n"));
	CHECK_EQ(M.st.snapshots, 2);
	/* the ledger agrees, and has no snapshot keys */
	test_console_reset();
	rmm_print_ledger(&M, "test");
	CHECK(strstr(test_console, "rmm-ledger: bytes_donated=131072 bytes_reclaimed=131072 bytes_outstanding=0\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: l1_created=1 l1_destroyed=1\r\n"));
	CHECK(!strstr(test_console, "rmm-snapshot"));

	/* TRACKING_SET without memory: FINE and COARSE, no change too */
	CHECK_EQ(setup("coarse=1;tracking_set=on;snapshots=on"), 0);
	activate();
	test_console_reset();
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R2, 0, TRK_FINE), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_COARSE),
		 RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R2, 0, TRK_COARSE),
		 RMI_ERROR_TRACKING);
	CHECK(!strcmp(test_console,
		      "rmm-snapshot: seq=1 after=tracking_fine region=0x0000000080000000 host_tables=0 donated=0 reclaimed=0 held=0\r\n"
		      "rmm-snapshot: seq=2 after=tracking_coarse region=0x0000000040000000 host_tables=0 donated=0 reclaimed=0 held=0\r\n"));
}

/* ---- profiles ---- */

/* 3 GiB at 0x4000_0000 plus 1 GiB at 0x1_0000_0000; carve-out below 3 GiB */
static int setup_4g(const char *scen)
{
	struct rmm_scenario sc;
	struct dt_info dt = dram_2g();
	uint64_t need;

	dt.bank[0].size = 3 * 0x40000000ULL;
	dt.bank[1].base = 0x100000000ULL;
	dt.bank[1].size = 0x40000000ULL;
	dt.nbanks = 2;
	scenario_defaults(&sc);
	if (scenario_parse(scen, &sc, NULL, 0))
		return -1;
	need = rmm_carveout_need(&sc, &dt, 0);
	return rmm_init(&M, &sc, &dt, DRAM_TOP - need, need, 0, 52);
}

TEST(profile_tf_rmm)
{
	uint64_t *cfg = page(CFG_PAGE);

	CHECK_EQ(setup("profile=tf-rmm-0.9"), 0);
	CHECK_EQ(M.sc.pps, 5);
	CHECK_EQ(M.sc.gpt, GPT_MODE_PLAT);
	CHECK_EQ(rmi(RMI_VERSION, 0x20000, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], 0x20000);
	CHECK_EQ(out[2], 0x20000);
	CHECK_EQ(rmi(RMI_FEATURES, 0, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], 0x317f34);
	CHECK_EQ(rmi(RMI_FEATURES, 1, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], 0x142a9);
	CHECK_EQ(rmi(RMI_FEATURES, 2, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], 0);
	/* above 0x20A and TRACKING_SET: SMCCC -1, counted as unknown */
	CHECK_EQ(rmi(RMI_GPT_INFO, R1, R2, 0), (uint64_t)-1);
	CHECK_EQ(rmi(RMI_RMM_DEACTIVATE, 0, 0, 0), (uint64_t)-1);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE), (uint64_t)-1);
	CHECK_EQ(rmi(0x20B, 0, 0, 0), (uint64_t)-1);
	CHECK_EQ(M.st.unknown_calls, 4);
	/* before ACTIVATE only the init commands */
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, HOST_MEM, HOST_MEM + PAGE, 0),
		 RMI_ERROR_GLOBAL);
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, R1, 0, 0), RMI_ERROR_GLOBAL);
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1, 0, 0), RMI_ERROR_GLOBAL);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, 0x1000, 0, 0), RMI_ERROR_GLOBAL);
	CHECK_EQ(rmi(RMI_OP_CANCEL, 0x1000, 0, 0), RMI_ERROR_GLOBAL);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_GET, CFG_PAGE, 0, 0), RMI_SUCCESS);
	/* TRACKING_GET: FINE up to the requested top on boot DRAM */
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, DRAM_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], CAT_CONVENTIONAL);
	CHECK_EQ(out[2], TRK_FINE);
	CHECK_EQ(out[3], DRAM_TOP);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, M.carve_base, DRAM_TOP, 0),
		 RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_FINE);
	CHECK_EQ(out[3], DRAM_TOP);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, 0, R1, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_NONE);
	CHECK_EQ(out[3], R1);
	memset(cfg, 0, PAGE);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, CFG_PAGE, 0, 0), RMI_SUCCESS);
	/* ACTIVATE in one call, whatever activate_pages says */
	CHECK_EQ(setup("profile=tf-rmm-0.9;activate_pages=3"), 0);
	CHECK_EQ(rmi(RMI_RMM_ACTIVATE, 0, 0, 0), RMI_SUCCESS);
	CHECK(M.activated);
	CHECK_EQ(M.st.sro_started, 0);
	CHECK_EQ(rmi(RMI_RMM_ACTIVATE, 0, 0, 0), RMI_ERROR_GLOBAL);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, CFG_PAGE, 0, 0), RMI_ERROR_GLOBAL);
	/* static L1 tables: ERROR_GPT for any L0-aligned PA */
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, R1, 0, 0), RMI_ERROR_GPT);
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, 0, 0, 0), RMI_ERROR_GPT);
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, 1ULL << 50, 0, 0), RMI_ERROR_GPT);
	CHECK_EQ(rmi(RMI_GPT_L1_CREATE, R1 + PAGE, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1, 0, 0), RMI_ERROR_GPT);
	CHECK_EQ(rmi(RMI_GPT_L1_DESTROY, R1 + PAGE, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, HOST_MEM, HOST_MEM + PAGE, 0),
		 RMI_SUCCESS);
	CHECK_EQ(gpi(HOST_MEM), GPI_REALM);
	test_console_reset();
	rmm_print_ledger(&M, "test");
	CHECK(strstr(test_console, "rmm-ledger: profile=tf-rmm-0.9 deactivated=0\r\n"));
	CHECK(strstr(test_console, " gpt=plat activated=1\r\n"));

	/* hotplug memory: NONE, and no TRACKING_SET to change that */
	CHECK_EQ(setup("profile=tf-rmm-0.9;hotplug=1G"), 0);
	CHECK(!M.sc.tracking_set);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, DRAM_TOP, 0x100000000ULL, 0),
		 RMI_SUCCESS);
	CHECK_EQ(out[1], CAT_CONVENTIONAL);
	CHECK_EQ(out[2], TRK_NONE);
	CHECK_EQ(out[3], 0x100000000ULL);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, DRAM_TOP, 0, TRK_FINE),
		 (uint64_t)-1);
	activate();
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, DRAM_TOP, DRAM_TOP + PAGE, 0),
		 RMI_ERROR_TRACKING);
	/* fail= still refines the profile */
	CHECK_EQ(setup("profile=tf-rmm-0.9;fail=version:1:error_input"), 0);
	CHECK_EQ(rmi(RMI_VERSION, 0x20000, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_VERSION, 0x20000, 0, 0), RMI_SUCCESS);
	CHECK_EQ(setup("profile=tf-rmm"), -1);
	CHECK_EQ(setup("profile="), -1);
}

/* CONFIG_SET only in the first 3 GiB of RAM */
TEST(profile_tf_rmm_config_window)
{
	uint64_t last = 0x100000000ULL - PAGE;

	memset(page(last), 0, PAGE);
	CHECK_EQ(setup_4g("profile=tf-rmm-0.9"), 0);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, 0x100000000ULL, 0, 0),
		 RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, 0x13ffff000ULL, 0, 0),
		 RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, last, 0, 0), RMI_SUCCESS);
	/* TRACKING_GET on the second bank: FINE too */
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, 0x100000000ULL,
		     0x140000000ULL, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_FINE);
	CHECK_EQ(out[3], 0x140000000ULL);
	/* the default profile takes any host DRAM page */
	CHECK_EQ(setup_4g(""), 0);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, last, 0, 0), RMI_SUCCESS);
}

TEST(profile_bet3_and_default)
{
	CHECK_EQ(setup("profile=bet3"), 0);
	CHECK(M.sc.tracking_set);
	CHECK_EQ(rmi(RMI_GPT_INFO, R1, DRAM_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], PAR_PLAT);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE),
		 RMI_ERROR_GLOBAL);
	CHECK_EQ(rmi(RMI_RMM_DEACTIVATE, 0, 0, 0), RMI_ERROR_GLOBAL);
	CHECK_EQ(rmi(RMI_FEATURES, 0, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], 48);
	CHECK_EQ(M.st.unknown_calls, 0);
	activate();
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_RMM_DEACTIVATE, 0, 0, 0), RMI_SUCCESS);
	CHECK(!M.activated);
	test_console_reset();
	rmm_print_ledger(&M, "test");
	CHECK(strstr(test_console, "rmm-ledger: profile=bet3 deactivated=1\r\n"));
	/* the default: DEACTIVATE there, TRACKING_SET by the knob */
	CHECK_EQ(setup(""), 0);
	CHECK(M.sc.profile == &rmm_profiles[0]);
	CHECK_EQ(rmi(RMI_RMM_DEACTIVATE, 0, 0, 0), RMI_ERROR_GLOBAL);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE), (uint64_t)-1);
	test_console_reset();
	rmm_print_ledger(&M, "test");
	CHECK(strstr(test_console, "rmm-ledger: profile=default deactivated=0\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: adversary=none adv_garbage=0 adv_overreported=0 adv_busy=0 adv_badreq=0 adv_version_flips=0\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: bogus_reclaimed=0 bogus_donated=0 bogus_delegated=0 dup_reclaimed=0 bogus_pages=0\r\n"));
	/* a knob after the profile refines it */
	CHECK_EQ(setup("profile=tf-rmm-0.9;pps=2;gpt=host"), 0);
	CHECK_EQ(M.sc.pps, 2);
	CHECK_EQ(M.sc.gpt, GPT_MODE_HOST);
}

/* ---- RMM_DEACTIVATE ---- */

TEST(deactivate_activation_pages)
{
	uint64_t h, st, *list = page(LIST_PAGE), *cfg = page(CFG_PAGE);

	CHECK_EQ(setup("activate_pages=2"), 0);
	CHECK_EQ(rmi(RMI_RMM_DEACTIVATE, 0, 0, 0), RMI_ERROR_GLOBAL);
	st = rmi(RMI_RMM_ACTIVATE, 0, 0, 0);
	h = out[1];
	list[0] = list_entry(HOST_MEM, 2, true);
	rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	CHECK_EQ(M.act_npages, 2);
	/* a delegated granule: ERROR_INPUT, nothing changes */
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R1, R1 + PAGE, 0),
		 RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_RMM_DEACTIVATE, 0, 0, 0), RMI_ERROR_INPUT);
	CHECK(M.activated);
	CHECK_EQ(gpi(HOST_MEM), GPI_ROOT);
	CHECK_EQ(gpi(R1), GPI_REALM);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_UNDELEGATE, R1, R1 + PAGE, 0),
		 RMI_SUCCESS);

	st = rmi(RMI_RMM_DEACTIVATE, 0, 0, 0);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_RECLAIM);
	CHECK(!(st & RMI_CAN_CANCEL));
	h = out[1];
	CHECK_EQ(M.st.sro_started, 2);
	/* while it runs: queries only */
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R1, R1 + PAGE, 0),
		 RMI_BLOCKED);
	CHECK_EQ(rmi(RMI_RMM_ACTIVATE, 0, 0, 0), RMI_BLOCKED);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, CFG_PAGE, 0, 0), RMI_BLOCKED);
	CHECK_EQ(rmi(RMI_RMM_DEACTIVATE, 0, 0, 0), RMI_BLOCKED);
	CHECK_EQ(rmi(RMI_VERSION, 0x20000, 0, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_OP_CANCEL, h, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1), RMI_ERROR_INPUT);
	st = rmi(RMI_OP_CONTINUE, h, 0, 0);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_RECLAIM);
	/* one entry per call with capacity 1 */
	memset(list, 0, PAGE);
	st = rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 1);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_RECLAIM);
	CHECK_EQ(out[1], 1);
	CHECK_EQ(list[0], list_entry(HOST_MEM + PAGE, 1, true));
	CHECK_EQ(M.st.bytes_reclaimed, PAGE);
	st = rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 8);
	CHECK_EQ(out[1], 1);
	CHECK_EQ(list[0], list_entry(HOST_MEM, 1, true));
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_NONE);
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 8), RMI_ERROR_INPUT);
	CHECK(M.activated);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	CHECK(!M.activated);
	CHECK_EQ(M.st.deactivated, 1);
	CHECK_EQ(gpi(HOST_MEM), GPI_NS);
	CHECK_EQ(rmm_granule_state(&M, HOST_MEM + PAGE), G_NS);
	CHECK_EQ(M.st.bytes_donated, 2 * PAGE);
	CHECK_EQ(M.st.bytes_reclaimed, 2 * PAGE);
	test_console_reset();
	rmm_print_ledger(&M, "test");
	CHECK(strstr(test_console, " activated=0\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: cmd=deactivate func=0x20f calls=4 errors=3 "));
	CHECK(strstr(test_console, "bytes_outstanding=0\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: sro_started=2 sro_cancelled=0 sro_open=0\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: profile=default deactivated=1\r\n"));
	/* pre-activation state again: CONFIG_SET and ACTIVATE */
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R1, R1 + PAGE, 0),
		 RMI_ERROR_GLOBAL);
	memset(cfg, 0, PAGE);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_SET, CFG_PAGE, 0, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_RMM_ACTIVATE, 0, 0, 0) & 0xff, RMI_INCOMPLETE);

	/* nothing held: SUCCESS at once; an open SRO: BLOCKED; fail= */
	CHECK_EQ(setup("gpt=host;fail=deactivate:2:busy"), 0);
	activate();
	h = start_l1_create(R1);
	CHECK_EQ(rmi(RMI_RMM_DEACTIVATE, 0, 0, 0), RMI_BLOCKED);
	CHECK_EQ(rmi(RMI_OP_CANCEL, h, 0, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_BUSY);
	CHECK_EQ(rmi(RMI_RMM_DEACTIVATE, 0, 0, 0), RMI_BUSY);	/* injected */
	CHECK(M.activated);
	CHECK_EQ(rmi(RMI_RMM_DEACTIVATE, 0, 0, 0), RMI_SUCCESS);
	CHECK(!M.activated);
	CHECK_EQ(M.st.deactivated, 1);
}

/* host L1 tables and tracking memory, hotplug: all back, newest first */
TEST(deactivate_tables_and_tracking)
{
	uint64_t h, st, *list = page(LIST_PAGE), *l0;
	uint64_t l1a = R1 + 0x20000000, l1b = R1 + 0x20040000;
	uint64_t trk1 = R2 + 0x400000, trk3 = R2 + 0x800000;

	CHECK_EQ(setup("gpt=host;hotplug=1G;snapshots=on"), 0);
	l0 = plat_phys(M.gpt.l0_pa);
	activate();
	h = donate_l1_table(R1, l1a);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	/* R1: COARSE (no memory), then FINE with 64 pages from R2 */
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_COARSE),
		 RMI_SUCCESS);
	st = rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ(donate_contig(out[1], out[2], trk1), RMI_SUCCESS);
	/* the hotplug region R3: a table from R1, its state from R2 */
	h = donate_l1_table(R3, l1b);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	st = rmi(RMI_GRANULE_TRACKING_SET, R3, 0, TRK_FINE);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ(donate_contig(out[1], out[2], trk3), RMI_SUCCESS);
	CHECK_EQ(gpi(R3 + PAGE), GPI_NS);
	CHECK_EQ(M.st.bytes_donated, (32 + 64 + 32 + 64) * PAGE);

	st = rmi(RMI_RMM_DEACTIVATE, 0, 0, 0);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_RECLAIM);
	h = out[1];
	/* everything changed at once */
	CHECK_EQ(l0[1], 0x91);
	CHECK_EQ(l0[3] & 0xf, 1);		/* R3: a block, GPI ANY */
	CHECK_EQ((l0[3] >> 4) & 0xf, GPI_ANY);
	CHECK_EQ(rmi(RMI_GPT_INFO, R1, DRAM_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], PAR_HOST_NOT_CREATED);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, R2, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_FINE);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R3, R3_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_NONE);
	CHECK_EQ(gpi(trk1), GPI_NS);
	CHECK_EQ(rmm_granule_state(&M, l1a), G_NS);
	CHECK_EQ(M.st.l1_destroyed, 2);
	memset(list, 0, PAGE);
	st = rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 512);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ((st >> RMI_MEMREQ_SHIFT) & 3, RMI_MEMREQ_NONE);
	CHECK_EQ(out[1], 4);
	CHECK_EQ(list[0], list_entry(l1a, 32, true));
	CHECK_EQ(list[1], list_entry(trk1, 64, true));
	CHECK_EQ(list[2], list_entry(l1b, 32, true));
	CHECK_EQ(list[3], list_entry(trk3, 64, true));
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	CHECK_EQ(M.st.bytes_reclaimed, M.st.bytes_donated);
	test_console_reset();
	rmm_print_ledger(&M, "test");
	CHECK(strstr(test_console, "rmm-ledger: l1_created=2 l1_destroyed=2\r\n"));
	CHECK(strstr(test_console, "bytes_outstanding=0\r\n"));
	CHECK(strstr(test_console, " activated=0\r\n"));
	/* and it all works again */
	activate();
	h = donate_l1_table(R1, l1b);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, HOST_MEM, HOST_MEM + PAGE, 0),
		 RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R3, R3 + PAGE, 0),
		 RMI_ERROR_TRACKING);

	/* a region COARSE at boot made FINE goes back to COARSE */
	CHECK_EQ(setup("coarse=1;tracking_set=on"), 0);
	activate();
	st = rmi(RMI_GRANULE_TRACKING_SET, R1, 0, TRK_FINE);
	CHECK_EQ(donate_contig(out[1], out[2], trk1), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_RMM_DEACTIVATE, 0, 0, 0) & 0xff, RMI_INCOMPLETE);
	h = out[1];
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 512) & 0xff,
		 RMI_INCOMPLETE);
	CHECK_EQ(list[0], list_entry(trk1, 64, true));
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_GRANULE_TRACKING_GET, R1, R2, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], TRK_COARSE);
}

/* ---- adversary= ---- */

TEST(adversary_parse)
{
	struct rmm_scenario sc;
	char buf[96];

	scenario_defaults(&sc);
	CHECK_EQ(scenario_parse("adversary=garbage,overconsume,reclaim_bogus,reclaim_twice,version_flip,busy:delegate,badreq:activate:huge;gpt=host",
				&sc, NULL, 0), 0);
	CHECK_EQ(sc.adversary, ADV_GARBAGE | ADV_OVERCONSUME |
		 ADV_RECLAIM_BOGUS | ADV_RECLAIM_TWICE | ADV_VERSION_FLIP |
		 ADV_BUSY | ADV_BADREQ);
	CHECK_EQ(sc.adv_busy_func, RMI_GRANULE_RANGE_DELEGATE);
	CHECK_EQ(sc.adv_badreq_func, RMI_RMM_ACTIVATE);
	CHECK_EQ(sc.adv_badreq, BADREQ_HUGE);
	CHECK_EQ(sc.gpt, GPT_MODE_HOST);
	scenario_adversary_str(&sc, buf, sizeof(buf));
	CHECK(!strcmp(buf, "garbage,overconsume,reclaim_bogus,reclaim_twice,version_flip,busy:delegate,badreq:activate:huge"));
	scenario_defaults(&sc);
	CHECK_EQ(scenario_parse("adversary=busy:0x1F2", &sc, NULL, 0), 0);
	CHECK_EQ(sc.adv_busy_func, RMI_GRANULE_RANGE_UNDELEGATE);
	CHECK_EQ(scenario_parse("adversary=busy:nope", &sc, NULL, 0), -1);
	CHECK_EQ(scenario_parse("adversary=busy", &sc, NULL, 0), -1);
	CHECK_EQ(scenario_parse("adversary=badreq:activate", &sc, NULL, 0), -1);
	CHECK_EQ(scenario_parse("adversary=badreq:activate:xx", &sc, NULL, 0), -1);
	CHECK_EQ(scenario_parse("adversary=rude", &sc, NULL, 0), -1);
	scenario_defaults(&sc);
	CHECK_EQ(scenario_parse("adversary=none", &sc, NULL, 0), 0);
	CHECK_EQ(sc.adversary, 0);
}

TEST(adversary_garbage_busy_version)
{
	CHECK_EQ(setup("adversary=garbage,version_flip,busy:delegate;fail=features:1:-1"), 0);
	CHECK_EQ(rmi(RMI_VERSION, 0x20000, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], 0x20000);
	CHECK_EQ(out[2], 0x20000);
	/* from the second call on: an RMM 1.0 (with garbage: an error) */
	CHECK_EQ(rmi(RMI_VERSION, 0x20000, 0, 0), RMI_ERROR_INPUT);
	CHECK_EQ(out[1], ADV_GARBAGE_X1);
	CHECK_EQ(out[2], ADV_GARBAGE_X2);
	CHECK_EQ(out[3], ADV_GARBAGE_X3);
	CHECK_EQ(rmi(RMI_VERSION, 0x10000, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], 0x10000);
	CHECK_EQ(out[2], 0x10000);
	CHECK_EQ(rmi(RMI_FEATURES, 0, 0, 0), (uint64_t)-1);	/* injected */
	CHECK_EQ(out[1], ADV_GARBAGE_X1);
	CHECK_EQ(rmi(RMI_FEATURES, 0, 0, 0), RMI_SUCCESS);
	CHECK_EQ(out[1], 48);
	CHECK_EQ(out[2], 0);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_UNDELEGATE, R1, R1 + PAGE, 0),
		 RMI_ERROR_GLOBAL);
	CHECK_EQ(out[1], ADV_GARBAGE_X1);
	activate();
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R1, R1 + PAGE, 0), RMI_BUSY);
	CHECK_EQ(out[3], ADV_GARBAGE_X3);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R1, R1 + PAGE, 0), RMI_BUSY);
	CHECK_EQ(gpi(R1), GPI_NS);
	CHECK_EQ(M.st.adv_busy, 2);
	CHECK_EQ(M.st.adv_garbage, 5);
	CHECK_EQ(M.st.adv_version_flips, 2);
	test_console_reset();
	rmm_print_ledger(&M, "test");
	CHECK(strstr(test_console, "rmm-ledger: adversary=garbage,version_flip,busy:delegate adv_garbage=5 adv_overreported=0 adv_busy=2 adv_badreq=0 adv_version_flips=2\r\n"));
	CHECK(strstr(test_console, "rmm-ledger: cmd=delegate func=0x1f1 calls=2 errors=2 "));
	CHECK(strstr(test_console, "granules_delegated=0 "));

	/* without garbage, busy keeps x1 = base */
	CHECK_EQ(setup("adversary=busy:undelegate"), 0);
	activate();
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, R1, R1 + PAGE, 0),
		 RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_UNDELEGATE, R1, R1 + PAGE, 0),
		 RMI_BUSY);
	CHECK_EQ(out[1], R1);
	CHECK_EQ(gpi(R1), GPI_REALM);
}

TEST(adversary_overconsume)
{
	uint64_t h, st, *list = page(LIST_PAGE), l1 = R1 + 0x20000000;

	CHECK_EQ(setup("gpt=host;adversary=overconsume"), 0);
	activate();
	h = start_l1_create(R1);
	list[0] = list_entry(l1, 8, true);
	list[1] = list_entry(l1 + 8 * PAGE, 8, true);
	st = rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 2);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	CHECK_EQ(out[1], 17);			/* 16 offered */
	CHECK_EQ((out[2] >> DONREQ_COUNT_SHIFT) & DONREQ_COUNT_MASK, 16);
	CHECK_EQ(M.st.bytes_donated, 16 * PAGE);	/* the truth */
	CHECK_EQ(rmm_granule_state(&M, l1 + 16 * PAGE), G_NS);
	CHECK_EQ(M.st.adv_overreported, 1);
}

TEST(adversary_reclaim)
{
	uint64_t h, st, *list = page(LIST_PAGE), l1 = R1 + 0x20000000, bogus;

	CHECK_EQ(setup("gpt=host;adversary=reclaim_twice,reclaim_bogus"), 0);
	bogus = M.carve_base - PAGE;
	activate();
	h = donate_l1_table(R1, l1);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	st = rmi(RMI_GPT_L1_DESTROY, R1, 0, 0);
	CHECK_EQ(st & 0xff, RMI_INCOMPLETE);
	h = out[1];
	memset(list, 0, PAGE);
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 8), RMI_SUCCESS);
	CHECK_EQ(out[1], 3);
	CHECK_EQ(list[0], list_entry(l1, 32, true));
	CHECK_EQ(list[1], list_entry(l1, 32, true));
	CHECK_EQ(list[2], list_entry(bogus, 1, true));
	CHECK_EQ(M.st.bytes_reclaimed, 32 * PAGE);	/* the truth */
	CHECK_EQ(M.st.dup_reclaimed, 1);
	CHECK_EQ(M.st.bogus_reclaimed, 1);
	/* the host uses the bogus page: counted */
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_DELEGATE, bogus, bogus + PAGE, 0),
		 RMI_SUCCESS);
	CHECK_EQ(M.st.bogus_delegated, 1);
	CHECK_EQ(rmi(RMI_GRANULE_RANGE_UNDELEGATE, bogus, bogus + PAGE, 0),
		 RMI_SUCCESS);
	/* ... and as a config page and an address list */
	memset(page(bogus), 0, PAGE);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_GET, bogus, 0, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, 0x4242, bogus, 1), RMI_ERROR_INPUT);
	CHECK_EQ(rmi(RMI_RMM_CONFIG_GET, CFG_PAGE, 0, 0), RMI_SUCCESS);
	CHECK_EQ(M.st.bogus_pages, 2);
	test_console_reset();
	rmm_print_ledger(&M, "test");
	CHECK(strstr(test_console, "rmm-ledger: bogus_reclaimed=1 bogus_donated=0 bogus_delegated=1 dup_reclaimed=1 bogus_pages=2\r\n"));
	CHECK(strstr(test_console, "bytes_donated=131072 bytes_reclaimed=131072 bytes_outstanding=0\r\n"));

	/* room for nothing more: the list keeps only the true entry */
	CHECK_EQ(setup("gpt=host;adversary=reclaim_twice,reclaim_bogus"), 0);
	activate();
	h = donate_l1_table(R1, l1);
	rmi(RMI_OP_CONTINUE, h, 0, 0);
	rmi(RMI_GPT_L1_DESTROY, R1, 0, 0);
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, out[1], LIST_PAGE, 1), RMI_SUCCESS);
	CHECK_EQ(out[1], 1);
	CHECK_EQ(M.st.bogus_reclaimed, 0);

	/* DEACTIVATE's list too; donating the bogus page later is counted */
	CHECK_EQ(setup("activate_pages=1;adversary=reclaim_bogus"), 0);
	bogus = M.carve_base - PAGE;
	rmi(RMI_RMM_ACTIVATE, 0, 0, 0);
	h = out[1];
	list[0] = list_entry(HOST_MEM, 1, true);
	rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	rmi(RMI_RMM_DEACTIVATE, 0, 0, 0);
	h = out[1];
	st = rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 8);
	CHECK_EQ(out[1], 2);
	CHECK_EQ(list[0], list_entry(HOST_MEM, 1, true));
	CHECK_EQ(list[1], list_entry(bogus, 1, true));
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_SUCCESS);
	rmi(RMI_RMM_ACTIVATE, 0, 0, 0);
	h = out[1];
	list[0] = list_entry(bogus, 1, true);
	rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1);
	CHECK_EQ(out[1], 1);
	CHECK_EQ(M.st.bogus_donated, 1);
	CHECK_EQ(M.st.bytes_donated - M.st.bytes_reclaimed, PAGE);
}

TEST(adversary_badreq)
{
	uint64_t h, st, *list = page(LIST_PAGE);
	static const struct {
		const char *scen;
		uint64_t req;
	} kinds[] = {
		{ "adversary=badreq:activate:count0", DONREQ_UNDELEGATED },
		{ "adversary=badreq:activate:size3",
		  3 | (1 << DONREQ_COUNT_SHIFT) | DONREQ_UNDELEGATED },
		{ "adversary=badreq:activate:huge",
		  2 | (DONREQ_COUNT_MASK << DONREQ_COUNT_SHIFT) |
		  DONREQ_CONTIG | DONREQ_UNDELEGATED },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		CHECK_EQ(setup(kinds[i].scen), 0);
		st = rmi(RMI_RMM_ACTIVATE, 0, 0, 0);
		CHECK_EQ(st, RMI_INCOMPLETE | RMI_CAN_CANCEL |
			 (RMI_MEMREQ_DONATE << RMI_MEMREQ_SHIFT));
		h = out[1];
		CHECK_EQ(out[2], kinds[i].req);
		list[0] = list_entry(HOST_MEM, 1, true);
		CHECK_EQ(rmi(RMI_OP_MEM_DONATE, h, LIST_PAGE, 1),
			 RMI_ERROR_INPUT);
		CHECK_EQ(out[1], 0);
		CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), st);
		CHECK_EQ(out[2], kinds[i].req);
		CHECK_EQ(rmi(RMI_OP_CANCEL, h, 0, 0), RMI_SUCCESS);
		CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_BUSY);
		CHECK(!M.activated);
		CHECK_EQ(M.st.bytes_donated, 0);
		CHECK_EQ(M.st.adv_badreq, 1);
		CHECK_EQ(M.st.sro_cancelled, 1);
	}
	/* reclaim although nothing is held */
	CHECK_EQ(setup("gpt=host;adversary=badreq:l1_create:reclaim"), 0);
	activate();
	st = rmi(RMI_GPT_L1_CREATE, R1, 0, 0);
	CHECK_EQ(st, RMI_INCOMPLETE | RMI_CAN_CANCEL |
		 (RMI_MEMREQ_RECLAIM << RMI_MEMREQ_SHIFT));
	h = out[1];
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 8), st);
	CHECK_EQ(out[1], 0);
	CHECK_EQ(rmi(RMI_OP_MEM_RECLAIM, h, LIST_PAGE, 8), st);
	CHECK_EQ(rmi(RMI_OP_CANCEL, h, 0, 0), RMI_SUCCESS);
	CHECK_EQ(rmi(RMI_OP_CONTINUE, h, 0, 0), RMI_BUSY);
	CHECK_EQ(rmi(RMI_GPT_INFO, R1, DRAM_TOP, 0), RMI_SUCCESS);
	CHECK_EQ(out[2], PAR_HOST_NOT_CREATED);
	CHECK_EQ(M.st.bytes_reclaimed, 0);
	test_console_reset();
	rmm_print_ledger(&M, "test");
	CHECK(strstr(test_console, "rmm-ledger: adversary=badreq:l1_create:reclaim adv_garbage=0 adv_overreported=0 adv_busy=0 adv_badreq=1 "));
	CHECK(strstr(test_console, "sro_open=0\r\n"));
}

const struct test_case rmm_tests[] = {
	{ "rmm_init_plat", rmm_init_plat },
	{ "rmm_init_rejects_bad_carveout", rmm_init_rejects_bad_carveout },
	{ "rmi_version_features", rmi_version_features },
	{ "rmi_l1_create_donate_step", rmi_l1_create_donate_step },
	{ "rmi_features_lpa2", rmi_features_lpa2 },
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
	{ "rmm_ledger_sip_and_off", rmm_ledger_sip_and_off },
	{ "resv_reserve_service", resv_reserve_service },
	{ "resv_allocate_memory_draft", resv_allocate_memory_draft },
	{ "rmm_boot_uses_reservation", rmm_boot_uses_reservation },
	{ "tracking_coarse_ranges", tracking_coarse_ranges },
	{ "tracking_set_sro", tracking_set_sro },
	{ "tracking_hotplug", tracking_hotplug },
	{ "region_state_scans", region_state_scans },
	{ "tracking_scenario_knobs", tracking_scenario_knobs },
	{ "sro_error_paths", sro_error_paths },
	{ "rmm_init_error_paths", rmm_init_error_paths },
	{ "gpt_geometry", gpt_geometry },
	{ "scenario_errors", scenario_errors },
	{ "host_gpi_modes", host_gpi_modes },
	{ "rmm_snapshots", rmm_snapshots },
	{ "profile_tf_rmm", profile_tf_rmm },
	{ "profile_tf_rmm_config_window", profile_tf_rmm_config_window },
	{ "profile_bet3_and_default", profile_bet3_and_default },
	{ "deactivate_activation_pages", deactivate_activation_pages },
	{ "deactivate_tables_and_tracking", deactivate_tables_and_tracking },
	{ "adversary_parse", adversary_parse },
	{ "adversary_garbage_busy_version", adversary_garbage_busy_version },
	{ "adversary_overconsume", adversary_overconsume },
	{ "adversary_reclaim", adversary_reclaim },
	{ "adversary_badreq", adversary_badreq },
	{ NULL, NULL },
};
