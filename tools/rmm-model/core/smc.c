// SPDX-License-Identifier: BSD-2-Clause
/*
 * Top-level SMC dispatch: PSCI / SMCCC architecture calls, the EL3 memory
 * reservation service (two FIDs inside the RMI range, realm world only), the
 * RMI range of the standard-service calls (0xC4000150..0xC400024F) for the
 * RMM model, and the firmware-private SiP calls (0xC2000100: ledger).
 * Everything else answers NOT_SUPPORTED (-1).
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
	if (resv_is_fid(fid)) {
		/* Every caller of this firmware is in the non-secure world. */
		resv_smc(fw->rmm ? &fw->rmm->resv : NULL, r, RESV_WORLD_NS);
		return SMC_RETURN;
	}
	if ((fid & 0xff000000U) == 0xC2000000U) {
		if (fw->rmm && rmm_sip(fw->rmm, r))
			return SMC_RETURN;
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
