#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.pl --strict on every patch of every series of patches/, run
# from the work tree so that its file and MAINTAINERS checks work. Anything
# it reports fails.
#
# The work tree is a source release without git history, so the commit ids
# of Fixes: tags cannot be looked up in it (UNKNOWN_COMMIT_ID is not asked;
# the ids are checked against the public history by hand).
#
# checkpatch asks "does MAINTAINERS need updating?" (FILE_PATH_CHANGES) for
# any patch that adds, moves or deletes a file without touching MAINTAINERS,
# even when a directory pattern (F: drivers/firmware/arm_rmm/) covers the
# file. That one question is not asked of a patch whose every such file
# has a MAINTAINERS section other than THE REST in the work tree.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# checkpatch runs scripts/spdxcheck.py with the first python3 on PATH; it
# needs Debian's, which has python3-ply and python3-git (make deps).
PATH=/usr/bin:$PATH

# maintained PATCH: every file PATCH adds, moves or deletes has a section
maintained() {
	local f secs
	for f in $(awk '/^diff --git a\//{f = $4; sub(/^b\//, "", f)}
			/^(new file mode|deleted file mode|rename (from|to) )/{print f}' "$1" | sort -u); do
		secs=$(cd "$TREE" && ./scripts/get_maintainer.pl --no-git \
			--no-git-fallback --sections -f "$f" 2>/dev/null |
			awk 'NF && !/^[A-Z]:\t/ && $0 != "THE REST"') || true
		[ -n "$secs" ] || return 1
	done
}

main() {
	local s p out passed=0 failed=0 args
	[ -x "$TREE/scripts/checkpatch.pl" ] || die "no work tree: run 'make tree'"
	say "checkpatch: --strict on the series"
	while read -r p; do
		args=(--strict --show-types --ignore UNKNOWN_COMMIT_ID)
		! maintained "$PATCHES/$p" || args+=(--ignore FILE_PATH_CHANGES)
		out=$(cd "$TREE" && ./scripts/checkpatch.pl "${args[@]}" \
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
