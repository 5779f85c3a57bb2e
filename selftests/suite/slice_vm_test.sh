#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The whole picture, in one guest: a VM in a slice, its NIC a vmq-switch
# port served by the slice's CPUs. Slice a (CPUs 2-3, a 64 MiB pool) runs
# QEMU (lparctl exec) with its guest RAM from /dev/lpar/a and its
# virtio-net NIC on a vmqtap port whose queue is bound to CPUs 2-3; the
# VM network-boots from another port (vmq-switch/netboot.sh):
#  - QEMU runs in the slice, on its CPUs, its RAM the pool mapped whole;
#  - the VM gets its address, fetches its boot script and answers pings;
#  - vhost-net's worker follows QEMU into the slice's cgroup and onto
#    its CPUs;
#  - every frame the port's queue delivered was served by a slice CPU;
#  - while the VM runs the slice cannot go; after it, slice and port go.

. "$(dirname "$0")/../vmq-switch/lib.sh"
. "$(dirname "$0")/../vmq-switch/netboot.sh"

lparctl=$top/tools/build/bin/lparctl
sys=/sys/kernel/lpar
cg=/sys/fs/cgroup

vmq_require
vmq_require_tool
netboot_require
[ -x "$lparctl" ] || ktap_skip_all "lparctl not built (make tools)"
[ -d $sys ] || ktap_skip_all "lpar_cgroup not loaded"
grep -qw cpuset $cg/cgroup.controllers || ktap_skip_all "no cpuset controller"

netboot_ram /dev/lpar/a
cleanup() {
	netboot_cleanup
	vmq_cleanup
	"$lparctl" destroy a force >/dev/null 2>&1
}
trap cleanup EXIT

# cpus_of PID: the CPUs a task may run on.
cpus_of() { awk '/Cpus_allowed_list/ { print $2 }' "/proc/$1/status"; }

ktap_print_header
ktap_set_plan 10

"$lparctl" create a cpus 2-3 memory ${nb_mib}M
"$lparctl" bind a

vmq_topology
port_add 2
netboot_serve ns2 p2
ip link add link vmq0 name t1 address 52:54:00:12:34:56 type vmqtap
ip link set t1 up
"$vmqctl" port set t1 cpus 2-3 >/dev/null

start=$SECONDS
netboot_vm t1 "$lparctl" exec a --
ktap_expect_eq "QEMU runs in the slice, on its CPUs" "0::/lpar/a 2-3" \
	"$(cat "/proc/$nb_qemu/cgroup") $(cpus_of "$nb_qemu")"

wait_for 120 netboot_leased
echo "# DHCP done after $((SECONDS - start)) s"
mapped_kb=0
while read -r range _ _ _ _ path; do
	[ "$path" = /dev/lpar/a ] || continue
	mapped_kb=$((mapped_kb + (16#${range#*-} - 16#${range%-*}) / 1024))
done < "/proc/$nb_qemu/maps"
ktap_expect_eq "its guest RAM is the slice's pool, mapped whole, once" \
	"$((nb_mib * 1024)) 1" "$mapped_kb $(cat $sys/slices/a/mappings)"
ktap_expect_eq "the VM got its address through the port" yes \
	"$(netboot_leased && echo yes)"
wait_for 60 netboot_fetched
echo "# script fetched after $((SECONDS - start)) s"
ktap_expect_eq "and fetched its boot script over TCP" yes \
	"$(netboot_fetched && echo yes)"
ktap_expect_eq "the VM answers pings" 5 "$(netboot_pings ns2)"

# vhost_dev_set_owner() attaches the worker to its owner's cgroups.
worker=$(netboot_vhost_worker)
ktap_expect_eq "vhost-net's worker is in the slice, on its CPUs" "0::/lpar/a 2-3" \
	"$([ -n "$worker" ] && echo "$(cat "/proc/$worker/cgroup") $(cpus_of "$worker")")"

qp=$(cat /sys/class/net/t1/vmq/queue_packets)
served=$("$vmqctl" -j port show vmq0 |
	jq -r '.[] | select(.name == "t1") | .queue.per_cpu | to_entries |
		map("\(.key):\(.value)") | join(" ")')
echo "# port t1: queue $qp frames, served by CPU:frames $served"
ktap_expect_eq "every frame of the port's queue was served by a slice CPU" "$qp" \
	"$([ "$qp" -gt 0 ] && jq -n --arg s "$served" \
		'[$s | split(" ")[] | split(":") | select(.[0] == "2" or .[0] == "3") | .[1] | tonumber] | add')"

out=$("$lparctl" destroy a 2>&1)
echo "# $out"
ktap_expect_eq "the slice cannot go while its VM runs" yes \
	"$(grep -qE 'holds [0-9]+ task|mapped [0-9]+ time' <<<"$out" && echo yes)"

netboot_stop
sleep 0.5
ktap_expect_eq "VM gone: the slice goes" "0 0" \
	"$(cat $sys/slices/a/mappings) $("$lparctl" destroy a >/dev/null 2>&1; echo $?)"
ip link del t1
ktap_expect_eq "and so does its port, device and all" gone \
	"$([ -e /sys/class/net/t1 ] || ls /dev/tap* >/dev/null 2>&1 || echo gone)"
ktap_finished
