# SPDX-License-Identifier: GPL-2.0
#
# The vmq-switch selftests' topology, sourced by each test:
#
#   netns "wire": wire0 (the outside world, a veth)
#        |
#   up0 (the uplink, veth peer of wire0) -- vmq0 (vmqsw)
#        ports pN, netns nsN, MAC 02:00:00:00:00:0N, IPv4 10.0.0.N
#
# IPv6 is off everywhere, so that the only frames are the tests' own.

. "$(dirname "${BASH_SOURCE[0]}")/../lib/ktap.sh"

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
vmqctl=$top/tools/build/bin/vmqctl
sendframes=$here/sendframes
ko=$top/vmq-switch/vmq_switch.ko

vmq_require() {
	[ -d /sys/module/vmq_switch ] || ktap_skip_all "vmq_switch not loaded"
	[ -x "$sendframes" ] || ktap_skip_all "sendframes not built (make -C selftests)"
	command -v ip >/dev/null || ktap_skip_all "no iproute2"
}

vmq_require_tool() {
	[ -x "$vmqctl" ] || ktap_skip_all "vmqctl not built (make tools)"
}

mac_of() { printf '02:00:00:00:00:%02x' "$1"; }

# netns_new NAME: a namespace without IPv6 chatter.
netns_new() {
	ip netns add "$1"
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	ip -n "$1" link set lo up
}

# vmq_topology: the wire, the uplink and switch vmq0, no ports.
vmq_topology() {
	sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	netns_new wire
	ip link add up0 type veth peer name wire0 netns wire
	ip link set up0 up
	ip -n wire link set wire0 up
	ip -n wire addr add 10.0.0.254/24 dev wire0
	ip link add link up0 name vmq0 type vmqsw
	ip link set vmq0 up
}

# port_add N [vmqctl port add options]: port pN in netns nsN, up,
# 10.0.0.N/24 on its access VLAN.
port_add() {
	local n=$1
	shift
	netns_new "ns$n"
	if [ $# -gt 0 ]; then
		"$vmqctl" port add vmq0 "p$n" mac "$(mac_of "$n")" "$@" >/dev/null
	else
		ip link add link vmq0 name "p$n" address "$(mac_of "$n")" type vmqport
	fi
	ip link set "p$n" netns "ns$n"
	ip -n "ns$n" link set "p$n" up
	ip -n "ns$n" addr add "10.0.0.$n/24" dev "p$n"
}

# rx N: frames port pN received.
rx() { ip netns exec "ns$1" cat "/sys/class/net/p$1/statistics/rx_packets"; }

# port_stat N FILE: a file of pN's vmq/ directory.
port_stat() { ip netns exec "ns$1" cat "/sys/class/net/p$1/vmq/$2"; }

# send DST COUNT [VLAN]: frames from the wire.
send() { ip netns exec wire "$sendframes" wire0 "$1" 02:00:00:00:00:fe "$2" ${3:+"$3"}; }

vmq_cleanup() {
	local ns
	ip link del up0 2>/dev/null
	for ns in $(ip netns list | awk '{ print $1 }'); do
		ip netns del "$ns"
	done
}
trap vmq_cleanup EXIT
