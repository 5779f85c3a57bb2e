// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs: /sys/class/net/<switch>/vmq/ and /sys/class/net/<port>/vmq/, one
 * value per file (Documentation/ABI/testing/sysfs-class-net-vmq). State
 * and counters are read-only; "vmq", the switch users expect, is
 * writable on both.
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/sched/signal.h>

#include "vmq.h"

static const char * const vmq_binding_names[] = {
	[VMQ_BINDING_SW]	= "sw",
	[VMQ_BINDING_HW_POOL]	= "hw-pool",
	[VMQ_BINDING_HW_FLOW]	= "hw-flow",
	[VMQ_BINDING_DEFAULT]	= "default",
};

static const char * const vmq_unknown_names[] = {
	[VMQ_UNKNOWN_UNICAST_HOST]	= "host",
	[VMQ_UNKNOWN_UNICAST_FLOOD]	= "flood",
	[VMQ_UNKNOWN_UNICAST_DROP]	= "drop",
};

static struct vmq_port *to_port(struct device *d)
{
	return netdev_priv(to_net_dev(d));
}

static struct vmq_switch *to_switch(struct device *d)
{
	return netdev_priv(to_net_dev(d));
}

/*
 * A store changes the device under RTNL, as net-sysfs does: trylock and
 * restart, since unregistration holds RTNL while it removes these files.
 */
static ssize_t vmq_store_bool(struct device *d, const char *buf, size_t len,
			      bool is_switch)
{
	struct net_device *dev = to_net_dev(d);
	struct vmq_port_cfg cfg;
	bool on;
	int err;

	if (!ns_capable(dev_net(dev)->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	err = kstrtobool(buf, &on);
	if (err)
		return err;
	if (!rtnl_trylock())
		return restart_syscall();
	if (dev->reg_state != NETREG_REGISTERED) {
		err = -ENODEV;
	} else if (is_switch) {
		err = vmq_switch_set(netdev_priv(dev), &on, NULL, NULL, NULL,
				     NULL);
	} else {
		err = vmq_port_cfg_init(&cfg);
		if (!err) {
			cfg.has_vmq = true;
			cfg.vmq = on;
			err = vmq_port_apply(netdev_priv(dev), &cfg, NULL);
			vmq_port_cfg_release(&cfg);
			if (!err)
				vmq_notify_port(netdev_priv(dev),
						VMQ_CMD_PORT_CHANGE);
		}
	}
	rtnl_unlock();
	return err ?: len;
}

/* Port files. */

static ssize_t switch_show(struct device *d, struct device_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%s\n", to_port(d)->sw->dev->name);
}
static DEVICE_ATTR_RO(switch);

static ssize_t port_id_show(struct device *d, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%u\n", to_port(d)->id);
}
static DEVICE_ATTR_RO(port_id);

static ssize_t vlan_show(struct device *d, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(to_port(d)->vlan));
}
static DEVICE_ATTR_RO(vlan);

static ssize_t trunk_show(struct device *d, struct device_attribute *attr,
			  char *buf)
{
	const struct vmq_vlans *t;
	ssize_t n;

	rcu_read_lock();
	t = rcu_dereference(to_port(d)->trunk);
	n = t ? sysfs_emit(buf, "%*pbl\n", VLAN_N_VID, t->map) :
		sysfs_emit(buf, "\n");
	rcu_read_unlock();
	return n;
}
static DEVICE_ATTR_RO(trunk);

static ssize_t cpus_show(struct device *d, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%*pbl\n",
			  cpumask_pr_args(to_port(d)->queue.cpus));
}
static DEVICE_ATTR_RO(cpus);

static ssize_t port_vmq_show(struct device *d, struct device_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(to_port(d)->vmq));
}

static ssize_t port_vmq_store(struct device *d, struct device_attribute *attr,
			      const char *buf, size_t len)
{
	return vmq_store_bool(d, buf, len, false);
}

static struct device_attribute dev_attr_port_vmq =
	__ATTR(vmq, 0644, port_vmq_show, port_vmq_store);

static ssize_t bcast_limit_show(struct device *d,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(to_port(d)->bcast_limit));
}
static DEVICE_ATTR_RO(bcast_limit);

static ssize_t binding_show(struct device *d, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  vmq_binding_names[READ_ONCE(to_port(d)->binding)]);
}
static DEVICE_ATTR_RO(binding);

static ssize_t binding_reason_show(struct device *d,
				   struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", READ_ONCE(to_port(d)->reason));
}
static DEVICE_ATTR_RO(binding_reason);

static ssize_t queue_cpu_show(struct device *d, struct device_attribute *attr,
			      char *buf)
{
	return sysfs_emit(buf, "%d\n", vmq_queue_cpu(&to_port(d)->queue));
}
static DEVICE_ATTR_RO(queue_cpu);

static ssize_t queue_length_show(struct device *d,
				 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n",
			  skb_queue_len_lockless(&to_port(d)->queue.skbs));
}
static DEVICE_ATTR_RO(queue_length);

static ssize_t queue_packets_show(struct device *d,
				  struct device_attribute *attr, char *buf)
{
	u64 packets, drops;

