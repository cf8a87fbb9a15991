#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build coverage beyond our QEMU config, kept fast by compiling only the C
# files the series adds or changes, after 'make prepare':
#
#   arm64   defconfig + ARM_RMM and the KUnit suites, W=1, against the base
#           built the same way: a warning the base does not have fails;
#   arm     multi_v7_defconfig  \
#   riscv   defconfig            | + OF, OF_RESERVED_MEM and its KUnit suite,
#   x86_64  x86_64_defconfig     | the series' generic files (and this arch's
#   um      defconfig (x86_64)  /  own, if any): any warning fails.
#
# The objects of each architecture come from 'git diff base..HEAD' of the
# work tree, so the list follows the series. Output in build/buildcov/.
# buildcov.sh [ARCH...] limits the run to some architectures.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

OUT=$BUILD/buildcov
BASE_TREE=$OUT/base/linux
if [ $# -gt 0 ]; then ARCHES=("$@"); else ARCHES=(arm64 arm riscv x86_64 um); fi
CCACHE_DIR=${CCACHE_DIR:-${HOME:-/root}/.cache/ccache}
CCACHE_BASEDIR=$TOP
CCACHE_NOHASHDIR=1
# no two builds here share a preprocessed file: depend mode (kernel.sh)
CCACHE_DEPEND=1
KBUILD_BUILD_TIMESTAMP=$BASE_DATE
export CCACHE_DIR CCACHE_BASEDIR CCACHE_NOHASHDIR CCACHE_DEPEND KBUILD_BUILD_TIMESTAMP
unset ARCH CROSS_COMPILE
JOBS=$(nproc)
passed=0
failed=0

# Options set on top of each defconfig; those a tree does not define are
# dropped by olddefconfig (the base has no ARM_RMM).
OPTS_COMMON=(-e OF -e KUNIT -e OF_RESERVED_MEM_KUNIT_TEST)
OPTS_ARM64=(-e ARM_RMM -e ARM_RMM_KUNIT_TEST -e KVM -e KVM_ARM_RME_KUNIT_TEST)

arch_setup() {	# ARCH -> KARCH CROSS DEFCONFIG
	case "$1" in
	arm64) KARCH=arm64 CROSS=aarch64-linux-gnu- DEFCONFIG=defconfig ;;
	arm) KARCH=arm CROSS=arm-linux-gnueabihf- DEFCONFIG=multi_v7_defconfig ;;
	riscv) KARCH=riscv CROSS=riscv64-linux-gnu- DEFCONFIG=defconfig ;;
	x86_64) KARCH=x86_64 CROSS='' DEFCONFIG=x86_64_defconfig ;;
	um) KARCH=um CROSS='' DEFCONFIG=defconfig ;;
	*) die "buildcov: unknown architecture $1" ;;
	esac
}

# The .o targets for the C files the series adds or modifies that this
# architecture builds: generic files and arch/<it>/ files, skipping files
# that are #included rather than listed in their Makefile.
objects() {
	local arch_dir=$1 f d b
	git -C "$TREE" diff --name-only --diff-filter=AM base..HEAD -- '*.c' |
	while IFS= read -r f; do
		case "$f" in
		arch/"$arch_dir"/*) ;;
		arch/*) continue ;;
		esac
		d=$(dirname "$f") b=$(basename "$f" .c)
		grep -qw "$b\.o" "$TREE/$d/Makefile" 2>/dev/null || continue
		echo "$d/$b.o"
	done
}

# kmake SRC OBJDIR ARGS...: make for the current architecture with ccache.
kmake() {
	local src=$1 obj=$2
	shift 2
	make -C "$src" O="$obj" ARCH="$KARCH" ${CROSS:+CROSS_COMPILE=$CROSS} \
		CC="ccache ${CROSS}gcc" HOSTCC="ccache gcc" -j"$JOBS" "$@"
}

# configured OBJDIR OBJS...: the objects this configuration builds: those
# whose Makefile line names no CONFIG_ option, or one set in OBJDIR/.config.
configured() {
	local obj=$1 o line sym
	shift
	for o in "$@"; do
		line=$(grep -w "$(basename "$o" | sed 's/\./\\./')" "$TREE/$(dirname "$o")/Makefile" | sed -n 1p)
		sym=$(grep -o 'CONFIG_[A-Z0-9_]*' <<<"$line" | sed -n 1p)
		[ -z "$sym" ] || grep -qE "^$sym=[ym]" "$obj/.config" || continue
		echo "$o"
	done
}

# build SRC OBJDIR W OBJS...: configure, prepare and compile those of OBJS
# the configuration builds (listed in OBJDIR/objects); the compiler's
# diagnostics go to OBJDIR/objects.log.
build() {
	local src=$1 obj=$2 w=$3 opts objs
	shift 3
	opts=("${OPTS_COMMON[@]}")
	[ "$KARCH" != arm64 ] || opts+=("${OPTS_ARM64[@]}")
	mkdir -p "$obj"
	kmake "$src" "$obj" -s "$DEFCONFIG" >"$obj/config.log" 2>&1 &&
	"$src/scripts/config" --file "$obj/.config" "${opts[@]}" &&
	kmake "$src" "$obj" -s olddefconfig >>"$obj/config.log" 2>&1 &&
	kmake "$src" "$obj" -s prepare >"$obj/prepare.log" 2>&1 || {
		tail -n 20 "$obj/config.log" "$obj/prepare.log" 2>/dev/null
		return 1
	}
	mapfile -t objs < <(configured "$obj" "$@")
	printf '%s\n' "${objs[@]}" >"$obj/objects"
	[ "${#objs[@]}" -gt 0 ] || return 0
	# Compile them again on every run: the diagnostics must be seen each
	# time (ccache replays them), not only on the first.
	(cd "$obj" && rm -f "${objs[@]}")
	kmake "$src" "$obj" ${w:+W=$w} "${objs[@]}" >"$obj/objects.log" 2>&1
}

# Warnings of OBJDIR/objects.log without line numbers, one per line.
warnings() {
	grep -aE '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$1/objects.log" |
		sed -E 's/^([^:]+):[0-9]+:[0-9]+:/\1:/; s#^.*/(linux)/##' | sort -u
}

