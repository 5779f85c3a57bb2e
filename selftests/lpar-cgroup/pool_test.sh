#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A slice's memory pool, used as guest RAM is: /dev/lpar/<slice> maps
# shared, every page present from the start (no page faults for its user),
# zeroed, its pages taken by get_user_pages() as KVM takes guest RAM, and
# its data stays put. While mapped, the slice cannot be
# destroyed or shrunk unless forced, and the module cannot be unloaded; a
# forced destroy leaves the ledger at once but keeps the pages until the
# last user unmaps them.

. "$(dirname "$0")/../lib/ktap.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
lparctl=$top/tools/build/bin/lparctl
pool_map=$(dirname "$(realpath "$0")")/pool_map
sys=/sys/kernel/lpar
size=$((64 * 1024 * 1024))

[ -x "$lparctl" ] || ktap_skip_all "lparctl not built (make tools)"
[ -x "$pool_map" ] || ktap_skip_all "pool_map not built (make -C selftests)"
[ -d $sys ] || ktap_skip_all "lpar_cgroup not loaded"

# Node 1's free memory moves with more than the pool: page cache of the
# programs this test runs, per-CPU page lists. Run on node 0's CPUs so
# what the test itself allocates stays off node 1, and judge the pool's
# effect with a margin far below its size.
[ -n "${POOL_TEST_ON_NODE0:-}" ] ||
	POOL_TEST_ON_NODE0=1 exec taskset -c "$(cat /sys/devices/system/node/node0/cpulist)" "$0" "$@"
margin_kb=16384

node1_free_kb() { awk '/MemFree/ { print $4 }' /sys/devices/system/node/node1/meminfo; }

ktap_print_header
ktap_set_plan 14

before=$(node1_free_kb)
$lparctl create vm cpus 2 memory $size
after=$(node1_free_kb)
echo "# node 1 free: $before kB before, $after kB with the pool"
# The pool is taken from node 1 at once, not on first touch.
ktap_expect_eq "node 1 gave the pool up front" yes \
	"$([ $((before - after + margin_kb)) -ge $((size / 1024)) ] && echo yes)"

coproc MAP { "$pool_map" /dev/lpar/vm $size; }
read -r line <&"${MAP[0]}"
ktap_expect_eq "mapped with every page present (no faults)" "mapped faults=0" "$line"
ktap_expect_eq "mappings counted" 1 "$(cat $sys/slices/vm/mappings)"
echo gup >&"${MAP[1]}"
read -r line <&"${MAP[0]}"
ktap_expect_eq "get_user_pages() takes every page, as KVM does for guest RAM" \
	"gup pages=$((size / $(getconf PAGESIZE)))" "$line"

out=$($lparctl destroy vm 2>&1)
ktap_expect_eq "destroy while mapped is refused" yes \
	"$(grep -q 'mapped 1 time' <<<"$out" && echo yes)"
out=$($lparctl set vm memory $((size / 2)) 2>&1)
ktap_expect_eq "shrink while mapped is refused" yes \
	"$(grep -q 'cannot shrink while mapped' <<<"$out" && echo yes)"
ktap_expect_eq "the module cannot go while mapped" no \
	"$(rmmod lpar_cgroup 2>/dev/null && echo yes || echo no)"
ktap_expect_eq "grow while mapped" 0 \
	"$($lparctl set vm memory $((size * 2)) >/dev/null 2>&1; echo $?)"

ktap_expect_eq "forced destroy while mapped" 0 \
	"$($lparctl destroy vm force >/dev/null 2>&1; echo $?)"
ktap_expect_eq "the slice left the ledger" "0 absent" \
	"$(cat $sys/nodes/node1/slices_bytes) $([ -e $sys/slices/vm ] && echo present || echo absent)"
ktap_expect_eq "the device is gone" absent \
	"$([ -e /dev/lpar/vm ] && echo present || echo absent)"

exec {MAP[1]}>&-
read -r line <&"${MAP[0]}"
ktap_expect_eq "the data survived until unmapped" verified "$line"
wait "$MAP_PID"
ktap_expect_eq "the mapper exited cleanly" 0 $?
# Pages go back to node 1 once the last user is gone.
now=$(node1_free_kb)
echo "# node 1 free: $now kB after the last unmap"
ktap_expect_eq "node 1 got its memory back" yes \
	"$([ $((now + margin_kb)) -ge "$before" ] && echo yes)"
ktap_finished
