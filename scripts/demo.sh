#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# 'make demo': boot the patched kernel in QEMU and show what the series does.
#  1. On our EL3 test firmware (tools/rmm-model): FEAT_RME on, a real GPT,
#     the RMM model answering real SMCs; the kernel's RMI lines and the
#     firmware's ledger of what the kernel asked.
#  2. The KUnit suites of the series (fake RMM through static stubs).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

FW=$BUILD/rmm-model
# Host GPT mode: the kernel creates the L1 tables with donated memory (SROs).
SCENARIO=${SCENARIO:-gpt=host}

on_firmware() {
	local log=$BUILD/demo/kernel.log fwlog=$BUILD/demo/firmware.log rc=0
	mkdir -p "$BUILD/demo"
	say "demo: booting Linux $(cat "$KOBJ/include/config/kernel.release") on the test firmware" \
	    "(-cpu max,x-rme=on, 4 CPUs, 2 GiB, scenario '$SCENARIO')"
	O=$FW FW_LOG=$fwlog TIMEOUT=300 SCENARIO=$SCENARIO "$TOP/tools/rmm-model/run-qemu.sh" \
		"$KOBJ/arch/arm64/boot/Image" </dev/null >"$log" 2>&1 || rc=$?
	say "demo: the firmware"
	grep -E 'rmm-model: (EL3|carve-out|GPT on|entering)' "$fwlog" | sed 's/^/    /'
	say "demo: what the kernel said"
	grep -aE 'Linux version|reserved mem: .*rmm-model|psci: (PSCIv|SMC Calling)|smp: Brought up|started at EL2|kvm \[[0-9]+\]: (VHE|nVHE|Protected)|RMI:|Realms|cpus online|Power down' "$log" |
		sed 's/^/    /'
	say "demo: the firmware's ledger at power-off (what the kernel asked of the RMM)"
	grep '^rmm-ledger:' "$fwlog" | grep -vE 'calls=0 errors=0|event=end' | sed 's/^/    /'
	[ "$rc" -eq 0 ] || warn "QEMU exited with $rc (logs: ${log#"$TOP"/}, ${fwlog#"$TOP"/})"
	return "$rc"
}

kunit() {
	local out=$BUILD/demo/kunit.log rc=0
	say "demo: KUnit suites of the series (fake RMM through KUnit static stubs)"
	RESULTS=$BUILD/demo/results "$TOP/scripts/kunit.sh" >"$out" 2>&1 || rc=$?
	grep -E '^\[[0-9:]+\] (=|\[)' "$out" | sed 's/^\[[0-9:]*\] //; s/^/    /'
	grep -E '^kunit: ' "$out" | tail -n 1 | sed 's/^/    /'
	return "$rc"
}

main() {
	local rc=0
	on_firmware || rc=1
	kunit || rc=1
	say "demo: done; logs in build/demo/"
	return "$rc"
}

main "$@"
