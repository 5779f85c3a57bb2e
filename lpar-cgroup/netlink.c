// SPDX-License-Identifier: GPL-2.0
/*
 * The "lpar" generic netlink family: the control interface of the ledger
 * (uapi/linux/lpar.h documents every command and attribute). Requests are
 * validated strictly, changes need CAP_NET_ADMIN, and every change is
 * announced on the "events" multicast group.
 */

#include <linux/cpu.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "lpar.h"

static struct genl_family lpar_family;

enum { LPAR_MCGRP_EVENTS_ID };

static const struct genl_multicast_group lpar_mcgrps[] = {
	[LPAR_MCGRP_EVENTS_ID] = { .name = LPAR_MCGRP_EVENTS },
};

static const struct nla_policy lpar_node_policy[LPAR_A_NODE_MAX + 1] = {
	[LPAR_A_NODE_ID]		= { .type = NLA_U32 },
	[LPAR_A_NODE_RESERVE_BYTES]	= { .type = NLA_U64 },
};

static const struct nla_policy lpar_policy[LPAR_A_MAX + 1] = {
	[LPAR_A_NODE]			= NLA_POLICY_NESTED(lpar_node_policy),
	[LPAR_A_SLICE_NAME]		= { .type = NLA_NUL_STRING,
					    .len = LPAR_SLICE_NAME_MAX - 1 },
	[LPAR_A_SLICE_CPUS]		= { .type = NLA_NUL_STRING, .len = 1024 },
	[LPAR_A_SLICE_NODES]		= { .type = NLA_NUL_STRING, .len = 1024 },
	[LPAR_A_SLICE_MEMORY_BYTES]	= { .type = NLA_U64 },
	[LPAR_A_SLICE_MODE]		= NLA_POLICY_MAX(NLA_U32, LPAR_MODE_SHARED),
	[LPAR_A_FORCE]			= { .type = NLA_FLAG },
	[LPAR_A_SLICE_CGROUP_FD]	= { .type = NLA_S32 },
	[LPAR_A_SLICE_IRQS]		= { .type = NLA_NUL_STRING, .len = 1024 },
};

/* IRQ lists fit a page: on a big host, a few hundred ranges. */
#define LPAR_IRQ_LIST_MAX	PAGE_SIZE

static int parse_cpus(struct nlattr *attr, struct cpumask *cpus,
		      struct netlink_ext_ack *extack)
{
	if (cpulist_parse(nla_data(attr), cpus)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "not a CPU list of existing CPU numbers");
		return -EINVAL;
	}
	return 0;
}

static int parse_nodes(struct nlattr *attr, nodemask_t *nodes,
		       struct netlink_ext_ack *extack)
{
	if (nodelist_parse(nla_data(attr), *nodes)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "not a node list of existing node numbers");
		return -EINVAL;
	}
	return 0;
}

/* An IRQ list ("24,30-31", or "" for none) into a bitmap of nr_irqs. */
static unsigned long *parse_irqs(struct nlattr *attr,
				 struct netlink_ext_ack *extack)
{
	unsigned long *irqs = bitmap_zalloc(nr_irqs, GFP_KERNEL);

	if (!irqs)
		return ERR_PTR(-ENOMEM);
	if (bitmap_parselist(nla_data(attr), irqs, nr_irqs)) {
		bitmap_free(irqs);
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "not a list of existing IRQ numbers");
		return ERR_PTR(-EINVAL);
	}
	return irqs;
}

static struct lpar_slice *slice_from_attrs(struct genl_info *info)
{
	struct nlattr *attr = info->attrs[LPAR_A_SLICE_NAME];
	struct lpar_slice *s;

	if (GENL_REQ_ATTR_CHECK(info, LPAR_A_SLICE_NAME))
		return ERR_PTR(-EINVAL);
	s = lpar_slice_find(nla_data(attr));
	if (!s) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such slice");
		return ERR_PTR(-ENOENT);
	}
	return s;
}

