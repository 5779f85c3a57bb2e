// SPDX-License-Identifier: GPL-2.0
/*
 * LPAR-like slices: dedicated CPUs and pinned memory.
 *
 * Placeholder: this is the minimal module the foundation of the suite
 * builds, loads and unloads in its test lanes. It does nothing yet; the
 * lpar-cgroup issue replaces it with the real implementation.
 */

#include <linux/module.h>

static int __init lpar_cgroup_init(void)
{
	return 0;
}

static void __exit lpar_cgroup_exit(void)
{
}

module_init(lpar_cgroup_init);
module_exit(lpar_cgroup_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("LPAR-like slices: dedicated CPUs and pinned memory");
