// SPDX-License-Identifier: GPL-2.0
/*
 * VM ports: "vmqport" netdevs on a switch. Each has a MAC, an access VLAN
 * and optionally trunk VLANs, a receive queue served by the CPUs it names,
 * and per-CPU counters. A port can live in another network namespace than
 * its switch (a container's, a test's).
 */

#include <linux/etherdevice.h>
#include <linux/slab.h>
#include <net/rtnetlink.h>

#include "vmq.h"

static const struct net_device_ops vmq_port_netdev_ops;

bool netif_is_vmq_port(const struct net_device *dev)
{
	return dev->netdev_ops == &vmq_port_netdev_ops;
}

int vmq_parse_cpus(const char *list, struct cpumask *cpus,
		   struct netlink_ext_ack *extack)
{
	if (cpulist_parse(list, cpus)) {
		nl_extack_fmt(extack, "'%.32s' is not a list of existing CPUs",
			      list);
		return -EINVAL;
	}
	return 0;
}

/* A VLAN list ("10,20-30"); "" gives NULL, no trunk. */
int vmq_parse_vlans(const char *list, struct vmq_vlans **out,
		    struct netlink_ext_ack *extack)
{
	struct vmq_vlans *v;

	*out = NULL;
	if (!*list)
		return 0;
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	if (bitmap_parselist(list, v->map, VLAN_N_VID) ||
	    test_bit(0, v->map) || test_bit(VLAN_N_VID - 1, v->map)) {
		kfree(v);
		nl_extack_fmt(extack, "trunk '%.32s': VLANs are 1-4094", list);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

int vmq_port_cfg_init(struct vmq_port_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	return zalloc_cpumask_var(&cfg->cpus, GFP_KERNEL) ? 0 : -ENOMEM;
}

void vmq_port_cfg_release(struct vmq_port_cfg *cfg)
{
	kfree(cfg->trunk);
	free_cpumask_var(cfg->cpus);
}

static int vmq_check_mac(const u8 *mac, struct netlink_ext_ack *extack)
{
	if (!is_valid_ether_addr(mac)) {
		nl_extack_fmt(extack, "MAC %pM: a port needs a unicast, non-zero MAC",
			      mac);
		return -EADDRNOTAVAIL;
	}
	return 0;
}

/*
 * Check @cfg against @port and the other ports of its switch, changing
 * nothing; on success @entries holds the port's table entries to be.
 */
static int vmq_port_check(struct vmq_port *port, struct vmq_port_cfg *cfg,
			  struct list_head *entries,
			  struct netlink_ext_ack *extack)
{
	const u8 *mac = cfg->has_mac ? cfg->mac : port->dev->dev_addr;
	u16 vlan = cfg->has_vlan ? cfg->vlan : port->vlan;
	const struct vmq_vlans *trunk;
	int err;

	ASSERT_RTNL();
	if (cfg->has_mac) {
		err = vmq_check_mac(cfg->mac, extack);
		if (err)
			return err;
	}
	if (cfg->has_vlan && vlan >= VLAN_N_VID - 1) {
		nl_extack_fmt(extack, "VLAN %u: VLANs are 1-4094 (0: untagged)",
			      vlan);
		return -EINVAL;
	}
	trunk = cfg->has_trunk ? cfg->trunk : rtnl_dereference(port->trunk);
	return vmq_fdb_build(port, mac, vlan, trunk, entries, extack);
}

static void vmq_port_update_binding(struct vmq_port *port)
{
	struct vmq_switch *sw = port->sw;

	if (!port->vmq || !sw->vmq) {
		WRITE_ONCE(port->binding, VMQ_BINDING_DEFAULT);
		WRITE_ONCE(port->reason, port->vmq ? "VMQ is off for the switch" :
						     "VMQ is off for the port");
	} else if (port->hw != VMQ_BINDING_SW) {
		WRITE_ONCE(port->binding, port->hw);
		WRITE_ONCE(port->reason, "");
	} else {
		WRITE_ONCE(port->binding, VMQ_BINDING_SW);
		WRITE_ONCE(port->reason, port->hw_reason ?:
			   sw->backend == VMQ_BINDING_SW ?
			   "the uplink offers no hardware queues" :
			   "the port is down: it holds no hardware queue");
	}
}

/* Bind the port again by what it now is (up or down, MAC, VLAN, VMQ). */
static void vmq_port_rebind(struct vmq_port *port)
{
	vmq_hw_unbind(port);
	port->hw_reason = NULL;
	vmq_hw_bind(port);
	vmq_port_update_binding(port);
}

/* Make @cfg, checked into @entries, the port's. Cannot fail. */
static void vmq_port_commit(struct vmq_port *port, struct vmq_port_cfg *cfg,
			    struct list_head *entries)
{
	struct net_device *dev = port->dev;
	struct vmq_vlans *old;

	if (cfg->has_mac && !ether_addr_equal(cfg->mac, dev->dev_addr)) {
		eth_hw_addr_set(dev, cfg->mac);
		if (dev->reg_state == NETREG_REGISTERED)
			call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
	}
	if (cfg->has_vlan)
		WRITE_ONCE(port->vlan, cfg->vlan);
	if (cfg->has_trunk) {
		old = rtnl_dereference(port->trunk);
		rcu_assign_pointer(port->trunk, cfg->trunk);
		cfg->trunk = NULL;
		if (old)
			kfree_rcu(old, rcu);
	}
	vmq_fdb_replace(port, entries);
	if (cfg->has_cpus)
		vmq_queue_set_cpus(&port->queue, cfg->cpus);
	if (cfg->has_vmq)
		WRITE_ONCE(port->vmq, cfg->vmq);
	if (cfg->has_bcast_limit)
		WRITE_ONCE(port->bcast_limit, cfg->bcast_limit);
	/* A hardware queue follows the MAC, the VLAN and the VMQ switch. */
	if (cfg->has_mac || cfg->has_vlan || cfg->has_trunk || cfg->has_vmq)
		vmq_port_rebind(port);
	else
		vmq_port_update_binding(port);
}

/*
 * Apply @cfg to a registered @port, all or nothing. Takes @cfg->trunk on
 * success. Under RTNL.
 */
int vmq_port_apply(struct vmq_port *port, struct vmq_port_cfg *cfg,
		   struct netlink_ext_ack *extack)
{
	struct net_device *dev = port->dev, *uplink = port->sw->uplink;
	LIST_HEAD(entries);
	int err;

	err = vmq_port_check(port, cfg, &entries, extack);
	if (err)
		return err;
	/* The uplink must pass the new MAC up; the last step that can fail. */
	if (cfg->has_mac && netif_running(dev) &&
	    !ether_addr_equal(cfg->mac, dev->dev_addr)) {
		err = dev_uc_add(uplink, cfg->mac);
		if (err) {
			vmq_fdb_free_list(&entries);
			NL_SET_ERR_MSG(extack, "the uplink refused the new MAC");
			return err;
		}
		dev_uc_del(uplink, dev->dev_addr);
	}
	vmq_port_commit(port, cfg, &entries);
	return 0;
}

/* Switch VMQ on or off changes every port's binding. */
void vmq_port_switch_changed(struct vmq_port *port)
{
	vmq_port_rebind(port);
}

void vmq_port_get_stats(const struct vmq_port *port,
			struct vmq_port_stats *st)
{
	u64 qpackets, qdrops;
	unsigned int start;
	int cpu;

	memset(st, 0, sizeof(*st));
	for_each_possible_cpu(cpu) {
		const struct vmq_port_pcpu *p = per_cpu_ptr(port->stats, cpu);
		struct vmq_port_stats c;

		do {
			start = u64_stats_fetch_begin(&p->syncp);
			c.rx_packets = u64_stats_read(&p->rx_packets);
			c.rx_bytes = u64_stats_read(&p->rx_bytes);
			c.tx_packets = u64_stats_read(&p->tx_packets);
			c.tx_bytes = u64_stats_read(&p->tx_bytes);
			c.rx_drops = u64_stats_read(&p->rx_drops);
			c.tx_drops = u64_stats_read(&p->tx_drops);
			c.rx_hw = u64_stats_read(&p->rx_hw);
			c.rx_sw = u64_stats_read(&p->rx_sw);
			c.rx_bcast = u64_stats_read(&p->rx_bcast);
			c.bcast_drops = u64_stats_read(&p->bcast_drops);
		} while (u64_stats_fetch_retry(&p->syncp, start));
		st->rx_packets += c.rx_packets;
		st->rx_bytes += c.rx_bytes;
		st->tx_packets += c.tx_packets;
		st->tx_bytes += c.tx_bytes;
		st->rx_drops += c.rx_drops;
		st->tx_drops += c.tx_drops;
		st->rx_hw += c.rx_hw;
		st->rx_sw += c.rx_sw;
		st->rx_bcast += c.rx_bcast;
		st->bcast_drops += c.bcast_drops;
	}
	/* What a NIC pool delivered, it counted in the macvlan_dev. */
	for_each_possible_cpu(cpu) {
		const struct vlan_pcpu_stats *p =
			per_cpu_ptr(port->mv.pcpu_stats, cpu);
		u64 packets, bytes;

		do {
			start = u64_stats_fetch_begin(&p->syncp);
			packets = u64_stats_read(&p->rx_packets);
			bytes = u64_stats_read(&p->rx_bytes);
		} while (u64_stats_fetch_retry(&p->syncp, start));
		st->rx_packets += packets;
		st->rx_bytes += bytes;
		st->rx_hw += packets;
	}
	/* A frame dropped by a full queue is a frame the port lost. */
	vmq_queue_totals(&port->queue, &qpackets, &qdrops);
	st->rx_drops += qdrops;
}

static void vmq_port_get_stats64(struct net_device *dev,
				 struct rtnl_link_stats64 *s)
{
	struct vmq_port_stats st;

	vmq_port_get_stats(netdev_priv(dev), &st);
	s->rx_packets = st.rx_packets;
	s->rx_bytes = st.rx_bytes;
	s->tx_packets = st.tx_packets;
	s->tx_bytes = st.tx_bytes;
	s->rx_dropped = st.rx_drops + st.bcast_drops;
	s->tx_dropped = st.tx_drops;
	s->multicast = st.rx_bcast;
}

static int vmq_port_open(struct net_device *dev)
{
	struct vmq_port *port = netdev_priv(dev);
	struct net_device *uplink = port->sw->uplink;
	int err;

	err = dev_uc_add(uplink, dev->dev_addr);
	if (err)
		return err;
	if (dev->flags & IFF_ALLMULTI) {
		err = dev_set_allmulti(uplink, 1);
		if (err) {
			dev_uc_del(uplink, dev->dev_addr);
			return err;
		}
	}
	vmq_queue_start(&port->queue);
	vmq_port_rebind(port);
	netif_carrier_on(dev);
	return 0;
}

static int vmq_port_stop(struct net_device *dev)
{
	struct vmq_port *port = netdev_priv(dev);
	struct net_device *uplink = port->sw->uplink;

	netif_carrier_off(dev);
	/* Running no more: rebinding lets go of the hardware queue. */
	vmq_port_rebind(port);
	vmq_queue_stop(&port->queue);
	dev_mc_unsync(uplink, dev);
	if (dev->flags & IFF_ALLMULTI)
		dev_set_allmulti(uplink, -1);
	dev_uc_del(uplink, dev->dev_addr);
	return 0;
}

static void vmq_port_change_rx_flags(struct net_device *dev, int change)
{
	struct vmq_port *port = netdev_priv(dev);

	if ((change & IFF_ALLMULTI) && (dev->flags & IFF_UP))
		dev_set_allmulti(port->sw->uplink,
				 dev->flags & IFF_ALLMULTI ? 1 : -1);
}

/*
 * The multicast groups the port joins, the uplink must receive, and the
 * switch replicates to it: only those.
 */
static void vmq_port_set_rx_mode(struct net_device *dev)
{
	struct vmq_port *port = netdev_priv(dev);
	DECLARE_BITMAP(filter, VMQ_MC_FILTER_SIZE);
	struct netdev_hw_addr *ha;

	/*
	 * Sync first: a group the port left stays on its list, held by the
	 * sync, until the sync drops it from the uplink and the list.
	 */
	dev_mc_sync(port->sw->uplink, dev);
	if (dev->flags & (IFF_PROMISC | IFF_ALLMULTI)) {
		bitmap_fill(filter, VMQ_MC_FILTER_SIZE);
	} else {
		bitmap_zero(filter, VMQ_MC_FILTER_SIZE);
		__set_bit(vmq_mc_hash(dev->broadcast), filter);
		netdev_for_each_mc_addr(ha, dev)
			__set_bit(vmq_mc_hash(ha->addr), filter);
	}
	bitmap_copy(port->mc_filter, filter, VMQ_MC_FILTER_SIZE);
}

static int vmq_port_set_mac(struct net_device *dev, void *p)
{
	struct vmq_port *port = netdev_priv(dev);
	struct sockaddr *addr = p;
	struct vmq_port_cfg cfg;
	int err;

	err = vmq_port_cfg_init(&cfg);
	if (err)
		return err;
	cfg.has_mac = true;
	ether_addr_copy(cfg.mac, addr->sa_data);
	err = vmq_port_apply(port, &cfg, NULL);
	vmq_port_cfg_release(&cfg);
	if (!err)
		vmq_notify_port(port, VMQ_CMD_PORT_CHANGE);
	return err;
}

static int vmq_port_change_mtu(struct net_device *dev, int mtu)
{
	struct vmq_port *port = netdev_priv(dev);

	if (mtu > port->sw->uplink->mtu)
		return -EINVAL;
	dev->mtu = mtu;
	return 0;
}

static struct net_device *vmq_port_get_iflink_dev(const struct net_device *dev)
{
	const struct vmq_port *port = netdev_priv(dev);

	return port->sw->dev;
}

static int vmq_port_get_iflink(const struct net_device *dev)
{
	return vmq_port_get_iflink_dev(dev)->ifindex;
}

static int vmq_port_init(struct net_device *dev)
{
	struct vmq_port *port = netdev_priv(dev);
	int err, cpu;

	port->stats = netdev_alloc_pcpu_stats(struct vmq_port_pcpu);
	if (!port->stats)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(port->stats, cpu)->queue.syncp);
	port->mv.pcpu_stats = netdev_alloc_pcpu_stats(struct vlan_pcpu_stats);
	if (!port->mv.pcpu_stats)
		goto free_stats;
	err = vmq_queue_init(&port->queue, VMQ_PORT_QUEUE_LEN,
			     vmq_port_queue_deliver, &port->stats->queue);
	if (err)
		goto free_mv_stats;
	port->mv.dev = dev;
	port->mv.lowerdev = port->sw->uplink;
	/* Until it is up and says which groups it wants: broadcast. */
	__set_bit(vmq_mc_hash(dev->broadcast), port->mc_filter);
	port->mv.mode = MACVLAN_MODE_PRIVATE;
	return 0;

free_mv_stats:
	free_percpu(port->mv.pcpu_stats);
free_stats:
	free_percpu(port->stats);
	return -ENOMEM;
}

static void vmq_port_uninit(struct net_device *dev)
{
	struct vmq_port *port = netdev_priv(dev);
	struct vmq_switch *sw = port->sw;
	LIST_HEAD(none);

	/* A port that made it onto its switch leaves the data path first. */
	if (port->id) {
		list_del_rcu(&port->node);
		vmq_fdb_replace(port, &none);
		sw->nr_ports--;
		clear_bit(port->id, sw->port_ids);
		netdev_upper_dev_unlink(sw->dev, dev);
		vmq_notify_port(port, VMQ_CMD_PORT_DEL);
		synchronize_net();
	}
	vmq_queue_destroy(&port->queue);
	kfree(rcu_dereference_protected(port->trunk, true));
	free_percpu(port->mv.pcpu_stats);
	free_percpu(port->stats);
}

static const struct net_device_ops vmq_port_netdev_ops = {
	.ndo_init		= vmq_port_init,
	.ndo_uninit		= vmq_port_uninit,
	.ndo_open		= vmq_port_open,
	.ndo_stop		= vmq_port_stop,
	.ndo_start_xmit		= vmq_port_xmit,
	.ndo_change_rx_flags	= vmq_port_change_rx_flags,
	.ndo_set_rx_mode	= vmq_port_set_rx_mode,
	.ndo_set_mac_address	= vmq_port_set_mac,
	.ndo_change_mtu		= vmq_port_change_mtu,
	.ndo_get_stats64	= vmq_port_get_stats64,
	.ndo_get_iflink		= vmq_port_get_iflink,
	.ndo_features_check	= passthru_features_check,
};

/*
 * Other kinds of port (vmqtap) take everything of a vmqport but their
 * rtnl_link_ops: the attributes are a port's.
 */
void vmq_port_link_ops_fill(struct rtnl_link_ops *ops)
{
	ops->maxtype = vmq_port_link_ops.maxtype;
	ops->policy = vmq_port_link_ops.policy;
	ops->validate = vmq_port_link_ops.validate;
	ops->changelink = vmq_port_link_ops.changelink;
	ops->get_size = vmq_port_link_ops.get_size;
	ops->fill_info = vmq_port_link_ops.fill_info;
	ops->get_link_net = vmq_port_link_ops.get_link_net;
}
EXPORT_SYMBOL_GPL(vmq_port_link_ops_fill);

#define VMQ_PORT_FEATURES (NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_RXCSUM | \
			   NETIF_F_HIGHDMA | NETIF_F_GSO_SOFTWARE | \
			   NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_STAG_TX)

