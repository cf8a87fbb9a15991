#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Make every lens of the random and boards parts of tests/rmem/run.sh fail
# once, on purpose (tests/rmem/LENSES.md says what each one injects). A lens
# that does not fail, or fails without naming what it should, fails here.
# Not part of 'make check' (about a minute); run it after changing
# tests/rmem/oracle.py, tests/rmem/boards/boards.py or their callers.
#
# Usage: tests/rmem/lenses.sh       (prints the failing line of each lens)
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

RUN=$TOP/tests/rmem/run.sh
O=$TOP/tests/rmem/oracle.py
DT=$BUILD/rmem-dt
OUT=$BUILD/rmem-boot
W=$BUILD/rmem-lenses
mkdir -p "$W"
ok=0 bad=0

# lens N WHAT FILE PATTERN: FILE (the test's output with the defect) must
# hold a line matching PATTERN; print it
lens() {
	local line
	line=$(grep -a -m1 -E -- "$4" "$3")
	line=${line#"${line%%[! ]*}"}
	if [ -n "$line" ]; then
		ok=$((ok + 1))
		info "ok   lens $1 ($2): $line"
	else
		bad=$((bad + 1))
		info "FAIL lens $1 ($2) did not fail as it should (/$4/ not in ${3#"$TOP"/})"
	fi
}

# check N WHAT DTB LOG PATTERN: the oracle on a changed DT or log
check() {
	python3 "$O" --check "$3" "$4" --tag seed=3 >"$W/$1.out"
	lens "$1" "$2" "$W/$1.out" "$5"
}

say "lenses: the patched kernel on seed 3 (collision-heavy), the real boot first"
SEED=3 "$RUN" --only random >"$W/seed3.out" 2>&1 ||
	die "seed 3 fails without a defect: $(tail -n 1 "$W/seed3.out")"
L=$OUT/random-3.log D=$DT/random-3.dtb
python3 "$O" "$D" >"$W/expect3.txt"

# the first static region that is registered without no-map, and one with
s=$(awk '$1 == "reserved" && $2 == "static" && !/no-map/ {print $3; exit}' "$W/expect3.txt")
awk -v n=" $s" '{l = $0; sub(/\r$/, "", l)} !(l ~ /OF: reserved mem: 0x/ && substr(l, length(l) - length(n) + 1) == n)' "$L" >"$W/4.log"
check 4 "registration line of $s dropped" "$D" "$W/4.log" "node $s: registered 0 times"

# the same region one page larger (end and KiB)
python3 - "$s" "$L" "$W/5.log" <<'EOF'
import re, sys
n, src, dst = sys.argv[1:]
out = []
for l in open(src, errors='replace'):
    m = re.search(r'\.\.0x([0-9a-f]+) \((\d+) KiB\)( .* %s)\r?$' % re.escape(n), l)
    if m:
        l = l[:m.start()] + '..0x%016x (%d KiB)%s\n' % (
            int(m.group(1), 16) + 0x1000, int(m.group(2)) + 4, m.group(3))
    out.append(l)
open(dst, 'w').write(''.join(out))
EOF
check 5 "$s registered one page larger" "$D" "$W/5.log" "node $s: size 0x[0-9a-f]+, expected"

# a dynamic region with alloc-ranges, moved up by 256 MiB
d=$(awk '$1 == "placed" && / in 0x9/ {print $3; exit}' "$W/expect3.txt")
python3 - "$d" "$L" "$W/6.log" <<'EOF'
import re, sys
n, src, dst = sys.argv[1:]
out = []
for l in open(src, errors='replace'):
    m = re.search(r'0x([0-9a-f]+)\.\.0x([0-9a-f]+)( .* %s)\r?$' % re.escape(n), l)
    if m:
        b, e = int(m.group(1), 16) + 0x10000000, int(m.group(2), 16) + 0x10000000
        l = l[:m.start()] + '0x%016x..0x%016x%s\n' % (b, e, m.group(3))
    out.append(l)
open(dst, 'w').write(''.join(out))
EOF
check 6 "$d moved outside its alloc-ranges" "$D" "$W/6.log" "node $d: .* outside its ranges"

awk '/overlaps with/ && !d {d = 1; next} {print}' "$L" >"$W/7.log"
check 7 "first overlap report dropped" "$D" "$W/7.log" "but the kernel did not report it"

sed 's/ok 1 of_reserved_mem_boot/not ok 1 of_reserved_mem_boot/' "$L" >"$W/8.log"
check 8 "KUnit of_reserved_mem_boot made 'not ok'" "$D" "$W/8.log" "KUnit suite of_reserved_mem_boot did not pass"

awk '/^iomem: [0-9a-f]+-[0-9a-f]+ : reserved/ && !d {sub(/: reserved/, ": System RAM"); d = 1} {print}' "$L" >"$W/9.log"
check 9 "first no-map hole of /proc/iomem made System RAM" "$D" "$W/9.log" "no-map, but part of it is System RAM"

awk '/^iomem:   [0-9a-f]+-[0-9a-f]+ : reserved/ && ++k == 5 {next} {print}' "$L" >"$W/10.log"
check 10 "5th reserved child of System RAM dropped" "$D" "$W/10.log" "is not reserved in /proc/iomem"

awk '/created DMA memory pool/ && !d {d = 1; next} {print}' "$L" >"$W/11.log"
check 11 "first DMA pool line dropped" "$D" "$W/11.log" "without its DMA pool"

# the oracle's input: one no-map dropped from the DT
n=$(awk '$1 == "reserved" && $2 == "static" && / no-map/ {print $3; exit}' "$W/expect3.txt")
dtc -q -I dtb -O dts "$D" >"$W/12.dts"
python3 - "$n" "$W/12.dts" <<'EOF'
import sys
n, f = sys.argv[1:]
s = open(f).read()
i = s.index('\t\t%s {' % n)
j = s.index('};', i)
open(f, 'w').write(s[:i] + s[i:j].replace('no-map;\n', '', 1) + s[j:])
EOF
dtc -q -I dts -O dtb -o "$W/12.dtb" "$W/12.dts"
check 12 "no-map dropped from $n in the oracle's DT" "$W/12.dtb" "$L" "node $n: flags nomap non-reusable, expected map"

"$TOP/tools/dtgen/dtgen.py" --random --seed 3 --nomap-cap 50 "$DT/virt.dtb" "$W/13.dtb" 2>/dev/null
check 13 "another DT (seed 3, --nomap-cap 50) for the oracle" "$W/13.dtb" "$L" "registered, but no such available node|expected map|expected nomap"

say "lenses: boots with a defect"
RMEM_EXTRA_ARGS=mem=1G SEED=4 "$RUN" --only random >"$W/1.out" 2>&1
lens 1 "kernel argument mem=1G (the DT says 2 GiB)" "$W/1.out" "node d[0-9]+: registered 0 times, expected once \(placed\)"
KOBJ=$BUILD/base-kernel/kernel SEED=28 "$RUN" --only random >"$W/2.out" 2>&1
lens 2a "the base kernel, seed 28: base defect 2" "$W/2.out" "node ovn[0-9]+@[0-9a-f]+: registered at 0x[0-9a-f]+, expected refused \(no-map over a reserved region\)"
lens 2b "the base kernel, seed 28: base defect 4" "$W/2.out" "node trap[0-9]+: registered at 0x[0-9a-f]+, expected refused"
lens 2c "the base kernel, seed 28: no live-DT suite" "$W/2.out" "KUnit suite of_reserved_mem_boot did not pass"
KOBJ=$BUILD/base-kernel/kernel SEED=3 "$RUN" --only random >"$W/3.out" 2>&1
lens 3 "the base kernel, seed 3 (too many regions for it)" "$W/3.out" "Kernel panic - not syncing: memblock: cannot resize"

X='lens-nomap@60a80000 { reg = <0x0 0x60a80000 0x0 0x100000>; no-map; };'
E='am625-sk lens-nomap@60a80000 registered base defect 2 (reserved-mem.md): a static region whose reservation failed is registered all the same'
BOARDS=am625-sk BOARDS_EXTRA=$X "$RUN" --only boards >"$W/14.out" 2>&1
lens 14 "am625-sk + a no-map region over its ramoops (base defect 2)" "$W/14.out" "node lens-nomap@60a80000: registered differs: base yes, patched no"
BOARDS=am625-sk BOARDS_EXTRA=$X BOARDS_EXPECT=$E "$RUN" --only boards >"$W/15.out" 2>&1
grep -a -h '^XDIFF' "$OUT/board-am625-sk.check" >>"$W/15.out"
if grep -aq '^    ok   board am625-sk' "$W/15.out"; then
	lens 15 "the same, listed as expected: passes" "$W/15.out" "^XDIFF am625-sk node lens-nomap@60a80000"
else
	bad=$((bad + 1)); info "FAIL lens 15: the expected difference did not pass"
fi
BOARDS=am625-sk BOARDS_EXPECT=$E "$RUN" --only boards >"$W/16.out" 2>&1
lens 16 "listed as expected, but the extra node gone" "$W/16.out" "the expected difference in registered .* is gone"

echo "lenses: $ok failed as they should, $bad did not"
[ "$bad" -eq 0 ]
