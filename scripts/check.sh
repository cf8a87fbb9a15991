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

# The debug kernel has a configuration and objects of its own: build it from
# here on in the background at idle priority (SCHED_IDLE), on the CPU time the
# other steps leave (single-threaded steps, links, the tail of each batch of
# QEMU rows). The debug step waits for it. Cold, this hides most of its
# fifteen minutes; it never slows a step down for more than a scheduler tick.
debug_build() {
	local t0=$SECONDS rc=0
	if chrt --idle 0 true 2>/dev/null; then
		chrt --idle 0 "$S/kernel.sh" --debug || rc=$?
	else
		nice -n 19 "$S/kernel.sh" --debug || rc=$?
	fi
	printf 'debug-kernel(background) %d\n' $((SECONDS - t0)) >>"$TIMES"
	return "$rc"
}
mkdir -p "$LOGS"
setsid bash -c "$(declare -f debug_build); S=$(printf %q "$S") TIMES=$(printf %q "$TIMES"); debug_build" \
	>"$LOGS/debug-build.log" 2>&1 &
debug_pid=$!
trap 'kill -- -$debug_pid 2>/dev/null' EXIT

# debug_step: wait for the debug kernel, then boot it (tests/debug.sh).
debug_step() {
	local t0=$SECONDS
	if ! wait "$debug_pid"; then
		tail -n 30 "$LOGS/debug-build.log"
		record debug-build 0 1
		warn "debug: the debug kernel does not build (log: ${LOGS#"$TOP"/}/debug-build.log)"
		return 1
	fi
	info "debug: waited $((SECONDS - t0)) s for the debug kernel (built in the background)"
	"$TOP/tests/debug.sh" --no-build
}

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
timed debug debug_step || status=1

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
