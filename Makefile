# SPDX-License-Identifier: GPL-2.0
# Arm CCA host series on Linux 7.3.y: entry points. Every target installs
# what it needs; 'make check' and 'make demo' work on a fresh machine.
SHELL := /bin/bash
S := scripts
.DEFAULT_GOAL := help

.PHONY: help deps base tree export kernel base-kernel bisect buildcov systest hptest rmemtest kunit firmware fwtest checkpatch selftest check bench demo debugtest debug-kernel clean

help:
	@echo "make demo        boot the patched kernel in QEMU and show the series at work"
	@echo "make check       every test (what CI runs)"
	@echo "make bench       benchmarks, patched and base side by side (build/bench/report.md)"
	@echo "make deps        install the host packages (apt)"
	@echo "make base        fetch, verify and unpack the base kernel (base-kernel.pin)"
	@echo "make tree        build/linux: the base plus patches/ as commits"
	@echo "make export      regenerate patches/ from build/linux"
	@echo "make kernel      build the arm64 kernel (build/kernel)"
	@echo "make base-kernel build the unpatched base the same way (build/base-kernel)"
	@echo "make bisect      build every patch on its own, newest first, then the base"
	@echo "make buildcov    the series' files: arm64 defconfig W=1 vs base; arm, riscv, x86_64, um"
	@echo "make kunit       run our KUnit suites on it under QEMU"
	@echo "make firmware    build the EL3 test firmware with its RMM model (build/rmm-model)"
	@echo "make fwtest      its unit tests, and boots of the kernel on it"
	@echo "make systest     boot base and patched kernels on the firmware, assert kernel and ledger"
	@echo "make hptest      virtio-mem hotplug on the firmware: realm-ready memory, ledger asserted"
	@echo "make rmemtest    boot the kernel with generated /reserved-memory device trees"
	@echo "make debugtest   the debug kernel (lockdep, KASAN, UBSAN, kmemleak): KUnit and a slice of the boots"
	@echo "make debug-kernel build it only (build/kernel-debug, configs/debug.config)"
	@echo "make checkpatch  checkpatch --strict on every patch"
	@echo "make selftest    self-tests of the patch workflow"

deps:
	@$(S)/deps.sh

base: deps
	@$(S)/base.sh

tree: base
	@$(S)/tree.sh

export:
	@$(S)/export.sh

# Builds whatever build/linux holds (commit, build, then export): it only
# creates the tree when there is none.
kernel: base
	@[ -e build/linux/.git ] || $(S)/tree.sh
	@$(S)/kernel.sh

base-kernel: tree
	@$(S)/kernel.sh --base

bisect: tree
	@$(S)/bisect.sh

buildcov: tree
	@$(S)/buildcov.sh

kunit: kernel
	@$(S)/kunit.sh

firmware: base
	@$(S)/firmware.sh build

fwtest: kernel
	@$(S)/firmware.sh test

systest: kernel firmware
	@[ -f build/base-kernel/Image ] || $(S)/kernel.sh --base
	@tests/system/run.sh

hptest: kernel firmware
	@[ -f build/base-kernel/Image ] || $(S)/kernel.sh --base
	@tests/hotplug/run.sh

rmemtest: kernel
	@tests/rmem/run.sh

debug-kernel: base
	@[ -e build/linux/.git ] || $(S)/tree.sh
	@$(S)/kernel.sh --debug

debugtest: debug-kernel firmware
	@tests/debug.sh --no-build $(PARTS)

checkpatch: tree
	@$(S)/checkpatch.sh

selftest: tree
	@tests/workflow/run.sh

check:
	@$(S)/check.sh

bench: kernel firmware
	@[ -f build/base-kernel/Image ] || $(S)/kernel.sh --base
	@$(S)/bench.sh

demo: kernel firmware
	@$(S)/demo.sh

clean:
	rm -rf build/kernel build/kernel-debug build/kunit build/kunit-debug build/results build/selftest build/rmm-model