void vmq_port_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &vmq_port_netdev_ops;
	dev->needs_free_netdev = true;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->features |= VMQ_PORT_FEATURES | NETIF_F_LLTX;
	dev->hw_features |= VMQ_PORT_FEATURES;
	dev->vlan_features = dev->features & ~(NETIF_F_HW_VLAN_CTAG_TX |
					       NETIF_F_HW_VLAN_STAG_TX);
	dev->sysfs_groups[0] = &vmq_port_sysfs_group;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
}
EXPORT_SYMBOL_GPL(vmq_port_setup);

/*
 * The part of creating a port shared by rtnetlink and generic netlink:
 * @dev is allocated (vmq_port_setup), not registered. Everything that can
 * be refused is checked before the netdev is registered. Under RTNL.
 */
static int vmq_port_register(struct net_device *dev, struct vmq_switch *sw,
			     struct vmq_port_cfg *cfg,
			     struct netlink_ext_ack *extack)
{
	struct vmq_port *port = netdev_priv(dev);
	LIST_HEAD(entries);
	u32 id;
	int err;

	if (sw->nr_ports >= VMQ_MAX_PORTS) {
		nl_extack_fmt(extack, "switch %s has %u ports, the most it takes",
			      sw->dev->name, VMQ_MAX_PORTS);
		return -ENOSPC;
	}
	port->dev = dev;
	port->sw = sw;
	port->vmq = true;
	INIT_LIST_HEAD(&port->fdb);
	INIT_LIST_HEAD(&port->node);
	spin_lock_init(&port->bcast_lock);
	if (!cfg->has_mac && !is_valid_ether_addr(dev->dev_addr))
		eth_hw_addr_random(dev);
	dev->mtu = sw->uplink->mtu;
	dev->max_mtu = sw->uplink->mtu;

