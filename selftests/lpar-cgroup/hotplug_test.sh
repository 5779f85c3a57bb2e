#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A slice whose CPU goes offline is degraded and says so on the events
# group (the CPU's event, then the slice's change); once the CPU is back it
# is whole again.

. "$(dirname "$0")/../lib/ktap.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
lparctl=$top/tools/build/bin/lparctl
sys=/sys/kernel/lpar
cpu=/sys/devices/system/cpu/cpu3/online

[ -x "$lparctl" ] || ktap_skip_all "lparctl not built (make tools)"
[ -d $sys ] || ktap_skip_all "lpar_cgroup not loaded"
[ -w $cpu ] || ktap_skip_all "CPU 3 cannot be hot-unplugged"

ktap_print_header
ktap_set_plan 4

events=$(mktemp)
$lparctl -j monitor > "$events" &
mon=$!
sleep 1

$lparctl create hp cpus 2-3
echo 0 > $cpu
ktap_expect_eq "offline CPU degrades its slice" degraded "$(cat $sys/slices/hp/state)"
echo 1 > $cpu
ktap_expect_eq "its return makes the slice whole" defined "$(cat $sys/slices/hp/state)"
$lparctl destroy hp
sleep 1
kill $mon
wait $mon 2>/dev/null

sed 's/^/# event: /' "$events"
ktap_expect_eq "the offline event names CPU 3" 1 \
	"$(grep '"cpu-offline"' "$events" | grep -c '"cpu": *3')"
ktap_expect_eq "events in order" \
	"slice-new cpu-offline slice-change cpu-online slice-change slice-del" \
	"$(grep -o '"slice-[a-z]*"\|"cpu-o[a-z]*"' "$events" | tr -d '"' | xargs)"
rm -f "$events"
ktap_finished
