#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Self-tests of the patch workflow, in a git worktree of build/linux (the real
# work tree is never touched):
#  1. the series apply to the base and 'make export' of the result
#     reproduces patches/ byte for byte; so does each series alone;
#  2. a patch whose context is wrong makes 'make tree' fail with a message
#     that names that patch;
#  3. 'make tree' refuses to drop commits that were not exported.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

WT=$BUILD/selftest/wt
WORK=$BUILD/selftest/work
passed=0
failed=0

ok()   { passed=$((passed + 1)); info "ok   $*"; }
fail() { failed=$((failed + 1)); info "FAIL $*"; }

# every patch, as SERIES/FILE
series() {
	local s
	for s in $(series_list); do
		series_patches "$s" | sed "s|^|$s/|"
	done
}

setup() {
	[ -e "$TOP/build/linux/.git" ] || die "no work tree: run 'make tree'"
	if [ ! -e "$WT/.git" ]; then
		mkdir -p "$(dirname "$WT")"
		git -C "$TOP/build/linux" worktree prune
		git -C "$TOP/build/linux" worktree add -q --detach "$WT" base ||
			die "cannot add the self-test worktree"
	fi
}

# run_tree DIR: 'make tree' on the self-test worktree with the patches of DIR.
run_tree() {
	TREE=$WT PATCHES=$1 BRANCH=selftest FORCE=${FORCE:-0} "$TOP/scripts/tree.sh"
}

test_roundtrip() {
	local out=$WORK/roundtrip
	rm -rf "$out" && mkdir -p "$out" && cp -r "$PATCHES"/. "$out/"
	if ! FORCE=1 run_tree "$out" >"$WORK/roundtrip.log" 2>&1; then
		fail "the series applies to the base"; cat "$WORK/roundtrip.log"; return
	fi
	ok "the series applies to the base ($(series | wc -l) patches)"
	TREE=$WT PATCHES=$out BRANCH=selftest "$TOP/scripts/export.sh" >>"$WORK/roundtrip.log" 2>&1 ||
		{ fail "export of the applied series"; cat "$WORK/roundtrip.log"; return; }
	if diff -r "$PATCHES" "$out" >"$WORK/roundtrip.diff"; then
		ok "export after tree reproduces patches/ byte for byte"
	else
		fail "export after tree changed patches/:"; head -n 20 "$WORK/roundtrip.diff"
	fi
}

test_each_alone() {
	local out=$WORK/alone s
	for s in $(series_list); do
		rm -rf "$out" && mkdir -p "$out" && cp -r "$PATCHES"/. "$out/"
		if ! SERIES=$s FORCE=1 run_tree "$out" >"$WORK/alone.log" 2>&1 ||
		   ! SERIES=$s TREE=$WT PATCHES=$out BRANCH=selftest "$TOP/scripts/export.sh" >>"$WORK/alone.log" 2>&1; then
			fail "series $s alone: tree and export"; cat "$WORK/alone.log"; continue
		fi
		if diff -r "$PATCHES" "$out" >"$WORK/alone.diff"; then
			ok "series $s applies to the base alone, and its export is unchanged"
		else
			fail "series $s alone: export changed patches/:"; sed -n 1,20p "$WORK/alone.diff"
		fi
	done
}

# Change the first context line of the first patch that has one.
break_context() {
	local dir=$1 p
	for p in $(series); do
		if awk '/^@@/ {h = 1; next} h && /^ ./ {found = 1; exit} END {exit !found}' "$dir/$p"; then
			awk '/^@@/ {h = 1; print; next}
			     h && !done && /^ ./ {print $0 " /* wrong context */"; done = 1; next}
			     {print}' "$dir/$p" >"$dir/$p.new" && mv "$dir/$p.new" "$dir/$p"
			echo "$p"
			return 0
		fi
	done
	return 1
}

test_broken_patch() {
	local out=$WORK/broken p rc=0
	rm -rf "$out" && mkdir -p "$out" && cp -r "$PATCHES"/. "$out/"
	p=$(break_context "$out") || { fail "no patch with context lines to break"; return; }
	FORCE=1 run_tree "$out" >"$WORK/broken.log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] && grep -q "ERROR: patches/$p does not apply" "$WORK/broken.log"; then
		ok "a patch with wrong context fails 'make tree', naming $p"
	else
		fail "a patch with wrong context ($p) must fail 'make tree' and be named (exit $rc)"
		cat "$WORK/broken.log"
	fi
}

