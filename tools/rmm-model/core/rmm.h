/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RMM model: answers the host-side RMI 2.0 calls that a Linux CCA host makes
 * before it creates realms, with strict argument checking, a real GPT, a
 * scenario chosen at boot and fault injection.
 */
#ifndef RMM_MODEL_RMM_H
#define RMM_MODEL_RMM_H

#include "core.h"
#include "gpt.h"

/* RMI function numbers (FID = 0xC4000000 | func) */
#define RMI_FID(func)			(0xC4000000U | (func))
#define RMI_VERSION			0x150
#define RMI_FEATURES			0x165
#define RMI_RMM_CONFIG_SET		0x16E
#define RMI_GRANULE_TRACKING_GET	0x1E1
#define RMI_GRANULE_TRACKING_SET	0x1E3
#define RMI_RMM_CONFIG_GET		0x1EC
#define RMI_GRANULE_RANGE_DELEGATE	0x1F1
#define RMI_GRANULE_RANGE_UNDELEGATE	0x1F2
#define RMI_GPT_L1_CREATE		0x1F3
#define RMI_GPT_L1_DESTROY		0x1F4
#define RMI_RMM_ACTIVATE		0x202
#define RMI_OP_CONTINUE			0x203
#define RMI_OP_MEM_DONATE		0x208
#define RMI_OP_MEM_RECLAIM		0x209
#define RMI_OP_CANCEL			0x20A
#define RMI_RMM_DEACTIVATE		0x20F
#define RMI_GPT_INFO			0x211

#define RMI_FUNC_FIRST			0x150
#define RMI_FUNC_COUNT			0x100

/* status codes */
#define RMI_SUCCESS			0
#define RMI_ERROR_INPUT			1
#define RMI_ERROR_REALM			2
#define RMI_ERROR_REC			3
#define RMI_ERROR_RTT			4
#define RMI_ERROR_NOT_SUPPORTED		5
#define RMI_ERROR_DEVICE		6
#define RMI_ERROR_RTT_AUX		7
#define RMI_ERROR_PSMMU_ST		8
#define RMI_ERROR_DPT			9
#define RMI_BUSY			10
#define RMI_ERROR_GLOBAL		11
#define RMI_ERROR_TRACKING		12
#define RMI_INCOMPLETE			13
#define RMI_BLOCKED			14
#define RMI_ERROR_GPT			15
#define RMI_ERROR_GRANULE		16

/* INCOMPLETE: memory request in x0[9:8], can-cancel in x0[10] */
#define RMI_MEMREQ_NONE			0
#define RMI_MEMREQ_DONATE		1
#define RMI_MEMREQ_RECLAIM		2
#define RMI_MEMREQ_SHIFT		8
#define RMI_CAN_CANCEL			(1ULL << 10)

/* donate request (x2) */
#define DONREQ_SIZE_SHIFT		0
#define DONREQ_COUNT_SHIFT		2
#define DONREQ_COUNT_MASK		0x3fffULL
#define DONREQ_CONTIG			(1ULL << 16)
#define DONREQ_UNDELEGATED		(1ULL << 17)

/* address list entry */
#define FR0_LPA2			(1ULL << 8)	/* RMI_FEATURE_REGISTER_0.LPA2 */
#define ADDR_SIZE_MASK			0x3ULL
#define ADDR_COUNT_SHIFT		2
#define ADDR_COUNT_MASK			0x3ffULL
#define ADDR_PA_MASK			0x000ffffffffff000ULL
#define ADDR_UNDELEGATED		(1ULL << 63)

/* tracking */
#define TRK_RESERVED			0
#define TRK_NONE			1
#define TRK_FINE			2
#define TRK_COARSE			3
#define CAT_CONVENTIONAL		0
#define CAT_DEV_NCOH			1
#define CAT_DEV_COH			2

/* GPT_INFO PAR states */
#define PAR_RESERVED			0
#define PAR_PLAT			1
#define PAR_HOST_NOT_CREATED		2
#define PAR_HOST_CREATED		3

enum gpt_mode { GPT_MODE_PLAT = 0, GPT_MODE_HOST, GPT_MODE_LEGACY };

#define RMM_MAX_FAULTS		8
#define RMM_MAX_REGIONS		64
#define RMM_MAX_SRO		8
#define RMM_MAX_SRO_PAGES	64
#define RMM_MAX_COARSE		8
#define TRK_PAGES_AUTO		0xffffffffU

