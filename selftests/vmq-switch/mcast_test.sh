#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Multicast reaches the ports that joined its group, as through macvlan:
#  - a frame for a group reaches the port that joined it, not the others;
#  - a port in allmulticast mode gets every group;
#  - broadcast still reaches every port;
#  - leaving the group stops it;
#  - a tap port (a VM filters for itself) gets every group.

. "$(dirname "$0")/lib.sh"

vmq_require

# Joined through an address (autojoin, as VXLAN joins its group).
group_ip=239.1.2.3
group=01:00:5e:01:02:03
tapio=$(dirname "$(realpath "$0")")/tapio

ktap_print_header
ktap_set_plan 6

vmq_topology
port_add 1
port_add 2
port_add 3

# p1's IGMP reports of the join (its own multicast frames, which p3 will
# hear once in allmulticast mode) go at once, not over the next second.
ip netns exec ns1 sysctl -qw net.ipv4.conf.p1.igmpv3_unsolicited_report_interval=1 \
	net.ipv4.conf.p1.igmpv2_unsolicited_report_interval=1
ip -n ns1 addr add $group_ip/32 dev p1 autojoin
send $group 20
sleep 0.5
ktap_expect_eq "a group's frames reach the port that joined it only" "20 0 0" \
	"$(rx 1) $(rx 2) $(rx 3)"

ip -n ns3 link set p3 allmulticast on
send $group 10
sleep 0.5
ktap_expect_eq "and a port in allmulticast mode" "30 0 10" "$(rx 1) $(rx 2) $(rx 3)"

send ff:ff:ff:ff:ff:ff 5
sleep 0.5
ktap_expect_eq "broadcast reaches every port" "35 5 15" "$(rx 1) $(rx 2) $(rx 3)"

ip -n ns1 addr del $group_ip/32 dev p1
send $group 10
sleep 0.5
# (p3, in allmulticast mode, also hears p1's IGMP leave: not counted.)
ktap_expect_eq "leaving the group stops it" "35 5" "$(rx 1) $(rx 2)"

if [ -d /sys/module/vmq_tap ] && [ -x "$tapio" ]; then
	ip link add link vmq0 name t4 address 02:00:00:00:00:04 type vmqtap
	ip link set t4 up
	"$tapio" /dev/tap"$(cat /sys/class/net/t4/ifindex)" recv $group 10 3000 > /tmp/mc.recv &
	reader=$!
	sleep 0.5
	send $group 10
	wait $reader
	ktap_expect_eq "a tap port takes every group (mine, others)" "10 0" "$(cat /tmp/mc.recv)"
	ip link del t4
else
	ktap_test_skip "a tap port takes every group (vmq_tap not loaded)"
fi
ktap_expect_eq "the uplink hears the groups its ports joined" yes \
	"$(ip -n ns1 addr add $group_ip/32 dev p1 autojoin
	   grep -q "up0 .* ${group//:/}" /proc/net/dev_mcast && echo yes)"
ktap_finished
