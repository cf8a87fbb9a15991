// SPDX-License-Identifier: BSD-2-Clause
/*
 * Firmware glue: boot flow of the primary CPU, secondary CPUs, EL3 traps
 * and the plat_*() hooks of the portable core.
 *
 * Primary: console, EL3 and GIC set-up, DTB at the start of RAM, scenario,
 * kernel/initrd/cmdline from fw_cfg, RMM model and GPT in a carve-out at the
 * top of RAM, DT patch, GPT checks on, release the secondaries into the
 * hold pen, enter Linux at EL2h.
 */
#include "arch.h"
#include "../core/core.h"
#include "../core/rmm.h"

#define SPSR_EL2H_DAIF	0x3c9ULL
#define EC_SMC64	0x17
#define EC_GPF		0x1e

#define FWCFG_KERNEL_SIZE	0x08
#define FWCFG_KERNEL_DATA	0x11
#define FWCFG_INITRD_SIZE	0x0b
#define FWCFG_INITRD_DATA	0x12
#define FWCFG_CMDLINE_SIZE	0x14
#define FWCFG_CMDLINE_DATA	0x15
#define SCENARIO_FILE		"opt/rmm-model/scenario"

#define SCR_HDR		(SCRATCH_BASE + 0x2000)
#define SCR_CMDLINE	(SCRATCH_BASE + 0x3000)
#define SCR_SCENARIO	(SCRATCH_BASE + 0x4000)
#define SCR_TEXT_MAX	0x1000

struct el3_frame {
	uint64_t x[32];
};

static struct fw_state fw;
static struct rmm rmm;
static struct rmm_scenario scenario;
static volatile uint32_t fw_lock;
static bool gpt_on;
static uint64_t el3_gptbr, el3_gpccr;

void fw_main(unsigned int cpu);
void fw_secondary(unsigned int cpu);
void el3_sync_lower(struct el3_frame *f);
void el3_fatal(struct el3_frame *f, unsigned long kind);

/* ---- hooks for the core ---- */

void *plat_phys(uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}

void *plat_phys_ns(uint64_t pa)
{
	return mmu_ns_alias(pa);
}

void plat_gpt_changed(void)
{
	if (!gpt_on)
		return;
	dsb_sy();
	tlbi_paallos();
	dsb_sy();
	isb();
}

uint64_t plat_time_ns(void)
{
	uint64_t cnt, frq = read_sysreg(cntfrq_el0);

	isb();
	cnt = read_sysreg(cntpct_el0);
	if (!frq)
		return 0;
	return cnt / frq * 1000000000ULL + cnt % frq * 1000000000ULL / frq;
}

void plat_wake_cpus(void)
{
	dsb_sy();
	sev();
}

void plat_lock(volatile uint32_t *l)
{
	spin_lock(l);
}

void plat_unlock(volatile uint32_t *l)
{
	spin_unlock(l);
}

void plat_putc(char c)
{
	uart_putc(UART1_BASE, c);
}

/* ---- helpers ---- */

static void both_printf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void both_printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	fw_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	uart_puts_both(buf);
}

static void die(const char *why) __attribute__((noreturn));
static void die(const char *why)
{
	uart_init(UART0_BASE);
	both_printf("rmm-model: FATAL: %s\n", why);
	power_off();
}

static unsigned int pa_range_bits(void)
{
	static const unsigned char bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	uint64_t r = field(read_sysreg(id_aa64mmfr0_el1), 0, 4);

	return r < sizeof(bits) ? bits[r] : 48;
}

static bool have_rme(void)
{
	return field(read_sysreg(id_aa64pfr0_el1), 52, 4) != 0;
}

/* Turn on granule protection checks on this CPU. */
static void gpt_enable_cpu(void)
{
	if (!gpt_on)
		return;
	write_sysreg(GPTBR_EL3, el3_gptbr);
	write_sysreg(GPCCR_EL3, el3_gpccr);
	isb();
	tlbi_paallos();
	dsb_sy();
	isb();
	write_sysreg(GPCCR_EL3, el3_gpccr | GPCCR_GPC);
	isb();
	tlbi_paallos();
	dsb_sy();
	isb();
}

static uint64_t read_text(uint16_t size_item, uint16_t data_item,
			  uint64_t dest, const char **out)
{
	uint32_t size = fwcfg_read_u32(size_item);
	char *s = (char *)(uintptr_t)dest;

	*out = NULL;
	if (size == 0 || size >= SCR_TEXT_MAX)
		return size;
	if (fwcfg_read(data_item, dest, size))
		die("fw_cfg read failed");
	s[size] = '\0';
	*out = s;
	return size;
}

