#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What lparctl bind sets besides the cpuset, and what it buys:
#  - memory.max and memory.min of a slice's cgroup, as given;
#  - cpu.max and cpu.weight for a shared slice, refused for a dedicated
#    one (its CPUs are all its own), bad values refused, nothing changed;
#  - an OOM inside slice b (memory.max reached, memory.oom.group) kills
#    b's tasks and nothing outside b: slice a's task and a host task live
#    on, and both slices keep their memory pools.

. "$(dirname "$0")/../lib/ktap.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
lparctl=$top/tools/build/bin/lparctl
sys=/sys/kernel/lpar
cg=/sys/fs/cgroup

[ -x "$lparctl" ] || ktap_skip_all "lparctl not built (make tools)"
[ -d $sys ] || ktap_skip_all "lpar_cgroup not loaded"
grep -qw memory $cg/cgroup.controllers || ktap_skip_all "no memory controller"

alive() { kill -0 "$1" 2>/dev/null && echo alive || echo dead; }

cleanup() {
	kill $host_task $a_task 2>/dev/null
	wait 2>/dev/null
	for s in a b s; do
		$lparctl destroy $s force >/dev/null 2>&1
		rmdir $cg/lpar/$s 2>/dev/null
	done
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 13

$lparctl create a cpus 1 memory 16M
$lparctl create b cpus 2 memory 16M
$lparctl create s cpus 3 memory 16M mode shared
$lparctl bind a

ktap_expect_eq "memory-max and memory-min are set" "50331648 8388608" \
	"$($lparctl bind b memory-max 48M memory-min 8M &&
	   cat $cg/lpar/b/memory.max $cg/lpar/b/memory.min | xargs)"
ktap_expect_eq "binding again without options leaves them" "50331648" \
	"$($lparctl bind b && cat $cg/lpar/b/memory.max)"

out=$($lparctl bind b cpu-max 5000 2>&1)
echo "# $out"
ktap_expect_eq "cpu-max on a dedicated slice is refused, and says why" yes \
	"$(grep -q 'is dedicated.*apply to shared slices' <<<"$out" && echo yes)"
ktap_expect_eq "and changes nothing" "max 100000" "$(cat $cg/lpar/b/cpu.max)"

ktap_expect_eq "a shared slice is capped and weighted" "20000 100000 50" \
	"$($lparctl bind s cpu-max 20000/100000 cpu-weight 50 &&
	   cat $cg/lpar/s/cpu.max $cg/lpar/s/cpu.weight | xargs)"
ktap_expect_eq "a shared slice's cgroup is no partition" member \
	"$(cat $cg/lpar/s/cpuset.cpus.partition)"
for bad in "cpu-weight 0" "cpu-weight 10001" "cpu-max 999" "cpu-max 5000/999" \
	    "memory-max 1X" "cpu-weight"; do
	# shellcheck disable=SC2086
	$lparctl bind s memory-max 1M $bad 2>/dev/null && break
done
ktap_expect_eq "bad values are refused before anything is written" \
	"20000 100000 50 max" \
	"$(cat $cg/lpar/s/cpu.max $cg/lpar/s/cpu.weight $cg/lpar/s/memory.max | xargs)"

# The OOM: a task on the host, one in a, a bystander in b, and in b a
# hog that grows until b's memory.max (tail keeps its whole "line").
sleep 600 &
host_task=$!
$lparctl exec a -- sleep 600 &
a_task=$!
$lparctl exec b -- sleep 600 &
b_task=$!
sleep 1
timeout 120 "$lparctl" exec b -- tail /dev/zero
hog=$?
sleep 1
ktap_expect_eq "the hog in b was killed (SIGKILL)" 137 "$hog"
ktap_expect_eq "b's whole group went with it (memory.oom.group)" \
	"dead yes" \
	"$(alive $b_task) $([ "$(awk '/oom_group_kill/ { print $2 }' $cg/lpar/b/memory.events)" -ge 1 ] && echo yes)"
ktap_expect_eq "slice a's task lives on" alive "$(alive $a_task)"
ktap_expect_eq "the host's task lives on" alive "$(alive $host_task)"
ktap_expect_eq "both slices keep their pools" "16777216 16777216" \
	"$(cat $sys/slices/a/memory_bytes $sys/slices/b/memory_bytes | xargs)"
ktap_expect_eq "and their state" "active active" \
	"$(cat $sys/slices/a/state $sys/slices/b/state | xargs)"
ktap_finished
