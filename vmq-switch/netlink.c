// SPDX-License-Identifier: GPL-2.0
/*
 * The "vmq_switch" generic netlink family (uapi/linux/vmq_switch.h
 * documents every command and attribute): netns-aware, strictly
 * validated, CAP_NET_ADMIN over the caller's namespace for everything,
 * events on the "events" group of the switch's namespace.
 */

#include <linux/etherdevice.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>
#include <net/sock.h>

#include "vmq.h"

static struct genl_family vmq_family;

enum { VMQ_MCGRP_EVENTS_ID };

static const struct genl_multicast_group vmq_mcgrps[] = {
	[VMQ_MCGRP_EVENTS_ID] = { .name = VMQ_GENL_MCGRP_EVENTS },
};

/* Not const: 6.1's NLA_POLICY_FULL_RANGE() takes a plain pointer. */
static struct netlink_range_validation vmq_qlen_range = {
	.min = 1,
	.max = VMQ_QUEUE_LEN_MAX,
};

static const struct nla_policy vmq_policy[VMQ_A_MAX + 1] = {
	[VMQ_A_SWITCH_IFINDEX]		= { .type = NLA_U32 },
	[VMQ_A_SWITCH_VMQ]		= NLA_POLICY_MAX(NLA_U8, 1),
	[VMQ_A_SWITCH_DEFAULT_QUEUE_LEN] = NLA_POLICY_FULL_RANGE(NLA_U32,
							 &vmq_qlen_range),
	[VMQ_A_SWITCH_DEFAULT_CPU]	= NLA_POLICY_MIN(NLA_S32, -1),
	[VMQ_A_SWITCH_UNKNOWN_UNICAST]	= NLA_POLICY_MAX(NLA_U32,
							 VMQ_UNKNOWN_UNICAST_DROP),
	[VMQ_A_PORT_ID]			= NLA_POLICY_RANGE(NLA_U32, 1,
							   VMQ_MAX_PORTS),
	[VMQ_A_PORT_IFINDEX]		= { .type = NLA_U32 },
	[VMQ_A_PORT_NAME]		= { .type = NLA_NUL_STRING,
					    .len = IFNAMSIZ - 1 },
	[VMQ_A_PORT_MAC]		= NLA_POLICY_ETH_ADDR,
	[VMQ_A_PORT_VLAN]		= NLA_POLICY_MAX(NLA_U16, VLAN_N_VID - 2),
	[VMQ_A_PORT_TRUNK]		= { .type = NLA_NUL_STRING,
					    .len = VMQ_LIST_MAX - 1 },
	[VMQ_A_PORT_CPUS]		= { .type = NLA_NUL_STRING,
					    .len = VMQ_LIST_MAX - 1 },
	[VMQ_A_PORT_VMQ]		= NLA_POLICY_MAX(NLA_U8, 1),
	[VMQ_A_PORT_BCAST_LIMIT]	= { .type = NLA_U32 },
};

/* The switch a request names, in the caller's namespace. Under RTNL. */
static struct vmq_switch *vmq_nl_switch(struct genl_info *info)
{
	struct nlattr *attr = info->attrs[VMQ_A_SWITCH_IFINDEX];
	struct net_device *dev;

	if (!attr) {
		GENL_SET_ERR_MSG(info, "which switch? (VMQ_A_SWITCH_IFINDEX)");
		return ERR_PTR(-EINVAL);
	}
	dev = __dev_get_by_index(genl_info_net(info), nla_get_u32(attr));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such netdev");
		return ERR_PTR(-ENODEV);
	}
	if (!netif_is_vmq_switch(dev)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "not a vmqsw switch");
		return ERR_PTR(-ENODEV);
	}
	return netdev_priv(dev);
}

/*
 * The port a request names: its own ifindex in the caller's namespace, or
 * its switch and port number. Under RTNL.
 */
