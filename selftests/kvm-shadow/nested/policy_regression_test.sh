#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Upstream's nested KVM selftests under kvm-shadow's other policies. The
# lane runs them under static (upstream's set); here each policy in turn
# becomes the one new VMs start with (kvm_intel.kvm_shadow_policy), every
# upstream test in the image runs again under it, and static is put back.
# The sets differ from upstream's in all the ways that matter: more
# fields, lazily synced ones (guest segment bases), read-only exit
# information, upstream's own fields left out, sets learned while L1
# runs; state_test and vmx_set_nested_state_test save and restore nested
# state under them.

. "$(dirname "$0")/../../lib/ktap.sh"
# No errexit: a failed test is a "not ok" line, and the run goes on.
set -u

param=/sys/module/kvm_intel/parameters/kvm_shadow_policy
updir=$(dirname "$0")/../../kvm/x86_64
[ -w "$param" ] || ktap_skip_all "kvm_intel has no kvm_shadow_policy (not kvm-shadow's)"
tests=$(find "$updir" -type f -perm -u+x 2>/dev/null | sort)
[ -n "$tests" ] || ktap_skip_all "no upstream selftests in $updir"

policies="pinned static GUEST_FS_BASE GUEST_GS_BASE GUEST_SYSENTER_ESP TSC_OFFSET GUEST_ES_AR_BYTES GUEST_CS_BASE:ro GUEST_CS_SELECTOR:ro VMX_INSTRUCTION_INFO:ro
pinned GUEST_RIP GUEST_RSP VM_EXIT_REASON GUEST_FS_BASE
adaptive window=20 promote=2 max=32 age=10"

# A default a VM refuses leaves it static, which would prove nothing.
refused() { dmesg | grep -c 'starts with static'; }

ktap_print_header
ktap_set_plan $(($(echo "$policies" | wc -l) * ($(echo "$tests" | wc -l) + 1)))
# Not a pipe: the loop must run in this shell, which keeps the counts.
while read -r policy; do
	echo "# policy of new VMs: $policy"
	if ! echo "$policy" > "$param"; then
		for t in $tests; do
			ktap_test_fail "$(basename "$t") under \"$policy\": cannot set the policy"
		done
		ktap_test_fail "every VM started with \"$policy\""
		continue
	fi
	before=$(refused)
	for t in $tests; do
		out=$( (cd "$(dirname "$t")" && timeout 300 "$t" </dev/null) 2>&1)
		rc=$?
		name="$(basename "$t") under \"$policy\""
		case $rc in
		0) ktap_test_pass "$name" ;;
		4) ktap_test_skip "$name" ;;
		*)
			echo "$out" | tail -n 15 | sed 's/^/# /'
			ktap_test_fail "$name (exit $rc)"
			;;
		esac
	done
	ktap_expect_eq "every VM started with \"$policy\"" "$before" "$(refused)"
done <<POLICIES
$policies
POLICIES
echo static > "$param"
ktap_finished
