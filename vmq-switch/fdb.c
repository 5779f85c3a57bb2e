// SPDX-License-Identifier: GPL-2.0
/*
 * The switch's table: (destination MAC, VLAN) -> port. A port owns one
 * entry for its access VLAN and one per trunk VLAN. The receive path
 * looks entries up under RCU; changes are built aside, checked whole and
 * swapped in under RTNL, so a request that conflicts changes nothing.
 */

#include <linux/etherdevice.h>
#include <linux/hash.h>
#include <linux/slab.h>

#include "vmq.h"

static u32 vmq_fdb_hash(const u8 *addr, u16 vid)
{
	u64 key = ether_addr_to_u64(addr) ^ ((u64)vid << 48);

	return hash_64(key, VMQ_FDB_BITS);
}

static struct vmq_fdb *vmq_fdb_find(struct vmq_switch *sw, const u8 *addr,
				    u16 vid)
{
	struct vmq_fdb *f;

	hlist_for_each_entry_rcu(f, &sw->fdb[vmq_fdb_hash(addr, vid)], hnode,
				 lockdep_rtnl_is_held())
		if (f->vid == vid && ether_addr_equal(f->addr, addr))
			return f;
	return NULL;
}

struct vmq_port *vmq_fdb_lookup(struct vmq_switch *sw, const u8 *addr,
				u16 vid)
{
	struct vmq_fdb *f = vmq_fdb_find(sw, addr, vid);

	return f ? f->port : NULL;
}

static int vmq_fdb_add(struct vmq_port *port, const u8 *addr, u16 vid,
		       struct list_head *entries,
		       struct netlink_ext_ack *extack)
{
	struct vmq_fdb *f = vmq_fdb_find(port->sw, addr, vid);

	if (f && f->port != port) {
		nl_extack_fmt(extack, "MAC %pM on VLAN %u is port %s's",
			      addr, vid, netdev_name(f->port->dev));
		return -EEXIST;
	}
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	ether_addr_copy(f->addr, addr);
	f->vid = vid;
	f->port = port;
	list_add_tail(&f->port_node, entries);
	return 0;
}

/*
 * The entries @port would own with @addr, @vlan and @trunk, on @entries,
 * not yet in the table; -EEXIST if another port holds one of them.
 */
int vmq_fdb_build(struct vmq_port *port, const u8 *addr, u16 vlan,
		  const struct vmq_vlans *trunk, struct list_head *entries,
		  struct netlink_ext_ack *extack)
{
	unsigned int vid;
	int err;

	ASSERT_RTNL();
	err = vmq_fdb_add(port, addr, vlan, entries, extack);
	if (!err && trunk) {
		for_each_set_bit(vid, trunk->map, VLAN_N_VID) {
			if (vid == vlan)
				continue;
			err = vmq_fdb_add(port, addr, vid, entries, extack);
			if (err)
				break;
		}
	}
	if (err)
		vmq_fdb_free_list(entries);
	return err;
}

void vmq_fdb_free_list(struct list_head *entries)
{
	struct vmq_fdb *f, *tmp;

	list_for_each_entry_safe(f, tmp, entries, port_node)
		kfree(f);
	INIT_LIST_HEAD(entries);
}

/*
 * Swap @port's entries for @entries (built by vmq_fdb_build()). The new
 * ones go in first, so a key both hold never misses a lookup.
 */
void vmq_fdb_replace(struct vmq_port *port, struct list_head *entries)
{
	struct vmq_switch *sw = port->sw;
	struct vmq_fdb *f, *tmp;

	ASSERT_RTNL();
	list_for_each_entry(f, entries, port_node)
		hlist_add_head_rcu(&f->hnode,
				   &sw->fdb[vmq_fdb_hash(f->addr, f->vid)]);
	list_for_each_entry_safe(f, tmp, &port->fdb, port_node) {
		hlist_del_rcu(&f->hnode);
		list_del(&f->port_node);
		kfree_rcu(f, rcu);
	}
	list_splice_tail_init(entries, &port->fdb);
}
