#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build KVM selftests from the distro kernel source, statically (the
# Bochs lane's initramfs has no libc), into OUTDIR, stripped so the
# initramfs stays small enough for Bochs' BIOS to load quickly.
#
#   kvm-selftests.sh SRCDIR OUTDIR TEST...   (TEST as x86_64/state_test)
#
# A TEST that is a path to a .c file is one of kvm-shadow's, written on
# the same library: it is copied into SRCDIR's selftests tree (SRCDIR is
# the unpacked source under build/, never the repository) and built as
# OUTDIR/kvm-shadow/NAME with upstream's flags and library objects.

set -euo pipefail

src=${1:?usage: kvm-selftests.sh SRCDIR OUTDIR TEST...}
out=${2:?usage: kvm-selftests.sh SRCDIR OUTDIR TEST...}
shift 2
mkdir -p "$out"
out=$(cd "$out" && pwd)

if [ ! -f "$src/usr/include/linux/kvm.h" ]; then
	make -s -C "$src" headers_install INSTALL_HDR_PATH="$src/usr" >/dev/null
fi

kdir=$src/tools/testing/selftests/kvm
targets=()
ours=()
for t in "$@"; do
	case $t in
	*.c) ours+=("$t") ;;
	*) targets+=("$out/$t") ;;
	esac
done
if [ ${#targets[@]} -gt 0 ]; then
	make -s -j"$(nproc)" -C "$kdir" \
		OUTPUT="$out" EXTRA_CFLAGS=-static "${targets[@]}" >/dev/null
fi
# Ours in a make of their own: naming them as the test list (rather than
# adding them to it) gives them the library objects as prerequisites.
if [ ${#ours[@]} -gt 0 ]; then
	mkdir -p "$kdir/kvm-shadow" "$out/kvm-shadow"
	progs=()
	for c in "${ours[@]}"; do
		n=$(basename "$c" .c)
		cmp -s "$c" "$kdir/kvm-shadow/$n.c" || cp "$c" "$kdir/kvm-shadow/$n.c"
		progs+=("kvm-shadow/$n")
		targets+=("$out/kvm-shadow/$n")
	done
	make -s -j"$(nproc)" -C "$kdir" OUTPUT="$out" EXTRA_CFLAGS=-static \
		TEST_GEN_PROGS_x86_64="${progs[*]}" \
		"${progs[@]/#/$out/}" >/dev/null
fi
for t in "${targets[@]}"; do
	strip "$t"
done