	vmq_queue_totals(&to_port(d)->queue, &packets, &drops);
	return sysfs_emit(buf, "%llu\n", packets);
}
static DEVICE_ATTR_RO(queue_packets);

static ssize_t queue_drops_show(struct device *d,
				struct device_attribute *attr, char *buf)
{
	u64 packets, drops;

	vmq_queue_totals(&to_port(d)->queue, &packets, &drops);
	return sysfs_emit(buf, "%llu\n", drops);
}
static DEVICE_ATTR_RO(queue_drops);

#define VMQ_PORT_STAT(name, field)					\
static ssize_t name##_show(struct device *d,				\
			   struct device_attribute *attr, char *buf)	\
{									\
	struct vmq_port_stats st;					\
									\
	vmq_port_get_stats(to_port(d), &st);				\
	return sysfs_emit(buf, "%llu\n", st.field);			\
}									\
static DEVICE_ATTR_RO(name)

VMQ_PORT_STAT(rx_sw_classified, rx_sw);
VMQ_PORT_STAT(rx_hw_steered, rx_hw);
VMQ_PORT_STAT(rx_bcast, rx_bcast);
VMQ_PORT_STAT(bcast_limit_drops, bcast_drops);

static struct attribute *vmq_port_attrs[] = {
	&dev_attr_switch.attr,
	&dev_attr_port_id.attr,
	&dev_attr_vlan.attr,
	&dev_attr_trunk.attr,
	&dev_attr_cpus.attr,
	&dev_attr_port_vmq.attr,
	&dev_attr_bcast_limit.attr,
	&dev_attr_binding.attr,
	&dev_attr_binding_reason.attr,
	&dev_attr_queue_cpu.attr,
	&dev_attr_queue_length.attr,
	&dev_attr_queue_packets.attr,
	&dev_attr_queue_drops.attr,
	&dev_attr_rx_sw_classified.attr,
	&dev_attr_rx_hw_steered.attr,
	&dev_attr_rx_bcast.attr,
	&dev_attr_bcast_limit_drops.attr,
	NULL
};

const struct attribute_group vmq_port_sysfs_group = {
	.name	= "vmq",
	.attrs	= vmq_port_attrs,
};

/* Switch files. */

static ssize_t uplink_show(struct device *d, struct device_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%s\n", to_switch(d)->uplink->name);
}
static DEVICE_ATTR_RO(uplink);

static ssize_t backend_show(struct device *d, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s\n", vmq_binding_names[to_switch(d)->backend]);
}
static DEVICE_ATTR_RO(backend);

static ssize_t switch_vmq_show(struct device *d,
			       struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(to_switch(d)->vmq));
}

static ssize_t switch_vmq_store(struct device *d,
				struct device_attribute *attr,
				const char *buf, size_t len)
{
	return vmq_store_bool(d, buf, len, true);
}

static struct device_attribute dev_attr_switch_vmq =
	__ATTR(vmq, 0644, switch_vmq_show, switch_vmq_store);

static ssize_t default_queue_len_show(struct device *d,
				      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(to_switch(d)->dflt.limit));
}
static DEVICE_ATTR_RO(default_queue_len);

static ssize_t default_cpu_show(struct device *d,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", vmq_queue_cpu(&to_switch(d)->dflt));
}
static DEVICE_ATTR_RO(default_cpu);

static ssize_t unknown_unicast_show(struct device *d,
				    struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  vmq_unknown_names[READ_ONCE(to_switch(d)->unknown_unicast)]);
}
static DEVICE_ATTR_RO(unknown_unicast);

static ssize_t ports_show(struct device *d, struct device_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(to_switch(d)->nr_ports));
}
static DEVICE_ATTR_RO(ports);

static ssize_t default_queue_packets_show(struct device *d,
					  struct device_attribute *attr,
					  char *buf)
{
	u64 packets, drops;

	vmq_queue_totals(&to_switch(d)->dflt, &packets, &drops);
	return sysfs_emit(buf, "%llu\n", packets);
}
static DEVICE_ATTR_RO(default_queue_packets);

static ssize_t default_queue_drops_show(struct device *d,
					struct device_attribute *attr,
					char *buf)
{
	u64 packets, drops;

	vmq_queue_totals(&to_switch(d)->dflt, &packets, &drops);
	return sysfs_emit(buf, "%llu\n", drops);
}
static DEVICE_ATTR_RO(default_queue_drops);

static ssize_t unknown_drops_show(struct device *d,
				  struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%ld\n",
			  atomic_long_read(&to_switch(d)->unknown_drops));
}
static DEVICE_ATTR_RO(unknown_drops);

static struct attribute *vmq_switch_attrs[] = {
	&dev_attr_uplink.attr,
	&dev_attr_backend.attr,
	&dev_attr_switch_vmq.attr,
	&dev_attr_default_queue_len.attr,
	&dev_attr_default_cpu.attr,
	&dev_attr_unknown_unicast.attr,
	&dev_attr_ports.attr,
	&dev_attr_default_queue_packets.attr,
	&dev_attr_default_queue_drops.attr,
	&dev_attr_unknown_drops.attr,
	NULL
};

const struct attribute_group vmq_switch_sysfs_group = {
	.name	= "vmq",
	.attrs	= vmq_switch_attrs,
};
