#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kvmshadowctl over the kvm_shadow generic netlink family, against
# kvm-shadow's kvm_intel: a VM held by vm_hold (no vCPU) is listed, its
# profile, set and policy are read, a pinned policy set through netlink
# shows in its debugfs policy file, and bad input (unknown field,
# read-write shadowing of an access-rights field, a VM that does not
# exist, one that went away) comes back with the kernel's extack
# message; "kvmshadowctl -j monitor" sees one event per accepted policy.
# Then the profile of a live L1: shadow_fields_test runs in the
# background, and once its VM has trapped, kvmshadowctl shows its top
# trapping fields; the test is stopped there (its own checks are not
# this test's).
#
# The Bochs lane puts a static kvmshadowctl and vm_hold in /lane/bin.

. "$(dirname "$0")/../../lib/ktap.sh"
. "$(dirname "$0")/vm_hold.sh"
set -u

here=$(cd "$(dirname "$0")" && pwd)
bin=${KVMSHADOWCTL_BIN:-$here/../../../bin}
ctl=$bin/kvmshadowctl
hold=$bin/vm_hold
dbg=/sys/kernel/debug/kvm_shadow

[ -x "$ctl" ] && [ -x "$hold" ] || ktap_skip_all "no $ctl or $hold (the Bochs lane's)"
[ -f /sys/module/kvm_intel/parameters/kvm_shadow ] ||
	ktap_skip_all "kvm_intel is not kvm-shadow's"
grep -q " /sys/kernel/debug " /proc/mounts || mount -t debugfs none /sys/kernel/debug
[ -d "$dbg" ] || ktap_skip_all "no $dbg"

ktap_print_header
ktap_set_plan 17

# expect_err DESC PATTERN CMD...: fails, and stderr matches PATTERN.
expect_err() {
	desc=$1 pat=$2
	shift 2
	err=$("$@" 2>&1 >/dev/null)
	rc=$?
	echo "$err" | sed 's/^/# /'
	if [ $rc -ne 0 ] && echo "$err" | grep -q -- "$pat"; then
		ktap_test_pass "$desc"
	else
		ktap_test_fail "$desc (exit $rc)"
	fi
}

vm_hold_start "$hold" "$dbg"
echo "# vm_hold pid $hpid, VM $vm"

out=$("$ctl" vms)
echo "$out" | sed 's/^/# /'
if echo "$out" | grep -q "^$vm .* $hpid  static$"; then
	ktap_test_pass "vms lists the held VM, static"
else
	ktap_test_fail "vms lists the held VM, static"
fi
out=$("$ctl" -j vms)
echo "# $out"
if echo "$out" | grep -q "{\"vm\":\"$vm\",\"id\":${vm#*-},\"pid\":$hpid,\"policy\":\"static\"}"; then
	ktap_test_pass "vms -j lists it"
else
	ktap_test_fail "vms -j lists it"
fi

out=$("$ctl" profile "$vm")
rc=$?
echo "$out" | sed 's/^/# /'
if [ $rc -eq 0 ] && echo "$out" | grep -q "^0 field(s) trapped" &&
   echo "$out" | grep -q "^sync shadow-to-vmcs12"; then
	ktap_test_pass "profile of a VM that never ran: sync lines, no field"
else
	ktap_test_fail "profile of a VM that never ran (exit $rc)"
fi

out=$("$ctl" set "$vm")
echo "$out" | head -n 5 | sed 's/^/# /'
ktap_expect_eq "set has upstream's fields, as debugfs" \
	"$(grep -c '^r[ow] ' "$dbg/$vm/set")" "$(echo "$out" | grep -c '^r[ow] ')"

# Policy events, from here to the adaptive policy below.
"$ctl" -j monitor > /tmp/ks_monitor.out 2>&1 &
mpid=$!
sleep 1
out=$("$ctl" policy "$vm" pinned static GUEST_FS_BASE GUEST_ES_AR_BYTES:ro)
rc=$?
echo "# $out"
ktap_expect_eq "policy pinned set through netlink" "0 pinned" "$rc $out"
ktap_expect_eq "debugfs policy says pinned" pinned "$(head -n 1 "$dbg/$vm/policy")"
if grep -q "^rw GUEST_FS_BASE 0x680e" "$dbg/$vm/set" &&
   grep -q "^ro GUEST_ES_AR_BYTES 0x4814" "$dbg/$vm/set"; then
	ktap_test_pass "debugfs set has the pinned fields"
