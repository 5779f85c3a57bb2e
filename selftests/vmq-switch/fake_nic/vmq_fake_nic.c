// SPDX-License-Identifier: GPL-2.0
/*
 * A test-only multi-queue NIC for vmq-switch's contract tests. It is NOT
 * a driver for any hardware: it implements, in software, the kernel APIs
 * the hardware backends use, with the constraints the real drivers put on
 * them in 6.1, and sorts the frames it "receives" into queues by its
 * filters, so that the tests can prove which queue a frame took.
 *
 * At load it makes two NICs, each with a "cable" netdev: a frame sent on
 * the cable is received by the NIC, and a frame the NIC sends comes out
 * of the cable.
 *
 *   fnpool0 (cable fnpool0w): L2 forwarding offload, as ixgbe offers it.
 *	ndo_dfwd_add_station() reads the upper as a struct macvlan_dev,
 *	refuses a mode other than private/vepa/bridge (-EMEDIUMTYPE), a
 *	multi-queue upper (-ERANGE), and more than @pools pools (-EBUSY).
 *	Untagged unicast to a pool's MAC is handed straight to the upper
 *	(eth_type_trans() on it, macvlan_count_rx()); everything else takes
 *	pool 0, the NIC itself. Writing "reset" to its debugfs file drops
 *	every pool's rings and re-creates them, like ixgbe after a reset,
 *	only for uppers that pass netif_is_macvlan().
 *
 *   fnflow0 (cable fnflow0w): ethtool RX classification, as mlx5 offers
 *	it. @rings rings, a table of @rules rules at explicit locations,
 *	ETHER_FLOW with a destination MAC and, with FLOW_EXT, a VLAN id;
 *	the first matching rule (lowest location) picks the ring, else
 *	ring 0. NETIF_F_NTUPLE is on.
 *
 * debugfs vmq_fake_nic/<nic>/state: pools or rules in use, and the frames
 * each queue received.
 */

#include <linux/debugfs.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_macvlan.h>
#include <linux/if_vlan.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/seq_file.h>
#include <net/rtnetlink.h>

#define FN_MAX_QUEUES	16

static unsigned int pools = 3;
module_param(pools, uint, 0444);
MODULE_PARM_DESC(pools, "pools fnpool0 offers besides its own (max 15)");
static unsigned int rings = 4;
module_param(rings, uint, 0444);
MODULE_PARM_DESC(rings, "rings of fnflow0, ring 0 included (max 16)");
static unsigned int rules = 16;
module_param(rules, uint, 0444);
MODULE_PARM_DESC(rules, "size of fnflow0's rule table (max 64)");

struct fn_pool {
	struct net_device	*upper;		/* NULL: free */
	bool			up;		/* rings set up */
	u8			mac[ETH_ALEN];
};

struct fn_rule {
	bool			used;
	struct ethtool_rx_flow_spec fs;
};

struct fn_nic {
	struct net_device	*dev;
	struct net_device	*cable;
	bool			is_pool;
	spinlock_t		lock;		/* pools, rules */
	struct fn_pool		pool[FN_MAX_QUEUES];
	struct fn_rule		rule[64];
	atomic64_t		rx[FN_MAX_QUEUES];
	struct dentry		*dir;
};

/* A cable's private data: the NIC it plugs into. */
struct fn_cable {
	struct fn_nic		*nic;
};

static struct fn_nic *fn_nics[2];
static struct dentry *fn_debugfs;

static void fn_frame_vlan(const struct sk_buff *skb, bool *tagged, u16 *vid)
{
	const struct vlan_ethhdr *veth = (const struct vlan_ethhdr *)skb->data;

	*tagged = skb->len >= VLAN_ETH_HLEN &&
		  veth->h_vlan_proto == htons(ETH_P_8021Q);
	*vid = *tagged ? ntohs(veth->h_vlan_TCI) & VLAN_VID_MASK : 0;
}

/* The queue fnflow0's rules pick for a frame. */
static unsigned int fn_flow_ring(struct fn_nic *nic, const struct sk_buff *skb)
{
	const u8 *dest = skb->data;
	unsigned int i, j;
	bool tagged;
	u16 vid;

	fn_frame_vlan(skb, &tagged, &vid);
	for (i = 0; i < rules; i++) {
		const struct ethtool_rx_flow_spec *fs = &nic->rule[i].fs;
		bool match = true;

		if (!nic->rule[i].used)
			continue;
		for (j = 0; j < ETH_ALEN; j++)
			if ((dest[j] ^ fs->h_u.ether_spec.h_dest[j]) &
			    fs->m_u.ether_spec.h_dest[j])
				match = false;
		if (fs->flow_type & FLOW_EXT && fs->m_ext.vlan_tci &&
		    (!tagged || ((vid ^ ntohs(fs->h_ext.vlan_tci)) &
				 ntohs(fs->m_ext.vlan_tci))))
			match = false;
		if (match)
			return fs->ring_cookie;
	}
	return 0;
}

