#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: cost of the reserved_mem setup at boot, base against patched,
# for N+M = 128, 1024 and 8000 regions (half static, half dynamic, from
# tools/dtgen/dtgen.py), measured inside the kernel.
#
# Interface (called by the lead's aggregator):
#   BENCH_OUT    output directory (default build/bench); writes
#                $BENCH_OUT/rmem.md   markdown table, targets with PASS/FAIL
#                $BENCH_OUT/rmem.dat  "N base_ns patched_ns" (NaN: no result)
#                $BENCH_OUT/rmem/     DTs and boot logs
#   RMEM_BRANCH  revision of build/linux for the patched kernel (default
#                series; the reserved_mem rework is branch rmem)
#   BASE_REV     revision for the base kernel (default tag base)
#   RUNS         boots per kernel and size, the median is reported (3)
#   BUILD_KERNELS=0 boots the images already in build/bench/*/kernel
#   ICOUNT       1 (default): QEMU runs with -icount shift=0, so the virtual
#                counter advances one ns per guest instruction: times are
#                deterministic and independent of the host's load (TCG wall
#                time on 2 shared cores varied 5x between identical boots).
#                0: plain TCG, host-dependent times.
#   KOBJ/TREE    not used: the two kernels carry a bench-only patch and are
#                built here, in build/bench/{base,patched}/{linux,kernel}
#                (worktrees of build/linux; sibling layout, so ccache hits).
# Exit status: 0 when all targets pass.
#
# tests/bench/rmem-timing.patch (bench only, not part of the series) wraps
# early_init_fdt_scan_reserved_mem() in arch/arm64/mm/init.c (early phase)
# and fdt_scan_reserved_mem_late() in unflatten_device_tree() (late phase)
# with reads of CNTVCT_EL0, which counts before timekeeping does, and
# memblock_reserved_size(); a late_initcall prints
#   rmem-bench: early_ns= late_ns= count= entry_bytes= array_bytes=
#               persistent_bytes= memblock_growth_bytes= region_bytes= ...
# count is reserved_mem_count, array_bytes the size of the region array
# (total_reserved_mem_cnt * sizeof(struct reserved_mem)), persistent_bytes
# what both phases left reserved in memblock, minus the registered regions'
# own memory and minus memblock's grown region arrays (shown apart): the
# bookkeeping the reserved_mem code keeps. The patch needs reserved_mem,
# reserved_mem_count and total_reserved_mem_cnt in of_reserved_mem.c.
#
# Targets: patched time(8000) / time(1024) <= 10; patched / base at 128 <=
# 1.05; persistent memory of the patched kernel exactly count *
# sizeof(struct reserved_mem) (array_bytes and persistent_bytes) at every
# size. The base kernel cannot boot 1024 or 8000 regions (64 dynamic regions
# at most, memblock panics on its region arrays): reported as such.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

BENCH_OUT=${BENCH_OUT:-$BUILD/bench}
RMEM_BRANCH=${RMEM_BRANCH:-series}
BASE_REV=${BASE_REV:-base}
RUNS=${RUNS:-3}
ICOUNT=${ICOUNT:-1}
BUILD_KERNELS=${BUILD_KERNELS:-1}
PATCH=$TOP/tests/bench/rmem-timing.patch
DTGEN=$TOP/tools/dtgen/dtgen.py
WORK=$BENCH_OUT/rmem
read -ra SIZES <<<"${BENCH_SIZES:-128 1024 8000}"
MAX_RATIO=10
MAX_OVERHEAD=1.05

# prepare NAME REV: build/bench/NAME/linux at REV with the timing patch,
# built into build/bench/NAME/kernel
prepare() {
	local wt=$BUILD/bench/$1/linux kobj=$BUILD/bench/$1/kernel want
	want=$(git -C "$TREE" rev-parse --verify "$2^{commit}") || die "unknown revision $2"
	if [ ! -e "$wt/.git" ]; then
		mkdir -p "$(dirname "$wt")"
		git -C "$TREE" worktree prune
		git -C "$TREE" worktree add -q --detach "$wt" "$want" || die "cannot add worktree $wt"
	fi
	if [ "$(git -C "$wt" rev-parse HEAD)" != "$want" ] ||
	   ! git -C "$wt" apply -C1 --reverse --check "$PATCH" 2>/dev/null; then
		git -C "$wt" checkout -q -f --detach "$want"
		rm -f "$wt/include/linux/rmem_bench.h"
		git -C "$wt" apply -C1 "$PATCH" || die "$PATCH does not apply to $2"
	fi
	say "bench rmem: building $1 ($2 = $(git -C "$wt" log -1 --format='%h %s' "$want" | cut -c1-60)) + timing patch"
	run_logged "$LOGS/bench-rmem-$1.log" env TREE="$wt" KOBJ="$kobj" "$TOP/scripts/kernel.sh" ||
		die "cannot build the $1 kernel (log: $LOGS/bench-rmem-$1.log)"
}

