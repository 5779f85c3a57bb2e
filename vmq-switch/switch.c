// SPDX-License-Identifier: GPL-2.0
/*
 * Switches: "vmqsw" netdevs, one per uplink. A switch takes its uplink's
 * rx_handler (one per netdev, as a bridge or macvlan does, so an uplink
 * serves one switch) and owns its ports, the (MAC, VLAN) table and the
 * default queue. Removing the uplink removes the switch and its ports.
 */

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/slab.h>
#include <net/rtnetlink.h>

#include "vmq.h"

static const struct net_device_ops vmq_switch_netdev_ops;

bool netif_is_vmq_switch(const struct net_device *dev)
{
	return dev->netdev_ops == &vmq_switch_netdev_ops;
}

static int vmq_switch_open(struct net_device *dev)
{
	struct vmq_switch *sw = netdev_priv(dev);

	vmq_queue_start(&sw->dflt);
	return 0;
}

static int vmq_switch_stop(struct net_device *dev)
{
	struct vmq_switch *sw = netdev_priv(dev);

	vmq_queue_stop(&sw->dflt);
	return 0;
}

/* The switch has no traffic of its own: what it sends leaves the uplink. */
static netdev_tx_t vmq_switch_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vmq_switch *sw = netdev_priv(dev);

	skb->dev = sw->uplink;
	dev_queue_xmit(skb);
	return NETDEV_TX_OK;
}

static int vmq_switch_get_iflink(const struct net_device *dev)
{
	const struct vmq_switch *sw = netdev_priv(dev);

	return sw->uplink->ifindex;
}

static int vmq_switch_init(struct net_device *dev)
{
	struct vmq_switch *sw = netdev_priv(dev);
	int err;

	sw->port_ids = bitmap_zalloc(VMQ_MAX_PORTS + 1, GFP_KERNEL);
	if (!sw->port_ids)
		return -ENOMEM;
	err = vmq_queue_init(&sw->dflt, sw->dflt.limit,
			     vmq_default_deliver, NULL);
	if (err) {
		bitmap_free(sw->port_ids);
		return err;
	}
	sw->backend = vmq_hw_backend(sw);
	dev_hold(sw->uplink);
	return 0;
}

static void vmq_switch_uninit(struct net_device *dev)
{
	struct vmq_switch *sw = netdev_priv(dev);

	if (rcu_access_pointer(sw->uplink->rx_handler_data) == sw) {
		netdev_rx_handler_unregister(sw->uplink);
		netdev_upper_dev_unlink(sw->uplink, dev);
		vmq_notify_switch(sw, VMQ_CMD_SWITCH_DEL);
	}
	vmq_queue_destroy(&sw->dflt);
	vmq_hw_switch_destroy(sw);
	bitmap_free(sw->port_ids);
	dev_put(sw->uplink);
}

static const struct net_device_ops vmq_switch_netdev_ops = {
	.ndo_init		= vmq_switch_init,
	.ndo_uninit		= vmq_switch_uninit,
	.ndo_open		= vmq_switch_open,
	.ndo_stop		= vmq_switch_stop,
	.ndo_start_xmit		= vmq_switch_xmit,
	.ndo_get_iflink		= vmq_switch_get_iflink,
};

static void vmq_switch_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &vmq_switch_netdev_ops;
	dev->needs_free_netdev = true;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	/* It lives where its uplink does. */
	dev->features |= NETIF_F_LLTX | NETIF_F_NETNS_LOCAL;
	dev->flags |= IFF_NOARP;
	dev->sysfs_groups[0] = &vmq_switch_sysfs_group;
}

/* Not const: 6.1's NLA_POLICY_FULL_RANGE() takes a plain pointer. */
static struct netlink_range_validation vmq_qlen_range = {
	.min = 1,
	.max = VMQ_QUEUE_LEN_MAX,
};

static const struct nla_policy vmq_switch_link_policy[IFLA_VMQSW_MAX + 1] = {
	[IFLA_VMQSW_DEFAULT_QUEUE_LEN]	= NLA_POLICY_FULL_RANGE(NLA_U32,
							 &vmq_qlen_range),
	[IFLA_VMQSW_UNKNOWN_UNICAST]	= NLA_POLICY_MAX(NLA_U32,
							 VMQ_UNKNOWN_UNICAST_DROP),
};

