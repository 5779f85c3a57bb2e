/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kvm-shadow's side of kvm-intel.ko: what the patched VMX code calls.
 *
 * kvm-shadow builds kvm-intel.ko from the distro's kernel source plus a
 * small patch series; the logic of the suite lives in these files rather
 * than in the patches, so the patches stay short and rebase easily.
 *
 * Each VM has a shadow field set (struct kvm_shadow_set): the VMREAD and
 * VMWRITE bitmaps its vCPUs' vmcs01 point to, and the lists of fields
 * copied between the shadow VMCS and vmcs12. Sets are immutable once
 * built; a VM changes set by publishing a new one, and each vCPU adopts
 * it from its own thread at its next entry into L1 (kvm_shadow_vcpu_apply),
 * never while L2 runs.
 */
#ifndef KVM_SHADOW_SHADOW_H
#define KVM_SHADOW_SHADOW_H

#include <linux/atomic.h>
#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define KVM_SHADOW_VERSION	"0.2"

/* Fields per list of a set: upstream's lists hold 10 and 27. */
#define KVM_SHADOW_MAX_FIELDS	64

/* Moved here from nested.c, so that our sets and its copy loops share it. */
struct shadow_vmcs_field {
	u16	encoding;
	u16	offset;
};

struct kvm_shadow_set {
	refcount_t refs;
	/* The set upstream's static lists and global bitmaps make. */
	bool is_static;
	/*
	 * Holds a field that upstream copies from vmcs02 to vmcs12 only when
	 * L1 asks for it (sync_vmcs02_to_vmcs12_rare): with such a field in
	 * the shadow VMCS, L1 reads it without asking, so the copy must be
	 * made at every nested VM-exit.
	 */
	bool sync_rare;
	/* Makes read-only VM-exit information fields writable by L1. */
	bool writes_exit_info;
	unsigned long *vmread_bitmap;
	unsigned long *vmwrite_bitmap;
	int nr_rw;
	int nr_ro;
	struct shadow_vmcs_field rw[KVM_SHADOW_MAX_FIELDS];
	struct shadow_vmcs_field ro[KVM_SHADOW_MAX_FIELDS];
	/*
	 * rw[i] is a field that upstream does not shadow: a VMWRITE to it
	 * would have exited and marked vmcs12 dirty, so that the next
	 * nested VM-entry reloads it into vmcs02 (prepare_vmcs02_rare).
	 * Written through the shadow VMCS, a change to it must do the same.
	 */
	DECLARE_BITMAP(rw_dirties, KVM_SHADOW_MAX_FIELDS);
};

struct dentry;
struct seq_file;
struct kvm;
struct kvm_vcpu;
struct vcpu_vmx;

enum kvm_shadow_sync_dir {
	KVM_SHADOW_TO_VMCS12,
	KVM_SHADOW_TO_SHADOW,
	KVM_SHADOW_NR_DIRS
};

enum kvm_shadow_access {
	KVM_SHADOW_VMREAD,
	KVM_SHADOW_VMWRITE,
	KVM_SHADOW_NR_ACCESS
};

/*
 * Shadow VMCS <-> vmcs12 copies: how many each way, and fields copied.
 * Counted per vCPU only, by the vCPU itself (vcpu->mutex held), on every
 * L1 <-> L2 switch: plain stores, read with READ_ONCE(); a VM's are the
 * sum of its vCPUs' (kvm_shadow_vm_sync()).
 */
struct kvm_shadow_sync_counts {
	long syncs[KVM_SHADOW_NR_DIRS];
	long synced[KVM_SHADOW_NR_DIRS];
};

/*
 * Exit counters are indexed by a slot packed from the encoding's width,
 * type, index and high-half bits (see kvm_shadow_slot()): every field of
 * the SDM fits with room to spare, in 32 KiB per VM, where a table over
 * the raw 15-bit encoding would take 512 KiB.
 */
#define KVM_SHADOW_SLOT_INDEX_BITS	6
#define KVM_SHADOW_NR_SLOTS	(4 * 4 * (1 << KVM_SHADOW_SLOT_INDEX_BITS) * 2)

/* L1's VMREAD/VMWRITE exits per field slot, and on encodings of no field. */
struct kvm_shadow_trap_counts {
	atomic_long_t other[KVM_SHADOW_NR_ACCESS];
	atomic_long_t exits[KVM_SHADOW_NR_SLOTS][KVM_SHADOW_NR_ACCESS];
};

