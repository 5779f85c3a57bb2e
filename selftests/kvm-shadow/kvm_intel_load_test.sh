#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# QEMU lane, load only: kvm-shadow's kvm-intel.ko, as built in this tree,
# is for the running (stock) kernel and loads on its stock kvm.ko, or
# refuses cleanly where the CPU has no VMX (QEMU's TCG "-cpu max" has
# none): the refusal upstream prints, nothing left loaded. The lane's
# judge fails the run on any WARN in the kernel log. Nested VMX itself
# is tested in the Bochs lane.

. "$(dirname "$0")/../lib/ktap.sh"
# No errexit: a failed check is a "not ok" line, and the test goes on.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
ko=${KVM_INTEL_KO:-$top/build/kvm-intel/tree/arch/x86/kvm/kvm-intel.ko}
[ -f "$ko" ] || ktap_skip_all "kvm-shadow's kvm-intel.ko is not built (make kvm-intel)"
[ -d /sys/module/kvm_intel ] && ktap_skip_all "a kvm_intel is already loaded"

ktap_print_header
ktap_set_plan 4

want=$(modinfo -F kvm_shadow "$ko")
echo "# $ko: kvm-shadow ${want:-<none>}"
ktap_expect_eq "kvm-intel.ko names itself kvm_intel" kvm_intel "$(modinfo -F name "$ko")"
ktap_expect_eq "kvm-intel.ko is built for the running kernel" "$(uname -r)" \
	"$(modinfo -F vermagic "$ko" | cut -d' ' -f1)"

had_kvm=0
[ -d /sys/module/kvm ] && had_kvm=1
modprobe kvm || ktap_test_fail "modprobe the stock kvm"
if out=$(insmod "$ko" nested=1 2>&1); then
	ktap_expect_eq "kvm_intel loaded, it is kvm-shadow's" "$want" \
		"$(cat /sys/module/kvm_intel/parameters/kvm_shadow 2>/dev/null)"
	rmmod kvm_intel
	ktap_expect_eq "kvm_intel unloads" no "$([ -d /sys/module/kvm_intel ] && echo yes || echo no)"
else
	echo "# insmod: $out"
	dmesg | grep -E "kvm: (no hardware support for|support for) .kvm_intel." | tail -n 1 | sed 's/^/# /'
	n=$(dmesg | grep -cE "kvm: (no hardware support for|support for) .kvm_intel.")
	ktap_expect_eq "kvm_intel refused with upstream's reason (no VMX here)" yes \
		"$([ "$n" -ge 1 ] && echo yes || echo no)"
	ktap_expect_eq "nothing of kvm_intel left loaded" no \
		"$([ -d /sys/module/kvm_intel ] && echo yes || echo no)"
fi
[ $had_kvm -eq 1 ] || modprobe -r kvm
ktap_finished