/* A frame off the cable: sort it into a queue, as the hardware would. */
static void fn_receive(struct fn_nic *nic, struct sk_buff *skb)
{
	struct net_device *to = nic->dev;
	unsigned int q = 0, i;
	bool tagged;
	u16 vid;

	spin_lock(&nic->lock);
	if (nic->is_pool) {
		fn_frame_vlan(skb, &tagged, &vid);
		if (!tagged && !is_multicast_ether_addr(skb->data)) {
			for (i = 1; i <= pools; i++) {
				if (nic->pool[i].up &&
				    ether_addr_equal(nic->pool[i].mac, skb->data)) {
					q = i;
					to = nic->pool[i].upper;
					break;
				}
			}
		}
	} else {
		q = fn_flow_ring(nic, skb);
		skb_record_rx_queue(skb, q);
	}
	/* Pool rings hand frames to their upper, counted as macvlan does. */
	if (to != nic->dev)
		macvlan_count_rx(netdev_priv(to), skb->len, true, false);
	spin_unlock(&nic->lock);

	atomic64_inc(&nic->rx[q]);
	skb->protocol = eth_type_trans(skb, to);
	netif_rx(skb);
}

static netdev_tx_t fn_cable_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct fn_cable *cable = netdev_priv(dev);
	struct fn_nic *nic = cable->nic;

	skb_scrub_packet(skb, !net_eq(dev_net(dev), dev_net(nic->dev)));
	if (!netif_running(nic->dev)) {
		dev_kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	fn_receive(nic, skb);
	return NETDEV_TX_OK;
}

/* What the NIC sends comes out of its cable. */
static netdev_tx_t fn_nic_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct fn_nic *nic = *(struct fn_nic **)netdev_priv(dev);
	struct net_device *cable = nic->cable;

	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return NETDEV_TX_OK;
	if (skb_vlan_tag_present(skb)) {
		skb = __vlan_hwaccel_push_inside(skb);
		if (!skb)
			return NETDEV_TX_OK;
	}
	skb_scrub_packet(skb, !net_eq(dev_net(dev), dev_net(cable)));
	skb->protocol = eth_type_trans(skb, cable);
	netif_rx(skb);
	return NETDEV_TX_OK;
}

static void *fn_dfwd_add(struct net_device *pdev, struct net_device *vdev)
{
	struct fn_nic *nic = *(struct fn_nic **)netdev_priv(pdev);
	unsigned int i;

	if (!macvlan_supports_dest_filter(vdev))
		return ERR_PTR(-EMEDIUMTYPE);
	if (netif_is_multiqueue(vdev))
		return ERR_PTR(-ERANGE);
	spin_lock_bh(&nic->lock);
	for (i = 1; i <= pools; i++)
		if (!nic->pool[i].upper)
			break;
	if (i > pools) {
		spin_unlock_bh(&nic->lock);
		return ERR_PTR(-EBUSY);
	}
	nic->pool[i].upper = vdev;
	ether_addr_copy(nic->pool[i].mac, vdev->dev_addr);
	nic->pool[i].up = true;
	spin_unlock_bh(&nic->lock);
	return &nic->pool[i];
}

static void fn_dfwd_del(struct net_device *pdev, void *priv)
{
	struct fn_nic *nic = *(struct fn_nic **)netdev_priv(pdev);
	struct fn_pool *pool = priv;

	spin_lock_bh(&nic->lock);
	pool->upper = NULL;
	pool->up = false;
	spin_unlock_bh(&nic->lock);
}

static const struct net_device_ops fn_pool_ops = {
	.ndo_start_xmit		= fn_nic_xmit,
	.ndo_dfwd_add_station	= fn_dfwd_add,
	.ndo_dfwd_del_station	= fn_dfwd_del,
	.ndo_set_mac_address	= eth_mac_addr,
};

static const struct net_device_ops fn_flow_ops = {
	.ndo_start_xmit		= fn_nic_xmit,
	.ndo_set_mac_address	= eth_mac_addr,
};

static const struct net_device_ops fn_cable_ops = {
	.ndo_start_xmit		= fn_cable_xmit,
	.ndo_set_mac_address	= eth_mac_addr,
};

