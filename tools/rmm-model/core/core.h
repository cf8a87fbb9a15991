/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rmm-model: portable core of the EL3 test firmware.
 *
 * Everything declared here is plain C: no inline assembly, no MMIO. The
 * firmware links it with arch/ (the real machine); tests/ link it with
 * host stand-ins for the plat_*() hooks (plat.h).
 */
#ifndef RMM_MODEL_CORE_H
#define RMM_MODEL_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define SZ_4K	0x1000ULL
#define SZ_1M	0x100000ULL
#define SZ_2M	0x200000ULL
#define SZ_1G	0x40000000ULL

#define ALIGN_UP(x, a)		(((x) + ((a) - 1)) & ~((uint64_t)(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((uint64_t)(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((uint64_t)(a) - 1)) == 0)
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* ---- hooks provided by the architecture layer (or by the unit tests) ---- */
#include "plat.h"

/* ---- formatted output (fmt.c) ---- */
int fw_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fw_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void fw_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool fw_streq(const char *a, const char *b);
bool fw_strneq(const char *a, const char *b, size_t n);
size_t fw_strlen(const char *s);
void fw_memset(void *p, int c, size_t n);
/* Length of the leading run of bytes equal to c in p[0, n). */
size_t fw_memspan(const void *p, int c, size_t n);
/* Index of the first byte equal to a or b in p[0, n); n if none. */
size_t fw_memchr2(const void *p, int a, int b, size_t n);
void fw_memcpy(void *d, const void *s, size_t n);

/* ---- EL3 memory reservation service (alloc.c) ---- */
/*
 * The carve-out at the top of RAM belongs to the RMM. EL3 hands pieces of it
 * out top-down ("reservations"); nothing is ever freed. Two SMC interfaces:
 *
 *   RMM_RESERVE_MEMORY  0xC40001BB  x1 size, x2 flags: [63:56] log2
 *                                   alignment, [0] local-CPU hint
 *   RMM_ALLOCATE_MEMORY 0xC40001B7  (earlier draft) x1 size, x2 flags:
 *                                   [31:24] log2 alignment, [15:0] region ID
 *
 * Both answer x0 = E_RMM_*, x1 = PA on success, and only serve the realm
 * world while the RMM boots. The model has no realm world: its init calls
 * resv_smc() with RESV_WORLD_REALM, exactly as the SMC path would.
 */
#define RMM_RESERVE_MEMORY	0xC40001BBU
#define RMM_ALLOCATE_MEMORY	0xC40001B7U

#define E_RMM_OK		0
#define E_RMM_UNK		(-1)
#define E_RMM_NOMEM		(-4)
#define E_RMM_INVAL		(-5)

#define RESV_FLAG_LOCAL_CPU	(1ULL << 0)
#define RESV_ALIGN_SHIFT	56
#define RESV_ALLOC_ALIGN_SHIFT	24
#define RESV_ALLOC_ID_MASK	0xffffULL
#define RESV_MAX_ALIGN_LOG2	47	/* larger: E_RMM_INVAL */
#define RESV_MAX_IDS		16	/* region IDs 1..15 for the draft call */

enum resv_world { RESV_WORLD_NS = 0, RESV_WORLD_REALM };

struct resv_region {
	uint64_t pa;		/* 0: ID not used yet */
	uint64_t size;
};

struct resv {
	uint64_t base;		/* lowest address that may be handed out */
	uint64_t top;		/* end of the carve-out (exclusive) */
	uint64_t cur;		/* allocations grow down from top to here */
	volatile uint32_t lock;
	bool booting;		/* RMM boot in progress: service open */
	struct resv_region id[RESV_MAX_IDS];
	uint64_t realm_calls;	/* served (or refused with E_RMM_*) */
	uint64_t ns_refused;	/* SMCs from the non-secure world */
	uint64_t late_refused;	/* realm calls after the RMM booted */
};

void resv_init(struct resv *r, uint64_t base, uint64_t top);
/* Low-level: returns 0 and *pa on success, -1 when out of memory. */
int resv_alloc(struct resv *r, uint64_t size, unsigned int align_log2,
	       uint64_t *pa);
uint64_t resv_used(const struct resv *r);
/* The two services (lock taken inside); E_RMM_* */
int64_t resv_reserve_memory(struct resv *r, uint64_t size, uint64_t flags,
			    uint64_t *pa);
int64_t resv_allocate_memory(struct resv *r, uint64_t size, uint64_t flags,
			     uint64_t *pa);
