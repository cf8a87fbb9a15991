// SPDX-License-Identifier: BSD-2-Clause
/* Unit tests: formatting, allocator, Image header, DT patching, PSCI, GPT. */
#include <stdlib.h>
#include <libfdt.h>
#include "test.h"
#include "gpt.h"
#include "rmm.h"

TEST(fmt_basic)
{
	char b[64];

	fw_snprintf(b, sizeof(b), "%d %u %x %llx %s %c %%", -5, 7U, 0xabU,
		    0x123456789abcULL, "hi", 'z');
	CHECK(!strcmp(b, "-5 7 ab 123456789abc hi z %"));
	fw_snprintf(b, sizeof(b), "[%5d][%-4s][%08x][%03d]", 42, "ab", 0x1fU, -4);
	CHECK(!strcmp(b, "[   42][ab  ][0000001f][-04]"));
	CHECK_EQ(fw_snprintf(b, 4, "%s", "abcdef"), 6);
	CHECK(!strcmp(b, "abc"));
	fw_snprintf(b, sizeof(b), "%lu %zu %p", 10UL, (size_t)3, (void *)0x10);
	CHECK(!strcmp(b, "10 3 0x10"));
}

/* No format attribute: formats the compiler would refuse. */
static int raw_snprintf(char *b, size_t n, const char *f, ...)
{
	va_list ap;
	int r;

	va_start(ap, f);
	r = fw_vsnprintf(b, n, f, ap);
	va_end(ap);
	return r;
}

TEST(fmt_edges)
{
	char b[64];

	raw_snprintf(b, sizeof(b), "[%-5d][%4s][%s][%lld]", -3, "ab",
		     (char *)NULL, -9000000000LL);
	CHECK(!strcmp(b, "[-3   ][  ab][(null)][-9000000000]"));
	/* an unknown conversion is copied; a trailing '%' is dropped */
	raw_snprintf(b, sizeof(b), "%q|%");
	CHECK(!strcmp(b, "%q|"));
	CHECK(fw_strneq("abc", "abd", 2));
	CHECK(!fw_strneq("abc", "abd", 3));
	CHECK(fw_strneq("ab", "ab", 5));
}

TEST(fmt_printf_console)
{
	fw_printf("a\nb");
	CHECK(!strcmp(test_console, "a\r\nb"));
}

TEST(alloc_topdown)
{
	struct resv r;
	uint64_t pa;

	resv_init(&r, 0x1000, 0x20000);
	CHECK_EQ(resv_alloc(&r, 0x1000, 12, &pa), 0);
	CHECK_EQ(pa, 0x1f000);
	CHECK_EQ(resv_alloc(&r, 0x100, 16, &pa), 0);
	CHECK_EQ(pa, 0x10000);
	CHECK_EQ(resv_used(&r), 0x10000);
	CHECK_EQ(resv_alloc(&r, 0x10000, 12, &pa), -1);	/* too big */
	CHECK_EQ(resv_alloc(&r, 0xf000, 12, &pa), 0);
	CHECK_EQ(pa, 0x1000);
	CHECK_EQ(resv_alloc(&r, 1, 0, &pa), -1);
	CHECK_EQ(resv_alloc(&r, 0, 0, &pa), -1);
}

TEST(image_header)
{
	unsigned char h[64] = { 0 };
	struct image_info ii;

	CHECK_EQ(image_parse(h, sizeof(h), &ii), -1);
	h[56] = 'A'; h[57] = 'R'; h[58] = 'M'; h[59] = 0x64;
	h[8] = 0x00; h[9] = 0x00; h[10] = 0x08;	/* text_offset 0x80000 */
	h[16] = 0x00; h[17] = 0x00; h[18] = 0x40;	/* image_size 4 MiB */
	h[24] = 0x0a;
	CHECK_EQ(image_parse(h, sizeof(h), &ii), 0);
	CHECK_EQ(ii.text_offset, 0x80000);
	CHECK_EQ(ii.image_size, 0x400000);
	CHECK_EQ(ii.flags, 0xa);
	CHECK_EQ(image_load_addr(&ii, 0x40100000), 0x40280000);
	CHECK_EQ(image_load_addr(&ii, 0x40200000), 0x40280000);
	CHECK_EQ(image_parse(h, 63, &ii), -1);
}

