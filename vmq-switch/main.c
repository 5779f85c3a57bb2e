// SPDX-License-Identifier: GPL-2.0
/*
 * vmq-switch: a VMQ-style virtual switch. Each VM port's frames, sorted
 * by destination MAC + VLAN, get a receive queue of their own served by
 * the port's CPU; a default queue takes broadcast, multicast and
 * unmatched frames. See Documentation/admin-guide/vmq-switch.rst.
 *
 * Unloading deletes every switch and port (rtnl_link_unregister() runs
 * their dellink), in every namespace.
 */

#include <linux/module.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>

#include "vmq.h"

static int __init vmq_init(void)
{
	int err;

	err = vmq_queues_init();
	if (err)
		return err;
	err = vmq_switch_notifier_init();
	if (err)
		goto queues;
	err = rtnl_link_register(&vmq_switch_link_ops);
	if (err)
		goto notifier;
	err = rtnl_link_register(&vmq_port_link_ops);
	if (err)
		goto switch_ops;
	err = vmq_netlink_init();
	if (err)
		goto port_ops;
	return 0;

port_ops:
	rtnl_link_unregister(&vmq_port_link_ops);
switch_ops:
	rtnl_link_unregister(&vmq_switch_link_ops);
notifier:
	vmq_switch_notifier_exit();
queues:
	vmq_queues_exit();
	return err;
}

static void __exit vmq_exit(void)
{
	vmq_netlink_exit();
	/* Ports first: a switch's dellink would queue them a second time. */
	rtnl_link_unregister(&vmq_port_link_ops);
	rtnl_link_unregister(&vmq_switch_link_ops);
	vmq_switch_notifier_exit();
	vmq_queues_exit();
}

module_init(vmq_init);
module_exit(vmq_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("VMQ-style virtual switch: one RX queue per VM port");
MODULE_ALIAS_RTNL_LINK(VMQ_SWITCH_KIND);
MODULE_ALIAS_RTNL_LINK(VMQ_PORT_KIND);
MODULE_ALIAS_GENL_FAMILY(VMQ_GENL_NAME);
