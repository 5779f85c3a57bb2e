// SPDX-License-Identifier: GPL-2.0
/*
 * Hardware queues: which backend an uplink offers (chosen once, when the
 * switch is made), and binding a port by it while the port is up. A port
 * the hardware cannot take runs in software and says why; nothing falls
 * back silently.
 */

#include <linux/slab.h>

#include "vmq.h"

/* The best the uplink offers: a pool, a flow rule, or software. */
enum vmq_binding vmq_hw_backend(struct vmq_switch *sw)
{
	if (vmq_pool_capable(sw->uplink))
		return VMQ_BINDING_HW_POOL;
	if (!vmq_flow_probe(sw))
		return VMQ_BINDING_HW_FLOW;
	return VMQ_BINDING_SW;
}

/* Give an up port, with VMQ on, the hardware queue its uplink offers. */
void vmq_hw_bind(struct vmq_port *port)
{
	struct vmq_switch *sw = port->sw;
	int err = -EOPNOTSUPP;

	ASSERT_RTNL();
	if (port->hw != VMQ_BINDING_SW || !netif_running(port->dev) ||
	    !port->vmq || !sw->vmq)
		return;
	switch (sw->backend) {
	case VMQ_BINDING_HW_POOL:
		err = vmq_pool_bind(port);
		break;
	case VMQ_BINDING_HW_FLOW:
		err = vmq_flow_bind(port);
		break;
	default:
		port->hw_reason = "the uplink offers no hardware queues";
		break;
	}
	if (!err)
		port->hw = sw->backend;
}

void vmq_hw_unbind(struct vmq_port *port)
{
	ASSERT_RTNL();
	switch (port->hw) {
	case VMQ_BINDING_HW_POOL:
		vmq_pool_unbind(port);
		break;
	case VMQ_BINDING_HW_FLOW:
		vmq_flow_unbind(port);
		break;
	default:
		break;
	}
	port->hw = VMQ_BINDING_SW;
}

void vmq_hw_switch_destroy(struct vmq_switch *sw)
{
	kfree(sw->rings);
	sw->rings = NULL;
}