enum kvm_shadow_policy {
	KVM_SHADOW_POLICY_STATIC,
	KVM_SHADOW_POLICY_PINNED,
	KVM_SHADOW_POLICY_ADAPTIVE,
};

/* A field the adaptive policy shadows beyond upstream's set. */
struct kvm_shadow_learned {
	u16 field;
	bool rw;
	unsigned int age;	/* sampling windows since it was promoted */
};

#define KVM_SHADOW_ADAPT_MAX	32

/* The adaptive policy's state; all under policy_lock. */
struct kvm_shadow_adapt {
	struct delayed_work work;
	unsigned int window_ms;	/* sampling period */
	unsigned int promote;	/* exits in a window that promote a field */
	unsigned int max;	/* fields shadowed beyond upstream's */
	unsigned int age;	/* windows a promoted field stays */
	/* exits at the last sample, per slot and access */
	long (*last)[KVM_SHADOW_NR_ACCESS];
	int nr;
	struct kvm_shadow_learned learned[KVM_SHADOW_ADAPT_MAX];
	unsigned long promoted, demoted;
};

/* kvm-shadow's per-VM state, hung off struct kvm_vmx. */
struct kvm_shadow_vm {
	/* /sys/kernel/kvm_shadow/<pid>-<n>; its release frees the state. */
	struct kobject kobj;
	struct kvm *kvm;
	struct dentry *dir;
	unsigned int id;
	pid_t pid;
	/* On kvm_shadow_vms, under kvm_shadow_vms_lock. */
	struct list_head node;

	/* Serialises policy changes; the set pointer has its own lock. */
	struct mutex policy_lock;
	enum kvm_shadow_policy policy;
	/* Why the last policy write was refused; empty after a success. */
	char error[192];

	/*
	 * The set the VM's vCPUs are to use, and its generation: a vCPU
	 * adopts it when the generation differs from the one it last saw.
	 * set_lock covers taking a reference against its replacement.
	 */
	spinlock_t set_lock;
	struct kvm_shadow_set *set;
	unsigned long gen;

	struct kvm_shadow_adapt adapt;

	/*
	 * L1's exits, summed over the VM's vCPUs as they happen: the
	 * adaptive policy samples them, and they hold what a vCPU's own
	 * counters missed (untracked). Its copies are its vCPUs' sum.
	 */
	struct kvm_shadow_trap_counts traps;
};

/*
 * Per vCPU, in struct nested_vmx: the set its vmcs01 points to, and the
 * vCPU's own share of the VM's profile. Its trap counters (32 KiB) are
 * allocated at its first counted exit, in the exit handler, where it may
 * sleep; the copies are counted where it may not (on the way into L1),
 * so their counters are always there.
 */
struct kvm_shadow_vcpu {
	struct kvm_shadow_set *set;	/* NULL: the static set */
	unsigned long seen_gen;		/* the VM's set generation last seen */
	struct kvm_shadow_sync_counts sync;
	struct kvm_shadow_trap_counts *traps;	/* NULL until the first exit */
	/* Exits not in traps: its allocation failed (then retried). */
	atomic_long_t untracked;
};

/* Hooks called by the patched VMX code. */
void __init kvm_shadow_hardware_setup(void);
void kvm_shadow_hardware_unsetup(void);
void __init kvm_shadow_nested_setup(bool shadow_vmcs,
				    unsigned long *vmread_bitmap,
				    unsigned long *vmwrite_bitmap,
				    const struct shadow_vmcs_field *ro, int nr_ro,
				    const struct shadow_vmcs_field *rw, int nr_rw);

int kvm_shadow_vm_init(struct kvm *kvm);
void kvm_shadow_vm_destroy(struct kvm *kvm);
void kvm_shadow_vcpu_free(struct vcpu_vmx *vmx);

const struct kvm_shadow_set *kvm_shadow_vcpu_set(struct vcpu_vmx *vmx);
void kvm_shadow_vcpu_apply(struct kvm_vcpu *vcpu);
bool kvm_shadow_sync_rare_eagerly(struct vcpu_vmx *vmx);
bool kvm_shadow_field_readable(struct vcpu_vmx *vmx, unsigned long field);

void kvm_shadow_count_vmread(struct kvm_vcpu *vcpu, unsigned long field);
void kvm_shadow_count_vmwrite(struct kvm_vcpu *vcpu, unsigned long field);
void kvm_shadow_count_sync(struct vcpu_vmx *vmx, enum kvm_shadow_sync_dir dir,
			   int nr_fields);