/* A DTB shaped like QEMU virt's: 4 CPUs, 2 GiB at 1 GiB, /chosen. */
static void *make_dtb(size_t room, int ncpus)
{
	void *fdt = calloc(1, room);
	int root, cpus, node, i;
	fdt32_t reg[4];
	char name[32];

	fdt_create_empty_tree(fdt, 4096);
	root = 0;
	fdt_setprop_u32(fdt, root, "#address-cells", 2);
	fdt_setprop_u32(fdt, root, "#size-cells", 2);
	cpus = fdt_add_subnode(fdt, root, "cpus");
	fdt_setprop_u32(fdt, cpus, "#address-cells", 1);
	fdt_setprop_u32(fdt, cpus, "#size-cells", 0);
	for (i = ncpus - 1; i >= 0; i--) {
		snprintf(name, sizeof(name), "cpu@%d", i);
		node = fdt_add_subnode(fdt, cpus, name);
		fdt_setprop_string(fdt, node, "device_type", "cpu");
		fdt_setprop_u32(fdt, node, "reg", (uint32_t)i);
	}
	node = fdt_add_subnode(fdt, root, "memory@40000000");
	fdt_setprop_string(fdt, node, "device_type", "memory");
	reg[0] = cpu_to_fdt32(0);
	reg[1] = cpu_to_fdt32(0x40000000);
	reg[2] = cpu_to_fdt32(0);
	reg[3] = cpu_to_fdt32(0x80000000);
	fdt_setprop(fdt, node, "reg", reg, sizeof(reg));
	/* virt's secure RAM: a memory node that is not for the normal world */
	node = fdt_add_subnode(fdt, root, "secram@e000000");
	fdt_setprop_string(fdt, node, "device_type", "memory");
	fdt_setprop_string(fdt, node, "status", "disabled");
	fdt_setprop_string(fdt, node, "secure-status", "okay");
	reg[1] = cpu_to_fdt32(0x0e000000);
	reg[3] = cpu_to_fdt32(0x01000000);
	fdt_setprop(fdt, node, "reg", reg, sizeof(reg));
	node = fdt_add_subnode(fdt, root, "memory@100000000");
	fdt_setprop_string(fdt, node, "device_type", "memory");
	fdt_setprop_string(fdt, node, "status", "okay");
	reg[0] = cpu_to_fdt32(1);
	reg[1] = cpu_to_fdt32(0);
	reg[3] = cpu_to_fdt32(0x100000);
	fdt_setprop(fdt, node, "reg", reg, sizeof(reg));
	node = fdt_add_subnode(fdt, root, "chosen");
	fdt_setprop_string(fdt, node, "bootargs", "from-qemu");
	fdt_pack(fdt);
	return fdt;
}

TEST(dt_scan_and_patch)
{
	size_t room = 64 * 1024;
	void *fdt = make_dtb(room, 4);
	struct dt_info info;
	struct dt_patch p = { 0 };
	const char *s;
	const fdt64_t *v;
	const fdt32_t *reg;
	int node, len, n = 0;

	CHECK_EQ(dt_open(fdt, room), 0);
	CHECK_EQ(dt_scan(fdt, &info), 0);
	CHECK_EQ(info.ncpus, 4);
	CHECK_EQ(info.nbanks, 2);		/* not the disabled secure RAM */
	CHECK_EQ(info.bank[0].base, 0x100000000ULL);	/* added last: first */
	CHECK_EQ(info.bank[1].base, 0x40000000);
	CHECK_EQ(info.bank[1].size, 0x80000000);
	CHECK_EQ(info.mpidr[0], 0);
	CHECK_EQ(info.mpidr[3], 3);

	p.bootargs = "console=ttyAMA0 rdinit=/init";
	p.initrd_start = 0x48000000;
	p.initrd_end = 0x48001000;
	p.resv_base = 0xbfe00000;
	p.resv_size = 0x200000;
	CHECK_EQ(dt_apply(fdt, &p), 0);
	CHECK_EQ(dt_finish(fdt), 0);
	CHECK_EQ(fdt_check_header(fdt), 0);

	node = fdt_path_offset(fdt, "/psci");
	CHECK(node >= 0);
	s = fdt_getprop(fdt, node, "method", NULL);
	CHECK(s && !strcmp(s, "smc"));
	CHECK(fdt_node_check_compatible(fdt, node, "arm,psci-1.0") == 0);
	CHECK(fdt_node_check_compatible(fdt, node, "arm,psci-0.2") == 0);

	fdt_for_each_subnode(node, fdt, fdt_path_offset(fdt, "/cpus")) {
		s = fdt_getprop(fdt, node, "enable-method", NULL);
		CHECK(s && !strcmp(s, "psci"));
		n++;
	}
	CHECK_EQ(n, 4);

	node = fdt_path_offset(fdt, "/chosen");
	s = fdt_getprop(fdt, node, "bootargs", NULL);
	CHECK(s && !strcmp(s, "console=ttyAMA0 rdinit=/init"));
	v = fdt_getprop(fdt, node, "linux,initrd-start", &len);
	CHECK(v && len == 8 && fdt64_ld(v) == 0x48000000);
	v = fdt_getprop(fdt, node, "linux,initrd-end", &len);
	CHECK(v && len == 8 && fdt64_ld(v) == 0x48001000);

	node = fdt_path_offset(fdt, "/reserved-memory/rmm-model@bfe00000");
	CHECK(node >= 0);
	CHECK(fdt_getprop(fdt, node, "no-map", &len) != NULL && len == 0);
	reg = fdt_getprop(fdt, node, "reg", &len);
	CHECK(reg && len == 16);
	if (reg && len == 16) {
		CHECK_EQ(fdt32_to_cpu(reg[1]), 0xbfe00000);
		CHECK_EQ(fdt32_to_cpu(reg[3]), 0x200000);
	}
	node = fdt_path_offset(fdt, "/reserved-memory");
	CHECK(fdt_getprop(fdt, node, "ranges", &len) && len == 0);

	/* Applying twice keeps one /psci node. */
	CHECK_EQ(dt_open(fdt, room), 0);
	p.resv_size = 0;
	p.bootargs = NULL;
	CHECK_EQ(dt_apply(fdt, &p), 0);
	node = fdt_path_offset(fdt, "/chosen");
	s = fdt_getprop(fdt, node, "bootargs", NULL);
	CHECK(s && !strcmp(s, "console=ttyAMA0 rdinit=/init"));
	free(fdt);
}