static int put_slice(struct sk_buff *skb, const struct lpar_slice *s)
{
	/* cpulists are at most a few hundred bytes on any real machine */
	char cpus[256], nodes[64], reason[LPAR_REASON_MAX];
	unsigned int tasks;
	char *irqs;
	int err;

	irqs = kmalloc(LPAR_IRQ_LIST_MAX, GFP_KERNEL);
	if (!irqs)
		return -ENOMEM;
	lpar_slice_irqs_print(s, irqs, LPAR_IRQ_LIST_MAX);
	spin_lock(&lpar_show_lock);
	strscpy(reason, s->reason, sizeof(reason));
	tasks = s->tasks;
	spin_unlock(&lpar_show_lock);
	snprintf(cpus, sizeof(cpus), "%*pbl", cpumask_pr_args(s->cpus));
	snprintf(nodes, sizeof(nodes), "%*pbl", nodemask_pr_args(&s->nodes));
	if (nla_put_string(skb, LPAR_A_SLICE_NAME, s->name) ||
	    nla_put_string(skb, LPAR_A_SLICE_CPUS, cpus) ||
	    nla_put_string(skb, LPAR_A_SLICE_NODES, nodes) ||
	    nla_put_u64_64bit(skb, LPAR_A_SLICE_MEMORY_BYTES,
			      lpar_pool_bytes(s->pool), LPAR_A_PAD) ||
	    nla_put_u32(skb, LPAR_A_SLICE_MODE, s->mode) ||
	    nla_put_u32(skb, LPAR_A_SLICE_STATE, s->state) ||
	    nla_put_u32(skb, LPAR_A_SLICE_MAPPINGS, lpar_pool_mappings(s->pool)) ||
	    nla_put_string(skb, LPAR_A_SLICE_DEVICE, lpar_pool_devname(s->pool)) ||
	    nla_put_u64_64bit(skb, LPAR_A_SLICE_CGROUP_ID, s->cgroup_id,
			      LPAR_A_PAD) ||
	    nla_put_u32(skb, LPAR_A_SLICE_TASKS, tasks) ||
	    nla_put_string(skb, LPAR_A_SLICE_REASON, reason) ||
	    nla_put_string(skb, LPAR_A_SLICE_IRQS, irqs))
		err = -EMSGSIZE;
	else
		err = 0;
	kfree(irqs);
	return err;
}

static int fill_slice(struct sk_buff *skb, u32 portid, u32 seq, int flags,
		      u8 cmd, const struct lpar_slice *s)
{
	void *hdr = genlmsg_put(skb, portid, seq, &lpar_family, flags, cmd);

	if (!hdr)
		return -EMSGSIZE;
	if (put_slice(skb, s)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

void lpar_notify(enum lpar_event event, const struct lpar_slice *s, int cpu)
{
	struct sk_buff *skb;
	void *hdr;

	if (!genl_has_listeners(&lpar_family, &init_net, LPAR_MCGRP_EVENTS_ID))
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &lpar_family, 0, LPAR_CMD_SLICE_EVENT);
	if (!hdr ||
	    nla_put_u32(skb, LPAR_A_EVENT, event) ||
	    nla_put_string(skb, LPAR_A_SLICE_NAME, s->name) ||
	    (cpu >= 0 && nla_put_u32(skb, LPAR_A_CPU, cpu))) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast(&lpar_family, skb, 0, LPAR_MCGRP_EVENTS_ID, GFP_KERNEL);
}

static int lpar_host_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	struct nlattr *nest;
	char buf[256], *moved;
	void *hdr;
	int nid, err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &lpar_family, 0, LPAR_CMD_HOST_GET);
	if (!hdr)
		goto nospace;

	mutex_lock(&lpar_lock);
	snprintf(buf, sizeof(buf), "%*pbl",
		 cpumask_pr_args(lpar_host.housekeeping));
	if (nla_put_string(msg, LPAR_A_HOST_CPUS, buf) ||
	    nla_put_u32(msg, LPAR_A_SLICE_COUNT, lpar_host.nr_slices))
		goto nospace_locked;
	moved = kmalloc(LPAR_IRQ_LIST_MAX, GFP_KERNEL);
	if (!moved)
		goto nospace_locked;
	lpar_irqs_moved_print(moved, LPAR_IRQ_LIST_MAX);
	err = nla_put_string(msg, LPAR_A_HOST_IRQS_MOVED, moved);
	kfree(moved);
	if (err)
		goto nospace_locked;
	for_each_node_state(nid, N_MEMORY) {
		nest = nla_nest_start(msg, LPAR_A_NODE);
		if (!nest ||
		    nla_put_u32(msg, LPAR_A_NODE_ID, nid) ||
		    nla_put_u64_64bit(msg, LPAR_A_NODE_TOTAL_BYTES,
				      lpar_node_total(nid), LPAR_A_NODE_PAD) ||
		    nla_put_u64_64bit(msg, LPAR_A_NODE_RESERVE_BYTES,
				      lpar_host.reserve[nid], LPAR_A_NODE_PAD) ||
		    nla_put_u64_64bit(msg, LPAR_A_NODE_SLICES_BYTES,
				      lpar_host.held[nid], LPAR_A_NODE_PAD))
			goto nospace_locked;
		nla_nest_end(msg, nest);
	}
	mutex_unlock(&lpar_lock);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace_locked:
	mutex_unlock(&lpar_lock);
nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int lpar_host_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[LPAR_A_NODE_MAX + 1], *attr;
	int rem, err = 0;

	if (GENL_REQ_ATTR_CHECK(info, LPAR_A_NODE))
		return -EINVAL;
	mutex_lock(&lpar_lock);
	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(attr) != LPAR_A_NODE)
			continue;
		err = nla_parse_nested(tb, LPAR_A_NODE_MAX, attr,
				       lpar_node_policy, info->extack);
		if (err)
			break;
		if (!tb[LPAR_A_NODE_ID] || !tb[LPAR_A_NODE_RESERVE_BYTES]) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "a node needs its id and reserve");
			err = -EINVAL;
			break;
		}
		err = lpar_host_set_reserve(nla_get_u32(tb[LPAR_A_NODE_ID]),
					    nla_get_u64(tb[LPAR_A_NODE_RESERVE_BYTES]),
					    info->extack);
		if (err)
			break;
	}
	mutex_unlock(&lpar_lock);
	return err;
}

static int lpar_slice_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	enum lpar_slice_mode mode = LPAR_MODE_DEDICATED;
	nodemask_t nodes = NODE_MASK_NONE;
	cpumask_var_t cpus;
	u64 bytes = 0;
	unsigned int cpu;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, LPAR_A_SLICE_NAME) ||
	    GENL_REQ_ATTR_CHECK(info, LPAR_A_SLICE_CPUS))
		return -EINVAL;
	if (!zalloc_cpumask_var(&cpus, GFP_KERNEL))
		return -ENOMEM;
	err = parse_cpus(info->attrs[LPAR_A_SLICE_CPUS], cpus, info->extack);
	if (err)
		goto out;
	if (info->attrs[LPAR_A_SLICE_NODES]) {
		err = parse_nodes(info->attrs[LPAR_A_SLICE_NODES], &nodes,
				  info->extack);
		if (err)
			goto out;
	} else {
		for_each_cpu(cpu, cpus)
			node_set(cpu_to_node(cpu), nodes);
	}
	if (info->attrs[LPAR_A_SLICE_MEMORY_BYTES])
		bytes = nla_get_u64(info->attrs[LPAR_A_SLICE_MEMORY_BYTES]);
	if (info->attrs[LPAR_A_SLICE_MODE])
		mode = nla_get_u32(info->attrs[LPAR_A_SLICE_MODE]);

	/* CPU hotplug callbacks take lpar_lock: take the hotplug lock first. */
	cpus_read_lock();
	mutex_lock(&lpar_lock);
	err = lpar_slice_new(nla_data(info->attrs[LPAR_A_SLICE_NAME]), cpus,
			     &nodes, bytes, mode, info->extack);
	mutex_unlock(&lpar_lock);
	cpus_read_unlock();
out:
	free_cpumask_var(cpus);
	return err;
}

static int lpar_slice_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct lpar_slice *s;
	int err;

	mutex_lock(&lpar_lock);
	s = slice_from_attrs(info);
	err = IS_ERR(s) ? PTR_ERR(s) :
	      lpar_slice_del(s, nla_get_flag(info->attrs[LPAR_A_FORCE]),
			     info->extack);
	mutex_unlock(&lpar_lock);
	return err;
}

