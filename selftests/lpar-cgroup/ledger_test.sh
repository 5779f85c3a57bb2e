#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The slice ledger holds its invariants: slices never share a CPU, never
# take a housekeeping CPU or a CPU or node that does not exist, never
# overcommit a node's memory; every refusal says why (extack) and changes
# nothing; names are unique; resizing is all or nothing.
#
# Topology (QEMU lane): CPUs 0-1 on node 0, 2-3 on node 1; the module is
# loaded with housekeeping=0.

. "$(dirname "$0")/../lib/ktap.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
lparctl=$top/tools/build/bin/lparctl
sys=/sys/kernel/lpar
M=$((1024 * 1024))

[ -x "$lparctl" ] || ktap_skip_all "lparctl not built (make tools)"
[ -d $sys ] || ktap_skip_all "lpar_cgroup not loaded"
[ "$(cat /sys/devices/system/node/online)" = 0-1 ] ||
	ktap_skip_all "needs 2 NUMA nodes"

# refused DESC MESSAGE-REGEX CMD...: CMD must fail, print the kernel's
# reason, and leave the ledger as it was.
refused() {
	local desc=$1 msg=$2 out before after
	shift 2
	before=$(ledger_state)
	if out=$("$@" 2>&1); then
		echo "# $*: succeeded"
		ktap_test_fail "$desc"
		return
	fi
	after=$(ledger_state)
	if ! grep -qE -- "$msg" <<<"$out"; then
		echo "# $*: '$out' does not say '$msg'"
		ktap_test_fail "$desc"
	elif [ "$before" != "$after" ]; then
		echo "# ledger changed: $before -> $after"
		ktap_test_fail "$desc"
	else
		ktap_test_pass "$desc"
	fi
}

ledger_state() {
	cat $sys/nodes/*/slices_bytes | tr '\n' ' '
	ls $sys/slices | tr '\n' ' '
	cat $sys/slices/*/cpus 2>/dev/null | tr '\n' ' '
}

ok() {	# desc cmd...
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		ktap_test_pass "$desc"
	else
		echo "# $*: $out"
		ktap_test_fail "$desc"
	fi
}

ktap_print_header
ktap_set_plan 30

ktap_expect_eq "housekeeping CPUs" 0 "$(cat $sys/housekeeping_cpus)"

ok "create a slice with a CPU and 64 MiB" $lparctl create web cpus 2 memory 64M
ktap_expect_eq "its CPUs" 2 "$(cat $sys/slices/web/cpus)"
ktap_expect_eq "its node follows its CPU" 1 "$(cat $sys/slices/web/nodes)"
ktap_expect_eq "its mode" dedicated "$(cat $sys/slices/web/mode)"
ktap_expect_eq "its state" defined "$(cat $sys/slices/web/state)"
ktap_expect_eq "its pool" $((64 * M)) "$(cat $sys/slices/web/memory_bytes)"
ktap_expect_eq "node 1 accounts the pool" $((64 * M)) "$(cat $sys/nodes/node1/slices_bytes)"
ktap_expect_eq "node 0 is untouched" 0 "$(cat $sys/nodes/node0/slices_bytes)"
ktap_expect_eq "its device node" "lpar/web" "$(cat $sys/slices/web/device)"
ktap_expect_eq "/dev/lpar/web exists" yes "$([ -c /dev/lpar/web ] && echo yes)"

refused "a CPU of another slice" "CPU 2 belongs to slice web" \
	$lparctl create db cpus 2-3
refused "a housekeeping CPU" "CPU 0 is a housekeeping CPU" \
	$lparctl create db cpus 0
refused "a CPU that does not exist" "CPU 9 does not exist|not a CPU list of existing" \
	$lparctl create db cpus 9
refused "a name in use" "slice web exists" \
	$lparctl create web cpus 3
refused "a node that does not exist" "node 7 does not exist|not a node list of existing" \
	$lparctl create db cpus 3 nodes 7
free1=$(( $(cat $sys/nodes/node1/total_bytes) - $(cat $sys/nodes/node1/reserve_bytes) \
	  - $(cat $sys/nodes/node1/slices_bytes) ))
refused "more memory than the node has left" "node 1 has $free1 bytes left for slices" \
	$lparctl create db cpus 3 memory $((free1 + 4096))
refused "memory not in whole pages" "multiple of the page size" \
	$lparctl create db cpus 3 memory 1000
refused "a reserve below what slices hold" "slices hold" \
	$lparctl host reserve 1 $(cat $sys/nodes/node1/total_bytes)

ok "a second slice on another node's memory" $lparctl create db cpus 3 nodes 0 memory 32M
ktap_expect_eq "node 0 accounts it" $((32 * M)) "$(cat $sys/nodes/node0/slices_bytes)"

ok "grow a slice's memory" $lparctl set web memory 96M
ktap_expect_eq "grown pool" $((96 * M)) "$(cat $sys/slices/web/memory_bytes)"
refused "resize onto another slice's CPU is all or nothing" "CPU 3 belongs to slice db" \
	$lparctl set web cpus 2-3 memory 128M
ok "shrink a slice's memory" $lparctl set web memory 16M
ktap_expect_eq "node 1 accounts the shrink" $((16 * M)) "$(cat $sys/nodes/node1/slices_bytes)"

ok "destroy a slice" $lparctl destroy db
ktap_expect_eq "its memory is back" 0 "$(cat $sys/nodes/node0/slices_bytes)"
ktap_expect_eq "its device is gone" no "$([ -e /dev/lpar/db ] && echo yes || echo no)"
ok "its CPU can be taken again" $lparctl set web cpus 2-3

$lparctl destroy web
ktap_finished