static int fn_get_rxnfc(struct net_device *dev, struct ethtool_rxnfc *info,
			u32 *rule_locs)
{
	struct fn_nic *nic = *(struct fn_nic **)netdev_priv(dev);
	unsigned int i, n = 0;

	switch (info->cmd) {
	case ETHTOOL_GRXRINGS:
		info->data = rings;
		return 0;
	case ETHTOOL_GRXCLSRLCNT:
		for (i = 0; i < rules; i++)
			n += nic->rule[i].used;
		info->rule_cnt = n;
		info->data = rules;
		return 0;
	case ETHTOOL_GRXCLSRULE:
		if (info->fs.location >= rules ||
		    !nic->rule[info->fs.location].used)
			return -ENOENT;
		info->fs = nic->rule[info->fs.location].fs;
		return 0;
	case ETHTOOL_GRXCLSRLALL:
		for (i = 0; i < rules; i++) {
			if (!nic->rule[i].used)
				continue;
			if (n == info->rule_cnt)
				return -EMSGSIZE;
			rule_locs[n++] = i;
		}
		info->rule_cnt = n;
		info->data = rules;
		return 0;
	}
	return -EOPNOTSUPP;
}

/* mlx5-like: ETHER_FLOW on the destination MAC and the VLAN id only. */
static int fn_check_rule(const struct ethtool_rx_flow_spec *fs)
{
	if ((fs->flow_type & ~FLOW_EXT) != ETHER_FLOW)
		return -EOPNOTSUPP;
	if (!is_zero_ether_addr(fs->m_u.ether_spec.h_source) ||
	    fs->m_u.ether_spec.h_proto)
		return -EOPNOTSUPP;
	if (fs->flow_type & FLOW_EXT &&
	    (fs->m_ext.vlan_etype || fs->m_ext.data[0] || fs->m_ext.data[1]))
		return -EOPNOTSUPP;
	if (fs->ring_cookie >= rings)
		return -EINVAL;
	if (fs->location >= rules)
		return -EINVAL;
	return 0;
}

static int fn_set_rxnfc(struct net_device *dev, struct ethtool_rxnfc *info)
{
	struct fn_nic *nic = *(struct fn_nic **)netdev_priv(dev);
	struct ethtool_rx_flow_spec *fs = &info->fs;
	int err;

	ASSERT_RTNL();
	switch (info->cmd) {
	case ETHTOOL_SRXCLSRLINS:
		err = fn_check_rule(fs);
		if (err)
			return err;
		spin_lock_bh(&nic->lock);
		nic->rule[fs->location].fs = *fs;
		nic->rule[fs->location].used = true;
		spin_unlock_bh(&nic->lock);
		return 0;
	case ETHTOOL_SRXCLSRLDEL:
		if (fs->location >= rules || !nic->rule[fs->location].used)
			return -ENOENT;
		spin_lock_bh(&nic->lock);
		nic->rule[fs->location].used = false;
		spin_unlock_bh(&nic->lock);
		return 0;
	}
	return -EOPNOTSUPP;
}

static const struct ethtool_ops fn_flow_ethtool_ops = {
	.get_link	= ethtool_op_get_link,
	.get_rxnfc	= fn_get_rxnfc,
	.set_rxnfc	= fn_set_rxnfc,
};

static void fn_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->features |= NETIF_F_LLTX;
	eth_hw_addr_random(dev);
}

/* Re-create the pools of uppers ixgbe would: macvlans holding a pool. */
static int fn_pool_up(struct net_device *upper,
		      struct netdev_nested_priv *priv)
{
	struct fn_nic *nic = priv->data;
	struct fn_pool *pool;

	if (!netif_is_macvlan(upper))
		return 0;
	pool = macvlan_accel_priv(upper);
	if (pool < &nic->pool[1] || pool > &nic->pool[pools])
		return 0;
	pool->up = true;
	ether_addr_copy(pool->mac, upper->dev_addr);
	return 0;
}

static void fn_reset(struct fn_nic *nic)
{
	struct netdev_nested_priv priv = { .data = nic };
	unsigned int i;

	spin_lock_bh(&nic->lock);
	for (i = 1; i <= pools; i++)
		nic->pool[i].up = false;
	rcu_read_lock();
	netdev_walk_all_upper_dev_rcu(nic->dev, fn_pool_up, &priv);
	rcu_read_unlock();
	spin_unlock_bh(&nic->lock);
}

static int fn_state_show(struct seq_file *m, void *v)
{
	struct fn_nic *nic = m->private;
	unsigned int i, n = 0, queues;

	if (nic->is_pool) {
		for (i = 1; i <= pools; i++)
			n += !!nic->pool[i].upper;
		seq_printf(m, "pools %u\n", n);
		queues = pools + 1;
	} else {
		for (i = 0; i < rules; i++)
			n += nic->rule[i].used;
		seq_printf(m, "rules %u\n", n);
		queues = rings;
	}
	for (i = 0; i < queues; i++)
		seq_printf(m, "queue%u %lld\n", i, atomic64_read(&nic->rx[i]));
	return 0;
}

