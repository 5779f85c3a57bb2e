#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The Bochs half of `make demo`: kvm-shadow's kvm_intel runs an L1
# hypervisor whose VMCS accesses upstream's shadow list misses (the
# "foreign" pattern of selftests/kvm-shadow/bench/l1_pattern.c), first
# under the static policy, then under adaptive, which learns the fields
# L1 traps on and shadows them: its exits per field fall to zero.
#
# POSIX sh: the Bochs guest has busybox only.

set -u
l1=/lane/selftests/kvm-shadow/bench/l1_pattern
ctl=/lane/bin/kvmshadowctl
params=/sys/module/kvm_intel/parameters

run() { echo "\$ $*"; "$@"; }

echo
echo "=== kvm-shadow: per-VM VMCS shadowing for a guest hypervisor (L1)"
echo "This guest is the host (L0): a Bochs Skylake-X with VMX and VMCS shadowing."
for p in nested enable_shadow_vmcs kvm_shadow_policy; do
	echo "kvm_intel $p = $(cat "$params/$p" 2>/dev/null || echo '(none: not kvm-shadow'"'"'s kvm_intel)')"
done
if [ ! -f "$params/kvm_shadow_policy" ]; then
	echo "!!! kvm_intel is the stock one: kvm-shadow's was not built"
	exit 1
fi

echo
echo "--- static (upstream's 36-field list): every round trip, L1 reads and writes"
echo "    back 8 fields outside it, reads 3 more; each access exits to L0"
run "$l1" -p foreign -w 1 -n 100 -s 2 -P static -v || exit 1

echo
echo "--- adaptive: the same L1, 20 stretches of 100 L2 round trips"
"$l1" -p foreign -w 1 -n 100 -s 20 -P adaptive -v > /tmp/l1.out 2>&1 &
pid=$!
# kvmshadowctl looks at the VM while it runs.
sleep 1
vm=
for d in /sys/kernel/debug/kvm_shadow/"$pid"-*; do
	[ -d "$d" ] && vm=${d##*/}
done
if [ -n "$vm" ]; then
	run "$ctl" vms
	run "$ctl" profile "$vm" --top 14
	run "$ctl" policy "$vm"
fi
wait $pid
rc=$?
echo "\$ $l1 -p foreign -w 1 -n 100 -s 20 -P adaptive -v"
cat /tmp/l1.out
[ $rc -eq 0 ] || exit 1
[ -n "$vm" ] || { echo "!!! the VM was gone before kvmshadowctl looked"; exit 1; }
echo
echo "The exits stop once adaptive has shadowed the fields; 'make bench' measures"
echo "what that is worth in round trips per second against stock kvm_intel."
