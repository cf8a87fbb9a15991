// SPDX-License-Identifier: BSD-2-Clause
/*
 * Profiles: the firmware the RMM model answers like (profile=NAME).
 *
 * Each profile is one row of data: the last function number that exists,
 * behaviour flags the commands look at (PROF_*), fixed feature registers,
 * and the defaults it gives other knobs. Knobs written after profile=
 * refine it (e.g. hotplug=, fail=, pps=).
 */
#include "rmm.h"

const struct rmm_profile rmm_profiles[] = {
	/* what the model does without profile= */
	{
		.name = "default",
		.func_last = RMI_FUNC_FIRST + RMI_FUNC_COUNT - 1,
		.gpt = -1, .pps = -1,
	},
	/* RMM 2.0-bet3 drafts: GPT_INFO, TRACKING_SET, RMM_DEACTIVATE */
	{
		.name = "bet3",
		.func_last = RMI_FUNC_FIRST + RMI_FUNC_COUNT - 1,
		.flags = PROF_TRACKING_SET,
		.gpt = -1, .pps = -1,
	},
	/*
	 * Public TF-RMM (v0.9.0 line, mid-2026) on TF-A for QEMU virt, as
	 * measured: nothing above OP_CANCEL, no TRACKING_SET, static L1
	 * tables, only the init commands before ACTIVATE, ACTIVATE in one
	 * call, the config page only in the DRAM EL3 described at boot (the
	 * first 3 GiB of RAM), FINE up to the requested top on boot DRAM.
	 */
	{
		.name = "tf-rmm-0.9",
		.func_last = RMI_OP_CANCEL,
		.flags = PROF_NO_TRACKING_SET | PROF_STATIC_L1 |
			 PROF_STRICT_INIT | PROF_ACTIVATE_NOW |
			 PROF_TRK_WHOLE | PROF_NO_DEACTIVATE,
		.fr0 = 0x317f34,	/* S2SZ 52, LPA2 */
		.fr1 = 0x142a9,		/* 4K, SHA-256/512, L0GPTSZ 0, PPS 48 */
		.gpt = GPT_MODE_PLAT,
		.pps = 5,		/* 48 bits, as FR1 says */
		.cfg_base = 0x40000000ULL,
		.cfg_size = 3 * SZ_1G,
	},
	{ .name = NULL },
};

const struct rmm_profile *rmm_profile_find(const char *name, size_t len)
{
	const struct rmm_profile *p;

	for (p = rmm_profiles; p->name; p++)
		if (fw_strlen(p->name) == len && fw_strneq(p->name, name, len))
			return p;
	return NULL;
}
