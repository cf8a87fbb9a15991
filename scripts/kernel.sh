#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the arm64 kernel of build/linux into build/kernel (O=, outside the
# tree) with ccache. The config is allnoconfig plus our fragments; it is only
# regenerated when a fragment changes, and every option a fragment asks for is
# checked in the result.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

FRAGMENTS=("$TOP/configs/qemu-virt.config" "$TOP/configs/arm-cca-host.config"
	   "$TOP"/configs/*.kunitconfig)
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

# Every 'CONFIG_X=v' and '# CONFIG_X is not set' of the fragments must hold.
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
		val=$(grep -E "^$sym=|^# $sym is not set" "$KOBJ/.config" || echo "absent (unmet dependency?)")
		warn "config: fragment asks '$line', .config has '$val'"
		bad=1
	done <"$KOBJ/fragment.config"
	[ "$bad" -eq 0 ] || die "the kernel config does not honour configs/ (see above)"
}

configure() {
	mkdir -p "$KOBJ"
	cat "${FRAGMENTS[@]}" >"$KOBJ/fragment.config.new"
	if [ -f "$KOBJ/.config" ] && cmp -s "$KOBJ/fragment.config.new" "$KOBJ/fragment.config"; then
		rm "$KOBJ/fragment.config.new"
		return
	fi
	mv "$KOBJ/fragment.config.new" "$KOBJ/fragment.config"
	say "kernel: configuring (allnoconfig + ${#FRAGMENTS[@]} fragments)"
	make -s "${MAKE_ARGS[@]}" KCONFIG_ALLCONFIG="$KOBJ/fragment.config" allnoconfig \
		2>&1 | grep -v 'override: reassigning to symbol' || true
	[ -f "$KOBJ/.config" ] || die "kernel configuration failed"
}

main() {
	[ -e "$TREE/.git" ] || die "no work tree: run 'make tree'"
	configure
	check_config
	say "kernel: building arm64 Image in ${KOBJ#"$TOP"/} (log: ${LOGS#"$TOP"/}/kernel.log)"
	run_logged "$LOGS/kernel.log" make "${MAKE_ARGS[@]}" -j"$(nproc)" Image ||
		die "kernel build failed"
	say "kernel: $(cd "$TOP" && ls -l --time-style=+ "${KOBJ#"$TOP"/}/arch/arm64/boot/Image" | awk '{print $NF, $5, "bytes"}')"
	ccache -s 2>/dev/null | grep -iE 'hits|misses' | head -n 3 | sed 's/^/    ccache: /' || true
}

main "$@"