static struct vmq_port *vmq_nl_port(struct genl_info *info)
{
	struct nlattr *attr = info->attrs[VMQ_A_PORT_IFINDEX];
	struct net_device *dev;
	struct vmq_switch *sw;
	struct vmq_port *port;
	u32 id;

	if (attr) {
		dev = __dev_get_by_index(genl_info_net(info), nla_get_u32(attr));
		if (!dev) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such netdev");
			return ERR_PTR(-ENODEV);
		}
		if (!netif_is_vmq_port(dev)) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr, "not a vmqport");
			return ERR_PTR(-ENODEV);
		}
		return netdev_priv(dev);
	}
	if (!info->attrs[VMQ_A_PORT_ID]) {
		GENL_SET_ERR_MSG(info,
				 "which port? (VMQ_A_PORT_IFINDEX, or VMQ_A_SWITCH_IFINDEX and VMQ_A_PORT_ID)");
		return ERR_PTR(-EINVAL);
	}
	sw = vmq_nl_switch(info);
	if (IS_ERR(sw))
		return ERR_CAST(sw);
	id = nla_get_u32(info->attrs[VMQ_A_PORT_ID]);
	list_for_each_entry(port, &sw->ports, node)
		if (port->id == id)
			return port;
	nl_extack_fmt(info->extack, "switch %s has no port %u", sw->dev->name,
		      id);
	return ERR_PTR(-ENOENT);
}

static int vmq_put_queue(struct sk_buff *msg, int type,
			 const struct vmq_queue *q)
{
	struct nlattr *nest, *per_cpu;
	u64 packets, drops, n;
	int cpu;

	nest = nla_nest_start(msg, type);
	if (!nest)
		return -EMSGSIZE;
	vmq_queue_totals(q, &packets, &drops);
	if (nla_put_s32(msg, VMQ_A_QUEUE_CPU, vmq_queue_cpu(q)) ||
	    nla_put_u32(msg, VMQ_A_QUEUE_LIMIT, READ_ONCE(q->limit)) ||
	    nla_put_u32(msg, VMQ_A_QUEUE_LENGTH,
			skb_queue_len_lockless(&q->skbs)) ||
	    nla_put_u64_64bit(msg, VMQ_A_QUEUE_PACKETS, packets,
			      VMQ_A_QUEUE_PAD) ||
	    nla_put_u64_64bit(msg, VMQ_A_QUEUE_DROPS, drops, VMQ_A_QUEUE_PAD))
		goto cancel;
	per_cpu = nla_nest_start(msg, VMQ_A_QUEUE_PER_CPU);
	if (!per_cpu)
		goto cancel;
	for_each_possible_cpu(cpu) {
		n = vmq_queue_cpu_packets(q, cpu);
		if (n && nla_put_u64_64bit(msg, cpu + 1, n, 0))
			goto cancel;
	}
	nla_nest_end(msg, per_cpu);
	nla_nest_end(msg, nest);
	return 0;
cancel:
	nla_nest_cancel(msg, nest);
	return -EMSGSIZE;
}

