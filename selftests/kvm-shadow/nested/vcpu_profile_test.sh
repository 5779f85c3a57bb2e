#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A VM's trap profile per vCPU. l1_pattern -c runs the foreign L1 on
# vCPU 0 and the kvm-like one on vCPU 1, then holds the VM (-H). Then:
#  - debugfs "vcpus": vCPU 0 has the foreign fields' exits, one per
#    access and round trip; vCPU 1 reads none of them, and writes three
#    once, as both L1s do while setting up their VMCS (the selftest
#    library's prepare_vmcs());
#  - every field's exits and every copy count of the VM ("profile") are
#    the sums of its vCPUs';
#  - kvmshadowctl profile --vcpu N (netlink) shows the same per vCPU, in
#    text and JSON; a vCPU the VM does not have is "no vCPU", a bad id
#    a usage error;
#  - the VM's sysfs directory, /sys/kernel/kvm_shadow/<pid>-<n>/, has
#    the same totals as debugfs, one value per file, and goes with the
#    VM.
#
# The Bochs lane puts a static kvmshadowctl in /lane/bin.

. "$(dirname "$0")/../../lib/ktap.sh"
set -u

here=$(cd "$(dirname "$0")" && pwd)
l1=$here/../bench/l1_pattern
ctl=${KVMSHADOWCTL_BIN:-$here/../../../bin}/kvmshadowctl
dbg=/sys/kernel/debug/kvm_shadow

[ -f /sys/module/kvm_intel/parameters/kvm_shadow ] ||
	ktap_skip_all "kvm_intel is not kvm-shadow's"
if [ ! -x "$l1" ] || [ ! -x "$ctl" ]; then
	ktap_skip_all "no $l1 or $ctl"
fi
grep -q " /sys/kernel/debug " /proc/mounts || mount -t debugfs none /sys/kernel/debug

ktap_print_header
ktap_set_plan 14

# 10 warm-up and 100 measured round trips per vCPU.
rm -f /tmp/hold.fifo
mkfifo /tmp/hold.fifo
"$l1" -p foreign -c -H -w 10 -n 100 -s 1 -P static < /tmp/hold.fifo > /tmp/l1.out 2>&1 &
pid=$!
exec 3> /tmp/hold.fifo
i=0
while ! grep -q '^holding' /tmp/l1.out && kill -0 $pid 2>/dev/null && [ $i -lt 600 ]; do
	sleep 0.2
	i=$((i + 1))
done
sed 's/^/# /' /tmp/l1.out
vm=
for d in "$dbg/$pid"-*; do
	[ -d "$d" ] && vm=${d##*/}
done
[ -n "$vm" ] || { exec 3>&-; ktap_skip_all "no VM held (l1_pattern failed)"; }
cp "$dbg/$vm/vcpus" /tmp/vcpus
cp "$dbg/$vm/profile" /tmp/profile
grep -v ' field ' /tmp/vcpus | sed 's/^/# /'

# vcpu_field VCPU FIELD vmread|vmwrite: from debugfs vcpus
vcpu_field() {
	awk -v v="$1" -v f="$2" -v k="$3" \
		'$1 == "vcpu" && $2 == v && $3 == "field" && $4 == f {
			for (i = 5; i < NF; i++) if ($i == k) print $(i + 1) }' /tmp/vcpus
}

ktap_expect_eq "vCPU 0: GUEST_FS_BASE exits once per access (110 round trips, setup)" \
	"110 111" "$(vcpu_field 0 GUEST_FS_BASE vmread) $(vcpu_field 0 GUEST_FS_BASE vmwrite)"
ktap_expect_eq "vCPU 0: TSC_OFFSET too" \
	"110 110" "$(vcpu_field 0 TSC_OFFSET vmread) $(vcpu_field 0 TSC_OFFSET vmwrite)"
ktap_expect_eq "vCPU 1 (kvm-like): no foreign field exits after its setup" "" \
	"$(awk '$1 == "vcpu" && $2 == 1 && $3 == "field" &&
		$4 ~ /^(GUEST_FS_BASE|GUEST_GS_BASE|TSC_OFFSET|GUEST_DR7|GUEST_SYSENTER_EIP)$/ &&
		($7 != 0 || $9 > 1)' /tmp/vcpus)"
ktap_expect_eq "vCPU 1: HOST_RIP, which its library's VMRESUME writes" \
	"0 110" "$(vcpu_field 1 HOST_RIP vmread) $(vcpu_field 1 HOST_RIP vmwrite)"

