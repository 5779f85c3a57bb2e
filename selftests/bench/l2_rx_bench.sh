#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# L2 receive fan-out: pktgen injects frames into an uplink's receive path
# (on CPU 0), their destination MACs spread over N ports, and the frames
# delivered to the ports per second are counted, for
#   bridge        the Linux bridge (veth ports, static FDB entries, so
#                 nothing floods): the baseline
#   macvlan       macvlan in bridge mode
#   vmqsw         vmq-switch, ports without CPUs: each frame classified
#                 and delivered on the receiving CPU
#   vmqsw-spread  vmq-switch, ports' queues served by CPUs 1-3 (VMQ;
#                 BENCH_SPREAD_CPUS chooses others)
#   vmqsw-one     vmq-switch, every port's queue served by CPU 1: one
#                 serving CPU besides the receiving one
#   vmqsw-off     vmq-switch with VMQ off: every frame through the
#                 default queue, served by CPU 1
#   vmqsw-down    vmq-switch, ports down: each frame classified,
#                 counted to its port and dropped there, before any of
#                 the port's stack (counted as rx_dropped): the switch's
#                 own work, to tell its cost per port from the stack's
# on the same uplink. A queued variant's time runs until its queues have
# drained, not only until pktgen is done.

. "$(dirname "$0")/lib.sh"

count=${BENCH_PACKETS:-50000}
vmqctl=$(cd "$(dirname "$0")/../.." && pwd)/tools/build/bin/vmqctl
runs=${BENCH_RUNS:-3}
read -ra spread_cpus <<< "${BENCH_SPREAD_CPUS:-1 2 3}"
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

setup_vmqsw() {	# n [one|spread|off]
	local i

	ip link add up0 type dummy
	ip link set up0 up
	ip link add link up0 name vmq0 type vmqsw
	ip link set vmq0 up
	for i in $(seq "$1"); do
		echo "link add link vmq0 name vq$i address $(port_mac $i) type vmqport"
		[ "${2:-}" = down ] || echo "link set vq$i up"
	done > /tmp/bench.ip
	ip -batch /tmp/bench.ip
	ports=$(for i in $(seq "$1"); do echo vq$i; done)
	case ${2:-} in
	down)
		stat=rx_dropped
		;;
	one)
		for i in $(seq "$1"); do
			"$vmqctl" port set vq$i cpus 1
		done
		;;
	spread)
		for i in $(seq "$1"); do
			"$vmqctl" port set vq$i cpus \
				"${spread_cpus[(i - 1) % ${#spread_cpus[@]}]}"
		done
		;;
	off)
		"$vmqctl" set vmq0 vmq off default-cpu 1
		;;
	esac
}
setup_vmqsw-spread() { setup_vmqsw "$1" spread; }
setup_vmqsw-one() { setup_vmqsw "$1" one; }
setup_vmqsw-off() { setup_vmqsw "$1" off; }
setup_vmqsw-down() { setup_vmqsw "$1" down; }

teardown() {
	local d

	for d in $ports br0 vmq0; do
		[ -d "/sys/class/net/$d" ] && echo "link del $d"
	done > /tmp/bench.ip
	ip -force -batch /tmp/bench.ip
	ip link del up0
	return 0
}

# Ports must receive nothing but the injected frames: no IPv6 autoconf
# or MLD chatter from the bridge side.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1

# run_variant VARIANT N: the median delivered packets/s of $runs runs.
# The time is pktgen's, plus, for frames still queued when pktgen is
# done, the time until they are delivered (or delivery stalls).
run_variant() {
	local variant=$1 n=$2 results=() before got usec t1 last=-1
	for _ in $(seq "$runs"); do
		# shellcheck disable=SC2086
		before=$(sum_stat "$stat" $ports)
		usec=$(pktgen_run up0 "$count" "$(port_mac 1)" "$n")
		t1=${EPOCHREALTIME/./}
		while :; do
			# shellcheck disable=SC2086
			got=$(( $(sum_stat "$stat" $ports) - before ))
			[ "$got" -ge "$count" ] || [ "$got" -eq "$last" ] && break
			last=$got
			sleep 0.01
		done
		[ "$last" -lt 0 ] || usec=$((usec + ${EPOCHREALTIME/./} - t1))
		if [ "$got" -ne "$count" ]; then
			echo "# $variant ports=$n: delivered $got of $count frames" >&2
		fi
		results+=($((got * 1000000 / usec)))
		last=-1
	done
	median "${results[@]}"
}

bench_baseline $bench bridge
for n in ${BENCH_PORTS:-1 64 1024}; do
	for variant in ${BENCH_VARIANTS:-bridge macvlan vmqsw vmqsw-one vmqsw-spread vmqsw-off vmqsw-down}; do
		if [[ $variant == vmqsw* ]] && [ ! -x "$vmqctl" ]; then
			continue
		fi
		# A bridge takes 1023 ports (BR_MAX_PORTS), its uplink one.
		if [ "$variant" = bridge ] && [ "$n" -gt 1022 ]; then
			continue
		fi
		# Spreading 1024 ports costs a vmqctl each: 64 show the effect.
		if [ "$n" -gt 64 ] && [[ $variant == vmqsw-@(one|spread) ]]; then
			continue
		fi
		# what counts a delivered frame; setup_$variant may change it
		stat=rx_packets
		setup_$variant "$n"
		bench_result $bench ports=$n $variant delivered_pps "$(run_variant $variant "$n")"
		teardown
	done
done
exit 0
