// SPDX-License-Identifier: GPL-2.0
/*
 * Read-only sysfs under /sys/kernel/lpar, one value per file:
 *
 *   housekeeping_cpus
 *   nodes/node<N>/{total_bytes,reserve_bytes,slices_bytes}
 *   slices/<name>/{cpus,nodes,mode,state,memory_bytes,mappings,device,
 *                  cgroup_id,tasks,reason}
 *
 * Changes go through netlink. Readers never take lpar_lock, which is held
 * while a slice's directory is removed; they take lpar_show_lock instead.
 */

#include <linux/slab.h>
#include <linux/sysfs.h>

#include "lpar.h"

const char * const lpar_mode_names[] = {
	[LPAR_MODE_DEDICATED]	= "dedicated",
	[LPAR_MODE_SHARED]	= "shared",
};

const char * const lpar_state_names[] = {
	[LPAR_STATE_DEFINED]	= "defined",
	[LPAR_STATE_ACTIVE]	= "active",
	[LPAR_STATE_DEGRADED]	= "degraded",
	[LPAR_STATE_FAILED]	= "failed",
};

static struct kobject *lpar_kobj, *slices_kobj, *nodes_kobj;
static struct kobject **node_kobjs;

#define to_slice(k) container_of(k, struct lpar_slice, kobj)

static ssize_t cpus_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	ssize_t n;

	spin_lock(&lpar_show_lock);
	n = sysfs_emit(buf, "%*pbl\n", cpumask_pr_args(to_slice(k)->cpus));
	spin_unlock(&lpar_show_lock);
	return n;
}

static ssize_t nodes_show(struct kobject *k, struct kobj_attribute *a,
			  char *buf)
{
	return sysfs_emit(buf, "%*pbl\n", nodemask_pr_args(&to_slice(k)->nodes));
}

static ssize_t mode_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%s\n", lpar_mode_names[to_slice(k)->mode]);
}

static ssize_t state_show(struct kobject *k, struct kobj_attribute *a,
			  char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  lpar_state_names[READ_ONCE(to_slice(k)->state)]);
}

/* The pool is freed only after the directory is gone: no lock needed. */
static ssize_t memory_bytes_show(struct kobject *k, struct kobj_attribute *a,
				 char *buf)
{
	return sysfs_emit(buf, "%llu\n", lpar_pool_bytes(to_slice(k)->pool));
}

static ssize_t mappings_show(struct kobject *k, struct kobj_attribute *a,
			     char *buf)
{
	return sysfs_emit(buf, "%u\n", lpar_pool_mappings(to_slice(k)->pool));
}

static ssize_t device_show(struct kobject *k, struct kobj_attribute *a,
			   char *buf)
{
	return sysfs_emit(buf, "%s\n", lpar_pool_devname(to_slice(k)->pool));
}

static ssize_t cgroup_id_show(struct kobject *k, struct kobj_attribute *a,
			      char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(to_slice(k)->cgroup_id));
}

static ssize_t tasks_show(struct kobject *k, struct kobj_attribute *a,
			  char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(to_slice(k)->tasks));
}

static ssize_t reason_show(struct kobject *k, struct kobj_attribute *a,
			   char *buf)
{
	ssize_t n;

	spin_lock(&lpar_show_lock);
	n = sysfs_emit(buf, "%s\n", to_slice(k)->reason);
	spin_unlock(&lpar_show_lock);
	return n;
}

static ssize_t irqs_show(struct kobject *k, struct kobj_attribute *a,
			 char *buf)
{
	int n = lpar_slice_irqs_print(to_slice(k), buf, PAGE_SIZE - 1);

	return n + sysfs_emit_at(buf, n, "\n");
}

static struct kobj_attribute cpus_attr = __ATTR_RO(cpus);
static struct kobj_attribute nodes_attr = __ATTR_RO(nodes);
static struct kobj_attribute mode_attr = __ATTR_RO(mode);
static struct kobj_attribute state_attr = __ATTR_RO(state);
static struct kobj_attribute memory_bytes_attr = __ATTR_RO(memory_bytes);
static struct kobj_attribute mappings_attr = __ATTR_RO(mappings);
static struct kobj_attribute device_attr = __ATTR_RO(device);
static struct kobj_attribute cgroup_id_attr = __ATTR_RO(cgroup_id);
static struct kobj_attribute tasks_attr = __ATTR_RO(tasks);
static struct kobj_attribute reason_attr = __ATTR_RO(reason);
static struct kobj_attribute irqs_attr = __ATTR_RO(irqs);

static struct attribute *slice_attrs[] = {
	&cpus_attr.attr,
	&nodes_attr.attr,
	&mode_attr.attr,
	&state_attr.attr,
	&memory_bytes_attr.attr,
	&mappings_attr.attr,
	&device_attr.attr,
	&cgroup_id_attr.attr,
	&tasks_attr.attr,
	&reason_attr.attr,
	&irqs_attr.attr,
	NULL
};
ATTRIBUTE_GROUPS(slice);

