// SPDX-License-Identifier: GPL-2.0
/*
 * The hw-pool backend: a NIC pool (VMDq) per port through L2 forwarding
 * offload, ndo_dfwd_add_station(), as ixgbe, i40e and fm10k offer it.
 *
 * The contract, as those drivers read it in 6.1: the upper device's
 * private data is a struct macvlan_dev (the driver checks its mode, keeps
 * its accel_priv, counts received frames in its pcpu_stats); the upper
 * has one TX queue; the pool's rings hand frames straight to the upper
 * (eth_type_trans() on it), so the host never classifies them; after a
 * reset the driver re-creates pools only for uppers that pass
 * netif_is_macvlan() and have an accel_priv. A port therefore starts with
 * a macvlan_dev, in private mode (frames between ports are the switch's
 * business), and carries IFF_MACVLAN while it holds a pool.
 *
 * The offload carries a MAC and no VLAN: ixgbe steers only untagged
 * frames into pools, so a port with a VLAN runs in software.
 */

#include <linux/netdevice.h>

#include "vmq.h"

bool vmq_pool_capable(const struct net_device *uplink)
{
	return uplink->netdev_ops->ndo_dfwd_add_station &&
	       (uplink->features & NETIF_F_HW_L2FW_DOFFLOAD);
}

/* Ask the uplink for a pool; 0, or why not as an errno. */
int vmq_pool_bind(struct vmq_port *port)
{
	struct net_device *uplink = port->sw->uplink;
	void *accel;

	ASSERT_RTNL();
	if (port->vlan || rcu_access_pointer(port->trunk)) {
		port->hw_reason = "NIC pools (L2 forwarding offload) carry no VLAN";
		return -EOPNOTSUPP;
	}
	port->mv.mode = MACVLAN_MODE_PRIVATE;
	accel = uplink->netdev_ops->ndo_dfwd_add_station(uplink, port->dev);
	if (IS_ERR_OR_NULL(accel)) {
		switch (PTR_ERR(accel)) {
		case -EBUSY:
			port->hw_reason = "the NIC has no free pool";
			break;
		case -EINVAL:
			port->hw_reason = "the NIC refused a pool (XDP loaded?)";
			break;
		default:
			port->hw_reason = "the NIC refused a pool";
			break;
		}
		return accel ? PTR_ERR(accel) : -EOPNOTSUPP;
	}
	port->mv.accel_priv = accel;
	port->dev->priv_flags |= IFF_MACVLAN;
	return 0;
}

void vmq_pool_unbind(struct vmq_port *port)
{
	struct net_device *uplink = port->sw->uplink;

	ASSERT_RTNL();
	port->dev->priv_flags &= ~IFF_MACVLAN;
	uplink->netdev_ops->ndo_dfwd_del_station(uplink, port->mv.accel_priv);
	port->mv.accel_priv = NULL;
}
