/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Formatted extack messages for the suite's netlink families on 6.1,
 * which has no NL_SET_ERR_MSG_FMT. Each module builds its own copy
 * (common/nl_extack.c, included by a one-line file in the module's
 * directory).
 */
#ifndef _SUITE_NL_EXTACK_H
#define _SUITE_NL_EXTACK_H

#include <linux/compiler.h>

struct netlink_ext_ack;

__printf(2, 3)
void nl_extack_fmt(struct netlink_ext_ack *extack, const char *fmt, ...);

#endif /* _SUITE_NL_EXTACK_H */
