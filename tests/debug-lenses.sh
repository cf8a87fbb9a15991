#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Make the debug lens fail on purpose: put one defect of each kind the debug
# kernel is there to catch into the series (build/linux), build the debug
# kernel into build/kernel-debug-lens, run one row on it the way
# tests/debug.sh does, and check that the row fails naming the report. The
# defect is taken out again before the next one (and on exit), so build/linux
# is left as it was. Not part of make check (five incremental debug builds).
# Each defect's runner output is build/debug-lenses/NAME.out, its console
# NAME.log.
#
#   tests/debug-lenses.sh            every defect
#   tests/debug-lenses.sh abba leak  some of them
#
# Needs build/linux with no uncommitted edits, and nothing else building
# from it meanwhile. The defects and what failed: Documentation/lenses.md.
set -uo pipefail
. "$(dirname "$0")/../scripts/lib.sh"
. "$(dirname "$0")/lib.sh"

LKOBJ=$BUILD/kernel-debug-lens
OUT=$BUILD/debug-lenses
RMI=drivers/firmware/arm_rmm

# name | file | perl substitution (s{...}{...}) | runner row | report it must name
# The anchors are lines that the shrinking of sro.c and rmi.c kept as they
# were. kmemleak scans each task's whole kernel stack, dead slots too: a
# single leaked object was not reported (twice), most likely for a stale
# copy of its address left on PID 1's stack; so leak drops 64 of them, each
# allocation overwriting most copies of the one before (55 reported).
# shellcheck disable=SC2016 # $1 and $2 are perl's
DEFECTS='
abba   | rmi.c | s{if \(!err && rmi_hotplug_register\(&rmi_gpt, &rmi_tracking\)\)}{if (!err && ({ int r; mutex_lock(&rmi_mem_lock); r = rmi_hotplug_register(&rmi_gpt, &rmi_tracking); mutex_unlock(&rmi_mem_lock); r; }))} | hotplug kernel-1g   | possible circular locking dependency
kasan  | rmi.c | s{\tget_online_mems\(\);\n}{\tget_online_mems();\n\t{ volatile u8 *p = kmalloc(16, GFP_KERNEL); if (p) { (void)p[16]; kfree((void *)p); } }\n} | system patched-host | BUG: KASAN: slab-out-of-bounds
ubsan  | sro.c | s{(\(u64\)count << )(rmi_block_shift\(block_size\));}{$1($2 + 64);} | system patched-host | UBSAN: shift-out-of-bounds
atomic | rmi.c | s{\tget_online_mems\(\);\n}{\tpreempt_disable();\n\tget_online_mems();\n\tpreempt_enable();\n} | system patched-host | BUG: sleeping function called from invalid context
leak   | rmi.c | s{\tget_online_mems\(\);\n}{\tget_online_mems();\n\tfor (int i = 0; i < 64; i++) { void *volatile p = kmalloc(200, GFP_KERNEL); (void)p; }\n} | system patched-host | unreferenced object
'

restore() { git -C "$TREE" checkout -q -- "$RMI"; }

main() {
	local name file subst runner row report out caught=0 missed=0 line
	[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
		die "${TREE#"$TOP"/} has uncommitted edits"
	trap restore EXIT
	mkdir -p "$OUT"
	"$TOP/scripts/firmware.sh" build >/dev/null || die "firmware does not build"
	while IFS='|' read -r name file subst runner report; do
		name=$(trim "$name") file=$(trim "$file") subst=$(trim "$subst")
		runner=$(trim "$runner") report=$(trim "$report")
		[ -n "$name" ] || continue
		[ $# -eq 0 ] || [[ " $* " == *" $name "* ]] || continue
		restore
		perl -0pi -e "$subst or die \"no match\\n\"" "$TREE/$RMI/$file" ||
			die "$name: the defect no longer applies to $RMI/$file"
		out=$OUT/$name.out
		if ! DEBUG_KOBJ=$LKOBJ "$TOP/scripts/kernel.sh" --debug >"$OUT/$name.build" 2>&1; then
			missed=$((missed + 1))
			info "MISSED $name: the kernel with the defect does not build (${OUT#"$TOP"/}/$name.build)"
			continue
		fi
		row=${runner#* } runner=${runner%% *}
		rm -f "$BUILD/$runner-debug/$row.log"
		if RESULTS=$OUT/results DEBUG=1 KOBJ=$LKOBJ JOBS=1 "$TOP/tests/$runner/run.sh" "$row" >"$out" 2>&1; then
			missed=$((missed + 1))
			info "MISSED $name: $runner $row passes (${out#"$TOP"/})"
		elif line=$(grep -m1 -aF -- "$report" "$out"); then
			caught=$((caught + 1))
			info "caught $name: $runner $row: $(trim "$line")"
		else
			missed=$((missed + 1))
			info "MISSED $name: $runner $row fails, but names no '$report' (${out#"$TOP"/})"
		fi
		# the runner's log is overwritten by the next defect: keep a copy
		cp "$BUILD/$runner-debug/$row.log" "$OUT/$name.log" 2>/dev/null || true
	done <<<"$DEFECTS"
	restore
	echo "debug-lenses: $caught caught, $missed missed"
	[ "$missed" -eq 0 ]
}

main "$@"
