#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Make build/linux a git work tree of the base kernel (one deterministic base
# commit, tagged 'base') with the series of patches/ applied as commits on
# the branch 'series': for each series, an empty commit "series: NAME" and
# then its patches. Each series must also apply to the base on its own: that
# is checked in a scratch index, without touching the tree.
#
# Re-running is cheap: when the tree already carries exactly patches/, nothing
# is touched. Commits made in the tree and not exported yet are never thrown
# away: the script stops and says so (FORCE=1 overrides).
#
# TREE and PATCHES may point elsewhere (the self-tests use a git worktree);
# SERIES="NAME..." applies only those series.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
load_pin

git_t() { git -C "$TREE" "$@"; }

# A fingerprint of a series: the patch-ids of its patches, in order.
patchids_of_files() {
	local f
	for f in "$@"; do
		git patch-id --stable <"$f" | cut -d' ' -f1
	done
}

# The same for the tree; a series marker counts as "series NAME".
patchids_of_tree() {
	local c subject
	for c in $(git_t rev-list --reverse base..HEAD); do
		subject=$(git_t log -1 --format=%s "$c")
		if [[ "$subject" == "$SERIES_MARK"* ]] && git_t diff --quiet "$c^" "$c"; then
			echo "series ${subject#"$SERIES_MARK"}"
			continue
		fi
		git_t show --format=%B "$c" | git patch-id --stable | cut -d' ' -f1
		# an empty commit has no patch-id: count it all the same
		if git_t diff --quiet "$c^" "$c"; then
			echo "empty-$c"
		fi
	done
}

want_ids() {
	local s
	for s in "${series[@]}"; do
		echo "series $s"
		# shellcheck disable=SC2046 # patch file names have no spaces
		(cd "$PATCHES/$s" && patchids_of_files $(series_patches "$s"))
	done
}

# Each series applies to the base alone (they do not depend on each other).
check_alone() {
	local s p idx out tmp
	tmp=$(mktemp -d)
	idx=$tmp/index
	for s in "${series[@]}"; do
		GIT_INDEX_FILE=$idx git_t read-tree base
		for p in $(series_patches "$s"); do
			out=$(GIT_INDEX_FILE=$idx git_t apply --cached "$PATCHES/$s/$p" 2>&1) || {
				rm -rf "$tmp"
				printf '%s\n' "$out" | sed 's/^/    /' >&2
				die "patches/$s/$p does not apply to the base without the other series"
			}
		done
	done
	rm -rf "$tmp"
}

make_base_commit() {
	say "tree: creating ${TREE#"$TOP"/} from Linux $UPSTREAM_VERSION"
	rm -rf "$TREE.part"
	cp -a "$BASE_SRC" "$TREE.part"
	rm -f "$TREE.part/.base-ok"
	# Debian's tarball appends "/*" (its packaging) to the top-level
	# .gitignore, which hides every new file from git status and git add -A.
	# Upstream has no such rule and the series does not touch the file:
	# drop that block, and only it, from the base.
	perl -0pi -e 's/#\n# Debian packaging:.*?\n!\/debian\/\n//s' "$TREE.part/.gitignore"
	! grep -qx '/\*' "$TREE.part/.gitignore" || die "cannot drop Debian's '/*' rule from .gitignore"
	git -C "$TREE.part" init -q -b "$BRANCH"
	git -C "$TREE.part" config user.name "$SERIES_NAME"
	git -C "$TREE.part" config user.email "$SERIES_EMAIL"
	git -C "$TREE.part" config core.abbrev 12
	# Blank context lines as empty lines, as 'make export' writes them
	# (git am takes both): a plain 'git format-patch' in the tree then
	# gives the same patches, and no line of a patch ends in a space.
	git -C "$TREE.part" config diff.suppressBlankEmpty true
	# Take every file of the tarball, even those the kernel's .gitignore
	# names: the base commit must be the tarball exactly.
	git -C "$TREE.part" add -A -f .
	GIT_AUTHOR_DATE=$BASE_DATE GIT_COMMITTER_DATE=$BASE_DATE \
		git -C "$TREE.part" commit -q --no-verify \
		-m "Linux $UPSTREAM_VERSION" \
		-m "Debian $DEBIAN_PACKAGE $DEBIAN_VERSION, source tarball sha256 $TARBALL_SHA256." \
		-m "Without Debian's packaging rule '/*' in the top-level .gitignore."
	git -C "$TREE.part" tag base
	mv "$TREE.part" "$TREE"
}

applied_mark() { git_t rev-parse --path-format=absolute --git-path arm-cca-applied; }

main() {
	local want have mark p s n out
	local -a series
	[ -f "$BASE_SRC/.base-ok" ] || die "base kernel not unpacked: run 'make base'"
	[ -e "$TREE/.git" ] || make_base_commit

	grep -qF "$TARBALL_SHA256" <<<"$(git_t log -1 --format=%B base)" ||
		die "${TREE#"$TOP"/} was made from another base than base-kernel.pin; move it away and run 'make tree'"

	mapfile -t series < <(series_list)
	[ "${#series[@]}" -gt 0 ] || die "patches/series names no series"
	n=0
	for s in "${series[@]}"; do
		for p in $(series_patches "$s"); do
			[ -f "$PATCHES/$s/$p" ] || die "patches/$s/series names $p, which does not exist"
			n=$((n + 1))
		done
	done
	[ "${#series[@]}" -eq 1 ] || check_alone

	want=$(want_ids)
	have=$(patchids_of_tree)
	if [ "$want" = "$have" ]; then
		git_t rev-parse HEAD >"$(applied_mark)"
		say "tree: ${TREE#"$TOP"/} already carries the $n patches of ${series[*]}"
		return 0
	fi

	if [ -n "$(git_t status --porcelain --untracked-files=no)" ] && [ "${FORCE:-0}" != 1 ]; then
		die "${TREE#"$TOP"/} has uncommitted edits: commit them and 'make export', or FORCE=1 to drop them"
	fi
	mark=$(applied_mark)
	if [ "$(git_t rev-parse HEAD)" != "$(git_t rev-parse base)" ] &&
	   [ "$(cat "$mark" 2>/dev/null)" != "$(git_t rev-parse HEAD)" ] && [ "${FORCE:-0}" != 1 ]; then
		die "${TREE#"$TOP"/} has commits that are not in patches/: run 'make export' first, or FORCE=1 to drop them (they stay in the reflog)"
	fi

	say "tree: applying $n patches (${series[*]}) to Linux $UPSTREAM_VERSION"
	git_t am --abort >/dev/null 2>&1 || true
	git_t checkout -q -f -B "$BRANCH" base
	for s in "${series[@]}"; do
		GIT_AUTHOR_DATE=$BASE_DATE GIT_COMMITTER_DATE=$BASE_DATE \
			git_t commit -q --allow-empty --no-verify -m "$SERIES_MARK$s"
		for p in $(series_patches "$s"); do
			if ! out=$(git_t am -q --no-3way "$PATCHES/$s/$p" 2>&1); then
				git_t am --abort >/dev/null 2>&1 || true
				printf '%s\n' "$out" | sed 's/^/    /' >&2
				die "patches/$s/$p does not apply to Linux $UPSTREAM_VERSION (Debian $DEBIAN_VERSION)"
			fi
			info "applied $s/$p"
		done
	done
	git_t rev-parse HEAD >"$mark"
}

main "$@"
