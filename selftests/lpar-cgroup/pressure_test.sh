#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Slice b drives the whole guest into memory pressure (no memory.max: it
# takes what the host has, until the OOM killer comes) while slice a's
# process has a's pool mapped as guest RAM:
#  - the kernel reclaims and kills, so the pressure was real;
#  - a's pool stays resident: reading every page back takes no fault,
#    and the data is as written; its size in the ledger is unchanged;
#  - the OOM killer kills in b only (b's group, memory.oom.group), not
#    a's process, nor a host task.

. "$(dirname "$0")/../lib/ktap.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
lparctl=$top/tools/build/bin/lparctl
pool_map=$(dirname "$(realpath "$0")")/pool_map
sys=/sys/kernel/lpar
cg=/sys/fs/cgroup
size=$((256 * 1024 * 1024))

[ -x "$lparctl" ] || ktap_skip_all "lparctl not built (make tools)"
[ -x "$pool_map" ] || ktap_skip_all "pool_map not built (make -C selftests)"
[ -d $sys ] || ktap_skip_all "lpar_cgroup not loaded"
command -v stress-ng >/dev/null || ktap_skip_all "no stress-ng"

alive() { kill -0 "$1" 2>/dev/null && echo alive || echo dead; }
vmstat() { awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat; }
pgscan() { awk '/^pgscan_(kswapd|direct) / { s += $2 } END { print s }' /proc/vmstat; }

cleanup() {
	kill "$host_task" 2>/dev/null
	[ -z "${MAP_PID:-}" ] || kill "$MAP_PID" 2>/dev/null
	pkill stress-ng
	wait 2>/dev/null
	for s in a b; do
		$lparctl destroy $s force >/dev/null 2>&1
		rmdir $cg/lpar/$s 2>/dev/null
	done
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 9

# Both on node 1 (CPUs 2 and 3), so that b's pressure, bound to its
# nodes by its cpuset, falls on the node a's pool comes from.
$lparctl create a cpus 2 memory $size
$lparctl create b cpus 3 memory 16M
$lparctl bind a
$lparctl bind b
ktap_expect_eq "a and b share node 1" "1 1" "$(cat $sys/slices/a/nodes $sys/slices/b/nodes | xargs)"

coproc MAP { $lparctl exec a -- "$pool_map" /dev/lpar/a $size; }
read -r line <&"${MAP[0]}"
ktap_expect_eq "a's pool mapped in a, every page present" "mapped faults=0" "$line"
sleep 1000 &
host_task=$!

total_kb=$(awk '/MemTotal/ { print $2 }' /proc/meminfo)
oom_before=$(vmstat oom_kill)
scan_before=$(pgscan)
dmesg_from=$(dmesg | wc -l)
# More than the guest has, kept: reclaim, then OOM kills. stress-ng
# restarts a killed worker, which keeps the pressure on until b's group
# is killed whole or the time is up.
$lparctl exec b -- stress-ng --quiet --temp-path /tmp --vm 2 --vm-bytes "${total_kb}k" \
	--vm-keep --vm-populate --timeout 20s >/dev/null 2>&1
oom=$(( $(vmstat oom_kill) - oom_before ))
scan=$(( $(pgscan) - scan_before ))
echo "# b's stress: $oom OOM kill(s), $scan pages scanned by reclaim"
ktap_expect_eq "the guest was under memory pressure (OOM kills)" yes \
	"$([ "$oom" -ge 1 ] && echo yes)"

dmesg | tail -n +"$((dmesg_from + 1))" | grep -o 'oom-kill:.*' > /tmp/oom_kills
sed 's/^/# /' /tmp/oom_kills | head -n 4
ktap_expect_eq "every OOM kill was in slice b" "" \
	"$(grep -v 'task_memcg=/lpar/b[,/]' /tmp/oom_kills)"
ktap_expect_eq "a's process lives" alive "$(alive "$MAP_PID")"
ktap_expect_eq "the host task lives" alive "$(alive $host_task)"

echo check >&"${MAP[1]}"
read -r line <&"${MAP[0]}"
ktap_expect_eq "a's pool is still resident: no fault reading it all" \
	"present faults=0" "$line"
ktap_expect_eq "a's pool is the same size in the ledger" $size \
	"$(cat $sys/slices/a/memory_bytes)"

exec {MAP[1]}>&-
read -r line <&"${MAP[0]}"
ktap_expect_eq "a's data is intact" verified "$line"
wait "$MAP_PID" 2>/dev/null
MAP_PID=
ktap_finished
