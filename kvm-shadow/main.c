// SPDX-License-Identifier: GPL-2.0
/*
 * kvm_shadow_profile: what VMCS shadowing would save, on the stock
 * kvm_intel.
 *
 * A guest hypervisor (L1) reads and writes its VMCS with VMREAD and
 * VMWRITE; every access to a field the hardware does not shadow exits to
 * L0. This module counts those exits per VM and per field encoding on an
 * unmodified kvm_intel, through the kvm_exit tracepoint that kvm.ko
 * exports, so that an admin sees which fields a VM's L1 traps on before
 * switching to kvm-shadow's kvm_intel, which shadows them.
 *
 * The tracepoint fires in the vCPU thread right after the VM exit, with
 * the vCPU's VMCS still loaded on this CPU: the probe reads the exit
 * reason and the instruction information from it, and the field operand
 * from the guest registers KVM saved. Exits of a nested guest (L2) are not
 * L1's and are not counted.
 *
 * It may be loaded before kvm: it starts counting when kvm comes, and
 * holds kvm while it counts.
 *
 * debugfs (kvm_shadow_profile/):
 *   profile  one line per VM and field: "PID VM FIELD VMREADS VMWRITES",
 *            VM the VM's number in this module, FIELD a name or 0xNNNN
 *   reset    write anything to forget every count
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/hashtable.h>
#include <linux/kvm_host.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>

#include <asm/vmx.h>

#include "kvm-intel/shadow.h"

/* KVM_ISA_VMX of arch/x86/kvm/trace.h, which kvm's headers do not ship. */
#define PROF_ISA_VMX	1

/* Per VM: field slots, found by open addressing on the encoding. */
#define PROF_SLOTS	512

struct prof_slot {
	u32		key;		/* encoding | PROF_USED, 0 if free */
	atomic_t	reads;
	atomic_t	writes;
};

#define PROF_USED	BIT(16)

struct prof_vm {
	struct hlist_node	node;
	const struct kvm	*kvm;	/* a key only, never dereferenced */
	pid_t			pid;
	unsigned int		id;
	atomic_t		lost;	/* exits whose field found no slot */
	struct rcu_head		rcu;	/* kfree_rcu() wants it in 4 KiB */
	struct prof_slot	slots[PROF_SLOTS];
};

static DEFINE_HASHTABLE(prof_vms, 6);
static DEFINE_SPINLOCK(prof_lock);	/* writers of prof_vms */
static unsigned int prof_next_id;
static struct tracepoint *prof_tp;
static struct module *prof_tp_owner;	/* kvm, held while probing */
static struct dentry *prof_dir;

static struct prof_vm *prof_vm_get(const struct kvm_vcpu *vcpu)
{
	const struct kvm *kvm = vcpu->kvm;
	struct prof_vm *vm;

	hash_for_each_possible_rcu(prof_vms, vm, node, (unsigned long)kvm)
		if (vm->kvm == kvm && vm->pid == task_tgid_nr(current))
			return vm;
	/* An exit path: no sleeping, and a failed allocation costs a count. */
	vm = kzalloc(sizeof(*vm), GFP_ATOMIC | __GFP_NOWARN);
	if (!vm)
		return NULL;
	vm->kvm = kvm;
	vm->pid = task_tgid_nr(current);
	spin_lock(&prof_lock);
	vm->id = prof_next_id++;
	hash_add_rcu(prof_vms, &vm->node, (unsigned long)kvm);
	spin_unlock(&prof_lock);
	return vm;
}

static struct prof_slot *prof_slot(struct prof_vm *vm, u16 field)
{
	u32 key = field | PROF_USED, old;
	unsigned int i, n;

	for (n = 0, i = hash_32(field, 9); n < PROF_SLOTS;
	     n++, i = (i + 1) % PROF_SLOTS) {
		old = READ_ONCE(vm->slots[i].key);
		if (!old)
			old = cmpxchg(&vm->slots[i].key, 0, key) ?: key;
		if (old == key)
			return &vm->slots[i];
	}
	return NULL;
}

static unsigned long prof_vmread(unsigned long field)
{
	unsigned long value;

	/* The vCPU's VMCS is current on this CPU until the probe returns. */
	asm volatile("vmread %1, %0" : "=rm"(value) : "r"(field) : "cc");
	return value;
}

