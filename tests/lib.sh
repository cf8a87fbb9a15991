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