else
	ktap_test_fail "debugfs set has the pinned fields"
fi
out=$("$ctl" -j set "$vm")
if echo "$out" | grep -q '"policy":"pinned"' &&
   echo "$out" | grep -q '{"name":"GUEST_FS_BASE","encoding":"0x680e","access":"rw"}'; then
	ktap_test_pass "set -j shows the pinned set"
else
	echo "# $out"
	ktap_test_fail "set -j shows the pinned set"
fi

expect_err "unknown field: extack" \
	"kernel error: NO_SUCH_FIELD: no such VMCS field" \
	"$ctl" policy "$vm" pinned NO_SUCH_FIELD
expect_err "access-rights field read-write: extack" \
	"kernel error: GUEST_ES_AR_BYTES: access-rights fields can only be shadowed read-only" \
	"$ctl" policy "$vm" pinned GUEST_ES_AR_BYTES:rw
expect_err "unknown encoding: extack" "kernel error: 0x7777: no such VMCS field in vmcs12" \
	"$ctl" policy "$vm" pinned 0x7777
ktap_expect_eq "refused policies changed nothing" pinned "$(head -n 1 "$dbg/$vm/policy")"

out=$("$ctl" policy "$vm" adaptive window=50 promote=2)
echo "# $out"
ktap_expect_eq "adaptive with its parameters" \
	"adaptive window=50 promote=2 max=16 age=50 learned=0 promoted=0 demoted=0" "$out"

sleep 1
kill "$mpid"
wait "$mpid" 2>/dev/null
sed 's/^/# /' /tmp/ks_monitor.out
ktap_expect_eq "monitor: an event per accepted policy, none for refused ones" \
	"{\"event\":\"policy\",\"vm\":\"$vm\",\"policy\":\"pinned\",\"source\":\"netlink\",\"text\":\"pinned static GUEST_FS_BASE GUEST_ES_AR_BYTES:ro\"}
{\"event\":\"policy\",\"vm\":\"$vm\",\"policy\":\"adaptive\",\"source\":\"netlink\",\"text\":\"adaptive window=50 promote=2\",\"learned\":0,\"promoted\":0,\"demoted\":0}" \
	"$(cat /tmp/ks_monitor.out)"

expect_err "VM that does not exist: extack" "kernel error: VM 999999: no such VM" \
	"$ctl" profile 999999

kill "$hpid"
wait "$hpid" 2>/dev/null
expect_err "VM that went away: extack" "kernel error: VM ${vm#*-}: no such VM" \
	"$ctl" policy "$vm" static

# A live L1: shadow_fields_test's VM, while it runs its round trips.
sft=$here/shadow_fields_test
if [ ! -x "$sft" ]; then
	ktap_test_skip "profile of a live L1: no $sft"
else
	(cd "$here" && exec "$sft" > /tmp/sft.out 2>&1) &
	spid=$!
	top=
	i=0
	while [ $i -lt 300 ] && kill -0 "$spid" 2>/dev/null; do
		live=$(ls "$dbg" | grep "^$spid-" | head -n 1)
		if [ -n "$live" ] &&
		   top=$("$ctl" profile "$live" --top 5 2>&1) &&
		   echo "$top" | grep -q "GUEST_FS_BASE .* [1-9][0-9]* .* [1-9]"; then
			break
		fi
		top=
		sleep 0.5
		i=$((i + 1))
	done
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	echo "# kvmshadowctl profile $live --top 5"
	echo "$top" | sed 's/^/# /'
	if [ -n "$top" ]; then
		ktap_test_pass "profile of a live L1: GUEST_FS_BASE among its top trapping fields"
	else
		tail -n 5 /tmp/sft.out | sed 's/^/# /'
		ktap_test_fail "profile of a live L1"
	fi
fi
ktap_finished
