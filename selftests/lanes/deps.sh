#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install, on a Debian 12 host, every package the build, the test lanes,
# the demo and the benchmarks need. Idempotent: packages already present
# are not touched, and apt is not run at all when nothing is missing.
#
# Usage: deps.sh [build|qemu|bochs|all]...

set -euo pipefail

declare -A want=(
	[build]="make gcc bc flex bison libelf-dev libssl-dev kmod sparse pkg-config libnl-3-dev libnl-genl-3-dev xz-utils"
	[qemu]="qemu-system-x86 ipxe-qemu busybox-static cpio iproute2 ethtool iputils-ping jq rt-tests stress-ng"
	[bochs]="bochs bochsbios vgabios xorriso isolinux syslinux-common busybox-static cpio linux-source-6.1 libc6-dev rsync"
)

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(all)
[ "${groups[0]}" = all ] && groups=(build qemu bochs)

missing=()
for g in "${groups[@]}"; do
	[ -n "${want[$g]+x}" ] || { echo "deps.sh: unknown group '$g'" >&2; exit 2; }
	for p in ${want[$g]}; do
		case " ${missing[*]} " in *" $p "*) continue ;; esac
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "ok installed" || missing+=("$p")
	done
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: missing packages: ${missing[*]}" >&2
	echo "deps.sh: run as root, or: sudo apt-get install ${missing[*]}" >&2
	exit 1
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
