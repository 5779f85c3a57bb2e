#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kvm_shadow_profile on the stock kvm_intel: an upstream nested selftest's
# L1 sets up its VMCS with VMWRITEs and reads exit information with
# VMREADs; the profiler must count those that exit, per VM and field,
# by name, and none for fields the hardware shadows (upstream shadows
# GUEST_RIP read-write), which complete in the CPU. The kvm_intel loaded
# at the start is loaded again at the end.

. "$(dirname "$0")/../../lib/ktap.sh"
set -u

dir=${KVM_INTEL_DIR:-/lib/kvm-intel}
params=/sys/module/kvm_intel/parameters
prof=/sys/kernel/debug/kvm_shadow_profile
l1=$(dirname "$0")/../../kvm/x86_64/vmx_tsc_adjust_test

[ -d /sys/module/kvm_shadow_profile ] || ktap_skip_all "kvm_shadow_profile not loaded"
[ -f "$dir/stock.ko" ] || ktap_skip_all "needs $dir/stock.ko (the Bochs lane's)"
[ -x "$l1" ] || ktap_skip_all "no $l1"
[ -d /sys/kernel/debug/kvm_shadow_profile ] ||
	mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null

first=stock
[ -f "$params/kvm_shadow" ] && first=ours
swap() {	# which
	rmmod kvm_intel && insmod "$dir/$1.ko" nested=1
}

ktap_print_header
ktap_set_plan 6

swap stock
ktap_expect_eq "the stock kvm_intel runs, with VMCS shadowing" "stock Y" \
	"$([ -f "$params/kvm_shadow" ] && echo ours || echo stock) $(cat $params/enable_shadow_vmcs)"

echo 1 > $prof/reset
"$l1" > /tmp/l1.out 2>&1
ktap_expect_eq "the L1 ran" 0 "$?"
cat $prof/profile > /tmp/profile
sed 's/^/# /' /tmp/profile | head -n 12
fields=$(awk '$4 + $5 > 0' /tmp/profile | wc -l)
writes=$(awk '{ w += $5 } END { print w + 0 }' /tmp/profile)
echo "# $fields fields, $writes VMWRITE exits"
ktap_expect_eq "its VMWRITEs to unshadowed fields were counted, by name" yes \
	"$([ "$fields" -ge 10 ] && grep -q ' HOST_CR3 [0-9]* [1-9]' /tmp/profile && echo yes)"
ktap_expect_eq "its VMREADs of exit information too" yes \
	"$(awk '$4 > 0' /tmp/profile | grep -q . && echo yes)"
ktap_expect_eq "a shadowed field (GUEST_RIP) never exited" "" \
	"$(grep ' GUEST_RIP ' /tmp/profile)"
ktap_expect_eq "all of one VM, one process" 1 \
	"$(awk '$3 != "lost" { print $1, $2 }' /tmp/profile | sort -u | wc -l)"

swap "$first"
ktap_finished