TEST(dt_rejects_garbage)
{
	char junk[256] = "not a device tree";
	struct dt_info info;

	CHECK(dt_open(junk, sizeof(junk)) != 0);
	{
		void *fdt = make_dtb(8192, 1);

		CHECK(dt_open(fdt, 64) != 0);	/* room smaller than blob */
		CHECK_EQ(dt_open(fdt, 8192), 0);
		CHECK_EQ(dt_scan(fdt, &info), 0);
		CHECK_EQ(info.ncpus, 1);
		free(fdt);
	}
}

TEST(dt_scan_edges)
{
	void *fdt = make_dtb(16384, 2);
	struct dt_info info;
	struct dt_patch p = { 0 };
	int node, i;
	fdt32_t reg[4] = { 0, cpu_to_fdt32(0x50000000), 0,
			   cpu_to_fdt32(0x1000) };
	char name[32];

	CHECK_EQ(dt_open(fdt, 16384), 0);
	/* a memory node without reg is skipped, too many banks fail */
	node = fdt_add_subnode(fdt, 0, "memory@0");
	fdt_setprop_string(fdt, node, "device_type", "memory");
	CHECK_EQ(dt_scan(fdt, &info), 0);
	CHECK_EQ(info.nbanks, 2);
	for (i = 0; i < DT_MAX_BANKS; i++) {
		snprintf(name, sizeof(name), "memory@%x", 0x50000000 + i);
		node = fdt_add_subnode(fdt, 0, name);
		fdt_setprop_string(fdt, node, "device_type", "memory");
		fdt_setprop(fdt, node, "reg", reg, sizeof(reg));
	}
	CHECK(dt_scan(fdt, &info) != 0);
	free(fdt);

	/* an existing /reserved-memory with its own cells, no /chosen */
	fdt = make_dtb(16384, 1);
	CHECK_EQ(dt_open(fdt, 16384), 0);
	fdt_del_node(fdt, fdt_path_offset(fdt, "/chosen"));
	node = fdt_add_subnode(fdt, 0, "reserved-memory");
	fdt_setprop_u32(fdt, node, "#address-cells", 2);
	fdt_setprop_u32(fdt, node, "#size-cells", 2);
	fdt_setprop(fdt, node, "ranges", NULL, 0);
	p.bootargs = "x";
	p.resv_base = 0xbfe00000;
	p.resv_size = 0x200000;
	CHECK_EQ(dt_apply(fdt, &p), 0);
	CHECK(fdt_path_offset(fdt, "/chosen") >= 0);
	CHECK(fdt_path_offset(fdt, "/reserved-memory/rmm-model@bfe00000") >= 0);
	/* a cpu node that is not a cpu, bad root cells, no /cpus */
	node = fdt_add_subnode(fdt, fdt_path_offset(fdt, "/cpus"), "cpu-map");
	CHECK_EQ(dt_scan(fdt, &info), 0);
	CHECK_EQ(info.ncpus, 1);
	fdt_setprop_u32(fdt, 0, "#size-cells", 3);
	CHECK(dt_scan(fdt, &info) != 0);
	fdt_setprop_u32(fdt, 0, "#size-cells", 2);
	fdt_del_node(fdt, fdt_path_offset(fdt, "/cpus"));
	CHECK(dt_scan(fdt, &info) != 0);
	free(fdt);
}

