#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# System tests: boot the base and the patched kernel on the test firmware
# (FEAT_RME on, real GPT, RMM model) under the scenarios of boot.scenarios,
# and assert both what the kernel printed and what the firmware's ledger saw.
#
#   tests/system/run.sh [NAME...]      all scenarios, or only those named
#
# DEBUG=1 KOBJ=build/kernel-debug (tests/debug.sh): the patched rows on the
# debug kernel, a kmemleak scan before power-off, and any lockdep, KASAN,
# UBSAN, kmemleak, WARNING or BUG report fails its row (tests/lib.sh).
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"
. "$(dirname "$0")/../lib.sh"

HERE=$TOP/tests/system
SCENARIOS=${SCENARIOS:-$HERE/boot.scenarios}
FW=$BUILD/rmm-model
OUT=$BUILD/system
RESULT_NAME=system KMEMLEAK=
if [ "${DEBUG:-0}" = 1 ]; then
	OUT=$BUILD/system-debug RESULT_NAME=debug-system KMEMLEAK=" initkmemleak=1"
fi
# Boots run side by side, each QEMU on its own core (TCG is single threaded
# per vCPU, and most of a boot is one CPU's work).
JOBS=${JOBS:-$(nproc)}

run_one() {
	local name=$1 kernel=$2 scenario=$3 want=$4 forbid=$5 ledger=$6 env=$7 image rc=0 ok=1
	local append=initrmm=1 w
	case "$kernel" in
	base) image=$BUILD/base-kernel/Image ;;
	patched) image=$KOBJ/arch/arm64/boot/Image ;;
	*) die "$name: unknown kernel '$kernel'" ;;
	esac
	[ -f "$image" ] || die "no $kernel kernel at ${image#"$TOP"/} (make kernel / make bisect)"
	# KARGS=a,b: more kernel command line words
	for w in $env; do
		case "$w" in KARGS=*) append+=" ${w#KARGS=}" ;; esac
	done
	append=${append//,/ }
	# shellcheck disable=SC2086 # $env: words like MEM=8G
	# initrmm=1: the init prints /sys/kernel/debug/arm_rmm/status ("arm_rmm boot: ...")
	env O="$FW" FW_LOG="$OUT/$name.fw.log" TIMEOUT=300 SCENARIO="$scenario" APPEND="$append$KMEMLEAK" $env \
		"$TOP/tools/rmm-model/run-qemu.sh" "$image" </dev/null >"$OUT/$name.log" 2>&1 || rc=$?
	[ "$rc" -eq 0 ] || { info "     $name: QEMU exited with $rc"; ok=0; }
	check "$name" "$OUT/$name.log" has \
		"smp: Brought up 1 node, 4 CPUs;;rmm-model-test-init: cpus online 0-3;;reboot: Power down" || ok=0
	check "$name" "$OUT/$name.log" lacks "Kernel panic;;Unable to handle;;GRANULE PROTECTION" || ok=0
	check "$name" "$OUT/$name.log" has "$want" || ok=0
	check "$name" "$OUT/$name.log" lacks "$forbid" || ok=0
	check "$name" "$OUT/$name.fw.log" has "rmm-ledger: event=end;;$ledger" || ok=0
	debug_check "$name" "$OUT/$name.log" ${KMEMLEAK:+kmemleak} || ok=0
	if [ "$ok" -eq 1 ]; then
		info "ok   $name ($kernel${scenario:+, $scenario})"
	else
		info "FAIL $name ($kernel${scenario:+, $scenario})"
	fi
	[ "$ok" -eq 1 ]
}

main() {
	local line f name names=() passed=0 failed=0
	[ -f "$FW/fw.bin" ] || die "no firmware: run 'make firmware'"
	mkdir -p "$OUT"
	say "$RESULT_NAME: boots on the test firmware ($(grep -c '^[^#]' "$SCENARIOS") scenarios${*:+, $# selected}, kernel ${KOBJ#"$TOP"/}, $JOBS at a time)"
	while IFS= read -r line; do
		case "$line" in ''|'#'*) continue ;; esac
		IFS='|' read -r -a f <<<"$line"
		name=$(trim "${f[0]}")
		if [ $# -gt 0 ] && ! grep -qxF "$name" < <(printf '%s\n' "$@"); then
			continue
		fi
		# the debug lens is for the patched kernel: base rows are not its
		[ "${DEBUG:-0}" != 1 ] || [ "$(trim "${f[1]}")" != base ] || continue
		names+=("$name")
		start_row "$name" run_one "$name" "$(trim "${f[1]}")" "$(trim "${f[2]}")" \
			"${f[3]:-}" "${f[4]:-}" "${f[5]:-}" "$(trim "${f[6]:-}")"
	done <"$SCENARIOS"
	wait
	report_rows "${names[@]}"
	record "$RESULT_NAME" "$passed" "$failed"
	echo "$RESULT_NAME: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main "$@"
