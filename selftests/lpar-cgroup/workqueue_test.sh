#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unbound kernel work (the unbound workqueues' kworker/u* threads) kept off
# dedicated slices' CPUs, by lparctl:
#  - binding a dedicated slice takes its CPUs out of the workqueues' mask,
#    and no unbound kworker may run there any more;
#  - a shared slice's CPUs stay in;
#  - resizing moves the CPUs it gave up back in, its new ones out;
#  - destroying gives its CPUs back, and only those: a CPU the admin took
#    out for reasons of their own stays out.

. "$(dirname "$0")/../lib/ktap.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
lparctl=$top/tools/build/bin/lparctl
sys=/sys/kernel/lpar
cg=/sys/fs/cgroup
wq=/sys/devices/virtual/workqueue/cpumask

[ -x "$lparctl" ] || ktap_skip_all "lparctl not built (make tools)"
[ -d $sys ] || ktap_skip_all "lpar_cgroup not loaded"
[ -w $wq ] || ktap_skip_all "no $wq"
grep -qw cpuset $cg/cgroup.controllers || ktap_skip_all "no cpuset controller"

mask() { cat $wq; }

# in_list LIST N: whether N is in a list such as 0-1,3.
in_list() {
	local r
	for r in ${1//,/ }; do
		[ "$2" -ge "${r%-*}" ] && [ "$2" -le "${r#*-}" ] && return 0
	done
	return 1
}

# kworkers_on CPU: unbound kworkers that may run on CPU.
kworkers_on() {
	local st comm allowed
	for st in /proc/[0-9]*/status; do
		comm=$(awk '/^Name:/ { print $2 }' "$st" 2>/dev/null)
		[[ $comm == kworker/u* ]] || continue
		allowed=$(awk '/^Cpus_allowed_list:/ { print $2 }' "$st" 2>/dev/null)
		[ -n "$allowed" ] && in_list "$allowed" "$1" && echo "$comm"
	done
}

orig=$(mask)
cleanup() {
	for s in a s; do
		"$lparctl" destroy $s force >/dev/null 2>&1
		rmdir $cg/lpar/$s 2>/dev/null
	done
	echo "$orig" > $wq
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 8

echo "# workqueue mask before: $orig"
$lparctl create a cpus 2
$lparctl bind a
ktap_expect_eq "binding a dedicated slice takes its CPU out" b "$(mask)"
sleep 0.5
ktap_expect_eq "unbound kworkers are there (on CPU 0)" yes \
	"$([ -n "$(kworkers_on 0)" ] && echo yes)"
ktap_expect_eq "and none may run on the slice's CPU" "" "$(kworkers_on 2 | sort -u | xargs)"

$lparctl create s cpus 3 mode shared
$lparctl bind s
ktap_expect_eq "a shared slice's CPUs stay in" b "$(mask)"

$lparctl set a cpus 1
ktap_expect_eq "resizing: the CPU given up is back, the new one out" d "$(mask)"

$lparctl destroy a
ktap_expect_eq "destroying gives its CPU back" f "$(mask)"

echo 7 > $wq
$lparctl create a cpus 2
$lparctl bind a
ktap_expect_eq "with CPU 3 out by the admin's choice" 3 "$(mask)"
$lparctl destroy a
ktap_expect_eq "only the slice's CPU comes back" 7 "$(mask)"
ktap_finished
