#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Memory hotplug system tests: boot the base and the patched kernel on the
# test firmware with a virtio-mem device, plug and unplug memory over QMP
# under the scenarios of hotplug.scenarios, and assert what the kernel and
# the test init printed and what the firmware's ledger saw at power-off.
#
#   tests/hotplug/run.sh [NAME...]      all scenarios, or only those named
#
# Environment: KOBJ (patched kernel objdir, default build/kernel), FW
# (firmware build dir, default build/rmm-model: 'make firmware', which also
# builds the test init), SCENARIOS (the table). Logs: build/hotplug/NAME.log
# (kernel console + QMP actions) and NAME.fw.log (firmware console, ledger).
# DEBUG=1 KOBJ=build/kernel-debug (tests/debug.sh): the debug kernel, logs in
# build/hotplug-debug, a kmemleak scan before power-off, and any lockdep,
# KASAN, UBSAN, kmemleak, WARNING or BUG report fails its row (tests/lib.sh).
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"
. "$(dirname "$0")/../lib.sh"

HERE=$TOP/tests/hotplug
SCENARIOS=${SCENARIOS:-$HERE/hotplug.scenarios}
FW=${FW:-$BUILD/rmm-model}
OUT=$BUILD/hotplug
RESULT_NAME=hotplug KMEMLEAK=
# Boots side by side, as in the other boot tests: the 20 rows take 81 s
# where one after the other took 125 s (tests/debug.sh runs its debug rows
# one at a time: each already keeps both CPUs busy).
JOBS=${JOBS:-2}
if [ "${DEBUG:-0}" = 1 ]; then
	# A debug kernel onlines a block in more than the init's default 2 s
	# quiet time when a second boot runs beside it: wait 6 s before a step
	# whose memory stays offline counts as refused.
	OUT=$BUILD/hotplug-debug RESULT_NAME=debug-hotplug KMEMLEAK=" initkmemleak=1 initmemquiet=6000"
fi

# Sizes (bytes) the expected values are computed from; see hotplug.scenarios.
# (used by name in the table's $((...)))
# shellcheck disable=SC2034
{
	L1=131072
	TRK=262144
	BOOT=131072
	BOOT4=393216
}


# Evaluate every $((EXPR)) of a field (digits, + - * / ( ) and the names
# above).
expand() {
	local s=$1 e v re='\$\(\(([-+*/() 0-9A-Z_]+)\)\)'
	while [[ $s =~ $re ]]; do
		e=${BASH_REMATCH[1]}
		v=$((e)) || die "bad expression '$e'"
		s=${s/"${BASH_REMATCH[0]}"/$v}
	done
	printf '%s' "$s"
}

# After every "+0 MiB" step the kernel must be back at its boot MemTotal
# (with memory plugged at boot: at the first "+0 MiB" step's).
check_memtotal() {
	local name=$1 file=$2 start=$3 boot bad
	if [ "${start:-0}" -eq 0 ]; then
		boot=$(grep -aoE 'mem block [0-9]+ MiB, MemTotal [0-9]+' "$file" | sed -n 1p | sed 's/.* //')
	else
		boot=$(grep -aE 'mem step [0-9]+: present \+0 MiB' "$file" | sed -n 1p | grep -oE 'MemTotal [0-9]+' | sed 's/.* //')
	fi
	[ -n "$boot" ] || { info "     $name: no boot MemTotal from the init"; return 1; }
	bad=$(grep -aE 'mem step [0-9]+: present \+0 MiB' "$file" | grep -cv "MemTotal $boot kB")
	[ "$bad" -eq 0 ] || { info "     $name: $bad unplug steps did not return to MemTotal $boot kB"; return 1; }
}

# "initmem=LIST*N" -> LIST repeated N times
expand_steps() {
	local w out="" list n i r
	for w in $1; do
		if [[ $w =~ ^initmem=([0-9,]+)\*([0-9]+)$ ]]; then
			list=${BASH_REMATCH[1]} n=${BASH_REMATCH[2]} r=""
			for ((i = 0; i < n; i++)); do r+=${r:+,}$list; done
			w=initmem=$r
		fi
		out+=${out:+ }$w
	done
	printf '%s' "$out"
}

