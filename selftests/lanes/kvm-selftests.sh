#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build KVM selftests from the distro kernel source, statically (the
# Bochs lane's initramfs has no libc), into OUTDIR, stripped so the
# initramfs stays small enough for Bochs' BIOS to load quickly.
#
#   kvm-selftests.sh SRCDIR OUTDIR TEST...   (TEST as x86_64/state_test)

set -euo pipefail

src=${1:?usage: kvm-selftests.sh SRCDIR OUTDIR TEST...}
out=${2:?usage: kvm-selftests.sh SRCDIR OUTDIR TEST...}
shift 2
mkdir -p "$out"
out=$(cd "$out" && pwd)

if [ ! -f "$src/usr/include/linux/kvm.h" ]; then
	make -s -C "$src" headers_install INSTALL_HDR_PATH="$src/usr" >/dev/null
fi

targets=()
for t in "$@"; do
	targets+=("$out/$t")
done
make -s -j"$(nproc)" -C "$src/tools/testing/selftests/kvm" \
	OUTPUT="$out" EXTRA_CFLAGS=-static "${targets[@]}" >/dev/null
for t in "${targets[@]}"; do
	strip "$t"
done