	err = vmq_port_check(port, cfg, &entries, extack);
	if (err)
		return err;
	if (cfg->has_mac)
		eth_hw_addr_set(dev, cfg->mac);
	err = register_netdevice(dev);
	if (err) {
		vmq_fdb_free_list(&entries);
		return err;
	}
	err = netdev_upper_dev_link(sw->dev, dev, extack);
	if (err) {
		vmq_fdb_free_list(&entries);
		unregister_netdevice(dev);
		return err;
	}
	/* ndo_uninit undoes these. */
	id = find_next_zero_bit(sw->port_ids, VMQ_MAX_PORTS + 1, 1);
	port->id = id;
	set_bit(id, sw->port_ids);
	sw->nr_ports++;
	vmq_port_commit(port, cfg, &entries);
	list_add_tail_rcu(&port->node, &sw->ports);
	netif_carrier_off(dev);
	vmq_notify_port(port, VMQ_CMD_PORT_NEW);
	return 0;
}

static const struct nla_policy vmq_port_link_policy[IFLA_VMQPORT_MAX + 1] = {
	[IFLA_VMQPORT_VLAN]		= NLA_POLICY_MAX(NLA_U16, VLAN_N_VID - 2),
	[IFLA_VMQPORT_CPUS]		= { .type = NLA_NUL_STRING,
					    .len = VMQ_LIST_MAX - 1 },
	[IFLA_VMQPORT_VMQ]		= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_VMQPORT_BCAST_LIMIT]	= { .type = NLA_U32 },
	[IFLA_VMQPORT_TRUNK]		= { .type = NLA_NUL_STRING,
					    .len = VMQ_LIST_MAX - 1 },
};

