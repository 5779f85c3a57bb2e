#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The hardware backends on a real NIC. Needs NETIFS="UPLINK PEER": UPLINK
# a NIC with L2 forwarding offload (ixgbe, i40e, fm10k: ethtool -K UPLINK
# l2-fwd-offload on) or flow rules (mlx5, sfc, mlx4: ethtool -K UPLINK
# ntuple on), PEER a port cabled to it that sends the test's frames.
# Without NETIFS it skips (exit 4): CI has no such NIC.
#
# Checks: the uplink's backend is a hardware one; ports get hardware
# queues; unicast frames reach their port steered by the NIC (counted as
# such) and no other port; broadcast reaches every port; removal frees
# the pools or rules.

. "$(dirname "$0")/lib.sh"

read -r uplink peer _ <<<"${NETIFS:-}"
[ -n "$uplink" ] && [ -n "$peer" ] ||
	ktap_skip_all "no real NIC named: NETIFS=\"UPLINK PEER\""
vmq_require
vmq_require_tool
for d in "$uplink" "$peer"; do
	[ -d "/sys/class/net/$d" ] || ktap_skip_all "no netdev $d"
done
ktap_print_header
ktap_set_plan 7

pstat() { cat "/sys/class/net/$1/vmq/$2"; }
rxp() { cat "/sys/class/net/$1/statistics/rx_packets"; }
real_cleanup() { ip link del vmqr 2>/dev/null; }
trap real_cleanup EXIT

ip link set "$uplink" up
ip link set "$peer" up
ip link add link "$uplink" name vmqr type vmqsw
ip link set vmqr up
backend=$(pstat vmqr backend)
ktap_expect_eq "the uplink offers hardware queues" yes \
	"$([ "$backend" != sw ] && echo yes)"
for i in 1 2; do
	ip link add link vmqr name r$i address "$(mac_of $i)" type vmqport
	ip link set r$i up
done
ktap_expect_eq "ports get them" "$backend $backend" \
	"$(pstat r1 binding) $(pstat r2 binding)"

b1=$(rxp r1)
b2=$(rxp r2)
"$sendframes" "$peer" "$(mac_of 1)" 02:00:00:00:00:fe 1000
sleep 1
ktap_expect_eq "unicast reaches its port only" "1000 0" \
	"$(( $(rxp r1) - b1 )) $(( $(rxp r2) - b2 ))"
ktap_expect_eq "steered by the NIC, not classified" "yes 0" \
	"$([ "$(pstat r1 rx_hw_steered)" -ge 1000 ] && echo yes) $(pstat r1 rx_sw_classified)"
"$sendframes" "$peer" ff:ff:ff:ff:ff:ff 02:00:00:00:00:fe 100
sleep 1
ktap_expect_eq "broadcast reaches every port" "yes yes" \
	"$([ $(( $(rxp r1) - b1 )) -ge 1100 ] && echo yes) $([ $(( $(rxp r2) - b2 )) -ge 100 ] && echo yes)"
# The port's CPUs take its ring's interrupt too, where the driver's
# vector names are ones vmqctl knows.
"$vmqctl" port set r1 cpus 1 >/dev/null
out=$("$vmqctl" port irq r1 2>&1)
echo "# $out"
irq=$(sed -n 's/^r1: IRQ \([0-9]*\) .*/\1/p' <<<"$out")
ktap_expect_eq "port irq points its ring's interrupt at its CPU" 1 \
	"$([ -n "$irq" ] && cat "/proc/irq/$irq/smp_affinity_list")"
ip link del vmqr
if [ "$backend" = hw-flow ]; then
	left=$(ethtool -n "$uplink" 2>/dev/null | grep -c "Dst MAC addr: 02:00:00:00:00:0[12]")
else
	left=0	# pools have no generic view; the driver frees them on del_station
fi
ktap_expect_eq "removal leaves no rule behind" 0 "$left"
ktap_finished
