#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The QEMU lane gives tests what they are written against: the stock
# Debian kernel, 4 CPUs in 2 NUMA nodes (CPUs 0-1 on node 0, 2-3 on
# node 1), cgroup v2 with the cpuset controller, the host's iproute2
# (veth, network namespaces) and ethtool, and the project's tools.

. "$(dirname "$0")/../lib/ktap.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)

ktap_print_header
ktap_set_plan 9

ktap_expect_eq "stock Debian kernel" yes \
	"$(grep -q 'Debian' /proc/version && echo yes)"
ktap_expect_eq "online CPUs" 0-3 "$(cat /sys/devices/system/cpu/online)"
ktap_expect_eq "node0 CPUs" 0-1 "$(cat /sys/devices/system/node/node0/cpulist)"
ktap_expect_eq "node1 CPUs" 2-3 "$(cat /sys/devices/system/node/node1/cpulist)"
ktap_expect_eq "cpuset controller on cgroup v2" yes \
	"$(grep -qw cpuset /sys/fs/cgroup/cgroup.controllers && echo yes)"

ns=lanetest$$
if ip netns add "$ns" &&
   ip link add veth0 type veth peer name veth1 netns "$ns" &&
   ip link set veth0 up && ip -n "$ns" link set veth1 up &&
   ip -n "$ns" -br link show veth1 | grep -q veth1; then
	ktap_test_pass "iproute2: veth into a network namespace"
else
	ktap_test_fail "iproute2: veth into a network namespace"
fi
if ethtool -i veth0 | grep -q '^driver: veth'; then
	ktap_test_pass "ethtool: reads veth's driver"
else
	ktap_test_fail "ethtool: reads veth's driver"
fi
ip link del veth0 2>/dev/null
ip netns del "$ns" 2>/dev/null

ktap_expect_eq "no veth left behind" "" "$(ip -br link show type veth)"

# The tools are built on the host and used from the shared root.
if [ -d "$top/tools/build/bin" ] || [ -f "$top/tools/lib/libtools.a" ]; then
	ktap_test_pass "project's tools visible in the guest"
else
	ktap_test_fail "project's tools visible in the guest (make tools)"
fi
ktap_finished
