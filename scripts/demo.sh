#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# 'make demo': boot the patched kernel in QEMU and show what the series does.
# Until the test firmware exists this boots on QEMU's own firmware (no RME,
# no RMM, SMCCC 1.0) and runs our KUnit suites against the fake RMM.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

main() {
	local log=$KOBJ/test.log out=$BUILD/demo.log rc=0
	say "demo: booting Linux $(cat "$KOBJ/include/config/kernel.release") on QEMU virt (-cpu max, EL2) with kunit.enable=1"
	RESULTS=$BUILD/demo-results "$TOP/scripts/kunit.sh" >"$out" 2>&1 || rc=$?
	say "demo: what the kernel said at boot"
	# Up to the first KUnit output: the boot of the real system.
	sed -n '/KTAP version/q; p' "$log" |
		grep -E 'Linux version|psci: (PSCIv|SMC Calling)|started at EL2|kvm \[[0-9]+\]: (VHE|Hyp|Protected|nVHE)|RMI:' |
		sed 's/^/    /' || true
	info "(no 'RMI:' line: QEMU's own firmware has neither RME nor an RMM; the test firmware will)"
	say "demo: KUnit suites of the series (fake RMM through KUnit static stubs)"
	grep -E '^\[[0-9:]+\] (=|\[)' "$out" | sed 's/^\[[0-9:]*\] //; s/^/    /'
	grep -E '^kunit: ' "$out" | tail -n 1 | sed 's/^/    /'
	say "demo: the kernel powered off; console log: ${log#"$TOP"/}"
	return "$rc"
}

main "$@"
