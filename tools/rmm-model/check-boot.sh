#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boot smoke tests of the firmware (needs fw.bin, initramfs.cpio and
# payload.bin built: make -C tools/rmm-model).
#
#   check-boot.sh KERNEL
#
# With the real kernel:
# 1. plain boot: 4 CPUs up, /init powers off through PSCI SYSTEM_OFF, the
#    firmware prints its ledger;
# 2. initaction=reboot: PSCI SYSTEM_RESET and its ledger; gpt=host boot;
# 3. GPT self-test: the DTB page is made Realm before Linux starts; the
#    kernel's first access must be reported as a granule protection fault.
# With the NS-EL2 test payload (real SMCs for PSCI and RMI):
# 4. default scenario, 5. gpt=host;chunk=7 (host-created L1 table through
#    the SRO protocol), 6. gpt=legacy;activate_pages=3,
# 7. payload-gpf: the payload reads a delegated granule, which must fault,
# 8. coarse=1;tracking_set=on (TRACKING_SET SROs), 9. hotplug=1G with
#    -m 2G,slots=2,maxmem=4G, host_gpi=any;gpt=host, 10. rmm=off,
#    11. version=1.0 (mismatch),
#    12. version=1.0-3.0, 13. profile=tf-rmm-0.9 (payload-tfrmm, -m 4G),
#    14. RMM_DEACTIVATE after host L1 tables and ACTIVATE donations
#    (payload-deactivate), 15. ... after hotplug tracking, 16. adversary
#    reclaim lists (reclaim_bogus, reclaim_twice). The payload also checks that the EL3 reservation
#    service refuses the non-secure world and asks for the ledger by SiP SMC.
# Logs stay in $O/check-*.log. Prints "check-boot: N passed, N failed".
set -u

here=$(cd "$(dirname "$0")" && pwd)
: "${O:=$here/../../build/rmm-model}"
export O
kernel=${1:?usage: $0 KERNEL}
pass=0
fail=0

expect() {	# expect NAME FILE PATTERN
	if grep -a -q -- "$3" "$2"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "check-boot: $1: '$3' not in $2"
	fi
}

boot() {	# boot NAME [env...]
	name=$1
	shift
	env FW_LOG="$O/check-$name.fw.log" TIMEOUT=${TIMEOUT:-180} "$@" \
		nice "$here/run-qemu.sh" "$kernel" </dev/null \
		>"$O/check-$name.log" 2>&1
	echo "check-boot: $name: qemu exit $?"
}

boot plain
expect plain "$O/check-plain.log" "smp: Brought up 1 node, 4 CPUs"
expect plain "$O/check-plain.log" "psci: PSCIv1.1 detected in firmware."
expect plain "$O/check-plain.log" "rmm-model-test-init: power off"
expect plain "$O/check-plain.log" "rmm-model-test-init: cpus online 0-3"
expect plain "$O/check-plain.log" "reserved mem: .*rmm-model@"
expect plain "$O/check-plain.fw.log" "rmm-model: SYSTEM_OFF"
expect plain "$O/check-plain.fw.log" "rmm-ledger: event=end"

# SYSTEM_RESET: /init restarts, -no-reboot makes QEMU exit
env FW_LOG="$O/check-reset.fw.log" TIMEOUT=${TIMEOUT:-180} \
	APPEND=initaction=reboot nice "$here/run-qemu.sh" "$kernel" -no-reboot \
	</dev/null >"$O/check-reset.log" 2>&1
echo "check-boot: reset: qemu exit $?"
expect reset "$O/check-reset.fw.log" "rmm-model: SYSTEM_RESET"
expect reset "$O/check-reset.fw.log" "rmm-ledger: event=begin .* reason=system_reset"

boot host SCENARIO="gpt=host"
expect host "$O/check-host.fw.log" "gpt=host"
expect host "$O/check-host.fw.log" "rmm-model: SYSTEM_OFF"

boot gpf SCENARIO="boot_realm=0x40000000"
expect gpf "$O/check-gpf.fw.log" "GRANULE PROTECTION FAULT"
expect gpf "$O/check-gpf.fw.log" "GPF PA=0x40000"
expect gpf "$O/check-gpf.log" "GRANULE PROTECTION FAULT"

payload() {	# payload NAME SCENARIO [APPEND [MEM]]
	env FW_LOG="$O/check-$1.fw.log" TIMEOUT=${TIMEOUT:-180} INITRD=none \
		MEM="${4:-2G}" \
		SCENARIO="$2" APPEND="${3:-}" \
		nice "$here/run-qemu.sh" "$O/payload.bin" </dev/null \
		>"$O/check-$1.log" 2>&1
	echo "check-boot: $1: qemu exit $?"
}

