#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The nested lane is only worth its name if the kvm_intel it runs (stock
# or ours) offers nested VMX with hardware VMCS shadowing, EPT and VPID:
# read what the loaded module reports and print it into the log.

. "$(dirname "$0")/../../lib/ktap.sh"

params=/sys/module/kvm_intel/parameters
[ -d "$params" ] || ktap_skip_all "kvm_intel is not loaded"

ktap_print_header
ktap_set_plan 5
for p in nested enable_shadow_vmcs ept vpid unrestricted_guest; do
	v=$(cat "$params/$p")
	echo "# kvm_intel.$p=$v"
	case $v in
	1) v=Y ;;
	esac
	ktap_expect_eq "kvm_intel $p is on" Y "$v"
done
ktap_finished
