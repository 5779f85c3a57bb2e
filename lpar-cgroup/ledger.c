// SPDX-License-Identifier: GPL-2.0
/*
 * The ledger: which CPUs and how much of each node's memory the host keeps,
 * and which the slices hold. Every invariant is checked here, under one
 * lock, before anything changes:
 *
 *  - slices' CPU sets are disjoint and never contain a housekeeping CPU;
 *  - an SMT core is never split between slices (or a slice and the host);
 *  - the pools of the slices on a node fit its memory less its reserve.
 *
 * A request that breaks one is refused with an extack message naming the
 * CPU, node or slice, and changes nothing.
 */

#include <linux/cpu.h>
#include <linux/ctype.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/slab.h>
#include <linux/topology.h>

#include "lpar.h"

/* Serialises every change to the ledger and its slices. */
DEFINE_MUTEX(lpar_lock);
DEFINE_SPINLOCK(lpar_show_lock);
struct lpar_host lpar_host;

bool lpar_name_valid(const char *name)
{
	size_t i, len = strnlen(name, LPAR_SLICE_NAME_MAX);

	if (!len || len >= LPAR_SLICE_NAME_MAX || !islower(name[0]))
		return false;
	for (i = 1; i < len; i++)
		if (!islower(name[i]) && !isdigit(name[i]) &&
		    name[i] != '-' && name[i] != '_')
			return false;
	return true;
}

/* Memory the buddy allocator manages on a node: what slices can draw on. */
u64 lpar_node_total(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	unsigned long pages = 0;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++)
		pages += zone_managed_pages(&pgdat->node_zones[z]);
	return (u64)pages << PAGE_SHIFT;
}

struct lpar_slice *lpar_slice_find(const char *name)
{
	struct lpar_slice *s;

	lockdep_assert_held(&lpar_lock);
	list_for_each_entry(s, &lpar_host.slices, list)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

static struct lpar_slice *slice_of_cpu(unsigned int cpu)
{
	struct lpar_slice *s;

	list_for_each_entry(s, &lpar_host.slices, list)
		if (cpumask_test_cpu(cpu, s->cpus))
			return s;
	return NULL;
}

/* Can @cpus belong to @self (NULL for a new slice)? */
static int check_cpus(const struct lpar_slice *self, const struct cpumask *cpus,
		      struct netlink_ext_ack *extack)
{
	const struct lpar_slice *owner;
	unsigned int cpu, sib;