payload pl-plat ""
expect pl-plat "$O/check-pl-plat.log" "payload: [0-9]* passed, 0 failed"
payload pl-host "gpt=host;chunk=7"
expect pl-host "$O/check-pl-host.log" "payload: [0-9]* passed, 0 failed"
expect pl-host "$O/check-pl-host.log" "ok   GPT_L1_CREATE (host)"
expect pl-host "$O/check-pl-host.fw.log" "l1_created=1"
payload pl-legacy "gpt=legacy;activate_pages=3"
expect pl-legacy "$O/check-pl-legacy.log" "payload: [0-9]* passed, 0 failed"
expect pl-plat "$O/check-pl-plat.log" "ok   RMM_RESERVE_MEMORY from NS -> -1"
expect pl-plat "$O/check-pl-plat.fw.log" "rmm-ledger: event=begin format=1 seq=1 reason=sip"
expect pl-plat "$O/check-pl-plat.fw.log" "rmm-ledger: resv_ns_calls=2 "
expect pl-plat "$O/check-pl-plat.fw.log" "rmm-ledger: event=end seq=2"
payload pl-gpf "" payload-gpf
expect pl-gpf "$O/check-pl-gpf.log" "GPF PA=0x91000000 (non-secure PAS, GPI 0xb)"
expect pl-gpf "$O/check-pl-gpf.fw.log" "rmm-ledger: event=begin .* reason=gpf"
expect pl-gpf "$O/check-pl-gpf.fw.log" "rmm-ledger: .*gpf=1 "
payload pl-coarse "coarse=1;tracking_set=on" payload-coarse
expect pl-coarse "$O/check-pl-coarse.log" "payload: [0-9]* passed, 0 failed"
expect pl-coarse "$O/check-pl-coarse.log" "ok   TRACKING_SET(COARSE) done"
expect pl-coarse "$O/check-pl-coarse.fw.log" "tracking_set_fine=1 tracking_set_coarse=1"
payload pl-hotplug "hotplug=1G" payload-hotplug 2G,slots=2,maxmem=4G
expect pl-hotplug "$O/check-pl-hotplug.log" "payload: [0-9]* passed, 0 failed"
expect pl-hotplug "$O/check-pl-hotplug.log" "ok   DELEGATE hotplug granules"
expect pl-coarse "$O/check-pl-coarse.fw.log" "host memory GPI NS"
payload pl-any "host_gpi=any;gpt=host;chunk=5"
expect pl-any "$O/check-pl-any.log" "payload: [0-9]* passed, 0 failed"
expect pl-any "$O/check-pl-any.fw.log" "host memory GPI ANY"
payload pl-normm "rmm=off"
expect pl-normm "$O/check-pl-normm.log" "payload: no RMM"
expect pl-normm "$O/check-pl-normm.log" "payload: [0-9]* passed, 0 failed"
expect pl-normm "$O/check-pl-normm.fw.log" "rmi_calls=0 rmi_errors=0 rmi_unknown=4"
payload pl-ver10 "version=1.0"
expect pl-ver10 "$O/check-pl-ver10.log" "RMI version mismatch: RMM implements 0x10000..0x10000"
expect pl-ver10 "$O/check-pl-ver10.log" "payload: [0-9]* passed, 0 failed"
payload pl-ver13 "version=1.0-3.0"
expect pl-ver13 "$O/check-pl-ver13.log" "payload: [0-9]* passed, 0 failed"
expect pl-ver13 "$O/check-pl-ver13.log" "ok   RMI_VERSION 2.0"

payload pl-tfrmm "profile=tf-rmm-0.9" payload-tfrmm 4G
expect pl-tfrmm "$O/check-pl-tfrmm.log" "payload: [0-9]* passed, 0 failed"
expect pl-tfrmm "$O/check-pl-tfrmm.log" "ok   tf-rmm: CONFIG_SET above 3 GiB of RAM -> ERROR_INPUT"
expect pl-tfrmm "$O/check-pl-tfrmm.fw.log" "rmm-ledger: profile=tf-rmm-0.9 deactivated=0"
expect pl-tfrmm "$O/check-pl-tfrmm.fw.log" "rmi_errors=[0-9]* rmi_unknown=4"
payload pl-deact "gpt=host;activate_pages=3;chunk=7" payload-deactivate
expect pl-deact "$O/check-pl-deact.log" "payload: [0-9]* passed, 0 failed"
expect pl-deact "$O/check-pl-deact.log" "ok   nothing outstanding after DEACTIVATE"
expect pl-deact "$O/check-pl-deact.fw.log" "rmm-ledger: profile=default deactivated=1"
expect pl-deact "$O/check-pl-deact.fw.log" "l1_created=1 l1_destroyed=1"
payload pl-deacthot "hotplug=1G" "payload-hotplug payload-deactivate" \
	2G,slots=2,maxmem=4G
expect pl-deacthot "$O/check-pl-deacthot.log" "payload: [0-9]* passed, 0 failed"
expect pl-deacthot "$O/check-pl-deacthot.fw.log" "bytes_outstanding=0"
payload pl-adv "gpt=host;activate_pages=2;adversary=reclaim_bogus,reclaim_twice" \
	payload-deactivate
expect pl-adv "$O/check-pl-adv.log" "payload: [0-9]* passed, 0 failed"
expect pl-adv "$O/check-pl-adv.fw.log" "rmm-ledger: adversary=reclaim_bogus,reclaim_twice "
expect pl-adv "$O/check-pl-adv.fw.log" "rmm-ledger: bogus_reclaimed=1 bogus_donated=0 bogus_delegated=0 dup_reclaimed=1 bogus_pages=0"

echo "check-boot: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
