// SPDX-License-Identifier: GPL-2.0
/*
 * lpar-cgroup: LPAR-like slices of a host, each with dedicated CPUs and a
 * pinned, NUMA-local memory pool, kept in a ledger that enforces that no
 * two slices share a CPU or an SMT core and that pools fit their nodes.
 *
 * Parameters: housekeeping= (cpulist the host keeps, default "0", widened
 * to whole cores), reserve_percent= (memory each node keeps for the host
 * when the module loads, default 10; lparctl host reserve changes it).
 *
 * Unloading destroys every slice and gives back the affinity of every
 * interrupt it moved; the module cannot be unloaded while a
 * pool is open or mapped, since the file holds a module reference.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/module.h>
#include <net/genetlink.h>

#include "lpar.h"

static char *housekeeping = "0";
module_param(housekeeping, charp, 0444);
MODULE_PARM_DESC(housekeeping, "CPUs the host keeps, a cpulist with CPU 0 (default 0)");

static unsigned int reserve_percent = 10;
module_param(reserve_percent, uint, 0444);
MODULE_PARM_DESC(reserve_percent, "Memory each node keeps for the host, in percent (default 10)");

static void lpar_destroy_all(void)
{
	struct lpar_slice *s, *tmp;

	mutex_lock(&lpar_lock);
	list_for_each_entry_safe(s, tmp, &lpar_host.slices, list)
		lpar_slice_del(s, true, NULL);
	mutex_unlock(&lpar_lock);
}

static int __init lpar_init(void)
{
	int err;

	if (reserve_percent > 100) {
		pr_err("reserve_percent=%u: must be at most 100\n",
		       reserve_percent);
		return -EINVAL;
	}
	err = lpar_ledger_init(housekeeping, reserve_percent);
	if (err)
		return err;
	err = lpar_irqs_init();
	if (err)
		goto out_ledger;
	err = lpar_sysfs_init();
	if (err)
		goto out_irqs;
	err = lpar_hotplug_init();
	if (err)
		goto out_sysfs;
	err = lpar_netlink_init();
	if (err)
		goto out_hotplug;
	lpar_binding_init();
	return 0;

out_hotplug:
	lpar_hotplug_exit();
out_sysfs:
	lpar_sysfs_exit();
out_irqs:
	lpar_irqs_exit();
out_ledger:
	lpar_ledger_exit();
	return err;
}

static void __exit lpar_exit(void)
{
	lpar_netlink_exit();
	lpar_binding_exit();
	lpar_hotplug_exit();
	lpar_destroy_all();
	lpar_sysfs_exit();
	lpar_irqs_exit();
	lpar_ledger_exit();
}

module_init(lpar_init);
module_exit(lpar_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("LPAR-like slices: dedicated CPUs and pinned memory");
MODULE_ALIAS_GENL_FAMILY(LPAR_GENL_NAME);
