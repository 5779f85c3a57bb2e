#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A whole VMM in a slice: the host's QEMU, started with lparctl exec,
# takes its guest RAM from /dev/lpar/<slice> (memory-backend-file,
# share=on) and runs its guest's firmware in it:
#  - QEMU runs in the slice's cgroup, on the slice's CPUs only;
#  - its guest RAM is the pool: mapped once, whole, from /dev/lpar/a;
#  - the guest writes into it (SeaBIOS' signature lands in the pool);
#  - while QEMU runs, the slice cannot be destroyed; once it is gone,
#    the mapping is gone and the slice can go.

. "$(dirname "$0")/../lib/ktap.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
lparctl=$top/tools/build/bin/lparctl
sys=/sys/kernel/lpar
cg=/sys/fs/cgroup
mib=64

[ -x "$lparctl" ] || ktap_skip_all "lparctl not built (make tools)"
[ -d $sys ] || ktap_skip_all "lpar_cgroup not loaded"
command -v qemu-system-x86_64 >/dev/null || ktap_skip_all "no qemu-system-x86_64"
grep -qw cpuset $cg/cgroup.controllers || ktap_skip_all "no cpuset controller"

cleanup() {
	[ -n "${qemu:-}" ] && kill "$qemu" 2>/dev/null
	wait 2>/dev/null
	"$lparctl" destroy a force >/dev/null 2>&1
	rmdir $cg/lpar/a 2>/dev/null
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 8

$lparctl create a cpus 2-3 memory ${mib}M
$lparctl bind a
# A QMP socket tells when QEMU is up; the guest runs SeaBIOS and halts
# at "no bootable device", which is all it needs to have used its RAM.
$lparctl exec a -- qemu-system-x86_64 -nodefaults -display none \
	-accel tcg -cpu qemu64 -m ${mib}M \
	-object memory-backend-file,id=ram,mem-path=/dev/lpar/a,share=on,size=${mib}M \
	-machine pc,memory-backend=ram \
	-qmp unix:/tmp/qemu-a.qmp,server=on,wait=off -serial none &
qemu=$!
for _ in $(seq 100); do
	[ -S /tmp/qemu-a.qmp ] && break
	sleep 0.2
done
pid=$(pgrep -f '^qemu-system-x86_64 .*qemu-a.qmp' | head -n 1)
ktap_expect_eq "QEMU is up" yes "$([ -n "$pid" ] && [ -S /tmp/qemu-a.qmp ] && echo yes)"
ktap_expect_eq "in the slice's cgroup" "0::/lpar/a" "$(cat /proc/$pid/cgroup 2>/dev/null)"
ktap_expect_eq "on the slice's CPUs only" 2-3 \
	"$(awk '/Cpus_allowed_list/ { print $2 }' /proc/$pid/status 2>/dev/null)"
mapped_kb=0
while read -r range _ _ _ _ path; do
	[ "$path" = /dev/lpar/a ] || continue
	mapped_kb=$((mapped_kb + (16#${range#*-} - 16#${range%-*}) / 1024))
done < /proc/$pid/maps
ktap_expect_eq "its guest RAM is the pool, mapped whole, once" \
	"$((mib * 1024)) 1" "$mapped_kb $(cat $sys/slices/a/mappings)"

# SeaBIOS copies itself below 1 MiB and leaves its tables there: the
# pool's first MiB, mapped a second time, holds them.
found=""
for _ in $(seq 50); do
	if python3 -c '
import mmap, os, sys
m = mmap.mmap(os.open("/dev/lpar/a", os.O_RDWR), 1 << 20, mmap.MAP_SHARED)
sys.exit(0 if any(s in m[:] for s in (b"_MP_", b"$PIR", b"SeaBIOS")) else 1)'; then
		found=yes
		break
	fi
	sleep 0.2
done
ktap_expect_eq "the guest's firmware ran in the pool's memory" yes "$found"

out=$($lparctl destroy a 2>&1)
echo "# $out"
ktap_expect_eq "the slice cannot go while its VMM runs" yes \
	"$(grep -qE 'holds [0-9]+ task|mapped [0-9]+ time' <<<"$out" && echo yes)"

kill "$qemu"
wait "$qemu" 2>/dev/null
qemu=""
sleep 0.5
ktap_expect_eq "QEMU gone, the mapping is gone" 0 "$(cat $sys/slices/a/mappings)"
ktap_expect_eq "and the slice can go" 0 "$($lparctl destroy a >/dev/null 2>&1; echo $?)"
ktap_finished