# boot IMAGE DTB LOG: until the rmem-bench line or a panic
boot() {
	local pid end=$((SECONDS + 300))
	: >"$3"
	qemu-system-aarch64 -M virt,gic-version=3,virtualization=on \
		-cpu max,pauth-impdef=on -smp 2 -m 2G -nographic -nodefaults \
		$( [ "$ICOUNT" = 1 ] && echo "-icount shift=0,sleep=off") \
		-serial stdio -kernel "$1" -dtb "$2" \
		-append "console=ttyAMA0 earlycon quiet panic=-1" \
		-no-reboot </dev/null >"$3" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		if grep -aqE 'rmem-bench:|end Kernel panic' "$3" || [ "$SECONDS" -ge "$end" ]; then
			sleep 0.3
			kill "$pid" 2>/dev/null
			break
		fi
		sleep 0.2
	done
	wait "$pid" 2>/dev/null
}

field() { grep -ao "rmem-bench: .*" "$2" | tail -n 1 | grep -o "\b$1=[0-9-]*" | cut -d= -f2; }

median() {
	sort -n | awk '{ v[NR] = $1 } END { if (!NR) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# result KERNEL N: sets T (median early+late ns), E, L, C, EB, AB, PB, GB, WHY
result() {
	local r log tot=() early=() late=()
	T= E= L= C= EB= AB= PB= GB= WHY=
	for r in $(seq 1 "$RUNS"); do
		log=$WORK/$1-$2-$r.log
		if grep -aq 'rmem-bench:' "$log"; then
			early+=("$(field early_ns "$log")")
			late+=("$(field late_ns "$log")")
			tot+=("$(( $(field early_ns "$log") + $(field late_ns "$log") ))")
			C=$(field count "$log") EB=$(field entry_bytes "$log")
			AB=$(field array_bytes "$log") PB=$(field persistent_bytes "$log")
			GB=$(field memblock_growth_bytes "$log")
		else
			WHY=$(grep -ao 'Kernel panic - not syncing: [^]]*' "$log" | sed -n 1p | sed 's/Kernel panic - not syncing: //; s/ *$//')
			WHY="panic: ${WHY:-no rmem-bench line (timeout?)}"
		fi
	done
	if [ ${#tot[@]} -eq "$RUNS" ]; then
		T=$(printf '%s\n' "${tot[@]}" | median)
		E=$(printf '%s\n' "${early[@]}" | median)
		L=$(printf '%s\n' "${late[@]}" | median)
		WHY=
		local sk
		sk=$(grep -ac 'too many defined dynamic regions' "$WORK/$1-$2-1.log")
		[ "$sk" -eq 0 ] || WHY="$sk dynamic regions skipped"
	fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

main() {
	local k n r status=0 verdict
	mkdir -p "$WORK" "$LOGS"
	[ -e "$TREE/.git" ] || die "no work tree $TREE: run 'make tree'"
	if [ "$BUILD_KERNELS" = 1 ]; then
		prepare base "$BASE_REV"
		prepare patched "$RMEM_BRANCH"
	fi
	for k in base patched; do
		[ -f "$BUILD/bench/$k/kernel/arch/arm64/boot/Image" ] || die "no $k bench kernel"
	done
	[ -f "$BUILD/rmem-dt/virt.dtb" ] || sh "$TOP/tests/rmem/gen.sh" "$BUILD/rmem-dt" >/dev/null 2>&1 ||
		die "cannot dump QEMU virt's DT"
	for n in "${SIZES[@]}"; do
		[ "$WORK/dt-$n.dtb" -nt "$DTGEN" ] ||
			"$DTGEN" --seed "$n" --static $((n / 2)) --dynamic $((n - n / 2)) \
				"$BUILD/rmem-dt/virt.dtb" "$WORK/dt-$n.dtb" || die "dtgen failed"
	done
	say "bench rmem: ${#SIZES[@]} sizes x 2 kernels x $RUNS boots (patched = $RMEM_BRANCH)"
	for r in $(seq 1 "$RUNS"); do
		for n in "${SIZES[@]}"; do
			for k in base patched; do
				boot "$BUILD/bench/$k/kernel/arch/arm64/boot/Image" "$WORK/dt-$n.dtb" "$WORK/$k-$n-$r.log"
			done
		done
	done

	declare -A TT
	local rows=() dat=() mem_ok=1 mem_rows=()
	for n in "${SIZES[@]}"; do
		local line="| $n |" bt=NaN pt=NaN
		for k in base patched; do
			result "$k" "$n"
			if [ -n "$T" ]; then
				TT[$k-$n]=$T
				line+=" $E | $L | $T | $C |${WHY:+ $WHY} |"
				[ "$k" = base ] && bt=$T || pt=$T
			else
				line+=" - | - | - | - | $WHY |"
			fi
			if [ "$k" = patched ]; then
				if [ -n "$T" ] && [ "$AB" -eq $((C * EB)) ] && [ "$PB" -eq $((C * EB)) ]; then
					mem_rows+=("| $n | $C | $EB | $((C * EB)) | $AB | $PB | $GB | PASS |")
				else
					mem_ok=0
					mem_rows+=("| $n | ${C:--} | ${EB:--} | ${C:+$((C * EB))} | ${AB:--} | ${PB:--} | ${GB:--} | FAIL${WHY:+ ($WHY)} |")
				fi
			fi
		done
		rows+=("$line")
		dat+=("$n $bt $pt")
	done

	local t1 t2 t3 v1 v2 v3
	if [ -n "${TT[patched-8000]:-}" ] && [ -n "${TT[patched-1024]:-}" ]; then
		t1=$(ratio "${TT[patched-8000]}" "${TT[patched-1024]}")
		le "$t1" "$MAX_RATIO" && v1=PASS || v1=FAIL
	else
		t1="n/a (no result at 1024 or 8000)" v1=FAIL
	fi
	if [ -n "${TT[patched-128]:-}" ] && [ -n "${TT[base-128]:-}" ]; then
		t2=$(ratio "${TT[patched-128]}" "${TT[base-128]}")
		le "$t2" "$MAX_OVERHEAD" && v2=PASS || v2=FAIL
	else
		t2="n/a" v2=FAIL
	fi
	[ "$mem_ok" = 1 ] && v3=PASS || v3=FAIL
	for verdict in "$v1" "$v2" "$v3"; do
		[ "$verdict" = PASS ] || status=1
	done

	{
		echo "# reserved_mem setup time (tests/bench/rmem.sh)"
		echo
		echo "Base: $BASE_REV, patched: $RMEM_BRANCH ($(git -C "$BUILD/bench/patched/linux" log -1 --format=%h HEAD)), both with"
		echo "tests/bench/rmem-timing.patch. N+M regions, half static (non-adjacent), half dynamic;"
		echo "QEMU virt TCG, 2 GiB, -smp 2; times from CNTVCT_EL0 in the kernel, in ns, median of $RUNS boots"
		if [ "$ICOUNT" = 1 ]; then
			echo "(-icount shift=0: 1 ns = 1 guest instruction, deterministic)."
		else
			echo "(plain TCG: host-dependent)."
		fi
		echo "early = early_init_fdt_scan_reserved_mem(), late = fdt_scan_reserved_mem_late()."
		echo
		echo "| N+M | base early | base late | base total | base count | base note | patched early | patched late | patched total | patched count | patched note |"
		echo "|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|"
		printf '%s\n' "${rows[@]}"
		echo
		echo "Persistent memory of the patched kernel (bytes):"
		echo
		echo "| N+M | count | sizeof(struct reserved_mem) | count * sizeof | array_bytes | persistent_bytes | memblock array growth (not counted) | verdict |"
		echo "|---:|---:|---:|---:|---:|---:|---:|---|"
		printf '%s\n' "${mem_rows[@]}"
		echo
		echo "| target | value | verdict |"
		echo "|---|---|---|"
		echo "| patched time(8000) / time(1024) <= $MAX_RATIO | $t1 | $v1 |"
		echo "| patched / base at 128 <= $MAX_OVERHEAD | $t2 | $v2 |"
		echo "| persistent memory = count * sizeof(struct reserved_mem) | see above | $v3 |"
		echo
		echo "The base kernel keeps at most 64 dynamic regions and its memblock region arrays"
		echo "cannot grow before paging_init: at 1024 and 8000 it skips regions or panics (note column)."
	} >"$BENCH_OUT/rmem.md"
	{
		echo "# N base_ns patched_ns (median early+late; NaN: no result)"
		printf '%s\n' "${dat[@]}"
	} >"$BENCH_OUT/rmem.dat"
	cat "$BENCH_OUT/rmem.md"
	return "$status"
}

main "$@"
