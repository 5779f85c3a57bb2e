#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build kvm-shadow's kvm-intel.ko: take arch/x86/kvm/vmx (and the
# arch/x86/kvm headers it includes) from the distro's kernel source of
# exactly the stock kernel's version, apply kvm-shadow/patches/series,
# add our own files (kvm-shadow/kvm-intel/) and build the module against
# the stock headers (KDIR). Module name and objects stay upstream's, so
# the stock kvm.ko and every tool keep working with it.
#
#   build-kvm-intel.sh [-a] [-i] [-q]
#
#   -a  only if the source is available: skip with a note (exit 0) when
#       the matching linux-source package is not installed or KDIR is
#       another kernel; the default is to refuse with an error
#   -i  also install it: modules_install under INSTALL_MOD_PATH, in
#       /lib/modules/<ver>/updates (depmod is the caller's)
#   -q  print only the path of the module
#
# KDIR defaults to the stock kernel's headers. Everything is built under
# $BUILD/kvm-intel (build/, git-ignored): no upstream source is ever
# written into the repository. Prints the path of kvm-intel.ko.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
lanes=$top/selftests/lanes
BUILD=${BUILD:-$top/build}
out=$BUILD/kvm-intel
kvm=arch/x86/kvm

optional=0 install=0 quiet=0
while getopts "aiq" opt; do
	case $opt in
	a) optional=1 ;;
	i) install=1 ;;
	q) quiet=1 ;;
	*) sed -n '11,11s/^# //p' "$0"; exit 2 ;;
	esac
done

die() { echo "build-kvm-intel: $*" >&2; exit 1; }
note() { echo "build-kvm-intel: $*" >&2; }
# In -a mode a missing or mismatched source is a reason to skip, not to fail.
skip() {
	[ $optional -eq 1 ] || die "$*"
	note "not building kvm-intel.ko: $*"
	exit 0
}

# A make started from our Makefile inherits its command line (W=1, C=1 of
# make check) through MAKEFLAGS; the kvm-intel build must not.
kmake() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
		-u KBUILD_EXTRA_WARN make "$@"
}

kver=$("$lanes/stock-kernel.sh" version) || skip "cannot resolve the stock kernel"
series=$(echo "$kver" | cut -d. -f1,2)
src_pkg=linux-source-$series
if [ $optional -eq 1 ]; then
	# kernel-source.sh installs the matching package when run as root;
	# an opportunistic build (make modules, DKMS) must not.
	img_v=$(apt-cache show "linux-image-$kver" 2>/dev/null |
		sed -n 's/^Version: //p' | head -n1)
	src_v=$(dpkg-query -W -f='${Version}' "$src_pkg" 2>/dev/null || true)
	if [ -z "$src_v" ] || [ "$src_v" != "$img_v" ]; then
		skip "$src_pkg is ${src_v:-not installed}, the stock kernel $kver is ${img_v:-unknown} (make kvm-intel says more)"
	fi
fi
src=$("$lanes/kernel-source.sh" "$BUILD/src") || die "no kernel source matching the stock kernel $kver"
src_v=${src##*/"$src_pkg"-}

kdir=${KDIR:-}
[ -n "$kdir" ] || kdir=$("$lanes/stock-kernel.sh" headers)
[ -d "$kdir" ] || die "KDIR $kdir: no such directory"
kdir=$(cd "$kdir" && pwd)

# The source was picked for the stock kernel; KDIR must be that kernel,
# and of the same upstream and distro version as the source, or the
# module would not match the kvm.ko and the kernel it is loaded into.
rel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$kdir/include/generated/utsrelease.h" 2>/dev/null || true)
[ "$rel" = "$kver" ] ||
	skip "KDIR $kdir is kernel ${rel:-unknown}, but $src is the source of the stock kernel $kver"
kv=$(kmake -s -C "$kdir" kernelversion)
sv=$(kmake -s -C "$src" kernelversion)
[ "$kv" = "$sv" ] ||
	skip "KDIR $kdir is Linux $kv, the source $src is Linux $sv"
uts=$(sed -n 's/^#define UTS_VERSION "\(.*\)"$/\1/p' "$kdir/include/generated/utsversion.h" 2>/dev/null || true)
case $uts in
*" Debian $src_v "*) ;;
*" Debian "*) skip "KDIR $kdir was built from Debian ${uts#* Debian }, the source is $src_pkg $src_v" ;;
esac