static int lpar_slice_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *cpus_attr = info->attrs[LPAR_A_SLICE_CPUS];
	struct nlattr *mem_attr = info->attrs[LPAR_A_SLICE_MEMORY_BYTES];
	struct nlattr *irqs_attr = info->attrs[LPAR_A_SLICE_IRQS];
	unsigned long *irqs = NULL;
	unsigned int nbits = nr_irqs;
	cpumask_var_t cpus;
	struct lpar_slice *s;
	int err;

	if (!cpus_attr && !mem_attr && !irqs_attr) {
		NL_SET_ERR_MSG(info->extack,
			       "nothing to change: give CPUs, memory or IRQs");
		return -EINVAL;
	}
	if (!zalloc_cpumask_var(&cpus, GFP_KERNEL))
		return -ENOMEM;
	if (cpus_attr) {
		err = parse_cpus(cpus_attr, cpus, info->extack);
		if (err)
			goto out;
	}
	if (irqs_attr) {
		irqs = parse_irqs(irqs_attr, info->extack);
		if (IS_ERR(irqs)) {
			err = PTR_ERR(irqs);
			irqs = NULL;
			goto out;
		}
	}
	cpus_read_lock();
	mutex_lock(&lpar_lock);
	s = slice_from_attrs(info);
	if (IS_ERR(s)) {
		err = PTR_ERR(s);
		goto unlock;
	}
	/* All or nothing: the IRQs are checked before anything changes. */
	if (irqs) {
		err = lpar_slice_check_irqs(s, irqs, nbits, info->extack);
		if (err)
			goto unlock;
	}
	if (cpus_attr || mem_attr) {
		err = lpar_slice_resize(s, cpus_attr ? cpus : NULL,
					mem_attr ? nla_get_u64(mem_attr) : U64_MAX,
					info->extack);
		if (err)
			goto unlock;
	}
	if (irqs) {
		err = lpar_slice_set_irqs(s, irqs, nbits);
		if (!err && !cpus_attr && !mem_attr)
			lpar_notify(LPAR_EVENT_SLICE_CHANGE, s, -1);
	}
unlock:
	mutex_unlock(&lpar_lock);
	cpus_read_unlock();
out:
	bitmap_free(irqs);
	free_cpumask_var(cpus);
	return err;
}

static int lpar_slice_bind_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct lpar_slice *s;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, LPAR_A_SLICE_CGROUP_FD))
		return -EINVAL;
	mutex_lock(&lpar_lock);
	s = slice_from_attrs(info);
	err = IS_ERR(s) ? PTR_ERR(s) :
	      lpar_slice_bind(s, nla_get_s32(info->attrs[LPAR_A_SLICE_CGROUP_FD]),
			      info->extack);
	mutex_unlock(&lpar_lock);
	return err;
}

static int lpar_slice_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct lpar_slice *s;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&lpar_lock);
	s = slice_from_attrs(info);
	err = PTR_ERR_OR_ZERO(s);
	if (!err) {
		lpar_check_slices();
		err = fill_slice(msg, info->snd_portid, info->snd_seq, 0,
				 LPAR_CMD_SLICE_GET, s);
	}
	mutex_unlock(&lpar_lock);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

static int lpar_slice_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	unsigned long idx = 0, start = cb->args[0];
	struct lpar_slice *s;

	mutex_lock(&lpar_lock);
	if (!start)
		lpar_check_slices();
	list_for_each_entry(s, &lpar_host.slices, list) {
		if (idx < start) {
			idx++;
			continue;
		}
		if (fill_slice(skb, NETLINK_CB(cb->skb).portid,
			       cb->nlh->nlmsg_seq, NLM_F_MULTI,
			       LPAR_CMD_SLICE_GET, s))
			break;
		idx++;
	}
	mutex_unlock(&lpar_lock);
	cb->args[0] = idx;
	return skb->len;
}

static const struct genl_small_ops lpar_ops[] = {
	{
		.cmd	= LPAR_CMD_HOST_GET,
		.doit	= lpar_host_get,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= LPAR_CMD_HOST_SET,
		.doit	= lpar_host_set,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= LPAR_CMD_SLICE_NEW,
		.doit	= lpar_slice_new_doit,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= LPAR_CMD_SLICE_DEL,
		.doit	= lpar_slice_del_doit,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= LPAR_CMD_SLICE_GET,
		.doit	= lpar_slice_get_doit,
		.dumpit	= lpar_slice_get_dumpit,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= LPAR_CMD_SLICE_SET,
		.doit	= lpar_slice_set_doit,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= LPAR_CMD_SLICE_BIND,
		.doit	= lpar_slice_bind_doit,
		.flags	= GENL_ADMIN_PERM,
	},
};

static struct genl_family lpar_family __ro_after_init = {
	.name		= LPAR_GENL_NAME,
	.version	= LPAR_GENL_VERSION,
	.maxattr	= LPAR_A_MAX,
	.policy		= lpar_policy,
	.module		= THIS_MODULE,
	.small_ops	= lpar_ops,
	.n_small_ops	= ARRAY_SIZE(lpar_ops),
	.resv_start_op	= LPAR_CMD_HOST_GET,
	.mcgrps		= lpar_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(lpar_mcgrps),
};

int lpar_netlink_init(void)
{
	return genl_register_family(&lpar_family);
}

void lpar_netlink_exit(void)
{
	genl_unregister_family(&lpar_family);
}
