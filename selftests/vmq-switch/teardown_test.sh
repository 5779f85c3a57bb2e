#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Teardown under traffic: a port deleted, its namespace deleted, the
# uplink removed, the module unloaded with ports up. Each leaves nothing
# behind; a netdev reference left over would show in the kernel log
# ("unregister_netdevice: waiting for ..."), which fails the lane.

. "$(dirname "$0")/lib.sh"

vmq_require
[ -r "$ko" ] || ktap_skip_all "no $ko to load again"
ktap_print_header
ktap_set_plan 6

flood() {	# DST: frames from the wire until killed
	ip netns exec wire sh -c "while :; do '$sendframes' wire0 $1 02:00:00:00:00:fe 1000 || exit; done" &
}

vmq_topology
port_add 1
port_add 2
port_add 3
flood "$(mac_of 1)"
f1=$!
flood ff:ff:ff:ff:ff:ff
f2=$!
ip netns exec ns2 ping -f -q -w 30 10.0.0.1 >/dev/null 2>&1 &
p=$!
sleep 1

ip -n ns1 link del p1
ktap_expect_eq "a port deleted under traffic" "2 absent" \
	"$(cat /sys/class/net/vmq0/vmq/ports) $(ip -n ns1 link show p1 >/dev/null 2>&1 && echo present || echo absent)"
ip netns del ns3
sleep 1
ktap_expect_eq "a port's namespace deleted under traffic" 1 \
	"$(cat /sys/class/net/vmq0/vmq/ports)"
ip link del up0
ktap_expect_eq "removing the uplink removes the switch and its ports" "absent absent" \
	"$(ip link show vmq0 >/dev/null 2>&1 && echo present || echo absent) $(ip -n ns2 link show p2 >/dev/null 2>&1 && echo present || echo absent)"
kill $f1 $f2 $p 2>/dev/null
wait 2>/dev/null
vmq_cleanup

vmq_topology
port_add 1
port_add 2
flood ff:ff:ff:ff:ff:ff
f1=$!
ip netns exec ns2 ping -f -q -w 30 10.0.0.1 >/dev/null 2>&1 &
p=$!
sleep 1
# Tap ports' module first: it uses this one (and takes its own ports).
tap_loaded=$([ -d /sys/module/vmq_tap ] && echo yes)
[ -z "$tap_loaded" ] || rmmod vmq_tap
ktap_expect_eq "unloading with ports up and busy" 0 "$(rmmod vmq_switch; echo $?)"
ktap_expect_eq "takes every switch and port with it" "absent absent" \
	"$(ip link show vmq0 >/dev/null 2>&1 && echo present || echo absent) $(ip -n ns1 link show p1 >/dev/null 2>&1 && echo present || echo absent)"
kill $f1 $p 2>/dev/null
wait 2>/dev/null
ktap_expect_eq "and loads again" 0 "$(insmod "$ko"; echo $?)"
[ -z "$tap_loaded" ] || insmod "$(dirname "$ko")/vmq_tap.ko"
ktap_finished