/* A field a policy asks for. */
struct kvm_shadow_request {
	u16 field;
	bool rw;
};

#define KVM_SHADOW_MAX_REQUESTS	(2 * KVM_SHADOW_MAX_FIELDS)

/* Inside kvm-shadow (fields.c, profile.c, sets.c, adaptive.c). */
__printf(2, 3) int kvm_shadow_refuse(struct kvm_shadow_vm *svm,
				     const char *fmt, ...);
int kvm_shadow_check_field(struct kvm_shadow_vm *svm, unsigned long field,
			   bool rw);
bool kvm_shadow_static_has(unsigned long field, bool rw);
struct kvm_shadow_set *kvm_shadow_static_set(void);
int kvm_shadow_request_add(struct kvm_shadow_vm *svm,
			   struct kvm_shadow_request *req, int *nr,
			   unsigned long field, bool rw);
int kvm_shadow_request_static(struct kvm_shadow_vm *svm,
			      struct kvm_shadow_request *req, int *nr);
struct kvm_shadow_set *kvm_shadow_build_set(struct kvm_shadow_vm *svm,
					    const struct kvm_shadow_request *req,
					    int nr, int *err);
void kvm_shadow_publish(struct kvm_shadow_vm *svm, struct kvm_shadow_set *set,
			enum kvm_shadow_policy policy);
int kvm_shadow_set_policy(struct kvm_shadow_vm *svm, char *buf);
void kvm_shadow_adapt_init(struct kvm_shadow_vm *svm);
int kvm_shadow_adapt_start(struct kvm_shadow_vm *svm, char *args);
void kvm_shadow_adapt_stop(struct kvm_shadow_vm *svm);
void kvm_shadow_adapt_show(struct seq_file *m, struct kvm_shadow_vm *svm);
const char *kvm_shadow_field_name(unsigned long encoding, bool *high);
int kvm_shadow_field_by_name(const char *name);
int kvm_shadow_slot(unsigned long field);
unsigned long kvm_shadow_slot_field(int slot);
int kvm_shadow_profile_create(struct kvm_shadow_vm *svm);
int kvm_shadow_policy_create(struct kvm_shadow_vm *svm);
int kvm_shadow_sets_create(struct kvm_shadow_vm *svm);
void kvm_shadow_sets_destroy(struct kvm_shadow_vm *svm);
const char *kvm_shadow_vm_access(struct kvm_shadow_vm *svm,
				 unsigned long field);
void kvm_shadow_vcpu_profile_free(struct kvm_shadow_vcpu *sv);
void kvm_shadow_vcpu_sync(const struct kvm_shadow_vcpu *sv,
			  struct kvm_shadow_sync_counts *sync);
void kvm_shadow_vm_sync(struct kvm_shadow_vm *svm,
			struct kvm_shadow_sync_counts *sync);
const char *kvm_shadow_policy_name(enum kvm_shadow_policy policy);

/* sysfs.c: /sys/kernel/kvm_shadow/<pid>-<n>/, read-only. */
void __init kvm_shadow_sysfs_init(void);
void kvm_shadow_sysfs_exit(void);
void kvm_shadow_sysfs_init_vm(struct kvm_shadow_vm *svm);
void kvm_shadow_sysfs_add_vm(struct kvm_shadow_vm *svm);
void kvm_shadow_sysfs_del_vm(struct kvm_shadow_vm *svm);
extern bool kvm_shadow_nested;

/*
 * Every VM with kvm-shadow state. A VM leaves the list before its state
 * is freed: whoever holds the lock may use any VM on it (netlink.c).
 * Taken before a VM's policy_lock, never inside it.
 */
extern struct mutex kvm_shadow_vms_lock;
extern struct list_head kvm_shadow_vms;
struct kvm_shadow_vm *kvm_shadow_vm_find(unsigned int id);

/* netlink.c: the "kvm_shadow" generic netlink family. */
int kvm_shadow_netlink_init(void);
void kvm_shadow_netlink_exit(void);
/* SOURCE: enum kvm_shadow_event_source of <linux/kvm_shadow.h> */
void kvm_shadow_notify(struct kvm_shadow_vm *svm, u32 source, const char *text);

/*
 * Added to nested.c by our patch, as it needs nested.c's static helpers:
 * bring vmcs12 up to date with everything the vCPU's current shadow set
 * holds, before that set is replaced.
 */
void nested_vmx_shadow_flush(struct kvm_vcpu *vcpu);

#endif /* KVM_SHADOW_SHADOW_H */
