#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A whole VM on a vmqtap port (netboot.sh): the host's QEMU, its
# virtio-net NIC on the port's device with vhost-net moving the frames,
# network-booting from another port, a real guest driver speaking DHCP,
# HTTP and ICMP through the port:
#  - the VM's DHCP request reaches a server on another port, and the
#    server's answer reaches the VM (it asks for the address offered);
#  - the VM fetches its boot script from that port over TCP;
#  - it answers pings at the address it was given;
#  - vhost-net moved the frames;
#  - what it received came through the port's queue, on the port's CPU.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot.sh"

vmq_require
vmq_require_tool
netboot_require

cleanup() {
	netboot_cleanup
	vmq_cleanup
}
trap cleanup EXIT

ktap_print_header
ktap_set_plan 7

vmq_topology
port_add 2
netboot_serve ns2 p2

ip link add link vmq0 name t1 address 52:54:00:12:34:56 type vmqtap
ip link set t1 up
"$vmqctl" port set t1 cpus 1 >/dev/null

start=$SECONDS
netboot_vm t1
wait_for 120 netboot_leased
echo "# DHCP done after $((SECONDS - start)) s"
netboot_log udhcpd
ktap_expect_eq "the VM's DHCP discover reached another port" yes \
	"$(netboot_offered && echo yes)"
ktap_expect_eq "the offer reached the VM, which asks for it" yes \
	"$(netboot_leased && echo yes)"

wait_for 60 netboot_fetched
echo "# script fetched after $((SECONDS - start)) s"
netboot_log httpd
ktap_expect_eq "the VM fetched its boot script over TCP" yes \
	"$(netboot_fetched && echo yes)"
ktap_expect_eq "the VM answers pings at its address" 5 "$(netboot_pings ns2)"
# vhost=on: QEMU fails rather than run without it.
ktap_expect_eq "vhost-net moves the VM's frames" yes \
	"$([ -n "$(netboot_vhost_worker)" ] && echo yes)"

qp=$(cat /sys/class/net/t1/vmq/queue_packets)
echo "# port t1: queue $qp, rx $(cat /sys/class/net/t1/statistics/rx_packets)," \
	"tx $(cat /sys/class/net/t1/statistics/tx_packets)"
ktap_expect_eq "the VM's unicast came through the port's queue, on its CPU" "1:$qp" \
	"$([ "$qp" -gt 0 ] && "$vmqctl" -j port show vmq0 |
		jq -r '.[] | select(.name == "t1") | .queue.per_cpu | to_entries |
			map("\(.key):\(.value)") | join(" ")')"
ktap_expect_eq "the QEMU process still runs" yes "$(kill -0 "$nb_qemu" && echo yes)"
ktap_finished
