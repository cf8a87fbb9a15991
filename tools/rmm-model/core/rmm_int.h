/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RMM model internals: what the files of the model (rmm*.c) share. The
 * model's interface to the rest of the firmware is rmm.h.
 */
#ifndef RMM_MODEL_RMM_INT_H
#define RMM_MODEL_RMM_INT_H

#include "rmm.h"

#define GRAN		SZ_4K
#define RANGE_MAX_LIST	512		/* entries in one address-list page */

/* rmm_mem.c */
uint64_t region_size(const struct rmm *m);
struct rmm_region *region_of(struct rmm *m, uint64_t pa);
const struct rmm_region *region_of_c(const struct rmm *m, uint64_t pa);
uint8_t *state_slot(const struct rmm_region *r, uint64_t pa);
bool in_hotplug(const struct rmm *m, uint64_t base, uint64_t top);
unsigned int host_gpi(const struct rmm *m);
void set_state(struct rmm *m, uint64_t pa, enum gstate s);
void region_set_block(struct rmm *m, const struct rmm_region *r);
int region_install_l1(struct rmm *m, struct rmm_region *r,
		      uint64_t l1);
bool in_dram(const struct rmm *m, uint64_t base, uint64_t top);
bool in_mem(const struct rmm *m, uint64_t base, uint64_t top);
bool range_ok(const struct rmm *m, uint64_t base, uint64_t top);
bool host_page_ok(const struct rmm *m, uint64_t pa);
unsigned int log2_u64(uint64_t v);
bool is_bogus(const struct rmm *m, uint64_t pa);
bool region_blocked(const struct rmm *m, const struct rmm_region *reg,
		    bool trk);
bool region_has_fw(const struct rmm *m, uint64_t base);
uint64_t count_delegated(const struct rmm *m);

/* rmm_config.c */
uint64_t cmd_version(struct rmm *m, struct smc_regs *r, uint64_t req);
uint64_t cmd_features(struct rmm *m, struct smc_regs *r, uint64_t idx);
uint64_t cmd_config_set(struct rmm *m, uint64_t pa);
uint64_t cmd_config_get(struct rmm *m, uint64_t pa);

/* rmm_tracking.c */
uint64_t cmd_tracking_get(struct rmm *m, struct smc_regs *r,
			  uint64_t base, uint64_t top);
uint64_t cmd_tracking_set(struct rmm *m, struct smc_regs *r,
			  uint64_t pa, uint64_t cat, uint64_t state);

/* rmm_gpt.c */
uint64_t cmd_gpt_info(struct rmm *m, struct smc_regs *r, uint64_t base,
		      uint64_t top);
uint64_t cmd_l1_create(struct rmm *m, struct smc_regs *r, uint64_t pa);
uint64_t cmd_l1_destroy(struct rmm *m, struct smc_regs *r, uint64_t pa);

/* rmm_delegate.c */
uint64_t cmd_range(struct rmm *m, struct smc_regs *r, uint64_t base,
		   uint64_t top, bool delegate);

/* rmm_sro.c */
struct rmm_sro *sro_new(struct rmm *m, uint32_t cmd, uint64_t target);
bool sro_busy_on(const struct rmm *m, uint32_t cmd, uint64_t target);
bool region_busy(const struct rmm *m, uint64_t base);
uint64_t sro_status(const struct rmm *m, const struct rmm_sro *s,
		    struct smc_regs *r, bool set_handle);
uint64_t cmd_op_donate(struct rmm *m, struct smc_regs *r,
		       uint64_t handle, uint64_t list, uint64_t n);
uint64_t cmd_op_reclaim(struct rmm *m, struct smc_regs *r,
			uint64_t handle, uint64_t list, uint64_t cap);
uint64_t badreq_start(struct rmm *m, struct smc_regs *r, uint32_t func);
uint64_t cmd_op_continue(struct rmm *m, struct smc_regs *r,
			 uint64_t handle, uint64_t flags);
uint64_t cmd_op_cancel(struct rmm *m, struct smc_regs *r,
		       uint64_t handle);

/* rmm_activate.c */
uint64_t cmd_activate(struct rmm *m, struct smc_regs *r);
uint64_t deactivate_reclaim(struct rmm *m, uint64_t *e, uint64_t cap);
uint64_t cmd_deactivate(struct rmm *m, struct smc_regs *r);

/* rmm_ledger.c */
void snapshot(struct rmm *m, const char *after, uint64_t base);

#endif
