#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A whole VM on a vmqtap port: the host's QEMU, its virtio-net NIC on the
# port's character device with vhost-net moving the frames, as libvirt
# wires a macvtap port. The VM has no disk: its firmware network-boots
# (SeaBIOS, then the iPXE ROM QEMU ships for virtio-net), which is a
# real guest driver speaking DHCP, HTTP and ICMP through the port:
#  - the VM's DHCP request reaches a server on another port, and the
#    server's answer reaches the VM (it asks for the address offered);
#  - the VM fetches its boot script from that port over TCP;
#  - it answers pings at the address it was given;
#  - vhost-net moved the frames;
#  - what it received came through the port's queue, on the port's CPU.

. "$(dirname "$0")/lib.sh"

vmq_require
vmq_require_tool
[ -d /sys/module/vmq_tap ] || ktap_skip_all "vmq_tap not loaded"
command -v qemu-system-x86_64 >/dev/null || ktap_skip_all "no qemu-system-x86_64"
command -v busybox >/dev/null || ktap_skip_all "no busybox (udhcpd, httpd)"
modprobe vhost_net 2>/dev/null
[ -c /dev/vhost-net ] || ktap_skip_all "no /dev/vhost-net"

vmmac=52:54:00:12:34:56
vmip=10.0.0.100
work=$(mktemp -d)

vm_cleanup() {
	[ -n "${qemu:-}" ] && kill "$qemu" 2>/dev/null
	[ -n "${servers:-}" ] && kill $servers 2>/dev/null
	wait 2>/dev/null
	rm -rf "$work"
	vmq_cleanup
}
trap vm_cleanup EXIT

# wait_for SECONDS COMMAND...: until COMMAND succeeds
wait_for() {
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt $end ] || return 1
		sleep 0.5
	done
}

ktap_print_header
ktap_set_plan 7

vmq_topology
port_add 2

# Port 2 is the VM's network: a DHCP server that offers one address and
# names a boot script, and an HTTP server that serves it. The script
# leaves the VM in iPXE's shell, where it goes on answering pings.
mkdir "$work/www"
printf '#!ipxe\nshell\n' > "$work/www/vm.ipxe"
cat > "$work/udhcpd.conf" <<EOF
start $vmip
end $vmip
max_leases 1
interface p2
lease_file $work/leases
option subnet 255.255.255.0
siaddr 10.0.0.2
boot_file http://10.0.0.2/vm.ipxe
EOF
touch "$work/leases"
ip netns exec ns2 busybox udhcpd -f "$work/udhcpd.conf" > "$work/udhcpd.log" 2>&1 &
servers=$!
ip netns exec ns2 busybox httpd -f -vv -p 10.0.0.2:80 -h "$work/www" \
	> "$work/httpd.log" 2>&1 &
servers="$servers $!"

ip link add link vmq0 name t1 address $vmmac type vmqtap
ip link set t1 up
"$vmqctl" port set t1 cpus 1 >/dev/null
dev=/dev/tap$(cat /sys/class/net/t1/ifindex)

start=$SECONDS
qemu-system-x86_64 -nodefaults -display none -accel tcg -m 64M \
	-netdev tap,id=n0,fd=3,vhost=on \
	-device virtio-net-pci,netdev=n0,mac=$vmmac \
	-boot n -serial none 3<>"$dev" > "$work/qemu.log" 2>&1 &
qemu=$!

leased() { grep -q "sending ACK to $vmip" "$work/udhcpd.log"; }
wait_for 120 leased
echo "# DHCP done after $((SECONDS - start)) s"
sed "s/^/# udhcpd: /" "$work/udhcpd.log"
ktap_expect_eq "the VM's DHCP discover reached another port" yes \
	"$(grep -q 'sending OFFER' "$work/udhcpd.log" && echo yes)"
ktap_expect_eq "the offer reached the VM, which asks for it" yes \
	"$(leased && echo yes)"

fetched() { grep -q 'vm.ipxe' "$work/httpd.log"; }
wait_for 60 fetched
echo "# script fetched after $((SECONDS - start)) s"
sed "s/^/# httpd: /" "$work/httpd.log"
ktap_expect_eq "the VM fetched its boot script over TCP" yes "$(fetched && echo yes)"

pings=$(ip netns exec ns2 ping -c 5 -i 0.5 -W 5 $vmip 2>&1 |
	awk '/packets transmitted/ { print $4 }')
ktap_expect_eq "the VM answers pings at its address" 5 "${pings:-0}"

# vhost=on: QEMU fails rather than run without it; its worker is named
# after QEMU's pid.
ktap_expect_eq "vhost-net moves the VM's frames" "vhost-$qemu" \
	"$(ps -e -o comm= | grep -x "vhost-$qemu")"

qp=$(cat /sys/class/net/t1/vmq/queue_packets)
echo "# port t1: queue $qp, rx $(cat /sys/class/net/t1/statistics/rx_packets)," \
	"tx $(cat /sys/class/net/t1/statistics/tx_packets)"
ktap_expect_eq "the VM's unicast came through the port's queue, on its CPU" "1:$qp" \
	"$([ "$qp" -gt 0 ] && "$vmqctl" -j port show vmq0 |
		jq -r '.[] | select(.name == "t1") | .queue.per_cpu | to_entries |
			map("\(.key):\(.value)") | join(" ")')"
ktap_expect_eq "the QEMU process still runs" yes "$(kill -0 $qemu && echo yes)"
ktap_finished
