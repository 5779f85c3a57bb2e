#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# QEMU lane: boot the stock Debian kernel under TCG with 4 vCPUs in two
# NUMA nodes, the host's root shared read-only (so the guest has the real
# iproute2, ethtool and the project's tools), load the suite's modules,
# run the selftests and judge the run from the console.
#
#   qemu-lane.sh [-v|-d] [-S] [-o OUTDIR] [-m MODULE.ko]... [-s SCRIPT]... [TEST...]
#
# With no TEST, every QEMU-lane selftest (selftests/*/*_test*, executable)
# runs. -v streams the guest console, -d only what the guest runner
# prints (the demo); -m loads a module besides the
# suite's; -s runs a script whose output is shown as is (demo, bench).
# -S makes the 4 vCPUs two SMT cores of two threads each (one per NUMA
# node) instead of four cores, for the tests of SMT rules
# (selftests/*/smt/*_test*, which the default run leaves out); its
# results are labelled qemu-smt.
# Results: OUTDIR/results.tap; exit status non-zero on any failure.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$BUILD/qemu
verbose=0
scripts=()
extra=()
smp=sockets=2,cores=2,threads=1
cpu=max
label=qemu
while getopts "vdSo:m:s:" opt; do
	case $opt in
	v) verbose=1 ;;
	d) verbose=2 ;;
	# TCG's "max" CPU is an AMD K8 to the guest, which knows no threads
	# there: as an Intel CPU it reads them from CPUID leaf 0xb.
	S) smp=sockets=2,cores=1,threads=2 cpu=max,vendor=GenuineIntel label=qemu-smt ;;
	o) out=$OPTARG ;;
	m) extra+=("$(realpath "$OPTARG")") ;;
	s) scripts+=("$(realpath "$OPTARG")") ;;
	*) sed -n '9,9s/^# //p' "$0"; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

tests=()
if [ $# -gt 0 ]; then
	for t in "$@"; do
		[ -x "$t" ] || lane_die "$t: not an executable test"
		tests+=("$(realpath "$t")")
	done
elif [ ${#scripts[@]} -eq 0 ]; then
	while read -r t; do
		tests+=("$t")
	done < <(find "$TOP/selftests" -mindepth 2 -maxdepth 2 -type f \
			-perm -u+x -name '*_test*' ! -path '*/lanes/*' | sort)
fi

stock_kernel
make -C "$TOP" -s modules >/dev/null
make -C "$TOP/selftests" -s >/dev/null
mapfile -t modules < <(cd "$TOP" && find lpar-cgroup vmq-switch kvm-shadow \
				-maxdepth 1 -name '*.ko' | sort | sed "s|^|$TOP/|")
modules+=("${extra[@]}")

mkdir -p "$out"
out=$(cd "$out" && pwd)
initramfs_new "$out/initramfs"
initramfs_add_modules "$out/initramfs" virtio_pci 9pnet_virtio 9p
install -m 0755 "$LANES_DIR/qemu-init.sh" "$out/initramfs/init"
initramfs_pack "$out/initramfs" "$out/initramfs.cpio.gz"

cat > "$out/job" <<JOB
LANE_TOP='$TOP'
LANE_MODULES='${modules[*]}'
LANE_TESTS='${tests[*]}'
LANE_SCRIPTS='${scripts[*]}'
JOB
# Benchmarks' knobs (BENCH_PORTS=...) reach the guest's scripts.
for v in ${!BENCH_@}; do
	echo "export $v='${!v}'"
done >> "$out/job"

mem=4096
qemu=(qemu-system-x86_64 -nodefaults -no-reboot -display none -monitor none
	-accel tcg -cpu "$cpu" -smp "4,$smp" -m $mem
	-object memory-backend-ram,id=m0,size=$((mem / 2))M
	-object memory-backend-ram,id=m1,size=$((mem / 2))M
	-numa node,nodeid=0,cpus=0-1,memdev=m0
	-numa node,nodeid=1,cpus=2-3,memdev=m1
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap
	-serial stdio
	-kernel "$VMLINUZ" -initrd "$out/initramfs.cpio.gz"
	-append "console=ttyS0 panic=-1 ${quiet:-} lane_keep=$TOP,$BUILD,$out lane_stock=$STOCK lane_runner=$LANES_DIR/guest.sh lane_job=$out/job")

[ $verbose -eq 2 ] && quiet=quiet
start=$SECONDS
if [ $verbose -eq 1 ]; then
	timeout "${LANE_TIMEOUT:-1200}" "${qemu[@]}" < /dev/null 2>&1 | tee "$out/console.log" || true
elif [ $verbose -eq 2 ]; then
	timeout "${LANE_TIMEOUT:-1200}" "${qemu[@]}" < /dev/null 2>&1 | tee "$out/console.log" |
		awk -v b="$MARK_BEGIN" -v e="$MARK_DMESG_BEGIN" '
			{ sub(/\r$/, "") } $0 == e { on = 0 } on && !/^\[ *[0-9]+\.[0-9]+\]/ { print; fflush() } $0 == b { on = 1 }' || true
else
	timeout "${LANE_TIMEOUT:-1200}" "${qemu[@]}" < /dev/null > "$out/console.log" 2>&1 || true
fi
echo "# $label lane: guest ran $((SECONDS - start)) s"
lane_judge "$label" "$out/console.log" "$out/results.tap"
