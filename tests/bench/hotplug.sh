#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: time to online 1 GiB of virtio-mem memory with the RMI layer
# active (firmware gpt=host: the host sets fine tracking and creates the L1
# GPT table of the new region) against the same kernel on the firmware with
# rmm=off (no RMM: the notifier is not registered), and the memory donated
# per GiB against the architectural minimum. Writes $BENCH_OUT/hotplug.md.
#
# Both boots run in one go: $CYCLES plug/unplug cycles of 1 GiB each
# (QMP qom-set requested-size through tests/hotplug/drive.py). The test init
# onlines the new memory blocks to a kernel zone itself (initonline=kernel:
# memory onlined to ZONE_MOVABLE needs no RMI work at all) and times its
# writes to /sys/devices/system/memory/memoryN/state: that is the kernel's
# online path including the MEM_GOING_ONLINE notifier, without the device's
# plug latency. Reported: the median over the cycles, and the median of the
# end-to-end time (request to all blocks online) for reference.
#
# Architectural minimum donation: one L1 table per 1 GiB L0 region with
# 4 KiB granules and 4-bit GPIs: 2^18 granules * 4 bits = 128 KiB. Fine
# tracking state (the model asks one byte per granule, 256 KiB per GiB) is
# an RMM implementation choice and is shown separately.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

BENCH_OUT=${BENCH_OUT:-$BUILD/bench}
FW=${FW:-$BUILD/rmm-model}
IMAGE=$KOBJ/arch/arm64/boot/Image
CYCLES=${CYCLES:-7}
TARGET=1.25
L1=131072		# bytes: L1 GPT table of one 1 GiB region
BOOT_DONATED=393216	# bytes the kernel donates at boot with gpt=host, 4 GiB RAM
# 4 GiB at boot: ZONE_NORMAL has boot memory, so the kernel's own
# allocations stay out of the memory onlined to it, which can be unplugged

ledger() {	# ledger KEY FILE: the ledger's last value of KEY
	grep -ao "rmm-ledger: .*\b$1=[0-9]*" "$2" | tail -n 1 | sed "s/.*\b$1=//"
}

# EL3 time (us) of the commands a plug uses, in the ledger of FILE:
# GPT_L1_CREATE, donating, completing with OP_CONTINUE (where the model
# makes the region FINE and installs its L1 table), and the look-ups
# (TRACKING_GET, GPT_INFO). TRACKING_SET is left out: the ledger does not
# split FINE (a plug; starting it only opens the operation) from COARSE (an
# unplug, which does its work at once); so are GPT_L1_DESTROY and
# OP_MEM_RECLAIM (unplug). Slightly low: TRACKING_SET(FINE)'s start.
plug_fw_us() {
	grep -aE "rmm-ledger: cmd=(tracking_get|gpt_info|l1_create|op_mem_donate|op_continue) " "$1" |
		sed -E 's/.*time_us=([0-9]+).*/\1/' | awk '{ t += $1 } END { print t + 0 }'
}