static void load_scenario(void)
{
	uint16_t item;
	uint32_t size;
	char err[96];
	char *s = (char *)(uintptr_t)SCR_SCENARIO;

	scenario_defaults(&scenario);
	if (fwcfg_find_file(SCENARIO_FILE, &item, &size))
		return;
	if (size >= SCR_TEXT_MAX)
		die("scenario string too long");
	if (fwcfg_read(item, SCR_SCENARIO, size))
		die("fw_cfg read failed");
	s[size] = '\0';
	fw_printf("rmm-model: scenario \"%s\"\n", s);
	if (scenario_parse(s, &scenario, err, sizeof(err)))
		die(err);
}

/* ---- primary CPU ---- */

void fw_main(unsigned int cpu)
{
	void *dtb = (void *)(uintptr_t)DRAM_BASE;
	uint64_t mpidr = read_sysreg(mpidr_el1);
	static struct dt_info dt;
	struct dt_patch patch = { 0 };
	struct image_info ii;
	uint64_t ksize, kaddr, kend, isize, iaddr = 0, ram_top, carve = 0;
	uint64_t carve_size = 0;
	const char *cmdline;
	int boot;

	(void)cpu;
	uart_init(UART1_BASE);
	fw_printf("\nrmm-model: EL3 firmware for QEMU virt (RMM model)\n");
	el3_init_cpu();
	mmu_build();
	mmu_enable_cpu();
	gic_init_distributor();
	gic_init_cpu(mpidr);

	if (dt_open(dtb, DTB_ROOM) || dt_scan(dtb, &dt))
		die("no usable DTB at the start of RAM");
	boot = -1;
	{
		unsigned int i;

		for (i = 0; i < dt.ncpus; i++)
			if ((dt.mpidr[i] & 0xff00ffffffULL) ==
			    (mpidr & 0xff00ffffffULL))
				boot = (int)i;
	}
	if (boot < 0)
		die("boot CPU not in the DTB");
	psci_init(&fw.psci, &dt, (unsigned int)boot);

	if (!fwcfg_present())
		die("fw_cfg with DMA not found");
	load_scenario();

	/* kernel */
	ksize = fwcfg_read_u32(FWCFG_KERNEL_SIZE);
	if (ksize < 64)
		die("no kernel: use -kernel");
	if (fwcfg_read(FWCFG_KERNEL_DATA, SCR_HDR, 64) ||
	    image_parse((void *)(uintptr_t)SCR_HDR, 64, &ii))
		die("-kernel is not an arm64 Image");
	kaddr = image_load_addr(&ii, SCRATCH_BASE + SCRATCH_SIZE);
	kend = kaddr + (ii.image_size > ksize ? ii.image_size : ksize);

	/* memory layout: carve-out at the top of the highest bank */
	{
		unsigned int i, hi = 0;

		for (i = 1; i < dt.nbanks; i++)
			if (dt.bank[i].base > dt.bank[hi].base)
				hi = i;
		ram_top = dt.bank[hi].base + dt.bank[hi].size;
		if (scenario.enabled) {
			unsigned int l0gptsz = 0;

			if (have_rme())
				l0gptsz = (unsigned int)field(
					read_sysreg(GPCCR_EL3), 20, 4);
			carve_size = scenario.carveout ? scenario.carveout :
				rmm_carveout_need(&scenario, &dt, l0gptsz);
			carve = ALIGN_DOWN(ram_top - carve_size, SZ_2M);
			carve_size = ram_top - carve;
			if (carve < dt.bank[hi].base || carve < kend)
				die("RAM too small for the carve-out");
			if (rmm_init(&rmm, &scenario, &dt, carve, carve_size,
				     l0gptsz, pa_range_bits()))
				die("RMM model set-up failed (carve-out too small?)");
		} else {
			rmm_init_off(&rmm, &scenario);
		}
		fw.rmm = &rmm;	/* with rmm=off: only the ledger counters */
	}
	if (fwcfg_read(FWCFG_KERNEL_DATA, kaddr, (uint32_t)ksize))
		die("fw_cfg kernel read failed");

	isize = fwcfg_read_u32(FWCFG_INITRD_SIZE);
	if (isize) {
		iaddr = ALIGN_UP(kend, SZ_2M);
		if (iaddr + isize > (carve ? carve : ram_top))
			die("initrd does not fit");
		if (fwcfg_read(FWCFG_INITRD_DATA, iaddr, (uint32_t)isize))
			die("fw_cfg initrd read failed");
		patch.initrd_start = iaddr;
		patch.initrd_end = iaddr + isize;
	}
	read_text(FWCFG_CMDLINE_SIZE, FWCFG_CMDLINE_DATA, SCR_CMDLINE, &cmdline);
	patch.bootargs = cmdline;
	patch.resv_base = carve;
	patch.resv_size = carve_size;
	if (dt_apply(dtb, &patch) || dt_finish(dtb))
		die("DT patching failed");

	fw_printf("rmm-model: %u CPUs, RAM top 0x%llx, DTB 0x%llx\n", dt.ncpus,
		  (unsigned long long)ram_top, (unsigned long long)DRAM_BASE);
	fw_printf("rmm-model: kernel 0x%llx (%llu bytes), initrd 0x%llx (%llu bytes)\n",
		  (unsigned long long)kaddr, (unsigned long long)ksize,
		  (unsigned long long)iaddr, (unsigned long long)isize);
	if (cmdline)
		fw_printf("rmm-model: cmdline \"%s\"\n", cmdline);

	if (scenario.enabled) {
		static const char *const modes[] = { "plat", "host", "legacy" };

		fw_printf("rmm-model: carve-out 0x%llx-0x%llx (%llu KiB reserved by %llu RMM_RESERVE_MEMORY calls), gpt=%s pps=%u l0gptsz=%u\n",
			  (unsigned long long)carve,
			  (unsigned long long)(carve + carve_size),
			  (unsigned long long)(resv_used(&rmm.resv) >> 10),
			  (unsigned long long)rmm.resv.realm_calls,
			  modes[scenario.gpt], rmm.gpt.pps, rmm.gpt.l0gptsz);
		if (rmm.hot_top > rmm.hot_base)
			fw_printf("rmm-model: hotplug window 0x%llx-0x%llx (tracking NONE until TRACKING_SET)\n",
				  (unsigned long long)rmm.hot_base,
				  (unsigned long long)rmm.hot_top);
		if (scenario.boot_realm_pa) {
			if (rmm_boot_realm(&rmm, scenario.boot_realm_pa,
					   scenario.boot_realm_pages))
				die("boot_realm: not host DRAM with an L1 table");
			fw_printf("rmm-model: boot_realm: 0x%llx, %llu granule(s) Realm\n",
				  (unsigned long long)scenario.boot_realm_pa,
				  (unsigned long long)scenario.boot_realm_pages);
		}
		if (have_rme()) {
			el3_gptbr = rmm.gpt.l0_pa >> 12;
			el3_gpccr = gpt_gpccr(&rmm.gpt);
			gpt_on = true;
			gpt_enable_cpu();
			fw_printf("rmm-model: GPT on, L0 at 0x%llx, GPCCR_EL3 0x%llx, host memory GPI %s\n",
				  (unsigned long long)rmm.gpt.l0_pa,
				  (unsigned long long)read_sysreg(GPCCR_EL3),
				  scenario.host_gpi_any ? "ANY" : "NS");
		} else {
			fw_printf("rmm-model: CPU has no FEAT_RME: GPT built but not enabled\n");
		}
	} else {
		fw_printf("rmm-model: RMM model off (rmm=off)\n");
	}

	dsb_sy();
	fw_ready = 1;
	dsb_sy();
	sev();
	fw_printf("rmm-model: entering Linux at EL2h\n");
	enter_lower(kaddr, DRAM_BASE, SPSR_EL2H_DAIF);
}