static struct dt_info four_cpus(void)
{
	struct dt_info dt;
	unsigned int i;

	memset(&dt, 0, sizeof(dt));
	dt.ncpus = 4;
	for (i = 0; i < 4; i++)
		dt.mpidr[i] = i;
	dt.nbanks = 1;
	dt.bank[0].base = 0x40000000;
	dt.bank[0].size = 0x80000000;
	return dt;
}

static uint64_t call(struct psci *p, unsigned int cpu, uint64_t fid,
		     uint64_t a1, uint64_t a2, uint64_t a3, enum smc_action *act)
{
	struct smc_regs r = { { 0 } };
	enum smc_action a;

	r.x[0] = fid;
	r.x[1] = a1;
	r.x[2] = a2;
	r.x[3] = a3;
	r.x[4] = 0x4444;
	a = psci_handle(p, cpu, &r);
	if (act)
		*act = a;
	CHECK_EQ(r.x[4], 0x4444);
	return r.x[0];
}

TEST(psci_calls)
{
	struct dt_info dt = four_cpus();
	struct psci p;
	enum smc_action act;
	uint64_t e, c;

	psci_init(&p, &dt, 0);
	CHECK_EQ(call(&p, 0, PSCI_VERSION, 0, 0, 0, &act), 0x10001);
	CHECK_EQ(act, SMC_RETURN);
	CHECK_EQ(call(&p, 0, SMCCC_VERSION, 0, 0, 0, NULL), 0x10002);
	CHECK_EQ(call(&p, 0, PSCI_FEATURES, SMCCC_VERSION, 0, 0, NULL), 0);
	CHECK_EQ(call(&p, 0, PSCI_FEATURES, PSCI_CPU_ON_64, 0, 0, NULL), 0);
	CHECK_EQ(call(&p, 0, PSCI_FEATURES, PSCI_CPU_SUSPEND_32, 0, 0, NULL),
		 (uint64_t)-1);
	CHECK_EQ(call(&p, 0, SMCCC_ARCH_FEATURES, 0x80008000, 0, 0, NULL),
		 (uint64_t)-1);
	CHECK_EQ(call(&p, 0, PSCI_MIGRATE_INFO_TYPE, 0, 0, 0, NULL), 2);
	CHECK_EQ(call(&p, 0, 0x8400001f, 0, 0, 0, NULL), (uint64_t)-1);
	CHECK_EQ(call(&p, 0, 0xc2000000, 0, 0, 0, NULL), (uint64_t)-1);

	/* AFFINITY_INFO: 0 on, 1 off, 2 on pending */
	CHECK_EQ(call(&p, 0, PSCI_AFFINITY_INFO_64, 0, 0, 0, NULL), 0);
	CHECK_EQ(call(&p, 0, PSCI_AFFINITY_INFO_64, 2, 0, 0, NULL), 1);
	CHECK_EQ(call(&p, 0, PSCI_AFFINITY_INFO_64, 2, 1, 0, NULL),
		 (uint64_t)PSCI_INVALID_PARAMS);
	CHECK_EQ(call(&p, 0, PSCI_AFFINITY_INFO_64, 9, 0, 0, NULL),
		 (uint64_t)PSCI_INVALID_PARAMS);

	/* CPU_ON */
	CHECK_EQ(call(&p, 0, PSCI_CPU_ON_64, 9, 0x40200000, 0, NULL),
		 (uint64_t)PSCI_INVALID_PARAMS);
	CHECK_EQ(call(&p, 0, PSCI_CPU_ON_64, 2, 0x1000, 0, NULL),
		 (uint64_t)PSCI_INVALID_ADDRESS);
	CHECK_EQ(call(&p, 0, PSCI_CPU_ON_64, 2, 0x40200002, 0, NULL),
		 (uint64_t)PSCI_INVALID_ADDRESS);
	CHECK(!psci_take_release(&p, 2, &e, &c));
	test_wakes = 0;
	CHECK_EQ(call(&p, 0, PSCI_CPU_ON_64, 2, 0x40200000, 0x77, NULL), 0);
	CHECK_EQ(test_wakes, 1);
	CHECK_EQ(call(&p, 0, PSCI_AFFINITY_INFO_64, 2, 0, 0, NULL), 2);
	CHECK_EQ(call(&p, 0, PSCI_CPU_ON_64, 2, 0x40200000, 0, NULL),
		 (uint64_t)PSCI_ON_PENDING);
	CHECK(psci_take_release(&p, 2, &e, &c));
	CHECK_EQ(e, 0x40200000);
	CHECK_EQ(c, 0x77);
	CHECK(!psci_take_release(&p, 2, &e, &c));
	CHECK_EQ(call(&p, 0, PSCI_AFFINITY_INFO_64, 2, 0, 0, NULL), 0);
	CHECK_EQ(call(&p, 0, PSCI_CPU_ON_64, 2, 0x40200000, 0, NULL),
		 (uint64_t)PSCI_ALREADY_ON);
	CHECK_EQ(call(&p, 0, PSCI_CPU_ON_64, 0, 0x40200000, 0, NULL),
		 (uint64_t)PSCI_ALREADY_ON);

	/* CPU_OFF, then on again */
	call(&p, 2, PSCI_CPU_OFF, 0, 0, 0, &act);
	CHECK_EQ(act, SMC_CPU_OFF);
	CHECK_EQ(call(&p, 0, PSCI_AFFINITY_INFO_64, 2, 0, 0, NULL), 1);
	CHECK_EQ(call(&p, 0, PSCI_CPU_ON_64, 2, 0x40300000, 1, NULL), 0);

	call(&p, 0, PSCI_SYSTEM_OFF, 0, 0, 0, &act);
	CHECK_EQ(act, SMC_SYSTEM_OFF);
	call(&p, 0, PSCI_SYSTEM_RESET, 0, 0, 0, &act);
	CHECK_EQ(act, SMC_SYSTEM_RESET);
	CHECK_EQ(psci_cpu_index(&p, 3), 3);
	CHECK_EQ(psci_cpu_index(&p, 0x80000003ULL), 3);	/* MPIDR RES1 bit */
	CHECK_EQ(psci_cpu_index(&p, 4), -1);
}

