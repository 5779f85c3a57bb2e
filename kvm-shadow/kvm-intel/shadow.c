// SPDX-License-Identifier: GPL-2.0
/*
 * kvm-shadow: per-VM VMCS shadowing for nested VMX, built into kvm-intel.ko.
 *
 * This first step only marks the module, so that a test, an admin or a
 * bug report can tell this kvm_intel from the stock one: a read-only
 * parameter (/sys/module/kvm_intel/parameters/kvm_shadow), a modinfo
 * field and one line in the kernel log at load. VMCS shadowing itself is
 * still upstream's: one global field set for every VM. Per-VM field sets,
 * the trap profile and the policies arrive in later patches.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/sysfs.h>

#include "shadow.h"

MODULE_INFO(kvm_shadow, KVM_SHADOW_VERSION);

/*
 * A parameter rather than a private sysfs file: it sits next to nested
 * and enable_shadow_vmcs, where the lanes and admins already look, and it
 * vanishes with the module. It is a version, not a knob: setting it at
 * load time is refused.
 */
static int kvm_shadow_param_set(const char *val, const struct kernel_param *kp)
{
	return -EPERM;
}

static int kvm_shadow_param_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", KVM_SHADOW_VERSION);
}

static const struct kernel_param_ops kvm_shadow_param_ops = {
	.set = kvm_shadow_param_set,
	.get = kvm_shadow_param_get,
};

module_param_cb(kvm_shadow, &kvm_shadow_param_ops, NULL, 0444);
MODULE_PARM_DESC(kvm_shadow, "kvm-shadow version of this kvm_intel (read-only)");

/* Called once per module load, when VMX hardware setup has succeeded. */
void __init kvm_shadow_hardware_setup(void)
{
	pr_info("kvm-shadow %s\n", KVM_SHADOW_VERSION);
}
