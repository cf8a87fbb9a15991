// SPDX-License-Identifier: BSD-2-Clause
/*
 * The RMM model proper.
 *
 * State kept per DRAM granule (one byte, in the carve-out): host memory,
 * delegated, donated to the RMM, or firmware. The GPT mirrors it:
 * host memory GPI_NS (EL3 reads host parameter pages through its
 * non-secure alias, plat_phys_ns(); GPI_ANY with host_gpi=any), delegated
 * GPI_REALM, RMM and firmware memory GPI_ROOT. Granules that are not memory
 * (and hotplug memory the host has not set up) stay GPI_ANY.
 *
 * Stateful operations (SRO): GPT_L1_CREATE in "host" mode and RMM_ACTIVATE
 * with activate_pages=N ask for memory with INCOMPLETE; the host answers
 * with OP_MEM_DONATE, drives them with OP_CONTINUE, may OP_CANCEL (then
 * takes the memory back with OP_MEM_RECLAIM). GPT_L1_DESTROY hands the L1
 * table back through OP_MEM_RECLAIM. A cancelled operation ends with
 * RMI_BUSY (nothing changed; the command may be retried).
 */
#include "rmm_int.h"

/* ------------------------------------------------------------------ */
/* dispatch                                                           */

static bool is_range_cmd(uint32_t func)
{
	return func == RMI_GRANULE_RANGE_DELEGATE ||
	       func == RMI_GRANULE_RANGE_UNDELEGATE;
}

static bool rmm_handle_call(struct rmm *m, struct smc_regs *r);

/* Commands that only read: answered in every state. */
static bool is_query(uint32_t func)
{
	return func == RMI_VERSION || func == RMI_FEATURES ||
	       func == RMI_RMM_CONFIG_GET || func == RMI_GRANULE_TRACKING_GET ||
	       func == RMI_GPT_INFO;
}

/* Answer an RMI FID (false: not implemented, the caller answers -1). */
bool rmm_handle(struct rmm *m, struct smc_regs *r)
{
	uint32_t func = (uint32_t)r->x[0] & 0xffff;
	uint64_t t0 = plat_time_ns(), t;
	bool done = rmm_handle_call(m, r);

	if (done) {
		t = plat_time_ns() - t0;
		m->st.time_ns += t;
		m->st.cmd_ns[func - RMI_FUNC_FIRST] += t;
	}
	return done;
}

