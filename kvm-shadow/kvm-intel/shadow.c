// SPDX-License-Identifier: GPL-2.0
/*
 * kvm-shadow: per-VM VMCS shadowing for nested VMX, built into kvm-intel.ko.
 *
 * This file marks the module as kvm-shadow's build (a read-only parameter,
 * /sys/module/kvm_intel/parameters/kvm_shadow, a modinfo field and one
 * line in the kernel log at load) and keeps kvm-shadow's per-VM state:
 * allocated when KVM creates a VM, freed when it destroys it, with a
 * debugfs directory per VM, /sys/kernel/debug/kvm_shadow/<pid>-<vm>/.
 * The trap profile is in profile.c, the field sets and policies in
 * sets.c.
 *
 * The directory is ours rather than KVM's per-VM one
 * (/sys/kernel/debug/kvm/<pid>-<fd>/): kvm.ko is the stock module, it
 * creates that directory after kvm_x86_ops.vm_init has run and offers
 * vendor modules no hook into it.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/kvm_host.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "vmx/vmx.h"
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

/*
 * The policy a new VM starts with, as written to a VM's policy file.
 * Checked when a VM is created, not when set: a list valid for one VM
 * (its vCPUs' VMX capabilities) may not be for another. A VM whose
 * default is refused starts with static and says why in its policy
 * file and in the kernel log.
 */
static char kvm_shadow_default_policy[256] = "static";
module_param_string(kvm_shadow_policy, kvm_shadow_default_policy,
		    sizeof(kvm_shadow_default_policy), 0644);
MODULE_PARM_DESC(kvm_shadow_policy, "kvm-shadow policy of new VMs (default: static)");

static void kvm_shadow_vm_default_policy(struct kvm_shadow_vm *svm)
{
	char *policy;
	int r;

	kernel_param_lock(THIS_MODULE);
	policy = kstrdup(kvm_shadow_default_policy, GFP_KERNEL);
	kernel_param_unlock(THIS_MODULE);
	if (!policy)
		return;
	if (strcmp(strim(policy), "static")) {
		mutex_lock(&svm->policy_lock);
		r = kvm_shadow_set_policy(svm, policy);
		if (r)
			pr_warn_ratelimited("VM %d-%u starts with static: %s\n",
					    svm->pid, svm->id, svm->error);
		mutex_unlock(&svm->policy_lock);
	}
	kfree(policy);
}

/* Set by kvm_shadow_nested_setup(): nested VMX is on in this module. */
bool kvm_shadow_nested;

static struct dentry *kvm_shadow_debugfs;
static atomic_t kvm_shadow_vm_ids = ATOMIC_INIT(0);

/* Guards kvm_shadow_vms; see shadow.h. */
DEFINE_MUTEX(kvm_shadow_vms_lock);
LIST_HEAD(kvm_shadow_vms);

/* The VM numbered ID, or NULL; called with kvm_shadow_vms_lock held. */
struct kvm_shadow_vm *kvm_shadow_vm_find(unsigned int id)
{
	struct kvm_shadow_vm *svm;

	lockdep_assert_held(&kvm_shadow_vms_lock);
	list_for_each_entry(svm, &kvm_shadow_vms, node)
		if (svm->id == id)
			return svm;
	return NULL;
}

/* Called once per module load, when VMX hardware setup has succeeded. */
void __init kvm_shadow_hardware_setup(void)
{
	pr_info("kvm-shadow %s\n", KVM_SHADOW_VERSION);
	/* Without debugfs the VMs just have no files; KVM works on. */
	kvm_shadow_debugfs = debugfs_create_dir("kvm_shadow", NULL);
	kvm_shadow_sysfs_init();
	/* Without the family, debugfs is still there; KVM works on. */
	if (kvm_shadow_netlink_init())
		pr_warn("kvm-shadow: generic netlink family not registered\n");
}

void kvm_shadow_hardware_unsetup(void)
{
	kvm_shadow_netlink_exit();
	debugfs_remove_recursive(kvm_shadow_debugfs);
	kvm_shadow_debugfs = NULL;
	kvm_shadow_sysfs_exit();
}

/*
 * From kvm_x86_ops.vm_init, in the process that creates the VM: the
 * directory is named after its thread group (what getpid() returns in
 * the VMM) and a VM number unique while the module is loaded.
 */
int kvm_shadow_vm_init(struct kvm *kvm)
{
	struct kvm_shadow_vm *svm;
	char name[32];
	int r;

	if (!kvm_shadow_nested)
		return 0;

	svm = kvzalloc(sizeof(*svm), GFP_KERNEL_ACCOUNT);
	if (!svm)
		return -ENOMEM;
	kvm_shadow_sysfs_init_vm(svm);
	svm->kvm = kvm;
	svm->id = atomic_inc_return(&kvm_shadow_vm_ids);
	svm->pid = task_tgid_nr(current);
	mutex_init(&svm->policy_lock);
	spin_lock_init(&svm->set_lock);

	r = kvm_shadow_sets_create(svm);
	if (r) {
		kobject_put(&svm->kobj);
		return r;
	}

	snprintf(name, sizeof(name), "%d-%u", svm->pid, svm->id);
	svm->dir = debugfs_create_dir(name, kvm_shadow_debugfs);
	kvm_shadow_profile_create(svm);
	kvm_shadow_policy_create(svm);
	kvm_shadow_vm_default_policy(svm);

	to_kvm_vmx(kvm)->shadow = svm;
	mutex_lock(&kvm_shadow_vms_lock);
	list_add_tail(&svm->node, &kvm_shadow_vms);
	mutex_unlock(&kvm_shadow_vms_lock);
	kvm_shadow_sysfs_add_vm(svm);
	return 0;
}

/*
 * From kvm_x86_ops.vm_destroy, which KVM calls before it frees the
 * vCPUs: the vCPUs' references keep their sets alive until then.
 * Removing the directory waits for readers and writers still inside
 * our files; later calls on an open file get -EIO from debugfs.
 */
void kvm_shadow_vm_destroy(struct kvm *kvm)
{
	struct kvm_shadow_vm *svm = to_kvm_vmx(kvm)->shadow;

	if (!svm)
		return;
	/* Netlink requests in flight on this VM hold the lock: wait. */
	mutex_lock(&kvm_shadow_vms_lock);
	list_del(&svm->node);
	mutex_unlock(&kvm_shadow_vms_lock);
	debugfs_remove_recursive(svm->dir);
	kvm_shadow_sysfs_del_vm(svm);
	kvm_shadow_sets_destroy(svm);
	to_kvm_vmx(kvm)->shadow = NULL;
	kobject_put(&svm->kobj);
}
