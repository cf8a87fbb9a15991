#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the arm64 kernel of build/linux into build/kernel (O=, outside the
# tree) with ccache. The config is allnoconfig plus our fragments; it is only
# regenerated when a fragment changes, and every option a fragment asks for is
# checked in the result.
#
# kernel.sh --base builds the unpatched base the same way (same fragments but
# the series' own options), from a worktree at tag 'base', into
# build/base-kernel/kernel: the baseline for system tests and benchmarks.
# Its source sits at the same relative path from its O= directory as the
# patched one, so ccache serves every file the series does not touch.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

FRAGMENTS=("$TOP/configs/qemu-virt.config" "$TOP/configs/arm-cca-host.config")
FLAVOUR=patched
if [ "${1:-}" = --base ]; then
	FLAVOUR=base
	MAIN_TREE=$TREE
	TREE=$BUILD/base-kernel/linux
	KOBJ=$BUILD/base-kernel/kernel
else
	FRAGMENTS+=("$TOP"/configs/*.kunitconfig)
fi
CCACHE_DIR=${CCACHE_DIR:-${HOME:-/root}/.cache/ccache}
CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
# kbuild passes absolute paths when O= is not below the source: hash them
# relative to the checkout so that every clone (CI's too) shares the cache.
CCACHE_BASEDIR=$TOP
CCACHE_NOHASHDIR=1
# A fixed build identity: reproducible images and better ccache hits.
KBUILD_BUILD_TIMESTAMP=$BASE_DATE
KBUILD_BUILD_USER=arm-cca-host
KBUILD_BUILD_HOST=build
export CCACHE_DIR CCACHE_MAXSIZE CCACHE_BASEDIR CCACHE_NOHASHDIR KBUILD_BUILD_TIMESTAMP KBUILD_BUILD_USER KBUILD_BUILD_HOST

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
configure() {
	mkdir -p "$KOBJ"
	cat "${FRAGMENTS[@]}" >"$KOBJ/fragment.config"
	make -s "${MAKE_ARGS[@]}" KCONFIG_ALLCONFIG="$KOBJ/fragment.config" allnoconfig \
		2>&1 | grep -v 'override: reassigning to symbol' || true
	[ -f "$KOBJ/.config" ] || die "kernel configuration failed"
}

# The base worktree: tag 'base' of build/linux, checked out once.
base_worktree() {
	[ -e "$MAIN_TREE/.git" ] || die "no work tree: run 'make tree'"
	if [ ! -e "$TREE/.git" ]; then
		say "kernel: checking out the unpatched base into ${TREE#"$TOP"/}"
		mkdir -p "$(dirname "$TREE")"
		git -C "$MAIN_TREE" worktree prune
		git -C "$MAIN_TREE" worktree add -q --detach "$TREE" base
	elif [ "$(git -C "$TREE" rev-parse HEAD)" != "$(git -C "$MAIN_TREE" rev-parse base)" ] ||
	     [ -n "$(git -C "$TREE" status --porcelain --untracked-files=no)" ]; then
		git -C "$TREE" checkout -q -f --detach base
	fi
}

main() {
	[ "$FLAVOUR" = patched ] || base_worktree
	[ -e "$TREE/.git" ] || die "no work tree: run 'make tree'"
	configure
	check_config
	say "kernel: building the $FLAVOUR arm64 Image in ${KOBJ#"$TOP"/} (log: ${LOGS#"$TOP"/}/kernel-$FLAVOUR.log)"
	run_logged "$LOGS/kernel-$FLAVOUR.log" make "${MAKE_ARGS[@]}" -j"$(nproc)" Image ||
		die "kernel build failed"
	say "kernel: $(cd "$TOP" && ls -l --time-style=+ "${KOBJ#"$TOP"/}/arch/arm64/boot/Image" | awk '{print $NF, $5, "bytes"}')"
	ccache -s 2>/dev/null | grep -iE 'hits|misses' | head -n 3 | sed 's/^/    ccache: /' || true
}

main "$@"
