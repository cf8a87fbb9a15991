#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.pl --strict on every patch of patches/series, run from the work
# tree so that its file and MAINTAINERS checks work. Anything it reports fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# checkpatch runs scripts/spdxcheck.py with the first python3 on PATH; it
# needs Debian's, which has python3-ply and python3-git (make deps).
PATH=/usr/bin:$PATH

# unmaintained PATCH: "WARNING:" for each file PATCH adds that no MAINTAINERS
# entry of the final tree names a maintainer for
unmaintained() {
	local f m
	for f in $(sed -n '/^diff --git a\//{N;s/^diff --git a\/\([^ ]*\) .*\nnew file mode.*/\1/p}' "$1"); do
		[ -e "$TREE/$f" ] || continue
		m=$(cd "$TREE" && ./scripts/get_maintainer.pl --no-git \
			--no-rolestats --no-l --no-r -f "$f" 2>/dev/null) || m=
		[ -n "$m" ] ||
			printf '\nWARNING:NO_MAINTAINER: %s has no maintainer\n' "$f"
	done
}

main() {
	local p out passed=0 failed=0
	[ -x "$TREE/scripts/checkpatch.pl" ] || die "no work tree: run 'make tree'"
	say "checkpatch: --strict on the series"
	while read -r p; do
		# The work tree is a source release without git history: the
		# Fixes: ids cannot be looked up in it (they are checked against
		# the public history by hand). A new file needs no MAINTAINERS
		# change when an entry covers it already: checked below instead.
		out=$(cd "$TREE" && ./scripts/checkpatch.pl --strict --show-types \
			--ignore UNKNOWN_COMMIT_ID,FILE_PATH_CHANGES \
			"$PATCHES/$p" 2>&1) || true
		out+=$(unmaintained "$PATCHES/$p")
		if grep -qx "total: 0 errors, 0 warnings, 0 checks, [0-9]* lines checked" <<<"$out" &&
		   ! grep -qE '^(ERROR|WARNING|CHECK):' <<<"$out"; then
			passed=$((passed + 1))
			info "ok   $p"
		else
			failed=$((failed + 1))
			info "FAIL $p"
			printf '%s\n' "$out" | sed 's/^/         /'
		fi
	done < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$PATCHES/series")
	record checkpatch "$passed" "$failed"
	echo "checkpatch: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main "$@"