# Every VM line against the sum of its vCPUs' lines.
mismatch=$(awk '
	FILENAME ~ /vcpus/ && $3 == "field" { r[$4] += $7; w[$4] += $9; next }
	FILENAME ~ /vcpus/ && $3 == "sync" { s[$4] += $5; f[$4] += $7; next }
	$1 == "field" && (r[$2] != $5 || w[$2] != $7) { print "field", $2, $5, $7, r[$2], w[$2] }
	$1 == "sync" && (s[$2] != $3 || f[$2] != $5) { print "sync", $2, $3, $5, s[$2], f[$2] }
	$1 == "field" { n++ }
	END { if (!n) print "no field in profile" }' /tmp/vcpus /tmp/profile)
ktap_expect_eq "the VM's exits and copies are its vCPUs' sums" "" "$mismatch"

out=$("$ctl" profile "$vm" --vcpu 0 --top 0)
echo "$out" | head -n 8 | sed 's/^/# /'
ktap_expect_eq "kvmshadowctl --vcpu 0: GUEST_FS_BASE as debugfs has it" "110 111" \
	"$(echo "$out" | awk '$1 == "GUEST_FS_BASE" { print $3, $4 }')"
out=$("$ctl" -j profile "$vm" --vcpu 1 --top 0)
ktap_expect_eq "kvmshadowctl -j --vcpu 1: its vCPU, HOST_RIP, GUEST_FS_BASE's setup write" "1 yes" \
	"$(echo "$out" | sed -n 's/.*"vcpu":\([0-9]*\).*/\1/p') $(echo "$out" |
	   grep -q '"name":"HOST_RIP","encoding":"0x6c16","vmread":0,"vmwrite":110' &&
	   echo "$out" | grep -q '"name":"GUEST_FS_BASE","encoding":"0x680e","vmread":0,"vmwrite":1,' &&
	   echo yes)"
sync1=$(awk '$1 == "vcpu" && $2 == 1 && $3 == "sync" && $4 == "vmcs12-to-shadow" { print $5, $7 }' /tmp/vcpus)
ktap_expect_eq "kvmshadowctl -j --vcpu 1: its copies as debugfs has them" "$sync1" \
	"$(echo "$out" | sed -n 's/.*"vmcs12_to_shadow":{"syncs":\([0-9]*\),"fields":\([0-9]*\)}.*/\1 \2/p')"

err=$("$ctl" profile "$vm" --vcpu 7 2>&1)
rc=$?
echo "# $err"
ktap_expect_eq "a vCPU the VM does not have: the kernel's reason" "1 yes" \
	"$rc $(echo "$err" | grep -q "no vCPU 7" && echo yes)"
"$ctl" profile "$vm" --vcpu x > /dev/null 2>&1
ktap_expect_eq "a bad vCPU id is a usage error" 2 "$?"

sysdir=/sys/kernel/kvm_shadow/$vm
ktap_expect_eq "sysfs: the VM's pid, number and policy" "$pid ${vm#*-} static" \
	"$(cat "$sysdir/pid" "$sysdir/id" "$sysdir/policy" 2>&1 | xargs)"
ktap_expect_eq "sysfs: its exits, summed over every field, as debugfs's" \
	"$(awk '$1 == "field" { r += $5; w += $7 } $1 == "unknown" { r += $3; w += $5 }
		END { print r, w }' /tmp/profile)" \
	"$(cat "$sysdir/vmread_exits" "$sysdir/vmwrite_exits" 2>&1 | xargs)"
ktap_expect_eq "sysfs: its copies and set size, as debugfs's" \
	"$(awk '$1 == "sync" { printf "%s %s ", $3, $5 }' /tmp/profile)$(grep -c '^rw ' "$dbg/$vm/set") $(grep -c '^ro ' "$dbg/$vm/set")" \
	"$(cat "$sysdir/syncs_to_vmcs12" "$sysdir/fields_to_vmcs12" \
	       "$sysdir/syncs_to_shadow" "$sysdir/fields_to_shadow" \
	       "$sysdir/fields_rw" "$sysdir/fields_ro" 2>&1 | xargs)"

exec 3>&-
wait $pid
rm -f /tmp/hold.fifo
ktap_expect_eq "sysfs: the directory goes with the VM" gone \
	"$([ -e "$sysdir" ] && echo there || echo gone)"
ktap_finished