static int vmq_put_port_stats(struct sk_buff *msg, const struct vmq_port *port)
{
	struct vmq_port_stats st;
	struct nlattr *nest;

	vmq_port_get_stats(port, &st);
	nest = nla_nest_start(msg, VMQ_A_PORT_STATS);
	if (!nest)
		return -EMSGSIZE;
#define PUT(a, v) nla_put_u64_64bit(msg, VMQ_A_STATS_##a, st.v, VMQ_A_STATS_PAD)
	if (PUT(RX_PACKETS, rx_packets) || PUT(RX_BYTES, rx_bytes) ||
	    PUT(TX_PACKETS, tx_packets) || PUT(TX_BYTES, tx_bytes) ||
	    PUT(RX_DROPS, rx_drops) || PUT(TX_DROPS, tx_drops) ||
	    PUT(RX_HW_STEERED, rx_hw) || PUT(RX_SW_CLASSIFIED, rx_sw) ||
	    PUT(RX_BCAST, rx_bcast) || PUT(BCAST_LIMIT_DROPS, bcast_drops)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
#undef PUT
	nla_nest_end(msg, nest);
	return 0;
}

/* "10,20-30", or "" for none; kfree() it. */
static char *vmq_trunk_string(const struct vmq_port *port)
{
	const struct vmq_vlans *t = rtnl_dereference(port->trunk);

	return t ? kasprintf(GFP_KERNEL, "%*pbl", VLAN_N_VID, t->map) :
		   kstrdup("", GFP_KERNEL);
}

static int vmq_fill_port(struct sk_buff *msg, struct vmq_port *port,
			 struct net *net, u8 cmd, u32 portid, u32 seq,
			 int flags)
{
	struct net_device *dev = port->dev, *swdev = port->sw->dev;
	char *trunk = NULL;
	void *hdr;

	hdr = genlmsg_put(msg, portid, seq, &vmq_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, VMQ_A_SWITCH_IFINDEX,
			net_eq(dev_net(swdev), net) ? swdev->ifindex : 0) ||
	    nla_put_string(msg, VMQ_A_SWITCH_NAME, swdev->name) ||
	    nla_put_u32(msg, VMQ_A_PORT_ID, port->id) ||
	    nla_put_u32(msg, VMQ_A_PORT_IFINDEX,
			net_eq(dev_net(dev), net) ? dev->ifindex : 0) ||
	    nla_put_string(msg, VMQ_A_PORT_NAME, dev->name))
		goto cancel;
	if (cmd == VMQ_CMD_PORT_DEL)
		goto done;

	trunk = vmq_trunk_string(port);
	if (!trunk ||
	    nla_put(msg, VMQ_A_PORT_MAC, ETH_ALEN, dev->dev_addr) ||
	    nla_put_u16(msg, VMQ_A_PORT_VLAN, port->vlan) ||
	    nla_put_string(msg, VMQ_A_PORT_TRUNK, trunk) ||
	    nla_put_u8(msg, VMQ_A_PORT_VMQ, port->vmq) ||
	    nla_put_u32(msg, VMQ_A_PORT_BCAST_LIMIT, port->bcast_limit) ||
	    nla_put_u32(msg, VMQ_A_PORT_BINDING, port->binding) ||
	    nla_put_string(msg, VMQ_A_PORT_BINDING_REASON, port->reason) ||
	    nla_put_u8(msg, VMQ_A_PORT_UP, netif_running(dev)) ||
	    vmq_put_queue(msg, VMQ_A_PORT_QUEUE, &port->queue) ||
	    vmq_put_port_stats(msg, port))
		goto cancel;
	kfree(trunk);
	trunk = kasprintf(GFP_KERNEL, "%*pbl",
			  cpumask_pr_args(port->queue.cpus));
	if (!trunk || nla_put_string(msg, VMQ_A_PORT_CPUS, trunk))
		goto cancel;
done:
	kfree(trunk);
	genlmsg_end(msg, hdr);
	return 0;
cancel:
	kfree(trunk);
	genlmsg_cancel(msg, hdr);
	return -EMSGSIZE;
}

