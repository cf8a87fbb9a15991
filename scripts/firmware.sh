#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The EL3 test firmware with its RMM model (tools/rmm-model).
#   firmware.sh build   fw.bin, payload.bin, initramfs.cpio into build/rmm-model
#   firmware.sh test    its host unit tests, then boots of the real kernel and
#                       of the test payload on it (tools/rmm-model/check-boot.sh)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

FW=$BUILD/rmm-model
export O=$FW

# counts NAME LOG: record the "NAME: N passed, N failed" line of LOG.
counts() {
	local line p f
	line=$(grep -E "^$1: [0-9]+ passed, [0-9]+ failed" "$2" | tail -n 1)
	[ -n "$line" ] || { record "$1" 0 1; echo "$1: no result line in $2"; return 1; }
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	record "$1" "$p" "$f"
	echo "$line"
	[ "$f" -eq 0 ]
}

build() {
	[ -d "$BUILD/base" ] || die "no base kernel (libfdt comes from it): run 'make base'"
	say "firmware: building tools/rmm-model into ${FW#"$TOP"/}"
	make -s -C "$TOP/tools/rmm-model" O="$FW" -j"$(nproc)" >"$LOGS/firmware.log" 2>&1 ||
		{ tail -n 30 "$LOGS/firmware.log" >&2; die "firmware build failed"; }
}

run_tests() {
	local status=0
	build
	say "firmware: host unit tests of the portable core"
	make -s -C "$TOP/tools/rmm-model" O="$FW" test >"$LOGS/firmware-unit.log" 2>&1 || status=1
	counts rmm-model "$LOGS/firmware-unit.log" || { status=1; tail -n 20 "$LOGS/firmware-unit.log"; }
	[ -f "$KOBJ/arch/arm64/boot/Image" ] || die "no kernel: run 'make kernel'"
	say "firmware: booting the kernel and the test payload on it (x-rme=on, real GPT)"
	"$TOP/tools/rmm-model/check-boot.sh" "$KOBJ/arch/arm64/boot/Image" \
		>"$LOGS/firmware-boot.log" 2>&1 || status=1
	counts check-boot "$LOGS/firmware-boot.log" || { status=1; cat "$LOGS/firmware-boot.log"; }
	say "firmware: line coverage of the portable core by its unit tests (gcov)"
	make -s -C "$TOP/tools/rmm-model" O="$FW" coverage >"$LOGS/firmware-coverage.log" 2>&1 ||
		{ status=1; tail -n 20 "$LOGS/firmware-coverage.log"; }
	grep -E '^rmm-model coverage:' "$LOGS/firmware-coverage.log" | sed 's/^/    /'
	say "firmware: the KUnit suites with kunit.py and the firmware as -bios"
	QEMU_CONFIG=$TOP/configs/qemu/arm64_rmm_model.py RESULT_NAME=kunit-on-fw \
		OUT=$BUILD/kunit-on-fw "$TOP/scripts/kunit.sh" >"$LOGS/kunit-on-fw.log" 2>&1 || status=1
	tail -n 1 "$LOGS/kunit-on-fw.log"
	return "$status"
}

case "${1:-build}" in
build) build ;;
test) run_tests ;;
*) die "usage: $0 build|test" ;;
esac