TEST(smc_dispatch_routes)
{
	struct dt_info dt = four_cpus();
	struct fw_state fw;
	struct smc_regs r = { { 0 } };

	memset(&fw, 0, sizeof(fw));
	psci_init(&fw.psci, &dt, 0);
	r.x[0] = PSCI_VERSION;
	CHECK_EQ(smc_dispatch(&fw, 0, &r), SMC_RETURN);
	CHECK_EQ(r.x[0], 0x10001);
	/* No RMM: RMI answers -1 */
	r.x[0] = 0xC4000150;
	r.x[1] = 0x20000;
	smc_dispatch(&fw, 0, &r);
	CHECK_EQ(r.x[0], (uint64_t)-1);
	/* upper 32 bits of the FID set */
	r.x[0] = 0x1000000084000000ULL;
	smc_dispatch(&fw, 0, &r);
	CHECK_EQ(r.x[0], (uint64_t)-1);
}

/* A table in the region it describes is Root in itself from the start */
TEST(gpt_table_in_own_region)
{
	struct gpt g;
	uint64_t l0 = 0x10000000, l1 = 0x10100000;

	CHECK_EQ(gpt_init(&g, l0, 2, 0, GPI_ANY), 0);
	CHECK_EQ(gpt_install_l1(&g, 0, l1, GPI_NS), 0);
	CHECK_EQ(gpt_get_granule(&g, l1), GPI_ROOT);
	CHECK_EQ(gpt_get_granule(&g, l1 + 0x1f000), GPI_ROOT);
	CHECK_EQ(gpt_get_granule(&g, l1 + 0x20000), GPI_NS);
	CHECK_EQ(gpt_get_granule(&g, l1 - 0x1000), GPI_NS);
	CHECK_EQ(gpt_get_granule(&g, 0), GPI_NS);
}