# One build at a time: two makes staging into one tree would see each
# other's half-patched files.
mkdir -p "$out"
exec 9> "$out/.lock"
flock 9

# Stage: pristine upstream files, then our patches, then our files.
# Staged afresh each run and synced into the build tree file by file, so
# that an unchanged file keeps its mtime and the build stays incremental.
stage=$out/stage
tree=$out/tree
rm -rf "$stage"
mkdir -p "$stage/$kvm" "$tree"

# upstream's kvm-intel-y, -$(CONFIG_...) lines included, continuation
# lines joined; evaluated against KDIR's .config for the object list.
awk '/^kvm-intel-/ { on = 1 } on { print; if (!/\\$/) on = 0 }' \
	"$src/$kvm/Makefile" > "$stage/$kvm/kvm-intel-objs.mk"
[ -s "$stage/$kvm/kvm-intel-objs.mk" ] || die "no kvm-intel-y in $src/$kvm/Makefile"
# shellcheck disable=SC2016 # $(kvm-intel-y) is for make, not the shell
objs=$(printf 'include %s\ninclude %s\nall:\n\t@echo $(kvm-intel-y)\n' \
	"$kdir/include/config/auto.conf" "$stage/$kvm/kvm-intel-objs.mk" |
	kmake -s -f -)
[ -n "$objs" ] || die "kvm-intel-y is empty for $kdir/.config"

# stage_file PATH: copy arch/x86/kvm/PATH from the source, once.
stage_file() {
	[ -f "$stage/$kvm/$1" ] && return 0
	mkdir -p "$stage/$kvm/$(dirname "$1")"
	cp "$src/$kvm/$1" "$stage/$kvm/$1"
}