/* firmware-private SiP calls */
#define RMM_MODEL_SIP_LEDGER	0xC2000100U	/* print the ledger */

/*
 * Profiles: which firmware the model answers like. A profile is data (one
 * row of the table in profile.c), looked at by the commands it changes.
 */
#define PROF_NO_TRACKING_SET	(1U << 0)	/* TRACKING_SET -1, whatever
						 * tracking_set=/hotplug= say */
#define PROF_TRACKING_SET	(1U << 1)	/* TRACKING_SET always there */
#define PROF_STATIC_L1		(1U << 2)	/* L1_CREATE/DESTROY: ERROR_GPT
						 * for any L0-aligned PA */
#define PROF_STRICT_INIT	(1U << 3)	/* before ACTIVATE only the
						 * init commands answer */
#define PROF_ACTIVATE_NOW	(1U << 4)	/* ACTIVATE never an SRO */
#define PROF_TRK_WHOLE		(1U << 5)	/* TRACKING_GET on boot DRAM:
						 * FINE up to the requested top */
#define PROF_NO_DEACTIVATE	(1U << 6)	/* RMM_DEACTIVATE -1 */

struct rmm_profile {
	const char *name;
	uint32_t func_last;	/* function numbers above: unknown (-1) */
	uint32_t flags;		/* PROF_* */
	uint64_t fr0, fr1;	/* fixed FEATURES 0 / 1; 0: computed */
	int gpt;		/* GPT mode it implies; -1: gpt= knob */
	int pps;		/* PPS it implies; -1: pps= knob */
	uint64_t cfg_base;	/* CONFIG_SET page only inside [cfg_base, */
	uint64_t cfg_size;	/* cfg_base + cfg_size) (0: any DRAM) */
};

const struct rmm_profile *rmm_profile_find(const char *name, size_t len);
extern const struct rmm_profile rmm_profiles[];

/* adversary= behaviours (ADV_*) */
#define ADV_GARBAGE		(1U << 0)	/* x1..x3 garbage on errors */
#define ADV_OVERCONSUME		(1U << 1)	/* OP_MEM_DONATE x1 > offered */
#define ADV_RECLAIM_BOGUS	(1U << 2)	/* a never-donated address in
						 * every OP_MEM_RECLAIM list */
#define ADV_RECLAIM_TWICE	(1U << 3)	/* an address given twice */
#define ADV_BUSY		(1U << 4)	/* busy:CMD: BUSY forever */
#define ADV_BADREQ		(1U << 5)	/* badreq:CMD:KIND */
#define ADV_VERSION_FLIP	(1U << 6)	/* VERSION differs from call 2 */

enum adv_badreq { BADREQ_COUNT0 = 0, BADREQ_SIZE3, BADREQ_HUGE,
		  BADREQ_RECLAIM };

#define ADV_GARBAGE_X1		0xbad1bad1bad1bad1ULL
#define ADV_GARBAGE_X2		0xbad2bad2bad2bad2ULL
#define ADV_GARBAGE_X3		0xbad3bad3bad3bad3ULL
#define RMM_MAX_BOGUS		8

struct rmm_fault {
	uint32_t func;
	uint32_t nth;		/* 1-based call number */
	uint64_t status;
};

struct rmm_scenario {
	bool enabled;			/* false: RMI answers -1 */
	enum gpt_mode gpt;
	uint64_t carveout;		/* bytes; 0 = as much as needed */
	unsigned int pps;		/* GPCCR_EL3.PPS */
	bool coarse;			/* all DRAM tracked COARSE */
	unsigned int ncoarse;		/* coarse=FIRST-LAST,...: regions */
	uint64_t coarse_first[RMM_MAX_COARSE];
	uint64_t coarse_last[RMM_MAX_COARSE];
	bool tracking_set;		/* GRANULE_TRACKING_SET implemented */
	bool no_lpa2;			/* FR0: no LPA2, S2SZ at most 48 */
	uint32_t tracking_pages;	/* asked for by TRACKING_SET(FINE) */
	uint64_t hotplug_base;		/* 0: above the boot RAM */
	uint64_t hotplug_size;		/* 0: no hotplug window */
	bool need_activate;		/* commands refused before ACTIVATE */
	bool donate_delegated;		/* ask for delegated memory */
	bool gpf_halt;			/* GPF: halt instead of power off */
	bool host_gpi_any;		/* host memory GPI ANY instead of NS */
	bool snapshots;			/* rmm-snapshot line after each GPT
					 * and tracking change */
	uint32_t chunk;			/* granules per range call; 0 = all */
	uint32_t activate_pages;	/* ACTIVATE asks for this many pages */
	uint32_t donate_step;		/* OP_MEM_DONATE takes at most this many
					 * granules per call (0: all offered) */
	uint32_t ver_lo, ver_hi;
	uint64_t boot_realm_pa;		/* GPT self-test: Realm at boot */
	uint64_t boot_realm_pages;
	unsigned int nfaults;
	struct rmm_fault fault[RMM_MAX_FAULTS];
	const struct rmm_profile *profile;	/* never NULL after defaults */
	uint32_t adversary;		/* ADV_* */
	uint32_t adv_busy_func;		/* busy:CMD */
	uint32_t adv_badreq_func;	/* badreq:CMD:KIND */
	enum adv_badreq adv_badreq;
};

