// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device tree reading and patching with libfdt.
 *
 * QEMU's virt DTB (with -bios and secure=on) has no /psci node, no
 * enable-method and no reserved memory for us: add them, plus the initrd
 * location and the command line from fw_cfg.
 */
#include <libfdt.h>
#include "core.h"

int dt_open(void *fdt, size_t room)
{
	if (fdt_check_header(fdt))
		return -1;
	if (fdt_totalsize(fdt) > room)
		return -1;
	return fdt_open_into(fdt, fdt, (int)room) ? -1 : 0;
}

static uint64_t read_cells(const fdt32_t *p, int cells)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < cells; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

static int root_cells(const void *fdt, const char *name, int dflt)
{
	const fdt32_t *p = fdt_getprop(fdt, 0, name, NULL);

	return p ? (int)fdt32_to_cpu(*p) : dflt;
}

int dt_scan(const void *fdt, struct dt_info *info)
{
	int ac = root_cells(fdt, "#address-cells", 2);
	int sc = root_cells(fdt, "#size-cells", 1);
	int node, cpus;

	fw_memset(info, 0, sizeof(*info));
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -1;

	fdt_for_each_subnode(node, fdt, 0) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const fdt32_t *reg;
		int len, i;

		const char *status;

		if (!type || !fw_streq(type, "memory"))
			continue;
		/* e.g. virt's secure RAM: status "disabled", secure-status ok */
		status = fdt_getprop(fdt, node, "status", NULL);
		if (status && !fw_streq(status, "okay") && !fw_streq(status, "ok"))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg)
			continue;
		for (i = 0; i + (ac + sc) * 4 <= len; i += (ac + sc) * 4) {
			const fdt32_t *e = reg + i / 4;

			if (info->nbanks == DT_MAX_BANKS)
				return -1;
			info->bank[info->nbanks].base = read_cells(e, ac);
			info->bank[info->nbanks].size = read_cells(e + ac, sc);
			if (info->bank[info->nbanks].size)
				info->nbanks++;
		}
	}

	cpus = fdt_path_offset(fdt, "/cpus");
	if (cpus < 0)
		return -1;
	{
		int cac = 1;
		const fdt32_t *p = fdt_getprop(fdt, cpus, "#address-cells", NULL);

		if (p)
			cac = (int)fdt32_to_cpu(*p);
		if (cac < 1 || cac > 2)
			return -1;
		fdt_for_each_subnode(node, fdt, cpus) {
			const char *type = fdt_getprop(fdt, node, "device_type",
						       NULL);
			const fdt32_t *reg;
			int len;

			if (!type || !fw_streq(type, "cpu"))
				continue;
			reg = fdt_getprop(fdt, node, "reg", &len);
			if (!reg || len < cac * 4)
				return -1;
			if (info->ncpus == DT_MAX_CPUS)
				return -1;
			info->mpidr[info->ncpus++] = read_cells(reg, cac);
		}
	}
	if (info->ncpus == 0 || info->nbanks == 0)
		return -1;
	return 0;
}

static int setprop_u64(void *fdt, int node, const char *name, uint64_t v)
{
	return fdt_setprop_u64(fdt, node, name, v);
}

static int add_psci(void *fdt)
{
	static const char compat[] = "arm,psci-1.0\0arm,psci-0.2";
	int node = fdt_path_offset(fdt, "/psci");
	int err;

	if (node >= 0)
		fdt_del_node(fdt, node);
	node = fdt_add_subnode(fdt, 0, "psci");
	if (node < 0)
		return node;
	err = fdt_setprop(fdt, node, "compatible", compat, sizeof(compat));
	if (!err)
		err = fdt_setprop_string(fdt, node, "method", "smc");
	return err;
}

static int set_enable_method(void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	int node, err;

	if (cpus < 0)
		return cpus;
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (!type || !fw_streq(type, "cpu"))
			continue;
		/* Adding a property never moves nodes before this one. */
		err = fdt_setprop_string(fdt, node, "enable-method", "psci");
		if (err)
			return err;
		fdt_delprop(fdt, node, "cpu-release-addr");
	}
	return 0;
}

static int add_reserved(void *fdt, uint64_t base, uint64_t size)
{
	char name[48];
	int rm, node, err;
	int ac = root_cells(fdt, "#address-cells", 2);
	int sc = root_cells(fdt, "#size-cells", 1);
	fdt32_t reg[4];
	int n = 0;

	rm = fdt_path_offset(fdt, "/reserved-memory");
	if (rm < 0) {
		rm = fdt_add_subnode(fdt, 0, "reserved-memory");
		if (rm < 0)
			return rm;
		err = fdt_setprop_u32(fdt, rm, "#address-cells", (uint32_t)ac);
		err |= fdt_setprop_u32(fdt, rm, "#size-cells", (uint32_t)sc);
		err |= fdt_setprop(fdt, rm, "ranges", NULL, 0);
		if (err)
			return -1;
	} else {
		/* Our reg encoding below assumes the parent's cell sizes. */
		const fdt32_t *p = fdt_getprop(fdt, rm, "#address-cells", NULL);
		const fdt32_t *q = fdt_getprop(fdt, rm, "#size-cells", NULL);

		if (p)
			ac = (int)fdt32_to_cpu(*p);
		if (q)
			sc = (int)fdt32_to_cpu(*q);
	}
	if (ac == 2)
		reg[n++] = cpu_to_fdt32((uint32_t)(base >> 32));
	reg[n++] = cpu_to_fdt32((uint32_t)base);
	if (sc == 2)
		reg[n++] = cpu_to_fdt32((uint32_t)(size >> 32));
	reg[n++] = cpu_to_fdt32((uint32_t)size);

	fw_snprintf(name, sizeof(name), "rmm-model@%llx",
		    (unsigned long long)base);
	node = fdt_add_subnode(fdt, rm, name);
	if (node < 0)
		return node;
	err = fdt_setprop(fdt, node, "reg", reg, n * 4);
	if (!err)
		err = fdt_setprop(fdt, node, "no-map", NULL, 0);
	return err;
}

int dt_apply(void *fdt, const struct dt_patch *p)
{
	int chosen, err;

	err = add_psci(fdt);
	if (err)
		return err;
	err = set_enable_method(fdt);
	if (err)
		return err;

	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen < 0)
		chosen = fdt_add_subnode(fdt, 0, "chosen");
	if (chosen < 0)
		return chosen;
	if (p->bootargs) {
		err = fdt_setprop_string(fdt, chosen, "bootargs", p->bootargs);
		if (err)
			return err;
	}
	if (p->initrd_end > p->initrd_start) {
		err = setprop_u64(fdt, chosen, "linux,initrd-start",
				  p->initrd_start);
		if (!err)
			err = setprop_u64(fdt, chosen, "linux,initrd-end",
					  p->initrd_end);
		if (err)
			return err;
	}
	if (p->resv_size) {
		err = add_reserved(fdt, p->resv_base, p->resv_size);
		if (err)
			return err;
	}
	return 0;
}

int dt_finish(void *fdt)
{
	return fdt_pack(fdt) ? -1 : 0;
}
