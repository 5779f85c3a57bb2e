# SPDX-License-Identifier: GPL-2.0
#
# A whole VM on a vmqtap port, for tests that need a real guest driver
# behind a port: the host's QEMU, its virtio-net NIC on the port's device
# with vhost=on (as libvirt wires a macvtap port), and no disk, so that
# its firmware network-boots (SeaBIOS, then the iPXE ROM of Debian's
# ipxe-qemu). The network it boots from lives on another port: udhcpd
# offers one address and names a boot script, busybox httpd serves it,
# and the script leaves the VM in iPXE's shell, answering pings.
#
# Sourced after lib.sh. The caller calls netboot_cleanup from its EXIT
# trap.

nb_vmip=10.0.0.100
nb_server=10.0.0.2
nb_mib=64
nb_pids=""
nb_qemu_opts=()
nb_work=""

# netboot_ram FILE: the VM's RAM from FILE (a slice's /dev/lpar/NAME),
# shared, as memory-backend-file gives it.
netboot_ram() {
	nb_qemu_opts=(-object "memory-backend-file,id=ram,mem-path=$1,share=on,size=${nb_mib}M"
		      -machine pc,memory-backend=ram)
}

netboot_require() {
	[ -d /sys/module/vmq_tap ] || ktap_skip_all "vmq_tap not loaded"
	command -v qemu-system-x86_64 >/dev/null || ktap_skip_all "no qemu-system-x86_64"
	command -v busybox >/dev/null || ktap_skip_all "no busybox (udhcpd, httpd)"
	modprobe vhost_net 2>/dev/null
	[ -c /dev/vhost-net ] || ktap_skip_all "no /dev/vhost-net"
}

# netboot_serve NS IFACE: the VM's DHCP and HTTP servers on IFACE (which
# has $nb_server) in namespace NS. First: it makes the scratch directory
# the servers' and QEMU's files go to.
netboot_serve() {
	nb_work=$(mktemp -d)
	mkdir -p "$nb_work/www"
	printf '#!ipxe\nshell\n' > "$nb_work/www/vm.ipxe"
	cat > "$nb_work/udhcpd.conf" <<EOF
start $nb_vmip
end $nb_vmip
max_leases 1
interface $2
lease_file $nb_work/leases
option subnet 255.255.255.0
siaddr $nb_server
boot_file http://$nb_server/vm.ipxe
EOF
	touch "$nb_work/leases"
	ip netns exec "$1" busybox udhcpd -f "$nb_work/udhcpd.conf" \
		> "$nb_work/udhcpd.log" 2>&1 &
	nb_pids="$nb_pids $!"
	ip netns exec "$1" busybox httpd -f -vv -p "$nb_server:80" -h "$nb_work/www" \
		> "$nb_work/httpd.log" 2>&1 &
	nb_pids="$nb_pids $!"
}

# netboot_vm PORT [LAUNCHER...]: start the VM on tap port PORT, with the
# port's MAC, through LAUNCHER (e.g. lparctl exec SLICE --) if given.
# Sets nb_qemu to QEMU's pid.
netboot_vm() {
	local port=$1 name="netboot-$$"
	shift
	"$@" qemu-system-x86_64 -name "$name" -nodefaults -display none \
		-accel tcg -m ${nb_mib}M "${nb_qemu_opts[@]}" \
		-netdev tap,id=n0,fd=3,vhost=on \
		-device "virtio-net-pci,netdev=n0,mac=$(cat "/sys/class/net/$port/address")" \
		-boot n -serial none \
		3<>"/dev/tap$(cat "/sys/class/net/$port/ifindex")" \
		> "$nb_work/qemu.log" 2>&1 &
	nb_launcher=$!
	nb_qemu=""
	for _ in $(seq 50); do
		nb_qemu=$(pgrep -f "^qemu-system-x86_64 -name $name " | head -n 1)
		[ -n "$nb_qemu" ] && return 0
		sleep 0.1
	done
	return 1
}

# wait_for SECONDS COMMAND...: until COMMAND succeeds
wait_for() {
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt $end ] || return 1
		sleep 0.5
	done
}

netboot_offered() { grep -q "sending OFFER to $nb_vmip" "$nb_work/udhcpd.log"; }
netboot_leased() { grep -q "sending ACK to $nb_vmip" "$nb_work/udhcpd.log"; }
netboot_fetched() { grep -q 'url:/vm.ipxe' "$nb_work/httpd.log"; }

# netboot_pings NS: how many of 5 pings from NS the VM answered.
netboot_pings() {
	ip netns exec "$1" ping -c 5 -i 0.5 -W 5 $nb_vmip 2>&1 |
		awk '/packets transmitted/ { print $4 }'
}

# netboot_vhost_worker: the pid of the vhost-net worker of the VM's NIC
# (a kernel thread named after QEMU's pid).
netboot_vhost_worker() { pgrep -x "vhost-$nb_qemu"; }

# netboot_log FILE: a server's log (udhcpd, httpd, qemu), as comments.
netboot_log() { sed "s/^/# $1: /" "$nb_work/$1.log"; }

netboot_stop() {
	[ -n "${nb_qemu:-}" ] && kill "$nb_qemu" 2>/dev/null
	[ -n "${nb_launcher:-}" ] && wait "$nb_launcher" 2>/dev/null
	nb_qemu=""
	nb_launcher=""
}

netboot_cleanup() {
	netboot_stop
	[ -n "$nb_pids" ] && kill $nb_pids 2>/dev/null
	wait 2>/dev/null
	nb_pids=""
	[ -n "$nb_work" ] && rm -rf "$nb_work"
	nb_work=""
}
