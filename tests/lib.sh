# SPDX-License-Identifier: GPL-2.0
# Helpers shared by the table-driven system tests (tests/system,
# tests/hotplug). Source it after scripts/lib.sh; do not run it.

trim() { sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' <<<"$1"; }

# check NAME FILE MODE PATTERNS: PATTERNS are ';;'-separated extended
# regexes; one that ends in a digit only matches where the number ends.
# MODE is "has" or "lacks"; "#N RE" in "has" mode wants exactly N matching
# lines.
check() {
	local name=$1 file=$2 mode=$3 pats=$4 p n want ok=1
	[ -n "$pats" ] || return 0
	while IFS= read -r p; do
		p=$(trim "$p")
		[ -n "$p" ] || continue
		# A number ends where the pattern ends: "=1" must not match "=131072"
		[[ $p =~ [0-9]$ ]] && p="$p([^0-9]|\$)"
		if [[ $mode == has && $p =~ ^#([0-9]+)\ (.*)$ ]]; then
			want=${BASH_REMATCH[1]} p=${BASH_REMATCH[2]}
			n=$(grep -acE -- "$p" "$file")
			[ "$n" -eq "$want" ] || { info "     $name: $n lines match /$p/, want $want (${file#"$TOP"/})"; ok=0; }
		elif grep -aqE -- "$p" "$file"; then
			[ "$mode" = has ] || { info "     $name: must not print /$p/ (${file#"$TOP"/})"; ok=0; }
		else
			[ "$mode" = lacks ] || { info "     $name: /$p/ not in ${file#"$TOP"/}"; ok=0; }
		fi
	done < <(sed 's/;;/\n/g' <<<"$pats")
	[ "$ok" -eq 1 ]
}

# --- The debug lens (tests/debug.sh, 'make debugtest') ---------------------
# With DEBUG=1 the runners boot the debug kernel (KOBJ=build/kernel-debug,
# configs/debug.config) and every console log also goes through
# debug_check: any report of lockdep, KASAN, UBSAN, kmemleak, a WARN or a
# BUG fails its row, named by the report's first line.
DEBUG=${DEBUG:-0}
DEBUG_OUT=${DEBUG_OUT:-$BUILD/debug}

# The first line of every kind of report these checkers print. Lockdep's
# and the sleep-in-atomic checker's headers start with WARNING: or BUG:
# (e.g. "WARNING: possible circular locking dependency detected",
# "BUG: sleeping function called from invalid context at ..."), KASAN's
# with "BUG: KASAN:", WARN() with "WARNING: CPU: N PID: N at FILE:LINE".
DEBUG_REPORT_RE='WARNING:|BUG:|UBSAN:|INFO: (possible|inconsistent|task .* blocked|rcu_)|inconsistent lock state|possible circular locking|possible recursive locking|suspicious RCU usage|ODEBUG:|list_(add|del) corruption|kernel BUG at|Kernel panic|Internal error:|Unable to handle|new suspected memory leaks|unreferenced object 0x'

# debug_reports LOG: print the reports of LOG, one line each (timestamp and
# the init's prefix dropped): the first line of each report; lockdep's lock
# order reports also name the lock being taken and where. kmemleak's objects
# count as one report (the kernel's "N new suspected memory leaks" line, with
# the first object named after it).
debug_reports() {
	awk -v re="$DEBUG_REPORT_RE" '
	{
		l = $0
		sub(/\r$/, "", l)
		sub(/^.*\[ *[0-9]+\.[0-9]+\] /, "", l)
		sub(/^rmm-model-test-init: kmemleak: /, "", l)
		sub(/[ \t]+$/, "", l)
	}
	pending && l ~ /\(.*\).*, at: / {
		lock = l; sub(/^[0-9a-f]+ /, "", lock); sub(/\{.*\}(-\{[0-9:]+\})?/, "", lock)
		heads[pending] = heads[pending] ": taking " lock
		pending = 0
	}
	# the first caller of the first leaked object that is not the allocator
	inbt && l ~ /^ +[A-Za-z0-9_.]+\+0x/ {
		f = l; sub(/^ +/, "", f)
		if (f !~ /^(kmemleak_|__?kmalloc|kmem_cache|kvmalloc|krealloc|__alloc|alloc_pages|slab_|__slab|___slab)/) {
			obj = obj ", from " f; inbt = 0
		}
		next
	}
	l !~ re { next }
	l ~ /unreferenced object 0x/ {
		if (obj == "") { obj = l; sub(/:$/, "", obj); inbt = 1 }
		nobj++; next
	}
	l ~ /new suspected memory leaks/ { leak = l; next }
	{
		heads[++n] = l
		pending = (l ~ /possible (circular|recursive) locking/) ? n : 0
	}
	END {
		for (i = 1; i <= n; i++) print heads[i]
		if (leak != "" || nobj) {
			if (leak == "") leak = "kmemleak: " nobj " unreferenced objects"
			print leak (obj != "" ? " (first: " obj ")" : "")
		}
	}' "$1"
}

# debug_check NAME LOG [KIND]: with DEBUG=1, fail NAME when LOG holds a
# report, naming each; with initkmemleak=1 (KIND "kmemleak") the init's
# scan must have run. Every call is one boot in build/debug/boots.
debug_check() {
	local name=$1 log=$2 kind=${3:-} reports n ok=0
	[ "$DEBUG" = 1 ] || return 0
	mkdir -p "$DEBUG_OUT"
	reports=$(debug_reports "$log")
	n=$(grep -c . <<<"$reports")
	if [ "$n" -gt 0 ]; then
		ok=1
		info "     $name: $n debug report(s) in ${log#"$TOP"/}:"
		sed -n '1,10s/^/       > /p' <<<"$reports"
	fi
	if [ "$kind" = kmemleak ] && ! grep -aq 'rmm-model-test-init: kmemleak scan done: [0-9]' "$log"; then
		info "     $name: no kmemleak scan result from the init (${log#"$TOP"/})"
		ok=1
	fi
	# one line per boot: NAME REPORTS FIRST-REPORT (several runners may
	# append at once; one short write each)
	printf '%s %d %s\n' "$name" "$n" "$(sed -n 1p <<<"$reports")" >>"$DEBUG_OUT/boots"
	return "$ok"
}

# start_row NAME CMD...: run one row in the background, at most JOBS at a
# time; its output goes to OUT/NAME.result, which ends in "ok" if CMD
# succeeded.
start_row() {
	local name=$1
	shift
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n || true; done
	{
		if "$@" >"$OUT/$name.result" 2>&1; then
			echo ok >>"$OUT/$name.result"
		fi
	} &
}

# report_rows NAME...: once the rows have ended, print their output in the
# order given, whatever order they ended in, and count them in the
# caller's passed and failed.
report_rows() {
	local name
	for name in "$@"; do
		if [ "$(tail -n 1 "$OUT/$name.result")" = ok ]; then
			passed=$((passed + 1))
			sed '$d' "$OUT/$name.result"
		else
			failed=$((failed + 1))
			cat "$OUT/$name.result"
		fi
	done
}