/*
 * SMC entry of both services: false if x0 is not one of their FIDs.
 * Non-secure callers, and realm callers once resv_boot_done(), get -1.
 */
bool resv_is_fid(uint64_t fid);
struct smc_regs;
bool resv_smc(struct resv *r, struct smc_regs *regs, enum resv_world w);
void resv_boot_done(struct resv *r);

/* Spinlock hooks plat_lock() / plat_unlock(): see plat.h. */

/* ---- arm64 Image header (image.c) ---- */
struct image_info {
	uint64_t text_offset;
	uint64_t image_size;
	uint64_t flags;
};
int image_parse(const void *hdr, size_t len, struct image_info *out);
/*
 * Kernel load address: the first 2 MiB aligned address at or above
 * 'lowest', plus text_offset.
 */
uint64_t image_load_addr(const struct image_info *ii, uint64_t lowest);

/* ---- device tree (dt.c) ---- */
#define DT_MAX_CPUS	64
#define DT_MAX_BANKS	8

struct dt_mem_bank {
	uint64_t base;
	uint64_t size;
};

struct dt_info {
	unsigned int ncpus;
	uint64_t mpidr[DT_MAX_CPUS];
	unsigned int nbanks;
	struct dt_mem_bank bank[DT_MAX_BANKS];
};

struct dt_patch {
	const char *bootargs;		/* NULL: keep what is there */
	uint64_t initrd_start;		/* 0: no initrd */
	uint64_t initrd_end;
	uint64_t resv_base;		/* firmware carve-out, no-map */
	uint64_t resv_size;
};

int dt_open(void *fdt, size_t room);
int dt_scan(const void *fdt, struct dt_info *info);
int dt_apply(void *fdt, const struct dt_patch *p);
int dt_finish(void *fdt);

/* ---- PSCI / SMCCC (psci.c) ---- */
#define PSCI_VERSION		0x84000000U
#define PSCI_CPU_SUSPEND_32	0x84000001U
#define PSCI_CPU_OFF		0x84000002U
#define PSCI_CPU_ON_64		0xC4000003U
#define PSCI_AFFINITY_INFO_64	0xC4000004U
#define PSCI_MIGRATE_INFO_TYPE	0x84000006U
#define PSCI_SYSTEM_OFF		0x84000008U
#define PSCI_SYSTEM_RESET	0x84000009U
#define PSCI_FEATURES		0x8400000AU
#define SMCCC_VERSION		0x80000000U
#define SMCCC_ARCH_FEATURES	0x80000001U

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMS	(-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)
#define PSCI_INTERNAL_FAILURE	(-6)
#define PSCI_INVALID_ADDRESS	(-9)

#define SMCCC_NOT_SUPPORTED	(-1)

enum cpu_state { CPU_OFF = 0, CPU_ON_PENDING = 1, CPU_ON = 2 };

struct psci_cpu {
	volatile uint32_t state;
	uint64_t mpidr;
	uint64_t entry;
	uint64_t context;
};

struct psci {
	unsigned int ncpus;
	struct psci_cpu cpu[DT_MAX_CPUS];
	unsigned int nbanks;		/* where CPU_ON entry points may be */
	struct dt_mem_bank bank[DT_MAX_BANKS];
};

/* What the architecture layer must do after an SMC was handled. */
enum smc_action {
	SMC_RETURN = 0,		/* eret to the caller with the new x0..x3 */
	SMC_CPU_OFF,		/* park the calling CPU in the hold pen */
	SMC_SYSTEM_OFF,
	SMC_SYSTEM_RESET,
};

struct smc_regs {
	uint64_t x[18];
};

void psci_init(struct psci *p, const struct dt_info *dt, unsigned int boot_cpu);
int psci_cpu_index(const struct psci *p, uint64_t mpidr);
enum smc_action psci_handle(struct psci *p, unsigned int cpu,
			    struct smc_regs *r);
/* A parked CPU calls this to see whether it was released. */
bool psci_take_release(struct psci *p, unsigned int cpu, uint64_t *entry,
		       uint64_t *context);

/* ---- SMC dispatch (smc.c) ---- */
struct rmm;
struct fw_state {
	struct psci psci;
	struct rmm *rmm;	/* NULL: no RMM, RMI FIDs answer -1 */
};
enum smc_action smc_dispatch(struct fw_state *fw, unsigned int cpu,
			     struct smc_regs *r);

/* ---- scenario knobs (scenario.c) ---- */
int parse_size(const char *s, size_t len, uint64_t *out);
int parse_u64(const char *s, size_t len, uint64_t *out);

#endif
