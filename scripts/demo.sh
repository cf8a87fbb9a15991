#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# 'make demo': boot the patched kernel in QEMU and show what the series does.
#  1. One boot on our EL3 test firmware (tools/rmm-model): FEAT_RME on
#     (-cpu max,x-rme=on), a real GPT, the RMM model in host GPT mode
#     answering real SMCs; a device tree with 1000 static + 1000 dynamic
#     reserved regions (tools/dtgen); a virtio-mem device of which 1 GiB is
#     plugged and onlined to ZONE_MOVABLE (no RMI work), unplugged, then
#     plugged and onlined to a kernel zone (made realm-ready) and unplugged
#     again (given back), over QMP while Linux runs. The report puts what
#     the kernel said next to what the firmware saw.
#  2. The KUnit suites of the series (fake RMM through static stubs).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

FW=$BUILD/rmm-model
OUT=$BUILD/demo
NSTATIC=${NSTATIC:-1000}
NDYNAMIC=${NDYNAMIC:-1000}
# Host GPT mode: the kernel creates the L1 tables with donated memory
# (SROs); the hotplug window above the boot RAM is unknown to the RMM until
# the kernel asks for it; the firmware prints its totals after each change.
SCENARIO=${SCENARIO:-gpt=host;hotplug=6G;snapshots=on}
# 4 GiB at boot, so that ZONE_NORMAL has boot memory: memory onlined to it
# can then be unplugged again
MEM=4G,maxmem=10G
MACHINE=virt,secure=on,virtualization=on,gic-version=3
CPU=max,x-rme=on,pauth-impdef=on

make_dt() {
	say "demo: device tree: QEMU virt's own plus $NSTATIC static and $NDYNAMIC dynamic reserved regions (tools/dtgen)"
	# With the firmware on the command line, as at boot: QEMU leaves out the
	# devices it gives to the secure world.
	qemu-system-aarch64 -M "$MACHINE,dumpdtb=$OUT/virt.dtb" -cpu "$CPU" -smp 4 -m "$MEM" \
		-bios "$FW/fw.bin" -nographic -nodefaults >"$OUT/dumpdtb.log" 2>&1
	python3 "$TOP/tools/dtgen/dtgen.py" --seed 1 --static "$NSTATIC" --dynamic "$NDYNAMIC" \
		"$OUT/virt.dtb" "$OUT/demo.dtb"
}

boot() {
	local rc=0
	say "demo: booting Linux $(cat "$KOBJ/include/config/kernel.release") on the test firmware" \
	    "(4 CPUs, 4 GiB + virtio-mem, scenario '$SCENARIO'); plugging 1 GiB to ZONE_MOVABLE," \
	    "unplugging it, plugging 1 GiB to a kernel zone, unplugging it"
	rm -f "$OUT/qmp"
	O=$FW FW_LOG=$OUT/firmware.log TIMEOUT=300 SCENARIO=$SCENARIO MEM=$MEM \
	APPEND="initonline=movable,movable,kernel,kernel initrmm=1 initmem=1024,0,1024,0 kunit.enable=1 kunit.filter_glob=of_reserved_mem_boot" \
		"$TOP/tests/hotplug/drive.py" "$OUT/kernel.log" "$OUT/qmp" vm0 -- \
		"$TOP/tools/rmm-model/run-qemu.sh" "$KOBJ/arch/arm64/boot/Image" \
		-dtb "$OUT/demo.dtb" \
		-object memory-backend-ram,id=vmem0,size=4G \
		-device virtio-mem-pci,id=vm0,memdev=vmem0,requested-size=0M \
		-qmp "unix:$OUT/qmp,server=on,wait=off" &
	local pid=$! t=0
	while kill -0 "$pid" 2>/dev/null; do
		sleep 5
		t=$((t + 5))
		kill -0 "$pid" 2>/dev/null || break
		info "$t s: $(grep -ac . "$OUT/kernel.log" 2>/dev/null || echo 0) console lines; last: $(tail -n 1 "$OUT/kernel.log" 2>/dev/null | tr -d '\r' | cut -c1-70)"
	done
	wait "$pid" || rc=$?
	rm -f "$OUT/qmp"
	[ "$rc" -eq 0 ] || warn "QEMU exited with $rc (logs: ${OUT#"$TOP"/}/kernel.log, firmware.log)"
	return "$rc"
}

