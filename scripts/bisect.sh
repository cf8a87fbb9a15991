#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Every patch builds on its own: build each commit of the series, then the
# unpatched base, incrementally, in the worktree build/base-kernel
# (kernel.sh --at / --base). The base step leaves build/base-kernel/Image,
# the baseline kernel for system tests and benchmarks.
#
# The walk goes from the newest commit back to the base. The newest is what
# 'make kernel' built (ccache serves all of it); each step back then
# recompiles only what that patch touches, and the base only what depends
# on the options the series adds. Walking forward from the base instead
# compiles the base in full first, a second full kernel on a cold machine.
# Results are reported in the order of the series.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

main() {
	local c i n=0 passed=0 failed=0 subject commits=() steps=() result=()
	[ -e "$TREE/.git" ] || die "no work tree: run 'make tree'"
	say "bisect: building each patch of the series on its own, newest first, then the base"
	mapfile -t commits < <(git -C "$TREE" rev-list --reverse base..HEAD)
	for c in "${commits[@]}"; do
		subject=$(git -C "$TREE" log -1 --format=%s "$c")
		# a series marker (an empty commit) builds what the one before did
		if [[ "$subject" == "$SERIES_MARK"* ]] && git -C "$TREE" diff --quiet "$c^" "$c"; then
			steps+=("- $subject")
			continue
		fi
		n=$((n + 1))
		steps+=("$n $c")
	done
	for ((i = ${#steps[@]} - 1; i >= 0; i--)); do
		read -r n c <<<"${steps[$i]}"
		[ "$n" != - ] || continue
		if "$TOP/scripts/kernel.sh" --at "$c" >"$LOGS/bisect-$n.log" 2>&1; then
			result[n]=ok
		else
			result[n]=FAIL
		fi
	done
	"$TOP/scripts/kernel.sh" --base || die "the unpatched base does not build"
	for i in "${!steps[@]}"; do
		read -r n c <<<"${steps[$i]}"
		if [ "$n" = - ]; then
			info "---- ${c#"$SERIES_MARK"}"
			continue
		fi
		subject=$(git -C "$TREE" log -1 --format=%s "$c")
		if [ "${result[n]}" = ok ]; then
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
