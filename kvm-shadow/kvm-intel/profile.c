// SPDX-License-Identifier: GPL-2.0
/*
 * kvm-shadow: the per-VM trap profile.
 *
 * Every VMREAD or VMWRITE of L1 that exits to L0 is counted by field
 * encoding, per vCPU and summed over the VM's vCPUs; so is every copy
 * between the shadow VMCS and vmcs12 and the number of fields it moved.
 * The first says what shadowing a field would save, the second what the
 * current set costs on every L1 <-> L2 switch. Read from
 * /sys/kernel/debug/kvm_shadow/<pid>-<vm>/profile (the VM) and vcpus.
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

/*
 * The vCPU's trap counters, allocated at its first counted exit: the
 * exit handler may sleep. Only the vCPU's thread writes the pointer;
 * readers (debugfs, netlink) load it with acquire.
 */
static struct kvm_shadow_trap_counts *
kvm_shadow_vcpu_traps(struct kvm_shadow_vcpu *sv)
{
	struct kvm_shadow_trap_counts *traps = sv->traps;

	if (!traps) {
		traps = kvzalloc(sizeof(*traps), GFP_KERNEL_ACCOUNT);
		if (traps) {
			/* Zeroed counters before the pointer, for the readers. */
			smp_store_release(&sv->traps, traps);
		}
	}
	return traps;
}

/*
 * One exit in @traps: a VM's are shared by its vCPUs (atomic), a vCPU's
 * are written by that vCPU only (a plain update, no locked instruction).
 */
static void kvm_shadow_count_trap(struct kvm_shadow_trap_counts *traps,
				  int slot, enum kvm_shadow_access access,
				  bool shared)
{
	atomic_long_t *c = slot < 0 ? &traps->other[access] :
				      &traps->exits[slot][access];

	if (shared)
		atomic_long_inc(c);
	else
		atomic_long_set(c, atomic_long_read(c) + 1);
}

static void kvm_shadow_count(struct kvm_vcpu *vcpu, unsigned long field,
			     enum kvm_shadow_access access)
{
	struct kvm_shadow_vm *svm = to_kvm_vmx(vcpu->kvm)->shadow;
	struct kvm_shadow_vcpu *sv = &to_vmx(vcpu)->nested.shadow;
	struct kvm_shadow_trap_counts *traps;
	int slot;

	/*
	 * In guest mode the VMREAD/VMWRITE is L2's, exiting because L1
	 * does not shadow it for L2; the profile is about L1's own.
	 */
	if (!svm || is_guest_mode(vcpu))
		return;
	slot = kvm_shadow_slot(field);
	kvm_shadow_count_trap(&svm->traps, slot, access, true);
	traps = kvm_shadow_vcpu_traps(sv);
	if (traps)
		kvm_shadow_count_trap(traps, slot, access, false);
	else
		atomic_long_inc(&sv->untracked);
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
	struct kvm_shadow_sync_counts *sync = &vmx->nested.shadow.sync;

	if (!to_kvm_vmx(vmx->vcpu.kvm)->shadow)
		return;
	WRITE_ONCE(sync->syncs[dir], sync->syncs[dir] + 1);
	WRITE_ONCE(sync->synced[dir], sync->synced[dir] + nr_fields);
}

void kvm_shadow_vcpu_sync(const struct kvm_shadow_vcpu *sv,
			  struct kvm_shadow_sync_counts *sync)
{
	int d;

	for (d = 0; d < KVM_SHADOW_NR_DIRS; d++) {
		sync->syncs[d] = READ_ONCE(sv->sync.syncs[d]);
		sync->synced[d] = READ_ONCE(sv->sync.synced[d]);
	}
}

/* The VM's copies: its vCPUs', which outlive every reader of the VM. */
void kvm_shadow_vm_sync(struct kvm_shadow_vm *svm,
			struct kvm_shadow_sync_counts *sync)
{
	struct kvm_shadow_sync_counts one;
	struct kvm_vcpu *vcpu;
	unsigned long i;
	int d;

	memset(sync, 0, sizeof(*sync));
	kvm_for_each_vcpu(i, vcpu, svm->kvm) {
		kvm_shadow_vcpu_sync(&to_vmx(vcpu)->nested.shadow, &one);
		for (d = 0; d < KVM_SHADOW_NR_DIRS; d++) {
			sync->syncs[d] += one.syncs[d];
			sync->synced[d] += one.synced[d];
		}
	}
}

void kvm_shadow_vcpu_profile_free(struct kvm_shadow_vcpu *sv)
{
	kvfree(sv->traps);
	sv->traps = NULL;
}

