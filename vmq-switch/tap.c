// SPDX-License-Identifier: GPL-2.0
/*
 * vmqtap: a vmq-switch port with a character device, for QEMU's vhost-net.
 *
 * As macvtap is to macvlan: a vmqtap port is a vmqport in every way (MAC,
 * VLANs, its queue and CPU, hardware pools and flow rules), and what it
 * receives goes to /dev/tapN (N its ifindex) instead of the host's stack;
 * what QEMU or vhost-net writes there leaves through the port. The queues
 * behind the character device are the kernel's tap (drivers/net/tap.c),
 * whose socket vhost-net takes with tap_get_socket(), so QEMU uses one as
 * it uses a macvtap:
 *
 *   ip link add link vmq0 name vm1 address 52:54:00:12:34:01 type vmqtap
 *   qemu-system-x86_64 ... -netdev tap,id=n1,vhost=on,fd=3 \
 *       -device virtio-net-pci,netdev=n1,mac=52:54:00:12:34:01 \
 *       3<>/dev/tap$(cat /sys/class/net/vm1/ifindex)
 *
 * A separate module, as macvtap is, so vmq_switch does not need tap.ko.
 */

#include <linux/cdev.h>
#include <linux/etherdevice.h>
#include <linux/if_tap.h>
#include <linux/if_tun.h>
#include <linux/module.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>

#include "vmq.h"

struct vmq_tap {
	struct vmq_port	port;	/* first: the switch sees a port */
	struct tap_dev	tap;
};

static dev_t vmq_tap_major;
static struct cdev vmq_tap_cdev;

static const void *vmq_tap_namespace(struct device *d)
{
	return dev_net(to_net_dev(d->parent));
}

/* Character devices appear in the network namespace of their port. */
static struct class vmq_tap_class = {
	.name		= VMQ_TAP_KIND,
	.owner		= THIS_MODULE,
	.ns_type	= &net_ns_type_operations,
	.namespace	= vmq_tap_namespace,
};

static struct vmq_tap *to_vmq_tap(struct tap_dev *tap)
{
	return container_of(tap, struct vmq_tap, tap);
}

static void vmq_tap_count_tx_dropped(struct tap_dev *tap)
{
	vmq_port_count_drop(&to_vmq_tap(tap)->port, false);
}

static void vmq_tap_count_rx_dropped(struct tap_dev *tap)
{
	vmq_port_count_drop(&to_vmq_tap(tap)->port, true);
}

/*
 * The tap applies the offloads its reader asked for (TUNSETOFFLOAD) to
 * each frame itself, segmenting or checksumming in software: the port
 * has nothing to change.
 */
static void vmq_tap_update_features(struct tap_dev *tap,
				    netdev_features_t features)
{
}

static int vmq_tap_newlink(struct net *src_net, struct net_device *dev,
			   struct nlattr *tb[], struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct vmq_tap *vt = netdev_priv(dev);
	int err;

	INIT_LIST_HEAD(&vt->tap.queue_list);
	vt->tap.tap_features = NETIF_F_HW_CSUM | NETIF_F_TSO_ECN |
			       NETIF_F_TSO | NETIF_F_TSO6;
	vt->tap.count_tx_dropped = vmq_tap_count_tx_dropped;
	vt->tap.count_rx_dropped = vmq_tap_count_rx_dropped;
	vt->tap.update_features = vmq_tap_update_features;
	vt->tap.dev = dev;

	/*
	 * What the port receives, its queue's CPU hands to the tap. Before
	 * the port registers, as macvtap does: undone easily if that fails.
	 */
	err = netdev_rx_handler_register(dev, tap_handle_frame, &vt->tap);
	if (err)
		return err;
	err = vmq_port_newlink(src_net, dev, tb, data, extack);
	if (err) {
		netdev_rx_handler_unregister(dev);
		return err;
	}
	/*
	 * The VM behind the tap joins groups the host never hears of: it
	 * gets every multicast frame of its VLANs and filters them itself,
	 * as a macvtap's guest does.
	 */
	err = dev_set_allmulti(dev, 1);
	if (err) {
		/* As the port's own late failures: rtnetlink frees it. */
		netdev_rx_handler_unregister(dev);
		unregister_netdevice(dev);
	}
	return err;
}

static void vmq_tap_dellink(struct net_device *dev, struct list_head *head)
{
	struct vmq_tap *vt = netdev_priv(dev);

	netdev_rx_handler_unregister(dev);
	tap_del_queues(&vt->tap);
	unregister_netdevice_queue(dev, head);
}