static int vmq_port_cfg_from_link(struct vmq_port_cfg *cfg,
				  struct nlattr *tb[], struct nlattr *data[],
				  struct netlink_ext_ack *extack)
{
	int err;

	if (tb && tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN)
			return -EINVAL;
		cfg->has_mac = true;
		ether_addr_copy(cfg->mac, nla_data(tb[IFLA_ADDRESS]));
	}
	if (!data)
		return 0;
	if (data[IFLA_VMQPORT_VLAN]) {
		cfg->has_vlan = true;
		cfg->vlan = nla_get_u16(data[IFLA_VMQPORT_VLAN]);
	}
	if (data[IFLA_VMQPORT_CPUS]) {
		cfg->has_cpus = true;
		err = vmq_parse_cpus(nla_data(data[IFLA_VMQPORT_CPUS]),
				     cfg->cpus, extack);
		if (err)
			return err;
	}
	if (data[IFLA_VMQPORT_VMQ]) {
		cfg->has_vmq = true;
		cfg->vmq = nla_get_u8(data[IFLA_VMQPORT_VMQ]);
	}
	if (data[IFLA_VMQPORT_BCAST_LIMIT]) {
		cfg->has_bcast_limit = true;
		cfg->bcast_limit = nla_get_u32(data[IFLA_VMQPORT_BCAST_LIMIT]);
	}
	if (data[IFLA_VMQPORT_TRUNK]) {
		cfg->has_trunk = true;
		err = vmq_parse_vlans(nla_data(data[IFLA_VMQPORT_TRUNK]),
				      &cfg->trunk, extack);
		if (err)
			return err;
	}
	return 0;
}

