#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# VLANs: a port's access VLAN reaches it untagged, its trunk VLANs tagged;
# broadcast reaches exactly the ports of its VLAN; ports of different
# VLANs cannot talk; a port cannot send on a VLAN it does not carry.
#
#   p1 VLAN 10, p2 VLAN 10, p3 VLAN 20, p4 untagged with trunk 10,20

. "$(dirname "$0")/lib.sh"

vmq_require
vmq_require_tool
ktap_print_header
ktap_set_plan 9

vmq_topology
port_add 1 vlan 10
port_add 2 vlan 10
port_add 3 vlan 20
port_add 4 trunk 10,20

send "$(mac_of 1)" 100 10
send "$(mac_of 1)" 40 20
send "$(mac_of 1)" 30
ktap_expect_eq "unicast on the port's VLAN only" "100 0 0 0" \
	"$(rx 1) $(rx 2) $(rx 3) $(rx 4)"

send ff:ff:ff:ff:ff:ff 50 10
sleep 0.5
ktap_expect_eq "broadcast on VLAN 10: its access ports and the trunk" \
	"150 50 0 50" "$(rx 1) $(rx 2) $(rx 3) $(rx 4)"
send ff:ff:ff:ff:ff:ff 20
sleep 0.5
ktap_expect_eq "untagged broadcast: the untagged port only" \
	"150 50 0 70" "$(rx 1) $(rx 2) $(rx 3) $(rx 4)"

ktap_expect_eq "ports of one VLAN talk" 0 \
	"$(ip netns exec ns1 ping -c 1 -W 2 -q 10.0.0.2 >/dev/null; echo $?)"
ktap_expect_eq "ports of different VLANs do not" 1 \
	"$(ip netns exec ns1 ping -c 1 -W 1 -q 10.0.0.3 >/dev/null; echo $?)"

# The trunk port reaches VLAN 10 through a VLAN device of its own.
ip -n ns4 link add link p4 name p4.10 type vlan id 10
ip -n ns4 link set p4.10 up
ip -n ns4 addr add 10.0.10.4/24 dev p4.10
ip -n ns1 addr add 10.0.10.1/24 dev p1
ktap_expect_eq "a trunk port talks on its tagged VLAN" 0 \
	"$(ip netns exec ns4 ping -c 1 -W 2 -q 10.0.10.1 >/dev/null; echo $?)"

# p1 carries VLAN 10 only: a frame it tags 30 is dropped and counted.
ip -n ns1 link add link p1 name p1.30 type vlan id 30
ip -n ns1 link set p1.30 up
ip -n ns1 addr add 10.0.30.1/24 dev p1.30
ip netns exec ns1 ping -c 3 -W 1 -q 10.0.30.2 >/dev/null
ktap_expect_eq "a VLAN the port does not carry is dropped" yes \
	"$([ "$(ip netns exec ns1 cat /sys/class/net/p1/statistics/tx_dropped)" -ge 3 ] && echo yes)"

# A port is named in its own namespace.
ip netns exec ns4 "$vmqctl" port set p4 trunk none
out=$("$vmqctl" -j port show vmq0)
ktap_expect_eq "the ports' VLANs as vmqctl shows them" "10: 10: 20: 0:" \
	"$(jq -r '[.[] | "\(.vlan):\(.trunk)"] | join(" ")' <<<"$out")"
ktap_expect_eq "one MAC on two VLANs is two entries, for two ports" 0 \
	"$("$vmqctl" port add vmq0 p5 mac "$(mac_of 1)" vlan 20 >/dev/null; echo $?)"
ktap_finished