/* ---- secondaries and the hold pen ---- */

static void cpu_pen(int idx) __attribute__((noreturn));
static void cpu_pen(int idx)
{
	uint64_t entry, ctx;

	if (idx < 0)
		for (;;)
			wfi();
	for (;;) {
		if (psci_take_release(&fw.psci, (unsigned int)idx, &entry,
				      &ctx)) {
			el3_init_cpu();
			enter_lower(entry, ctx, SPSR_EL2H_DAIF);
		}
		wfe();
	}
}

void fw_secondary(unsigned int cpu)
{
	uint64_t mpidr = read_sysreg(mpidr_el1);

	(void)cpu;
	el3_init_cpu();
	mmu_enable_cpu();
	gic_init_cpu(mpidr);
	gpt_enable_cpu();
	cpu_pen(psci_cpu_index(&fw.psci, mpidr));
}

/* ---- traps ---- */

/* Ledger after a fatal trap (on the firmware console). */
static void fatal_ledger(void)
{
	if (!fw.rmm)
		return;
	fw.rmm->st.fatal++;
	rmm_print_ledger(fw.rmm, "fatal");
}

static void report_gpf(struct el3_frame *f, uint64_t esr)
{
	static const char *const pas[] = { "secure", "non-secure", "root",
					   "realm" };
	uint64_t mfar = read_sysreg(MFAR_EL3);

	uart_init(UART0_BASE);
	static unsigned int count;

	both_printf("\nrmm-model: GRANULE PROTECTION FAULT #%u on CPU 0x%llx\n",
		    ++count,
		    (unsigned long long)(read_sysreg(mpidr_el1) & 0xff00ffffffULL));
	both_printf("rmm-model: GPF PA=0x%llx (%s PAS, GPI 0x%x) VA=0x%llx ELR=0x%llx ESR=0x%llx SPSR=0x%llx\n",
		    (unsigned long long)(mfar & 0x00ffffffffffffffULL),
		    pas[((mfar >> 62) & 1) << 1 | (mfar >> 63)],
		    rmm.gpt_ready ? gpt_get_granule(&rmm.gpt,
					     mfar & 0x00fffffffffff000ULL) : 0,
		    (unsigned long long)read_sysreg(far_el3),
		    (unsigned long long)read_sysreg(elr_el3),
		    (unsigned long long)esr,
		    (unsigned long long)read_sysreg(spsr_el3));
	both_printf("rmm-model: GPF x0=0x%llx x1=0x%llx x2=0x%llx lr=0x%llx\n",
		    (unsigned long long)f->x[0], (unsigned long long)f->x[1],
		    (unsigned long long)f->x[2], (unsigned long long)f->x[30]);
	if (fw.rmm) {
		fw.rmm->st.gpf++;
		rmm_print_ledger(fw.rmm, "gpf");
	}
	if (fw.rmm && rmm.sc.gpf_halt) {
		both_printf("rmm-model: halted\n");
		for (;;)
			wfi();
	}
	power_off();
}

