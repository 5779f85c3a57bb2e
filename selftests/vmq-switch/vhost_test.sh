#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A vmqtap port as the backend of vhost-net, wired as QEMU wires a VM's
# virtio-net (vhostio plays the guest, its virtqueues in its own memory;
# the kernel's vhost-net worker moves the frames):
#  - vhost-net takes the port's character device as its backend;
#  - frames from the wire for the port's MAC land in the guest's receive
#    buffers, through the port's queue;
#  - frames the guest transmits reach another port;
#  - deleting the port while vhost-net holds its device leaves nothing
#    behind (a held netdev fails the lane).

. "$(dirname "$0")/lib.sh"

here=$(dirname "$(realpath "$0")")
vhostio=$here/vhostio

vmq_require
vmq_require_tool
[ -x "$vhostio" ] || ktap_skip_all "vhostio not built (make -C selftests)"
[ -d /sys/module/vmq_tap ] || ktap_skip_all "vmq_tap not loaded"
modprobe vhost_net 2>/dev/null
[ -c /dev/vhost-net ] || ktap_skip_all "no /dev/vhost-net"

# wait_for FILE PATTERN: up to 5 s for a line of FILE to match
wait_for() {
	local _
	for _ in $(seq 50); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

ktap_print_header
ktap_set_plan 6

vmq_topology
port_add 2
tmac=02:00:00:00:00:01
ip link add link vmq0 name t1 address $tmac type vmqtap
ip link set t1 up
"$vmqctl" port set t1 cpus 1 >/dev/null
dev=/dev/tap$(cat /sys/class/net/t1/ifindex)

"$vhostio" "$dev" rx $tmac 100 3000 > /tmp/vhost.rx 2>&1 &
guest=$!
wait_for /tmp/vhost.rx '^ready'
ktap_expect_eq "vhost-net takes the port's device as its backend" ready \
	"$(head -n 1 /tmp/vhost.rx)"
send $tmac 100
wait $guest
ktap_expect_eq "frames for its MAC land in the guest's buffers (mine, others)" "100 0" \
	"$(tail -n 1 /tmp/vhost.rx)"
ktap_expect_eq "through the port's queue" 100 "$(cat /sys/class/net/t1/vmq/queue_packets)"

before=$(rx 2)
ktap_expect_eq "the guest's transmits are consumed by vhost-net" 50 \
	"$("$vhostio" "$dev" tx "$(mac_of 2)" $tmac 50 2>&1)"
sleep 0.5
ktap_expect_eq "and reach another port" 50 $(( $(rx 2) - before ))

"$vhostio" "$dev" rx $tmac 1 2000 > /tmp/vhost.rx 2>&1 &
guest=$!
wait_for /tmp/vhost.rx '^ready'
ip link del t1
wait $guest
ktap_expect_eq "deleted while vhost-net holds it: the port and device go" "gone" \
	"$([ -e /sys/class/net/t1 ] || [ -e "$dev" ] || echo gone)"
ktap_finished