/* Why @uplink cannot carry a switch, or NULL. */
static const char *vmq_uplink_unfit(const struct net_device *uplink)
{
	if (netif_is_vmq_switch(uplink))
		return "a switch cannot be an uplink";
	if (netif_is_vmq_port(uplink))
		return "a port cannot be an uplink";
	if (uplink->type != ARPHRD_ETHER || uplink->flags & IFF_LOOPBACK)
		return "an uplink must be an Ethernet device";
	if (netdev_is_rx_handler_busy((struct net_device *)uplink))
		return "it has a receive handler already (bridge or bond port, macvlan, switch)";
	return NULL;
}

static int vmq_switch_newlink(struct net *src_net, struct net_device *dev,
			      struct nlattr *tb[], struct nlattr *data[],
			      struct netlink_ext_ack *extack)
{
	struct vmq_switch *sw = netdev_priv(dev);
	struct net_device *uplink;
	const char *why;
	int err;

	if (!tb[IFLA_LINK]) {
		NL_SET_ERR_MSG(extack,
			       "a switch needs its uplink: ip link add link DEV name NAME type vmqsw");
		return -EINVAL;
	}
	uplink = __dev_get_by_index(src_net, nla_get_u32(tb[IFLA_LINK]));
	if (!uplink) {
		NL_SET_ERR_MSG(extack, "no such uplink");
		return -ENODEV;
	}
	why = vmq_uplink_unfit(uplink);
	if (why) {
		nl_extack_fmt(extack, "%s: %s", uplink->name, why);
		return netdev_is_rx_handler_busy(uplink) ? -EBUSY : -EINVAL;
	}

	sw->dev = dev;
	sw->uplink = uplink;
	INIT_LIST_HEAD(&sw->ports);
	sw->vmq = true;
	sw->dflt.limit = VMQ_DEFAULT_QUEUE_LEN;
	if (data && data[IFLA_VMQSW_DEFAULT_QUEUE_LEN])
		sw->dflt.limit = nla_get_u32(data[IFLA_VMQSW_DEFAULT_QUEUE_LEN]);
	if (data && data[IFLA_VMQSW_UNKNOWN_UNICAST])
		sw->unknown_unicast =
			nla_get_u32(data[IFLA_VMQSW_UNKNOWN_UNICAST]);
	dev->mtu = uplink->mtu;
	dev->max_mtu = uplink->mtu;
	if (!tb[IFLA_ADDRESS])
		eth_hw_addr_random(dev);

	err = register_netdevice(dev);
	if (err)
		return err;
	err = netdev_upper_dev_link(uplink, dev, extack);
	if (err)
		goto unregister;
	err = netdev_rx_handler_register(uplink, vmq_handle_frame, sw);
	if (err) {
		netdev_upper_dev_unlink(uplink, dev);
		goto unregister;
	}
	netif_stacked_transfer_operstate(uplink, dev);
	vmq_notify_switch(sw, VMQ_CMD_SWITCH_NEW);
	return 0;

unregister:
	unregister_netdevice(dev);
	return err;
}

/* A switch goes with its ports. */
static void vmq_switch_dellink(struct net_device *dev, struct list_head *head)
{
	struct vmq_switch *sw = netdev_priv(dev);
	struct vmq_port *port;

	list_for_each_entry(port, &sw->ports, node)
		vmq_port_delete(port, head);
	unregister_netdevice_queue(dev, head);
}

static int vmq_switch_changelink(struct net_device *dev, struct nlattr *tb[],
				 struct nlattr *data[],
				 struct netlink_ext_ack *extack)
{
	u32 qlen = 0, unknown = 0;

	if (!data)
		return 0;
	if (data[IFLA_VMQSW_DEFAULT_QUEUE_LEN])
		qlen = nla_get_u32(data[IFLA_VMQSW_DEFAULT_QUEUE_LEN]);
	if (data[IFLA_VMQSW_UNKNOWN_UNICAST])
		unknown = nla_get_u32(data[IFLA_VMQSW_UNKNOWN_UNICAST]);
	return vmq_switch_set(netdev_priv(dev), NULL,
			      data[IFLA_VMQSW_DEFAULT_QUEUE_LEN] ? &qlen : NULL,
			      NULL,
			      data[IFLA_VMQSW_UNKNOWN_UNICAST] ? &unknown : NULL,
			      extack);
}

