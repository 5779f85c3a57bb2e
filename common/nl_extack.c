// SPDX-License-Identifier: GPL-2.0
/*
 * 6.1's extack carries a pointer to a message, not the message, and the
 * ack that copies it is built after the handler has returned (and, for
 * generic netlink, after the family's lock is dropped). Formatted messages
 * therefore live in a ring, long enough that a slot is not reused while an
 * ack that points to it is in flight.
 */

#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/netlink.h>

#include "nl_extack.h"

#define NL_MSG_SLOTS	64
#define NL_MSG_LEN	120

static char nl_msgs[NL_MSG_SLOTS][NL_MSG_LEN];
static atomic_t nl_msg_next = ATOMIC_INIT(0);

void nl_extack_fmt(struct netlink_ext_ack *extack, const char *fmt, ...)
{
	unsigned int slot;
	va_list args;
	char *msg;

	if (!extack)
		return;
	slot = (unsigned int)atomic_inc_return(&nl_msg_next) % NL_MSG_SLOTS;
	msg = nl_msgs[slot];
	va_start(args, fmt);
	vsnprintf(msg, NL_MSG_LEN, fmt, args);
	va_end(args);
	extack->_msg = msg;
}
