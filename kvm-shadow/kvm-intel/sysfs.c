// SPDX-License-Identifier: GPL-2.0
/*
 * kvm-shadow: a read-only sysfs view of each VM, one value per file, for
 * monitoring that must not depend on debugfs (which is no ABI and often
 * not mounted):
 *
 *   /sys/kernel/kvm_shadow/<pid>-<n>/
 *	pid, id			the VMM's process, the VM's number
 *	policy			static, pinned or adaptive
 *	fields_rw, fields_ro	fields in the VM's current set
 *	syncs_to_vmcs12, fields_to_vmcs12,
 *	syncs_to_shadow, fields_to_shadow
 *				shadow VMCS <-> vmcs12 copies, fields moved
 *	vmread_exits, vmwrite_exits
 *				L1's VMREAD/VMWRITE exits, all fields
 *
 * Policies are set, and profiles read per field, through debugfs or the
 * kvm_shadow netlink family. The directory's kobject is part of the VM's
 * state and frees it when the last reference goes; removing the directory
 * first waits for readers inside a show().
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kobject.h>
#include <linux/kvm_host.h>
#include <linux/mm.h>
#include <linux/sysfs.h>

#include "shadow.h"

static struct kobject *kvm_shadow_kobj;

static struct kvm_shadow_vm *to_svm(struct kobject *kobj)
{
	return container_of(kobj, struct kvm_shadow_vm, kobj);
}

static ssize_t pid_show(struct kobject *kobj, struct kobj_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "%d\n", to_svm(kobj)->pid);
}

static ssize_t id_show(struct kobject *kobj, struct kobj_attribute *attr,
		       char *buf)
{
	return sysfs_emit(buf, "%u\n", to_svm(kobj)->id);
}

static ssize_t policy_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  kvm_shadow_policy_name(READ_ONCE(to_svm(kobj)->policy)));
}

static ssize_t kvm_shadow_show_set_size(struct kobject *kobj, char *buf,
					bool rw)
{
	struct kvm_shadow_vm *svm = to_svm(kobj);
	int nr;

	spin_lock(&svm->set_lock);
	nr = rw ? svm->set->nr_rw : svm->set->nr_ro;
	spin_unlock(&svm->set_lock);
	return sysfs_emit(buf, "%d\n", nr);
}

static ssize_t fields_rw_show(struct kobject *kobj, struct kobj_attribute *attr,
			      char *buf)
{
	return kvm_shadow_show_set_size(kobj, buf, true);
}

static ssize_t fields_ro_show(struct kobject *kobj, struct kobj_attribute *attr,
			      char *buf)
{
	return kvm_shadow_show_set_size(kobj, buf, false);
}

#define KVM_SHADOW_SYNC_ATTR(name, member, dir)				\
static ssize_t name##_show(struct kobject *kobj,			\
			   struct kobj_attribute *attr, char *buf)	\
{									\
	struct kvm_shadow_sync_counts sync;				\
									\
	kvm_shadow_vm_sync(to_svm(kobj), &sync);			\
	return sysfs_emit(buf, "%ld\n", sync.member[dir]);		\
}									\
static struct kobj_attribute name##_attr = __ATTR_RO(name)

KVM_SHADOW_SYNC_ATTR(syncs_to_vmcs12, syncs, KVM_SHADOW_TO_VMCS12);
KVM_SHADOW_SYNC_ATTR(fields_to_vmcs12, synced, KVM_SHADOW_TO_VMCS12);
KVM_SHADOW_SYNC_ATTR(syncs_to_shadow, syncs, KVM_SHADOW_TO_SHADOW);
KVM_SHADOW_SYNC_ATTR(fields_to_shadow, synced, KVM_SHADOW_TO_SHADOW);

/* Every field's exits and the unknown encodings', summed. */
static ssize_t kvm_shadow_show_exits(struct kobject *kobj, char *buf,
				     enum kvm_shadow_access access)
{
	const struct kvm_shadow_trap_counts *traps = &to_svm(kobj)->traps;
	long sum = atomic_long_read(&traps->other[access]);
	int slot;

	for (slot = 0; slot < KVM_SHADOW_NR_SLOTS; slot++)
		sum += atomic_long_read(&traps->exits[slot][access]);
	return sysfs_emit(buf, "%ld\n", sum);
}

static ssize_t vmread_exits_show(struct kobject *kobj,
				 struct kobj_attribute *attr, char *buf)
{
	return kvm_shadow_show_exits(kobj, buf, KVM_SHADOW_VMREAD);
}

static ssize_t vmwrite_exits_show(struct kobject *kobj,
				  struct kobj_attribute *attr, char *buf)
{
	return kvm_shadow_show_exits(kobj, buf, KVM_SHADOW_VMWRITE);
}

static struct kobj_attribute pid_attr = __ATTR_RO(pid);
static struct kobj_attribute id_attr = __ATTR_RO(id);
static struct kobj_attribute policy_attr = __ATTR_RO(policy);
static struct kobj_attribute fields_rw_attr = __ATTR_RO(fields_rw);
static struct kobj_attribute fields_ro_attr = __ATTR_RO(fields_ro);
static struct kobj_attribute vmread_exits_attr = __ATTR_RO(vmread_exits);
static struct kobj_attribute vmwrite_exits_attr = __ATTR_RO(vmwrite_exits);

static struct attribute *kvm_shadow_vm_attrs[] = {
	&pid_attr.attr,
	&id_attr.attr,
	&policy_attr.attr,
	&fields_rw_attr.attr,
	&fields_ro_attr.attr,
	&syncs_to_vmcs12_attr.attr,
	&fields_to_vmcs12_attr.attr,
	&syncs_to_shadow_attr.attr,
	&fields_to_shadow_attr.attr,
	&vmread_exits_attr.attr,
	&vmwrite_exits_attr.attr,
	NULL
};
ATTRIBUTE_GROUPS(kvm_shadow_vm);

static void kvm_shadow_vm_release(struct kobject *kobj)
{
	kvfree(to_svm(kobj));
}

static const struct kobj_type kvm_shadow_vm_ktype = {
	.release	= kvm_shadow_vm_release,
	.sysfs_ops	= &kobj_sysfs_ops,
	.default_groups	= kvm_shadow_vm_groups,
};

/* At allocation: from here on, kobject_put() frees the VM's state. */
void kvm_shadow_sysfs_init_vm(struct kvm_shadow_vm *svm)
{
	kobject_init(&svm->kobj, &kvm_shadow_vm_ktype);
}

/* Once the VM's state is complete. Without it the VM has no directory. */
void kvm_shadow_sysfs_add_vm(struct kvm_shadow_vm *svm)
{
	if (!kvm_shadow_kobj ||
	    kobject_add(&svm->kobj, kvm_shadow_kobj, "%d-%u", svm->pid, svm->id))
		pr_warn_ratelimited("VM %d-%u: no sysfs directory\n",
				    svm->pid, svm->id);
}

/* Before the VM's state is torn down: no show() runs after this. */
void kvm_shadow_sysfs_del_vm(struct kvm_shadow_vm *svm)
{
	if (svm->kobj.state_in_sysfs)
		kobject_del(&svm->kobj);
}

void __init kvm_shadow_sysfs_init(void)
{
	kvm_shadow_kobj = kobject_create_and_add("kvm_shadow", kernel_kobj);
	if (!kvm_shadow_kobj)
		pr_warn("no /sys/kernel/kvm_shadow: VMs have no sysfs view\n");
}

void kvm_shadow_sysfs_exit(void)
{
	kobject_put(kvm_shadow_kobj);
	kvm_shadow_kobj = NULL;
}
