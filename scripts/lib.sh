# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the workflow scripts. Source it; do not run it.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
PIN=${PIN:-$TOP/base-kernel.pin}
TREE=${TREE:-$BUILD/linux}
BRANCH=${BRANCH:-series}
PATCHES=${PATCHES:-$TOP/patches}
KOBJ=${KOBJ:-$BUILD/kernel}
LOGS=$BUILD/logs
ARCH=arm64
CROSS_COMPILE=${CROSS_COMPILE:-aarch64-linux-gnu-}
export ARCH CROSS_COMPILE

# patches/ holds independent series, each in its own directory with its
# 'series' file and cover letter; patches/series names them in the order
# they are applied. SERIES="rmem" (a subset, in that order) works on some.
# In the work tree each series starts with an empty commit "series: NAME".
SERIES_MARK="series: "
series_list() {
	local all s
	all=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$PATCHES/series")
	[ -n "${SERIES:-}" ] || { printf '%s\n' "$all"; return; }
	for s in $SERIES; do
		grep -qxF "$s" <<<"$all" || die "SERIES names '$s', which patches/series does not list"
	done
	for s in $all; do
		[[ " $SERIES " != *" $s "* ]] || echo "$s"
	done
}
# series_patches NAME: the patch files of series NAME, in order
series_patches() {
	[ -f "$PATCHES/$1/series" ] || die "missing patches/$1/series"
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$PATCHES/$1/series"
}

# The identity of the commits in the work tree and of the exported series.
SERIES_NAME="Arm CCA Host Team"
SERIES_EMAIL="cca-host@example.org"
# Fixed dates keep the base commit (and so every export) byte-identical.
BASE_DATE="2026-01-01T00:00:00+00:00"

say()  { printf '==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# A loud banner that survives a long log.
shout() {
	local line
	line=$(printf '%*s' 72 '' | tr ' ' '!')
	printf '%s\n' "$line" "$@" "$line" >&2
}

load_pin() {
	[ -r "$PIN" ] || die "missing $PIN"
	# shellcheck source=/dev/null
	. "$PIN"
	: "${DEBIAN_PACKAGE:?}" "${DEBIAN_VERSION:?}" "${UPSTREAM_VERSION:?}" "${TARBALL_SHA256:?}"
	BASE_SRC=$BUILD/base/linux-$UPSTREAM_VERSION
}

# run_logged LOG CMD...: run CMD with its output in LOG, print a progress
# line every 30 s, and show the end of LOG if CMD fails.
run_logged() {
	local log=$1 pid rc start
	shift
	mkdir -p "$(dirname "$log")"
	start=$(date +%s)
	"$@" >"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		for _ in $(seq 30); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 1
		done
		kill -0 "$pid" 2>/dev/null || break
		info "$(date -u +%H:%M:%S) $(( $(date +%s) - start ))s: $(grep -c '^  [A-Z]' "$log") build steps; last: $(tail -n 1 "$log" | cut -c1-60)"
	done
	rc=0
	wait "$pid" || rc=$?
	if [ "$rc" -ne 0 ]; then
		tail -n 40 "$log" >&2
		warn "failed (exit $rc) after $(( $(date +%s) - start ))s; full log: $log"
	fi
	return "$rc"
}

# Test results: each step records "passed failed skipped" under a name, and
# 'make check' closes with the totals on one line.
RESULTS=${RESULTS:-$BUILD/results}
record() {
	mkdir -p "$RESULTS"
	echo "$2 $3 ${4:-0}" >"$RESULTS/$1"
}
