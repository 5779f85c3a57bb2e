#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the Bochs lane's initramfs: everything the run needs is in it
# (Bochs has no virtio to share the host's root). Load the stock KVM
# modules the lane was built with, then hand over to the lane runner.

/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs dev /dev

while read -r ko; do
	insmod "/lib/modules/$ko" || echo "lane-init: insmod $ko failed"
done < /etc/modules.order

exec /bin/sh /lane/selftests/lanes/guest.sh /lane/job
