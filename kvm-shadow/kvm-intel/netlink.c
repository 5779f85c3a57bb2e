// SPDX-License-Identifier: GPL-2.0
/*
 * kvm-shadow: the "kvm_shadow" generic netlink family
 * (uapi/linux/kvm_shadow.h), the same per-VM state as the debugfs files:
 * the VMs, their trap profiles, their sets and their policies.
 *
 * Every request looks its VM up by number on kvm_shadow_vms and holds
 * kvm_shadow_vms_lock until it is done with it: a VM leaves the list,
 * under that lock, before its state is freed (shadow.c). A policy is set
 * by the parser the debugfs file uses, under the VM's policy_lock, and
 * its refusal (svm->error) becomes the extack message.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/kvm_host.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>

#include <linux/kvm_shadow.h>

#include "vmx/vmx.h"
#include "nl_extack.h"
#include "shadow.h"

static struct genl_family kvm_shadow_family;

static const struct nla_policy kvm_shadow_nl_policy[KVM_SHADOW_A_MAX + 1] = {
	[KVM_SHADOW_A_VM_ID]		= { .type = NLA_U32 },
	[KVM_SHADOW_A_VCPU_ID]		= { .type = NLA_U32 },
	[KVM_SHADOW_A_POLICY_TEXT]	= { .type = NLA_NUL_STRING,
					    .len = KVM_SHADOW_POLICY_TEXT_MAX - 1 },
};

/* The requested VM, with kvm_shadow_vms_lock held; NULL after an extack. */
static struct kvm_shadow_vm *kvm_shadow_nl_vm(struct nlattr **attrs,
					      struct netlink_ext_ack *extack)
{
	struct kvm_shadow_vm *svm;
	u32 id;

	if (!attrs[KVM_SHADOW_A_VM_ID]) {
		NL_SET_ERR_MSG(extack, "no VM given (KVM_SHADOW_A_VM_ID)");
		return NULL;
	}
	id = nla_get_u32(attrs[KVM_SHADOW_A_VM_ID]);
	svm = kvm_shadow_vm_find(id);
	if (!svm) {
		nl_extack_fmt(extack, "VM %u: no such VM (it may have gone away)", id);
		NL_SET_BAD_ATTR(extack, attrs[KVM_SHADOW_A_VM_ID]);
	}
	return svm;
}

static int kvm_shadow_nl_put_vm(struct sk_buff *skb, struct kvm_shadow_vm *svm)
{
	char name[32];

	snprintf(name, sizeof(name), "%d-%u", svm->pid, svm->id);
	if (nla_put_u32(skb, KVM_SHADOW_A_VM_ID, svm->id) ||
	    nla_put_string(skb, KVM_SHADOW_A_VM_NAME, name) ||
	    nla_put_u32(skb, KVM_SHADOW_A_PID, svm->pid) ||
	    nla_put_u32(skb, KVM_SHADOW_A_POLICY, READ_ONCE(svm->policy)))
		return -EMSGSIZE;
	return 0;
}

static int kvm_shadow_nl_put_sync(struct sk_buff *skb,
				  const struct kvm_shadow_sync_counts *sync)
{
	if (nla_put_u64_64bit(skb, KVM_SHADOW_A_SYNC_TO_VMCS12,
			      sync->syncs[KVM_SHADOW_TO_VMCS12], KVM_SHADOW_A_PAD) ||
	    nla_put_u64_64bit(skb, KVM_SHADOW_A_SYNC_TO_VMCS12_FIELDS,
			      sync->synced[KVM_SHADOW_TO_VMCS12], KVM_SHADOW_A_PAD) ||
	    nla_put_u64_64bit(skb, KVM_SHADOW_A_SYNC_TO_SHADOW,
			      sync->syncs[KVM_SHADOW_TO_SHADOW], KVM_SHADOW_A_PAD) ||
	    nla_put_u64_64bit(skb, KVM_SHADOW_A_SYNC_TO_SHADOW_FIELDS,
			      sync->synced[KVM_SHADOW_TO_SHADOW], KVM_SHADOW_A_PAD))
		return -EMSGSIZE;
	return 0;
}

static u32 kvm_shadow_nl_access(const char *access)
{
	if (!strcmp(access, "rw"))
		return KVM_SHADOW_ACCESS_RW;
	if (!strcmp(access, "ro"))
		return KVM_SHADOW_ACCESS_RO;
	return KVM_SHADOW_ACCESS_NONE;
}

