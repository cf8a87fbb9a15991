#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: RMI calls the patched kernel makes at boot, against the lower
# bound the memory layout allows, and the memory it donates against the
# architectural minimum. Boots on the test firmware; writes $BENCH_OUT/rmi.md.
#
# Lower bound, for RAM of S GiB at 1 GiB (QEMU virt), L0 GPT regions of
# 1 GiB, the firmware's carve-out in the top region:
#   VERSION 1 + FEATURES 5 (FR0..FR4) + CONFIG_SET 1 + ACTIVATE 1
#   + GRANULE_TRACKING_GET: one per run of equal tracking (1 here)
#   + GPT_INFO: one per L0 region holding memory (S), or without GPT_INFO
#     (legacy) one GPT_L1_CREATE per region instead
#   + per L1 table the host must create (host mode: S - 1, the carve-out's
#     region has a firmware table): GPT_L1_CREATE + OP_MEM_DONATE +
#     OP_CONTINUE (one donation of the whole table, then completion).
# Architectural minimum donation: one L1 table per 1 GiB region with 4 KiB
# granules and 4-bit GPIs: 2^18 granules * 4 bits = 128 KiB.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

BENCH_OUT=${BENCH_OUT:-$BUILD/bench}
FW=$BUILD/rmm-model
IMAGE=$KOBJ/arch/arm64/boot/Image
LAYOUTS=("plat 2" "host 2" "legacy 2" "plat 8" "host 8" "legacy 8")

ledger() {	# ledger KEY FILE: the ledger's last value of KEY
	grep -ao "rmm-ledger: .*\b$1=[0-9]*" "$2" | tail -n 1 | sed "s/.*\b$1=//"
}

main() {
	local l mode gib lb calls donated min fwlog log ratio status=0
	[ -f "$IMAGE" ] && [ -f "$FW/fw.bin" ] || die "rmi bench: needs make kernel firmware"
	mkdir -p "$BENCH_OUT/rmi"
	{
		echo "### RMI calls at boot and donated memory"
		echo
		echo "| GPT mode | RAM | RMI calls | lower bound | ratio | L1 tables created | donated | architectural minimum |"
		echo "|---|---|---|---|---|---|---|---|"
	} >"$BENCH_OUT/rmi.md"
	for l in "${LAYOUTS[@]}"; do
		read -r mode gib <<<"$l"
		fwlog=$BENCH_OUT/rmi/$mode-$gib.fw.log log=$BENCH_OUT/rmi/$mode-$gib.log
		O=$FW FW_LOG=$fwlog TIMEOUT=300 SCENARIO="gpt=$mode" MEM=${gib}G \
			"$TOP/tools/rmm-model/run-qemu.sh" "$IMAGE" </dev/null >"$log" 2>&1
		grep -aq 'RMI: available' "$log" || { warn "rmi bench: $mode ${gib}G: RMI not available (${log#"$TOP"/})"; status=1; continue; }
		lb=$((8 + 1 + gib))
		[ "$mode" != host ] || lb=$((lb + 3 * (gib - 1)))
		calls=$(ledger rmi_calls "$fwlog")
		donated=$(ledger bytes_donated "$fwlog")
		min=0
		[ "$mode" != host ] || min=$(((gib - 1) * 128 * 1024))
		ratio=$(awk -v a="$calls" -v b="$lb" 'BEGIN { printf "%.2f", a / b }')
		printf '| %s | %s GiB | %s | %s | %s | %s | %s KiB | %s KiB |\n' "$mode" "$gib" \
			"$calls" "$lb" "$ratio" "$(ledger l1_created "$fwlog")" \
			"$((donated / 1024))" "$((min / 1024))" >>"$BENCH_OUT/rmi.md"
		info "rmi: $mode ${gib}G: $calls RMI calls (lower bound $lb, ratio $ratio), $((donated / 1024)) KiB donated (minimum $((min / 1024)) KiB)"
	done
	echo >>"$BENCH_OUT/rmi.md"
	echo "Target: ratio 1.00 in every mode; donated == architectural minimum." >>"$BENCH_OUT/rmi.md"
	return "$status"
}

main "$@"
