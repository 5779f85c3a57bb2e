/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * kvm-shadow: per-VM VMCS shadowing for nested VMX, in a rebuilt
 * kvm-intel.ko (Documentation/admin-guide/kvm-shadow.rst).
 *
 * Generic netlink family KVM_SHADOW_GENL_NAME, version
 * KVM_SHADOW_GENL_VERSION, registered while kvm_intel (kvm-shadow's) is
 * loaded, in the initial network namespace only. Every command needs
 * CAP_NET_ADMIN (GENL_ADMIN_PERM); attributes are validated strictly and
 * errors carry an extack message.
 *
 * A VM is named by KVM_SHADOW_A_VM_ID, the <n> of its debugfs directory
 * /sys/kernel/debug/kvm_shadow/<pid>-<n>/, unique while the module is
 * loaded. A VM that does not exist (or no longer does) is -ENOENT, with
 * an extack message naming it.
 *
 * Commands:
 *
 * KVM_SHADOW_CMD_VM_GET
 *	Request: KVM_SHADOW_A_VM_ID, or NLM_F_DUMP for every VM. Reply:
 *	KVM_SHADOW_A_VM_ID, KVM_SHADOW_A_VM_NAME, KVM_SHADOW_A_PID,
 *	KVM_SHADOW_A_POLICY.
 *
 * KVM_SHADOW_CMD_PROFILE_GET (dump only)
 *	Request: NLM_F_DUMP and KVM_SHADOW_A_VM_ID, optionally
 *	KVM_SHADOW_A_VCPU_ID for one vCPU's share instead of the VM's. The
 *	trap profile, as the debugfs files "profile" and "vcpus". The first
 *	message has KVM_SHADOW_A_VM_ID, the KVM_SHADOW_A_SYNC_* counters and
 *	KVM_SHADOW_A_UNKNOWN_VMREAD and _VMWRITE (for a vCPU also
 *	KVM_SHADOW_A_VCPU_UNTRACKED); every message has KVM_SHADOW_A_VM_ID
 *	(and KVM_SHADOW_A_VCPU_ID if asked) and KVM_SHADOW_A_FIELD nests,
 *	one per field that made L1 exit at least once, in encoding slot
 *	order (not sorted by exits). A vCPU id the VM does not have is
 *	-ENOENT. If the VM goes away during the dump, the dump ends with
 *	-ENOENT.
 *
 * KVM_SHADOW_CMD_SET_GET
 *	Request: KVM_SHADOW_A_VM_ID. Reply: KVM_SHADOW_A_VM_ID,
 *	KVM_SHADOW_A_POLICY, the KVM_SHADOW_A_SYNC_* counters (the cost of
 *	the sets so far) and one KVM_SHADOW_A_FIELD nest per field of the
 *	VM's current set, read-write ones first, each with its
 *	KVM_SHADOW_A_FIELD_ACCESS.
 *
 * KVM_SHADOW_CMD_POLICY_GET
 *	Request: KVM_SHADOW_A_VM_ID. Reply: KVM_SHADOW_A_VM_ID,
 *	KVM_SHADOW_A_POLICY, for the adaptive policy the KVM_SHADOW_A_ADAPT_*
 *	attributes, and KVM_SHADOW_A_POLICY_ERROR if the last change asked
 *	for (through netlink, debugfs or the adaptive policy's own start)
 *	was refused.
 *
 * KVM_SHADOW_CMD_POLICY_SET
 *	Request: KVM_SHADOW_A_VM_ID, KVM_SHADOW_A_POLICY_TEXT: the policy in
 *	the words the debugfs file "policy" takes, parsed by the same code:
 *
 *	  static
 *	  pinned FIELD[:ro|:rw]...	(FIELD: a name, 0xENCODING or "static")
 *	  adaptive [window=MS] [promote=EXITS] [max=FIELDS] [age=WINDOWS]
 *
 *	A refused policy changes nothing: -EINVAL (-EOPNOTSUPP when VMCS
 *	shadowing is off) with the reason in the extack message, e.g.
 *	"GUEST_ES_AR_BYTES: access-rights fields can only be shadowed
 *	read-only". On success, a KVM_SHADOW_CMD_POLICY_EVENT goes to the
 *	multicast group.
 *
 * Events (multicast group KVM_SHADOW_MCGRP_EVENTS):
 *	KVM_SHADOW_CMD_POLICY_EVENT after every change of a VM's policy or
 *	set: a successful KVM_SHADOW_CMD_POLICY_SET, a successful write to
 *	the VM's debugfs "policy" file, and a window of the adaptive policy
 *	that promoted or demoted fields. With KVM_SHADOW_A_VM_ID,
 *	KVM_SHADOW_A_VM_NAME, KVM_SHADOW_A_PID, KVM_SHADOW_A_POLICY,
 *	KVM_SHADOW_A_EVENT_SOURCE, KVM_SHADOW_A_POLICY_TEXT as asked (not
 *	for the adaptive policy's own changes) and, under the adaptive
 *	policy, its KVM_SHADOW_A_ADAPT_* attributes.
 */
#ifndef _UAPI_LINUX_KVM_SHADOW_H
#define _UAPI_LINUX_KVM_SHADOW_H

#define KVM_SHADOW_GENL_NAME		"kvm_shadow"
#define KVM_SHADOW_GENL_VERSION		1
#define KVM_SHADOW_MCGRP_EVENTS		"events"

/* The longest KVM_SHADOW_A_POLICY_TEXT, with the NUL. */
#define KVM_SHADOW_POLICY_TEXT_MAX	4096

enum kvm_shadow_policy_kind {
	/* Upstream's set, the default. */
	KVM_SHADOW_POLICY_KIND_STATIC,
	/* An admin's list of fields. */
	KVM_SHADOW_POLICY_KIND_PINNED,
	/* Upstream's set plus fields learned from the trap profile. */
	KVM_SHADOW_POLICY_KIND_ADAPTIVE,
};

/* What changed a VM's policy or set (KVM_SHADOW_A_EVENT_SOURCE). */
enum kvm_shadow_event_source {
	/* KVM_SHADOW_CMD_POLICY_SET */
	KVM_SHADOW_SOURCE_NETLINK,
	/* a write to the VM's debugfs "policy" file */
	KVM_SHADOW_SOURCE_DEBUGFS,
	/* a window of the adaptive policy */
	KVM_SHADOW_SOURCE_ADAPTIVE,
};

enum kvm_shadow_field_access {
	/* Not shadowed: L1 exits on every VMREAD and VMWRITE of it. */
	KVM_SHADOW_ACCESS_NONE,
	/* Shadowed for VMREAD; VMWRITE exits. */
	KVM_SHADOW_ACCESS_RO,
	/* Shadowed for VMREAD and VMWRITE. */
	KVM_SHADOW_ACCESS_RW,
};

enum kvm_shadow_cmd {
	KVM_SHADOW_CMD_UNSPEC,
	KVM_SHADOW_CMD_VM_GET,
	KVM_SHADOW_CMD_PROFILE_GET,
	KVM_SHADOW_CMD_SET_GET,
	KVM_SHADOW_CMD_POLICY_GET,
	KVM_SHADOW_CMD_POLICY_SET,
	KVM_SHADOW_CMD_POLICY_EVENT,

	__KVM_SHADOW_CMD_MAX
};

#define KVM_SHADOW_CMD_MAX (__KVM_SHADOW_CMD_MAX - 1)

enum kvm_shadow_attr {
	KVM_SHADOW_A_UNSPEC,
	KVM_SHADOW_A_PAD,
	/* u32: the VM's number, <n> in its debugfs name <pid>-<n> */
	KVM_SHADOW_A_VM_ID,
	/* string: the VM's debugfs name, "<pid>-<n>" (replies only) */
	KVM_SHADOW_A_VM_NAME,
	/* u32: the process that created the VM (replies only) */
	KVM_SHADOW_A_PID,
	/* u32, enum kvm_shadow_policy_kind (replies only) */
	KVM_SHADOW_A_POLICY,
	/* string: a policy as the debugfs file "policy" takes it */
	KVM_SHADOW_A_POLICY_TEXT,
	/* string: why the last policy change was refused (replies only) */
	KVM_SHADOW_A_POLICY_ERROR,
	/* u64: shadow VMCS -> vmcs12 copies, and the fields they copied */
	KVM_SHADOW_A_SYNC_TO_VMCS12,
	KVM_SHADOW_A_SYNC_TO_VMCS12_FIELDS,
	/* u64: vmcs12 -> shadow VMCS copies, and the fields they copied */
	KVM_SHADOW_A_SYNC_TO_SHADOW,
	KVM_SHADOW_A_SYNC_TO_SHADOW_FIELDS,
	/* u64: L1's VMREAD and VMWRITE exits on encodings of no field */
	KVM_SHADOW_A_UNKNOWN_VMREAD,
	KVM_SHADOW_A_UNKNOWN_VMWRITE,
	/* nest of KVM_SHADOW_A_FIELD_*: one VMCS field */
	KVM_SHADOW_A_FIELD,
	/* u32: the adaptive policy's parameters (replies only) */
	KVM_SHADOW_A_ADAPT_WINDOW_MS,
	KVM_SHADOW_A_ADAPT_PROMOTE,
	KVM_SHADOW_A_ADAPT_MAX,
	KVM_SHADOW_A_ADAPT_AGE,
	/* u32: fields it shadows now beyond upstream's set */
	KVM_SHADOW_A_ADAPT_LEARNED,
	/* u64: promotions and demotions since it started */
	KVM_SHADOW_A_ADAPT_PROMOTED,
	KVM_SHADOW_A_ADAPT_DEMOTED,
	/* u32: a vCPU of the VM, by its KVM vCPU id (profile only) */
	KVM_SHADOW_A_VCPU_ID,
	/*
	 * u64: the vCPU's exits that its own counters missed (their memory
	 * could not be allocated); the VM's counted them (profile only)
	 */
	KVM_SHADOW_A_VCPU_UNTRACKED,
	/* u32, enum kvm_shadow_event_source (events only) */
	KVM_SHADOW_A_EVENT_SOURCE,

	__KVM_SHADOW_A_MAX
};

#define KVM_SHADOW_A_MAX (__KVM_SHADOW_A_MAX - 1)

enum kvm_shadow_field_attr {
	KVM_SHADOW_A_FIELD_UNSPEC,
	KVM_SHADOW_A_FIELD_PAD,
	/* u32: the field's encoding (a high half's is odd) */
	KVM_SHADOW_A_FIELD_ENCODING,
	/* string: its name as in the SDM, "_HIGH" for a high half */
	KVM_SHADOW_A_FIELD_NAME,
	/* u64: L1's VMREAD / VMWRITE exits on it (profile only) */
	KVM_SHADOW_A_FIELD_VMREAD,
	KVM_SHADOW_A_FIELD_VMWRITE,
	/* u32, enum kvm_shadow_field_access: how the current set has it */
	KVM_SHADOW_A_FIELD_ACCESS,

	__KVM_SHADOW_A_FIELD_MAX
};

#define KVM_SHADOW_A_FIELD_MAX (__KVM_SHADOW_A_FIELD_MAX - 1)

#endif /* _UAPI_LINUX_KVM_SHADOW_H */
