#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# demo: the host: a stock Debian kernel, 4 CPUs in 2 NUMA nodes, the suite loaded

run() { echo "\$ $*"; "$@"; }

run uname -r
run lscpu -e=CPU,NODE,SOCKET,CORE,ONLINE
echo "\$ grep MemTotal /sys/devices/system/node/node*/meminfo"
grep MemTotal /sys/devices/system/node/node*/meminfo
echo "\$ grep -E '^(kvm_shadow_profile|lpar_cgroup|vmq_switch|vmq_tap) ' /proc/modules"
grep -E '^(kvm_shadow_profile|lpar_cgroup|vmq_switch|vmq_tap) ' /proc/modules
for m in kvm_shadow_profile lpar_cgroup vmq_switch vmq_tap; do
	echo "$m: $(modinfo -F description "$TOP"/*/"$m.ko")"
done