static int vmq_port_validate(struct nlattr *tb[], struct nlattr *data[],
			     struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN) {
			NL_SET_ERR_MSG(extack, "a MAC is 6 bytes");
			return -EINVAL;
		}
		return vmq_check_mac(nla_data(tb[IFLA_ADDRESS]), extack);
	}
	return 0;
}

int vmq_port_newlink(struct net *src_net, struct net_device *dev,
		     struct nlattr *tb[], struct nlattr *data[],
		     struct netlink_ext_ack *extack)
{
	struct net_device *swdev;
	struct vmq_port_cfg cfg;
	int err;

	if (!tb[IFLA_LINK]) {
		NL_SET_ERR_MSG(extack,
			       "a port needs its switch: ip link add link SWITCH ... type vmqport");
		return -EINVAL;
	}
	swdev = __dev_get_by_index(src_net, nla_get_u32(tb[IFLA_LINK]));
	if (!swdev) {
		NL_SET_ERR_MSG(extack, "no such switch");
		return -ENODEV;
	}
	if (!netif_is_vmq_switch(swdev)) {
		nl_extack_fmt(extack, "%s is not a vmqsw switch: a port belongs to one switch",
			      swdev->name);
		return -EINVAL;
	}
	err = vmq_port_cfg_init(&cfg);
	if (err)
		return err;
	err = vmq_port_cfg_from_link(&cfg, tb, data, extack);
	if (!err)
		err = vmq_port_register(dev, netdev_priv(swdev), &cfg, extack);
	vmq_port_cfg_release(&cfg);
	return err;
}
EXPORT_SYMBOL_GPL(vmq_port_newlink);