static void prof_kvm_exit(void *data, struct kvm_vcpu *vcpu, u32 isa)
{
	unsigned long reason, info, reg;
	struct prof_slot *slot;
	struct prof_vm *vm;
	u64 field;

	if (isa != PROF_ISA_VMX || (vcpu->arch.hflags & HF_GUEST_MASK))
		return;
	reason = prof_vmread(VM_EXIT_REASON);
	if ((u16)reason != EXIT_REASON_VMREAD &&
	    (u16)reason != EXIT_REASON_VMWRITE)
		return;
	/* Both take the field encoding in the register of bits 31:28. */
	info = prof_vmread(VMX_INSTRUCTION_INFO);
	reg = (info >> 28) & 0xf;
	field = reg == VCPU_REGS_RSP ? prof_vmread(GUEST_RSP) :
				       vcpu->arch.regs[reg];

	rcu_read_lock();
	vm = prof_vm_get(vcpu);
	slot = vm ? prof_slot(vm, (u16)field) : NULL;
	if (slot)
		atomic_inc((u16)reason == EXIT_REASON_VMREAD ? &slot->reads :
			   &slot->writes);
	else if (vm)
		atomic_inc(&vm->lost);
	rcu_read_unlock();
}

static int prof_show(struct seq_file *m, void *v)
{
	const struct prof_slot *s;
	struct prof_vm *vm;
	const char *name;
	unsigned int bkt;
	bool high;
	int i;

	rcu_read_lock();
	hash_for_each_rcu(prof_vms, bkt, vm, node) {
		for (i = 0; i < PROF_SLOTS; i++) {
			s = &vm->slots[i];
			if (!READ_ONCE(s->key))
				continue;
			name = kvm_shadow_field_name(s->key & 0xffff, &high);
			seq_printf(m, "%d %u ", vm->pid, vm->id);
			if (name)
				seq_printf(m, "%s%s", name, high ? "_HIGH" : "");
			else
				seq_printf(m, "0x%04x", s->key & 0xffff);
			seq_printf(m, " %d %d\n", atomic_read(&s->reads),
				   atomic_read(&s->writes));
		}
		if (atomic_read(&vm->lost))
			seq_printf(m, "%d %u lost %d 0\n", vm->pid, vm->id,
				   atomic_read(&vm->lost));
	}
	rcu_read_unlock();
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(prof);

static void prof_forget(void)
{
	struct hlist_node *tmp;
	struct prof_vm *vm;
	unsigned int bkt;

	spin_lock(&prof_lock);
	hash_for_each_safe(prof_vms, bkt, tmp, vm, node) {
		hash_del_rcu(&vm->node);
		kfree_rcu(vm, rcu);
	}
	spin_unlock(&prof_lock);
}

static ssize_t prof_reset_write(struct file *file, const char __user *buf,
				size_t count, loff_t *ppos)
{
	prof_forget();
	return count;
}

static const struct file_operations prof_reset_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= prof_reset_write,
	.llseek	= noop_llseek,
};

/*
 * kvm_exit is a tracepoint of kvm.ko: find it among kvm's, now or when kvm
 * comes, and probe it. kvm is held while probed, as kvm_intel holds it.
 */
static int prof_tp_module(struct notifier_block *nb, unsigned long state,
			  void *data)
{
	struct tp_module *tp_mod = data;
	struct module *mod = tp_mod->mod;
	struct tracepoint *tp;
	unsigned int i;

	if (state != MODULE_STATE_COMING || strcmp(mod->name, "kvm") ||
	    prof_tp)
		return NOTIFY_OK;
	for (i = 0; i < mod->num_tracepoints; i++) {
		tp = tracepoint_ptr_deref(&mod->tracepoints_ptrs[i]);
		if (strcmp(tp->name, "kvm_exit"))
			continue;
		/* Live while on the list this runs under. */
		if (!try_module_get(mod))
			break;
		if (tracepoint_probe_register(tp, prof_kvm_exit, NULL)) {
			module_put(mod);
			pr_err("cannot probe kvm_exit\n");
			break;
		}
		prof_tp = tp;
		prof_tp_owner = mod;
		pr_info("counting VMREAD/VMWRITE exits\n");
	}
	return NOTIFY_OK;
}

static struct notifier_block prof_tp_nb = {
	.notifier_call = prof_tp_module,
};

static int __init prof_init(void)
{
	int err;

	prof_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("profile", 0400, prof_dir, NULL, &prof_fops);
	debugfs_create_file("reset", 0200, prof_dir, NULL, &prof_reset_fops);
	/* Called at once for the modules already there, kvm among them. */
	err = register_tracepoint_module_notifier(&prof_tp_nb);
	if (err)
		debugfs_remove_recursive(prof_dir);
	return err;
}

static void __exit prof_exit(void)
{
	unregister_tracepoint_module_notifier(&prof_tp_nb);
	debugfs_remove_recursive(prof_dir);
	if (prof_tp) {
		tracepoint_probe_unregister(prof_tp, prof_kvm_exit, NULL);
		tracepoint_synchronize_unregister();
		module_put(prof_tp_owner);
	}
	prof_forget();
	rcu_barrier();
}

module_init(prof_init);
module_exit(prof_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("VMREAD/VMWRITE exits per VM and VMCS field, on the stock kvm_intel");
