// SPDX-License-Identifier: BSD-2-Clause
/*
 * RMM model: the ledger, snapshots and the firmware-private SiP calls.
 */
#include "rmm_int.h"

#define LEDGER_FORMAT	1
#define U(x)		((unsigned long long)(x))

/*
 * snapshots=on: one "rmm-snapshot:" line with the ledger's running totals
 * after a GPT_L1_CREATE, GPT_L1_DESTROY or GRANULE_TRACKING_SET that ends
 * with RMI_SUCCESS. Key names differ from the ledger's on purpose.
 */
void snapshot(struct rmm *m, const char *after, uint64_t base)
{
	unsigned int k, host = 0;

	if (!m->sc.snapshots)
		return;
	for (k = 0; k < m->nregions; k++)
		if (m->region[k].par == PAR_HOST_CREATED)
			host++;
	m->st.snapshots++;
	fw_printf("rmm-snapshot: seq=%llu after=%s region=0x%016llx host_tables=%u donated=%llu reclaimed=%llu held=%llu\n",
		  (unsigned long long)m->st.snapshots, after,
		  (unsigned long long)base, host,
		  (unsigned long long)m->st.bytes_donated,
		  (unsigned long long)m->st.bytes_reclaimed,
		  (unsigned long long)(m->st.bytes_donated -
				       m->st.bytes_reclaimed));
}

void rmm_print_ledger(struct rmm *m, const char *reason)
{
	uint64_t outstanding = m->st.bytes_donated - m->st.bytes_reclaimed;
	uint64_t delegated = count_delegated(m), calls = 0;
	unsigned int i, open = 0;
	static const char *const modes[] = { "plat", "host", "legacy" };
	char adv[96];

	m->st.ledgers++;
	for (i = 0; i < RMM_MAX_SRO; i++)
		if (m->sro[i].phase != SRO_FREE)
			open++;
	for (i = 0; i < RMI_FUNC_COUNT; i++)
		calls += m->st.calls[i];
	fw_printf("rmm-ledger: event=begin format=%d seq=%llu reason=%s rmm=%s gpt=%s activated=%d\n",
		  LEDGER_FORMAT, U(m->st.ledgers), reason,
		  m->sc.enabled ? "on" : "off", modes[m->sc.gpt],
		  m->activated ? 1 : 0);
	for (i = 0; i < RMI_FUNC_COUNT; i++) {
		const char *name = rmi_name(RMI_FUNC_FIRST + i);

		if (name)
			fw_printf("rmm-ledger: cmd=%s func=0x%x calls=%llu errors=%llu time_us=%llu\n",
				  name, RMI_FUNC_FIRST + i, U(m->st.calls[i]),
				  U(m->st.errs[i]), U(m->st.cmd_ns[i] / 1000));
	}
	fw_printf("rmm-ledger: rmi_calls=%llu rmi_errors=%llu rmi_unknown=%llu\n",
		  U(calls), U(m->st.errors), U(m->st.unknown_calls));
	fw_printf("rmm-ledger: granules_delegated=%llu granules_undelegated=%llu granules_delegated_now=%llu\n",
		  U(m->st.granules_delegated), U(m->st.granules_undelegated),
		  U(delegated));
	fw_printf("rmm-ledger: bytes_donated=%llu bytes_reclaimed=%llu bytes_outstanding=%llu\n",
		  U(m->st.bytes_donated), U(m->st.bytes_reclaimed),
		  U(outstanding));
	fw_printf("rmm-ledger: l1_created=%llu l1_destroyed=%llu\n",
		  U(m->st.l1_created), U(m->st.l1_destroyed));
	fw_printf("rmm-ledger: sro_started=%llu sro_cancelled=%llu sro_open=%u\n",
		  U(m->st.sro_started), U(m->st.sro_cancelled), open);
	fw_printf("rmm-ledger: tracking_set_fine=%llu tracking_set_coarse=%llu\n",
		  U(m->st.tracking_fine), U(m->st.tracking_coarse));
	scenario_adversary_str(&m->sc, adv, sizeof(adv));
	fw_printf("rmm-ledger: profile=%s deactivated=%llu\n",
		  m->sc.profile->name, U(m->st.deactivated));
	fw_printf("rmm-ledger: adversary=%s adv_garbage=%llu adv_overreported=%llu adv_busy=%llu adv_badreq=%llu adv_version_flips=%llu\n",
		  adv, U(m->st.adv_garbage), U(m->st.adv_overreported),
		  U(m->st.adv_busy), U(m->st.adv_badreq),
		  U(m->st.adv_version_flips));
	fw_printf("rmm-ledger: bogus_reclaimed=%llu bogus_donated=%llu bogus_delegated=%llu dup_reclaimed=%llu bogus_pages=%llu\n",
		  U(m->st.bogus_reclaimed), U(m->st.bogus_donated),
		  U(m->st.bogus_delegated), U(m->st.dup_reclaimed),
		  U(m->st.bogus_pages));
	fw_printf("rmm-ledger: faults_injected=%llu gpf=%llu fatal=%llu sip_ledger=%llu\n",
		  U(m->st.faults_injected), U(m->st.gpf), U(m->st.fatal),
		  U(m->st.sip_ledger));
	fw_printf("rmm-ledger: resv_ns_calls=%llu resv_realm_calls=%llu resv_late_calls=%llu resv_used=%llu carveout=%llu\n",
		  U(m->resv.ns_refused), U(m->resv.realm_calls),
		  U(m->resv.late_refused), U(resv_used(&m->resv)),
		  U(m->carve_size));
	fw_printf("rmm-ledger: rmi_time_us=%llu\n", U(m->st.time_ns / 1000));
	fw_printf("rmm-ledger: event=end seq=%llu\n", U(m->st.ledgers));
}

bool rmm_sip(struct rmm *m, struct smc_regs *r)
{
	uint64_t calls = 0;
	unsigned int i;

	if ((uint32_t)r->x[0] != RMM_MODEL_SIP_LEDGER)
		return false;
	m->st.sip_ledger++;
	rmm_print_ledger(m, "sip");
	for (i = 0; i < RMI_FUNC_COUNT; i++)
		calls += m->st.calls[i];
	r->x[0] = 0;
	r->x[1] = calls;
	r->x[2] = m->st.errors;
	r->x[3] = m->st.bytes_donated - m->st.bytes_reclaimed;
	return true;
}
