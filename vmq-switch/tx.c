// SPDX-License-Identifier: GPL-2.0
/*
 * Frames a port sends into the switch: switched locally to another port
 * of the same VLAN, replicated to the VLAN's ports (broadcast, multicast),
 * or sent out through the uplink, tagged with their VLAN.
 */

#include <linux/etherdevice.h>

#include "vmq.h"

static void vmq_tx_drop(struct vmq_port *port, struct sk_buff *skb)
{
	struct vmq_port_pcpu *st = this_cpu_ptr(port->stats);

	vmq_stats_inc(&st->syncp, &st->tx_drops, NULL, 0);
	kfree_skb(skb);
}

/*
 * @skb, MAC header pulled, out through the uplink on VLAN @vid; through
 * the port's own pool rings when it holds one.
 */
static void vmq_uplink_xmit(struct vmq_port *port, struct sk_buff *skb,
			    u16 vid)
{
	struct net_device *uplink = port->sw->uplink;

	skb_push(skb, ETH_HLEN);
	if (vid)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), vid);
	else
		__vlan_hwaccel_clear_tag(skb);
	skb_scrub_packet(skb, !net_eq(dev_net(skb->dev), dev_net(uplink)));
	skb->dev = uplink;
	if (READ_ONCE(port->hw) == VMQ_BINDING_HW_POOL && !vid &&
	    netdev_get_sb_channel(port->dev))
		dev_queue_xmit_accel(skb, port->dev);
	else
		dev_queue_xmit(skb);
}

netdev_tx_t vmq_port_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vmq_port *port = netdev_priv(dev);
	struct vmq_switch *sw = port->sw;
	unsigned int len = skb->len;
	struct vmq_port_pcpu *st;
	struct vmq_port *to;
	const u8 *dest;
	u16 vid;

	/*
	 * One form for every path: MAC header pulled, VLAN in the tag, and
	 * nothing of the sender's stack (dst, conntrack) left on it.
	 */
	skb_scrub_packet(skb, false);
	skb->protocol = eth_type_trans(skb, dev);
	if (eth_type_vlan(skb->protocol)) {
		skb = skb_vlan_untag(skb);
		if (!skb)
			goto dropped;
	}
	if (skb_vlan_tag_present(skb)) {
		vid = skb_vlan_tag_get_id(skb);
		/* A port may only tag the VLANs it carries. */
		if (!vid || !vmq_port_has_vlan(port, vid)) {
			vmq_tx_drop(port, skb);
			return NETDEV_TX_OK;
		}
	} else {
		/* An access port's frame joins its VLAN here. */
		vid = READ_ONCE(port->vlan);
		if (vid)
			__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), vid);
	}

	st = this_cpu_ptr(port->stats);
	vmq_stats_inc(&st->syncp, &st->tx_packets, &st->tx_bytes, len);

	dest = eth_hdr(skb)->h_dest;
	if (is_multicast_ether_addr(dest)) {
		struct sk_buff *nskb = skb_clone(skb, GFP_ATOMIC);

		if (nskb)
			vmq_flood(sw, nskb, vid, port, false);
		vmq_uplink_xmit(port, skb, vid);
		return NETDEV_TX_OK;
	}
	to = vmq_fdb_lookup(sw, dest, vid);
	if (to && to != port) {
		vmq_port_receive(to, skb, false);
		return NETDEV_TX_OK;
	}
	vmq_uplink_xmit(port, skb, vid);
	return NETDEV_TX_OK;

dropped:
	st = this_cpu_ptr(port->stats);
	vmq_stats_inc(&st->syncp, &st->tx_drops, NULL, 0);
	return NETDEV_TX_OK;
}
