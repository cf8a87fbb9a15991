#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the host packages the workflow needs. Idempotent: when everything
# is already there it touches neither apt nor the network.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PACKAGES=(
	make gcc libc6-dev git perl python3 xz-utils cpio rsync ccache
	flex bison bc libssl-dev libelf-dev device-tree-compiler
	python3-ply python3-git
	gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
	gcc-arm-linux-gnueabihf gcc-riscv64-linux-gnu
	gnuplot-nox
)
QEMU_PKG=qemu-system-arm
QEMU_MIN=10
SOURCES=/etc/apt/sources.list.d/arm-cca-host.sources
PREFS=/etc/apt/preferences.d/arm-cca-host

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive

qemu_major() {
	command -v qemu-system-aarch64 >/dev/null || { echo 0; return; }
	qemu-system-aarch64 --version | sed -n '1s/.*version \([0-9]*\)\..*/\1/p'
}

missing_packages() {
	local p
	for p in "${PACKAGES[@]}"; do
		[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = 'install ok installed' ] ||
			echo "$p"
	done
}

codename() {
	# shellcheck source=/dev/null
	. /etc/os-release
	echo "${VERSION_CODENAME:?cannot tell the Debian release}"
}

# Backports of this release (QEMU >= 10 on bookworm) and trixie-backports
# (linux-source-7.3). trixie-backports is pinned out of reach of installs on
# other releases: it is only used to download the kernel source package.
write_sources() {
	local rel suites
	rel=$(codename)
	suites="$rel-backports"
	[ "$rel" = trixie ] || suites="$suites trixie-backports"
	$SUDO tee "$SOURCES.new" >/dev/null <<EOT
Types: deb
URIs: http://deb.debian.org/debian
Suites: $suites
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOT
	if [ "$rel" != trixie ]; then
		$SUDO tee "$PREFS.new" >/dev/null <<EOT
Package: *
Pin: release n=trixie-backports
Pin-Priority: 1
EOT
		$SUDO mv "$PREFS.new" "$PREFS"
	fi
	if cmp -s "$SOURCES.new" "$SOURCES"; then
		$SUDO rm -f "$SOURCES.new"
		return 1
	fi
	$SUDO mv "$SOURCES.new" "$SOURCES"
}

apt_update() {
	say "deps: apt-get update"
	$SUDO apt-get update -qq >"$LOGS/apt-update.log" 2>&1 ||
		{ cat "$LOGS/apt-update.log" >&2; die "apt-get update failed"; }
}

# True when the package index knows DEBIAN_PACKAGE (needed by 'make base').
have_source_index() {
	load_pin
	[ -n "$(apt-cache madison "$DEBIAN_PACKAGE" 2>/dev/null)" ]
}

main() {
	mkdir -p "$LOGS"
	local missing updated=0
	missing=$(missing_packages)
	if [ -z "$missing" ] && [ "$(qemu_major)" -ge "$QEMU_MIN" ] && [ -f "$SOURCES" ] &&
	   have_source_index; then
		say "deps: all present (QEMU $(qemu_major))"
		return 0
	fi
	if write_sources || ! have_source_index; then
		apt_update
		updated=1
	fi
	if [ -n "$missing" ]; then
		say "deps: installing $(echo "$missing" | tr '\n' ' ')"
		[ "$updated" -eq 1 ] || { apt_update; updated=1; }
		# shellcheck disable=SC2086
		$SUDO apt-get install -y -qq --no-install-recommends $missing \
			>"$LOGS/apt-install.log" 2>&1 ||
			{ tail -n 30 "$LOGS/apt-install.log" >&2; die "apt-get install failed"; }
	fi
	if [ "$(qemu_major)" -lt "$QEMU_MIN" ]; then
		local rel
		rel=$(codename)
		say "deps: installing QEMU >= $QEMU_MIN ($QEMU_PKG from $rel-backports)"
		[ "$updated" -eq 1 ] || apt_update
		$SUDO apt-get install -y -qq --no-install-recommends -t "$rel-backports" \
			"$QEMU_PKG" >"$LOGS/apt-qemu.log" 2>&1 ||
			{ tail -n 30 "$LOGS/apt-qemu.log" >&2; die "cannot install $QEMU_PKG from $rel-backports"; }
		[ "$(qemu_major)" -ge "$QEMU_MIN" ] ||
			die "qemu-system-aarch64 is $(qemu_major).x; QEMU >= $QEMU_MIN is required"
	fi
	say "deps: ready (QEMU $(qemu-system-aarch64 --version | sed -n 1p | sed 's/.*version //'))"
}

main "$@"
