// SPDX-License-Identifier: GPL-2.0
/*
 * Local checks of command-line arguments.  The kernel has the last word
 * (which devices are switches and ports, which CPUs exist, which MAC +
 * VLAN pairs are free), but a typo should fail here, with a message that
 * points at it, rather than as an EINVAL from the kernel.  Each check
 * prints its own reason and returns an exit status: a malformed argument
 * is a usage error, a well-formed name nothing answers to is not.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ether.h"
#include "lib/netdev.h"
#include "lib/opts.h"
#include "vmqctl.h"

int check_pairs(const char *cmd, const char * const *keys, int argc,
		char **argv)
{
	unsigned long seen = 0;
	int i, k;

	for (i = 0; i < argc; i += 2) {
		for (k = 0; keys[k] && strcmp(keys[k], argv[i]); k++)
			;
		if (!keys[k])
			return usage_error(cmd, "unknown argument '%s'", argv[i]);
		if (seen & BIT(k))
			return usage_error(cmd, "'%s' given twice", argv[i]);
		seen |= BIT(k);
		if (i + 1 == argc)
			return usage_error(cmd, "'%s' needs a value", argv[i]);
	}
	return 0;
}

int dev_index(const char *what, const char *name, uint32_t *ifindex)
{
	unsigned int idx;
	int ret;

	ret = netdev_index(what, name, &idx);
	if (ret == -EINVAL)
		return VMQCTL_EXIT_USAGE;
	if (ret)
		return VMQCTL_EXIT_ERR;
	*ifindex = idx;
	return 0;
}

/*
 * A port is its device, or SWITCH:ID for one whose device lives in a
 * namespace we cannot name it in.  No device name holds a ':' (the
 * kernel keeps it for aliases), so the two never mix up.
 */
int parse_port_ref(const char *arg, struct port_ref *ref)
{
	const char *colon = strchr(arg, ':');
	char *sw;
	int ret;

	memset(ref, 0, sizeof(*ref));
	ref->arg = arg;
	if (!colon)
		return dev_index("port", arg, &ref->ifindex);

	if (parse_u32("port number", colon + 1, 1, VMQ_MAX_PORTS, &ref->id))
		return VMQCTL_EXIT_USAGE;
	sw = strndup(arg, colon - arg);
	if (!sw)
		return fail(-ENOMEM, "port '%s'", arg);
	ret = dev_index("switch", sw, &ref->switch_ifindex);
	/* dev_index() has checked that it is shorter than IFNAMSIZ. */
	if (!ret)
		strcpy(ref->switch_name, sw);
	free(sw);
	return ret;
}

int put_port_ref(struct nl_msg *msg, const struct port_ref *ref)
{
	if (ref->ifindex)
		return nla_put_u32(msg, VMQ_A_PORT_IFINDEX, ref->ifindex) ?
		       -EMSGSIZE : 0;
	if (nla_put_u32(msg, VMQ_A_SWITCH_IFINDEX, ref->switch_ifindex) ||
	    nla_put_u32(msg, VMQ_A_PORT_ID, ref->id))
		return -EMSGSIZE;
	return 0;
}

bool parse_on_off(const char *what, const char *arg, bool *on)
{
	if (!strcmp(arg, "on") || !strcmp(arg, "off")) {
		*on = !strcmp(arg, "on");
		return true;
	}
	fprintf(stderr, "%s: invalid %s '%s': must be 'on' or 'off'\n",
		program_invocation_short_name, what, arg);
	return false;
}

bool parse_unknown_unicast(const char *arg, uint32_t *policy)
{
	if (unknown_unicast_value(arg, policy))
		return true;
	fprintf(stderr,
		"%s: invalid unknown-unicast policy '%s': must be 'host', 'flood' or 'drop'\n",
		program_invocation_short_name, arg);
	return false;
}

/*
 * A VLAN or CPU list goes to the kernel in canonical form ("2-5,8"),
 * whatever the user wrote: its length has a bound VMQ_MSG_SIZE allows
 * for, and the kernel's parser only ever sees the plainest syntax.
 * @clear is the word for the empty list, which resets the setting.
 */
static int parse_list(const char *what, const char *arg, const char *clear,
		      bool vlans, char **out)
{
	unsigned long cpus[CPU_BITMAP_LONGS(LIST_BITS)];
	unsigned long vids[VLAN_BITMAP_LONGS];
	int len;

	if (!strcmp(arg, clear)) {
		*out = strdup("");
		return *out ? 0 : fail(-ENOMEM, "%s", what);
	}
	if (vlans ? parse_vlan_list(what, arg, vids) :
		    parse_cpulist(what, arg, cpus, LIST_BITS))
		return VMQCTL_EXIT_USAGE;
	len = vlans ? format_vlan_list(NULL, 0, vids) :
		      format_cpulist(NULL, 0, cpus, LIST_BITS);
	*out = malloc(len + 1);
	if (!*out)
		return fail(-ENOMEM, "%s", what);
	if (vlans)
		format_vlan_list(*out, len + 1, vids);
	else
		format_cpulist(*out, len + 1, cpus, LIST_BITS);
	return 0;
}

int parse_trunk(const char *arg, char **out)
{
	return parse_list("trunk VLAN list", arg, "none", true, out);
}

int parse_cpus(const char *arg, char **out)
{
	return parse_list("CPU list", arg, "any", false, out);
}
