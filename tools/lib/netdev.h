/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Network device names on the command line: checked as the kernel
 * checks them, then looked up in the caller's network namespace.
 *
 * Conventions as in opts.h: 0 or a negative errno, and with @what not
 * NULL a message on stderr that says why.
 */
#ifndef TOOLS_LIB_NETDEV_H
#define TOOLS_LIB_NETDEV_H

#include <net/if.h>

/*
 * -EINVAL unless @name could name a device, as the kernel's
 * dev_valid_name() decides: 1 to IFNAMSIZ - 1 characters, not "." or
 * "..", no '/', ':' or white space.
 */
int check_ifname(const char *what, const char *name);

/*
 * The ifindex of device @name in this namespace: check_ifname(), then
 * -ENODEV if there is no such device ("<prog>: <what> '<name>': no such
 * network device in this namespace").
 */
int netdev_index(const char *what, const char *name, unsigned int *ifindex);

/*
 * The name of device @ifindex in this namespace, into @buf of IFNAMSIZ
 * bytes; NULL if there is none (gone, or in another namespace).
 */
const char *netdev_name(unsigned int ifindex, char *buf);

#endif /* TOOLS_LIB_NETDEV_H */
