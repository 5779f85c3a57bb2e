#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Queues and the CPUs that serve them, by per-CPU counters: each port's
# frames are delivered by its own CPU, not by the one that received them;
# with VMQ off (per port, per switch) the default queue's CPU serves the
# port; the default queue accounts for every frame; the broadcast limit
# and the unknown-unicast policies hold.

. "$(dirname "$0")/lib.sh"

vmq_require
vmq_require_tool
[ "$(nproc)" -ge 4 ] || ktap_skip_all "needs 4 CPUs"
ktap_print_header
ktap_set_plan 12

# Frames enter on CPU 0: the wire's sender runs there, and veth receives
# on the sending CPU.
send0() { ip netns exec wire taskset -c 0 "$sendframes" wire0 "$1" 02:00:00:00:00:fe "$2"; }
# per_cpu PORT: "CPU:frames ..." its queue delivered.
per_cpu() {
	"$vmqctl" -j port show vmq0 |
		jq -r --arg p "$1" '.[] | select(.name == $p) | .queue.per_cpu | to_entries | map("\(.key):\(.value)") | join(" ")'
}
default_per_cpu() {
	"$vmqctl" -j show vmq0 |
		jq -r '.[0].default_queue.per_cpu | to_entries | map("\(.key):\(.value)") | join(" ")'
}

vmq_topology
port_add 1 cpus 2
port_add 2 cpus 3
port_add 3

send0 "$(mac_of 1)" 200
send0 "$(mac_of 2)" 300
sleep 0.5
ktap_expect_eq "p1's frames were delivered by CPU 2" "2:200" "$(per_cpu p1)"
ktap_expect_eq "p2's frames were delivered by CPU 3" "3:300" "$(per_cpu p2)"
ktap_expect_eq "and all of them arrived" "200 300" "$(rx 1) $(rx 2)"
send0 "$(mac_of 3)" 50
ktap_expect_eq "a port without CPUs is served where frames arrive" "0:50" "$(per_cpu p3)"

"$vmqctl" set vmq0 default-cpu 1
ip netns exec ns1 "$vmqctl" port set p1 vmq off
send0 "$(mac_of 1)" 100
sleep 0.5
ktap_expect_eq "VMQ off for p1: bound to the default queue" \
	"default: VMQ is off for the port" "$(port_stat 1 binding): $(port_stat 1 binding_reason)"
ktap_expect_eq "its frames were delivered by the default queue's CPU" \
	"300 2:200 1:100" "$(rx 1) $(per_cpu p1) $(default_per_cpu)"
ip netns exec ns1 "$vmqctl" port set p1 vmq on

echo 0 > /sys/class/net/vmq0/vmq/vmq
ktap_expect_eq "VMQ off for the switch: every port on the default queue" \
	"default default default" \
	"$(port_stat 1 binding) $(port_stat 2 binding) $(port_stat 3 binding)"
echo 1 > /sys/class/net/vmq0/vmq/vmq
ktap_expect_eq "and back on" "sw sw sw" \
	"$(port_stat 1 binding) $(port_stat 2 binding) $(port_stat 3 binding)"

# The default queue, 8 frames long, either replicates a broadcast or
# counts it dropped.
"$vmqctl" set vmq0 default-queue-len 8 default-cpu 3
before=$(( $(cat /sys/class/net/vmq0/vmq/default_queue_packets) + $(cat /sys/class/net/vmq0/vmq/default_queue_drops) ))
send0 ff:ff:ff:ff:ff:ff 2000
sleep 1
after=$(( $(cat /sys/class/net/vmq0/vmq/default_queue_packets) + $(cat /sys/class/net/vmq0/vmq/default_queue_drops) ))
echo "# default queue: $(cat /sys/class/net/vmq0/vmq/default_queue_drops) dropped of 2000"
ktap_expect_eq "the bounded default queue accounts for every broadcast" 2000 $((after - before))

"$vmqctl" set vmq0 default-queue-len 1000
ip netns exec ns2 "$vmqctl" port set p2 bcast-limit 10
b2=$(rx 2)
b3=$(rx 3)
send0 ff:ff:ff:ff:ff:ff 100
sleep 0.5
got=$(( $(rx 2) - b2 ))
ktap_expect_eq "the broadcast limit caps a port, not the others" "yes 100" \
	"$([ "$got" -ge 10 ] && [ "$got" -le 20 ] && [ "$(port_stat 2 bcast_limit_drops)" -eq $((100 - got)) ] && echo yes) $(( $(rx 3) - b3 ))"

b1=$(rx 1)
"$vmqctl" set vmq0 unknown-unicast flood
send0 02:00:00:00:00:99 10
sleep 0.5
ktap_expect_eq "unknown unicast, flood: every port gets it" 10 $(( $(rx 1) - b1 ))
"$vmqctl" set vmq0 unknown-unicast drop
send0 02:00:00:00:00:99 10
sleep 0.5
ktap_expect_eq "unknown unicast, drop: no port, counted" "10 10" \
	"$(( $(rx 1) - b1 )) $(cat /sys/class/net/vmq0/vmq/unknown_drops)"
ktap_finished
