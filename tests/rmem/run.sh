#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Reserved-memory boot tests: boot kernels with device trees made by
# tools/dtgen from QEMU virt's own DT and assert what the console shows.
#
#   dt      9 fixed DTs (regions of every kind, malformed nodes, /memreserve/
#           traps, shared-dma-pool regions, late no-map
#           carve-outs at the top and bottom of RAM after 300 static
#           regions) on the patched kernel: the KUnit suites,
#           of_reserved_mem_boot among them (it checks every region against
#           the live DT it was booted with, and that a shared-dma-pool
#           region was initialised by its handler), must pass; in the DTs of
#           ALL_REGISTERED every available node must be registered.
#   matrix  N static + M dynamic regions for (N,M[,S,C]) in MATRIX, on the patched
#           kernel (KUnit passes, all N+M regions registered, nothing
#           skipped) and on the base kernel, whose behaviour today is
#           asserted as EXPECTED (dynamic regions past 64 skipped by name,
#           memblock panic for large counts). Writes build/rmem-boot/matrix.md.
#   fuzz    FUZZ_COUNT DTs with random defective nodes (fixed seeds) on the
#           patched kernel: no panic/oops/WARN, KUnit passes, every bad node
#           named exactly once (tests/rmem/fuzzcheck.py, which holds the
#           expectation per defect kind and the EXPECTED_UNNAMED list).
#   random  device trees made by dtgen --random from a seed alone, for the
#           fixed seeds of RANDOM_SEEDS (small, large up to 8,000 regions,
#           no-map-heavy up to the cap, collision-heavy) plus one new seed
#           per run, printed; on the patched kernel with the test init
#           printing /proc/iomem (initiomem=1). tests/rmem/oracle.py says
#           from the DT alone what must happen to every node (reserved,
#           no-map, placed, refused) and compares it with the registration
#           lines, /proc/iomem and KUnit (of_reserved_mem_boot must pass);
#           a mismatch fails naming the node and the seed.
#           SEED=S reproduces one seed: SEED=S tests/rmem/run.sh --only random
#   boards  the /reserved-memory nodes of real board DTs of the kernel tree
#           (tests/rmem/boards/boards.txt), grafted onto QEMU virt's DT, on
#           the base and the patched kernel: registration and initialisation
#           must be identical region by region, except for the expected
#           differences listed there (tests/rmem/boards/boards.py).
#
# Usage: tests/rmem/run.sh [--fast] [--only dt|matrix|fuzz|random|boards]... [--no-base]
#   --fast      dt + matrix rows up to (65,65) + the first 20 fuzz DTs
#   --only X    run only part X (repeatable)
#   --no-base   skip the base kernel column of the matrix
# Environment: KOBJ (patched kernel objdir, default build/kernel),
#   BASE_IMAGE (default build/base-kernel/Image), JOBS (parallel boots,
#   default 2), FUZZ_COUNT (default 100), STRICT=1 (fuzz: ignore the
#   expected-failure lists), MATRIX ("N,M N,M,S,C ...", see below),
#   SEED (random: only this seed), RANDOM_SEEDS (the fixed list),
#   NOMAP_CAP (random: no-map regions per DT; dtgen's NOMAP_CAP if unset),
#   BOARDS (boards: only these, names as in boards.txt). Fault injection
#   for tests/rmem/LENSES.md: RMEM_EXTRA_ARGS (random: more kernel
#   arguments), BOARDS_EXTRA (boards: a node added to every board's
#   /reserved-memory, late in the tree), BOARDS_EXPECT ("BOARD NODE WHAT
#   REASON": one more expected difference). tests/rmem/lenses.sh uses them.
#   DEBUG=1 with KOBJ=build/kernel-debug (tests/debug.sh): logs in
#   build/rmem-boot-debug, and any lockdep, KASAN, UBSAN, WARNING or BUG
#   report fails its boot, named (tests/lib.sh: debug_check).
# Timings measured on the 2 shared cores, JOBS=2: the full run (dt, matrix
# with base, 100 fuzz DTs) 229 s on a kernel that boots every row (the
# (4000,4000) boot alone ~20 s), --fast 57 s. random 28 to 65 s (9 DTs,
# 2 to 12 s a boot; the spread is the load of the shared machine), boards
# 23 to 34 s (28 boots of 1 to 4 s); all five parts together 324 s.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"
. "$(dirname "$0")/../lib.sh"

