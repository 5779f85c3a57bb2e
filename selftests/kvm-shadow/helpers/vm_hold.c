// SPDX-License-Identifier: GPL-2.0
/*
 * vm_hold: create a KVM VM (no vCPU) and keep it until killed, so that a
 * test can look at it and set its policy from outside. Prints "ready"
 * once the VM exists. Built statically for the Bochs lane's busybox
 * initramfs.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/kvm.h>

int main(void)
{
	int kvm, vm;

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		perror("vm_hold: /dev/kvm");
		return 1;
	}
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0) {
		perror("vm_hold: KVM_CREATE_VM");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}