median() {	# median of the numbers on stdin
	sort -n | awk '{ v[NR] = $1 } END { if (!NR) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# boot NAME SCENARIO [STEPS]: $CYCLES cycles (or the initmem= STEPS);
# leaves NAME.log, NAME.fw.log
boot() {
	local name=$1 scenario=$2 steps=${3:-} i
	if [ -z "$steps" ]; then
		for ((i = 0; i < CYCLES; i++)); do steps+=${steps:+,}1024,0; done
	fi
	rm -f "$BENCH_OUT/hotplug/$name.qmp"
	O=$FW FW_LOG=$BENCH_OUT/hotplug/$name.fw.log TIMEOUT=600 SCENARIO=$scenario \
	MEM=4G,maxmem=10G APPEND="initonline=kernel initmemverbose=1 initmem=$steps" \
		"$TOP/tests/hotplug/drive.py" "$BENCH_OUT/hotplug/$name.log" \
		"$BENCH_OUT/hotplug/$name.qmp" vm0 -- \
		"$TOP/tools/rmm-model/run-qemu.sh" "$IMAGE" \
		-object memory-backend-ram,id=vmem0,size=2G \
		-device virtio-mem-pci,id=vm0,memdev=vmem0,requested-size=0 \
		-qmp "unix:$BENCH_OUT/hotplug/$name.qmp,server=on,wait=off"
}

# plug_steps LOG FIELD: FIELD (online_us / settled_ms) of every 1 GiB plug
# step that onlined all of it
plug_steps() {
	grep -aoE "mem step [0-9]+: present \+1024 MiB, online \+1024 MiB, failed 0, settled_ms [0-9]+, online_us [0-9]+" "$1" |
		sed -E "s/.*settled_ms ([0-9]+), online_us ([0-9]+)/\1 \2/" |
		awk -v f="$2" '{ print (f == "settled_ms") ? $1 : $2 }'
}

# block_split LOG: per 1 GiB plug step, "SLOWEST REST" (us): the slowest
# block's online write and the sum of the other blocks' (the init's
# "online memoryN: U us" lines)
block_split() {
	awk '/mem step [0-9]+: request \+1024 MiB/ { n = 0; max = 0; sum = 0; on = 1; next }
	     on && /online memory[0-9]+: [0-9]+ us/ {
		v = $(NF - 1); sum += v; if (v > max) max = v; n++; next }
	     on && /mem step [0-9]+: present/ { if (n) print max, sum - max; on = 0 }' "$1"
}

ms() { awk -v v="$1" 'BEGIN { printf "%.1f", v / 1000 }'; }

# row LABEL NAME BOOT_DONATED BOOT_L1 MINIMUM: one line of the table
row() {
	local f=$BENCH_OUT/hotplug/$2 on e2e slow rest
	on=$(plug_steps "$f.log" online_us | median)
	e2e=$(plug_steps "$f.log" settled_ms | median)
	slow=$(block_split "$f.log" | awk '{ print $1 }' | median)
	rest=$(block_split "$f.log" | awk '{ print $2 }' | median)
	printf '| %s | %s ms | %s / %s ms | %s ms | %s | %s KiB | %s |\n' "$1" "$(ms "$on")" \
		"$(ms "$slow")" "$(ms "$rest")" "$e2e" "$(( $(ledger l1_created "$f.fw.log") - $4 ))" \
		"$(( ($(ledger bytes_donated "$f.fw.log") - $3) / CYCLES / 1024 ))" "$5"
}

main() {
	local n log fwlog el3 el3_plat kratio on_rmi on_off e2e_rmi e2e_off ratio ratio_e2e donated per_gib lines verdict status=0
	[ -f "$IMAGE" ] && [ -f "$FW/fw.bin" ] || die "hotplug bench: needs make kernel firmware"
	grep -aq initmem= "$FW/initramfs.cpio" || die "hotplug bench: $FW/initramfs.cpio predates initmem=: make firmware"
	mkdir -p "$BENCH_OUT/hotplug"
	boot rmi "gpt=host;hotplug=6G" || warn "hotplug bench: RMI boot exited with $?"
	boot plat "hotplug=6G" || warn "hotplug bench: gpt=plat boot exited with $?"
	boot off "rmm=off;hotplug=6G" || warn "hotplug bench: rmm=off boot exited with $?"
	# the firmware's time at boot, to take off the cycles' boots
	boot rmi-0 "gpt=host;hotplug=6G" 0 || warn "hotplug bench: rmi-0 boot exited with $?"
	boot plat-0 "hotplug=6G" 0 || warn "hotplug bench: plat-0 boot exited with $?"
	log=$BENCH_OUT/hotplug/rmi.log fwlog=$BENCH_OUT/hotplug/rmi.fw.log
	for n in rmi plat off; do
		[ "$(plug_steps "$BENCH_OUT/hotplug/$n.log" online_us | wc -l)" -eq "$CYCLES" ] || {
			warn "hotplug bench: $n: not every 1 GiB plug came online (${BENCH_OUT#"$TOP"/}/hotplug/$n.log)"
			return 1
		}
	done
	on_rmi=$(plug_steps "$log" online_us | median)
	on_off=$(plug_steps "$BENCH_OUT/hotplug/off.log" online_us | median)
	e2e_rmi=$(plug_steps "$log" settled_ms | median)
	e2e_off=$(plug_steps "$BENCH_OUT/hotplug/off.log" settled_ms | median)
	ratio=$(awk -v a="$on_rmi" -v b="$on_off" 'BEGIN { printf "%.2f", a / b }')
	ratio_e2e=$(awk -v a="$e2e_rmi" -v b="$e2e_off" 'BEGIN { printf "%.2f", b ? a / b : 0 }')
	donated=$(( $(ledger bytes_donated "$fwlog") - BOOT_DONATED ))
	per_gib=$((donated / CYCLES))
	el3=$(( ($(plug_fw_us "$fwlog") - $(plug_fw_us "$BENCH_OUT/hotplug/rmi-0.fw.log")) / CYCLES ))
	el3_plat=$(( ($(plug_fw_us "$BENCH_OUT/hotplug/plat.fw.log") - $(plug_fw_us "$BENCH_OUT/hotplug/plat-0.fw.log")) / CYCLES ))
	kratio=$(awk -v a="$on_rmi" -v e="$el3" -v b="$on_off" 'BEGIN { printf "%.2f", (a - e) / b }')
	lines=$(grep -ac 'RMI: hotplug .*realm-ready, 1 L1 GPT tables created' "$log")
	verdict=$(awk -v r="$ratio" -v t="$TARGET" 'BEGIN { print (r <= t) ? "met" : "MISSED" }')
	[ "$lines" -eq "$CYCLES" ] || { warn "hotplug bench: $lines of $CYCLES plugs printed realm-ready with an L1 table: the RMI run did not prepare the memory"; status=1; }
	{
		echo "### Memory hotplug: onlining 1 GiB (virtio-mem)"
		echo
		echo "$CYCLES plug/unplug cycles of 1 GiB per boot, median per cycle. \"online\": the"
		echo "kernel's online path for the 8 memory blocks (sysfs writes timed by the test"
		echo "init, includes the RMI notifier); \"end to end\": QMP request to all online."
		echo
		echo "| firmware | online (median) | slowest block / other 7 (medians) | end to end (median) | L1 tables created | donated per GiB | architectural minimum |"
		echo "|---|---|---|---|---|---|---|"
		row "gpt=host (RMI active)" rmi "$BOOT_DONATED" 1 "$((L1 / 1024)) KiB"
		row "gpt=plat (firmware's L1 tables)" plat 0 0 "0 KiB"
		row "rmm=off" off 0 0 "-"
		echo
		echo "Ratio RMI / rmm=off: online $ratio (target <= $TARGET: $verdict), end to end $ratio_e2e."
		echo
		echo "Time the firmware (EL3 RMM model, emulated by QEMU TCG) spends in the RMI"
		echo "commands of a 1 GiB plug, mean over the same boot's cycles (ledger time_us of"
		echo "TRACKING_GET, GPT_INFO, GPT_L1_CREATE, OP_MEM_DONATE, OP_CONTINUE, minus a boot"
		echo "without plugs): gpt=host $(ms "$el3") ms, gpt=plat $(ms "$el3_plat") ms (the model works on whole"
		echo "64-bit GPT entries and state words, a real RMM on hardware is faster still). Without"
		echo "that time the RMI online path is $(ms $((on_rmi - el3))) ms, ratio $kratio to rmm=off."
		if [ "$per_gib" -ge "$L1" ]; then
			echo "Donated per GiB: $((per_gib / 1024)) KiB = $((L1 / 1024)) KiB L1 table (the minimum)"
			echo "+ $(( (per_gib - L1) / 1024 )) KiB fine tracking state the model asks for."
		else
			echo "Donated per GiB: $((per_gib / 1024)) KiB, less than the $((L1 / 1024)) KiB L1 table a new region needs."
		fi
		echo "Ledger after $CYCLES cycles: bytes_outstanding=$(ledger bytes_outstanding "$fwlog") (boot's: $BOOT_DONATED)."
	} >"$BENCH_OUT/hotplug.md"
	info "hotplug: online 1 GiB: RMI $on_rmi us, rmm=off $on_off us, ratio $ratio (target <= $TARGET: $verdict); end to end $e2e_rmi / $e2e_off ms; $((per_gib / 1024)) KiB donated per GiB (minimum $((L1 / 1024)) KiB); firmware time per plug $el3 us (without it: ratio $kratio)"
	return "$status"
}

main "$@"
