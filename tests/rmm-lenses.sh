#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The RMM lenses against the code they were made to catch: build the RMM
# layer as it was before the issue-11 fixes (patches 1-16 of v1, from git
# history) and run the rows that were added for those defects on it. Each
# row must FAIL, and fail on the check that names the defect (below), not
# on something else. Not part of make check (one more kernel build).
#
#   tests/rmm-lenses.sh              build build/kernel-v1 if needed, run all
#   tests/rmm-lenses.sh ROW...       only these rows
#   V1=<commit> tests/rmm-lenses.sh  take v1's patches from another commit
#   V1_KOBJ=DIR tests/rmm-lenses.sh  a v1 kernel built otherwise, not rebuilt
#
# Each row's runner output is build/rmm-lenses/ROW.out, its console and
# ledger ROW.log and ROW.fw.log. What each lens caught, and the debug
# lens's own injected defects: Documentation/lenses.md.
set -uo pipefail
. "$(dirname "$0")/../scripts/lib.sh"
. "$(dirname "$0")/lib.sh"

# The last commit whose patches/ held v1 before the fixes (patches 1-16 are
# the RMM layer; 17 and later are reserved_mem, which does not matter here).
V1=${V1:-a7b2426^}
V1_TREE=$BUILD/linux-v1
V1_KOBJ_GIVEN=${V1_KOBJ:+1}
V1_KOBJ=${V1_KOBJ:-$BUILD/kernel-v1}
OUT=$BUILD/rmm-lenses

# row | runner | what the failure must name (an extended regex on the
# runner's output): the defect of issue 11 that the row was written for.
# The checks print a pattern with its trailing blanks trimmed and, when it
# ends in a digit, "([^0-9]|$)" appended. The ledger pattern "activated=0"
# of nvhe and lpa2-off also matches the ledger's "deactivated=0", so it does
# not fail on v1; their calls=0 patterns for RMM_CONFIG_SET and
# RMM_ACTIVATE name the same defect. adv-badreq is not a lens against v1:
# v1 already refused the empty donation it asks for, and the row passes
# on v1 (Documentation/lenses.md); adv-badrec, a reclaim request that
# hands back nothing for ever, is: v1 (and the series until the bound on
# memory requests that move no memory) loops on it until the timeout.
LENSES='
nvhe            | system  | nvhe: /(activated=0|cmd=(config_set|activate) .*calls=0)\(.*not in
lpa2-off        | system  | lpa2-off: /(activated=0|cmd=config_set .*calls=0)\(.*not in
tf-rmm-4g       | system  | tf-rmm-4g: /cmd=config_set .*calls=1 errors=0.*not in
f-deact-sro     | system  | f-deact-sro: /deactivated=1.*not in
tf-rmm-fail     | system  | tf-rmm-fail: /RMI: the RMM cannot be deactivated
adv-garbage     | system  | adv-garbage: /(granules_delegated_now=0|l1_created=0|bytes_outstanding=0)\(.*not in|adv-garbage: must not print
adv-bogus       | system  | adv-bogus: /RMI: RMM unusable from now on.*not in
adv-twice       | system  | adv-twice: /RMI: RMM unusable from now on.*not in
adv-overconsume | system  | adv-overconsume: /RMI: RMM unusable from now on.*not in
adv-busy        | system  | adv-busy: /(RMI: GPT_L1_CREATE: RMM still busy|adv_busy=10000\().*not in|adv-busy: QEMU exited
adv-badrec      | system  | adv-badrec: QEMU exited
tf-rmm-movable  | hotplug | tf-rmm-movable: /mem step 3: present .*online \\\+3072 MiB, failed 0.*not in
'

build_v1() {
	local p="$BUILD/v1-patches" f n=0
	if [ -n "$V1_KOBJ_GIVEN" ]; then
		[ -f "$V1_KOBJ/arch/arm64/boot/Image" ] || die "no Image in ${V1_KOBJ#"$TOP"/}"
		return 0
	fi
	if [ -f "$V1_KOBJ/arch/arm64/boot/Image" ] && [ "$(cat "$V1_KOBJ/.v1" 2>/dev/null)" = "$(git -C "$TOP" rev-parse "$V1")" ]; then
		return 0
	fi
	say "rmm-lenses: v1 patches 1-16 from $V1"
	rm -rf "$p" && mkdir -p "$p/v1"
	printf 'v1\n' >"$p/series"
	printf '# v1 1-16\n' >"$p/v1/series"
	for f in $(git -C "$TOP" show "$V1:patches/series" | sed -e 's/#.*//' -e '/^[[:space:]]*$/d'); do
		n=$((n + 1))
		[ "$n" -le 16 ] || break
		git -C "$TOP" show "$V1:patches/$f" >"$p/v1/$f" || die "no patches/$f in $V1"
		printf '%s\n' "$f" >>"$p/v1/series"
	done
	PATCHES=$p TREE=$V1_TREE BRANCH=v1 FORCE=1 "$TOP/scripts/tree.sh" || die "v1 does not apply"
	TREE=$V1_TREE KOBJ=$V1_KOBJ "$TOP/scripts/kernel.sh" || die "v1 does not build"
	git -C "$TOP" rev-parse "$V1" >"$V1_KOBJ/.v1"
}

main() {
	local row runner want out caught=0 missed=0 line
	build_v1
	"$TOP/scripts/firmware.sh" build >/dev/null || die "firmware does not build"
	mkdir -p "$OUT"
	while IFS='|' read -r row runner want; do
		row=$(trim "$row") runner=$(trim "$runner") want=$(trim "$want")
		[ -n "$row" ] || continue
		[ $# -eq 0 ] || [[ " $* " == *" $row "* ]] || continue
		out=$OUT/$row.out
		rm -f "$BUILD/$runner/$row.log" "$BUILD/$runner/$row.fw.log"
		# RESULTS: v1's counts must not pass for the series' own
		if RESULTS=$OUT/results KOBJ=$V1_KOBJ JOBS=1 "$TOP/tests/$runner/run.sh" "$row" >"$out" 2>&1; then
			missed=$((missed + 1))
			info "MISSED $row: passes on v1 (${out#"$TOP"/})"
		elif line=$(grep -m1 -aE -- "$want" "$out"); then
			caught=$((caught + 1))
			info "caught $row: $(trim "$line")"
		else
			missed=$((missed + 1))
			info "MISSED $row: fails on v1, but not on /$want/ (${out#"$TOP"/})"
		fi
		# the runner's logs are the series' next time: keep v1's
		cp "$BUILD/$runner/$row.log" "$OUT/$row.log" 2>/dev/null || true
		cp "$BUILD/$runner/$row.fw.log" "$OUT/$row.fw.log" 2>/dev/null || true
	done <<<"$LENSES"
	echo "rmm-lenses: $caught caught, $missed missed (v1 = $V1, kernel ${V1_KOBJ#"$TOP"/})"
	[ "$missed" -eq 0 ]
}

main "$@"
