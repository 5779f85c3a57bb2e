#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Resolve and fetch the stock Debian 12 kernel the suite targets: the
# kernel that Debian's linux-image-amd64 currently depends on. Debian bumps
# the ABI number (6.1.0-NN) on updates, so the version is looked up, never
# hard-coded.
#
#   stock-kernel.sh version         print the kernel release, e.g. 6.1.0-56-amd64
#   stock-kernel.sh image CACHEDIR  fetch and unpack linux-image-<ver> under
#                                   CACHEDIR/<ver>/ (vmlinuz, modules, depmod
#                                   run); print that dir
#   stock-kernel.sh headers         install linux-headers-<ver> if missing; print
#                                   the kbuild directory
#
# The image is unpacked with dpkg-deb, never installed: the host keeps its
# own kernel.

set -euo pipefail

die() { echo "stock-kernel: $*" >&2; exit 1; }

resolve() {
	local dep
	dep=$(apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\([0-9].*\)$/\1/p' | head -n1)
	if [ -z "$dep" ] && [ "$(id -u)" -eq 0 ]; then
		apt-get update -q >/dev/null 2>&1 || true
		dep=$(apt-cache depends linux-image-amd64 2>/dev/null |
			sed -n 's/^ *Depends: linux-image-\([0-9].*\)$/\1/p' | head -n1)
	fi
	[ -n "$dep" ] || die "cannot resolve linux-image-amd64's kernel: is this Debian 12 with a reachable package mirror (apt-get update)?"
	echo "$dep"
}

fetch_image() {
	local cache=$1 ver dir tmp
	ver=$(resolve)
	dir=$cache/$ver
	if [ ! -f "$dir/.unpacked" ]; then
		mkdir -p "$cache"
		tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
		( cd "$tmp" && apt-get download -q "linux-image-$ver" >/dev/null 2>&1 ) ||
			die "apt-get download linux-image-$ver failed"
		rm -rf "$dir"
		dpkg-deb -x "$tmp"/linux-image-"$ver"_*.deb "$dir"
		rm -rf "$tmp"
		[ -f "$dir/boot/vmlinuz-$ver" ] || die "no vmlinuz in linux-image-$ver"
		# The package leaves modules.dep to its postinst.
		depmod -b "$dir" "$ver" 2>/dev/null || die "depmod for $ver failed"
		touch "$dir/.unpacked"
	fi
	echo "$dir"
}

headers() {
	local ver kdir
	ver=$(resolve)
	kdir=/usr/src/linux-headers-$ver
	if [ ! -f "$kdir/Makefile" ]; then
		[ "$(id -u)" -eq 0 ] ||
			die "kernel headers $kdir missing: run 'sudo apt-get install linux-headers-$ver', or pass KDIR="
		echo "stock-kernel: installing linux-headers-$ver" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "linux-headers-$ver" >/dev/null ||
			die "apt-get install linux-headers-$ver failed"
	fi
	echo "$kdir"
}

case "${1:-}" in
version) resolve ;;
image)   [ $# -eq 2 ] || die "usage: $0 image CACHEDIR"; fetch_image "$2" ;;
headers) headers ;;
*)       die "usage: $0 version|image CACHEDIR|headers" ;;
esac