TEST(gpt_tables)
{
	struct gpt g;
	uint64_t l0 = 0x10000000, l1 = 0x10100000;
	uint64_t *t = plat_phys(l0);

	CHECK_EQ(gpt_pps_bits(0), 32);
	CHECK_EQ(gpt_pps_bits(2), 40);
	CHECK_EQ(gpt_pps_bits(7), 0);
	CHECK_EQ(gpt_l0_table_size(2, 0), 8192);
	CHECK_EQ(gpt_l0_table_size(0, 0), 4096);	/* 4 entries, min 4K */
	CHECK_EQ(gpt_l0_table_size(5, 9), 4096);	/* 512 entries */
	CHECK_EQ(gpt_l0_table_size(2, 3), 0);		/* bad L0GPTSZ */
	CHECK_EQ(gpt_init(&g, l0 + 0x1000, 2, 0, GPI_ANY), -1);	/* misaligned */
	CHECK_EQ(gpt_init(&g, l0, 2, 0, GPI_ANY), 0);
	CHECK_EQ(g.n_l0, 1024);
	CHECK_EQ(gpt_l1_table_size(&g), 128 * 1024);
	CHECK_EQ(gpt_region_size(&g), 1ULL << 30);
	CHECK_EQ(t[0], 0xf1);
	CHECK_EQ(t[1023], 0xf1);
	CHECK_EQ(gpt_get_granule(&g, 0x40000000), GPI_ANY);
	CHECK(gpt_pa_in_range(&g, (1ULL << 40) - 1));
	CHECK(!gpt_pa_in_range(&g, 1ULL << 40));
	CHECK_EQ(gpt_get_granule(&g, 1ULL << 40), GPI_NO_ACCESS);

	CHECK_EQ(gpt_set_granule(&g, 0x40000000, GPI_REALM), -1);	/* no L1 */
	CHECK_EQ(gpt_install_l1(&g, 1, l1 + 0x1000, GPI_NS), -1);
	CHECK_EQ(gpt_install_l1(&g, 1, l1, GPI_NS), 0);
	CHECK_EQ(t[1], l1 | 3);
	CHECK(gpt_has_l1(&g, 1));
	CHECK_EQ(gpt_l1_pa(&g, 1), l1);
	CHECK_EQ(gpt_get_granule(&g, 0x40000000), GPI_NS);
	CHECK_EQ(gpt_set_granule(&g, 0x40001000, GPI_REALM), 0);
	CHECK_EQ(gpt_set_granule(&g, 0x7ffff000, GPI_ROOT), 0);
	CHECK_EQ(gpt_get_granule(&g, 0x40001000), GPI_REALM);
	CHECK_EQ(gpt_get_granule(&g, 0x40000000), GPI_NS);
	CHECK_EQ(gpt_get_granule(&g, 0x40002000), GPI_NS);
	CHECK_EQ(gpt_get_granule(&g, 0x7ffff000), GPI_ROOT);
	CHECK_EQ(((uint64_t *)plat_phys(l1))[0], 0x99999999999999b9ULL);
	CHECK_EQ(((uint64_t *)plat_phys(l1))[16383], 0xa999999999999999ULL);
	gpt_remove_l1(&g, 1, GPI_ANY);
	CHECK(!gpt_has_l1(&g, 1));
	CHECK_EQ(gpt_get_granule(&g, 0x40001000), GPI_ANY);
	gpt_set_block(&g, 2, GPI_SECURE);
	CHECK_EQ(t[2], 0x81);
	CHECK_EQ(gpt_gpccr(&g), 0x3502);
}

/* fw_memset/fw_memspan/fw_memchr2 against byte loops, every alignment */
TEST(mem_word_helpers)
{
	unsigned char buf[80], ref[80];
	size_t off, n, i, k;

	for (off = 0; off < 9; off++) {
		for (n = 0; n <= 64; n++) {
			memset(buf, 0x5a, sizeof(buf));
			memcpy(ref, buf, sizeof(ref));
			fw_memset(buf + off, 2, n);
			for (i = 0; i < n; i++)
				ref[off + i] = 2;
			CHECK(!memcmp(buf, ref, sizeof(buf)));
			CHECK_EQ(fw_memspan(buf + off, 2, n), n);
			CHECK_EQ(fw_memchr2(buf + off, 3, 4, n), n);
			CHECK_EQ(fw_memchr2(buf + off, 2, 2, n), 0);
			/* one odd byte at every position */
			for (k = 0; k < n; k++) {
				buf[off + k] = 3;
				CHECK_EQ(fw_memspan(buf + off, 2, n), k);
				CHECK_EQ(fw_memchr2(buf + off, 3, 4, n), k);
				CHECK_EQ(fw_memchr2(buf + off, 4, 3, n), k);
				CHECK_EQ(fw_memchr2(buf + off, 7, 8, n), n);
				buf[off + k] = 2;
			}
			/* bytes past the end are not looked at */
			CHECK_EQ(fw_memchr2(buf + off, 0x5a, 9, n), n);
		}
	}
	/* 0x80 and 0x00 bytes next to the searched value (borrow cases) */
	memset(buf, 0, sizeof(buf));
	buf[17] = 0x80;
	buf[18] = 1;
	CHECK_EQ(fw_memchr2(buf, 1, 1, 64), 18);
	CHECK_EQ(fw_memchr2(buf, 0x80, 0x81, 64), 17);
	CHECK_EQ(fw_memspan(buf, 0, 64), 17);
	fw_memset(buf, 0xff, 24);
	CHECK_EQ(fw_memspan(buf, 0xff, 64), 24);
	CHECK_EQ(fw_memchr2(buf, 0, 0, 64), 24);
}