run_one() {
	local name=$1 kernel=$2 scenario=$3 start=$4 append=$5 want forbid ledger image rc=0 ok=1 t0
	local mem=2G,maxmem=8G window=0xc0000000
	want=$(expand "$6") forbid=$(expand "$7") ledger=$(expand "$8")
	# MEM=4G: 4 GiB at boot, so that ZONE_NORMAL has boot memory and the
	# kernel's own allocations do not go to memory onlined to it
	case "${9:-}" in
	*MEM=4G*) mem=4G,maxmem=10G window=0x140000000 ;;
	esac
	case "$kernel" in
	base) image=$BUILD/base-kernel/Image ;;
	patched) image=$KOBJ/arch/arm64/boot/Image ;;
	*) die "$name: unknown kernel '$kernel'" ;;
	esac
	[ -f "$image" ] || die "no $kernel kernel at $image (make kernel / make base-kernel)"
	info "     $name: ledger must show: $(sed 's/;;/, /g; s/  */ /g' <<<"$ledger")"
	rm -f "$OUT/$name.qmp"
	t0=$(date +%s)
	# initrmm=1: the init prints /sys/kernel/debug/arm_rmm/status after each step
	O=$FW FW_LOG=$OUT/$name.fw.log TIMEOUT=300 SCENARIO=$scenario \
	MEM=$mem APPEND="initrmm=1$KMEMLEAK $(expand_steps "$append")" \
		"$HERE/drive.py" "$OUT/$name.log" "$OUT/$name.qmp" vm0 -- \
		"$TOP/tools/rmm-model/run-qemu.sh" "$image" \
		-object memory-backend-ram,id=vmem0,size=4G \
		-device "virtio-mem-pci,id=vm0,memdev=vmem0,requested-size=${start:-0}M" \
		-qmp "unix:$OUT/$name.qmp,server=on,wait=off" || rc=$?
	rm -f "$OUT/$name.qmp"
	[ "$rc" -eq 0 ] || { info "     $name: QEMU exited with $rc"; ok=0; }
	check "$name" "$OUT/$name.log" has \
		"smp: Brought up 1 node, 4 CPUs;;virtio_mem virtio0: start address: $window;;rmm-model-test-init: mem steps done;;reboot: Power down" || ok=0
	check "$name" "$OUT/$name.log" lacks "Kernel panic;;Unable to handle;;GRANULE PROTECTION;;TIMEOUT;;QMP FAILED;;BUG:;;WARNING:" || ok=0
	check_memtotal "$name" "$OUT/$name.log" "$start" || ok=0
	check "$name" "$OUT/$name.log" has "$want" || ok=0
	check "$name" "$OUT/$name.log" lacks "$forbid" || ok=0
	check "$name" "$OUT/$name.fw.log" has "rmm-ledger: event=end;;$ledger" || ok=0
	debug_check "$name" "$OUT/$name.log" ${KMEMLEAK:+kmemleak} || ok=0
	if [ "$ok" -eq 1 ]; then
		info "ok   $name ($kernel${scenario:+, $scenario}; $(( $(date +%s) - t0 ))s)"
	else
		info "FAIL $name ($kernel${scenario:+, $scenario}; $(( $(date +%s) - t0 ))s)"
	fi
	[ "$ok" -eq 1 ]
}

main() {
	local line f name t0 names=() passed=0 failed=0
	[ -f "$FW/fw.bin" ] && [ -f "$FW/initramfs.cpio" ] || die "no firmware in $FW: run 'make firmware'"
	grep -aq initmem= "$FW/initramfs.cpio" || die "$FW/initramfs.cpio predates initmem=: run 'make firmware'"
	mkdir -p "$OUT"
	t0=$(date +%s)
	say "$RESULT_NAME: virtio-mem plug/unplug on the test firmware ($(grep -c '^[^#]' "$SCENARIOS") scenarios, kernel ${KOBJ#"$TOP"/}, $JOBS at a time)"
	while IFS= read -r line; do
		case "$line" in ''|'#'*) continue ;; esac
		IFS='|' read -r -a f <<<"$line"
		name=$(trim "${f[0]}")
		if [ $# -gt 0 ] && ! grep -qxF "$name" < <(printf '%s\n' "$@"); then
			continue
		fi
		names+=("$name")
		start_row "$name" run_one "$name" "$(trim "${f[1]}")" "$(trim "${f[2]}")" \
			"$(trim "${f[3]}")" "$(trim "${f[4]}")" "${f[5]:-}" "${f[6]:-}" "${f[7]:-}" \
			"${f[8]:-}"
	done <"$SCENARIOS"
	wait
	report_rows "${names[@]}"
	record "$RESULT_NAME" "$passed" "$failed"
	echo "$RESULT_NAME: $passed passed, $failed failed ($(( $(date +%s) - t0 ))s)"
	[ "$failed" -eq 0 ]
}

main "$@"