static int vmq_fill_switch(struct sk_buff *msg, struct vmq_switch *sw,
			   u8 cmd, u32 portid, u32 seq, int flags)
{
	struct net_device *dev = sw->dev;
	void *hdr;
	int cpu;

	hdr = genlmsg_put(msg, portid, seq, &vmq_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, VMQ_A_SWITCH_IFINDEX, dev->ifindex) ||
	    nla_put_string(msg, VMQ_A_SWITCH_NAME, dev->name))
		goto cancel;
	if (cmd == VMQ_CMD_SWITCH_DEL)
		goto done;
	cpu = cpumask_first(sw->dflt.cpus);
	if (nla_put_u32(msg, VMQ_A_SWITCH_UPLINK_IFINDEX, sw->uplink->ifindex) ||
	    nla_put_string(msg, VMQ_A_SWITCH_UPLINK_NAME, sw->uplink->name) ||
	    nla_put_u32(msg, VMQ_A_SWITCH_BACKEND, sw->backend) ||
	    nla_put_u8(msg, VMQ_A_SWITCH_VMQ, sw->vmq) ||
	    nla_put_u32(msg, VMQ_A_SWITCH_DEFAULT_QUEUE_LEN, sw->dflt.limit) ||
	    nla_put_s32(msg, VMQ_A_SWITCH_DEFAULT_CPU,
			cpu < nr_cpu_ids ? cpu : -1) ||
	    nla_put_u32(msg, VMQ_A_SWITCH_UNKNOWN_UNICAST,
			sw->unknown_unicast) ||
	    nla_put_u32(msg, VMQ_A_SWITCH_PORT_COUNT, sw->nr_ports) ||
	    vmq_put_queue(msg, VMQ_A_SWITCH_DEFAULT_QUEUE, &sw->dflt))
		goto cancel;
done:
	genlmsg_end(msg, hdr);
	return 0;
cancel:
	genlmsg_cancel(msg, hdr);
	return -EMSGSIZE;
}