static void vmq_tap_setup(struct net_device *dev)
{
	vmq_port_setup(dev);
	dev->tx_queue_len = TUN_READQ_SIZE;
}

static struct rtnl_link_ops vmq_tap_link_ops = {
	.kind		= VMQ_TAP_KIND,
	.priv_size	= sizeof(struct vmq_tap),
	.setup		= vmq_tap_setup,
	.newlink	= vmq_tap_newlink,
	.dellink	= vmq_tap_dellink,
};

static int vmq_tap_add_cdev(struct net_device *dev, struct vmq_tap *vt)
{
	char name[IFNAMSIZ];
	struct device *cdev;
	int err;

	err = tap_get_minor(vmq_tap_major, &vt->tap);
	if (err)
		return err;
	snprintf(name, sizeof(name), "tap%d", dev->ifindex);
	cdev = device_create(&vmq_tap_class, &dev->dev,
			     MKDEV(MAJOR(vmq_tap_major), vt->tap.minor), dev,
			     "%s", name);
	if (IS_ERR(cdev)) {
		tap_free_minor(vmq_tap_major, &vt->tap);
		return PTR_ERR(cdev);
	}
	/* /sys/class/net/<port>/tapN, as macvtap has. */
	err = sysfs_create_link(&dev->dev.kobj, &cdev->kobj, name);
	if (err) {
		device_destroy(&vmq_tap_class,
			       MKDEV(MAJOR(vmq_tap_major), vt->tap.minor));
		tap_free_minor(vmq_tap_major, &vt->tap);
	}
	return err;
}

static void vmq_tap_del_cdev(struct net_device *dev, struct vmq_tap *vt)
{
	char name[IFNAMSIZ];

	/* No minor: adding the device failed, and undid itself. */
	if (!vt->tap.minor)
		return;
	snprintf(name, sizeof(name), "tap%d", dev->ifindex);
	sysfs_remove_link(&dev->dev.kobj, name);
	device_destroy(&vmq_tap_class,
		       MKDEV(MAJOR(vmq_tap_major), vt->tap.minor));
	tap_free_minor(vmq_tap_major, &vt->tap);
}

static int vmq_tap_device_event(struct notifier_block *nb,
				unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vmq_tap *vt;

	if (dev->rtnl_link_ops != &vmq_tap_link_ops)
		return NOTIFY_DONE;
	vt = netdev_priv(dev);

	switch (event) {
	case NETDEV_REGISTER:
		/* Registered, in its namespace: the node can follow it. */
		return notifier_from_errno(vmq_tap_add_cdev(dev, vt));
	case NETDEV_UNREGISTER:
		vmq_tap_del_cdev(dev, vt);
		break;
	case NETDEV_CHANGE_TX_QUEUE_LEN:
		if (tap_queue_resize(&vt->tap))
			return NOTIFY_BAD;
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block vmq_tap_notifier = {
	.notifier_call = vmq_tap_device_event,
};

static int __init vmq_tap_init(void)
{
	int err;

	err = tap_create_cdev(&vmq_tap_cdev, &vmq_tap_major, VMQ_TAP_KIND,
			      THIS_MODULE);
	if (err)
		return err;
	err = class_register(&vmq_tap_class);
	if (err)
		goto cdev;
	err = register_netdevice_notifier(&vmq_tap_notifier);
	if (err)
		goto class;
	vmq_port_link_ops_fill(&vmq_tap_link_ops);
	err = rtnl_link_register(&vmq_tap_link_ops);
	if (err)
		goto notifier;
	return 0;

notifier:
	unregister_netdevice_notifier(&vmq_tap_notifier);
class:
	class_unregister(&vmq_tap_class);
cdev:
	tap_destroy_cdev(vmq_tap_major, &vmq_tap_cdev);
	return err;
}

static void __exit vmq_tap_exit(void)
{
	rtnl_link_unregister(&vmq_tap_link_ops);
	unregister_netdevice_notifier(&vmq_tap_notifier);
	class_unregister(&vmq_tap_class);
	tap_destroy_cdev(vmq_tap_major, &vmq_tap_cdev);
}

module_init(vmq_tap_init);
module_exit(vmq_tap_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vmq-switch ports with a tap character device, for vhost-net");
MODULE_ALIAS_RTNL_LINK(VMQ_TAP_KIND);
