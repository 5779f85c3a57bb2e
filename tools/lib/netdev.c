// SPDX-License-Identifier: GPL-2.0
/*
 * Network device names; see netdev.h.
 *
 * The name is checked before the lookup because if_nametoindex() says
 * ENODEV for a name that can never exist as well as for one that does
 * not exist yet, and only the first is a typo worth pointing at.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "netdev.h"

int check_ifname(const char *what, const char *name)
{
	const char *reason = NULL;
	const char *p;

	if (!*name)
		reason = "empty";
	else if (strlen(name) >= IFNAMSIZ)
		reason = "longer than 15 characters";
	else if (!strcmp(name, ".") || !strcmp(name, ".."))
		reason = "'.' and '..' are not device names";
	for (p = name; !reason && *p; p++)
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p))
			reason = "no '/', ':' or white space allowed";
	if (!reason)
		return 0;
	if (what)
		fprintf(stderr, "%s: invalid %s '%s': %s\n",
			program_invocation_short_name, what, name, reason);
	return -EINVAL;
}

int netdev_index(const char *what, const char *name, unsigned int *ifindex)
{
	unsigned int idx;
	int ret;

	ret = check_ifname(what, name);
	if (ret)
		return ret;
	errno = 0;
	idx = if_nametoindex(name);
	if (!idx) {
		ret = errno ? -errno : -ENODEV;
		if (what && ret == -ENODEV)
			fprintf(stderr,
				"%s: %s '%s': no such network device in this namespace\n",
				program_invocation_short_name, what, name);
		else if (what)
			fprintf(stderr, "%s: %s '%s': %s\n",
				program_invocation_short_name, what, name,
				strerror(-ret));
		return ret;
	}
	*ifindex = idx;
	return 0;
}

const char *netdev_name(unsigned int ifindex, char *buf)
{
	return ifindex ? if_indextoname(ifindex, buf) : NULL;
}
