#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# demo: the whole picture: a VM in a slice, its NIC a vmq-switch port served by the slice's CPUs

. "$TOP/selftests/vmq-switch/lib.sh"
. "$TOP/selftests/vmq-switch/netboot.sh"

lparctl=$TOP/tools/build/bin/lparctl

run() { echo "\$ ${1##*/} ${*:2}"; "$@"; }
say() { echo "# $*"; }

modprobe vhost_net
netboot_ram /dev/lpar/a
cleanup() {
	netboot_cleanup
	vmq_cleanup
	"$lparctl" destroy a force >/dev/null 2>&1
}
trap cleanup EXIT

echo
say "Slice a: CPUs 2-3 (node 1), dedicated, with a 64 MiB pool for guest RAM."
run "$lparctl" create a cpus 2-3 memory ${nb_mib}M || exit 1
run "$lparctl" bind a || exit 1

echo
say "The network: a switch vmq0 on uplink up0; port p2, in a namespace, holds"
say "the VM's DHCP and HTTP servers (10.0.0.2)."
vmq_topology
port_add 2
netboot_serve ns2 p2

echo
say "The VM's NIC: tap port vm1 (a /dev/tapN, as macvtap gives), its queue"
say "served by the slice's CPUs."
run ip link add link vmq0 name vm1 address 52:54:00:12:34:56 type vmqtap
run ip link set vm1 up
echo "\$ vmqctl port set vm1 cpus 2-3"
"$vmqctl" port set vm1 cpus 2-3 >/dev/null

echo
say "QEMU, started in the slice: guest RAM from /dev/lpar/a, a virtio-net NIC"
say "on vm1's device with vhost-net. The VM has no disk; its firmware"
say "(SeaBIOS, then iPXE) boots from the network, through the port."
echo "\$ lparctl exec a -- qemu-system-x86_64 -m ${nb_mib}M ${nb_qemu_opts[*]} \\"
echo "      -netdev tap,id=n0,fd=3,vhost=on -device virtio-net-pci,netdev=n0,mac=52:54:00:12:34:56 \\"
echo "      -boot n 3<>/dev/tap$(cat /sys/class/net/vm1/ifindex)"
netboot_vm vm1 "$lparctl" exec a -- || fail "QEMU did not start"
# fail WHAT: say what went wrong, with the servers' and QEMU's logs
fail() {
	echo "!!! $*"
	netboot_log udhcpd
	netboot_log httpd
	netboot_log qemu
	exit 1
}
wait_for 120 netboot_leased || fail "the VM got no address"
netboot_log udhcpd
wait_for 60 netboot_fetched || fail "the VM fetched no boot script"
netboot_log httpd
echo
say "The VM, in iPXE's shell now, answers at the address it was given:"
echo "\$ ip netns exec ns2 ping -c 3 -i 0.3 -q $nb_vmip"
ip netns exec ns2 ping -c 3 -i 0.3 -q $nb_vmip | tail -n 2

echo
say "Where it all runs:"
worker=$(netboot_vhost_worker)
for pid in "$nb_qemu" "$worker"; do
	printf '  %-16s cgroup %s, CPUs %s\n' "$(cat /proc/"$pid"/comm)" \
		"$(cut -d: -f3 /proc/"$pid"/cgroup)" \
		"$(awk '/Cpus_allowed_list/ { print $2 }' /proc/"$pid"/status)"
done
echo "  guest RAM: /dev/lpar/a, mapped $(cat /sys/kernel/lpar/slices/a/mappings) time(s)"
run "$vmqctl" port show vm1
run "$lparctl" show a

echo
say "While the VM runs, its slice cannot go:"
run "$lparctl" destroy a
say "The VM stops; then the slice and the port go."
netboot_stop
sleep 0.5
run "$lparctl" destroy a
run ip link del vm1
