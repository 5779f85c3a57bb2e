// SPDX-License-Identifier: GPL-2.0
/*
 * The receive path of the software backend: the uplink's rx_handler sorts
 * each frame by (destination MAC, VLAN) into its port's queue, which the
 * port's CPU drains; broadcast, multicast and (by policy) unmatched frames
 * take the switch's default queue, whose CPU replicates them to the ports
 * of their VLAN.
 *
 * Frames travel with the MAC header pulled (as the uplink's stack left
 * them) and their VLAN in the skb's tag, never inline.
 */

#include <linux/etherdevice.h>

#include "vmq.h"

static u16 vmq_skb_vid(const struct sk_buff *skb)
{
	return skb_vlan_tag_present(skb) ? skb_vlan_tag_get_id(skb) : 0;
}

static void vmq_port_drop(struct vmq_port *port, struct sk_buff *skb)
{
	struct vmq_port_pcpu *st = this_cpu_ptr(port->stats);

	vmq_stats_inc(&st->syncp, &st->rx_drops, NULL, 0);
	kfree_skb(skb);
}

/* How a frame found its port, for the counters. */
enum vmq_found { VMQ_FOUND_BEFORE, VMQ_FOUND_SW, VMQ_FOUND_HW };

/*
 * Make @skb a frame received by @port's netdev, and count it (with how it
 * was found, unless counted @before it was queued); false if the port is
 * down.
 */
static bool vmq_port_prepare(struct vmq_port *port, struct sk_buff *skb,
			     enum vmq_found found)
{
	struct net_device *dev = port->dev;
	const u8 *dest = eth_hdr(skb)->h_dest;
	struct vmq_port_pcpu *st;

	if (unlikely(!netif_running(dev))) {
		vmq_port_drop(port, skb);
		return false;
	}
	/* A port's transmit path scrubbed what stays within a namespace. */
	if (!net_eq(dev_net(skb->dev), dev_net(dev)))
		skb_scrub_packet(skb, true);
	skb->dev = dev;
	/* The access VLAN arrives untagged; trunk VLANs keep their tag. */
	if (vmq_skb_vid(skb) == READ_ONCE(port->vlan))
		__vlan_hwaccel_clear_tag(skb);
	/*
	 * A frame the table or the NIC matched to the port carries the
	 * port's MAC: no need to read it (a cache line per port) again.
	 */
	if (found != VMQ_FOUND_BEFORE)
		skb->pkt_type = PACKET_HOST;
	else if (is_multicast_ether_addr(dest))
		skb->pkt_type = is_broadcast_ether_addr(dest) ?
				PACKET_BROADCAST : PACKET_MULTICAST;
	else if (ether_addr_equal_64bits(dest, dev->dev_addr))
		skb->pkt_type = PACKET_HOST;
	else
		skb->pkt_type = PACKET_OTHERHOST;

	st = this_cpu_ptr(port->stats);
	u64_stats_update_begin(&st->syncp);
	u64_stats_inc(&st->rx_packets);
	u64_stats_add(&st->rx_bytes, skb->len + ETH_HLEN);
	if (found == VMQ_FOUND_SW)
		u64_stats_inc(&st->rx_sw);
	else if (found == VMQ_FOUND_HW)
		u64_stats_inc(&st->rx_hw);
	u64_stats_update_end(&st->syncp);
	return true;
}

/*
 * Hand @skb to @port's stack, on this CPU: at once from a NAPI poll, through
 * the backlog from a sending port's transmit path (as veth does), so that
 * one port's transmit never runs another's receive in its own stack.
 */
static void vmq_port_deliver(struct vmq_port *port, struct sk_buff *skb,
			     bool napi)
{
	if (!vmq_port_prepare(port, skb, VMQ_FOUND_BEFORE))
		return;
	if (napi)
		netif_receive_skb(skb);
	else
		netif_rx(skb);
}

void vmq_port_queue_deliver(struct vmq_queue *q, struct sk_buff *skb)
{
	vmq_port_deliver(container_of(q, struct vmq_port, queue), skb, true);
}

/*
 * A frame the switch classified for @port: to the port's queue, or, with
 * VMQ off for the port or its switch, delivered here (the default queue's
 * CPU, or a sending port's). @napi: called from a NAPI poll.
 */
void vmq_port_receive(struct vmq_port *port, struct sk_buff *skb, bool napi)
{
	struct vmq_port_pcpu *st = this_cpu_ptr(port->stats);

	vmq_stats_inc(&st->syncp, &st->rx_sw, NULL, 0);
	if (READ_ONCE(port->vmq) && READ_ONCE(port->sw->vmq))
		vmq_queue_enqueue(&port->queue, skb);
	else
		vmq_port_deliver(port, skb, napi);
}

/* The port's broadcast storm limit: whether one more frame may pass. */
static bool vmq_bcast_allow(struct vmq_port *port)
{
	u32 limit = READ_ONCE(port->bcast_limit);
	bool ok;

	if (!limit)
		return true;
	spin_lock(&port->bcast_lock);
	if (time_after_eq(jiffies, port->bcast_window + HZ)) {
		port->bcast_window = jiffies;
		port->bcast_count = 0;
	}
	ok = port->bcast_count < limit;
	if (ok)
		port->bcast_count++;
	spin_unlock(&port->bcast_lock);
	return ok;
}

