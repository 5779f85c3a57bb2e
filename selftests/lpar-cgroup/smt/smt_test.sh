#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The SMT rules of the ledger, on a guest whose CPUs are two cores of two
# threads (qemu-lane.sh -S: CPUs 0-1 one core, 2-3 the other):
#  - the host keeps whole cores: housekeeping CPU 0 brings its sibling 1;
#  - a slice holds both threads of a core or neither: creating or
#    resizing one to half a core is refused with the reason, and changes
#    nothing;
#  - a whole core is a slice, and goes back whole.

. "$(dirname "$0")/../../lib/ktap.sh"

top=$(cd "$(dirname "$0")/../../.." && pwd)
lparctl=$top/tools/build/bin/lparctl
sys=/sys/kernel/lpar
topo=/sys/devices/system/cpu/cpu2/topology/thread_siblings_list

[ -x "$lparctl" ] || ktap_skip_all "lparctl not built (make tools)"
[ -d $sys ] || ktap_skip_all "lpar_cgroup not loaded"
[ "$(cat $topo 2>/dev/null)" = 2-3 ] ||
	ktap_skip_all "CPUs 2 and 3 are not SMT siblings (run with qemu-lane.sh -S)"

cleanup() { $lparctl destroy a force >/dev/null 2>&1; }
trap cleanup EXIT

# refused DESC PATTERN CMD...: fails, saying PATTERN
refused() {
	local desc=$1 pat=$2 out
	shift 2
	out=$("$@" 2>&1) && { ktap_test_fail "$desc: accepted"; return; }
	echo "# $out" | head -n 1
	if grep -q -- "$pat" <<<"$out"; then
		ktap_test_pass "$desc"
	else
		ktap_test_fail "$desc: $out"
	fi
}

ktap_print_header
ktap_set_plan 8

ktap_expect_eq "the host keeps CPU 0's whole core" 0-1 "$(cat $sys/housekeeping_cpus)"
refused "CPU 1, CPU 0's sibling, is the host's" "CPU 1 is a housekeeping CPU" \
	"$lparctl" create b cpus 1
refused "half a core is refused" "CPU 2 without its SMT sibling 3 would split a core" \
	"$lparctl" create a cpus 2
ktap_expect_eq "and no slice was made" "" "$(ls $sys/slices)"
ktap_expect_eq "a whole core is a slice" "0 2-3" \
	"$($lparctl create a cpus 2-3 memory 16M; echo $?) $(cat $sys/slices/a/cpus)"
refused "shrinking it to half a core is refused" "CPU 3 without its SMT sibling 2 would split a core" \
	"$lparctl" set a cpus 3
ktap_expect_eq "and the slice keeps its core" 2-3 "$(cat $sys/slices/a/cpus)"
ktap_expect_eq "destroyed, the core goes back whole" "0 " \
	"$($lparctl destroy a; echo $?) $(ls $sys/slices)"
ktap_finished
