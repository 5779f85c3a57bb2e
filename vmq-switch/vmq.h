/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmq-switch internals: switches (one per uplink), ports, the (MAC, VLAN)
 * table, and the receive queues that carry each port's frames to the CPU
 * that serves it. uapi/linux/vmq_switch.h is the contract with userspace.
 *
 * Locking: configuration changes run under RTNL. The data path (the
 * uplink's rx_handler, port transmit, queue polling) runs in softirq
 * context under RCU and reads configuration with READ_ONCE() or through
 * RCU-published objects.
 */
#ifndef _VMQ_H
#define _VMQ_H

#include <linux/cpumask.h>
#include <linux/etherdevice.h>
#include <linux/hash.h>
#include <linux/if_macvlan.h>
#include <linux/if_vlan.h>
#include <linux/llist.h>
#include <linux/netdevice.h>
#include <linux/rculist.h>
#include <linux/skbuff.h>
#include <linux/u64_stats_sync.h>
#include <linux/vmq_switch.h>

#include "nl_extack.h"

#define VMQ_FDB_BITS		10
#define VMQ_DEFAULT_QUEUE_LEN	1000
#define VMQ_PORT_QUEUE_LEN	1024
#define VMQ_QUEUE_LEN_MAX	65536

/* Per CPU: what a queue delivered on that CPU, and what it dropped. */
struct vmq_queue_pcpu {
	u64_stats_t		packets;
	u64_stats_t		drops;
	struct u64_stats_sync	syncp;
};

/*
 * A receive queue: frames wait in @skbs until the server (NAPI context)
 * of the CPU that serves the queue delivers them (queue.c).
 */
struct vmq_queue {
	struct sk_buff_head	skbs;
	struct llist_node	ready_node;	/* on a server's ready list */
	struct list_head	active_node;	/* on a server's active list */
	unsigned long		state;		/* VMQ_QUEUE_READY */
	atomic_t		held;		/* by servers */
	bool			running;
	u32			limit;
	cpumask_var_t		cpus;		/* empty: the receiving CPU */
	/*
	 * The first CPU of @cpus, -1 if none: the data path tests only it
	 * while it is online, and leaves the mask (a separate allocation
	 * on MAXSMP kernels) alone.
	 */
	int			first_cpu;
	bool			own_stats;
	void			(*deliver)(struct vmq_queue *q,
					   struct sk_buff *skb);
	struct vmq_queue_pcpu __percpu *stats;
};

#define VMQ_MC_FILTER_BITS	8
#define VMQ_MC_FILTER_SIZE	BIT(VMQ_MC_FILTER_BITS)

static inline unsigned int vmq_mc_hash(const u8 *addr)
{
	return hash_64(ether_addr_to_u64(addr), VMQ_MC_FILTER_BITS);
}

struct vmq_port_pcpu {
	/* Its queue's, beside its own: one cache line per frame, not two. */
	struct vmq_queue_pcpu	queue;
	u64_stats_t		rx_packets;
	u64_stats_t		rx_bytes;
	u64_stats_t		tx_packets;
	u64_stats_t		tx_bytes;
	u64_stats_t		rx_drops;
	u64_stats_t		tx_drops;
	u64_stats_t		rx_hw;
	u64_stats_t		rx_sw;
	u64_stats_t		rx_bcast;
	u64_stats_t		bcast_drops;
	struct u64_stats_sync	syncp;
};

struct vmq_port_stats {
	u64 rx_packets, rx_bytes, tx_packets, tx_bytes, rx_drops, tx_drops;
	u64 rx_hw, rx_sw, rx_bcast, bcast_drops;
};

/* VLANs a port carries tagged; replaced as a whole, under RCU. */
struct vmq_vlans {
	struct rcu_head		rcu;
	DECLARE_BITMAP(map, VLAN_N_VID);
};

struct vmq_switch;

/* One (MAC, VLAN) -> port entry of a switch's table. */
struct vmq_fdb {
	struct hlist_node	hnode;
	struct list_head	port_node;	/* port->fdb, under RTNL */
	struct vmq_port		*port;
	u16			vid;
	u8			addr[ETH_ALEN];
	struct rcu_head		rcu;
};

struct vmq_port {
	/*
	 * First, for the L2 forwarding offload contract: ixgbe, i40e and
	 * fm10k read an upper device's private data as a macvlan_dev (its
	 * mode, accel_priv and RX counters), and after a reset re-create
	 * pools only for uppers that pass netif_is_macvlan(). See hw_pool.c.
	 */
	struct macvlan_dev	mv;
	struct net_device	*dev;
	struct vmq_switch	*sw;
	struct list_head	node;		/* sw->ports, RCU */
	u32			id;
	u16			vlan;		/* 0: untagged frames */
	struct vmq_vlans __rcu	*trunk;
	bool			vmq;
	enum vmq_binding	binding;
	const char		*reason;	/* why not hardware; static */
	/* What the hardware gave the port while it is up, and why not. */
	enum vmq_binding	hw;		/* VMQ_BINDING_SW: nothing */
	const char		*hw_reason;
	u32			hw_ring;	/* hw-flow: its ring */
	u32			hw_loc;		/* hw-flow: its rule */
	struct list_head	fdb;

	/* Broadcast storm limit: frames per second, 0 for none. */
	u32			bcast_limit;
	spinlock_t		bcast_lock;	/* the window and count */
	unsigned long		bcast_window;
	u32			bcast_count;

	/*
	 * The multicast groups the port joined, hashed, as macvlan keeps
	 * them: multicast frames of its VLAN reach it only if they hash
	 * into a set bit (all set for IFF_ALLMULTI or IFF_PROMISC, and
	 * broadcast's always). Rewritten whole, read without a lock: a
	 * frame racing a change sees the old filter or the new one.
	 */
	DECLARE_BITMAP(mc_filter, VMQ_MC_FILTER_SIZE);

	struct vmq_queue	queue;
	struct vmq_port_pcpu __percpu *stats;
};

struct vmq_switch {
	struct net_device	*dev;
	struct net_device	*uplink;
	struct list_head	ports;		/* RCU */
	unsigned int		nr_ports;
	unsigned long		*port_ids;	/* VMQ_MAX_PORTS + 1 bits */
	struct hlist_head	fdb[1 << VMQ_FDB_BITS];
	bool			vmq;
	u32			unknown_unicast;
	enum vmq_binding	backend;
	struct vmq_queue	dflt;
	/* hw-flow: the port each ring steers to, and the uplink's tables. */
	struct vmq_port __rcu	**rings;
	u32			nr_rings;
	u32			rule_table;
	/* Frames the default queue dropped for no port (policy drop). */
	atomic_long_t		unknown_drops;
};

/* A port's settings, as a request gives them; has_* say which. */
struct vmq_port_cfg {
	bool			has_mac, has_vlan, has_trunk, has_cpus;
	bool			has_vmq, has_bcast_limit;
	u8			mac[ETH_ALEN];
	u16			vlan;
	bool			vmq;
	u32			bcast_limit;
	struct vmq_vlans	*trunk;		/* NULL with has_trunk: none */
	cpumask_var_t		cpus;
};

static inline bool vmq_port_has_vlan(const struct vmq_port *p, u16 vid)
{
	const struct vmq_vlans *t;

	if (vid == READ_ONCE(p->vlan))
		return true;
	t = rcu_dereference(p->trunk);
	return t && vid && test_bit(vid, t->map);
}

static inline void vmq_stats_inc(struct u64_stats_sync *syncp,
				 u64_stats_t *packets, u64_stats_t *bytes,
				 unsigned int len)
{
	u64_stats_update_begin(syncp);
	u64_stats_inc(packets);
	if (bytes)
		u64_stats_add(bytes, len);
	u64_stats_update_end(syncp);
}

/* fdb.c */
struct vmq_port *vmq_fdb_lookup(struct vmq_switch *sw, const u8 *addr,
				u16 vid);
int vmq_fdb_build(struct vmq_port *port, const u8 *addr, u16 vlan,
		  const struct vmq_vlans *trunk, struct list_head *entries,
		  struct netlink_ext_ack *extack);
void vmq_fdb_replace(struct vmq_port *port, struct list_head *entries);
void vmq_fdb_free_list(struct list_head *entries);

/* queue.c */
int vmq_queues_init(void);
void vmq_queues_exit(void);
int vmq_queue_init(struct vmq_queue *q, u32 limit,
		   void (*deliver)(struct vmq_queue *q, struct sk_buff *skb),
		   struct vmq_queue_pcpu __percpu *stats);
void vmq_queue_set_cpus(struct vmq_queue *q, const struct cpumask *cpus);
void vmq_queue_set_cpu(struct vmq_queue *q, int cpu);
void vmq_queue_destroy(struct vmq_queue *q);
void vmq_queue_start(struct vmq_queue *q);
void vmq_queue_stop(struct vmq_queue *q);
bool vmq_queue_enqueue(struct vmq_queue *q, struct sk_buff *skb);
bool vmq_queue_local(const struct vmq_queue *q);
int vmq_queue_cpu(const struct vmq_queue *q);
void vmq_queue_count(struct vmq_queue *q);
void vmq_queue_totals(const struct vmq_queue *q, u64 *packets, u64 *drops);
u64 vmq_queue_cpu_packets(const struct vmq_queue *q, int cpu);

/* rx.c */
rx_handler_result_t vmq_handle_frame(struct sk_buff **pskb);
void vmq_default_deliver(struct vmq_queue *q, struct sk_buff *skb);
void vmq_port_queue_deliver(struct vmq_queue *q, struct sk_buff *skb);
void vmq_port_receive(struct vmq_port *port, struct sk_buff *skb, bool napi);
void vmq_flood(struct vmq_switch *sw, struct sk_buff *skb, u16 vid,
	       const struct vmq_port *from, bool napi);

/* port.c */
extern struct rtnl_link_ops vmq_port_link_ops;

/* port.c, for vmq_tap */
void vmq_port_setup(struct net_device *dev);
int vmq_port_newlink(struct net *src_net, struct net_device *dev,
		     struct nlattr *tb[], struct nlattr *data[],
		     struct netlink_ext_ack *extack);
void vmq_port_link_ops_fill(struct rtnl_link_ops *ops);
void vmq_port_delete(struct vmq_port *port, struct list_head *head);
void vmq_port_count_drop(struct vmq_port *port, bool rx);
bool netif_is_vmq_port(const struct net_device *dev);
struct vmq_port *vmq_port_create(struct net *net, struct vmq_switch *sw,
				 const char *name, struct vmq_port_cfg *cfg,
				 struct netlink_ext_ack *extack);
int vmq_port_apply(struct vmq_port *port, struct vmq_port_cfg *cfg,
		   struct netlink_ext_ack *extack);
void vmq_port_switch_changed(struct vmq_port *port);
void vmq_port_get_stats(const struct vmq_port *port,
			struct vmq_port_stats *st);
int vmq_port_cfg_init(struct vmq_port_cfg *cfg);
void vmq_port_cfg_release(struct vmq_port_cfg *cfg);
int vmq_parse_vlans(const char *list, struct vmq_vlans **out,
		    struct netlink_ext_ack *extack);
int vmq_parse_cpus(const char *list, struct cpumask *cpus,
		   struct netlink_ext_ack *extack);

/* tx.c */
netdev_tx_t vmq_port_xmit(struct sk_buff *skb, struct net_device *dev);

/* hw.c: choosing a backend and binding ports by it */
enum vmq_binding vmq_hw_backend(struct vmq_switch *sw);
void vmq_hw_bind(struct vmq_port *port);
void vmq_hw_unbind(struct vmq_port *port);
void vmq_hw_switch_destroy(struct vmq_switch *sw);

/* hw_pool.c */
bool vmq_pool_capable(const struct net_device *uplink);
int vmq_pool_bind(struct vmq_port *port);
void vmq_pool_unbind(struct vmq_port *port);

/* hw_flow.c */
int vmq_flow_probe(struct vmq_switch *sw);
int vmq_flow_bind(struct vmq_port *port);
void vmq_flow_unbind(struct vmq_port *port);
struct vmq_port *vmq_flow_steered(struct vmq_switch *sw, struct sk_buff *skb);

/* switch.c */
extern struct rtnl_link_ops vmq_switch_link_ops;
bool netif_is_vmq_switch(const struct net_device *dev);
int vmq_switch_set(struct vmq_switch *sw, const bool *vmq, const u32 *qlen,
		   const int *cpu, const u32 *unknown,
		   struct netlink_ext_ack *extack);
int vmq_switch_notifier_init(void);
void vmq_switch_notifier_exit(void);

/* netlink.c */
int vmq_netlink_init(void);
void vmq_netlink_exit(void);
void vmq_notify_switch(struct vmq_switch *sw, u8 cmd);
void vmq_notify_port(struct vmq_port *port, u8 cmd);

/* sysfs.c */
extern const struct attribute_group vmq_port_sysfs_group;
extern const struct attribute_group vmq_switch_sysfs_group;

#endif /* _VMQ_H */