/*
 * Queue a port's netdev for removal, through its kind's dellink: a tap
 * port has its queues to close first.
 */
void vmq_port_delete(struct vmq_port *port, struct list_head *head)
{
	const struct rtnl_link_ops *ops = port->dev->rtnl_link_ops;

	if (ops && ops->dellink)
		ops->dellink(port->dev, head);
	else
		unregister_netdevice_queue(port->dev, head);
}

/* A frame dropped on its way out of (@rx: into) a port's tap, say. */
void vmq_port_count_drop(struct vmq_port *port, bool rx)
{
	struct vmq_port_pcpu *st = this_cpu_ptr(port->stats);

	vmq_stats_inc(&st->syncp, rx ? &st->rx_drops : &st->tx_drops, NULL, 0);
}
EXPORT_SYMBOL_GPL(vmq_port_count_drop);

static int vmq_port_changelink(struct net_device *dev, struct nlattr *tb[],
			       struct nlattr *data[],
			       struct netlink_ext_ack *extack)
{
	struct vmq_port *port = netdev_priv(dev);
	struct vmq_port_cfg cfg;
	int err;

	err = vmq_port_cfg_init(&cfg);
	if (err)
		return err;
	/* rtnetlink sets IFLA_ADDRESS itself, through ndo_set_mac_address. */
	err = vmq_port_cfg_from_link(&cfg, NULL, data, extack);
	if (!err)
		err = vmq_port_apply(port, &cfg, extack);
	vmq_port_cfg_release(&cfg);
	if (!err)
		vmq_notify_port(port, VMQ_CMD_PORT_CHANGE);
	return err;
}