void el3_sync_lower(struct el3_frame *f)
{
	uint64_t esr = read_sysreg(esr_el3);
	uint64_t ec = field(esr, 26, 6);
	uint64_t mpidr = read_sysreg(mpidr_el1);
	struct smc_regs r;
	enum smc_action act;
	int idx;
	unsigned int i;

	if (ec == EC_GPF)
		report_gpf(f, esr);
	if (ec != EC_SMC64) {
		uart_init(UART0_BASE);
		both_printf("\nrmm-model: unexpected trap to EL3: EC=0x%llx ESR=0x%llx ELR=0x%llx FAR=0x%llx\n",
			    (unsigned long long)ec, (unsigned long long)esr,
			    (unsigned long long)read_sysreg(elr_el3),
			    (unsigned long long)read_sysreg(far_el3));
		fatal_ledger();
		power_off();
	}

	for (i = 0; i < 18; i++)
		r.x[i] = f->x[i];
	idx = psci_cpu_index(&fw.psci, mpidr);
	spin_lock(&fw_lock);
	act = smc_dispatch(&fw, idx < 0 ? 0 : (unsigned int)idx, &r);
	spin_unlock(&fw_lock);
	for (i = 0; i < 4; i++)
		f->x[i] = r.x[i];

	switch (act) {
	case SMC_RETURN:
		return;
	case SMC_CPU_OFF:
		cpu_pen(idx);
	case SMC_SYSTEM_OFF:
		spin_lock(&fw_lock);
		fw_printf("rmm-model: SYSTEM_OFF\n");
		if (fw.rmm)
			rmm_print_ledger(fw.rmm, "system_off");
		power_off();
	case SMC_SYSTEM_RESET:
		spin_lock(&fw_lock);
		fw_printf("rmm-model: SYSTEM_RESET\n");
		if (fw.rmm)
			rmm_print_ledger(fw.rmm, "system_reset");
		power_reset();
	}
}

void el3_fatal(struct el3_frame *f, unsigned long kind)
{
	uart_init(UART0_BASE);
	both_printf("\nrmm-model: EL3 exception kind %lu ESR=0x%llx ELR=0x%llx FAR=0x%llx MFAR=0x%llx lr=0x%llx\n",
		    kind, (unsigned long long)read_sysreg(esr_el3),
		    (unsigned long long)read_sysreg(elr_el3),
		    (unsigned long long)read_sysreg(far_el3),
		    (unsigned long long)(have_rme() ? read_sysreg(MFAR_EL3) : 0),
		    (unsigned long long)f->x[30]);
	fatal_ledger();
	power_off();
}