void scenario_defaults(struct rmm_scenario *sc);
/* 0 on success; on error a message in err. */
int scenario_parse(const char *s, struct rmm_scenario *sc, char *err,
		   size_t errlen);
const char *rmi_name(uint32_t func);
/* The adversary= list as the ledger prints it ("none" if empty). */
void scenario_adversary_str(const struct rmm_scenario *sc, char *buf,
			    size_t len);

/* per-granule state the model keeps for DRAM */
enum gstate {
	G_NONE = 0,		/* not DRAM */
	G_NS,			/* host memory */
	G_DELEGATED,		/* Realm PAS, free for realm objects */
	G_RMM,			/* donated to the RMM (Root PAS) */
	G_FW,			/* firmware carve-out (Root PAS) */
};

struct rmm_region {
	uint64_t index;		/* L0 region number (= tracking region) */
	uint8_t par;		/* PAR_* */
	uint8_t trk;		/* TRK_FINE, TRK_COARSE, TRK_NONE (unknown) */
	bool hotplug;		/* in the hotplug window, not in the DTB */
	bool known;		/* hotplug: the host has set its tracking */
	uint64_t st_base;	/* state array covers [st_base, st_top) */
	uint64_t st_top;
	uint64_t state_pa;	/* one byte of enum gstate per granule; 0: none */
	uint64_t l1_pa;		/* 0: no L1 table */
	uint64_t trk_pa;	/* memory donated for fine tracking */
	uint64_t trk_pages;
	uint8_t boot_trk;	/* trk at boot (DEACTIVATE restores it) */
	uint64_t l1_seq;	/* host L1 table / tracking donation: when */
	uint64_t trk_seq;	/* (m->seq), DEACTIVATE undoes newest first */
};

enum sro_phase { SRO_FREE = 0, SRO_DONATE, SRO_READY, SRO_RECLAIM };

struct rmm_sro {
	enum sro_phase phase;
	uint64_t handle;
	uint32_t cmd;
	uint64_t target;	/* region base for GPT_L1_* / TRACKING_SET */
	uint64_t align;		/* contiguous donation alignment (bytes) */
	uint64_t need;		/* granules still wanted */
	uint64_t total;		/* granules asked for in all */
	bool contig;
	bool undelegated;	/* donated memory state asked for */
	bool cancelled;
	bool returning;		/* hands memory back: not cancellable */
	bool bogus;		/* adversary badreq: can only be cancelled */
	uint64_t npages;
	uint64_t page[RMM_MAX_SRO_PAGES];	/* donated granules */
	uint64_t contig_base;			/* contiguous donation */
	uint64_t contig_got;
	uint64_t reclaim_base;			/* L1_DESTROY */
	uint64_t reclaim_left;
};

