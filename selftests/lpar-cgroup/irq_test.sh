#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Device interrupts and dedicated slices, by counting:
#  - a slice's creation moves every movable interrupt off its CPUs, and
#    the host lists what it moved;
#  - while the host's devices work, the slice's CPU takes none of their
#    interrupts (the /proc/interrupts column does not move);
#  - an interrupt pointed back at the slice through /proc is moved off
#    again by the next sweep;
#  - an interrupt given to the slice goes to its CPU, and is served there;
#  - bad IRQ lists are refused with the reason, and change nothing;
#  - taking the interrupt back, then destroying the slice, gives the
#    interrupt its former affinity back; so does unloading the module
#    while a slice holds it moved.

. "$(dirname "$0")/../lib/ktap.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
lparctl=$top/tools/build/bin/lparctl
sys=/sys/kernel/lpar

[ -x "$lparctl" ] || ktap_skip_all "lparctl not built (make tools)"
[ -d $sys ] || ktap_skip_all "lpar_cgroup not loaded"

affinity() { cat "/proc/irq/$1/smp_affinity_list"; }

# in_list LIST N: whether N is in a list such as 0-1,3.
in_list() {
	local r
	for r in ${1//,/ }; do
		[ "$2" -ge "${r%-*}" ] && [ "$2" -le "${r#*-}" ] && return 0
	done
	return 1
}

# Interrupts whose affinity may be set: writing it back must work.
movable_irqs() {
	local d irq
	for d in /proc/irq/[0-9]*; do
		irq=${d##*/}
		[ "$(ls "$d" | grep -cv 'affinity\|spurious\|node')" -gt 0 ] || continue
		echo "$(affinity "$irq")" > "$d/smp_affinity_list" 2>/dev/null &&
			echo "$irq"
	done
}

# irq_count IRQ CPU: interrupts of IRQ served by CPU so far.
irq_count() {
	awk -v irq="$1:" -v col=$(($2 + 2)) '$1 == irq { print $col }' /proc/interrupts
}

# Host I/O over virtio-9p (the root file system): device interrupts.
make_io() {
	find /usr/lib /usr/share -type f -size -64k 2>/dev/null | head -n 1500 |
		xargs cat > /dev/null 2>&1
}

cleanup() {
	"$lparctl" destroy a >/dev/null 2>&1
	"$lparctl" destroy b >/dev/null 2>&1
}
trap cleanup EXIT

mapfile -t movable < <(movable_irqs)
[ ${#movable[@]} -gt 0 ] || ktap_skip_all "no movable device interrupt"
# The busiest movable one: the root file system's, most likely.
victim=$(for i in "${movable[@]}"; do
		echo "$i $(awk -v irq="$i:" '$1 == irq { s = 0; for (c = 2; c <= 5; c++) s += $c; print s }' /proc/interrupts)"
	 done | sort -k2 -n | tail -n 1 | cut -d' ' -f1)
echo "# movable: ${movable[*]}; watching IRQ $victim ($(ls /proc/irq/$victim | grep -v 'affinity\|spurious\|node' | head -n 1))"

ktap_print_header
ktap_set_plan 15

echo 1-2 > /proc/irq/$victim/smp_affinity_list
$lparctl create a cpus 2
$lparctl create b cpus 3
on2=""
for i in "${movable[@]}"; do
	in_list "$(affinity "$i")" 2 && on2="$on2 $i:$(affinity "$i")"
done
ktap_expect_eq "no movable interrupt may go to a dedicated slice's CPU" "" "$on2"
ktap_expect_eq "the victim kept what it had of the host's CPUs" 1 "$(affinity $victim)"
ktap_expect_eq "the host lists the interrupts it moved" yes \
	"$(in_list "$(cat $sys/irqs_moved)" "$victim" && echo yes)"

declare -A before
for i in "${movable[@]}"; do
	before[$i]=$(irq_count "$i" 2)
done
total_before=$(irq_count "$victim" 1)
make_io
took=""
for i in "${movable[@]}"; do
	[ "$(irq_count "$i" 2)" = "${before[$i]}" ] || took="$took $i"
done
echo "# IRQ $victim on CPU 1: $(( $(irq_count "$victim" 1) - total_before )) more"
ktap_expect_eq "the host's devices interrupted (the count proves something)" yes \
	"$([ "$(irq_count "$victim" 1)" -gt "$total_before" ] && echo yes)"
ktap_expect_eq "and the slice's CPU took none of it" "" "$took"

echo 2 > /proc/irq/$victim/smp_affinity_list
sleep 2.5
ktap_expect_eq "pointed back at the slice through /proc, it is moved off again" \
	no "$(in_list "$(affinity "$victim")" 2 && echo yes || echo no)"

out=$($lparctl set a irqs 0 2>&1)
echo "# $out"
ktap_expect_eq "a fixed interrupt (the timer) cannot be given" yes \
	"$(grep -q 'IRQ 0 does not exist, or its affinity is per-CPU, fixed or kernel-managed' <<<"$out" && echo yes)"
out=$($lparctl set a irqs 100000 2>&1)
echo "# $out"
ktap_expect_eq "nor one that does not exist" yes \
	"$(grep -q 'not a list of existing IRQ numbers' <<<"$out" && echo yes)"

$lparctl set a irqs "$victim"
ktap_expect_eq "a given interrupt goes to its slice's CPU" "2 $victim" \
	"$(affinity $victim) $(cat $sys/slices/a/irqs)"
out=$($lparctl set b irqs "$victim" 2>&1)
echo "# $out"
ktap_expect_eq "it is one slice's at a time, and b changes nothing" "yes 2 " \
	"$(grep -q "IRQ $victim is slice a's" <<<"$out" && echo yes) $(affinity $victim) $(cat $sys/slices/b/irqs)"

served=$(irq_count "$victim" 2)
make_io
ktap_expect_eq "and the slice's CPU serves it" yes \
	"$([ "$(irq_count "$victim" 2)" -gt "$served" ] && echo yes)"

$lparctl set a irqs none
ktap_expect_eq "taken back, it leaves the slice's CPU" no \
	"$(in_list "$(affinity "$victim")" 2 && echo yes || echo no)"
$lparctl destroy a
$lparctl destroy b
ktap_expect_eq "with the slices gone, it has its former affinity, nothing is held" \
	"1-2 " "$(affinity $victim) $(cat $sys/irqs_moved)"

$lparctl create a cpus 2
moved=$(in_list "$(affinity "$victim")" 2 && echo no || echo yes)
rmmod lpar_cgroup
ktap_expect_eq "unloading while a slice holds it moved gives it back" "yes 1-2" \
	"$moved $(affinity "$victim")"
# As the lane found it.
insmod "$top/lpar-cgroup/lpar_cgroup.ko"
ktap_expect_eq "and the module loads again" yes "$([ -d $sys ] && echo yes)"
ktap_finished
