#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# L2 receive fan-out, the upstream baselines vmq-switch is measured
# against: pktgen injects frames into an uplink's receive path, their
# destination MACs spread over N ports, and the frames delivered to the
# ports per second are counted, for the Linux bridge (veth ports, static
# FDB entries, so nothing floods) and macvlan (bridge mode) on the same
# topology and the same uplink. Baseline: bridge.

. "$(dirname "$0")/lib.sh"

count=${BENCH_PACKETS:-50000}
runs=${BENCH_RUNS:-3}
bench=l2-rx

# Devices are made with one ip/bridge batch each: under TCG, every
# process started costs more than the figure being measured.
setup_bridge() {	# n
	local i

	for i in $(seq "$1"); do
		echo "link add bp$i type veth peer name bv$i"
		echo "link set bv$i address $(port_mac $i) up"
	done > /tmp/bench.ip
	ip link add up0 type dummy
	ip link add br0 type bridge
	ip link set up0 master br0
	ip -batch /tmp/bench.ip
	for i in $(seq "$1"); do
		echo "link set bp$i master br0 up"
	done > /tmp/bench.ip
	ip -batch /tmp/bench.ip
	for i in $(seq "$1"); do
		echo "fdb add $(port_mac $i) dev bp$i master static"
	done > /tmp/bench.fdb
	bridge -batch /tmp/bench.fdb
	ip link set br0 up
	ip link set up0 up
	ports=$(for i in $(seq "$1"); do echo bv$i; done)
}

setup_macvlan() {	# n
	local i

	ip link add up0 type dummy
	for i in $(seq "$1"); do
		echo "link add link up0 name mv$i address $(port_mac $i) type macvlan mode bridge"
		echo "link set mv$i up"
	done > /tmp/bench.ip
	ip -batch /tmp/bench.ip
	ip link set up0 up
	ports=$(for i in $(seq "$1"); do echo mv$i; done)
}

teardown() {
	local d

	for d in $ports br0; do
		[ -d "/sys/class/net/$d" ] && echo "link del $d"
	done > /tmp/bench.ip
	ip -force -batch /tmp/bench.ip
	ip link del up0
	return 0
}

# Ports must receive nothing but the injected frames: no IPv6 autoconf
# or MLD chatter from the bridge side.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1

bench_baseline $bench bridge
for n in 1 64; do
	for variant in bridge macvlan; do
		setup_$variant $n
		results=()
		for _ in $(seq "$runs"); do
			# shellcheck disable=SC2086
			before=$(sum_stat rx_packets $ports)
			usec=$(pktgen_run up0 "$count" "$(port_mac 1)" "$n")
			# shellcheck disable=SC2086
			got=$(( $(sum_stat rx_packets $ports) - before ))
			if [ "$got" -ne "$count" ]; then
				echo "# $variant ports=$n: delivered $got of $count frames"
			fi
			results+=($((got * 1000000 / usec)))
		done
		bench_result $bench ports=$n $variant delivered_pps "$(median "${results[@]}")"
		teardown
	done
done
exit 0
