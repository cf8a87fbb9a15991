#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# 'make bench': every benchmark in one run, patched and base side by side,
# into build/bench/report.md (and rmem.png: reserved-memory processing time
# against the number of regions). Each part is a script in tests/bench/
# writing $BENCH_OUT/<part>.md; a part that cannot measure fails the run.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

BENCH_OUT=$BUILD/bench
PARTS=(rmi rmem hotplug)
export BENCH_OUT

plot() {	# rmem.dat: N, base ns, patched ns ('-' where not measured)
	local dat=$BENCH_OUT/rmem.dat
	[ -s "$dat" ] || return 0
	gnuplot <<-GP || warn "bench: gnuplot failed"
	set terminal pngcairo size 800,500 noenhanced
	set output "$BENCH_OUT/rmem.png"
	set title "/reserved-memory processing time (early + late phase)"
	set xlabel "reserved regions (static + dynamic)"
	set ylabel "time [ms]"
	set logscale xy
	set key top left
	set datafile missing "-"
	set grid
	plot "$dat" using 1:(\$2/1e6) with linespoints title "Linux 7.3 (base)", \
	     "$dat" using 1:(\$3/1e6) with linespoints title "patched"
	GP
}

main() {
	local p status=0 t0
	rm -rf "$BENCH_OUT"
	mkdir -p "$BENCH_OUT"
	{
		echo "# Benchmarks"
		echo
		echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(qemu-system-aarch64 --version | sed -n 1p)."
		echo "Base: Linux $(. "$PIN"; echo "$UPSTREAM_VERSION (Debian $DEBIAN_VERSION)"); series: $(git -C "$TREE" rev-list --count base..HEAD) patches at $(git -C "$TREE" rev-parse --short HEAD)."
		echo "Everything below was measured in this one run, under QEMU TCG on the test firmware."
		echo
	} >"$BENCH_OUT/report.md"
	for p in "${PARTS[@]}"; do
		if [ ! -x "$TOP/tests/bench/$p.sh" ]; then
			warn "bench: no tests/bench/$p.sh"
			status=1
			continue
		fi
		say "bench: $p"
		t0=$(date +%s)
		"$TOP/tests/bench/$p.sh" || { warn "bench: $p failed"; status=1; }
		info "$p: $(( $(date +%s) - t0 ))s"
		[ ! -f "$BENCH_OUT/$p.md" ] || { cat "$BENCH_OUT/$p.md"; echo; } >>"$BENCH_OUT/report.md"
	done
	plot
	[ ! -f "$BENCH_OUT/rmem.png" ] || echo "![reserved-memory time](rmem.png)" >>"$BENCH_OUT/report.md"
	say "bench: ${BENCH_OUT#"$TOP"/}/report.md"
	cat "$BENCH_OUT/report.md"
	return "$status"
}

main "$@"