DT=$BUILD/rmem-dt
OUT=$BUILD/rmem-boot RESULT_NAME=rmem-dt
[ "$DEBUG" != 1 ] || OUT=$BUILD/rmem-boot-debug RESULT_NAME=debug-rmem
DTGEN=$TOP/tools/dtgen/dtgen.py
IMAGE=$KOBJ/arch/arm64/boot/Image
BASE_IMAGE=${BASE_IMAGE:-$BUILD/base-kernel/Image}
JOBS=${JOBS:-2}
FUZZ_COUNT=${FUZZ_COUNT:-100}
STRICT=${STRICT:-0}
DTBS=(plain seed1 seed2 seed3 malformed fix-a fix-c fix-d carve-late)
# DTs of which every available node must be registered (KUnit's count of
# nodes and registered regions agree): the live-DT suite accepts a static
# region the early scan could not reserve, but in these DTs nothing
# legitimately collides, so such a region is a defect of the kernel.
ALL_REGISTERED=" seed1 seed2 seed3 fix-d carve-late "
# A row is N,M or N,M,S,C: S is the share of the static regions that are
# no-map (dtgen's default is 0.5), C the late no-map carve-outs (top, bottom
# or top+bottom; - for none). The N,M,S,C rows reproduce two memblock
# failures of the arrays grown before paging_init(): a top-of-RAM carve-out
# late in the tree taken by a grown array, and no-map splits of
# memblock.memory that the arrays did not account for; 8000,0,1,- needs
# 16,001 entries of memblock.memory before paging_init(), more than one
# 256 KiB early_memremap() slot held (arm64's slots are 512 KiB now).
MATRIX=${MATRIX:-"0,0 10,10 64,64 65,65 1000,1000 4000,4000 8000,0,1,- 1500,1500,1,top 5000,3000,0.33,top+bottom"}
# What the base kernel (7.3.4) does today with N static + M dynamic regions
# from dtgen: up to 64 dynamic regions, the rest skipped by name; memblock's
# static region arrays (128 entries each until paging_init) cannot hold the
# regions of the large rows, so it panics before the console is up.
BASE_PANIC_FROM=1000	# N >= this: panic "memblock: cannot resize"