static int vmq_reply_port(struct genl_info *info, struct vmq_port *port)
{
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = vmq_fill_port(msg, port, genl_info_net(info), VMQ_CMD_PORT_GET,
			    info->snd_portid, info->snd_seq, 0);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

void vmq_notify_port(struct vmq_port *port, u8 cmd)
{
	struct net *net = dev_net(port->sw->dev);
	struct sk_buff *msg;

	if (!genl_has_listeners(&vmq_family, net, VMQ_MCGRP_EVENTS_ID))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	if (vmq_fill_port(msg, port, net, cmd, 0, 0, 0)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_multicast_netns(&vmq_family, net, msg, 0, VMQ_MCGRP_EVENTS_ID,
				GFP_KERNEL);
}

void vmq_notify_switch(struct vmq_switch *sw, u8 cmd)
{
	struct net *net = dev_net(sw->dev);
	struct sk_buff *msg;

	if (!genl_has_listeners(&vmq_family, net, VMQ_MCGRP_EVENTS_ID))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	if (vmq_fill_switch(msg, sw, cmd, 0, 0, 0)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_multicast_netns(&vmq_family, net, msg, 0, VMQ_MCGRP_EVENTS_ID,
				GFP_KERNEL);
}

static int vmq_nl_switch_get(struct sk_buff *skb, struct genl_info *info)
{
	struct vmq_switch *sw;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	sw = vmq_nl_switch(info);
	err = IS_ERR(sw) ? PTR_ERR(sw) :
	      vmq_fill_switch(msg, sw, VMQ_CMD_SWITCH_GET, info->snd_portid,
			      info->snd_seq, 0);
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* Dumps walk the namespace's netdevs; cb->args[0] counts those done. */
static int vmq_nl_switch_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct net_device *dev;
	long idx = 0;

	rtnl_lock();
	for_each_netdev(net, dev) {
		if (!netif_is_vmq_switch(dev))
			continue;
		if (idx++ < cb->args[0])
			continue;
		if (vmq_fill_switch(skb, netdev_priv(dev), VMQ_CMD_SWITCH_GET,
				    NETLINK_CB(cb->skb).portid,
				    cb->nlh->nlmsg_seq, NLM_F_MULTI)) {
			idx--;
			break;
		}
	}
	rtnl_unlock();
	cb->args[0] = idx;
	return skb->len;
}

static int vmq_nl_switch_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct vmq_switch *sw;
	u32 qlen, unknown;
	bool vmq;
	int cpu, err;

	if (a[VMQ_A_SWITCH_VMQ])
		vmq = nla_get_u8(a[VMQ_A_SWITCH_VMQ]);
	if (a[VMQ_A_SWITCH_DEFAULT_QUEUE_LEN])
		qlen = nla_get_u32(a[VMQ_A_SWITCH_DEFAULT_QUEUE_LEN]);
	if (a[VMQ_A_SWITCH_DEFAULT_CPU])
		cpu = nla_get_s32(a[VMQ_A_SWITCH_DEFAULT_CPU]);
	if (a[VMQ_A_SWITCH_UNKNOWN_UNICAST])
		unknown = nla_get_u32(a[VMQ_A_SWITCH_UNKNOWN_UNICAST]);

	rtnl_lock();
	sw = vmq_nl_switch(info);
	err = IS_ERR(sw) ? PTR_ERR(sw) :
	      vmq_switch_set(sw, a[VMQ_A_SWITCH_VMQ] ? &vmq : NULL,
			     a[VMQ_A_SWITCH_DEFAULT_QUEUE_LEN] ? &qlen : NULL,
			     a[VMQ_A_SWITCH_DEFAULT_CPU] ? &cpu : NULL,
			     a[VMQ_A_SWITCH_UNKNOWN_UNICAST] ? &unknown : NULL,
			     info->extack);
	rtnl_unlock();
	return err;
}

/* A port's settings from a request; release @cfg whatever this returns. */
static int vmq_nl_port_cfg(struct genl_info *info, struct vmq_port_cfg *cfg)
{
	struct nlattr **a = info->attrs;
	int err;

	err = vmq_port_cfg_init(cfg);
	if (err)
		return err;
	if (a[VMQ_A_PORT_MAC]) {
		cfg->has_mac = true;
		ether_addr_copy(cfg->mac, nla_data(a[VMQ_A_PORT_MAC]));
	}
	if (a[VMQ_A_PORT_VLAN]) {
		cfg->has_vlan = true;
		cfg->vlan = nla_get_u16(a[VMQ_A_PORT_VLAN]);
	}
	if (a[VMQ_A_PORT_VMQ]) {
		cfg->has_vmq = true;
		cfg->vmq = nla_get_u8(a[VMQ_A_PORT_VMQ]);
	}
	if (a[VMQ_A_PORT_BCAST_LIMIT]) {
		cfg->has_bcast_limit = true;
		cfg->bcast_limit = nla_get_u32(a[VMQ_A_PORT_BCAST_LIMIT]);
	}
	if (a[VMQ_A_PORT_CPUS]) {
		cfg->has_cpus = true;
		err = vmq_parse_cpus(nla_data(a[VMQ_A_PORT_CPUS]), cfg->cpus,
				     info->extack);
		if (err)
			return err;
	}
	if (a[VMQ_A_PORT_TRUNK]) {
		cfg->has_trunk = true;
		err = vmq_parse_vlans(nla_data(a[VMQ_A_PORT_TRUNK]),
				      &cfg->trunk, info->extack);
	}
	return err;
}

static int vmq_nl_port_new(struct sk_buff *skb, struct genl_info *info)
{
	struct vmq_port_cfg cfg;
	struct vmq_switch *sw;
	struct vmq_port *port;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, VMQ_A_PORT_NAME))
		return -EINVAL;
	err = vmq_nl_port_cfg(info, &cfg);
	if (err)
		goto out;
	rtnl_lock();
	sw = vmq_nl_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
	} else {
		port = vmq_port_create(genl_info_net(info), sw,
				       nla_data(info->attrs[VMQ_A_PORT_NAME]),
				       &cfg, info->extack);
		err = IS_ERR(port) ? PTR_ERR(port) : vmq_reply_port(info, port);
	}
	rtnl_unlock();
out:
	vmq_port_cfg_release(&cfg);
	return err;
}

static int vmq_nl_port_del(struct sk_buff *skb, struct genl_info *info)
{
	struct vmq_port *port;
	int err = 0;

	rtnl_lock();
	port = vmq_nl_port(info);
	if (IS_ERR(port))
		err = PTR_ERR(port);
	else
		vmq_port_delete(port, NULL);
	rtnl_unlock();
	return err;
}

