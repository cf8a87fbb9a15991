#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Fetch the base kernel source pinned in base-kernel.pin with apt, verify it
# and unpack it into build/base/linux-<version>.
#
# If Debian no longer offers the pinned version, take the newest 7.3.y it
# offers, say so loudly and record it in base-kernel.pin.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
load_pin

DL=$BUILD/base/dl

newest_version() {
	apt-cache madison "$DEBIAN_PACKAGE" | awk -F'|' '{gsub(/ /, "", $2); print $2}' |
		sort -V | tail -n 1
}

offered() {
	apt-cache madison "$DEBIAN_PACKAGE" | awk -F'|' '{gsub(/ /, "", $2); print $2}' |
		grep -qxF "$1"
}

# download VERSION: leaves the tarball in $DL/$VERSION/ and prints its path.
download() {
	local ver=$1 dir=$DL/$1 deb
	mkdir -p "$dir"
	if [ ! -f "$dir/source.tar.xz" ]; then
		(cd "$dir" && rm -f ./*.deb &&
		 apt-get download -q "$DEBIAN_PACKAGE=$ver" >"$dir/apt.log" 2>&1) ||
			{ cat "$dir/apt.log" >&2; die "apt-get download $DEBIAN_PACKAGE=$ver failed"; }
		deb=$(ls "$dir"/*.deb)
		dpkg-deb --fsys-tarfile "$deb" |
			tar -xO "./usr/src/$DEBIAN_PACKAGE.tar.xz" >"$dir/source.tar.xz.part"
		mv "$dir/source.tar.xz.part" "$dir/source.tar.xz"
		rm -f "$deb"
	fi
	echo "$dir/source.tar.xz"
}

record_fallback() {
	local ver=$1 sha=$2 up=$3
	shout "BASE KERNEL FALLBACK: Debian no longer offers $DEBIAN_PACKAGE $DEBIAN_VERSION." \
	      "Using the newest it offers: $ver (Linux $up, tarball sha256 $sha)." \
	      "base-kernel.pin now records it: review that the series still applies, then commit it."
	sed -i -e "s/^DEBIAN_VERSION=.*/DEBIAN_VERSION=$ver/" \
	       -e "s/^UPSTREAM_VERSION=.*/UPSTREAM_VERSION=$up/" \
	       -e "s/^TARBALL_SHA256=.*/TARBALL_SHA256=$sha/" "$PIN"
	echo "# $(date -u +%F): fell back from $DEBIAN_VERSION (no longer in Debian) to $ver" >>"$PIN"
}

upstream_of() {
	tar -xJOf "$1" --occurrence=1 "$DEBIAN_PACKAGE/Makefile" |
		awk '/^VERSION =/ {v=$3} /^PATCHLEVEL =/ {p=$3} /^SUBLEVEL =/ {s=$3}
		     /^EXTRAVERSION =/ {e=$3} END {print v "." p "." s e}'
}

main() {
	local ver=$DEBIAN_VERSION tarball sha up
	if [ -f "$BASE_SRC/.base-ok" ] && [ "$(cat "$BASE_SRC/.base-ok")" = "$TARBALL_SHA256" ]; then
		say "base: Linux $UPSTREAM_VERSION (Debian $DEBIAN_VERSION) already unpacked in ${BASE_SRC#"$TOP"/}"
		return 0
	fi
	if [ ! -f "$DL/$ver/source.tar.xz" ] && ! offered "$ver"; then
		ver=$(newest_version)
		[ -n "$ver" ] || die "apt offers no $DEBIAN_PACKAGE at all: run 'make deps' (it adds trixie-backports)"
		warn "$DEBIAN_PACKAGE $DEBIAN_VERSION is not offered by apt any more; falling back to $ver"
	fi
	say "base: fetching $DEBIAN_PACKAGE $ver with apt"
	tarball=$(download "$ver")
	sha=$(sha256sum "$tarball" | cut -d' ' -f1)
	if [ "$ver" = "$DEBIAN_VERSION" ]; then
		[ "$sha" = "$TARBALL_SHA256" ] ||
			die "checksum mismatch for $DEBIAN_PACKAGE $ver: got $sha, base-kernel.pin says $TARBALL_SHA256"
		info "sha256 verified: $sha"
		up=$(upstream_of "$tarball")
		[ "$up" = "$UPSTREAM_VERSION" ] ||
			die "$DEBIAN_PACKAGE $ver carries Linux $up, base-kernel.pin says $UPSTREAM_VERSION"
	else
		up=$(upstream_of "$tarball")
		case "$up" in 7.3.*) ;; *) die "fallback $ver carries Linux $up, not 7.3.y" ;; esac
		record_fallback "$ver" "$sha" "$up"
		load_pin
	fi
	say "base: unpacking Linux $UPSTREAM_VERSION into ${BASE_SRC#"$TOP"/}"
	rm -rf "$BASE_SRC" "$BASE_SRC.part"
	mkdir -p "$BASE_SRC.part"
	tar -xJf "$tarball" -C "$BASE_SRC.part" --strip-components=1
	echo "$sha" >"$BASE_SRC.part/.base-ok"
	mv "$BASE_SRC.part" "$BASE_SRC"
}

main "$@"
