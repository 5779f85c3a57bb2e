#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the QEMU lane's initramfs: mount the host's root read-only over
# virtio-9p, give it the writable and kernel-specific places a guest needs
# (tmpfs, the stock kernel's modules), and hand over to the lane runner in
# it. The kernel passes lane_* command line parameters as environment.

/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs dev /dev

fail() {
	echo "lane-init: $*"
	poweroff -f
}

while read -r ko; do
	insmod "/lib/modules/$ko" || fail "insmod $ko"
done < /etc/modules.order

# The host root once at /host, as is, and again as the new root with
# tmpfs over the places a guest writes to. Paths the lane needs that lie
# under such a place (a checkout in /tmp) are bound back from /host.
mkdir -p /host
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 \
	hostroot /host || fail "cannot mount the host root"
mount --bind /host /newroot
for d in /tmp /run /var/tmp /var/lib /var/log; do
	mount -t tmpfs lane "/newroot$d" || fail "tmpfs on $d"
	for p in $(echo "$lane_keep" | tr , " "); do
		case $p/ in
		$d/*)
			mkdir -p "/newroot$p"
			mount --bind "/host$p" "/newroot$p" || fail "cannot keep $p"
			;;
		esac
	done
done
mount --bind "/newroot$lane_stock/lib/modules" /newroot/lib/modules ||
	fail "no stock modules at $lane_stock"
for d in /proc /sys /dev; do
	mount --move "$d" "/newroot$d"
done

exec chroot /newroot /bin/sh "$lane_runner" "$lane_job"
