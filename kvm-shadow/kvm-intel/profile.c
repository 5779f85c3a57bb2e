// SPDX-License-Identifier: GPL-2.0
/*
 * kvm-shadow: the per-VM trap profile.
 *
 * Every VMREAD or VMWRITE of L1 that exits to L0 is counted by field
 * encoding, summed over the VM's vCPUs; so is every copy between the
 * shadow VMCS and vmcs12 and the number of fields it moved. The first
 * says what shadowing a field would save, the second what the current
 * set costs on every L1 <-> L2 switch. Read from
 * /sys/kernel/debug/kvm_shadow/<pid>-<vm>/profile.
 */

#include <linux/debugfs.h>
#include <linux/kvm_host.h>
#include <linux/seq_file.h>

#include "vmx/vmx.h"
#include "shadow.h"

/* Reserved encoding bits: 12, and 15 and up (SDM Vol. 3, Appendix B). */
#define KVM_SHADOW_RESERVED_BITS	(~0x6fffUL)

int kvm_shadow_slot(unsigned long field)
{
	unsigned long index = (field >> 1) & 0x1ff;
	unsigned long type = (field >> 10) & 3;
	unsigned long width = (field >> 13) & 3;

	if ((field & KVM_SHADOW_RESERVED_BITS) ||
	    index >= (1UL << KVM_SHADOW_SLOT_INDEX_BITS))
		return -1;
	return ((((width << 2) | type) << KVM_SHADOW_SLOT_INDEX_BITS | index)
		<< 1) | (field & 1);
}

unsigned long kvm_shadow_slot_field(int slot)
{
	unsigned long high = slot & 1;
	unsigned long index, type, width;

	slot >>= 1;
	index = slot & ((1 << KVM_SHADOW_SLOT_INDEX_BITS) - 1);
	slot >>= KVM_SHADOW_SLOT_INDEX_BITS;
	type = slot & 3;
	width = (slot >> 2) & 3;
	return (width << 13) | (type << 10) | (index << 1) | high;
}

static void kvm_shadow_count(struct kvm_vcpu *vcpu, unsigned long field,
			     enum kvm_shadow_access access)
{
	struct kvm_shadow_vm *svm = to_kvm_vmx(vcpu->kvm)->shadow;
	int slot;

	/*
	 * In guest mode the VMREAD/VMWRITE is L2's, exiting because L1
	 * does not shadow it for L2; the profile is about L1's own.
	 */
	if (!svm || is_guest_mode(vcpu))
		return;
	slot = kvm_shadow_slot(field);
	if (slot < 0)
		atomic_long_inc(&svm->other[access]);
	else
		atomic_long_inc(&svm->exits[slot][access]);
}

void kvm_shadow_count_vmread(struct kvm_vcpu *vcpu, unsigned long field)
{
	kvm_shadow_count(vcpu, field, KVM_SHADOW_VMREAD);
}

void kvm_shadow_count_vmwrite(struct kvm_vcpu *vcpu, unsigned long field)
{
	kvm_shadow_count(vcpu, field, KVM_SHADOW_VMWRITE);
}

void kvm_shadow_count_sync(struct vcpu_vmx *vmx, enum kvm_shadow_sync_dir dir,
			   int nr_fields)
{
	struct kvm_shadow_vm *svm = to_kvm_vmx(vmx->vcpu.kvm)->shadow;

	if (!svm)
		return;
	atomic_long_inc(&svm->syncs[dir]);
	atomic_long_add(nr_fields, &svm->synced[dir]);
}

/* Syncs one way, the fields they copied, and fields per sync. */
static void kvm_shadow_show_sync(struct seq_file *m, const char *dir,
				 struct kvm_shadow_vm *svm,
				 enum kvm_shadow_sync_dir d)
{
	long syncs = atomic_long_read(&svm->syncs[d]);
	long fields = atomic_long_read(&svm->synced[d]);
	long centi = syncs ? fields * 100 / syncs : 0;

	seq_printf(m, "sync %s %ld fields %ld per-sync %ld.%02ld\n", dir,
		   syncs, fields, centi / 100, centi % 100);
}

/*
 * One line per field that exited at least once: name, encoding, VMREAD
 * and VMWRITE exits, and how the VM's current set shadows it (rw, ro or
 * -). Lines are keyword-led so that scripts can pick what they need.
 */
static int kvm_shadow_profile_show(struct seq_file *m, void *unused)
{
	struct kvm_shadow_vm *svm = m->private;
	int slot;

	kvm_shadow_show_sync(m, "shadow-to-vmcs12", svm, KVM_SHADOW_TO_VMCS12);
	kvm_shadow_show_sync(m, "vmcs12-to-shadow", svm, KVM_SHADOW_TO_SHADOW);
	seq_printf(m, "unknown vmread %ld vmwrite %ld\n",
		   atomic_long_read(&svm->other[KVM_SHADOW_VMREAD]),
		   atomic_long_read(&svm->other[KVM_SHADOW_VMWRITE]));

	for (slot = 0; slot < KVM_SHADOW_NR_SLOTS; slot++) {
		long r = atomic_long_read(&svm->exits[slot][KVM_SHADOW_VMREAD]);
		long w = atomic_long_read(&svm->exits[slot][KVM_SHADOW_VMWRITE]);
		unsigned long field;
		const char *name;
		bool high;

		if (!r && !w)
			continue;
		field = kvm_shadow_slot_field(slot);
		name = kvm_shadow_field_name(field, &high);
		seq_printf(m, "field %s%s 0x%04lx vmread %ld vmwrite %ld shadow %s\n",
			   name ?: "unknown", high ? "_HIGH" : "", field, r, w,
			   kvm_shadow_vm_access(svm, field));
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(kvm_shadow_profile);

int kvm_shadow_profile_create(struct kvm_shadow_vm *svm)
{
	debugfs_create_file("profile", 0444, svm->dir, svm,
			    &kvm_shadow_profile_fops);
	return 0;
}