static void slice_release(struct kobject *kobj)
{
	struct lpar_slice *s = to_slice(kobj);

	free_cpumask_var(s->cpus);
	kfree(s->node_bytes);
	kfree(s);
}

static struct kobj_type slice_ktype = {
	.release	= slice_release,
	.sysfs_ops	= &kobj_sysfs_ops,
	.default_groups	= slice_groups,
};

int lpar_sysfs_add_slice(struct lpar_slice *s)
{
	int err;

	kobject_init(&s->kobj, &slice_ktype);
	err = kobject_add(&s->kobj, slices_kobj, "%s", s->name);
	if (err)
		return err;
	s->in_sysfs = true;
	return 0;
}

void lpar_sysfs_del_slice(struct lpar_slice *s)
{
	kobject_del(&s->kobj);
	s->in_sysfs = false;
}

/* Drop the ledger's reference: frees the slice once sysfs lets go of it. */
void lpar_slice_put(struct lpar_slice *s)
{
	if (s->kobj.state_initialized) {
		kobject_put(&s->kobj);
		return;
	}
	slice_release(&s->kobj);
}

static ssize_t housekeeping_cpus_show(struct kobject *k,
				      struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%*pbl\n", cpumask_pr_args(lpar_host.housekeeping));
}

static struct kobj_attribute housekeeping_attr = __ATTR_RO(housekeeping_cpus);

static ssize_t irqs_moved_show(struct kobject *k, struct kobj_attribute *a,
			       char *buf)
{
	int n = lpar_irqs_moved_print(buf, PAGE_SIZE - 1);

	return n + sysfs_emit_at(buf, n, "\n");
}

static struct kobj_attribute irqs_moved_attr = __ATTR_RO(irqs_moved);

static int node_id(struct kobject *k)
{
	int nid;

	for_each_node(nid)
		if (node_kobjs[nid] == k)
			return nid;
	return NUMA_NO_NODE;
}

static ssize_t total_bytes_show(struct kobject *k, struct kobj_attribute *a,
				char *buf)
{
	return sysfs_emit(buf, "%llu\n", lpar_node_total(node_id(k)));
}

static ssize_t reserve_bytes_show(struct kobject *k, struct kobj_attribute *a,
				  char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(lpar_host.reserve[node_id(k)]));
}

static ssize_t slices_bytes_show(struct kobject *k, struct kobj_attribute *a,
				 char *buf)
{
	return sysfs_emit(buf, "%llu\n", READ_ONCE(lpar_host.held[node_id(k)]));
}

static struct kobj_attribute total_bytes_attr = __ATTR_RO(total_bytes);
static struct kobj_attribute reserve_bytes_attr = __ATTR_RO(reserve_bytes);
static struct kobj_attribute slices_bytes_attr = __ATTR_RO(slices_bytes);

static struct attribute *node_attrs[] = {
	&total_bytes_attr.attr,
	&reserve_bytes_attr.attr,
	&slices_bytes_attr.attr,
	NULL
};

static const struct attribute_group node_group = {
	.attrs = node_attrs,
};

int lpar_sysfs_init(void)
{
	int nid, err = -ENOMEM;

	node_kobjs = kcalloc(nr_node_ids, sizeof(*node_kobjs), GFP_KERNEL);
	lpar_kobj = kobject_create_and_add("lpar", kernel_kobj);
	if (!node_kobjs || !lpar_kobj)
		goto fail;
	err = sysfs_create_file(lpar_kobj, &housekeeping_attr.attr);
	if (!err)
		err = sysfs_create_file(lpar_kobj, &irqs_moved_attr.attr);
	if (err)
		goto fail;
	err = -ENOMEM;
	slices_kobj = kobject_create_and_add("slices", lpar_kobj);
	nodes_kobj = kobject_create_and_add("nodes", lpar_kobj);
	if (!slices_kobj || !nodes_kobj)
		goto fail;
	for_each_node_state(nid, N_MEMORY) {
		char name[16];

		snprintf(name, sizeof(name), "node%d", nid);
		node_kobjs[nid] = kobject_create_and_add(name, nodes_kobj);
		if (!node_kobjs[nid])
			goto fail;
		err = sysfs_create_group(node_kobjs[nid], &node_group);
		if (err)
			goto fail;
	}
	return 0;
fail:
	lpar_sysfs_exit();
	return err;
}

void lpar_sysfs_exit(void)
{
	int nid;

	if (node_kobjs)
		for_each_node(nid)
			kobject_put(node_kobjs[nid]);
	kfree(node_kobjs);
	node_kobjs = NULL;
	kobject_put(nodes_kobj);
	kobject_put(slices_kobj);
	kobject_put(lpar_kobj);
	nodes_kobj = NULL;
	slices_kobj = NULL;
	lpar_kobj = NULL;
}
