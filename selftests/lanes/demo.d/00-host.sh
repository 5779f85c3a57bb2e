#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# demo: the host: a stock Debian kernel, 4 CPUs in 2 NUMA nodes, the suite loaded

run() { echo "\$ $*"; "$@"; }

run uname -r
run lscpu -e=CPU,NODE,SOCKET,CORE,ONLINE
echo "\$ grep MemTotal /sys/devices/system/node/node*/meminfo"
grep MemTotal /sys/devices/system/node/node*/meminfo
echo "\$ grep -E '^(kvm_shadow|lpar_cgroup|vmq_switch) ' /proc/modules"
grep -E '^(kvm_shadow|lpar_cgroup|vmq_switch) ' /proc/modules
for m in kvm_shadow lpar_cgroup vmq_switch; do
	echo "$m: $(modinfo -F description "$TOP"/*/"$m.ko")"
done
