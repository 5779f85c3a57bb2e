#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Admins go back and forth between the stock kvm_intel and kvm-shadow's
# (both sit on the same stock kvm.ko): swap them several times with
# rmmod/insmod, nested=1, and check that each load is the module asked
# for, with nested and VMCS shadowing on, and that the kernel log stays
# free of warnings. The module loaded at the start is loaded again at
# the end, with the same parameters, for the tests that follow.
#
# Needs both modules: the Bochs lane puts them in /lib/kvm-intel/.

. "$(dirname "$0")/../../lib/ktap.sh"
# No errexit: a failed check is a "not ok" line, and the test goes on.
set -u

dir=${KVM_INTEL_DIR:-/lib/kvm-intel}
params=/sys/module/kvm_intel/parameters
rounds=3
if [ ! -f "$dir/stock.ko" ] || [ ! -f "$dir/ours.ko" ]; then
	ktap_skip_all "needs $dir/stock.ko and $dir/ours.ko (the Bochs lane's)"
fi
[ -d "$params" ] || ktap_skip_all "kvm_intel is not loaded"

if [ -f "$params/kvm_shadow" ]; then first=ours; else first=stock; fi
other=stock
[ $first = stock ] && other=ours

bad='WARNING:|BUG:|Call Trace:|general protection'
warns_before=$(dmesg | grep -cE "$bad")

# load WHICH: rmmod kvm_intel, insmod WHICH nested=1, check what runs.
load() {
	if ! rmmod kvm_intel; then
		ktap_test_fail "rmmod kvm_intel before loading $1"
		return
	fi
	if ! insmod "$dir/$1.ko" nested=1; then
		ktap_test_fail "insmod $1 kvm_intel"
		return
	fi
	got=stock
	[ -f "$params/kvm_shadow" ] && got=ours
	ok=$got
	for p in nested enable_shadow_vmcs; do
		v=$(cat "$params/$p")
		[ "$v" = Y ] || [ "$v" = 1 ] || ok="$got, $p=$v"
	done
	ktap_expect_eq "round $r: $1 kvm_intel loaded, nested and shadow VMCS on" "$1" "$ok"
}

ktap_print_header
ktap_set_plan $((rounds * 2 + 2))
r=1
while [ $r -le $rounds ]; do
	load $other
	load $first
	r=$((r + 1))
done

ktap_expect_eq "kvm_intel idle reference count" 0 "$(cat /sys/module/kvm_intel/refcnt)"
warns_after=$(dmesg | grep -cE "$bad")
if [ "$warns_after" -ne "$warns_before" ]; then
	dmesg | grep -E "$bad" | tail -n 5 | sed 's/^/# /'
fi
ktap_expect_eq "no kernel warning while swapping" "$warns_before" "$warns_after"
ktap_finished