/* A KVM_SHADOW_A_FIELD nest; READS < 0: no exit counts (a set's field). */
static int kvm_shadow_nl_put_field(struct sk_buff *skb, unsigned long field,
				   long reads, long writes, u32 access)
{
	const char *name;
	char buf[64];
	struct nlattr *nest;
	bool high;

	name = kvm_shadow_field_name(field, &high);
	snprintf(buf, sizeof(buf), "%s%s", name ?: "unknown",
		 high ? "_HIGH" : "");
	nest = nla_nest_start(skb, KVM_SHADOW_A_FIELD);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, KVM_SHADOW_A_FIELD_ENCODING, field) ||
	    nla_put_string(skb, KVM_SHADOW_A_FIELD_NAME, buf) ||
	    (reads >= 0 &&
	     (nla_put_u64_64bit(skb, KVM_SHADOW_A_FIELD_VMREAD, reads,
				KVM_SHADOW_A_FIELD_PAD) ||
	      nla_put_u64_64bit(skb, KVM_SHADOW_A_FIELD_VMWRITE, writes,
				KVM_SHADOW_A_FIELD_PAD))) ||
	    nla_put_u32(skb, KVM_SHADOW_A_FIELD_ACCESS, access)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * The reply to a request about one VM: CMD's header, then what @put puts
 * of the VM, found and held under kvm_shadow_vms_lock. No such VM (it may
 * have gone): -ENOENT, with the reason in extack.
 */
static int kvm_shadow_nl_reply_vm(struct genl_info *info, u8 cmd, size_t size,
				  int (*put)(struct sk_buff *skb,
					     struct kvm_shadow_vm *svm))
{
	struct kvm_shadow_vm *svm;
	struct sk_buff *skb;
	void *hdr;
	int r;

	skb = genlmsg_new(size, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	hdr = genlmsg_put_reply(skb, info, &kvm_shadow_family, 0, cmd);
	if (!hdr) {
		nlmsg_free(skb);
		return -EMSGSIZE;
	}
	mutex_lock(&kvm_shadow_vms_lock);
	svm = kvm_shadow_nl_vm(info->attrs, info->extack);
	r = svm ? put(skb, svm) : -ENOENT;
	mutex_unlock(&kvm_shadow_vms_lock);
	if (r) {
		nlmsg_free(skb);
		return r;
	}
	genlmsg_end(skb, hdr);
	return genlmsg_reply(skb, info);
}

static int kvm_shadow_nl_vm_get(struct sk_buff *in, struct genl_info *info)
{
	return kvm_shadow_nl_reply_vm(info, KVM_SHADOW_CMD_VM_GET,
				      NLMSG_DEFAULT_SIZE, kvm_shadow_nl_put_vm);
}

/* cb->args[0]: the VM number to resume from (the last one sent + 1). */
static int kvm_shadow_nl_vm_dump(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct kvm_shadow_vm *svm;
	int r = 0;
	void *hdr;

	mutex_lock(&kvm_shadow_vms_lock);
	list_for_each_entry(svm, &kvm_shadow_vms, node) {
		if (svm->id < cb->args[0])
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &kvm_shadow_family,
				  NLM_F_MULTI, KVM_SHADOW_CMD_VM_GET);
		if (!hdr) {
			r = -EMSGSIZE;
			break;
		}
		if (kvm_shadow_nl_put_vm(skb, svm)) {
			genlmsg_cancel(skb, hdr);
			r = -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = svm->id + 1;
	}
	mutex_unlock(&kvm_shadow_vms_lock);
	/* VMs are listed by creation, so by growing number. */
	if (r == -EMSGSIZE && skb->len)
		return skb->len;
	return r ?: skb->len;
}

/*
 * The counters a profile dump reads: the VM's, or with KVM_SHADOW_A_VCPU_ID
 * one vCPU's (NULL traps: it never exited on a VMREAD or VMWRITE). With
 * kvm_shadow_vms_lock held, the VM's vCPUs stay: it leaves the list
 * before KVM frees them.
 */
struct kvm_shadow_nl_counts {
	struct kvm_shadow_sync_counts sync;
	const struct kvm_shadow_trap_counts *traps;
	struct kvm_shadow_vcpu *sv;	/* NULL for the VM's */
	u32 vcpu_id;
};

static int kvm_shadow_nl_counts(struct kvm_shadow_vm *svm, struct nlattr **attrs,
				struct kvm_shadow_nl_counts *c,
				struct netlink_ext_ack *extack)
{
	struct kvm_vcpu *vcpu;