# matrix_row ENTRY: set n, m, tag (DTB and log name), rargs (extra dtgen
# arguments) and nc (regions in the DT) of a MATRIX entry
matrix_row() {
	local s c plus
	IFS=, read -r n m s c <<<"$1"
	tag=$n-$m rargs= nc=$((n + m))
	if [ -n "$s" ]; then
		tag+=-n$s-${c//+/-}
		rargs="--nomap-share $s"
		if [ "$c" != - ]; then
			rargs+=" --carveout ${c//+/ --carveout }"
			plus=${c//[^+]/}
			nc=$((nc + 1 + ${#plus}))
		fi
	fi
}

# boot IMAGE DTB LOG [TIMEOUT [ARGS [INITRD]]]: stops at the end of a panic
# too (the kernel may panic before it parsed panic=). With INITRD the test
# init runs after KUnit (no kunit_shutdown) and powers the machine off.
boot() {
	local pid end start=$SECONDS
	local -a initrd=()
	: >"$3"
	[ -z "${6:-}" ] || initrd=(-initrd "$6")
	qemu-system-aarch64 -M virt,gic-version=3,virtualization=on \
		-cpu max,pauth-impdef=on -smp 2 -m 2G -nographic -nodefaults \
		-serial stdio -kernel "$1" -dtb "$2" "${initrd[@]}" \
		-append "console=ttyAMA0 earlycon kunit.enable=1 $([ -n "${6:-}" ] || echo kunit_shutdown=reboot) panic=-1 ${5:-}" \
		-no-reboot </dev/null >"$3" 2>&1 &
	pid=$!
	end=$((SECONDS + ${4:-300}))
	while kill -0 "$pid" 2>/dev/null; do
		if grep -aq 'end Kernel panic' "$3" || [ "$SECONDS" -ge "$end" ]; then
			sleep 0.5
			kill "$pid" 2>/dev/null
			[ "$SECONDS" -lt "$end" ] || echo "rmem-test: boot timed out after ${4:-300}s" >>"$3"
			break
		fi
		sleep 0.3
	done
	wait "$pid" 2>/dev/null
	echo "$((SECONDS - start))" >"$3.time"
}

# Run "CMD ARGS" lines from stdin, JOBS at a time.
parallel() {
	local line
	while IFS= read -r line; do
		while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
			wait -n
		done
		eval "$line" &
	done
	wait
}

# gen OUT ARGS...: run dtgen unless OUT is newer than dtgen
gen() {
	local out=$1
	shift
	[ "$out" -nt "$DTGEN" ] || "$DTGEN" "$@" "$DT/virt.dtb" "$out"
}

regs()    { grep -acE 'OF: reserved mem: 0x[0-9a-f]+\.\.0x[0-9a-f]+ \([0-9]+ KiB\)' "$1"; }
skipped() { grep -ac 'too many defined dynamic regions, skip' "$1"; }
panicked() { grep -a -m1 -o 'Kernel panic - not syncing: .*' "$1" | sed 's/ ]---$//'; }
crashed() { grep -aqE 'Kernel panic|Oops|Internal error|Unable to handle|WARNING:|BUG:|Call trace:' "$1"; }
totals()  { grep -a '# Totals:' "$1" | tail -n 1 | sed 's/.*# Totals: //'; }
# KUnit ran, nothing failed, and no case of our suites was skipped (a
# skipped case cannot fail; node_init failures are tested through a static
# stub, with no help from the DT)
kunit_ok() {
	[ -n "$(totals "$1")" ] && ! grep -aq '^[^#]*not ok' "$1" &&
		grep -aq 'ok [0-9]* of_reserved_mem_boot' "$1" &&
		! grep -aqE 'ok [0-9]+ of_rmem_test_[a-z_]+ # SKIP' "$1"
}
# all_registered LOG: KUnit counted as many registered regions as nodes
all_registered() {
	local kl
	kl=$(grep -a -o '[0-9]* nodes, [0-9]* registered regions' "$1" | tail -n 1)
	[ -n "$kl" ] && [ "${kl%% nodes*}" = "$(sed -n 's/.*nodes, \([0-9]*\) registered.*/\1/p' <<<"$kl")" ]
}
fail_lines() { grep -a -A2 'not ok\|EXPECTATION FAILED' "$1" | sed -n "1,${2:-8}s/^/         /p"; }

PASSED=0 FAILED=0
pass() { PASSED=$((PASSED + 1)); info "ok   $*"; }
fail() { FAILED=$((FAILED + 1)); info "FAIL $*"; }

run_dt() {
	local n
	sh "$TOP/tests/rmem/gen.sh" "$DT" >"$OUT/gen.log" 2>&1 ||
		{ cat "$OUT/gen.log"; die "cannot generate the test device trees"; }
	say "rmem dt: booting the patched kernel with ${#DTBS[@]} generated device trees"
	for n in "${DTBS[@]}"; do
		echo "boot '$IMAGE' '$DT/$n.dtb' '$OUT/$n.log'"
	done | parallel
	for n in "${DTBS[@]}"; do
		dbg=0
		debug_check "rmem-$n" "$OUT/$n.log" || dbg=1
		if kunit_ok "$OUT/$n.log" && ! crashed "$OUT/$n.log" && [ "$dbg" -eq 0 ] &&
		   { [[ "$ALL_REGISTERED" != *" $n "* ]] || all_registered "$OUT/$n.log"; }; then
			pass "$n ($(totals "$OUT/$n.log"))"
		else
			fail "$n ($(totals "$OUT/$n.log"); log ${OUT#"$TOP"/}/$n.log)"
			fail_lines "$OUT/$n.log" 20
		fi
	done
}

run_matrix() {
	local nm n m tag rargs nc log blog t reg skip kl want row panic bt
	local -a rows=()
	say "rmem matrix: N static + M dynamic regions, patched$( [ -n "$NO_BASE" ] && echo " only" || echo " and base"): $MATRIX"
	for nm in $MATRIX; do
		matrix_row "$nm"
		echo "gen '$DT/matrix-$tag.dtb' --seed $((n * 7 + m + 1)) --static $n --dynamic $m $rargs"
	done | parallel
	for nm in $MATRIX; do
		matrix_row "$nm"
		t=$((120 + (n + m) / 10))
		echo "boot '$IMAGE' '$DT/matrix-$tag.dtb' '$OUT/matrix-$tag.log' $t"
		[ -n "$NO_BASE" ] ||
			echo "boot '$BASE_IMAGE' '$DT/matrix-$tag.dtb' '$OUT/matrix-$tag.base.log' $t"
	done | parallel
	rows+=("| N static | M dynamic | static no-map share, late carve-outs | patched: registered | skipped | KUnit | boot s | verdict | base (EXPECTED today): registered | skipped | outcome | boot s | verdict |"
	       "|---:|---:|---|---:|---:|---|---:|---|---:|---:|---|---:|---|")
	for nm in $MATRIX; do
		matrix_row "$nm"
		log=$OUT/matrix-$tag.log blog=$OUT/matrix-$tag.base.log
		# patched: everything registered, nothing skipped, KUnit passes
		reg=$(regs "$log") skip=$(skipped "$log")
		kl=$(grep -a -o '[0-9]* nodes, [0-9]* registered regions' "$log" | tail -n 1)
		want="$nc nodes, $nc registered regions"
		dbg=0
		debug_check "rmem-matrix-$nm" "$log" || dbg=1
		if kunit_ok "$log" && ! crashed "$log" && [ "$dbg" -eq 0 ] && [ "$reg" -eq "$nc" ] &&
		   [ "$skip" -eq 0 ] && [ "$kl" = "$want" ]; then
			pass "patched ($nm): $reg regions registered, KUnit $(totals "$log") ($(cat "$log.time") s)"
			row="| $n | $m | ${rargs:--} | $reg | $skip | pass | $(cat "$log.time") | PASS |"
		else
			panic=$(panicked "$log")
			fail "patched ($nm): $reg of $nc regions, $skip skipped, KUnit '${kl:-no live-DT count}' ${panic:+, $panic} (log ${log#"$TOP"/})"
			fail_lines "$log" 6
			row="| $n | $m | ${rargs:--} | $reg | $skip | ${panic:-$(kunit_ok "$log" && echo pass || echo FAIL)} | $(cat "$log.time") | FAIL |"
		fi
		if [ -n "$NO_BASE" ]; then
			rows+=("$row | - | - | not run | - | - |")
			continue
		fi
		# base: assert today's behaviour
		reg=$(regs "$blog") skip=$(skipped "$blog") panic=$(panicked "$blog") bt=$(cat "$blog.time")
		if [ "$n" -ge "$BASE_PANIC_FROM" ]; then
			if [[ "$panic" == *"memblock: cannot resize"* ]]; then
				pass "base ($nm): panics as expected: $panic"
				row+=" $reg | $skip | panic: ${panic#Kernel panic - not syncing: } | $bt | as expected |"
			else
				fail "base ($nm): expected a memblock panic, got ${panic:-none} ($reg regions; log ${blog#"$TOP"/})"
				row+=" $reg | $skip | ${panic:-no panic} | $bt | UNEXPECTED |"
			fi
		else
			local wreg=$((n + (m < 64 ? m : 64))) wskip=$((m > 64 ? m - 64 : 0))
			if [ -z "$panic" ] && [ "$reg" -eq "$wreg" ] && [ "$skip" -eq "$wskip" ] &&
			   { [ "$wskip" -eq 0 ] || grep -aq "too many defined dynamic regions, skip 'dynamic64'" "$blog"; }; then
				pass "base ($nm): $reg regions registered, $skip dynamic skipped, as expected"
				row+=" $reg | $skip | boots$( [ "$skip" -eq 0 ] || echo ", dynamic64.. skipped") | $bt | as expected |"
			else
				fail "base ($nm): expected $wreg registered and $wskip skipped, got $reg and $skip ${panic:+($panic)} (log ${blog#"$TOP"/})"
				row+=" $reg | $skip | ${panic:-boots} | $bt | UNEXPECTED |"
			fi
		fi
		rows+=("$row")
	done
	{
		echo "# reserved_mem boot matrix"
		echo
		echo "Patched: ${IMAGE#"$TOP"/}; base: ${BASE_IMAGE#"$TOP"/}. DTs: tools/dtgen/dtgen.py"
		echo "(static regions non-adjacent; no-map, reusable, alignment and alloc-ranges mixed),"
		echo "QEMU virt, 2 GiB, -smp 2, TCG. Patched verdict: KUnit (of_reserved_mem_boot checks"
		echo "every region against the live DT) passes, all N+M regions are registered, none"
		echo "skipped. Base verdict: today's behaviour as asserted by tests/rmem/run.sh."
		echo
		printf '%s\n' "${rows[@]}"
	} >"$OUT/matrix.md"
	info "table: ${OUT#"$TOP"/}/matrix.md"
}

run_fuzz() {
	local s n ok=0 xfail=0 bad=0 line root
	local count=$FUZZ_COUNT
	[ -z "$FAST" ] || [ "$count" -le 20 ] || count=20
	say "rmem fuzz: $count device trees with defective nodes on the patched kernel${STRICT:+ }$( [ "$STRICT" = 1 ] && echo '(strict)')"
	for s in $(seq 1 "$count"); do
		root=
		[ $((s % 20)) -ne 0 ] || root=--root-defect
		echo "gen '$DT/fuzz-$s.dtb' --seed $((5000 + s)) --static $((2 + s % 7)) --dynamic $((2 + s * 3 % 7)) --fuzz $((3 + s * 7 % 6)) $root --sidecar '$DT/fuzz-$s.txt'"
	done | parallel
	for s in $(seq 1 "$count"); do
		# only the reserved_mem suites: the others do not look at the DT
		echo "boot '$IMAGE' '$DT/fuzz-$s.dtb' '$OUT/fuzz-$s.log' 120 'kunit.filter_glob=of_reserved_mem*'"
	done | parallel
	: >"$OUT/fuzz.txt"
	for s in $(seq 1 "$count"); do
		cp "$DT/fuzz-$s.txt" "$OUT/fuzz-$s.bad"
		line=$(python3 "$TOP/tests/rmem/fuzzcheck.py" $( [ "$STRICT" = 1 ] && echo --strict) \
			"$OUT/fuzz-$s.log" "$OUT/fuzz-$s.bad")
		debug_check "rmem-fuzz-$s" "$OUT/fuzz-$s.log" || line="FAIL  fuzz-$s: debug report (above)"
		echo "$line" >>"$OUT/fuzz.txt"
		case "$line" in
		PASS*) ok=$((ok + 1)) ;;
		XFAIL*) xfail=$((xfail + 1)) ;;
		*) bad=$((bad + 1)); info "$line" ;;
		esac
	done
	# a kind listed as failing of_reserved_mem_boot that never did: stale
	if [ "$STRICT" != 1 ] && [ "$count" -ge 50 ]; then
		for k in $(python3 "$TOP/tests/rmem/fuzzcheck.py" --kunit-xfail); do
			grep -qE "of_reserved_mem_boot fails for ([a-z-]+,)*$k(,|;|\$)" "$OUT/fuzz.txt" && continue
			bad=$((bad + 1))
			info "FAIL  $k never failed of_reserved_mem_boot: remove it from EXPECTED_KUNIT_FAIL (tests/rmem/fuzzcheck.py)"
		done
	fi
	info "fuzz: $ok passed, $xfail expected failures (EXPECTED_UNNAMED/EXPECTED_KUNIT_FAIL in tests/rmem/fuzzcheck.py), $bad failed; per DT: ${OUT#"$TOP"/}/fuzz.txt"
	PASSED=$((PASSED + ok + xfail)) FAILED=$((FAILED + bad))
}

# Seeds of the random part; the profile is seed % 4 (tools/dtgen: 0 small,
# 1 large, 2 no-map-heavy, 3 collision-heavy):
#   4, 12      small (149 and 200 nodes)
#   217, 9     large (7,872 and 7,104 nodes)
#   198, 86    no-map-heavy (3,363 and 6,604 no-map regions of 4,215 and
#              7,962 nodes; 86 has 5,469 static ones, more than the 256 KiB
#              early memblock arrays held)
#   3, 11      collision-heavy (26 and 27 collisions of each kind: 497 and 633
#              nodes, 54 and 56 refused)
# dtgen --random prints each DT's counts (build/rmem-boot/random-S.gen).
RANDOM_SEEDS=${RANDOM_SEEDS:-"4 12 217 9 198 86 3 11"}
INITRD=$BUILD/rmm-model/initramfs.cpio

# The test init's initramfs, as scripts/firmware.sh builds it (make in
# tools/rmm-model), if it is missing or predates initiomem=
build_initrd() {
	make -s -C "$TOP/tools/rmm-model" O="$BUILD/rmm-model" "$INITRD" \
		>"$OUT/initramfs.log" 2>&1 ||
		{ cat "$OUT/initramfs.log"; die "cannot build the test initramfs"; }
}

run_random() {
	local s seeds=$RANDOM_SEEDS new line ok cap=
	[ -z "${NOMAP_CAP:-}" ] || cap="--nomap-cap $NOMAP_CAP"
	grep -aq initiomem= "$INITRD" 2>/dev/null || build_initrd
	if [ -n "${SEED:-}" ]; then
		seeds=$SEED
		say "rmem random: seed $SEED only (SEED)"
	else
		new=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
		seeds+=" $new"
		say "rmem random: seeds $RANDOM_SEEDS and the new seed $new of this run (reproduce one: SEED=N tests/rmem/run.sh --only random)"
	fi
	for s in $seeds; do
		echo "'$DTGEN' --random --seed $s $cap '$DT/virt.dtb' '$DT/random-$s.dtb' 2>'$OUT/random-$s.gen'"
	done | parallel
	for s in $seeds; do
		[ -f "$DT/random-$s.dtb" ] || { cat "$OUT/random-$s.gen"; die "dtgen failed for seed $s"; }
		echo "boot '$IMAGE' '$DT/random-$s.dtb' '$OUT/random-$s.log' 200 'kunit.filter_glob=of_reserved_mem* initiomem=1 ${RMEM_EXTRA_ARGS:-}' '$INITRD'"
	done | parallel
	for s in $seeds; do
		echo "python3 '$TOP/tests/rmem/oracle.py' --check '$DT/random-$s.dtb' '$OUT/random-$s.log' --tag 'seed=$s' >'$OUT/random-$s.check'; echo \$? >'$OUT/random-$s.rc'"
	done | parallel
	for s in $seeds; do
		ok=$(cat "$OUT/random-$s.rc")
		debug_check "rmem-random-$s" "$OUT/random-$s.log" || ok=1
		line=$(tail -n 1 "$OUT/random-$s.check")
		line=${line#* seed="$s": }
		if [ "$ok" -eq 0 ]; then
			pass "random seed=$s: $(sed 's/.*profile \([a-z]*\).*/\1/' "$OUT/random-$s.gen"): $line ($(cat "$OUT/random-$s.log.time") s)"
		else
			fail "random seed=$s: $line (log ${OUT#"$TOP"/}/random-$s.log; reproduce: SEED=$s tests/rmem/run.sh --only random)"
			sed -n '1,12s/^/         /p' "$OUT/random-$s.check"
		fi
	done
}

# The boards of the boards part: NAME and DTS (under arch/arm64/boot/dts)
BOARDS_TXT=$TOP/tests/rmem/boards/boards.txt
BOARDS_PY=$TOP/tests/rmem/boards/boards.py

run_boards() {
	local src dtc n d names=() ok line
	grep -aq initiomem= "$INITRD" 2>/dev/null || build_initrd
	src=$(ls -d "$BUILD"/base/linux-*/ 2>/dev/null | tail -n 1)
	[ -n "$src" ] || die "no base kernel sources in build/base: run 'make base'"
	dtc=$KOBJ/scripts/dtc/dtc
	[ -x "$dtc" ] || dtc=dtc
	[ -f "$BASE_IMAGE" ] || die "no base kernel $BASE_IMAGE: run 'make base-kernel'"
	mkdir -p "$DT/boards"
	while read -r n d; do
		case "$n" in ''|'#'*) continue ;; esac
		[ -z "${BOARDS:-}" ] || [[ " $BOARDS " == *" $n "* ]] || continue
		names+=("$n")
	done <"$BOARDS_TXT"
	say "rmem boards: /reserved-memory of ${#names[@]} board DTs of ${src#"$TOP"/} on QEMU virt, base and patched kernel: ${names[*]}"
	while read -r n d; do
		case "$n" in ''|'#'*) continue ;; esac
		[ -z "${BOARDS:-}" ] || [[ " $BOARDS " == *" $n "* ]] || continue
		echo "python3 '$BOARDS_PY' gen '$src' '$dtc' '$DT/virt.dtb' '$DT/boards' $n $d >'$OUT/board-$n.gen' 2>&1"
	done <"$BOARDS_TXT" | parallel
	for n in "${names[@]}"; do
		[ -f "$DT/boards/$n.dtb" ] || continue
		echo "boot '$BASE_IMAGE' '$DT/boards/$n.dtb' '$OUT/board-$n.base.log' 120 initiomem=1 '$INITRD'"
		echo "boot '$IMAGE' '$DT/boards/$n.dtb' '$OUT/board-$n.log' 120 'kunit.filter_glob=of_reserved_mem* initiomem=1' '$INITRD'"
	done | parallel
	for n in "${names[@]}"; do
		if [ ! -f "$DT/boards/$n.dtb" ]; then
			fail "board $n: no DT ($(tail -n 1 "$OUT/board-$n.gen"))"
			continue
		fi
		# base against patched, and the oracle (with KUnit) on the patched
		python3 "$BOARDS_PY" compare "$n" "$OUT/board-$n.base.log" \
			"$OUT/board-$n.log" >"$OUT/board-$n.check"
		ok=$?
		python3 "$TOP/tests/rmem/oracle.py" --check "$DT/boards/$n.dtb" \
			"$OUT/board-$n.log" --tag "board=$n" >"$OUT/board-$n.oracle" || ok=1
		grep '^FAIL' "$OUT/board-$n.oracle" >>"$OUT/board-$n.check"
		debug_check "rmem-board-$n" "$OUT/board-$n.log" || ok=1
		line=$(tail -n 1 "$OUT/board-$n.check")
		if [ "$ok" -eq 0 ]; then
			pass "board $n: ${line#* "$n": }; oracle: $(tail -n 1 "$OUT/board-$n.oracle" | sed 's/^[A-Z]* [^ ]*: //') (base $(cat "$OUT/board-$n.base.log.time") s, patched $(cat "$OUT/board-$n.log.time") s)"
		else
			fail "board $n: ${line#* "$n": } (logs ${OUT#"$TOP"/}/board-$n{.base,}.log; reproduce: BOARDS=$n tests/rmem/run.sh --only boards)"
			grep -v '^PASS\|^FAIL [^ ]*:' "$OUT/board-$n.check" | sed -n '1,12s/^/         /p'
		fi
	done
}

FAST= NO_BASE= PARTS=()
while [ $# -gt 0 ]; do
	case "$1" in
	--fast) FAST=1 ;;
	--no-base) NO_BASE=1 ;;
	--only) PARTS+=("${2:?--only needs dt, matrix, fuzz, random or boards}"); shift ;;
	-h|--help) sed -n '3,61p' "$0"; exit 0 ;;
	*) die "unknown option $1 (see --help)" ;;
	esac
	shift