# k PATTERN: the kernel's lines matching PATTERN, without timestamps.
k() { tr -d '\r' <"$OUT/kernel.log" | grep -aE "$1" | sed 's/^\[ *[0-9.]*\] //' || true; }
# dbg WHEN KEY: the value of KEY in /sys/kernel/debug/arm_rmm/status as the init
# printed it at WHEN ("boot", "step 1", ...).
dbg() { k "rmm-model-test-init: arm_rmm $1: $2: " | sed "s/.*: $2: //" | tail -n 1; }
# dbg_ranges WHEN: the ranges of ready memory, each with its zone.
dbg_ranges() { k "rmm-model-test-init: arm_rmm $1:   0x[0-9a-f]+-0x[0-9a-f]+ [A-Za-z0-9]+$" | sed 's/.*:   //'; }
# new_ranges WHEN: the ranges of ready memory at WHEN that were not at boot.
new_ranges() { comm -13 <(dbg_ranges boot | sort) <(dbg_ranges "$1" | sort); }
# held N: what the RMM held after the firmware's Nth change ("rmm-snapshot:").
held() { grep -a 'rmm-snapshot:' "$OUT/firmware.log" | tr -d '\r' | sed -n "$1p" | sed 's/.* held=//'; }
# ledger KEY: the firmware's final value of KEY.
ledger() { grep -ao "rmm-ledger: .*\b$1=[0-9]*" "$OUT/firmware.log" | tail -n 1 | sed "s/.*\b$1=//"; }

