#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the Bochs lane's initramfs: everything the run needs is in it
# (Bochs has no virtio to share the host's root). Load the KVM modules
# the lane was built with (stock kvm.ko, stock or kvm-shadow's
# kvm-intel.ko), each line of modules.order a file and its parameters,
# then hand over to the lane runner.

/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs dev /dev

while read -r ko args; do
	# shellcheck disable=SC2086 # module parameters, one word each
	insmod "/lib/modules/$ko" $args || echo "lane-init: insmod $ko failed"
done < /etc/modules.order

exec /bin/sh /lane/selftests/lanes/guest.sh /lane/job