done
[ ${#PARTS[@]} -gt 0 ] || PARTS=(dt matrix fuzz random boards)
[ -z "$FAST" ] || MATRIX=${MATRIX_FAST:-"0,0 10,10 64,64 65,65"}

[ -f "$IMAGE" ] || die "no kernel $IMAGE: run 'make kernel'"
[ -n "$NO_BASE" ] || [ -f "$BASE_IMAGE" ] || die "no base kernel $BASE_IMAGE: run 'make base-kernel' (or --no-base)"
mkdir -p "$OUT" "$DT"
export -f boot gen
export DT DTGEN
START=$SECONDS
[ -f "$DT/virt.dtb" ] || sh "$TOP/tests/rmem/gen.sh" "$DT" >"$OUT/gen.log" 2>&1 ||
	die "cannot dump QEMU virt's DT"
for p in "${PARTS[@]}"; do
	case "$p" in
	dt) run_dt ;;
	matrix) run_matrix ;;
	fuzz) run_fuzz ;;
	random) run_random ;;
	boards) run_boards ;;
	*) die "unknown part $p" ;;
	esac
done
record "$RESULT_NAME" "$PASSED" "$FAILED"
echo "${RESULT_NAME%-dt}: $PASSED passed, $FAILED failed in $((SECONDS - START)) s (${PARTS[*]}${FAST:+, fast})"
[ "$FAILED" -eq 0 ]
