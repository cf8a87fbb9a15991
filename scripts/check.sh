#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# 'make check': every test. Set-up failures stop at once; test failures are
# collected, and the run closes with one "check: N passed, N failed" line.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

S=$TOP/scripts
start=$(date +%s)
rm -rf "$RESULTS"
TIMES=$BUILD/check-times
mkdir -p "$BUILD"
: >"$TIMES"

# timed NAME CMD...: run a step and note how long it took.
timed() {
	local name=$1 t0 rc=0
	shift
	t0=$(date +%s)
	"$@" || rc=$?
	printf '%s %d\n' "$name" $(( $(date +%s) - t0 )) >>"$TIMES"
	return "$rc"
}

timed deps "$S/deps.sh" || die "make deps failed"
timed base "$S/base.sh" || die "make base failed"
timed tree "$S/tree.sh" || die "the series does not apply (see above): make check fails"

status=0
timed checkpatch "$S/checkpatch.sh" || status=1
timed selftest "$TOP/tests/workflow/run.sh" || status=1
timed kernel "$S/kernel.sh" || die "make kernel failed"
timed kunit "$S/kunit.sh" || status=1
timed firmware "$S/firmware.sh" test || status=1
timed bisect "$S/bisect.sh" || status=1
timed buildcov "$S/buildcov.sh" || status=1
timed system "$TOP/tests/system/run.sh" || status=1
timed hotplug "$TOP/tests/hotplug/run.sh" || status=1
timed rmem "$TOP/tests/rmem/run.sh" || status=1
# The debug kernel (lockdep, KASAN, UBSAN, kmemleak) through KUnit and a
# slice of the boots: "debug: N boots, N reports".
timed debug "$TOP/tests/debug.sh" || status=1

say "check: results ($(( $(date +%s) - start ))s: $(awk '{printf "%s%s %ds", sep, $1, $2; sep=", "}' "$TIMES"))"
p=0 f=0 s=0
for r in "$RESULTS"/*; do
	read -r rp rf rs <"$r"
	printf '    %-12s %4d passed, %d failed, %d skipped\n' "$(basename "$r")" "$rp" "$rf" "$rs"
	p=$((p + rp)) f=$((f + rf)) s=$((s + rs))
done
[ "$f" -eq 0 ] || status=1
echo "check: $p passed, $f failed, $s skipped"
exit "$status"
