#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unpack the distro's full kernel source of exactly the stock kernel's
# version (Debian: linux-source-6.1, which carries arch/x86/kvm and
# tools/testing/selftests; the headers package carries neither) into
# CACHEDIR and print its path. A source package whose version differs
# from the stock kernel image's is refused: code built from it would not
# match the kernel it is loaded into.
#
#   kernel-source.sh CACHEDIR

set -euo pipefail

die() { echo "kernel-source: $*" >&2; exit 1; }

cache=${1:?usage: kernel-source.sh CACHEDIR}
lanes=$(cd "$(dirname "$0")" && pwd)
kver=$("$lanes/stock-kernel.sh" version)
series=$(echo "$kver" | cut -d. -f1,2)
src_pkg=linux-source-$series
img_v=$(apt-cache show "linux-image-$kver" 2>/dev/null |
	sed -n 's/^Version: //p' | head -n1)
src_v=$(dpkg-query -W -f='${Version}' "$src_pkg" 2>/dev/null || true)

[ -n "$img_v" ] || die "cannot find the version of linux-image-$kver"
if [ "$src_v" != "$img_v" ] && [ "$(id -u)" -eq 0 ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "$src_pkg=$img_v" >/dev/null 2>&1 || true
	src_v=$(dpkg-query -W -f='${Version}' "$src_pkg" 2>/dev/null || true)
fi
[ "$src_v" = "$img_v" ] ||
	die "$src_pkg is ${src_v:-not installed}, the stock kernel $kver is $img_v: install $src_pkg=$img_v"

dir=$cache/$src_pkg-$src_v
if [ ! -f "$dir/.unpacked" ]; then
	rm -rf "$dir"
	mkdir -p "$dir"
	tar -xf "/usr/src/$src_pkg.tar.xz" -C "$dir" --strip-components=1 ||
		die "cannot unpack /usr/src/$src_pkg.tar.xz"
	touch "$dir/.unpacked"
fi
(cd "$dir" && pwd)