/* gpt_set_range() against gpt_set_granule() on every edge of an entry */
TEST(gpt_set_range_words)
{
	struct gpt g, h;
	uint64_t l0 = 0x10000000, l1 = 0x10100000, l0b = 0x10200000;
	uint64_t l1b = 0x10300000, rb = 0x40000000, a, b, pa;
	static const uint64_t edge[] = { 0, 1, 15, 16, 17, 31, 32, 47, 100 };
	unsigned int i, j, gpi = GPI_REALM;

	CHECK_EQ(gpt_init(&g, l0, 2, 0, GPI_ANY), 0);
	CHECK_EQ(gpt_init(&h, l0b, 2, 0, GPI_ANY), 0);
	CHECK_EQ(gpt_set_range(&g, rb, rb + 0x1000, GPI_NS), -1);	/* no L1 */
	CHECK_EQ(gpt_install_l1(&g, 1, l1, GPI_NS), 0);
	CHECK_EQ(gpt_install_l1(&h, 1, l1b, GPI_NS), 0);
	/* refused: misaligned, empty, reversed, two regions, GPI, PPS */
	CHECK_EQ(gpt_set_range(&g, rb + 1, rb + 0x1000, GPI_NS), -1);
	CHECK_EQ(gpt_set_range(&g, rb, rb + 0x1001, GPI_NS), -1);
	CHECK_EQ(gpt_set_range(&g, rb, rb, GPI_NS), -1);
	CHECK_EQ(gpt_set_range(&g, rb + 0x2000, rb, GPI_NS), -1);
	CHECK_EQ(gpt_set_range(&g, rb, rb + SZ_1G + 0x1000, GPI_NS), -1);
	CHECK_EQ(gpt_set_range(&g, rb, rb + 0x1000, 0x10), -1);
	CHECK_EQ(gpt_set_range(&g, (1ULL << 40) - 0x1000, 1ULL << 40, GPI_NS),
		 -1);
	CHECK_EQ(gpt_set_range(&g, (1ULL << 40), (1ULL << 40) + 0x1000,
			       GPI_NS), -1);
	CHECK(!memcmp(plat_phys(l1), plat_phys(l1b), 128 * 1024));

	for (i = 0; i < sizeof(edge) / sizeof(edge[0]); i++) {
		for (j = i + 1; j < sizeof(edge) / sizeof(edge[0]); j++) {
			a = rb + edge[i] * SZ_4K;
			b = rb + edge[j] * SZ_4K;
			gpi = gpi == GPI_REALM ? GPI_ROOT : GPI_REALM;
			CHECK_EQ(gpt_set_range(&g, a, b, gpi), 0);
			for (pa = a; pa < b; pa += SZ_4K)
				CHECK_EQ(gpt_set_granule(&h, pa, gpi), 0);
			CHECK(!memcmp(plat_phys(l1), plat_phys(l1b),
				      128 * 1024));
		}
	}
	/* the whole region, up to its last granule */
	CHECK_EQ(gpt_set_range(&g, rb, rb + SZ_1G, GPI_NS), 0);
	CHECK_EQ(gpt_get_granule(&g, rb + SZ_1G - SZ_4K), GPI_NS);
	CHECK_EQ(((uint64_t *)plat_phys(l1))[0], 0x9999999999999999ULL);
	CHECK_EQ(((uint64_t *)plat_phys(l1))[16383], 0x9999999999999999ULL);
	CHECK_EQ(gpt_set_range(&g, rb + SZ_1G - SZ_4K, rb + SZ_1G, GPI_ROOT), 0);
	CHECK_EQ(((uint64_t *)plat_phys(l1))[16383], 0xa999999999999999ULL);
}

