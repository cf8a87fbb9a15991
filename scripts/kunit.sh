#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run our KUnit suites with tools/testing/kunit/kunit.py on the kernel that
# 'make kernel' built (no second build): arm64, QEMU 10, -cpu max. The suites
# are built in by configs/*.kunitconfig and only run because kunit.py boots
# with kunit.enable=1.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../tests/lib.sh"

# QEMU_CONFIG=configs/qemu/arm64_rmm_model.py runs the same suites with
# our EL3 test firmware as -bios (recorded under RESULT_NAME).
# DEBUG=1 KOBJ=build/kernel-debug runs them on the debug kernel
# (tests/debug.sh) and fails the run on any lockdep, KASAN, UBSAN, WARNING
# or BUG report in its console (the raw log, KOBJ/test.log).
OUT=${OUT:-$BUILD/kunit}
KUNITCONFIG=$TOP/configs/arm_rmm.kunitconfig
QEMU_CONFIG=${QEMU_CONFIG:-$TOP/configs/qemu/arm64_virt.py}
RESULT_NAME=${RESULT_NAME:-kunit}

count() {
	python3 - "$1" <<'PY'
import json, sys
def walk(g, acc, rmem=False):
    rmem = rmem or g.get('name', '').startswith('of_reserved_mem')
    for t in g.get('test_cases', []):
        st = t.get('status', 'FAIL')
        acc[st] = acc.get(st, 0) + 1
        # the reserved_mem cases need nothing the boot lacks: a skip there
        # is a case that could not fail
        if rmem and st == 'SKIP':
            acc['RMEM_SKIP'] = acc.get('RMEM_SKIP', 0) + 1
            print('skipped:', g.get('name'), t.get('name'), file=sys.stderr)
    for s in g.get('sub_groups', []):
        walk(s, acc, rmem)
    return acc
acc = walk(json.load(open(sys.argv[1])), {})
print(acc.get('PASS', 0),
      sum(v for k, v in acc.items() if k not in ('PASS', 'SKIP', 'RMEM_SKIP')) + acc.get('RMEM_SKIP', 0),
      acc.get('SKIP', 0))
PY
}

main() {
	local rc=0 passed failed skipped
	[ -f "$KOBJ/arch/arm64/boot/Image" ] || die "no kernel: run 'make kernel'"
	mkdir -p "$OUT"
	rm -f "$OUT/results.json"
	say "$RESULT_NAME: booting ${KOBJ#"$TOP"/} under $(qemu-system-aarch64 --version | sed -n 1p | cut -d'(' -f1)with ${QEMU_CONFIG#"$TOP"/}"
	python3 "$TREE/tools/testing/kunit/kunit.py" exec \
		--build_dir="$KOBJ" --kunitconfig="$KUNITCONFIG" \
		--qemu_config="$QEMU_CONFIG" \
		--timeout=900 --json="$OUT/results.json" "$@" || rc=$?
	[ -s "$OUT/results.json" ] || die "kunit.py produced no results (exit $rc); raw log: ${KOBJ#"$TOP"/}/test.log"
	read -r passed failed skipped < <(count "$OUT/results.json")
	[ "$rc" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
	# KVM says nothing about Realms on a system without RME
	if grep -aq 'RMI: RME not implemented' "$KOBJ/test.log"; then
		if grep -aqE 'kvm \[[0-9]+\]: Realms' "$KOBJ/test.log"; then
			warn "$RESULT_NAME: KVM talks about Realms on a system without RME"
			failed=$((failed + 1))
		else
			passed=$((passed + 1))
		fi
	fi
	[ $((passed + failed)) -gt 0 ] || { failed=1; warn "$RESULT_NAME: no test ran"; }
	debug_check "$RESULT_NAME" "$KOBJ/test.log" || failed=$((failed + 1))
	record "$RESULT_NAME" "$passed" "$failed" "$skipped"
	echo "$RESULT_NAME: $passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
}

main "$@"
