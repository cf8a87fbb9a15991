#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Reserved-memory boot tests: boot the patched kernel with device trees made
# by tools/dtgen from QEMU virt's own DT (regions of every kind, malformed
# nodes, /memreserve/ traps, node_init failures) and require the KUnit
# suites, of_reserved_mem_boot among them, to pass on each: every region is
# checked against the live DT it was booted with.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

DT=$BUILD/rmem-dt
OUT=$BUILD/rmem-boot
DTBS=(plain seed1 seed2 seed3 malformed fix-a fix-b fix-c)

boot() {	# boot NAME: console in $OUT/NAME.log
	timeout 300 qemu-system-aarch64 -M virt,gic-version=3,virtualization=on \
		-cpu max,pauth-impdef=on -smp 2 -m 2G -nographic -nodefaults \
		-serial stdio -kernel "$KOBJ/arch/arm64/boot/Image" -dtb "$DT/$1.dtb" \
		-append "console=ttyAMA0 kunit.enable=1 kunit_shutdown=reboot" \
		-no-reboot </dev/null >"$OUT/$1.log" 2>&1
}

main() {
	local n passed=0 failed=0 totals
	[ -f "$KOBJ/arch/arm64/boot/Image" ] || die "no kernel: run 'make kernel'"
	mkdir -p "$OUT"
	sh "$TOP/tests/rmem/gen.sh" "$DT" >"$OUT/gen.log" 2>&1 ||
		{ cat "$OUT/gen.log"; die "cannot generate the test device trees"; }
	say "rmem: booting the patched kernel with ${#DTBS[@]} generated device trees"
	for n in "${DTBS[@]}"; do
		boot "$n"
		totals=$(grep -a '# Totals:' "$OUT/$n.log" | tail -n 1 | sed 's/.*# Totals: //')
		if [ -n "$totals" ] && ! grep -aq '^ *not ok' "$OUT/$n.log" &&
		   grep -aq 'ok [0-9]* of_reserved_mem_boot' "$OUT/$n.log" &&
		   ! grep -aqE 'Kernel panic|Unable to handle|Internal error' "$OUT/$n.log"; then
			passed=$((passed + 1))
			info "ok   $n ($totals)"
		else
			failed=$((failed + 1))
			info "FAIL $n (${totals:-no KUnit totals}; log ${OUT#"$TOP"/}/$n.log)"
			grep -a -B3 '^ *not ok' "$OUT/$n.log" | head -n 20 | sed 's/^/         /'
		fi
	done
	record rmem-dt "$passed" "$failed"
	echo "rmem-dt: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main "$@"