/* Syncs one way, the fields they copied, and fields per sync. */
static void kvm_shadow_show_sync(struct seq_file *m, const char *prefix,
				 const struct kvm_shadow_sync_counts *sync,
				 enum kvm_shadow_sync_dir d)
{
	static const char * const dir[KVM_SHADOW_NR_DIRS] = {
		[KVM_SHADOW_TO_VMCS12] = "shadow-to-vmcs12",
		[KVM_SHADOW_TO_SHADOW] = "vmcs12-to-shadow",
	};
	long syncs = sync->syncs[d];
	long fields = sync->synced[d];
	long centi = syncs ? fields * 100 / syncs : 0;

	seq_printf(m, "%ssync %s %ld fields %ld per-sync %ld.%02ld\n", prefix,
		   dir[d], syncs, fields, centi / 100, centi % 100);
}

/*
 * A profile, the VM's or a vCPU's (then each line starts with PREFIX):
 * the copies each way, then one line per field that exited at least
 * once: name, encoding, VMREAD and VMWRITE exits, and how the VM's
 * current set shadows it (rw, ro or -). Lines are keyword-led so that
 * scripts can pick what they need.
 */
static void kvm_shadow_show_profile(struct seq_file *m, const char *prefix,
				    struct kvm_shadow_vm *svm,
				    const struct kvm_shadow_sync_counts *sync,
				    const struct kvm_shadow_trap_counts *traps)
{
	int slot;

	kvm_shadow_show_sync(m, prefix, sync, KVM_SHADOW_TO_VMCS12);
	kvm_shadow_show_sync(m, prefix, sync, KVM_SHADOW_TO_SHADOW);
	if (!traps)
		return;
	seq_printf(m, "%sunknown vmread %ld vmwrite %ld\n", prefix,
		   atomic_long_read(&traps->other[KVM_SHADOW_VMREAD]),
		   atomic_long_read(&traps->other[KVM_SHADOW_VMWRITE]));

	for (slot = 0; slot < KVM_SHADOW_NR_SLOTS; slot++) {
		long r = atomic_long_read(&traps->exits[slot][KVM_SHADOW_VMREAD]);
		long w = atomic_long_read(&traps->exits[slot][KVM_SHADOW_VMWRITE]);
		unsigned long field;
		const char *name;
		bool high;

		if (!r && !w)
			continue;
		field = kvm_shadow_slot_field(slot);
		name = kvm_shadow_field_name(field, &high);
		seq_printf(m, "%sfield %s%s 0x%04lx vmread %ld vmwrite %ld shadow %s\n",
			   prefix, name ?: "unknown", high ? "_HIGH" : "", field,
			   r, w, kvm_shadow_vm_access(svm, field));
	}
}

static int kvm_shadow_profile_show(struct seq_file *m, void *unused)
{
	struct kvm_shadow_vm *svm = m->private;
	struct kvm_shadow_sync_counts sync;

	kvm_shadow_vm_sync(svm, &sync);
	kvm_shadow_show_profile(m, "", svm, &sync, &svm->traps);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(kvm_shadow_profile);

/*
 * Each vCPU's share of "profile", its lines led by "vcpu <id> ". A vCPU
 * that never exited on a VMREAD or VMWRITE has its copies only. The
 * vCPUs outlive this file: the VM removes it before KVM frees them.
 */
static int kvm_shadow_vcpus_show(struct seq_file *m, void *unused)
{
	struct kvm_shadow_vm *svm = m->private;
	struct kvm_shadow_trap_counts *traps;
	struct kvm_shadow_sync_counts sync;
	struct kvm_shadow_vcpu *sv;
	struct kvm_vcpu *vcpu;
	unsigned long i;
	char prefix[24];
	long untracked;

	kvm_for_each_vcpu(i, vcpu, svm->kvm) {
		sv = &to_vmx(vcpu)->nested.shadow;
		snprintf(prefix, sizeof(prefix), "vcpu %d ", vcpu->vcpu_id);
		/* Pairs with kvm_shadow_vcpu_traps()' release. */
		traps = smp_load_acquire(&sv->traps);
		kvm_shadow_vcpu_sync(sv, &sync);
		kvm_shadow_show_profile(m, prefix, svm, &sync, traps);
		untracked = atomic_long_read(&sv->untracked);
		if (untracked)
			seq_printf(m, "%suntracked %ld\n", prefix, untracked);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(kvm_shadow_vcpus);

int kvm_shadow_profile_create(struct kvm_shadow_vm *svm)
{
	debugfs_create_file("profile", 0444, svm->dir, svm,
			    &kvm_shadow_profile_fops);
	debugfs_create_file("vcpus", 0444, svm->dir, svm,
			    &kvm_shadow_vcpus_fops);
	return 0;
}
