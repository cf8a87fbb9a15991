#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.pl --strict on every patch of every series of patches/, run
# from the work tree so that its file and MAINTAINERS checks work. Anything
# it reports fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# checkpatch runs scripts/spdxcheck.py with the first python3 on PATH; it
# needs Debian's, which has python3-ply and python3-git (make deps).
PATH=/usr/bin:$PATH

main() {
	local s p out passed=0 failed=0
	[ -x "$TREE/scripts/checkpatch.pl" ] || die "no work tree: run 'make tree'"
	say "checkpatch: --strict on the series"
	while read -r p; do
		out=$(cd "$TREE" && ./scripts/checkpatch.pl --strict --show-types \
			"$PATCHES/$p" 2>&1) || true
		if grep -qx "total: 0 errors, 0 warnings, 0 checks, [0-9]* lines checked" <<<"$out" &&
		   ! grep -qE '^(ERROR|WARNING|CHECK):' <<<"$out"; then
			passed=$((passed + 1))
			info "ok   $p"
		else
			failed=$((failed + 1))
			info "FAIL $p"
			printf '%s\n' "$out" | sed 's/^/         /'
		fi
	done < <(for s in $(series_list); do series_patches "$s" | sed "s|^|$s/|"; done)
	record checkpatch "$passed" "$failed"
	echo "checkpatch: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main "$@"
