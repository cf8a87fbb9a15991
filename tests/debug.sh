#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The debug lens ('make debugtest', the 'debug' step of 'make check'): build
# the debug kernel (scripts/kernel.sh --debug: configs/debug.config on top of
# the test configuration, O=build/kernel-debug, ccache) and boot it through
#   kunit    the KUnit suites (scripts/kunit.sh, plain QEMU virt)
#   system   the patched rows of tests/system/boot.scenarios in SYSTEM_ROWS
#   hotplug  the rows of tests/hotplug/hotplug.scenarios in HOTPLUG_ROWS
#   rmem     tests/rmem: the 8 fixed DTs (the malformed ones among them) and
#            the largest matrix row, patched kernel only
# with DEBUG=1: every console log goes through debug_check (tests/lib.sh), so
# any lockdep, KASAN, UBSAN, kmemleak, WARNING or BUG report fails its row,
# named by its first line; the boots on the test firmware end with a kmemleak
# scan (initkmemleak=1). Ends with one line: "debug: N boots, N reports".
#
#   tests/debug.sh [--no-build] [kunit|system|hotplug|rmem]...
#
# One failing row again: DEBUG=1 KOBJ=build/kernel-debug tests/hotplug/run.sh
# kernel-1g (or tests/system/run.sh NAME); logs in build/*-debug/NAME.log.
set -uo pipefail
. "$(dirname "$0")/../scripts/lib.sh"
. "$(dirname "$0")/lib.sh"

DEBUG=1
KOBJ=${DEBUG_KOBJ:-$BUILD/kernel-debug}
export DEBUG KOBJ DEBUG_OUT
# Most boot rows: every mode and fault class of boot, 8 GiB in host mode.
SYSTEM_ROWS=${SYSTEM_ROWS:-"patched-plat patched-host host-multistep legacy no-rmm version-1.0 activate-sro activate-fail coarse l1-create-fail coarse-set delegated-ok host-8g f-version f-activate f-act-donate f-tracking-get f-deact-sro f-tracking-set f-gpt-info-2 f-l1-kept nvhe tf-rmm adv-bogus adv-twice adv-busy"}
# The main hotplug rows (kernel zone and movable), memory plugged at boot,
# and faults on the plug and unplug paths.
HOTPLUG_ROWS=${HOTPLUG_ROWS:-"kernel-1g movable-1g-3g plat-1g boot-plugged l1-create-fail hf-donate-l1 hf-reclaim tf-rmm-movable"}
RMEM_MATRIX=${RMEM_MATRIX:-"4000,4000"}

BUILD_IT=1 PARTS=()
for a in "$@"; do
	case "$a" in
	--no-build) BUILD_IT= ;;
	kunit|system|hotplug|rmem) PARTS+=("$a") ;;
	*) die "usage: $0 [--no-build] [kunit|system|hotplug|rmem]..." ;;
	esac
done
[ ${#PARTS[@]} -gt 0 ] || PARTS=(kunit system hotplug rmem)

start=$SECONDS
rm -rf "$DEBUG_OUT"
mkdir -p "$DEBUG_OUT"
if [ -n "$BUILD_IT" ]; then
	t0=$SECONDS
	if ! "$TOP/scripts/kernel.sh" --debug; then
		record debug-build 0 1
		die "debug: the debug kernel does not build"
	fi
	info "debug: kernel built in $((SECONDS - t0)) s"
fi
[ -f "$KOBJ/arch/arm64/boot/Image" ] || die "no debug kernel in ${KOBJ#"$TOP"/}: run 'scripts/kernel.sh --debug'"
[ -f "$BUILD/rmm-model/initramfs.cpio" ] && grep -aq initkmemleak "$BUILD/rmm-model/initramfs.cpio" ||
	"$TOP/scripts/firmware.sh" build || die "debug: cannot build the test firmware"

status=0 times=()
for p in "${PARTS[@]}"; do
	t0=$SECONDS
	case "$p" in
	kunit)
		OUT=$BUILD/kunit-debug RESULT_NAME=debug-kunit "$TOP/scripts/kunit.sh" || status=1 ;;
	system)
		# shellcheck disable=SC2086 # a list of row names
		"$TOP/tests/system/run.sh" $SYSTEM_ROWS || status=1 ;;
	hotplug)
		# shellcheck disable=SC2086
		# one at a time: a debug row with 4 vCPUs already keeps both CPUs busy
		JOBS=1 "$TOP/tests/hotplug/run.sh" $HOTPLUG_ROWS || status=1 ;;
	rmem)
		MATRIX=$RMEM_MATRIX "$TOP/tests/rmem/run.sh" --only dt --only matrix --no-base || status=1 ;;
	esac
	times+=("$p $((SECONDS - t0))s")
done

boots=0 reports=0
[ -f "$DEBUG_OUT/boots" ] && read -r boots reports < <(awk '{n++; r += $2} END {print n + 0, r + 0}' "$DEBUG_OUT/boots")
if [ "$reports" -gt 0 ]; then
	say "debug: reports (the first of each boot; logs in build/*-debug/)"
	awk '$2 > 0 { name = $1; n = $2; $1 = $2 = ""; sub(/^ +/, ""); printf "    %-16s %d: %s\n", name, n, $0 }' "$DEBUG_OUT/boots"
fi
info "debug: $(IFS=,; echo "${times[*]}" | sed 's/,/, /g'), $((SECONDS - start)) s in all"
echo "debug: $boots boots, $reports reports"
[ "$reports" -eq 0 ] || status=1
exit "$status"