	if (!attrs[KVM_SHADOW_A_VCPU_ID]) {
		*c = (struct kvm_shadow_nl_counts){ .traps = &svm->traps };
		kvm_shadow_vm_sync(svm, &c->sync);
		return 0;
	}
	c->vcpu_id = nla_get_u32(attrs[KVM_SHADOW_A_VCPU_ID]);
	vcpu = c->vcpu_id <= INT_MAX ? kvm_get_vcpu_by_id(svm->kvm, c->vcpu_id) : NULL;
	if (!vcpu) {
		nl_extack_fmt(extack, "VM %u: no vCPU %u", svm->id, c->vcpu_id);
		NL_SET_BAD_ATTR(extack, attrs[KVM_SHADOW_A_VCPU_ID]);
		return -ENOENT;
	}
	c->sv = &to_vmx(vcpu)->nested.shadow;
	kvm_shadow_vcpu_sync(c->sv, &c->sync);
	/* Pairs with the vCPU's release when it allocated them (profile.c). */
	c->traps = smp_load_acquire(&c->sv->traps);
	return 0;
}

/* The first message's counters: copies, unknown encodings, untracked. */
static int kvm_shadow_nl_put_totals(struct sk_buff *skb,
				    const struct kvm_shadow_nl_counts *c)
{
	long rd = c->traps ? atomic_long_read(&c->traps->other[KVM_SHADOW_VMREAD]) : 0;
	long wr = c->traps ? atomic_long_read(&c->traps->other[KVM_SHADOW_VMWRITE]) : 0;

	if (kvm_shadow_nl_put_sync(skb, &c->sync) ||
	    nla_put_u64_64bit(skb, KVM_SHADOW_A_UNKNOWN_VMREAD, rd,
			      KVM_SHADOW_A_PAD) ||
	    nla_put_u64_64bit(skb, KVM_SHADOW_A_UNKNOWN_VMWRITE, wr,
			      KVM_SHADOW_A_PAD) ||
	    (c->sv &&
	     nla_put_u64_64bit(skb, KVM_SHADOW_A_VCPU_UNTRACKED,
			       atomic_long_read(&c->sv->untracked),
			       KVM_SHADOW_A_PAD)))
		return -EMSGSIZE;
	return 0;
}

/*
 * cb->args[0]: 1 once the first message (with the sync counters) is out;
 * cb->args[1]: the slot to resume from, KVM_SHADOW_NR_SLOTS when done.
 */
static int kvm_shadow_nl_profile_dump(struct sk_buff *skb,
				      struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct kvm_shadow_nl_counts c;
	struct kvm_shadow_vm *svm;
	unsigned long field;
	int slot, r;
	long rd, wr;
	void *hdr;

	if (cb->args[1] >= KVM_SHADOW_NR_SLOTS)
		return 0;
	mutex_lock(&kvm_shadow_vms_lock);
	svm = kvm_shadow_nl_vm(info->attrs, cb->extack);
	if (!svm) {
		r = -ENOENT;
		goto out;
	}
	r = kvm_shadow_nl_counts(svm, info->attrs, &c, cb->extack);
	if (r)
		goto out;
	r = -EMSGSIZE;
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &kvm_shadow_family, NLM_F_MULTI,
			  KVM_SHADOW_CMD_PROFILE_GET);
	if (!hdr)
		goto out;
	if (nla_put_u32(skb, KVM_SHADOW_A_VM_ID, svm->id) ||
	    (c.sv && nla_put_u32(skb, KVM_SHADOW_A_VCPU_ID, c.vcpu_id)) ||
	    (!cb->args[0] && kvm_shadow_nl_put_totals(skb, &c))) {
		genlmsg_cancel(skb, hdr);
		goto out;
	}
	cb->args[0] = 1;
	for (slot = cb->args[1]; c.traps && slot < KVM_SHADOW_NR_SLOTS; slot++) {
		rd = atomic_long_read(&c.traps->exits[slot][KVM_SHADOW_VMREAD]);
		wr = atomic_long_read(&c.traps->exits[slot][KVM_SHADOW_VMWRITE]);
		if (!rd && !wr)
			continue;
		field = kvm_shadow_slot_field(slot);
		/* Full: this field and the rest go in the next message. */
		if (kvm_shadow_nl_put_field(skb, field, rd, wr,
					    kvm_shadow_nl_access(kvm_shadow_vm_access(svm, field))))
			break;
	}
	cb->args[1] = c.traps ? slot : KVM_SHADOW_NR_SLOTS;
	genlmsg_end(skb, hdr);
	r = skb->len;
out:
	mutex_unlock(&kvm_shadow_vms_lock);
	return r;
}

static int kvm_shadow_nl_put_set(struct sk_buff *skb,
				 struct kvm_shadow_vm *svm)
{
	enum kvm_shadow_policy policy;
	struct kvm_shadow_sync_counts sync;
	struct kvm_shadow_set *set;
	int i, r = -EMSGSIZE;