TEST(scenario_parsing)
{
	struct rmm_scenario sc;
	char err[96];

	scenario_defaults(&sc);
	CHECK(sc.enabled && sc.gpt == GPT_MODE_PLAT && sc.pps == 2);
	CHECK_EQ(scenario_parse("", &sc, err, sizeof(err)), 0);
	CHECK_EQ(scenario_parse("gpt=host;carveout=8M chunk=16,pps=3", &sc, err,
				sizeof(err)), 0);
	CHECK_EQ(sc.gpt, GPT_MODE_HOST);
	CHECK_EQ(sc.carveout, 8 << 20);
	CHECK_EQ(sc.chunk, 16);
	CHECK_EQ(sc.pps, 3);
	CHECK_EQ(scenario_parse("fail=delegate:3:busy;fail=0x1f3:1:15;"
				"fail=op_continue:2:-1", &sc, err,
				sizeof(err)), 0);
	CHECK_EQ(sc.nfaults, 3);
	CHECK_EQ(sc.fault[0].func, RMI_GRANULE_RANGE_DELEGATE);
	CHECK_EQ(sc.fault[0].nth, 3);
	CHECK_EQ(sc.fault[0].status, RMI_BUSY);
	CHECK_EQ(sc.fault[1].func, RMI_GPT_L1_CREATE);
	CHECK_EQ(sc.fault[1].status, 15);
	CHECK_EQ(sc.fault[2].status, (uint64_t)-1);
	CHECK_EQ(scenario_parse("version=1.0-2.1 tracking=coarse activate=optional "
				"activate_pages=4 donate=delegated gpf=halt rmm=off gpt=legacy",
				&sc, err, sizeof(err)), 0);
	CHECK_EQ(sc.ver_lo, 0x10000);
	CHECK_EQ(sc.ver_hi, 0x20001);
	CHECK(sc.coarse && !sc.need_activate && sc.donate_delegated);
	CHECK(sc.gpf_halt && !sc.enabled && sc.gpt == GPT_MODE_LEGACY);
	CHECK_EQ(sc.activate_pages, 4);
	CHECK_EQ(scenario_parse("gpt=bogus", &sc, err, sizeof(err)), -1);
	CHECK(!strcmp(err, "bad scenario item 'gpt=bogus'"));
	CHECK_EQ(scenario_parse("nokey", &sc, err, sizeof(err)), -1);
	CHECK_EQ(scenario_parse("carveout=3M", &sc, err, sizeof(err)), -1);
	CHECK_EQ(scenario_parse("fail=delegate:0:busy", &sc, err, sizeof(err)), -1);
	CHECK_EQ(scenario_parse("fail=nosuch:1:busy", &sc, err, sizeof(err)), -1);
	CHECK_EQ(scenario_parse("version=2.0-1.0", &sc, err, sizeof(err)), -1);
	CHECK_EQ(scenario_parse("pps=7", &sc, err, sizeof(err)), -1);

	/* snapshots: off by default, on/off only */
	scenario_defaults(&sc);
	CHECK(!sc.snapshots);
	CHECK_EQ(scenario_parse("gpt=host;snapshots=on", &sc, err,
				sizeof(err)), 0);
	CHECK(sc.snapshots);
	CHECK_EQ(scenario_parse("snapshots=off", &sc, err, sizeof(err)), 0);
	CHECK(!sc.snapshots);
	CHECK_EQ(scenario_parse("snapshots=yes", &sc, err, sizeof(err)), -1);
	CHECK(!strcmp(err, "bad scenario item 'snapshots=yes'"));
}

const struct test_case core_tests[] = {
	{ "fmt_basic", fmt_basic },
	{ "fmt_printf_console", fmt_printf_console },
	{ "fmt_edges", fmt_edges },
	{ "alloc_topdown", alloc_topdown },
	{ "image_header", image_header },
	{ "dt_scan_and_patch", dt_scan_and_patch },
	{ "dt_rejects_garbage", dt_rejects_garbage },
	{ "dt_scan_edges", dt_scan_edges },
	{ "psci_calls", psci_calls },
	{ "smc_dispatch_routes", smc_dispatch_routes },
	{ "gpt_tables", gpt_tables },
	{ "gpt_table_in_own_region", gpt_table_in_own_region },
	{ "mem_word_helpers", mem_word_helpers },
	{ "gpt_set_range_words", gpt_set_range_words },
	{ "scenario_parsing", scenario_parsing },
	{ NULL, NULL },
};