struct rmm_stats {
	uint64_t calls[RMI_FUNC_COUNT];
	uint64_t errs[RMI_FUNC_COUNT];
	uint64_t unknown_calls;
	uint64_t errors;
	uint64_t faults_injected;
	uint64_t l1_created;
	uint64_t l1_destroyed;
	uint64_t bytes_donated;
	uint64_t bytes_reclaimed;
	uint64_t granules_delegated;
	uint64_t granules_undelegated;
	uint64_t sro_started;
	uint64_t sro_cancelled;
	uint64_t tracking_fine;		/* TRACKING_SET -> FINE completed */
	uint64_t tracking_coarse;	/* TRACKING_SET -> COARSE completed */
	uint64_t gpf;			/* granule protection faults */
	uint64_t fatal;			/* other fatal traps */
	uint64_t sip_ledger;		/* on-demand ledger SMCs */
	uint64_t ledgers;		/* ledgers printed */
	uint64_t snapshots;		/* rmm-snapshot lines printed */
	uint64_t deactivated;		/* RMM_DEACTIVATE completed */
	uint64_t adv_garbage;		/* error answers given garbage x1..x3 */
	uint64_t adv_overreported;	/* OP_MEM_DONATE x1 above the offer */
	uint64_t adv_busy;		/* busy:CMD answers */
	uint64_t adv_badreq;		/* badreq:CMD operations started */
	uint64_t adv_version_flips;	/* VERSION answered as RMM 1.0 */
	uint64_t bogus_reclaimed;	/* never-donated addresses listed */
	uint64_t bogus_donated;		/* ... the host later donated */
	uint64_t bogus_delegated;	/* ... or delegated */
	uint64_t dup_reclaimed;		/* reclaim entries given twice */
	uint64_t bogus_pages;		/* bogus addresses passed as config
					 * page or address list */
	uint64_t time_ns;		/* spent in implemented RMI commands */
	uint64_t cmd_ns[RMI_FUNC_COUNT];	/* the same per command */
};

struct rmm {
	struct rmm_scenario sc;
	struct gpt gpt;
	bool gpt_ready;
	bool activated;
	uint64_t cfg_tracking;
	uint64_t cfg_granule;
	unsigned int nbanks;
	struct dt_mem_bank bank[DT_MAX_BANKS];
	uint64_t carve_base, carve_size;
	uint64_t hot_base, hot_top;	/* hotplug window; empty if equal */
	struct resv resv;		/* EL3 reservation service */
	unsigned int nregions;
	struct rmm_region region[RMM_MAX_REGIONS];
	struct rmm_sro sro[RMM_MAX_SRO];
	uint64_t next_handle;
	unsigned int s2sz;
	struct rmm_stats st;
	uint64_t seq;			/* donation order (DEACTIVATE) */
	uint64_t act_pa[RMM_MAX_SRO_PAGES];	/* ACTIVATE's donation */
	unsigned int act_npages;
	uint64_t act_seq;
	bool deactivating;		/* DEACTIVATE SRO open */
	unsigned int nruns;		/* DEACTIVATE: runs still to reclaim */
	uint64_t run_pa[2 * RMM_MAX_REGIONS + RMM_MAX_SRO_PAGES];
	uint64_t run_n[2 * RMM_MAX_REGIONS + RMM_MAX_SRO_PAGES];
	unsigned int nbogus;		/* adversary: bogus reclaims */
	uint64_t bogus_pa[RMM_MAX_BOGUS];
};

/* Bytes the carve-out needs for this DRAM layout and scenario. */
uint64_t rmm_carveout_need(const struct rmm_scenario *sc,
			   const struct dt_info *dt, unsigned int l0gptsz);
/* No model (rmm=off): only the counters of the ledger. */
void rmm_init_off(struct rmm *m, const struct rmm_scenario *sc);
/*
 * Build the model and its GPT in the carve-out [base, base + size), which
 * must lie in DRAM. l0gptsz is GPCCR_EL3.L0GPTSZ, s2sz the CPU's PA size.
 */
int rmm_init(struct rmm *m, const struct rmm_scenario *sc,
	     const struct dt_info *dt, uint64_t carve_base,
	     uint64_t carve_size, unsigned int l0gptsz, unsigned int s2sz);
/* false: not an RMI call this model knows (caller answers -1). */
bool rmm_handle(struct rmm *m, struct smc_regs *r);
/*
 * Machine-readable ledger on the firmware console, every line
 * "rmm-ledger: key=value ..." (see Documentation/rmm-model.md).
 */
void rmm_print_ledger(struct rmm *m, const char *reason);
/* Firmware-private SiP calls (RMM_MODEL_SIP_*); false if not one. */
bool rmm_sip(struct rmm *m, struct smc_regs *r);
/*
 * GPT self-test: make granules Realm before the host runs, as if delegated
 * (the boot_realm=PA[:N] knob). Host accesses to them must fault.
 */
int rmm_boot_realm(struct rmm *m, uint64_t pa, uint64_t pages);
/* State of the granule at pa (G_NONE outside DRAM). */
enum gstate rmm_granule_state(const struct rmm *m, uint64_t pa);

#endif