	if (cpumask_empty(cpus)) {
		NL_SET_ERR_MSG(extack, "a slice needs at least one CPU");
		return -EINVAL;
	}
	for_each_cpu(cpu, cpus) {
		if (cpu >= nr_cpu_ids || !cpu_possible(cpu)) {
			nl_extack_fmt(extack, "CPU %u does not exist", cpu);
			return -EINVAL;
		}
		if (!cpu_online(cpu)) {
			nl_extack_fmt(extack, "CPU %u is offline", cpu);
			return -EINVAL;
		}
		if (cpumask_test_cpu(cpu, lpar_host.housekeeping)) {
			nl_extack_fmt(extack,
				      "CPU %u is a housekeeping CPU of the host",
				      cpu);
			return -EBUSY;
		}
		owner = slice_of_cpu(cpu);
		if (owner && owner != self) {
			nl_extack_fmt(extack, "CPU %u belongs to slice %s",
				      cpu, owner->name);
			return -EBUSY;
		}
		for_each_cpu(sib, topology_sibling_cpumask(cpu)) {
			if (!cpumask_test_cpu(sib, cpus)) {
				nl_extack_fmt(extack,
					      "CPU %u without its SMT sibling %u would split a core",
					      cpu, sib);
				return -EINVAL;
			}
		}
	}
	return 0;
}

static int check_nodes(const nodemask_t *nodes, struct netlink_ext_ack *extack)
{
	int nid;

	if (nodes_empty(*nodes)) {
		NL_SET_ERR_MSG(extack, "a slice needs at least one node");
		return -EINVAL;
	}
	for_each_node_mask(nid, *nodes) {
		if (nid >= nr_node_ids || !node_state(nid, N_MEMORY)) {
			nl_extack_fmt(extack,
				      "node %d does not exist or has no memory",
				      nid);
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * Split @bytes over @nodes in whole pages, the remainder on the first node,
 * and check each share fits what the node has left for slices.
 */
static int split_memory(const nodemask_t *nodes, u64 bytes, u64 *share,
			struct netlink_ext_ack *extack)
{
	unsigned int n = nodes_weight(*nodes);
	u64 pages = bytes >> PAGE_SHIFT, each = div_u64(pages, n);
	bool first = true;
	int nid;

	if (bytes & ~PAGE_MASK) {
		nl_extack_fmt(extack,
			      "memory must be a multiple of the page size (%lu)",
			      PAGE_SIZE);
		return -EINVAL;
	}
	for_each_node_mask(nid, *nodes) {
		u64 total = lpar_node_total(nid), left = 0;

		share[nid] = (each + (first ? pages - each * n : 0)) << PAGE_SHIFT;
		first = false;
		if (total > lpar_host.reserve[nid] + lpar_host.held[nid])
			left = total - lpar_host.reserve[nid] - lpar_host.held[nid];
		if (share[nid] > left) {
			nl_extack_fmt(extack,
				      "node %d has %llu bytes left for slices, %llu asked",
				      nid, left, share[nid]);
			return -ENOSPC;
		}
	}
	return 0;
}

static int pool_fill(struct lpar_slice *s, const u64 *share,
		     struct netlink_ext_ack *extack)
{
	int nid, err;

	for_each_node_mask(nid, s->nodes) {
		if (!share[nid])
			continue;
		err = lpar_pool_grow(s->pool, nid, share[nid]);
		if (err) {
			nl_extack_fmt(extack,
				      "node %d could not supply %llu pinned bytes",
				      nid, share[nid]);
			return err;
		}
		s->node_bytes[nid] += share[nid];
		lpar_host.held[nid] += share[nid];
	}
	return 0;
}

static void slice_release_memory(struct lpar_slice *s)
{
	int nid;

	for_each_node(nid) {
		lpar_host.held[nid] -= s->node_bytes[nid];
		s->node_bytes[nid] = 0;
	}
}

int lpar_slice_new(const char *name, const struct cpumask *cpus,
		   const nodemask_t *nodes, u64 bytes,
		   enum lpar_slice_mode mode, struct netlink_ext_ack *extack)
{
	struct lpar_slice *s;
	u64 *share;
	int err;

	lockdep_assert_held(&lpar_lock);
	if (!lpar_name_valid(name)) {
		NL_SET_ERR_MSG(extack,
			       "slice names are [a-z][a-z0-9_-]*, at most 31 characters");
		return -EINVAL;
	}
	if (lpar_slice_find(name)) {
		nl_extack_fmt(extack, "slice %s exists", name);
		return -EEXIST;
	}
	err = check_cpus(NULL, cpus, extack);
	if (err)
		return err;
	err = check_nodes(nodes, extack);
	if (err)
		return err;

	share = kcalloc(nr_node_ids, sizeof(*share), GFP_KERNEL);
	if (!share)
		return -ENOMEM;
	err = split_memory(nodes, bytes, share, extack);
	if (err)
		goto out_share;

	err = -ENOMEM;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		goto out_share;
	s->node_bytes = kcalloc(nr_node_ids, sizeof(*s->node_bytes), GFP_KERNEL);
	if (!s->node_bytes || !zalloc_cpumask_var(&s->cpus, GFP_KERNEL))
		goto out_slice;
	strscpy(s->name, name, sizeof(s->name));
	cpumask_copy(s->cpus, cpus);
	s->nodes = *nodes;
	s->mode = mode;
	s->state = LPAR_STATE_DEFINED;

	s->pool = lpar_pool_create(name);
	if (IS_ERR(s->pool)) {
		err = PTR_ERR(s->pool);
		s->pool = NULL;
		nl_extack_fmt(extack, "cannot create /dev/lpar/%s", name);
		goto out_slice;
	}
	err = pool_fill(s, share, extack);
	if (err)
		goto out_pool;

	err = lpar_sysfs_add_slice(s);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot add the slice to sysfs");
		goto out_pool;
	}
	list_add_tail(&s->list, &lpar_host.slices);
	lpar_host.nr_slices++;
	cpumask_or(lpar_host.assigned, lpar_host.assigned, cpus);
	kfree(share);
	lpar_irqs_update();
	lpar_notify(LPAR_EVENT_SLICE_NEW, s, -1);
	return 0;

out_pool:
	slice_release_memory(s);
	lpar_pool_destroy(s->pool);
	s->pool = NULL;
out_slice:
	lpar_slice_put(s);
out_share:
	kfree(share);
	return err;
}

int lpar_slice_del(struct lpar_slice *s, bool force,
		   struct netlink_ext_ack *extack)
{
	unsigned int maps;

	lockdep_assert_held(&lpar_lock);
	if (s->cgroup_id && !force) {
		lpar_check_slices();
		if (s->tasks) {
			nl_extack_fmt(extack,
				      "slice %s: its cgroup holds %u task(s); stop them or force",
				      s->name, s->tasks);
			return -EBUSY;
		}
	}
	maps = lpar_pool_mappings(s->pool);
	if (maps && !force) {
		nl_extack_fmt(extack,
			      "slice %s: its memory is mapped %u time(s); stop its users or force",
			      s->name, maps);
		return -EBUSY;
	}
	list_del(&s->list);
	lpar_host.nr_slices--;
	cpumask_andnot(lpar_host.assigned, lpar_host.assigned, s->cpus);
	lpar_slice_drop_irqs(s);
	lpar_irqs_update();
	slice_release_memory(s);
	lpar_notify(LPAR_EVENT_SLICE_DEL, s, -1);
	lpar_sysfs_del_slice(s);
	lpar_pool_destroy(s->pool);
	s->pool = NULL;
	lpar_slice_put(s);
	return 0;
}

static void slice_apply_cpus(struct lpar_slice *s, const struct cpumask *cpus)
{
	cpumask_andnot(lpar_host.assigned, lpar_host.assigned, s->cpus);
	spin_lock(&lpar_show_lock);
	cpumask_copy(s->cpus, cpus);
	spin_unlock(&lpar_show_lock);
	cpumask_or(lpar_host.assigned, lpar_host.assigned, cpus);
	lpar_irqs_update();
	/* Dropping an offline CPU makes a slice whole again. */
	lpar_slice_update_state(s, -1);
}

static int slice_set_memory(struct lpar_slice *s, u64 bytes,
			    struct netlink_ext_ack *extack)
{
	u64 now = lpar_pool_bytes(s->pool), *share;
	int err;

	lockdep_assert_held(&lpar_lock);
	if (bytes & ~PAGE_MASK) {
		nl_extack_fmt(extack,
			      "memory must be a multiple of the page size (%lu)",
			      PAGE_SIZE);
		return -EINVAL;
	}
	if (bytes == now)
		return 0;

	if (bytes < now) {
		err = lpar_pool_shrink(s->pool, now - bytes, s->node_bytes,
				       lpar_host.held, false);
		if (err == -EBUSY)
			nl_extack_fmt(extack,
				      "slice %s: memory cannot shrink while mapped",
				      s->name);
		return err;
	}

	share = kcalloc(nr_node_ids, sizeof(*share), GFP_KERNEL);
	if (!share)
		return -ENOMEM;
	err = split_memory(&s->nodes, bytes - now, share, extack);
	if (!err)
		err = pool_fill(s, share, extack);
	kfree(share);
	if (err)
		lpar_pool_shrink(s->pool, lpar_pool_bytes(s->pool) - now,
				 s->node_bytes, lpar_host.held, true);
	return err;
}

/*
 * Resize a running slice: new CPUs (or NULL), new pool size (or U64_MAX).
 * All or nothing: the CPUs are checked before the memory moves and applied
 * once it has.
 */
int lpar_slice_resize(struct lpar_slice *s, const struct cpumask *cpus,
		      u64 bytes, struct netlink_ext_ack *extack)
{
	int err;

	lockdep_assert_held(&lpar_lock);
	if (cpus) {
		err = check_cpus(s, cpus, extack);
		if (err)
			return err;
	}
	if (bytes != U64_MAX) {
		err = slice_set_memory(s, bytes, extack);
		if (err)
			return err;
	}
	if (cpus)
		slice_apply_cpus(s, cpus);
	lpar_notify(LPAR_EVENT_SLICE_CHANGE, s, -1);
	return 0;
}

int lpar_host_set_reserve(int nid, u64 bytes, struct netlink_ext_ack *extack)
{
	u64 total;

	lockdep_assert_held(&lpar_lock);
	if (nid < 0 || nid >= nr_node_ids || !node_state(nid, N_MEMORY)) {
		nl_extack_fmt(extack, "node %d does not exist or has no memory",
			      nid);
		return -EINVAL;
	}
	total = lpar_node_total(nid);
	if (bytes > total || lpar_host.held[nid] > total - bytes) {
		nl_extack_fmt(extack,
			      "node %d: slices hold %llu of %llu bytes, a reserve of %llu does not fit",
			      nid, lpar_host.held[nid], total, bytes);
		return -EBUSY;
	}
	lpar_host.reserve[nid] = bytes;
	return 0;
}

int lpar_ledger_init(const char *housekeeping, unsigned int reserve_percent)
{
	unsigned int cpu;
	int nid, err;

	INIT_LIST_HEAD(&lpar_host.slices);
	if (!zalloc_cpumask_var(&lpar_host.housekeeping, GFP_KERNEL) ||
	    !zalloc_cpumask_var(&lpar_host.assigned, GFP_KERNEL))
		goto nomem;
	lpar_host.reserve = kcalloc(nr_node_ids, sizeof(u64), GFP_KERNEL);
	lpar_host.held = kcalloc(nr_node_ids, sizeof(u64), GFP_KERNEL);
	if (!lpar_host.reserve || !lpar_host.held)
		goto nomem;

	err = cpulist_parse(housekeeping, lpar_host.housekeeping);
	if (err || !cpumask_test_cpu(0, lpar_host.housekeeping) ||
	    !cpumask_subset(lpar_host.housekeeping, cpu_possible_mask)) {
		pr_err("housekeeping=%s: must be a list of existing CPUs with CPU 0\n",
		       housekeeping);
		lpar_ledger_exit();
		return -EINVAL;
	}
	/* The host keeps whole cores. */
	for_each_cpu(cpu, lpar_host.housekeeping)
		cpumask_or(lpar_host.housekeeping, lpar_host.housekeeping,
			   topology_sibling_cpumask(cpu));

	for_each_node_state(nid, N_MEMORY)
		lpar_host.reserve[nid] = PAGE_ALIGN(div_u64(lpar_node_total(nid) *
							    reserve_percent, 100));
	return 0;

nomem:
	lpar_ledger_exit();
	return -ENOMEM;
}

void lpar_ledger_exit(void)
{
	kfree(lpar_host.held);
	kfree(lpar_host.reserve);
	free_cpumask_var(lpar_host.assigned);
	free_cpumask_var(lpar_host.housekeeping);
}