static int vmq_nl_port_get(struct sk_buff *skb, struct genl_info *info)
{
	struct vmq_port *port;
	int err;

	rtnl_lock();
	port = vmq_nl_port(info);
	err = IS_ERR(port) ? PTR_ERR(port) : vmq_reply_port(info, port);
	rtnl_unlock();
	return err;
}

/*
 * Every port of the namespace's switches, or of the one switch the request
 * names. cb->args[0]: switches done; [1]: ports of the current one done.
 */
static int vmq_nl_port_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct nlattr *only = info->attrs[VMQ_A_SWITCH_IFINDEX];
	struct net *net = sock_net(skb->sk);
	struct net_device *dev;
	struct vmq_port *port;
	long sw_idx = 0, port_idx;
	int flags = NLM_F_MULTI;

	if (only)
		flags |= NLM_F_DUMP_FILTERED;
	rtnl_lock();
	for_each_netdev(net, dev) {
		if (!netif_is_vmq_switch(dev) ||
		    (only && dev->ifindex != nla_get_u32(only)))
			continue;
		if (sw_idx++ < cb->args[0])
			continue;
		port_idx = 0;
		list_for_each_entry(port, &((struct vmq_switch *)netdev_priv(dev))->ports,
				    node) {
			if (port_idx++ < cb->args[1])
				continue;
			if (vmq_fill_port(skb, port, net, VMQ_CMD_PORT_GET,
					  NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq, flags)) {
				cb->args[0] = sw_idx - 1;
				cb->args[1] = port_idx - 1;
				goto out;
			}
		}
		cb->args[1] = 0;
	}
	cb->args[0] = sw_idx;
out:
	rtnl_unlock();
	return skb->len;
}

static int vmq_nl_port_set(struct sk_buff *skb, struct genl_info *info)
{
	struct vmq_port_cfg cfg;
	struct vmq_port *port;
	int err;

	err = vmq_nl_port_cfg(info, &cfg);
	if (err)
		goto out;
	rtnl_lock();
	port = vmq_nl_port(info);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
	} else {
		err = vmq_port_apply(port, &cfg, info->extack);
		if (!err)
			vmq_notify_port(port, VMQ_CMD_PORT_CHANGE);
	}
	rtnl_unlock();
out:
	vmq_port_cfg_release(&cfg);
	return err;
}

static const struct genl_ops vmq_ops[] = {
	{
		.cmd	= VMQ_CMD_SWITCH_GET,
		.doit	= vmq_nl_switch_get,
		.dumpit	= vmq_nl_switch_dump,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= VMQ_CMD_SWITCH_SET,
		.doit	= vmq_nl_switch_set,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= VMQ_CMD_PORT_NEW,
		.doit	= vmq_nl_port_new,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= VMQ_CMD_PORT_DEL,
		.doit	= vmq_nl_port_del,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= VMQ_CMD_PORT_GET,
		.doit	= vmq_nl_port_get,
		.dumpit	= vmq_nl_port_dump,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= VMQ_CMD_PORT_SET,
		.doit	= vmq_nl_port_set,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family vmq_family __ro_after_init = {
	.name		= VMQ_GENL_NAME,
	.version	= VMQ_GENL_VERSION,
	.maxattr	= VMQ_A_MAX,
	.policy		= vmq_policy,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.ops		= vmq_ops,
	.n_ops		= ARRAY_SIZE(vmq_ops),
	.resv_start_op	= VMQ_CMD_SWITCH_GET,
	.mcgrps		= vmq_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(vmq_mcgrps),
};

int vmq_netlink_init(void)
{
	return genl_register_family(&vmq_family);
}

void vmq_netlink_exit(void)
{
	genl_unregister_family(&vmq_family);
}
