#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# demo: vmq-switch: a switch, VM ports in namespaces passing traffic, the queue table and counters

vmqctl=$TOP/tools/build/bin/vmqctl
sendframes=$TOP/selftests/vmq-switch/sendframes

run() { echo "\$ $*"; "$@"; }
say() { echo "# $*"; }

netns() {	# NAME: a namespace without IPv6 chatter
	ip netns add "$1"
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip -n "$1" link set lo up
}

cleanup() {
	ip link del up0 2>/dev/null
	for ns in wire vm1 vm2 vm3; do
		ip netns del $ns 2>/dev/null
	done
}
trap cleanup EXIT
sysctl -qw net.ipv6.conf.default.disable_ipv6=1

echo
say "The wire: a veth pair, up0 here (the uplink a NIC would be), wire0 in"
say "namespace 'wire' with a host on VLAN 10 (10.0.10.254)."
netns wire
ip link add up0 type veth peer name wire0 netns wire
ip link set up0 up
ip -n wire link set wire0 up
ip -n wire link add link wire0 name wire0.10 type vlan id 10
ip -n wire link set wire0.10 up
ip -n wire addr add 10.0.10.254/24 dev wire0.10

echo
say "A switch on the uplink, as 'ip link add ... type bridge' would make one:"
run ip link add link up0 name vmq0 type vmqsw
run ip link set vmq0 up

echo
say "Three VM ports: vm1 and vm2 on VLAN 10, vm3 on VLAN 20, each served by"
say "a CPU of its own, each moved into a namespace (a VM's place here)."
for i in 1 2 3; do
	vlan=$([ $i = 3 ] && echo 20 || echo 10)
	echo "\$ vmqctl port add vmq0 vm$i mac 52:54:00:00:00:0$i vlan $vlan cpus $i"
	"$vmqctl" port add vmq0 vm$i mac 52:54:00:00:00:0$i vlan $vlan cpus $i >/dev/null
done
for i in 1 2 3; do
	netns vm$i
	ip link set vm$i netns vm$i
	ip -n vm$i link set vm$i up
	ip -n vm$i addr add 10.0.10.$i/24 dev vm$i
done

echo
say "vm1 to vm2: same VLAN, switched locally."
echo "\$ ip netns exec vm1 ping -c 3 -i 0.2 -q 10.0.10.2"
ip netns exec vm1 ping -c 3 -i 0.2 -q 10.0.10.2 | tail -n 2
echo
say "vm1 to the wire: out through the uplink, tagged with VLAN 10."
echo "\$ ip netns exec vm1 ping -c 3 -i 0.2 -q 10.0.10.254"
ip netns exec vm1 ping -c 3 -i 0.2 -q 10.0.10.254 | tail -n 2
echo
say "vm1 to vm3: same subnet, but VLAN 20: isolated, so this must fail."
if ip netns exec vm1 ping -c 2 -W 1 -q 10.0.10.3 >/dev/null; then
	echo "!!! vm3 answered across VLANs"
	exit 1
fi
echo "no answer, as it should be"

echo
say "1000 frames from the wire to vm2, 100 broadcasts on VLAN 10, 50 on VLAN 20:"
ip netns exec wire "$sendframes" wire0 52:54:00:00:00:02 02:00:00:00:00:fe 1000 10
ip netns exec wire "$sendframes" wire0 ff:ff:ff:ff:ff:ff 02:00:00:00:00:fe 100 10
ip netns exec wire "$sendframes" wire0 ff:ff:ff:ff:ff:ff 02:00:00:00:00:fe 50 20
sleep 1

echo
say "The switch, then its queue table: the default queue (broadcast, multicast,"
say "unmatched) and one queue per port, each with the CPU that serves it."
run "$vmqctl" show vmq0
run "$vmqctl" queues vmq0
echo
say "Each port's counters: vm2 got its 1000 frames plus VLAN 10's broadcasts,"
say "vm3 only VLAN 20's; the software backend classified them (no NIC queues"
say "on a veth) and vm2's CPU 2 delivered them."
echo "\$ ip netns exec vm2 vmqctl port show vm2"
ip netns exec vm2 "$vmqctl" port show vm2
echo "\$ ip netns exec vm2 cat /sys/class/net/vm2/vmq/{binding,queue_cpu,rx_sw_classified,queue_packets}"
for f in binding queue_cpu rx_sw_classified queue_packets; do
	printf '%-18s %s\n' "$f" "$(ip netns exec vm2 cat /sys/class/net/vm2/vmq/$f)"
done
echo "\$ ip netns exec vm2 vmqctl -j port show vm2 | jq -c .[0].queue.per_cpu"
ip netns exec vm2 "$vmqctl" -j port show vm2 | jq -M -c '.[0].queue.per_cpu'
