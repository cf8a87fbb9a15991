#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the arm64 kernel of build/linux into build/kernel (O=, outside the
# tree) with ccache. The config is allnoconfig plus our fragments; it is only
# regenerated when a fragment changes, and every option a fragment asks for is
# checked in the result.
#
# kernel.sh --base builds the unpatched base the same way, from a worktree
# at tag 'base' (build/base-kernel/linux) into build/base-kernel/kernel, and
# keeps the image as build/base-kernel/Image: the baseline for system tests
# and benchmarks. kernel.sh --at REV builds commit REV of the series in that
# same worktree (scripts/bisect.sh walks the series with it). That source
# sits at the same relative path from its O= directory as build/linux does
# from build/kernel, so ccache serves every file a step does not touch.
#
# kernel.sh --debug builds build/linux with configs/debug.config on top of
# the same fragments (lockdep, KASAN, UBSAN, kmemleak, ...) into
# build/kernel-debug: the kernel of 'make debugtest' (tests/debug.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

FRAGMENTS=("$TOP/configs/qemu-virt.config" "$TOP/configs/arm-cca-host.config"
	   "$TOP"/configs/*.kunitconfig)
FLAVOUR=patched
REV=
case "${1:-}" in
--base) FLAVOUR=base REV=base ;;
--at) FLAVOUR="at ${2:?--at needs a revision}" REV=$2 ;;
--debug) FLAVOUR=debug KOBJ=${DEBUG_KOBJ:-$BUILD/kernel-debug}
	FRAGMENTS+=("$TOP/configs/debug.config") ;;
"") ;;
*) die "usage: $0 [--base | --at REV | --debug]" ;;
esac
if [ -n "$REV" ]; then
	MAIN_TREE=$TREE
	TREE=$BUILD/base-kernel/linux
	KOBJ=$BUILD/base-kernel/kernel
fi
CCACHE_DIR=${CCACHE_DIR:-${HOME:-/root}/.cache/ccache}
CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
# kbuild passes absolute paths when O= is not below the source: hash them
# relative to the checkout so that every clone (CI's too) shares the cache.
CCACHE_BASEDIR=$TOP
CCACHE_NOHASHDIR=1
# Depend mode: on a miss, ccache learns the headers from the compiler's own
# dependency file (kbuild's -Wp,-MMD) instead of running the preprocessor
# first, which costs a third of a compile. What it gives up, hits on a
# preprocessed text equal to one built under another .config, no build here
# needs: bisect.sh walks from the newest commit, which 'make kernel' built.
CCACHE_DEPEND=1
# A fixed build identity: reproducible images and better ccache hits.
KBUILD_BUILD_TIMESTAMP=$BASE_DATE
KBUILD_BUILD_USER=arm-cca-host
KBUILD_BUILD_HOST=build
export CCACHE_DIR CCACHE_MAXSIZE CCACHE_BASEDIR CCACHE_NOHASHDIR CCACHE_DEPEND KBUILD_BUILD_TIMESTAMP KBUILD_BUILD_USER KBUILD_BUILD_HOST

MAKE_ARGS=(-C "$TREE" O="$KOBJ" ARCH=arm64 CROSS_COMPILE="$CROSS_COMPILE"
	   CC="ccache ${CROSS_COMPILE}gcc" HOSTCC="ccache gcc")

# Every 'CONFIG_X=v' and '# CONFIG_X is not set' of the fragments must hold,
# except for options the checked-out tree does not define yet (an earlier
# patch of the series, when each patch is built on its own).
check_config() {
	local line sym val bad=0
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=*)
			grep -qxF "$line" "$KOBJ/.config" && continue ;;
		"# CONFIG_"*" is not set")
			sym=${line#\# }; sym=${sym%% *}
			grep -q "^$sym=" "$KOBJ/.config" || continue ;;
		*) continue ;;
		esac
		sym=${line#\# }; sym=${sym%%[= ]*}
		if ! git -C "$TREE" grep -qE "^(menu)?config ${sym#CONFIG_}\$" -- '*Kconfig*'; then
			info "config: $sym is not defined in this tree, skipped"
			continue
		fi
		val=$(grep -E "^$sym=|^# $sym is not set" "$KOBJ/.config" || echo "absent (unmet dependency?)")
		warn "config: fragment asks '$line', .config has '$val'"
		bad=1
	done <"$KOBJ/fragment.config"
	[ "$bad" -eq 0 ] || die "the kernel config does not honour configs/ (see above)"
}

# allnoconfig + fragments, every time: it takes seconds, gives the same
# .config for the same tree and fragments (so nothing is rebuilt), and follows
# the tree when it changes under it (rebase -x, an earlier patch checked out).
# A worktree step (--base, --at: a clean checkout) whose Kconfig files and
# fragments are those of the step before keeps its .config: most steps of
# 'make bisect' change no Kconfig file.
configure() {
	local stamp=
	mkdir -p "$KOBJ"
	cat "${FRAGMENTS[@]}" >"$KOBJ/fragment.config"
	if [ -n "$REV" ]; then
		stamp=$({ cat "$KOBJ/fragment.config"; git -C "$TREE" ls-files -s -- '*Kconfig*'; } | sha1sum)
		[ -f "$KOBJ/.config" ] && [ "$(cat "$KOBJ/.config-stamp" 2>/dev/null)" = "$stamp" ] && return
		rm -f "$KOBJ/.config-stamp"
	fi
	make -s "${MAKE_ARGS[@]}" KCONFIG_ALLCONFIG="$KOBJ/fragment.config" allnoconfig \
		2>&1 | grep -v 'override: reassigning to symbol' || true
	[ -f "$KOBJ/.config" ] || die "kernel configuration failed"
	[ -z "$stamp" ] || echo "$stamp" >"$KOBJ/.config-stamp"
}

# The second worktree of build/linux, at REV. Only the files that differ are
# rewritten, so a step builds incrementally.
worktree_at() {
	local want
	[ -e "$MAIN_TREE/.git" ] || die "no work tree: run 'make tree'"
	want=$(git -C "$MAIN_TREE" rev-parse --verify "$REV^{commit}") || die "unknown revision $REV"
	if [ ! -e "$TREE/.git" ]; then
		say "kernel: checking out $REV into ${TREE#"$TOP"/}"
		mkdir -p "$(dirname "$TREE")"
		git -C "$MAIN_TREE" worktree prune
		git -C "$MAIN_TREE" worktree add -q --detach "$TREE" "$want"
	elif [ "$(git -C "$TREE" rev-parse HEAD)" != "$want" ] ||
	     [ -n "$(git -C "$TREE" status --porcelain --untracked-files=no)" ]; then
		git -C "$TREE" checkout -q -f --detach "$want"
	fi
}

main() {
	[ -z "$REV" ] || worktree_at
	[ -e "$TREE/.git" ] || die "no work tree: run 'make tree'"
	configure
	check_config
	local log=$LOGS/kernel-${FLAVOUR// /-}.log
	say "kernel: building the $FLAVOUR arm64 Image in ${KOBJ#"$TOP"/} (log: ${log#"$TOP"/})"
	run_logged "$log" make "${MAKE_ARGS[@]}" -j"$(nproc)" Image ||
		die "kernel build failed ($FLAVOUR)"
	[ "$FLAVOUR" != base ] || cp "$KOBJ/arch/arm64/boot/Image" "$BUILD/base-kernel/Image"
	say "kernel: $(cd "$TOP" && ls -l --time-style=+ "${KOBJ#"$TOP"/}/arch/arm64/boot/Image" | awk '{print $NF, $5, "bytes"}')"
	ccache -s 2>/dev/null | grep -iE 'hits|misses' | sed -n '1,3s/^/    ccache: /p' || true
}

main "$@"