static int fn_state_open(struct inode *inode, struct file *file)
{
	return single_open(file, fn_state_show, inode->i_private);
}

static ssize_t fn_state_write(struct file *file, const char __user *buf,
			      size_t len, loff_t *ppos)
{
	struct fn_nic *nic = file_inode(file)->i_private;
	char cmd[8] = { 0 };

	if (copy_from_user(cmd, buf, min(len, sizeof(cmd) - 1)))
		return -EFAULT;
	if (!nic->is_pool || strncmp(cmd, "reset", 5))
		return -EINVAL;
	fn_reset(nic);
	return len;
}

static const struct file_operations fn_state_fops = {
	.owner		= THIS_MODULE,
	.open		= fn_state_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= single_release,
	.write		= fn_state_write,
};

static struct fn_nic *fn_create(const char *name, bool is_pool)
{
	struct net_device *dev, *cable;
	char cname[IFNAMSIZ];
	struct fn_nic *nic;
	int err;

	nic = kzalloc(sizeof(*nic), GFP_KERNEL);
	if (!nic)
		return ERR_PTR(-ENOMEM);
	spin_lock_init(&nic->lock);
	nic->is_pool = is_pool;
	dev = alloc_netdev_mqs(sizeof(nic), name, NET_NAME_USER, fn_setup,
			       1, is_pool ? 1 : rings);
	snprintf(cname, sizeof(cname), "%sw", name);
	cable = alloc_netdev(sizeof(struct fn_cable), cname, NET_NAME_USER,
			     fn_setup);
	if (!dev || !cable) {
		err = -ENOMEM;
		goto free;
	}
	*(struct fn_nic **)netdev_priv(dev) = nic;
	((struct fn_cable *)netdev_priv(cable))->nic = nic;
	nic->dev = dev;
	nic->cable = cable;
	cable->netdev_ops = &fn_cable_ops;
	if (is_pool) {
		dev->netdev_ops = &fn_pool_ops;
		dev->hw_features |= NETIF_F_HW_L2FW_DOFFLOAD;
		dev->features |= NETIF_F_HW_L2FW_DOFFLOAD;
	} else {
		dev->netdev_ops = &fn_flow_ops;
		dev->ethtool_ops = &fn_flow_ethtool_ops;
		dev->hw_features |= NETIF_F_NTUPLE;
		dev->features |= NETIF_F_NTUPLE;
	}
	err = register_netdev(dev);
	if (err)
		goto free;
	err = register_netdev(cable);
	if (err) {
		unregister_netdev(dev);
		free_netdev(cable);
		kfree(nic);
		return ERR_PTR(err);
	}
	nic->dir = debugfs_create_dir(name, fn_debugfs);
	debugfs_create_file("state", 0600, nic->dir, nic, &fn_state_fops);
	return nic;
free:
	free_netdev(cable);
	free_netdev(dev);
	kfree(nic);
	return ERR_PTR(err);
}

static void fn_destroy(struct fn_nic *nic)
{
	if (IS_ERR_OR_NULL(nic))
		return;
	debugfs_remove_recursive(nic->dir);
	unregister_netdev(nic->cable);
	unregister_netdev(nic->dev);
	free_netdev(nic->cable);
	free_netdev(nic->dev);
	kfree(nic);
}

static int __init fn_init(void)
{
	if (pools < 1 || pools >= FN_MAX_QUEUES || rings < 2 ||
	    rings > FN_MAX_QUEUES || rules < 1 || rules > 64)
		return -EINVAL;
	fn_debugfs = debugfs_create_dir("vmq_fake_nic", NULL);
	fn_nics[0] = fn_create("fnpool0", true);
	fn_nics[1] = fn_create("fnflow0", false);
	if (IS_ERR(fn_nics[0]) || IS_ERR(fn_nics[1])) {
		int err = PTR_ERR(IS_ERR(fn_nics[0]) ? fn_nics[0] : fn_nics[1]);

		fn_destroy(fn_nics[0]);
		fn_destroy(fn_nics[1]);
		debugfs_remove_recursive(fn_debugfs);
		return err;
	}
	return 0;
}

static void __exit fn_exit(void)
{
	fn_destroy(fn_nics[1]);
	fn_destroy(fn_nics[0]);
	debugfs_remove_recursive(fn_debugfs);
}

module_init(fn_init);
module_exit(fn_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Test-only NIC: vmq-switch's hardware backends' contract (not a driver)");