static bool rmm_handle_call(struct rmm *m, struct smc_regs *r)
{
	uint32_t func = (uint32_t)r->x[0] & 0xffff;
	uint64_t a1 = r->x[1], a2 = r->x[2], a3 = r->x[3], st;
	const struct rmm_profile *prof = m->sc.profile;
	uint64_t n;
	unsigned int i;

	if ((r->x[0] & 0xffff0000ULL) != 0xC4000000ULL ||
	    func < RMI_FUNC_FIRST || func >= RMI_FUNC_FIRST + RMI_FUNC_COUNT)
		return false;
	if (!m->sc.enabled) {
		m->st.unknown_calls++;	/* no RMM: every RMI FID is -1 */
		return false;
	}
	if (!rmi_name(func) || func > prof->func_last ||
	    (func == RMI_RMM_DEACTIVATE &&
	     (prof->flags & PROF_NO_DEACTIVATE)) ||
	    (func == RMI_GRANULE_TRACKING_SET &&
	     (!m->sc.tracking_set || (prof->flags & PROF_NO_TRACKING_SET))) ||
	    (func == RMI_GPT_INFO && m->sc.gpt == GPT_MODE_LEGACY)) {
		m->st.unknown_calls++;
		fw_printf("rmm-model: RMI FID 0x%x not implemented: -1\n",
			  (unsigned int)r->x[0]);
		return false;
	}
	n = ++m->st.calls[func - RMI_FUNC_FIRST];
	r->x[1] = r->x[2] = r->x[3] = 0;
	/* the host hands the RMM a page it was told it got back, wrongly */
	if (m->nbogus &&
	    (((func == RMI_RMM_CONFIG_SET || func == RMI_RMM_CONFIG_GET) &&
	      is_bogus(m, a1)) ||
	     ((func == RMI_OP_MEM_DONATE || func == RMI_OP_MEM_RECLAIM) &&
	      is_bogus(m, a2))))
		m->st.bogus_pages++;

	for (i = 0; i < m->sc.nfaults; i++) {
		if (m->sc.fault[i].func == func && m->sc.fault[i].nth == n) {
			m->st.faults_injected++;
			st = m->sc.fault[i].status;
			if (is_range_cmd(func))
				r->x[1] = a1;
			goto done;
		}
	}
	if ((m->sc.adversary & ADV_BUSY) && func == m->sc.adv_busy_func) {
		m->st.adv_busy++;		/* BUSY forever */
		if (is_range_cmd(func))
			r->x[1] = a1;
		st = RMI_BUSY;
		goto done;
	}
	if ((m->sc.adversary & ADV_BADREQ) && func == m->sc.adv_badreq_func) {
		st = badreq_start(m, r, func);
		goto done;
	}
	/* DEACTIVATE in progress: only queries and the operation itself */
	if (m->deactivating && !is_query(func) && func != RMI_OP_CONTINUE &&
	    func != RMI_OP_MEM_DONATE && func != RMI_OP_MEM_RECLAIM &&
	    func != RMI_OP_CANCEL) {
		st = RMI_BLOCKED;
		goto done;
	}
	/* a firmware that answers only its init commands before ACTIVATE */
	if ((prof->flags & PROF_STRICT_INIT) && m->sc.need_activate &&
	    !m->activated && !is_query(func) &&
	    func != RMI_RMM_CONFIG_SET && func != RMI_RMM_ACTIVATE) {
		st = RMI_ERROR_GLOBAL;
		goto done;
	}

	switch (func) {
	case RMI_VERSION:
		st = cmd_version(m, r, a1);
		break;
	case RMI_FEATURES:
		st = cmd_features(m, r, a1);
		break;
	case RMI_RMM_CONFIG_SET:
		st = cmd_config_set(m, a1);
		break;
	case RMI_RMM_CONFIG_GET:
		st = cmd_config_get(m, a1);
		break;
	case RMI_GRANULE_TRACKING_GET:
		st = cmd_tracking_get(m, r, a1, a2);
		break;
	case RMI_GRANULE_TRACKING_SET:
		st = cmd_tracking_set(m, r, a1, a2, a3);
		break;
	case RMI_GPT_INFO:
		st = cmd_gpt_info(m, r, a1, a2);
		break;
	case RMI_GRANULE_RANGE_DELEGATE:
		st = cmd_range(m, r, a1, a2, true);
		break;
	case RMI_GRANULE_RANGE_UNDELEGATE:
		st = cmd_range(m, r, a1, a2, false);
		break;
	case RMI_GPT_L1_CREATE:
		st = cmd_l1_create(m, r, a1);
		break;
	case RMI_GPT_L1_DESTROY:
		st = cmd_l1_destroy(m, r, a1);
		break;
	case RMI_RMM_ACTIVATE:
		st = cmd_activate(m, r);
		break;
	case RMI_OP_CONTINUE:
		st = cmd_op_continue(m, r, a1, a2);
		break;
	case RMI_OP_MEM_DONATE:
		st = cmd_op_donate(m, r, a1, a2, a3);
		break;
	case RMI_OP_MEM_RECLAIM:
		st = cmd_op_reclaim(m, r, a1, a2, a3);
		break;
	case RMI_RMM_DEACTIVATE:
		st = cmd_deactivate(m, r);
		break;
	default:	/* RMI_OP_CANCEL */
		st = cmd_op_cancel(m, r, a1);
		break;
	}
done:
	if (st == (uint64_t)-1 ||
	    ((st & 0xff) != RMI_SUCCESS && (st & 0xff) != RMI_INCOMPLETE)) {
		m->st.errors++;
		m->st.errs[func - RMI_FUNC_FIRST]++;
		if (m->sc.adversary & ADV_GARBAGE) {
			r->x[1] = ADV_GARBAGE_X1;
			r->x[2] = ADV_GARBAGE_X2;
			r->x[3] = ADV_GARBAGE_X3;
			m->st.adv_garbage++;
		}
	}
	r->x[0] = st;
	return true;
}
