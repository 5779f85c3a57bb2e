#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Slices bound to cgroup v2 cpuset partitions (lparctl bind) confine their
# tasks, and the module checks that they do:
#  - a bound slice whose partition holds is active;
#  - a command run in a slice (lparctl exec) can only run on its CPUs, and
#    cannot widen its own affinity out of them;
#  - counting, not timing: while slice B is loaded, no task outside slice A
#    runs on A's CPU and A's tasks never leave it (every task sampled);
#  - a broken partition or a removed cgroup turns the slice failed, with
#    the reason and an event;
#  - a slice with tasks cannot be destroyed unless forced.

. "$(dirname "$0")/../lib/ktap.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
lparctl=$top/tools/build/bin/lparctl
sys=/sys/kernel/lpar
cg=/sys/fs/cgroup

[ -x "$lparctl" ] || ktap_skip_all "lparctl not built (make tools)"
[ -d $sys ] || ktap_skip_all "lpar_cgroup not loaded"
grep -qw cpuset $cg/cgroup.controllers || ktap_skip_all "no cpuset controller"

state() { cat $sys/slices/$1/state; }

. "$(dirname "$0")/sample.sh"

ktap_print_header
ktap_set_plan 15

$lparctl create a cpus 2 memory 16M
$lparctl create b cpus 3 memory 16M
ktap_expect_eq "bind slice a" 0 "$($lparctl bind a >/dev/null 2>&1; echo $?)"
ktap_expect_eq "bind slice b" 0 "$($lparctl bind b >/dev/null 2>&1; echo $?)"
ktap_expect_eq "a bound slice whose partition holds is active" "active active" \
	"$(state a) $(state b)"
ktap_expect_eq "the module recorded the cgroup" yes \
	"$([ "$(cat $sys/slices/a/cgroup_id)" != 0 ] && echo yes)"

ktap_expect_eq "a command in the slice may run only on its CPU" 2 \
	"$($lparctl exec a -- awk '/Cpus_allowed_list/ { print $2 }' /proc/self/status)"
# The cpuset clamps sched_setaffinity(): asking for every CPU leaves the
# task on the slice's.
ktap_expect_eq "it cannot widen its affinity out of the slice" 2 \
	"$($lparctl exec a -- sh -c 'taskset -pc 0-3 $$ >/dev/null 2>&1
		awk "/Cpus_allowed_list/ { print \$2 }" /proc/$$/status')"
ktap_expect_eq "its memory comes from the slice's node" 1 \
	"$($lparctl exec a -- awk '/Mems_allowed_list/ { print $2 }' /proc/self/status)"

# Load both: a spins on its CPU, b runs a stressor; count who runs where.
$lparctl exec a -- sh -c 'while :; do :; done' &
spin=$!
$lparctl exec b -- stress-ng --quiet --temp-path /tmp --cpu 2 --timeout 20s &
stress=$!
sleep 1
report=$(sample_violations 5 $cg/lpar/a 2)
echo "$report" | tail -n 6 | sed 's/^/# /'
# The sampler must have seen both kinds of task run, or it proves nothing.
ktap_expect_eq "the sampler saw slice and outside tasks run" yes \
	"$(tail -n 1 <<<"$report" | awk '$4 > 0 && $6 > 0 { print "yes" }')"
ktap_expect_eq "no task outside a ran on its CPU, none of a's left it" "" \
	"$(grep -v '^sampled runs:' <<<"$report")"
ktap_expect_eq "the slice counts its tasks" yes \
	"$([ "$(cat $sys/slices/a/tasks)" -ge 1 ] && echo yes)"

out=$($lparctl destroy a 2>&1)
ktap_expect_eq "a slice with tasks cannot be destroyed" yes \
	"$(grep -q 'holds [0-9]* task' <<<"$out" && echo yes)"
kill $spin $stress 2>/dev/null
pkill -f 'while :; do :; done'
pkill stress-ng
wait 2>/dev/null

# Break the parent partition: its CPUs flow back to the root cgroup's
# tasks, and the dedicated slices are no longer what they claim.
echo member > $cg/lpar/cpuset.cpus.partition
sleep 2
ktap_expect_eq "a broken partition fails the slice" failed "$(state b)"
echo "# reason: $(cat $sys/slices/b/reason)"
ktap_expect_eq "it says why" yes \
	"$(grep -q 'outside the slice may run on its CPUs' $sys/slices/b/reason && echo yes)"
echo root > $cg/lpar/cpuset.cpus.partition

$lparctl create c cpus 1 memory 16M
$lparctl bind c
rmdir $cg/lpar/c
sleep 2
ktap_expect_eq "a slice whose cgroup is removed fails" "failed: its cgroup is gone" \
	"$(state c): $(cat $sys/slices/c/reason)"

$lparctl destroy a
$lparctl destroy b
$lparctl destroy c
rmdir $cg/lpar/a $cg/lpar/b $cg/lpar/c 2>/dev/null
ktap_expect_eq "destroyed slices leave no cgroup behind" "" \
	"$(ls -d $cg/lpar/*/ 2>/dev/null)"
ktap_finished