report() {
	local st dy dst ddy ok=1
	say "demo: the firmware"
	grep -E 'rmm-model: (EL3|scenario|carve-out|GPT on|entering)' "$OUT/firmware.log" | sed 's/^/    /'

	say "demo: RMI version and features, as the kernel found and used them"
	k 'RMI: (version|RMM activated|no RMM)' | sed 's/^/    /'
	k 'RMI: available' | sed 's/, / | /g; s/^/    /'
	info "(feature registers: RMI_FEATURES read $(grep -ao 'cmd=features [^ ]* calls=[0-9]*' "$OUT/firmware.log" | sed 's/.*calls=//') times)"

	say "demo: memory verified and L1 tables (firmware ledger at boot)"
	info "memory is split by the no-map regions: one GRANULE_TRACKING_GET per range of it"
	info "GRANULE_TRACKING_GET calls: $(grep -ao 'cmd=tracking_get [^ ]* calls=[0-9]*' "$OUT/firmware.log" | sed 's/.*calls=//'), GPT_INFO calls: $(grep -ao 'cmd=gpt_info [^ ]* calls=[0-9]*' "$OUT/firmware.log" | sed 's/.*calls=//')"
	grep -a 'rmm-snapshot:' "$OUT/firmware.log" | sed -n '1,3s/^/    at boot: /p'
	info "the kernel's view (/sys/kernel/debug/arm_rmm/status): available: $(dbg boot available)," \
	     "$(dbg_ranges boot | wc -l) ranges ready, $(dbg boot ready_memory_bytes) bytes," \
	     "$(dbg boot host_l1_tables) host L1 tables, $(dbg boot donated_bytes) bytes donated; the first ranges:"
	dbg_ranges boot | sed -n '1,3s/^/      /p'
	[ "$(dbg boot available)" = yes ] && [ "$(dbg boot donated_bytes)" = "$(held 3)" ] || ok=0

	say "demo: reserved memory (/reserved-memory of the DT against what the kernel registered)"
	st=$(k 'OF: reserved mem: .* static[0-9]+@' | wc -l)
	dy=$(k 'OF: reserved mem: .* dynamic[0-9]+$' | wc -l)
	dst=$(fdtget -l "$OUT/demo.dtb" /reserved-memory | grep -c '^static')
	ddy=$(fdtget -l "$OUT/demo.dtb" /reserved-memory | grep -c '^dynamic')
	info "static:  $st registered of $dst in the DT"
	info "dynamic: $dy registered of $ddy in the DT"
	k 'too many|cannot resize|not registered' | sed -n '1,3s/^/    /p'
	k '(ok|not ok) [0-9]+ of_reserved_mem_boot' | sed 's/^/    KUnit, checked against the live DT: /'
	[ "$st" -eq "$dst" ] && [ "$dy" -eq "$ddy" ] || ok=0

	say "demo: KVM's verdict"
	k 'kvm \[[0-9]+\]: Realms' | sed 's/^/    /'

	say "demo: hotplug of 1 GiB onlined to ZONE_MOVABLE: it never reaches the RMM, no RMI call"
	k 'mem step [12]: present' | sed 's/rmm-model-test-init: //; s/^/    /'
	info "kernel (arm_rmm) after the plug: ranges ready since boot: $(new_ranges 'step 1' | wc -l)," \
	     "host L1 tables: $(dbg 'step 1' host_l1_tables), donated: $(dbg 'step 1' donated_bytes) bytes (as at boot)"
	[ "$(new_ranges 'step 1' | wc -l)" -eq 0 ] && [ "$(dbg 'step 1' donated_bytes)" = "$(dbg boot donated_bytes)" ] || ok=0

	say "demo: hotplug of 1 GiB onlined to a kernel zone, made realm-ready"
	k 'mem step 3: (request|present)' | sed 's/rmm-model-test-init: //; s/^/    /'
	info "$(k 'RMI: hotplug .*realm-ready' | wc -l) memory blocks made realm-ready; the first of the new L0 region:"
	k 'RMI: hotplug .*realm-ready, [1-9]' | sed 's/^/      /'
	grep -a 'rmm-snapshot:' "$OUT/firmware.log" | grep -E 'after=(tracking_fine|l1_create)' | tail -n +4 | sed 's/^/    firmware: /'
	info "kernel (arm_rmm): ranges ready since boot: $(new_ranges 'step 3' | tr '\n' ' ')|" \
	     "host L1 tables: $(dbg 'step 3' host_l1_tables), donated: $(dbg 'step 3' donated_bytes) bytes"
	[ "$(new_ranges 'step 3' | wc -l)" -eq 1 ] && [ "$(dbg 'step 3' donated_bytes)" = "$(held 5)" ] || ok=0

	say "demo: unplug, and everything given back"
	k 'mem step 4: (request|present)' | sed 's/rmm-model-test-init: //; s/^/    /'
	k 'RMI: hotplug .*offline, [1-9]' | sed 's/^/    /'
	grep -a 'rmm-snapshot:' "$OUT/firmware.log" | grep -E 'after=(tracking_coarse|l1_destroy)' | sed 's/^/    firmware: /'
	info "kernel (arm_rmm): ranges ready since boot: $(new_ranges 'step 4' | wc -l)," \
	     "host L1 tables: $(dbg 'step 4' host_l1_tables), donated: $(dbg 'step 4' donated_bytes) bytes," \
	     "reclaimed: $(dbg 'step 4' reclaimed_bytes) bytes, leaked: $(dbg 'step 4' leaked_bytes) bytes"
	[ "$(new_ranges 'step 4' | wc -l)" -eq 0 ] && [ "$(dbg 'step 4' donated_bytes)" = "$(ledger bytes_outstanding)" ] || ok=0
	info "ledger at power-off: l1_created=$(ledger l1_created) l1_destroyed=$(ledger l1_destroyed)" \
	     "bytes_donated=$(ledger bytes_donated) bytes_reclaimed=$(ledger bytes_reclaimed)" \
	     "bytes_outstanding=$(ledger bytes_outstanding) sro_open=$(ledger sro_open) rmi_errors=$(ledger rmi_errors)"
	k 'reboot: Power down' | sed 's/^/    /'
	[ "$(ledger bytes_outstanding)" = "$(dbg boot donated_bytes)" ] && [ "$(ledger sro_open)" = 0 ] || ok=0
	[ "$ok" -eq 1 ] || warn "demo: the report does not show what it should (logs in ${OUT#"$TOP"/})"
	[ "$ok" -eq 1 ]
}

kunit() {
	local out=$OUT/kunit.log rc=0
	say "demo: KUnit suites of the series (fake RMM through KUnit static stubs)"
	RESULTS=$OUT/results "$TOP/scripts/kunit.sh" >"$out" 2>&1 || rc=$?
	grep -E '^\[[0-9:]+\] =+ (\[PASSED\]|\[FAILED\]|\[SKIPPED\])' "$out" | sed 's/^\[[0-9:]*\] //; s/^/    /'
	grep -E '^kunit: ' "$out" | tail -n 1 | sed 's/^/    /'
	return "$rc"
}

main() {
	local rc=0 t0
	t0=$(date +%s)
	rm -rf "$OUT"
	mkdir -p "$OUT"
	make_dt
	boot || rc=1
	report || rc=1
	kunit || rc=1
	say "demo: done in $(( $(date +%s) - t0 )) s; logs in ${OUT#"$TOP"/}/"
	return "$rc"
}

main "$@"
