// SPDX-License-Identifier: GPL-2.0
/*
 * A module that WARNs once when loaded. Only the lanes' own self-test
 * loads it, to prove that a kernel warning in a guest fails a run whose
 * tests all passed.
 */

#include <linux/bug.h>
#include <linux/module.h>

static int __init lane_warn_init(void)
{
	WARN(1, "lane_warn: deliberate warning for the lane self-test\n");
	return 0;
}

static void __exit lane_warn_exit(void)
{
}

module_init(lane_warn_init);
module_exit(lane_warn_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Test-only: WARN on load, for the test lanes' self-test");