	set = kmalloc(sizeof(*set), GFP_KERNEL);
	if (!set)
		return -ENOMEM;
	/* A copy of the lists: the set is immutable, its pointer is not. */
	spin_lock(&svm->set_lock);
	set->nr_rw = svm->set->nr_rw;
	set->nr_ro = svm->set->nr_ro;
	memcpy(set->rw, svm->set->rw, sizeof(set->rw));
	memcpy(set->ro, svm->set->ro, sizeof(set->ro));
	policy = svm->policy;
	spin_unlock(&svm->set_lock);

	kvm_shadow_vm_sync(svm, &sync);
	if (nla_put_u32(skb, KVM_SHADOW_A_VM_ID, svm->id) ||
	    nla_put_u32(skb, KVM_SHADOW_A_POLICY, policy) ||
	    kvm_shadow_nl_put_sync(skb, &sync))
		goto out;
	for (i = 0; i < set->nr_rw; i++)
		if (kvm_shadow_nl_put_field(skb, set->rw[i].encoding, -1, 0,
					    KVM_SHADOW_ACCESS_RW))
			goto out;
	for (i = 0; i < set->nr_ro; i++)
		if (kvm_shadow_nl_put_field(skb, set->ro[i].encoding, -1, 0,
					    KVM_SHADOW_ACCESS_RO))
			goto out;
	r = 0;
out:
	kfree(set);
	return r;
}

static int kvm_shadow_nl_set_get(struct sk_buff *in, struct genl_info *info)
{
	/* At most 128 fields of under 64 bytes each. */
	return kvm_shadow_nl_reply_vm(info, KVM_SHADOW_CMD_SET_GET,
				      3 * PAGE_SIZE, kvm_shadow_nl_put_set);
}

/* The adaptive policy's parameters and counts, if it is the VM's. */
static int kvm_shadow_nl_put_adapt(struct sk_buff *skb,
				   struct kvm_shadow_vm *svm)
{
	const struct kvm_shadow_adapt *a = &svm->adapt;

	lockdep_assert_held(&svm->policy_lock);
	if (svm->policy == KVM_SHADOW_POLICY_ADAPTIVE &&
	    (nla_put_u32(skb, KVM_SHADOW_A_ADAPT_WINDOW_MS, a->window_ms) ||
	     nla_put_u32(skb, KVM_SHADOW_A_ADAPT_PROMOTE, a->promote) ||
	     nla_put_u32(skb, KVM_SHADOW_A_ADAPT_MAX, a->max) ||
	     nla_put_u32(skb, KVM_SHADOW_A_ADAPT_AGE, a->age) ||
	     nla_put_u32(skb, KVM_SHADOW_A_ADAPT_LEARNED, a->nr) ||
	     nla_put_u64_64bit(skb, KVM_SHADOW_A_ADAPT_PROMOTED, a->promoted,
			       KVM_SHADOW_A_PAD) ||
	     nla_put_u64_64bit(skb, KVM_SHADOW_A_ADAPT_DEMOTED, a->demoted,
			       KVM_SHADOW_A_PAD)))
		return -EMSGSIZE;
	return 0;
}

/* Called with the VM's policy_lock held. */
static int kvm_shadow_nl_put_policy(struct sk_buff *skb,
				    struct kvm_shadow_vm *svm)
{
	if (nla_put_u32(skb, KVM_SHADOW_A_VM_ID, svm->id) ||
	    nla_put_u32(skb, KVM_SHADOW_A_POLICY, svm->policy) ||
	    kvm_shadow_nl_put_adapt(skb, svm))
		return -EMSGSIZE;
	if (svm->error[0] &&
	    nla_put_string(skb, KVM_SHADOW_A_POLICY_ERROR, svm->error))
		return -EMSGSIZE;
	return 0;
}

static int kvm_shadow_nl_put_policy_locked(struct sk_buff *skb,
					   struct kvm_shadow_vm *svm)
{
	int r;

	mutex_lock(&svm->policy_lock);
	r = kvm_shadow_nl_put_policy(skb, svm);
	mutex_unlock(&svm->policy_lock);
	return r;
}

static int kvm_shadow_nl_policy_get(struct sk_buff *in, struct genl_info *info)
{
	return kvm_shadow_nl_reply_vm(info, KVM_SHADOW_CMD_POLICY_GET,
				      NLMSG_DEFAULT_SIZE,
				      kvm_shadow_nl_put_policy_locked);
}

static bool kvm_shadow_nl_registered;

