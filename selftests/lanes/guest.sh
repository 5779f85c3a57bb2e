#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guest half of a test lane: runs as PID 1's successor inside the
# guest (QEMU: the host root shared read-only over virtio-9p; Bochs: the
# initramfs, under busybox), so it is POSIX sh. It reads a job file, loads
# the suite's modules, runs the tests as kselftest does (exit 0 pass, 4
# skip, anything else fail) and reports on the serial console in TAP,
# dumps the kernel log between markers and powers the guest off. The host
# judges the run from the console alone (lib.sh: lane_judge).
#
# Job file variables:
#   LANE_MODULES  .ko files to insmod first and rmmod last (each a test)
#   LANE_TESTS    test programs, each one TAP result
#   LANE_SCRIPTS  programs whose output is shown as is (demo, bench)
#   LANE_SETTLE   seconds to wait before poweroff (Bochs loses the tail)

set -u

job=${1:?usage: guest.sh JOBFILE}
LANE_MODULES= LANE_TESTS= LANE_SCRIPTS= LANE_SETTLE=0
. "$job"

n=0
failed=0

mount_fs() {	# type source target [options]
	[ -d "$3" ] || mkdir -p "$3" 2>/dev/null || return 0
	grep -q " $3 " /proc/mounts 2>/dev/null && return 0
	mount -t "$1" ${4:+-o "$4"} "$2" "$3"
}

setup() {
	mount_fs proc proc /proc
	mount_fs sysfs sysfs /sys
	mount_fs devtmpfs dev /dev
	[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
	mount_fs devpts devpts /dev/pts
	mount_fs tmpfs shm /dev/shm
	mount_fs tmpfs tmp /tmp
	mount_fs cgroup2 cgroup2 /sys/fs/cgroup
	mount_fs debugfs debugfs /sys/kernel/debug
	mount_fs tracefs tracefs /sys/kernel/tracing
	hostname lane 2>/dev/null
	ip link set lo up 2>/dev/null || ifconfig lo up 2>/dev/null
	# Test output on the console must not be torn by kernel messages;
	# the whole kernel log is dumped at the end, and an oops raises the
	# console level by itself.
	dmesg -n 1
	export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
	export HOME=/tmp TERM=dumb
}

result() {	# status name [directive]
	n=$((n + 1))
	case $1 in
	0) echo "ok $n $2" ;;
	4) echo "ok $n $2 # SKIP" ;;
	*) echo "not ok $n $2"; failed=$((failed + 1)) ;;
	esac
}

setting() {	# dir key default
	v=$(sed -n "s/^$2=//p" "$1/settings" 2>/dev/null | tail -n 1)
	echo "${v:-$3}"
}

run_test() {	# path
	dir=$(dirname "$1")
	name=${1#"${LANE_TOP:-}"/}
	name=${name#selftests/}
	t=$(setting "$dir" timeout 120)
	rcf=/tmp/.lane_rc
	echo "# $name"
	{ (cd "$dir" && exec timeout "$t" "$1" 2>&1); echo $? > "$rcf"; } |
		sed 's/^/# /'
	rc=$(cat "$rcf")
	[ "$rc" = 124 ] && echo "# $name: timed out after ${t}s"
	# A test leaves the machine as it found it: a cpuset partition or
	# an offline CPU left behind would change what the next tests see.
	cpus=$(nproc 2>/dev/null)
	if [ -n "$cpus" ] && [ "$cpus" != "$runner_cpus" ]; then
		echo "# $name left the runner $cpus CPU(s) of $runner_cpus"
		[ "$rc" = 0 ] || [ "$rc" = 4 ] && rc=1
		runner_cpus=$cpus
	fi
	result "$rc" "$name"
}

# The distro modules a module of ours needs (vmq_tap: tap), by modprobe;
# ours come in the job's order.
load_deps() {	# ko
	for dep in $(modinfo -F depends "$1" 2>/dev/null | tr , ' '); do
		case " $LANE_MODULES " in
		*/$dep.ko\ *) ;;
		*) modprobe "$dep" 2>/dev/null ;;
		esac
	done
}

modules_load() {
	for ko in $LANE_MODULES; do
		m=$(basename "$ko" .ko)
		load_deps "$ko"
		out=$(insmod "$ko" 2>&1)
		rc=$?
		[ -n "$out" ] && echo "# $out"
		result $rc "insmod $m"
	done
}

# In reverse: a module goes before those it uses.
modules_unload() {
	for ko in $(echo $LANE_MODULES | tr ' ' '\n' | sed '1!G;h;$!d'); do
		m=$(basename "$ko" .ko)
		m=$(echo "$m" | tr - _)
		[ -d "/sys/module/$m" ] || continue
		out=$(rmmod "$m" 2>&1)
		rc=$?
		[ -n "$out" ] && echo "# $out"
		result $rc "rmmod $m"
	done
}

setup
echo "LANE: begin"
echo "# kernel $(uname -r), $(nproc) CPUs, $(ls -d /sys/devices/system/node/node* 2>/dev/null | wc -l) NUMA node(s)"
echo "TAP version 13"

modules_load
runner_cpus=$(nproc 2>/dev/null)
for t in $LANE_TESTS; do
	run_test "$t"
done
for s in $LANE_SCRIPTS; do
	echo "LANE: script $(basename "$s") at $(cut -d" " -f1 /proc/uptime)"
	"$s"
	result $? "$(basename "$s")"
done
modules_unload

echo "1..$n"
echo "# $n run, $failed failed"
echo "LANE: dmesg begin"
dmesg
echo "LANE: dmesg end"
echo "LANE: end"
sync
sleep "$LANE_SETTLE"
busybox poweroff -f
