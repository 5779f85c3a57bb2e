#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The software path, by counting frames: unicast reaches its port only,
# broadcast reaches every port, unmatched unicast goes to the host, ports
# talk to each other and to the wire, and counters equal what was sent.

. "$(dirname "$0")/lib.sh"

vmq_require
ktap_print_header
ktap_set_plan 9

vmq_topology
port_add 1
port_add 2
port_add 3

send "$(mac_of 1)" 100
ktap_expect_eq "unicast reaches its port only" "100 0 0" "$(rx 1) $(rx 2) $(rx 3)"
ktap_expect_eq "the switch classified them" 100 "$(port_stat 1 rx_sw_classified)"

send ff:ff:ff:ff:ff:ff 50
sleep 0.5
ktap_expect_eq "broadcast reaches every port" "150 50 50" "$(rx 1) $(rx 2) $(rx 3)"
ktap_expect_eq "through the default queue" 50 "$(cat /sys/class/net/vmq0/vmq/default_queue_packets)"

before=$(cat /sys/class/net/up0/statistics/rx_packets)
send 02:00:00:00:00:99 30
ktap_expect_eq "unmatched unicast goes to the host, not to a port" "150 50 50 30" \
	"$(rx 1) $(rx 2) $(rx 3) $(( $(cat /sys/class/net/up0/statistics/rx_packets) - before ))"

ktap_expect_eq "port to port" 0 \
	"$(ip netns exec ns1 ping -c 2 -W 2 -q 10.0.0.2 >/dev/null; echo $?)"
ktap_expect_eq "port to the wire and back" 0 \
	"$(ip netns exec ns3 ping -c 2 -W 2 -q 10.0.0.254 >/dev/null; echo $?)"
ktap_expect_eq "bound in software, and why" "sw: the uplink offers no hardware queues" \
	"$(port_stat 1 binding): $(port_stat 1 binding_reason)"
ktap_expect_eq "the switch counts its ports" 3 "$(cat /sys/class/net/vmq0/vmq/ports)"
ktap_finished
