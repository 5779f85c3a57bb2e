// SPDX-License-Identifier: GPL-2.0
/*
 * The hw-flow backend: an ethtool RX classification rule per port
 * (ETHER_FLOW, destination MAC, and VLAN through FLOW_EXT) steering its
 * frames to a ring of its own, as mlx5, mlx4 and sfc offer. Ring 0 stays
 * the default queue (RSS, broadcast, unmatched). The switch inserts and
 * removes its rules itself, under RTNL as the ethtool ioctl does, at the
 * top of the uplink's rule table.
 *
 * The steered frames still pass the uplink's rx_handler, on the ring's
 * CPU, which maps the ring to its port without a table lookup.
 */

#include <linux/ethtool.h>
#include <linux/etherdevice.h>
#include <linux/slab.h>

#include "vmq.h"

static int vmq_flow_get(struct net_device *uplink, u32 cmd, u64 *data,
			u32 *count)
{
	struct ethtool_rxnfc info = { .cmd = cmd };
	int err;

	err = uplink->ethtool_ops->get_rxnfc(uplink, &info, NULL);
	if (err)
		return err;
	*data = info.data;
	if (count)
		*count = info.rule_cnt;
	return 0;
}

/*
 * Whether the uplink can steer by flow rules: it has the ethtool hooks,
 * the admin turned ntuple filters on, and it has rings beyond ring 0.
 * Sizes the ring map.
 */
int vmq_flow_probe(struct vmq_switch *sw)
{
	struct net_device *uplink = sw->uplink;
	const struct ethtool_ops *ops = uplink->ethtool_ops;
	u64 rings, table;
	u32 rules;

	if (!ops || !ops->get_rxnfc || !ops->set_rxnfc ||
	    !(uplink->features & NETIF_F_NTUPLE))
		return -EOPNOTSUPP;
	if (vmq_flow_get(uplink, ETHTOOL_GRXRINGS, &rings, NULL) ||
	    vmq_flow_get(uplink, ETHTOOL_GRXCLSRLCNT, &table, &rules) ||
	    rings < 2 || !table)
		return -EOPNOTSUPP;
	sw->rings = kcalloc(rings, sizeof(*sw->rings), GFP_KERNEL);
	if (!sw->rings)
		return -ENOMEM;
	sw->nr_rings = rings;
	sw->rule_table = table & ~RX_CLS_LOC_SPECIAL;
	return 0;
}

int vmq_flow_bind(struct vmq_port *port)
{
	struct vmq_switch *sw = port->sw;
	struct net_device *uplink = sw->uplink;
	struct ethtool_rxnfc info = { .cmd = ETHTOOL_SRXCLSRLINS };
	struct ethtool_rx_flow_spec *fs = &info.fs;
	u32 ring;
	int err;

	ASSERT_RTNL();
	if (rcu_access_pointer(port->trunk)) {
		port->hw_reason = "a flow rule steers one VLAN, the port has a trunk";
		return -EOPNOTSUPP;
	}
	for (ring = 1; ring < sw->nr_rings; ring++)
		if (!rtnl_dereference(sw->rings[ring]))
			break;
	if (ring >= sw->nr_rings || ring > sw->rule_table) {
		port->hw_reason = "every ring of the NIC serves a port";
		return -EBUSY;
	}

	fs->flow_type = ETHER_FLOW;
	ether_addr_copy(fs->h_u.ether_spec.h_dest, port->dev->dev_addr);
	eth_broadcast_addr(fs->m_u.ether_spec.h_dest);
	if (port->vlan) {
		fs->flow_type |= FLOW_EXT;
		fs->h_ext.vlan_tci = htons(port->vlan);
		fs->m_ext.vlan_tci = htons(VLAN_VID_MASK);
	}
	fs->ring_cookie = ring;
	/* The top of the table, one rule per ring: out of the admin's way. */
	fs->location = sw->rule_table - ring;
	err = uplink->ethtool_ops->set_rxnfc(uplink, &info);
	if (err) {
		port->hw_reason = "the NIC refused the flow rule";
		return err;
	}
	port->hw_ring = ring;
	port->hw_loc = fs->location;
	rcu_assign_pointer(sw->rings[ring], port);
	return 0;
}

void vmq_flow_unbind(struct vmq_port *port)
{
	struct vmq_switch *sw = port->sw;
	struct net_device *uplink = sw->uplink;
	struct ethtool_rxnfc info = {
		.cmd = ETHTOOL_SRXCLSRLDEL,
		.fs.location = port->hw_loc,
	};

	ASSERT_RTNL();
	RCU_INIT_POINTER(sw->rings[port->hw_ring], NULL);
	if (uplink->ethtool_ops->set_rxnfc(uplink, &info))
		netdev_warn(port->dev, "%s kept flow rule %u\n", uplink->name,
			    port->hw_loc);
}

/*
 * The port a frame's ring belongs to, if the NIC steered it there: its
 * destination and VLAN are the rule's, checked, not looked up.
 */
struct vmq_port *vmq_flow_steered(struct vmq_switch *sw, struct sk_buff *skb)
{
	struct vmq_port *port;
	u16 ring, vid;

	if (!skb_rx_queue_recorded(skb))
		return NULL;
	ring = skb_get_rx_queue(skb);
	if (!ring || ring >= sw->nr_rings)
		return NULL;
	port = rcu_dereference(sw->rings[ring]);
	vid = skb_vlan_tag_present(skb) ? skb_vlan_tag_get_id(skb) : 0;
	if (!port || vid != READ_ONCE(port->vlan) ||
	    !ether_addr_equal_64bits(eth_hdr(skb)->h_dest, port->dev->dev_addr))
		return NULL;
	return port;
}
