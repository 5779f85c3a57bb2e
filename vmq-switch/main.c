// SPDX-License-Identifier: GPL-2.0
/*
 * VMQ-style virtual switch: one RX queue per VM port.
 *
 * Placeholder: this is the minimal module the foundation of the suite
 * builds, loads and unloads in its test lanes. It does nothing yet; the
 * vmq-switch issue replaces it with the real implementation.
 */

#include <linux/module.h>

static int __init vmq_switch_init(void)
{
	return 0;
}

static void __exit vmq_switch_exit(void)
{
}

module_init(vmq_switch_init);
module_exit(vmq_switch_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("VMQ-style virtual switch: one RX queue per VM port");