/*
 * Tell the events group that SOURCE (enum kvm_shadow_event_source)
 * changed the VM's policy or set (TEXT: the policy as asked, or NULL).
 * With the VM's policy_lock held, by a caller that keeps the VM alive.
 */
void kvm_shadow_notify(struct kvm_shadow_vm *svm, u32 source, const char *text)
{
	struct sk_buff *skb;
	void *hdr;

	lockdep_assert_held(&svm->policy_lock);
	if (!kvm_shadow_nl_registered ||
	    !genl_has_listeners(&kvm_shadow_family, &init_net, 0))
		return;
	skb = genlmsg_new(NLMSG_DEFAULT_SIZE + (text ? strlen(text) : 0),
			  GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &kvm_shadow_family, 0,
			  KVM_SHADOW_CMD_POLICY_EVENT);
	if (!hdr || kvm_shadow_nl_put_vm(skb, svm) ||
	    nla_put_u32(skb, KVM_SHADOW_A_EVENT_SOURCE, source) ||
	    (text && nla_put_string(skb, KVM_SHADOW_A_POLICY_TEXT, text)) ||
	    kvm_shadow_nl_put_adapt(skb, svm)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast(&kvm_shadow_family, skb, 0, 0, GFP_KERNEL);
}

static int kvm_shadow_nl_policy_set(struct sk_buff *in, struct genl_info *info)
{
	struct kvm_shadow_vm *svm;
	char *text, *buf;
	int r;

	if (GENL_REQ_ATTR_CHECK(info, KVM_SHADOW_A_POLICY_TEXT))
		return -EINVAL;
	text = nla_data(info->attrs[KVM_SHADOW_A_POLICY_TEXT]);
	/* The parser cuts its words in place; keep the original for events. */
	buf = kstrdup(text, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	mutex_lock(&kvm_shadow_vms_lock);
	svm = kvm_shadow_nl_vm(info->attrs, info->extack);
	if (!svm) {
		r = -ENOENT;
		goto out;
	}
	mutex_lock(&svm->policy_lock);
	r = kvm_shadow_set_policy(svm, buf);
	if (r && svm->error[0]) {
		nl_extack_fmt(info->extack, "%s", svm->error);
		NL_SET_BAD_ATTR(info->extack,
				info->attrs[KVM_SHADOW_A_POLICY_TEXT]);
	}
	if (!r)
		kvm_shadow_notify(svm, KVM_SHADOW_SOURCE_NETLINK, text);
	mutex_unlock(&svm->policy_lock);
out:
	mutex_unlock(&kvm_shadow_vms_lock);
	kfree(buf);
	return r;
}

static const struct genl_ops kvm_shadow_nl_ops[] = {
	{
		.cmd	= KVM_SHADOW_CMD_VM_GET,
		.doit	= kvm_shadow_nl_vm_get,
		.dumpit	= kvm_shadow_nl_vm_dump,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= KVM_SHADOW_CMD_PROFILE_GET,
		.dumpit	= kvm_shadow_nl_profile_dump,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= KVM_SHADOW_CMD_SET_GET,
		.doit	= kvm_shadow_nl_set_get,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= KVM_SHADOW_CMD_POLICY_GET,
		.doit	= kvm_shadow_nl_policy_get,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= KVM_SHADOW_CMD_POLICY_SET,
		.doit	= kvm_shadow_nl_policy_set,
		.flags	= GENL_ADMIN_PERM,
	},
};

static const struct genl_multicast_group kvm_shadow_nl_mcgrps[] = {
	{ .name = KVM_SHADOW_MCGRP_EVENTS, .flags = GENL_UNS_ADMIN_PERM },
};

static struct genl_family kvm_shadow_family __ro_after_init = {
	.name		= KVM_SHADOW_GENL_NAME,
	.version	= KVM_SHADOW_GENL_VERSION,
	.maxattr	= KVM_SHADOW_A_MAX,
	.policy		= kvm_shadow_nl_policy,
	.module		= THIS_MODULE,
	.ops		= kvm_shadow_nl_ops,
	.n_ops		= ARRAY_SIZE(kvm_shadow_nl_ops),
	/* Every command validated strictly, as for any new family. */
	.resv_start_op	= KVM_SHADOW_CMD_MAX + 1,
	.mcgrps		= kvm_shadow_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(kvm_shadow_nl_mcgrps),
};

int __init kvm_shadow_netlink_init(void)
{
	int r = genl_register_family(&kvm_shadow_family);

	kvm_shadow_nl_registered = !r;
	return r;
}

void kvm_shadow_netlink_exit(void)
{
	if (kvm_shadow_nl_registered)
		genl_unregister_family(&kvm_shadow_family);
	kvm_shadow_nl_registered = false;
}
