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

# fake_suites_skip RESULTS.JSON: beside an RMM in use, every case of the
# suites built on the fake RMM skips (they share the driver's ledger and
# record of donations) and every other case passes; recorded as
# kunit-fw-active
fake_suites_skip() {
	local ok bad
	read -r ok bad < <(python3 - "$1" <<'PY'
import json, sys
FAKE = {'arm_rmm', 'arm_rmm_sro', 'arm_rmm_tracking', 'arm_rmm_gpt', 'arm_rmm_hotplug'}
ok = bad = 0
def walk(g, suite):
    global ok, bad
    for t in g.get('test_cases', []):
        want = 'SKIP' if suite in FAKE else 'PASS'
        if t.get('status') == want:
            ok += 1
        else:
            bad += 1
            print('unexpected:', suite, t.get('name'), t.get('status'), file=sys.stderr)
    for s in g.get('sub_groups', []):
        walk(s, s.get('name') if suite is None else suite)
try:
    walk(json.load(open(sys.argv[1])), None)
except (OSError, ValueError):
    bad += 1
print(ok, bad if ok else bad + 1)
PY
)
	record kunit-fw-active "$ok" "$bad" 0
	echo "kunit-fw-active: $ok as expected (fake-RMM suites skipped, the others passed), $bad not"
	[ "$bad" -eq 0 ]
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
	say "firmware: the KUnit suites beside an active RMM (kvm-arm.realm=on): the fake RMM's must skip"
	RMM_MODEL_KARGS=kvm-arm.realm=on QEMU_CONFIG=$TOP/configs/qemu/arm64_rmm_model.py \
		RESULT_NAME=kunit-fw-active RESULTS=$BUILD/kunit-fw-active OUT=$BUILD/kunit-fw-active \
		"$TOP/scripts/kunit.sh" >"$LOGS/kunit-fw-active.log" 2>&1 || status=1
	fake_suites_skip "$BUILD/kunit-fw-active/results.json" || status=1
	return "$status"
}

case "${1:-build}" in
build) build ;;
test) run_tests ;;
*) die "usage: $0 build|test" ;;
esac