# stage_includes: follow every #include "..." of the staged files to the
# arch/x86/kvm headers they name (relative to the file, then to
# arch/x86/kvm, as upstream's -I has it) until nothing new turns up.
# Names found nowhere are generated (kvm-asm-offsets.h) or ours.
stage_includes() {
	local f inc p new=1
	while [ $new -eq 1 ]; do
		new=0
		while read -r f; do
			f=${f#"$stage/$kvm/"}
			while read -r inc; do
				for p in "$(dirname "$f")/$inc" "$inc"; do
					p=$(realpath -m --relative-to="$src/$kvm" "$src/$kvm/$p")
					case $p in ../*) continue ;; esac
					[ -f "$src/$kvm/$p" ] || continue
					[ -f "$stage/$kvm/$p" ] || { stage_file "$p"; new=1; }
					break
				done
			done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$stage/$kvm/$f")
		done < <(find "$stage/$kvm" -type f \( -name '*.[chS]' \) ! -path '*/kvm-shadow/*')
	done
}

for o in $objs; do
	o=${o%.o}
	if [ -f "$src/$kvm/$o.c" ]; then
		stage_file "$o.c"
	elif [ -f "$src/$kvm/$o.S" ]; then
		stage_file "$o.S"
	else
		die "no source for $kvm/$o.o in $src"
	fi
done
# vmenter.S includes kvm-asm-offsets.h, generated from this file.
stage_file kvm-asm-offsets.c
stage_includes

# Quilt-like: in series order, no fuzz, no backups; a reject is fatal.
patches=$(grep -v '^[[:space:]]*\(#\|$\)' "$here/patches/series" || true)
for p in $patches; do
	[ -f "$here/patches/$p" ] || die "patches/series names $p, which does not exist"
	out_p=$(patch -d "$stage" -p1 -N -s --fuzz=0 --no-backup-if-mismatch \
		-r - < "$here/patches/$p" 2>&1) ||
		die "patch $p does not apply to $src_pkg $src_v:"$'\n'"$out_p"
	[ $quiet -eq 1 ] || echo "build-kvm-intel: applied $p"
done
# A patch may include an upstream header the pristine files did not.
stage_includes

mkdir -p "$stage/$kvm/kvm-shadow"
cp "$here/kvm-intel/Kbuild" "$stage/$kvm/Kbuild"
cp "$here"/kvm-intel/*.[ch] "$stage/$kvm/kvm-shadow/"
# The netlink family's uapi header and the suite's extack helper.
mkdir -p "$stage/$kvm/kvm-shadow/uapi/linux"
cp "$here/../uapi/linux/kvm_shadow.h" "$stage/$kvm/kvm-shadow/uapi/linux/"
cp "$here/../common/nl_extack.c" "$here/../common/nl_extack.h" "$stage/$kvm/kvm-shadow/"

# Sync the stage into the build tree; drop sources no longer staged.
(cd "$stage" && find . -type f | sort) > "$out/sources.new"
while read -r f; do
	if ! cmp -s "$stage/$f" "$tree/$f"; then
		mkdir -p "$tree/$(dirname "$f")"
		cp "$stage/$f" "$tree/$f"
	fi
done < "$out/sources.new"
if [ -f "$out/sources" ]; then
	comm -23 "$out/sources" "$out/sources.new" | while read -r f; do
		rm -f "$tree/$f"
	done
fi
mv "$out/sources.new" "$out/sources"

# Distro headers ship no vmlinux to take BTF base types from.
no_btf=
[ -f "$kdir/vmlinux" ] || no_btf=CONFIG_DEBUG_INFO_BTF_MODULES=

# W= and C= on purpose: upstream KVM is not W=1- or sparse-clean, and
# it is not ours to fix. Our own files are held to W=1 and sparse below.
log=$out/build.log
if ! kmake -C "$kdir" M="$tree/$kvm" -j"$(nproc)" W= C= $no_btf modules > "$log" 2>&1; then
	tail -n 40 "$log" >&2
	die "building kvm-intel.ko failed (log: $log)"
fi
ko=$tree/$kvm/kvm-intel.ko
[ -f "$ko" ] || die "no $ko after the build (log: $log)"

# Our files, with W=1 and sparse (C=2: checked even when up to date),
# compiled in the stage (sources only, rebuilt each run) so that the
# build tree never sees these flags and stays incremental. Any
# diagnostic fails: CONFIG_KVM_WERROR makes warnings errors, and sparse
# warnings are caught from the log.
lint=$out/lint.log
checker=C=2
command -v sparse >/dev/null || { checker=C=; note "sparse not installed: our files are checked with W=1 only"; }
ours=()
for f in "$stage/$kvm"/kvm-shadow/*.c; do
	f=${f#"$stage/$kvm/"}
	ours+=("${f%.c}.o")
done
rc=0
kmake -C "$kdir" M="$stage/$kvm" W=1 $checker $no_btf "${ours[@]}" > "$lint" 2>&1 || rc=$?
if [ $rc -ne 0 ] || grep -qE '(warning|error):' "$lint"; then
	grep -E '(warning|error):' "$lint" >&2 || tail -n 20 "$lint" >&2
	die "our kvm-intel files are not W=1/sparse clean (log: $lint)"
fi

if [ $install -eq 1 ]; then
	kmake -C "$kdir" M="$tree/$kvm" INSTALL_MOD_DIR=updates \
		${INSTALL_MOD_PATH:+INSTALL_MOD_PATH="$INSTALL_MOD_PATH"} \
		modules_install > "$out/install.log" 2>&1 ||
		{ tail -n 20 "$out/install.log" >&2; die "installing kvm-intel.ko failed"; }
	[ $quiet -eq 1 ] || echo "build-kvm-intel: installed kvm-intel.ko for $kver under updates/"
fi
if [ $quiet -eq 1 ]; then
	echo "$ko"
else
	echo "build-kvm-intel: built $ko ($src_pkg $src_v, $(echo "$patches" | wc -w) patch(es))"
fi
