// SPDX-License-Identifier: BSD-2-Clause
/*
 * Top-level SMC dispatch: PSCI / SMCCC architecture calls and the RMI range
 * of the standard-service calls (0xC4000150..0xC400024F) go to the RMM
 * model when there is one. Everything else answers NOT_SUPPORTED (-1).
 */
#include "core.h"
#include "rmm.h"

#define RMI_FID_FIRST	0xC4000150U
#define RMI_FID_LAST	0xC400024FU

enum smc_action smc_dispatch(struct fw_state *fw, unsigned int cpu,
			     struct smc_regs *r)
{
	uint32_t fid = (uint32_t)r->x[0];

	/* SMC32 callers must not see stale upper bits in their results. */
	if ((r->x[0] >> 32) != 0) {
		r->x[0] = (uint64_t)(int64_t)SMCCC_NOT_SUPPORTED;
		return SMC_RETURN;
	}
	if (fid >= RMI_FID_FIRST && fid <= RMI_FID_LAST) {
		if (fw->rmm && rmm_handle(fw->rmm, r))
			return SMC_RETURN;
		r->x[0] = (uint64_t)(int64_t)SMCCC_NOT_SUPPORTED;
		return SMC_RETURN;
	}
	return psci_handle(&fw->psci, cpu, r);
}