base_tree() {
	if [ ! -e "$BASE_TREE/.git" ]; then
		git -C "$TREE" worktree add -q --detach "$BASE_TREE" base
	else
		git -C "$BASE_TREE" checkout -q --detach base
	fi
}

one() {
	local arch=$1 objs obj new
	arch_setup "$arch"
	mapfile -t objs < <(objects "$KARCH")
	[ "$KARCH" != x86_64 ] || mapfile -t objs < <(objects x86)
	obj=$OUT/$arch/kernel
	if [ "${#objs[@]}" -eq 0 ]; then
		info "skip $arch: the series changes no C file it builds"
		return
	fi
	if ! build "$TREE" "$obj" "$([ "$arch" = arm64 ] && echo 1)" "${objs[@]}"; then
		failed=$((failed + 1))
		info "FAIL $arch: build failed (${obj#"$TOP"/}/objects.log)"
		grep -a -m 20 -E 'error|warning' "$obj/objects.log" | sed 's/^/         /'
		return
	fi
	if [ "$arch" = arm64 ]; then
		# Only what the series adds: compare with the base's W=1 output
		# for the objects both trees have.
		base_tree
		local bobjs=() o
		for o in "${objs[@]}"; do
			[ -f "$BASE_TREE/${o%.o}.c" ] && bobjs+=("$o")
		done
		if [ "${#bobjs[@]}" -gt 0 ] &&
		   ! build "$BASE_TREE" "$OUT/arm64-base/kernel" 1 "${bobjs[@]}"; then
			failed=$((failed + 1))
			info "FAIL arm64: the base does not build these objects"
			return
		fi
		new=$(comm -13 <(warnings "$OUT/arm64-base/kernel" 2>/dev/null) <(warnings "$obj"))
	else
		new=$(warnings "$obj")
	fi
	mapfile -t objs <"$obj/objects"
	if [ "${#objs[@]}" -eq 0 ] || [ -z "${objs[0]}" ]; then
		failed=$((failed + 1))
		info "FAIL $arch ($DEFCONFIG): the configuration builds none of the series' files"
	elif [ -n "$new" ]; then
		failed=$((failed + 1))
		info "FAIL $arch ($DEFCONFIG): new warnings"
		sed 's/^/         /' <<<"$new" | sed -n 1,30p
	else
		passed=$((passed + 1))
		info "ok   $arch ($DEFCONFIG$([ "$arch" = arm64 ] && echo ' + ARM_RMM, W=1, against the base')): ${#objs[@]} objects: ${objs[*]}"
	fi
}

main() {
	local a
	[ -e "$TREE/.git" ] || die "no work tree: run 'make tree'"
	say "buildcov: the series' C files on ${ARCHES[*]}"
	for a in "${ARCHES[@]}"; do
		one "$a"
	done
	record buildcov "$passed" "$failed"
	echo "buildcov: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main