static size_t vmq_switch_get_size(const struct net_device *dev)
{
	return 2 * nla_total_size(sizeof(u32));
}

static int vmq_switch_fill_info(struct sk_buff *skb,
				const struct net_device *dev)
{
	const struct vmq_switch *sw = netdev_priv(dev);

	if (nla_put_u32(skb, IFLA_VMQSW_DEFAULT_QUEUE_LEN, sw->dflt.limit) ||
	    nla_put_u32(skb, IFLA_VMQSW_UNKNOWN_UNICAST, sw->unknown_unicast))
		return -EMSGSIZE;
	return 0;
}

struct rtnl_link_ops vmq_switch_link_ops = {
	.kind		= VMQ_SWITCH_KIND,
	.priv_size	= sizeof(struct vmq_switch),
	.setup		= vmq_switch_setup,
	.maxtype	= IFLA_VMQSW_MAX,
	.policy		= vmq_switch_link_policy,
	.newlink	= vmq_switch_newlink,
	.changelink	= vmq_switch_changelink,
	.dellink	= vmq_switch_dellink,
	.get_size	= vmq_switch_get_size,
	.fill_info	= vmq_switch_fill_info,
};

/* Change a switch's settings; NULL leaves one as it is. Under RTNL. */
int vmq_switch_set(struct vmq_switch *sw, const bool *vmq, const u32 *qlen,
		   const int *cpu, const u32 *unknown,
		   struct netlink_ext_ack *extack)
{
	struct vmq_port *port;

	ASSERT_RTNL();
	if (cpu && *cpu >= 0 &&
	    (*cpu >= nr_cpu_ids || !cpu_possible(*cpu))) {
		nl_extack_fmt(extack, "CPU %d does not exist", *cpu);
		return -EINVAL;
	}
	if (qlen && (!*qlen || *qlen > VMQ_QUEUE_LEN_MAX)) {
		nl_extack_fmt(extack, "a queue holds 1 to %u frames",
			      VMQ_QUEUE_LEN_MAX);
		return -EINVAL;
	}
	if (unknown && *unknown > VMQ_UNKNOWN_UNICAST_DROP) {
		NL_SET_ERR_MSG(extack, "unknown unicast policy is host, flood or drop");
		return -EINVAL;
	}

	if (qlen)
		WRITE_ONCE(sw->dflt.limit, *qlen);
	if (cpu)
		vmq_queue_set_cpu(&sw->dflt, *cpu);
	if (unknown)
		WRITE_ONCE(sw->unknown_unicast, *unknown);
	if (vmq && *vmq != sw->vmq) {
		WRITE_ONCE(sw->vmq, *vmq);
		list_for_each_entry(port, &sw->ports, node) {
			vmq_port_switch_changed(port);
			vmq_notify_port(port, VMQ_CMD_PORT_CHANGE);
		}
	}
	vmq_notify_switch(sw, VMQ_CMD_SWITCH_CHANGE);
	return 0;
}

static int vmq_uplink_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vmq_switch *sw;
	LIST_HEAD(kill);

	if (rcu_access_pointer(dev->rx_handler) != vmq_handle_frame)
		return NOTIFY_DONE;
	sw = rtnl_dereference(dev->rx_handler_data);

	switch (event) {
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		netif_stacked_transfer_operstate(dev, sw->dev);
		break;
	case NETDEV_UNREGISTER:
		/* The uplink goes: so do its switch and the switch's ports. */
		if (dev->reg_state != NETREG_UNREGISTERING)
			break;
		vmq_switch_dellink(sw->dev, &kill);
		unregister_netdevice_many(&kill);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block vmq_uplink_notifier = {
	.notifier_call = vmq_uplink_event,
};

int vmq_switch_notifier_init(void)
{
	return register_netdevice_notifier(&vmq_uplink_notifier);
}

void vmq_switch_notifier_exit(void)
{
	unregister_netdevice_notifier(&vmq_uplink_notifier);
}
