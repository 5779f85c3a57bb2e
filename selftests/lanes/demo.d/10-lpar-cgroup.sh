#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# demo: lpar-cgroup: two slices, a process in each, one loaded, the other untouched

lparctl=$TOP/tools/build/bin/lparctl
sys=/sys/kernel/lpar
. "$TOP/selftests/lpar-cgroup/sample.sh"

run() { echo "\$ $*"; "$@"; }
say() { echo "# $*"; }

cleanup() {
	pkill -f 'slice-a-worker' 2>/dev/null
	pkill stress-ng 2>/dev/null
	wait 2>/dev/null
	"$lparctl" destroy a force >/dev/null 2>&1
	"$lparctl" destroy b force >/dev/null 2>&1
}
trap cleanup EXIT

echo
say "The host before: CPU 0 is housekeeping, kept for the host; each node"
say "keeps a memory reserve."
run "$lparctl" host

echo
say "Two dedicated slices on node 1: a gets CPU 2, b gets CPU 3, each a"
say "pinned memory pool of its own, then a cgroup v2 cpuset partition each."
run "$lparctl" create a cpus 2 memory 128M
run "$lparctl" create b cpus 3 memory 128M
run "$lparctl" bind a
run "$lparctl" bind b
run "$lparctl" show

echo
say "A process in each: a runs a worker that counts, b a shell; then b is"
say "loaded with 4 CPU stressors (stress-ng), far more than its one CPU."
"$lparctl" exec a -- bash -c 'exec -a slice-a-worker bash -c "while :; do :; done"' &
"$lparctl" exec b -- sleep 30 &
sleep 1
"$lparctl" exec b -- stress-ng --quiet --temp-path /tmp --cpu 4 --timeout 12s &
sleep 2
worker=$(pgrep -f '^slice-a-worker' | head -n 1)
stressor=$(pgrep stress-ng | tail -n 1)
echo "a's worker: pid $worker, may run on CPUs $(awk '/Cpus_allowed_list/ { print $2 }' /proc/$worker/status)"
echo "b's stressor: pid $stressor, may run on CPUs $(awk '/Cpus_allowed_list/ { print $2 }' /proc/$stressor/status)"
echo "a stressor asking for every CPU (taskset -pc 0-3) is clamped to its slice:"
taskset -pc 0-3 "$stressor" >/dev/null 2>&1
echo "  now CPUs $(awk '/Cpus_allowed_list/ { print $2 }' /proc/$stressor/status)"

echo
say "Counting, not timing: for 5 s, every 0.2 s, look at every thread that"
say "ran since the last look and at its CPU. On a's CPU 2 only a's threads may"
say "run (and CPU 2's own kernel threads); a's threads only on CPU 2."
sw0=$(awk '/^nonvoluntary_ctxt_switches/ { print $2 }' /proc/$worker/status)
report=$(sample_violations 5 /sys/fs/cgroup/lpar/a 2)
sw1=$(awk '/^nonvoluntary_ctxt_switches/ { print $2 }' /proc/$worker/status)
read -r _ _ _ inside _ outside <<< "$(tail -n 1 <<< "$report")"
echo "thread runs seen in 5 s: $inside of a's (all on CPU 2), $outside of others (none on CPU 2)"
echo "violations: $(grep -vc '^sampled runs:' <<< "$report")"
grep -v '^sampled runs:' <<< "$report" | head -n 5
echo "a's worker preemptions meanwhile: $((sw1 - sw0)) (by CPU 2's own kernel threads)"

echo
say "Memory: each pool is pinned on its node, allocated when the slice was"
say "made, and stays resident whatever the load; QEMU maps it as guest RAM"
say "from /dev/lpar/<slice>."
for s in a b; do
	echo "slice $s: $(cat $sys/slices/$s/memory_bytes) bytes on node $(cat $sys/slices/$s/nodes), device $(cat $sys/slices/$s/device), state $(cat $sys/slices/$s/state), $(cat $sys/slices/$s/tasks) task(s)"
done

echo
say "Destroying a slice that still holds tasks is refused:"
run "$lparctl" destroy a
pkill -f slice-a-worker
pkill stress-ng
pkill -f 'sleep 30'
wait 2>/dev/null
echo
say "Once they are gone, it goes, and its CPU and memory return to the host:"
run "$lparctl" destroy a
run "$lparctl" destroy b
run "$lparctl" host