static size_t vmq_port_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u16)) +	/* VLAN */
	       nla_total_size(sizeof(u8)) +	/* VMQ */
	       nla_total_size(sizeof(u32));	/* BCAST_LIMIT */
}

static int vmq_port_fill_info(struct sk_buff *skb,
			      const struct net_device *dev)
{
	const struct vmq_port *port = netdev_priv(dev);

	if (nla_put_u16(skb, IFLA_VMQPORT_VLAN, port->vlan) ||
	    nla_put_u8(skb, IFLA_VMQPORT_VMQ, port->vmq) ||
	    nla_put_u32(skb, IFLA_VMQPORT_BCAST_LIMIT, port->bcast_limit))
		return -EMSGSIZE;
	return 0;
}

static struct net *vmq_port_get_link_net(const struct net_device *dev)
{
	return dev_net(vmq_port_get_iflink_dev(dev));
}

struct rtnl_link_ops vmq_port_link_ops = {
	.kind		= VMQ_PORT_KIND,
	.priv_size	= sizeof(struct vmq_port),
	.setup		= vmq_port_setup,
	.maxtype	= IFLA_VMQPORT_MAX,
	.policy		= vmq_port_link_policy,
	.validate	= vmq_port_validate,
	.newlink	= vmq_port_newlink,
	.changelink	= vmq_port_changelink,
	.get_size	= vmq_port_get_size,
	.fill_info	= vmq_port_fill_info,
	.get_link_net	= vmq_port_get_link_net,
};

/* A port made by generic netlink (VMQ_CMD_PORT_NEW), in @net. */
struct vmq_port *vmq_port_create(struct net *net, struct vmq_switch *sw,
				 const char *name, struct vmq_port_cfg *cfg,
				 struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	int err;

	ASSERT_RTNL();
	if (__dev_get_by_name(net, name)) {
		nl_extack_fmt(extack, "a netdev named %s exists", name);
		return ERR_PTR(-EEXIST);
	}
	dev = alloc_netdev(sizeof(struct vmq_port), name, NET_NAME_USER,
			   vmq_port_setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev_net_set(dev, net);
	dev->rtnl_link_ops = &vmq_port_link_ops;
	err = vmq_port_register(dev, sw, cfg, extack);
	if (err) {
		/* Defers itself if the netdev is still being unregistered. */
		free_netdev(dev);
		return ERR_PTR(err);
	}
	return netdev_priv(dev);
}
