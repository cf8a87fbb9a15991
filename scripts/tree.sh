#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Make build/linux a git work tree of the base kernel (one deterministic base
# commit, tagged 'base') with the series in patches/ applied as commits on the
# branch 'series'.
#
# Re-running is cheap: when the tree already carries exactly patches/, nothing
# is touched. Commits made in the tree and not exported yet are never thrown
# away: the script stops and says so (FORCE=1 overrides).
#
# TREE and PATCHES may point elsewhere (the self-tests use a git worktree).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
load_pin

git_t() { git -C "$TREE" "$@"; }

series_files() {
	[ -f "$PATCHES/series" ] || die "missing $PATCHES/series"
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$PATCHES/series"
}

# A fingerprint of a series: the patch-ids of its patches, in order.
patchids_of_files() {
	local f
	for f in "$@"; do
		git patch-id --stable <"$f" | cut -d' ' -f1
	done
}

patchids_of_tree() {
	local c
	for c in $(git_t rev-list --reverse base..HEAD); do
		git_t show --format=%B "$c" | git patch-id --stable | cut -d' ' -f1
		# an empty commit has no patch-id: count it all the same
		if git_t diff --quiet "$c^" "$c"; then
			echo "empty-$c"
		fi
	done
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
	local want have mark p
	[ -f "$BASE_SRC/.base-ok" ] || die "base kernel not unpacked: run 'make base'"
	[ -e "$TREE/.git" ] || make_base_commit

	grep -qF "$TARBALL_SHA256" <<<"$(git_t log -1 --format=%B base)" ||
		die "${TREE#"$TOP"/} was made from another base than base-kernel.pin; move it away and run 'make tree'"

	mapfile -t files < <(series_files)
	for p in "${files[@]}"; do
		[ -f "$PATCHES/$p" ] || die "patches/series names $p, which does not exist"
	done

	want=$(cd "$PATCHES" && patchids_of_files "${files[@]}")
	have=$(patchids_of_tree)
	if [ "$want" = "$have" ]; then
		git_t rev-parse HEAD >"$(applied_mark)"
		say "tree: ${TREE#"$TOP"/} already carries the ${#files[@]} patches of the series"
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

	say "tree: applying ${#files[@]} patches to Linux $UPSTREAM_VERSION"
	git_t am --abort >/dev/null 2>&1 || true
	git_t checkout -q -f -B "$BRANCH" base
	for p in "${files[@]}"; do
		if ! out=$(git_t am -q --no-3way "$PATCHES/$p" 2>&1); then
			git_t am --abort >/dev/null 2>&1 || true
			printf '%s\n' "$out" | sed 's/^/    /' >&2
			die "patches/$p does not apply to Linux $UPSTREAM_VERSION (Debian $DEBIAN_VERSION)"
		fi
		info "applied $p"
	done
	git_t rev-parse HEAD >"$mark"
}

main "$@"
