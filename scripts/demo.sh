#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# 'make demo': boot the patched kernel in QEMU and show what the series does.
# Until the test firmware exists this boots on QEMU's own firmware and runs
# our KUnit suites against the fake RMM.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

main() {
	local log=$KOBJ/test.log
	say "demo: booting Linux $(cat "$KOBJ/include/config/kernel.release") on QEMU virt (-cpu max, EL2)"
	"$TOP/scripts/kunit.sh" >"$BUILD/demo.log" 2>&1 || true
	say "demo: what the kernel said about the RMM"
	grep -E 'arm_rmm|RMI|RME|Booting Linux|CPU features' "$log" | sed 's/^/    /' | head -n 20 || true
	say "demo: KUnit suites of the series (fake RMM through static stubs)"
	sed -n '/=====/,$p' "$BUILD/demo.log" | sed 's/^\[[0-9:]*\] //; s/^/    /' | head -n 60
	grep -E '^kunit: ' "$BUILD/demo.log" | sed 's/^/    /'
	say "demo: the kernel powered off; full console log: ${log#"$TOP"/}"
}

main "$@"