test_keeps_unexported() {
	local out=$WORK/keep rc=0
	rm -rf "$out" && mkdir -p "$out" && cp -r "$PATCHES"/. "$out/"
	FORCE=1 run_tree "$out" >/dev/null 2>&1 || { fail "setup for the unexported-commit test"; return; }
	git -C "$WT" -c user.name=t -c user.email=t@t commit -q --allow-empty -m "unexported work"
	run_tree "$out" >"$WORK/keep.log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] && grep -q "commits that are not in patches/" "$WORK/keep.log" &&
	   [ "$(git -C "$WT" log -1 --format=%s)" = "unexported work" ]; then
		ok "'make tree' keeps commits that were not exported"
	else
		fail "'make tree' must refuse to drop unexported commits (exit $rc)"; cat "$WORK/keep.log"
	fi
}

# The first two patches only (checkpatch on all of them is the checkpatch
# step's job, and takes a minute): the first, with a style problem, must
# fail by name; the second, untouched, must still pass.
test_checkpatch_gate() {
	local out=$WORK/style p q s rc=0
	rm -rf "$out" && mkdir -p "$out"
	p=$(series | sed -n 1p) q=$(series | sed -n 2p) s=${p%%/*}
	[ "${q%%/*}" = "$s" ] || { fail "the first series has fewer than two patches"; return; }
	mkdir -p "$out/$s" && echo "$s" >"$out/series"
	cp "$PATCHES/$p" "$PATCHES/$q" "$out/$s/" && printf '%s\n' "${p#*/}" "${q#*/}" >"$out/$s/series"
	# A trailing space on the first added line of a C file.
	awk '/^\+\+\+ .*\.[ch]$/ {c = 1} c && !done && /^\+[^+]/ {print $0 " "; done = 1; next} {print}' \
		"$out/$p" >"$out/$p.new" && mv "$out/$p.new" "$out/$p"
	PATCHES=$out RESULTS=$WORK/results "$TOP/scripts/checkpatch.sh" >"$WORK/style.log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] && grep -q "FAIL $p" "$WORK/style.log" && grep -q "TRAILING_WHITESPACE" "$WORK/style.log" &&
	   grep -q "ok   $q" "$WORK/style.log"; then
		ok "checkpatch --strict fails a patch with a style problem, naming it, and passes the next one"
	else
		fail "checkpatch must fail $p with a trailing space and pass $q (exit $rc)"; cat "$WORK/style.log"
	fi
}

# checkpatch.sh lets a patch add a file without touching MAINTAINERS only
# when a MAINTAINERS section covers it (the RMM patches add files under
# the directory pattern of their entry): the same patch, its new file moved
# where only THE REST covers it, must fail with FILE_PATH_CHANGES.
test_checkpatch_maintainers() {
	local out=$WORK/maint p rc=0 rc2=0
	rm -rf "$out" && mkdir -p "$out"
	p=$(grep -l '^+++ b/drivers/firmware/arm_rmm/sro\.c$' "$PATCHES"/rmm/*.patch | sed -n 1p)
	p=${p##*/}
	[ -n "$p" ] || { fail "no patch adds drivers/firmware/arm_rmm/sro.c"; return; }
	mkdir -p "$out/rmm" && echo rmm >"$out/series"
	cp "$PATCHES/rmm/$p" "$out/rmm/$p" && echo "$p" >"$out/rmm/series"
	PATCHES=$out RESULTS=$WORK/results "$TOP/scripts/checkpatch.sh" >"$WORK/maint.log" 2>&1 || rc=$?
	sed -i 's|drivers/firmware/arm_rmm/sro\.c|unmaintained-dir/sro.c|g' "$out/rmm/$p"
	PATCHES=$out RESULTS=$WORK/results "$TOP/scripts/checkpatch.sh" >"$WORK/maint2.log" 2>&1 || rc2=$?
	if [ "$rc" -eq 0 ] && [ "$rc2" -ne 0 ] && grep -q "FILE_PATH_CHANGES" "$WORK/maint2.log"; then
		ok "checkpatch asks about MAINTAINERS only for files no section covers"
	else
		fail "checkpatch: covered file must pass (exit $rc), uncovered must fail with FILE_PATH_CHANGES (exit $rc2)"
		cat "$WORK/maint.log" "$WORK/maint2.log"
	fi
}

# Debian dropped the pinned version: 'make base' takes the newest 7.3.y,
# says so loudly and records it in the pin file.
test_base_fallback() {
	local dir=$WORK/fallback rc=0 cached
	rm -rf "$dir" && mkdir -p "$dir/build/base/dl"
	load_pin
	sed 's/^DEBIAN_VERSION=.*/DEBIAN_VERSION=7.3.0-0~dropped1/' "$PIN" >"$dir/pin"
	# The newest version apt offers, already downloaded: seed the cache.
	cached=$(apt-cache madison "$DEBIAN_PACKAGE" | awk -F'|' '{gsub(/ /, "", $2); print $2}' | sort -V | tail -n 1)
	[ -f "$BUILD/base/dl/$cached/source.tar.xz" ] &&
		mkdir -p "$dir/build/base/dl/$cached" &&
		ln "$BUILD/base/dl/$cached/source.tar.xz" "$dir/build/base/dl/$cached/"
	PIN=$dir/pin BUILD=$dir/build "$TOP/scripts/base.sh" >"$dir/log" 2>&1 || rc=$?
	if [ "$rc" -eq 0 ] && grep -q "BASE KERNEL FALLBACK" "$dir/log" &&
	   grep -qx "DEBIAN_VERSION=$cached" "$dir/pin" &&
	   grep -q "fell back from 7.3.0-0~dropped1" "$dir/pin" &&
	   [ "$(sed -n 's/^TARBALL_SHA256=//p' "$dir/pin")" = \
	     "$(sha256sum "$dir/build/base/dl/$cached/source.tar.xz" | cut -d' ' -f1)" ] &&
	   [ -f "$dir/build/base/linux-$(sed -n 's/^UPSTREAM_VERSION=//p' "$dir/pin")/Makefile" ]; then
		ok "a dropped base version falls back to $cached, loudly, and is recorded"
	else
		fail "fallback from a dropped base version (exit $rc)"; cat "$dir/log"
	fi
	rm -rf "$dir"
}

# Under 'set -o pipefail', a reader that stops early (grep -q, head) can
# kill the writer with SIGPIPE and fail a pipeline whose answer was right:
# CI once failed a clean patch in checkpatch.sh that way. None in our scripts.
test_no_early_exit_pipes() {
	local hits
	hits=$(cd "$TOP" && grep -nE '(^|[^|])\|[[:space:]]*(grep[[:space:]]+-[a-zA-Z]*q|head([[:space:]]|$))' \
		scripts/*.sh tests/*.sh tests/*/*.sh .ci/run 2>/dev/null)
	if [ -z "$hits" ]; then
		ok "no pipeline ends in a reader that exits early (grep -q, head)"
	else
		fail "pipelines into grep -q or head can fail on SIGPIPE under pipefail:"
		sed 's/^/         /' <<<"$hits"
	fi
}

# A merge that went wrong once left "<<<<<<< HEAD" in the cover letter.
test_no_conflict_markers() {
	local hits
	hits=$(cd "$TOP" && grep -rnE '^(<<<<<<<|>>>>>>>)( |$)' patches scripts tests tools \
		configs Documentation README.md Makefile .ci 2>/dev/null)
	if [ -z "$hits" ]; then
		ok "no merge conflict markers in the repository"
	else
		fail "merge conflict markers:"
		sed 's/^/         /' <<<"$hits"
	fi
}

main() {
	say "selftest: patch workflow"
	setup
	mkdir -p "$WORK"
	test_roundtrip
	test_each_alone
	test_broken_patch
	test_keeps_unexported
	test_checkpatch_gate
	test_checkpatch_maintainers
	test_base_fallback
	test_no_early_exit_pipes
	test_no_conflict_markers
	git -C "$WT" checkout -q -f --detach base
	record workflow "$passed" "$failed"
	echo "workflow: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main "$@"