/*
 * Replicate @skb to every running port of VLAN @vid but @from, within
 * each port's broadcast limit. Consumes @skb. @napi as for
 * vmq_port_receive().
 */
void vmq_flood(struct vmq_switch *sw, struct sk_buff *skb, u16 vid,
	       const struct vmq_port *from, bool napi)
{
	const u8 *dest = eth_hdr(skb)->h_dest;
	bool mcast = is_multicast_ether_addr(dest);
	unsigned int hash = vmq_mc_hash(dest);
	struct vmq_port_pcpu *st;
	struct vmq_port *port;
	struct sk_buff *nskb;

	list_for_each_entry_rcu(port, &sw->ports, node) {
		if (port == from || !netif_running(port->dev) ||
		    !vmq_port_has_vlan(port, vid) ||
		    (mcast && !test_bit(hash, port->mc_filter)))
			continue;
		st = this_cpu_ptr(port->stats);
		if (!vmq_bcast_allow(port)) {
			vmq_stats_inc(&st->syncp, &st->bcast_drops, NULL, 0);
			continue;
		}
		nskb = skb_clone(skb, GFP_ATOMIC);
		if (!nskb) {
			vmq_stats_inc(&st->syncp, &st->rx_drops, NULL, 0);
			continue;
		}
		if (mcast)
			vmq_stats_inc(&st->syncp, &st->rx_bcast, NULL, 0);
		vmq_port_receive(port, nskb, napi);
	}
	consume_skb(skb);
}

/* The default queue's CPU: classify what the uplink's CPU did not. */
void vmq_default_deliver(struct vmq_queue *q, struct sk_buff *skb)
{
	struct vmq_switch *sw = container_of(q, struct vmq_switch, dflt);
	const u8 *dest = eth_hdr(skb)->h_dest;
	u16 vid = vmq_skb_vid(skb);
	struct vmq_port *port;

	rcu_read_lock();
	port = is_multicast_ether_addr(dest) ? NULL :
	       vmq_fdb_lookup(sw, dest, vid);
	if (port) {
		vmq_port_receive(port, skb, true);
	} else if (is_multicast_ether_addr(dest)) {
		vmq_flood(sw, skb, vid, NULL, true);
	} else if (READ_ONCE(sw->unknown_unicast) == VMQ_UNKNOWN_UNICAST_FLOOD) {
		vmq_flood(sw, skb, vid, NULL, true);
	} else {
		atomic_long_inc(&sw->unknown_drops);
		kfree_skb(skb);
	}
	rcu_read_unlock();
}

rx_handler_result_t vmq_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct vmq_port_pcpu *st;
	struct vmq_switch *sw;
	struct vmq_port *port;
	const u8 *dest;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	sw = rcu_dereference(skb->dev->rx_handler_data);
	if (!netif_running(sw->dev))
		return RX_HANDLER_PASS;

	dest = eth_hdr(skb)->h_dest;
	if (is_multicast_ether_addr(dest)) {
		/* The host gets it too, as through macvlan or a bridge. */
		if (!list_empty(&sw->ports)) {
			struct sk_buff *nskb = skb_clone(skb, GFP_ATOMIC);

			if (nskb)
				vmq_queue_enqueue(&sw->dflt, nskb);
		}
		return RX_HANDLER_PASS;
	}

	/* A ring the NIC steered by flow rule names its port. */
	port = sw->rings ? vmq_flow_steered(sw, skb) : NULL;
	if (port) {
		skb = skb_share_check(skb, GFP_ATOMIC);
		if (!skb)
			return RX_HANDLER_CONSUMED;
		if (!vmq_port_prepare(port, skb, VMQ_FOUND_HW))
			return RX_HANDLER_CONSUMED;
		*pskb = skb;
		return RX_HANDLER_ANOTHER;
	}

	port = vmq_fdb_lookup(sw, dest, vmq_skb_vid(skb));
	if (!port) {
		switch (READ_ONCE(sw->unknown_unicast)) {
		case VMQ_UNKNOWN_UNICAST_FLOOD:
			break;
		case VMQ_UNKNOWN_UNICAST_DROP:
			atomic_long_inc(&sw->unknown_drops);
			kfree_skb(skb);
			return RX_HANDLER_CONSUMED;
		default:
			return RX_HANDLER_PASS;
		}
	}

	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;
	/* Flooding, and ports without VMQ, are the default queue's work. */
	if (!port || !READ_ONCE(sw->vmq) || !READ_ONCE(port->vmq)) {
		vmq_queue_enqueue(&sw->dflt, skb);
		return RX_HANDLER_CONSUMED;
	}

	/*
	 * Served by this CPU and nothing waiting: deliver now, as macvlan
	 * does, rather than through the queue.
	 */
	if (vmq_queue_local(&port->queue) &&
	    skb_queue_empty_lockless(&port->queue.skbs)) {
		if (!vmq_port_prepare(port, skb, VMQ_FOUND_SW))
			return RX_HANDLER_CONSUMED;
		vmq_queue_count(&port->queue);
		*pskb = skb;
		return RX_HANDLER_ANOTHER;
	}
	st = this_cpu_ptr(port->stats);
	vmq_stats_inc(&st->syncp, &st->rx_sw, NULL, 0);
	vmq_queue_enqueue(&port->queue, skb);
	return RX_HANDLER_CONSUMED;
}
