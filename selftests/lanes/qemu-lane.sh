#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# QEMU lane: boot the stock Debian kernel under TCG with 4 vCPUs in two
# NUMA nodes, the host's root shared read-only (so the guest has the real
# iproute2, ethtool and the project's tools), load the suite's modules,
# run the selftests and judge the run from the console.
#
#   qemu-lane.sh [-v|-d] [-S] [-p CPU] [-o OUTDIR] [-m MODULE.ko]... [-s SCRIPT]... [TEST...]
#
# With no TEST, every QEMU-lane selftest (selftests/*/*_test*, executable)
# runs. -v streams the guest console, -d only what the guest runner
# prints (the demo); -m loads a module besides the
# suite's; -s runs a script whose output is shown as is (demo, bench).
# -S makes the 4 vCPUs two SMT cores of two threads each (one per NUMA
# node) instead of four cores, for the tests of SMT rules
# (selftests/*/smt/*_test*, which the default run leaves out); its
# results are labelled qemu-smt.
# -p CPU gives guest CPU CPU a host core of its own, as a dedicated
# partition has: its vCPU thread runs alone on the host's last CPU with
# QEMU's main loop (which fires its timers), every other vCPU on the
# host's other CPUs. Benchmarks of a guest CPU's isolation use it, so
# that the host's scheduler does not add its own latency to the guest's.
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
pin=""
while getopts "vdSp:o:m:s:" opt; do
	case $opt in
	v) verbose=1 ;;
	d) verbose=2 ;;
	# TCG's "max" CPU is an AMD K8 to the guest, which knows no threads
	# there: as an Intel CPU it reads them from CPUID leaf 0xb.
	S) smp=sockets=2,cores=1,threads=2 cpu=max,vendor=GenuineIntel label=qemu-smt ;;
	p) pin=$OPTARG ;;
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

# qemu_pin_vcpu NAME CPU: once QEMU (-name NAME) has its vCPU threads
# ("CPU n/TCG", named with debug-threads=on), the one of guest CPU CPU and every thread that is not a
# vCPU go on the host's last CPU, the other vCPUs on the rest. Threads
# QEMU starts later (its thread pool's) inherit the main loop's place.
qemu_pin_vcpu() {
	local last=$(($(nproc) - 1)) pid="" t comm

	if [ $last -lt 1 ]; then
		echo "# -p $2: the host has one CPU, nothing pinned" >&2
		return 0
	fi
	for _ in $(seq 300); do
		pid=$(pgrep -f "^qemu-system-x86_64 -name $1," | head -n 1)
		[ -n "$pid" ] && grep -qx "CPU $2/TCG" /proc/"$pid"/task/*/comm 2>/dev/null && break
		pid=""
		sleep 0.1
	done
	[ -n "$pid" ] || { echo "# -p $2: no vCPU thread for CPU $2" >&2; return 1; }
	for t in /proc/"$pid"/task/*; do
		comm=$(cat "$t/comm" 2>/dev/null) || continue
		case $comm in
		"CPU $2/TCG") taskset -pc "$last" "${t##*/}" ;;
		"CPU "*/TCG) taskset -pc "0-$((last - 1))" "${t##*/}" ;;
		*) taskset -pc "$last" "${t##*/}" ;;
		esac
	done >/dev/null
	echo "# vCPU $2 of QEMU $pid alone with QEMU's main loop on host CPU $last" >&2
}

[ $verbose -eq 2 ] && quiet=quiet
mem=4096
qemu=(qemu-system-x86_64 -name "lane-$$,debug-threads=on" -nodefaults -no-reboot -display none -monitor none
	-accel tcg -cpu "$cpu" -smp "4,$smp" -m $mem
	-object memory-backend-ram,id=m0,size=$((mem / 2))M
	-object memory-backend-ram,id=m1,size=$((mem / 2))M
	-numa node,nodeid=0,cpus=0-1,memdev=m0
	-numa node,nodeid=1,cpus=2-3,memdev=m1
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap
	-serial stdio
	-kernel "$VMLINUZ" -initrd "$out/initramfs.cpio.gz"
	-append "console=ttyS0 panic=-1 ${quiet:-} lane_keep=$TOP,$BUILD,$out lane_stock=$STOCK lane_runner=$LANES_DIR/guest.sh lane_job=$out/job")

start=$SECONDS
if [ -n "$pin" ]; then
	qemu_pin_vcpu "lane-$$" "$pin" &
fi
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
