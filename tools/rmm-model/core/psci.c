// SPDX-License-Identifier: BSD-2-Clause
/*
 * PSCI 1.1 state machine and the SMCCC architecture calls.
 *
 * Every CPU powers up at once in EL3; secondaries wait in a hold pen until
 * CPU_ON names them. The per-CPU state here is what the pen watches:
 * OFF -> ON_PENDING (CPU_ON) -> ON (the CPU left the pen) -> OFF (CPU_OFF).
 */
#include "core.h"

#define MPIDR_AFF_MASK	0xff00ffffffULL

void psci_init(struct psci *p, const struct dt_info *dt, unsigned int boot_cpu)
{
	unsigned int i;

	fw_memset(p, 0, sizeof(*p));
	p->ncpus = dt->ncpus;
	for (i = 0; i < dt->ncpus; i++) {
		p->cpu[i].mpidr = dt->mpidr[i] & MPIDR_AFF_MASK;
		p->cpu[i].state = (i == boot_cpu) ? CPU_ON : CPU_OFF;
	}
	p->nbanks = dt->nbanks;
	for (i = 0; i < dt->nbanks; i++)
		p->bank[i] = dt->bank[i];
}

int psci_cpu_index(const struct psci *p, uint64_t mpidr)
{
	unsigned int i;

	mpidr &= MPIDR_AFF_MASK;
	for (i = 0; i < p->ncpus; i++)
		if (p->cpu[i].mpidr == mpidr)
			return (int)i;
	return -1;
}

static bool entry_valid(const struct psci *p, uint64_t entry)
{
	unsigned int i;

	if (entry & 3)
		return false;
	for (i = 0; i < p->nbanks; i++)
		if (entry >= p->bank[i].base &&
		    entry - p->bank[i].base < p->bank[i].size)
			return true;
	return false;
}

static int64_t cpu_on(struct psci *p, uint64_t target, uint64_t entry,
		      uint64_t context)
{
	int idx = psci_cpu_index(p, target);
	struct psci_cpu *c;

	if (idx < 0 || (target & ~MPIDR_AFF_MASK))
		return PSCI_INVALID_PARAMS;
	c = &p->cpu[idx];
	if (c->state == CPU_ON)
		return PSCI_ALREADY_ON;
	if (c->state == CPU_ON_PENDING)
		return PSCI_ON_PENDING;
	if (!entry_valid(p, entry))
		return PSCI_INVALID_ADDRESS;
	c->entry = entry;
	c->context = context;
	__atomic_store_n(&c->state, CPU_ON_PENDING, __ATOMIC_RELEASE);
	plat_wake_cpus();
	return PSCI_SUCCESS;
}

static int64_t affinity_info(const struct psci *p, uint64_t target,
			     uint64_t level)
{
	int idx;

	if (level != 0)
		return PSCI_INVALID_PARAMS;
	idx = psci_cpu_index(p, target);
	if (idx < 0 || (target & ~MPIDR_AFF_MASK))
		return PSCI_INVALID_PARAMS;
	switch (p->cpu[idx].state) {
	case CPU_ON:
		return 0;
	case CPU_ON_PENDING:
		return 2;
	default:
		return 1;
	}
}

static int64_t features(uint32_t fid)
{
	switch (fid) {
	case PSCI_VERSION:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON_64:
	case PSCI_AFFINITY_INFO_64:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
	case SMCCC_VERSION:
		return PSCI_SUCCESS;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

bool psci_take_release(struct psci *p, unsigned int cpu, uint64_t *entry,
		       uint64_t *context)
{
	struct psci_cpu *c = &p->cpu[cpu];

	if (__atomic_load_n(&c->state, __ATOMIC_ACQUIRE) != CPU_ON_PENDING)
		return false;
	*entry = c->entry;
	*context = c->context;
	__atomic_store_n(&c->state, CPU_ON, __ATOMIC_RELEASE);
	return true;
}

enum smc_action psci_handle(struct psci *p, unsigned int cpu,
			    struct smc_regs *r)
{
	uint32_t fid = (uint32_t)r->x[0];
	int64_t ret;

	switch (fid) {
	case PSCI_VERSION:
		ret = (1 << 16) | 1;
		break;
	case PSCI_CPU_ON_64:
		ret = cpu_on(p, r->x[1], r->x[2], r->x[3]);
		break;
	case PSCI_CPU_OFF:
		p->cpu[cpu].state = CPU_OFF;
		return SMC_CPU_OFF;
	case PSCI_AFFINITY_INFO_64:
		ret = affinity_info(p, r->x[1], r->x[2]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = 2;
		break;
	case PSCI_SYSTEM_OFF:
		return SMC_SYSTEM_OFF;
	case PSCI_SYSTEM_RESET:
		return SMC_SYSTEM_RESET;
	case PSCI_FEATURES:
		ret = features((uint32_t)r->x[1]);
		break;
	case SMCCC_VERSION:
		ret = 0x10002;
		break;
	case SMCCC_ARCH_FEATURES:
		/*
		 * No workaround or SoC-ID calls are offered: only the two
		 * SMCCC architecture calls themselves are known.
		 */
		ret = ((uint32_t)r->x[1] == SMCCC_ARCH_FEATURES ||
		       (uint32_t)r->x[1] == SMCCC_VERSION) ?
		      PSCI_SUCCESS : SMCCC_NOT_SUPPORTED;
		break;
	default:
		ret = SMCCC_NOT_SUPPORTED;
		break;
	}
	r->x[0] = (uint64_t)ret;
	return SMC_RETURN;
}
