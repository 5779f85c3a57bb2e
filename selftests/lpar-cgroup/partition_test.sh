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

# sample_violations SECONDS: every 0.2 s, look at every thread that ran
# since the last look (its schedstat run time moved) and report a slice
# task seen off slice a's CPU, or a user task outside the slice seen on it.
# The first look only takes the baseline: a thread's last CPU then may
# date from before the partition existed.
# Bash builtins only: a fork per thread per look would cost more, under
# TCG, than the window being sampled.
sample_violations() {
	local end=$((SECONDS + $1)) a_cpu=2 st run wait pcount stat rest
	local -a f threads
	local -A seen inside
	local baseline=1 runs_in=0 runs_out=0
	while [ $SECONDS -lt $end ]; do
		inside=()
		mapfile -t threads < $cg/lpar/a/cgroup.threads
		for t in "${threads[@]}"; do
			inside[$t]=1
		done
		for st in /proc/[0-9]*/task/[0-9]*; do
			read -r run wait pcount < "$st/schedstat" 2>/dev/null || continue
			[ "${seen[$st]:-}" = "$run" ] && continue
			seen[$st]=$run
			[ $baseline = 1 ] && continue
			# stat: pid (comm) state ...: flags is field 9, cpu field 39
			read -r stat < "$st/stat" 2>/dev/null || continue
			rest=${stat##*) }
			read -r -a f <<< "$rest"
			if [ -n "${inside[${st##*/}]:-}" ]; then
				runs_in=$((runs_in + 1))
				[ "${f[36]}" = $a_cpu ] ||
					echo "slice task ${st##*/} ran on CPU ${f[36]}"
			elif [ $(( f[6] & 0x00200000 )) != 0 ]; then
				continue	# kernel threads: per-CPU ones belong there
			elif [ "${f[36]}" != $a_cpu ]; then
				runs_out=$((runs_out + 1))
			else
				echo "outside task ${st##*/} (${stat#*(}) ran on CPU $a_cpu"
			fi
		done
		baseline=0
		sleep 0.2
	done
	echo "sampled runs: inside $runs_in outside $runs_out"
}

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
report=$(sample_violations 5)
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
