#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kvm-shadow's kvm_intel with VMCS shadowing off (enable_shadow_vmcs=0,
# as on a CPU without it): it loads as the stock one does, every VM runs
# upstream's way (L1's every VMREAD and VMWRITE exits, and nothing is
# copied), its profile still counts, and every policy change is refused
# with the reason, through debugfs and netlink, changing nothing. The
# kvm_intel loaded at the start is loaded again at the end.

. "$(dirname "$0")/../../lib/ktap.sh"
. "$(dirname "$0")/vm_hold.sh"
set -u

here=$(cd "$(dirname "$0")" && pwd)
dir=${KVM_INTEL_DIR:-/lib/kvm-intel}
bin=${KVMSHADOWCTL_BIN:-$here/../../../bin}
params=/sys/module/kvm_intel/parameters
dbg=/sys/kernel/debug/kvm_shadow
l1=$here/../bench/l1_pattern

[ -f "$dir/ours.ko" ] || ktap_skip_all "needs $dir/ours.ko (the Bochs lane's)"
if [ ! -x "$l1" ] || [ ! -x "$bin/kvmshadowctl" ] || [ ! -x "$bin/vm_hold" ]; then
	ktap_skip_all "needs l1_pattern, kvmshadowctl and vm_hold"
fi
[ -d "$params" ] || ktap_skip_all "kvm_intel is not loaded"
grep -q " /sys/kernel/debug " /proc/mounts || mount -t debugfs none /sys/kernel/debug

first=stock
[ -f "$params/kvm_shadow" ] && first=ours
bad='WARNING:|BUG:|Call Trace:|general protection'
warns_before=$(dmesg | grep -cE "$bad")

ktap_print_header
ktap_set_plan 8

rmmod kvm_intel
insmod "$dir/ours.ko" nested=1 enable_shadow_vmcs=0
ktap_expect_eq "ours loads with shadowing off" "ours N" \
	"$([ -f "$params/kvm_shadow" ] && echo ours) $(cat "$params/enable_shadow_vmcs")"

vm_hold_start "$bin/vm_hold" "$dbg"

if echo "pinned static GUEST_FS_BASE" > "$dbg/$vm/policy" 2>/dev/null; then
	ktap_test_fail "debugfs: a pinned policy is refused: accepted"
else
	ktap_test_pass "debugfs: a pinned policy is refused"
fi
ktap_expect_eq "with the reason, the policy unchanged" \
	"static|error: VMCS shadowing is off in this kvm_intel (enable_shadow_vmcs)" \
	"$(tr '\n' '|' < "$dbg/$vm/policy" | sed 's/|$//')"
err=$("$bin/kvmshadowctl" policy "$vm" adaptive 2>&1)
rc=$?
echo "$err" | sed 's/^/# /'
ktap_expect_eq "netlink: adaptive refused, EOPNOTSUPP and the reason" "1 yes yes" \
	"$rc $(echo "$err" | grep -q 'VMCS shadowing is off' && echo yes) $(echo "$err" |
	   grep -q 'Operation not supported' && echo yes)"
ktap_expect_eq "sysfs: still static" static "$(cat "/sys/kernel/kvm_shadow/$vm/policy")"
kill $hpid
wait $hpid 2>/dev/null

"$l1" -p kvm-like -w 10 -n 100 -s 1 > /tmp/l1.out 2>&1
sed 's/^/# /' /tmp/l1.out
ktap_expect_eq "an L1 runs; its every VMREAD/VMWRITE exits, counted (16 per round trip)" 1600 \
	"$(sed -n 's/^kvm-like step 1: .*, \([0-9]*\) VMREAD\/VMWRITE exits.*/\1/p' /tmp/l1.out)"
ktap_expect_eq "and no field is copied" 0.0 \
	"$(sed -n 's/.*, \([0-9.]*\) fields copied per round trip/\1/p' /tmp/l1.out)"

rmmod kvm_intel
insmod "$dir/$first.ko" nested=1
warns_after=$(dmesg | grep -cE "$bad")
ktap_expect_eq "no kernel warning" "$warns_before" "$warns_after"
ktap_finished
