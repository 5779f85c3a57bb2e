#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vmqtap ports, the way QEMU uses them (a virtio-net header on every
# frame), by counting frames:
#  - a vmqtap port has its character device, /dev/tap<ifindex>, and a
#    link to it in sysfs, as macvtap;
#  - frames from the wire for its MAC are read from the device, after
#    passing the port's queue on the port's CPU;
#  - frames written to the device reach another port, and the wire;
#  - with no reader, frames for it are dropped and counted;
#  - deleting the port, its namespace, or the uplink, while the device
#    is open leaves
#    nothing behind (a held netdev fails the lane), and the open file
#    keeps working (writes are dropped) until it is closed;
#  - the module cannot go while a device is open, and takes its ports
#    with it when it goes.

. "$(dirname "$0")/lib.sh"

here=$(dirname "$(realpath "$0")")
tapio=$here/tapio

vmq_require
vmq_require_tool
[ -x "$tapio" ] || ktap_skip_all "tapio not built (make -C selftests)"
[ -d /sys/module/vmq_tap ] || ktap_skip_all "vmq_tap not loaded"

ktap_print_header
ktap_set_plan 13

vmq_topology
port_add 2
tmac=02:00:00:00:00:01
ip link add link vmq0 name t1 address $tmac type vmqtap
ip link set t1 up
"$vmqctl" port set t1 cpus 1 >/dev/null
idx=$(cat /sys/class/net/t1/ifindex)
dev=/dev/tap$idx

ktap_expect_eq "the port has its character device, linked from sysfs" "yes yes" \
	"$([ -c "$dev" ] && echo yes) $([ -e /sys/class/net/t1/tap$idx ] && echo yes)"

"$tapio" "$dev" recv $tmac 100 3000 > /tmp/tap.recv &
reader=$!
sleep 0.5
send $tmac 100
wait $reader
ktap_expect_eq "frames for its MAC are read from the device (mine, others)" "100 0" \
	"$(cat /tmp/tap.recv)"
ktap_expect_eq "through the port's queue" 100 "$(cat /sys/class/net/t1/vmq/queue_packets)"

before=$(rx 2)
"$tapio" "$dev" send "$(mac_of 2)" $tmac 50
sleep 0.5
ktap_expect_eq "frames written to the device reach another port" 50 $(( $(rx 2) - before ))
before=$(ip netns exec wire cat /sys/class/net/wire0/statistics/rx_packets)
"$tapio" "$dev" send 02:00:00:00:00:fe $tmac 40
sleep 0.5
ktap_expect_eq "and the wire" 40 \
	$(( $(ip netns exec wire cat /sys/class/net/wire0/statistics/rx_packets) - before ))
ktap_expect_eq "counted as the port's transmits" 90 \
	"$(cat /sys/class/net/t1/statistics/tx_packets)"

drops=$(cat /sys/class/net/t1/statistics/rx_dropped)
send $tmac 30
sleep 0.5
ktap_expect_eq "with no reader, its frames are dropped and counted" 30 \
	$(( $(cat /sys/class/net/t1/statistics/rx_dropped) - drops ))

out=$(ip link add link up0 name t9 type vmqtap 2>&1)
ktap_expect_eq "a tap port needs a switch too" yes \
	"$(grep -q 'is not a vmqsw switch' <<<"$out" && echo yes)"

"$tapio" "$dev" hold 2 > /tmp/tap.hold &
holder=$!
sleep 0.5
ip link del t1
wait $holder
ktap_expect_eq "deleted while open: the device goes, the file still writes" \
	"gone write: 70" "$([ -e "$dev" ] || echo gone) $(cat /tmp/tap.hold)"

ip link add link vmq0 name t5 address 02:00:00:00:00:05 type vmqtap
netns_new tapns
ip link set t5 netns tapns
ip -n tapns link set t5 up
dev5=/dev/tap$(ip netns exec tapns cat /sys/class/net/t5/ifindex)
ip netns exec tapns "$tapio" "$dev5" hold 2 > /tmp/tap.hold &
holder=$!
sleep 0.5
ports=$(cat /sys/class/net/vmq0/vmq/ports)
ip netns del tapns
wait $holder
ktap_expect_eq "its namespace deleted while open: the port goes, the file still writes" \
	"gone write: 70" \
	"$([ "$(cat /sys/class/net/vmq0/vmq/ports)" -eq $((ports - 1)) ] && echo gone) $(cat /tmp/tap.hold)"

ip link add link vmq0 name t3 address 02:00:00:00:00:03 type vmqtap
ip link set t3 up
dev3=/dev/tap$(cat /sys/class/net/t3/ifindex)
"$tapio" "$dev3" hold 2 > /tmp/tap.hold &
holder=$!
sleep 0.5
ktap_expect_eq "the module cannot go while a device is open" yes \
	"$(rmmod vmq_tap 2>/dev/null || echo yes)"
ip link del up0
wait $holder
ktap_expect_eq "removing the uplink takes the tap port" "gone" \
	"$([ -e /sys/class/net/t3 ] || [ -e "$dev3" ] || echo gone)"

vmq_topology_again() {
	ip link add up0 type veth peer name wire0 netns wire
	ip link set up0 up
	ip link add link up0 name vmq0 type vmqsw
}
vmq_topology_again
ip link add link vmq0 name t4 type vmqtap
rmmod vmq_tap
ktap_expect_eq "unloading takes its ports" "gone" \
	"$([ -e /sys/class/net/t4 ] || echo gone)"
# As the lane found it.
insmod "$here/../../vmq-switch/vmq_tap.ko"
ktap_finished
