#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Every patch builds on its own: build the unpatched base, then each commit
# of the series in order, incrementally, in the worktree build/base-kernel
# (kernel.sh --base / --at). The base step leaves build/base-kernel/Image,
# the baseline kernel for system tests and benchmarks.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

main() {
	local c n=0 passed=0 failed=0 subject
	[ -e "$TREE/.git" ] || die "no work tree: run 'make tree'"
	say "bisect: building the base, then each patch of the series on its own"
	"$TOP/scripts/kernel.sh" --base || die "the unpatched base does not build"
	for c in $(git -C "$TREE" rev-list --reverse base..HEAD); do
		subject=$(git -C "$TREE" log -1 --format=%s "$c")
		# a series marker (an empty commit) builds what the one before did
		if [[ "$subject" == "$SERIES_MARK"* ]] && git -C "$TREE" diff --quiet "$c^" "$c"; then
			info "---- ${subject#"$SERIES_MARK"}"
			continue
		fi
		n=$((n + 1))
		if "$TOP/scripts/kernel.sh" --at "$c" >"$LOGS/bisect-$n.log" 2>&1; then
			passed=$((passed + 1))
			info "ok   $n $subject"
		else
			failed=$((failed + 1))
			info "FAIL $n $subject"
			grep -E 'error|ERROR|warning:' "$LOGS/bisect-$n.log" | sed -n '1,20s/^/         /p'
		fi
	done
	record bisect "$passed" "$failed"
	echo "bisect: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main "$@"
