#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# CONTRACT TESTS of the hardware backends, on a test-only NIC module
# (fake_nic/vmq_fake_nic.c) that implements the kernel APIs the real
# drivers offer, with their constraints. These prove the switch keeps the
# contract; they are not hardware tests (real_nic_test.sh is, given a
# NIC).
#
# hw-pool (ixgbe's L2 forwarding offload): ports get pools; frames the NIC
# steers reach their port with no software classification; exhausted
# pools and VLAN ports run in software and say why; pools survive a NIC
# reset; removal frees them.
# hw-flow (mlx5's ethtool rules): ports get a ring and a rule; steered
# frames reach their port with no table lookup; rings run out; removal
# removes the rules.

. "$(dirname "$0")/lib.sh"

vmq_require
vmq_require_tool
fake=$here/fake_nic/vmq_fake_nic.ko
[ -r "$fake" ] || ktap_skip_all "fake NIC not built (make -C selftests)"
ktap_print_header
ktap_set_plan 18

# Only the test's frames: no IPv6 chatter between ports.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
insmod "$fake" pools=2 rings=4 rules=16 || ktap_skip_all "cannot load $fake"
state() { cat "/sys/kernel/debug/vmq_fake_nic/$1/state"; }
fstat() { state "$1" | awk -v k="$2" '$1 == k { print $2 }'; }
pstat() { cat "/sys/class/net/$1/vmq/$2"; }
rxp() { cat "/sys/class/net/$1/statistics/rx_packets"; }
bind() {	# PORT: "binding" or "binding: why"
	local why
	why=$(pstat "$1" binding_reason)
	echo "$(pstat "$1" binding)${why:+: $why}"
}
wsend() {	# CABLE DST COUNT [VLAN]
	ip netns exec wire "$sendframes" "$1" "$2" 02:00:00:00:00:fe "$3" ${4:+"$4"}
}
fake_cleanup() {
	vmq_cleanup
	rmmod vmq_fake_nic 2>/dev/null
}
trap fake_cleanup EXIT

netns_new wire
ip link set fnpool0w netns wire
ip link set fnflow0w netns wire
ip -n wire link set fnpool0w up
ip -n wire link set fnflow0w up
ip link set fnpool0 up
ip link set fnflow0 up

# hw-pool
ip link add link fnpool0 name vmqa type vmqsw
ip link set vmqa up
for i in 1 2 3; do
	ip link add link vmqa name a$i address "$(mac_of $i)" type vmqport
	ip link set a$i up
done
"$vmqctl" port add vmqa a4 mac "$(mac_of 4)" vlan 10 >/dev/null
ip link set a4 up
ktap_expect_eq "hw-pool: the uplink offers pools" hw-pool "$(pstat vmqa backend)"
ktap_expect_eq "hw-pool: the first ports get them" "hw-pool hw-pool 2" \
	"$(bind a1) $(bind a2) $(fstat fnpool0 pools)"
ktap_expect_eq "hw-pool: pools exhausted, the next port runs in software" \
	"sw: the NIC has no free pool" "$(bind a3)"
ktap_expect_eq "hw-pool: a VLAN port runs in software" \
	"sw: NIC pools (L2 forwarding offload) carry no VLAN" "$(bind a4)"

wsend fnpool0w "$(mac_of 1)" 100
ktap_expect_eq "hw-pool: steered frames reach their port, none classified" \
	"100 100 0 100" \
	"$(rxp a1) $(pstat a1 rx_hw_steered) $(pstat a1 rx_sw_classified) $(fstat fnpool0 queue1)"
wsend fnpool0w "$(mac_of 3)" 50
ktap_expect_eq "hw-pool: a software port's frames take pool 0 and the switch" \
	"50 50 0" "$(rxp a3) $(pstat a3 rx_sw_classified) $(pstat a3 rx_hw_steered)"
wsend fnpool0w ff:ff:ff:ff:ff:ff 20
sleep 0.5
ktap_expect_eq "hw-pool: broadcast takes the default queue to the ports of its VLAN" \
	"120 20 70 0" "$(rxp a1) $(rxp a2) $(rxp a3) $(rxp a4)"

echo reset > /sys/kernel/debug/vmq_fake_nic/fnpool0/state
wsend fnpool0w "$(mac_of 2)" 100
ktap_expect_eq "hw-pool: after a NIC reset the pools are re-created" "100 100" \
	"$(pstat a2 rx_hw_steered) $(fstat fnpool0 queue2)"

ip link del a1
ktap_expect_eq "hw-pool: a port deleted frees its pool" 1 "$(fstat fnpool0 pools)"
ip link set a3 down
ip link set a3 up
ktap_expect_eq "hw-pool: a port brought up again takes the free pool" "hw-pool 2" \
	"$(bind a3) $(fstat fnpool0 pools)"
ip link del vmqa
ktap_expect_eq "hw-pool: the switch deleted frees every pool" 0 "$(fstat fnpool0 pools)"

# hw-flow
ip link add link fnflow0 name vmqb type vmqsw
ip link set vmqb up
ip link add link vmqb name b1 address "$(mac_of 1)" type vmqport
"$vmqctl" port add vmqb b2 mac "$(mac_of 2)" vlan 10 >/dev/null
ip link add link vmqb name b3 address "$(mac_of 3)" type vmqport
ip link add link vmqb name b4 address "$(mac_of 4)" type vmqport
for i in 1 2 3 4; do
	ip link set b$i up
done
ktap_expect_eq "hw-flow: the uplink offers flow rules" hw-flow "$(pstat vmqb backend)"
ktap_expect_eq "hw-flow: a ring and a rule per port while rings last" \
	"hw-flow hw-flow hw-flow 3" "$(bind b1) $(bind b2) $(bind b3) $(fstat fnflow0 rules)"
ktap_expect_eq "hw-flow: then software, saying why" \
	"sw: every ring of the NIC serves a port" "$(bind b4)"

wsend fnflow0w "$(mac_of 1)" 100
wsend fnflow0w "$(mac_of 2)" 60 10
wsend fnflow0w "$(mac_of 2)" 40
ktap_expect_eq "hw-flow: steered frames reach their port, none looked up" \
	"100 100 0 100 60 60 60" \
	"$(rxp b1) $(pstat b1 rx_hw_steered) $(pstat b1 rx_sw_classified) $(fstat fnflow0 queue1) $(rxp b2) $(pstat b2 rx_hw_steered) $(fstat fnflow0 queue2)"
wsend fnflow0w "$(mac_of 4)" 30
ktap_expect_eq "hw-flow: a software port's frames take ring 0 and the switch" \
	"30 30 0" "$(rxp b4) $(pstat b4 rx_sw_classified) $(pstat b4 rx_hw_steered)"

ip link del b1
ktap_expect_eq "hw-flow: a port deleted removes its rule" 2 "$(fstat fnflow0 rules)"
ip link del vmqb
ktap_expect_eq "hw-flow: the switch deleted removes every rule" 0 "$(fstat fnflow0 rules)"

# The NIC goes while its pools are held: the switch goes with it.
ip link add link fnpool0 name vmqa type vmqsw
ip link set vmqa up
ip link add link vmqa name a1 address "$(mac_of 1)" type vmqport
ip link set a1 up
ip netns del wire
rmmod vmq_fake_nic
ktap_expect_eq "the NIC removed with pools held takes the switch and ports" "absent absent" \
	"$(ip link show vmqa >/dev/null 2>&1 && echo present || echo absent) $(ip link show a1 >/dev/null 2>&1 && echo present || echo absent)"
ktap_finished
