#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The lane means to test kvm-shadow's kvm_intel: make sure the loaded
# kvm_intel is that build (its kvm_shadow parameter, its line in the
# kernel log) and not the stock module, and that it still offers nested
# VMX with hardware VMCS shadowing, or every nested test after it proves
# nothing about our module.
#
# The lane writes what it loaded to /etc/lane-kvm-intel ("ours VERSION"
# or "stock"); elsewhere KVM_SHADOW_VERSION names the version expected.

. "$(dirname "$0")/../../lib/ktap.sh"
# No errexit: a failed check is a "not ok" line, and the test goes on.
set -u

params=/sys/module/kvm_intel/parameters
[ -d "$params" ] || ktap_skip_all "kvm_intel is not loaded"

# shellcheck disable=SC2046 # "ours VERSION": two words
set -- $(cat /etc/lane-kvm-intel 2>/dev/null)
case ${1:-} in
stock) ktap_skip_all "the lane loaded the stock kvm_intel (KVM_INTEL=stock)" ;;
ours) want=$2 ;;
*) want=${KVM_SHADOW_VERSION:-} ;;
esac
[ -n "$want" ] || ktap_skip_all "no kvm-shadow version to expect (KVM_SHADOW_VERSION)"

ktap_print_header
ktap_set_plan 5

have=$(cat "$params/kvm_shadow" 2>/dev/null)
echo "# kvm_intel.kvm_shadow=${have:-<none: stock kvm_intel?>}"
ktap_expect_eq "kvm_intel is kvm-shadow $want" "$want" "$have"

n=$(dmesg | grep -c "kvm_intel: kvm-shadow $want\$")
ktap_expect_eq "kvm_intel logged its kvm-shadow version at load" 1 "$([ "$n" -ge 1 ] && echo 1 || echo 0)"

# A version, not a knob: writing it must fail and change nothing.
if echo 9.9 2>/dev/null > "$params/kvm_shadow"; then
	ktap_test_fail "kvm_intel.kvm_shadow is read-only"
else
	ktap_expect_eq "kvm_intel.kvm_shadow is read-only" "$want" "$(cat "$params/kvm_shadow")"
fi

for p in nested enable_shadow_vmcs; do
	v=$(cat "$params/$p")
	[ "$v" = 1 ] && v=Y
	ktap_expect_eq "kvm-shadow's kvm_intel has $p on" Y "$v"
done
ktap_finished
