// SPDX-License-Identifier: GPL-2.0
/*
 * Per-VM VMCS shadowing for nested VMX.
 *
 * Placeholder: this is the minimal module the foundation of the suite
 * builds, loads and unloads in its test lanes. It does nothing yet; the
 * kvm-shadow issue replaces it with the real implementation.
 */

#include <linux/module.h>

static int __init kvm_shadow_init(void)
{
	return 0;
}

static void __exit kvm_shadow_exit(void)
{
}

module_init(kvm_shadow_init);
module_exit(kvm_shadow_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Per-VM VMCS shadowing for nested VMX");
