// SPDX-License-Identifier: GPL-2.0
/*
 * Changing ports: port add, port set and port del.  Each is one request,
 * checked locally first; set is all or nothing in the kernel.  add
 * prints the new port, as the kernel's reply gives it (its number, and
 * the MAC address it chose if none was given); set and del print
 * nothing on success.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ether.h"
#include "lib/netdev.h"
#include "lib/opts.h"
#include "vmqctl.h"

/* The settings to put; has_* and non-NULL strings say which were given. */
struct port_args {
	bool		has_mac;
	uint8_t		mac[ETH_ALEN];
	bool		has_vlan;
	uint16_t	vlan;
	char		*trunk;		/* canonical; "" clears it */
	char		*cpus;		/* canonical; "" is any CPU */
	bool		has_vmq;
	bool		vmq;
	bool		has_bcast_limit;
	uint32_t	bcast_limit;
};

static void free_port_args(struct port_args *a)
{
	free(a->trunk);
	free(a->cpus);
}

/* Parse "KEY VALUE" pairs; returns 0 or an exit status. */
static int parse_port_args(const char *cmd, int argc, char **argv,
			   struct port_args *a)
{
	static const char * const keys[] = {
		"mac", "vlan", "trunk", "cpus", "vmq", "bcast-limit", NULL
	};
	const char *key, *val;
	uint32_t v;
	int ret, i;

	ret = check_pairs(cmd, keys, argc, argv);
	for (i = 0; !ret && i < argc; i += 2) {
		key = argv[i];
		val = argv[i + 1];
		if (!strcmp(key, "mac")) {
			if (parse_station_mac("MAC address", val, a->mac))
				return VMQCTL_EXIT_USAGE;
			a->has_mac = true;
		} else if (!strcmp(key, "vlan")) {
			/* 0 is the ABI's "untagged": spelt none. */
			if (!strcmp(val, "none"))
				v = 0;
			else if (parse_u32("VLAN ID", val, VLAN_VID_MIN,
					   VLAN_VID_MAX, &v))
				return VMQCTL_EXIT_USAGE;
			a->vlan = v;
			a->has_vlan = true;
		} else if (!strcmp(key, "trunk")) {
			ret = parse_trunk(val, &a->trunk);
		} else if (!strcmp(key, "cpus")) {
			ret = parse_cpus(val, &a->cpus);
		} else if (!strcmp(key, "vmq")) {
			if (!parse_on_off("vmq setting", val, &a->vmq))
				return VMQCTL_EXIT_USAGE;
			a->has_vmq = true;
		} else {
			if (!strcmp(val, "none"))
				a->bcast_limit = 0;
			else if (parse_u32("broadcast limit", val, 0, UINT32_MAX,
					   &a->bcast_limit))
				return VMQCTL_EXIT_USAGE;
			a->has_bcast_limit = true;
		}
	}
	return ret;
}

static bool port_args_empty(const struct port_args *a)
{
	return !a->has_mac && !a->has_vlan && !a->trunk && !a->cpus &&
	       !a->has_vmq && !a->has_bcast_limit;
}

static int put_port_args(struct nl_msg *msg, const struct port_args *a)
{
	if (a->has_mac && nla_put(msg, VMQ_A_PORT_MAC, ETH_ALEN, a->mac))
		return -EMSGSIZE;
	if (a->has_vlan && nla_put_u16(msg, VMQ_A_PORT_VLAN, a->vlan))
		return -EMSGSIZE;
	if (a->trunk && nla_put_string(msg, VMQ_A_PORT_TRUNK, a->trunk))
		return -EMSGSIZE;
	if (a->cpus && nla_put_string(msg, VMQ_A_PORT_CPUS, a->cpus))
		return -EMSGSIZE;
	if (a->has_vmq && nla_put_u8(msg, VMQ_A_PORT_VMQ, a->vmq))
		return -EMSGSIZE;
	if (a->has_bcast_limit &&
	    nla_put_u32(msg, VMQ_A_PORT_BCAST_LIMIT, a->bcast_limit))
		return -EMSGSIZE;
	return 0;
}

/* The port add request: the switch, the new device's name, settings. */
static int port_add_request(struct gnl *g, uint32_t sw_ifindex,
			    const char *name, const struct port_args *a,
			    struct port_show_ctx *ctx)
{
	struct nl_msg *msg;

	msg = gnl_msg_new(g, VMQ_CMD_PORT_NEW, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, VMQ_A_SWITCH_IFINDEX, sw_ifindex) ||
	    nla_put_string(msg, VMQ_A_PORT_NAME, name) ||
	    put_port_args(msg, a)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return gnl_request(g, msg, port_show_cb, ctx);
}

int cmd_port_add(const struct vmqctl_opts *opts, int argc, char **argv)
{
	struct port_args a = { 0 };
	struct port_show_ctx ctx;
	uint32_t sw_ifindex;
	struct out out;
	struct gnl *g;
	int ret;

	if (argc < 3)
		return usage_error("port add", "a port needs a switch and a name");
	if (check_ifname("port name", argv[2]))
		return VMQCTL_EXIT_USAGE;
	ret = parse_port_args("port add", argc - 3, argv + 3, &a);
	if (!ret)
		ret = dev_index("switch", argv[1], &sw_ifindex);
	if (ret)
		goto out_args;

	ret = out_open(&out, opts);
	if (ret) {
		ret = fail(ret, "port add");
		goto out_args;
	}
	ctx = (struct port_show_ctx){ .out = &out, .sw = argv[1] };
	if (vmq_open(&g)) {
		ret = VMQCTL_EXIT_ERR;
	} else {
		ret = port_add_request(g, sw_ifindex, argv[2], &a, &ctx);
		gnl_close(g);
		if (ret)
			ret = fail(ret, "add port '%s' to switch '%s'", argv[2],
				   argv[1]);
	}
	ret = out_close(&out, ret);
out_args:
	free_port_args(&a);
	return ret;
}

/*
 * A request about one port that expects no reply but the ACK; @what it
 * does, for the message if it fails.  Returns the exit status.
 */
static int port_request(uint8_t cmd, const struct port_ref *ref,
			const struct port_args *a, const char *what)
{
	struct nl_msg *msg;
	struct gnl *g;
	int ret;

	if (vmq_open(&g))
		return VMQCTL_EXIT_ERR;
	msg = gnl_msg_new(g, cmd, 0);
	if (!msg) {
		ret = -ENOMEM;
	} else if (put_port_ref(msg, ref) || (a && put_port_args(msg, a))) {
		nlmsg_free(msg);
		ret = -EMSGSIZE;
	} else {
		ret = gnl_request(g, msg, NULL, NULL);
	}
	gnl_close(g);
	return ret ? fail(ret, "%s port '%s'", what, ref->arg) : 0;
}

int cmd_port_set(const struct vmqctl_opts *opts, int argc, char **argv)
{
	struct port_args a = { 0 };
	struct port_ref ref;
	int ret;

	(void)opts;
	if (argc < 2)
		return usage_error("port set", "which port?");
	ret = parse_port_args("port set", argc - 2, argv + 2, &a);
	if (!ret && port_args_empty(&a))
		ret = usage_error("port set", "nothing to change");
	if (!ret)
		ret = parse_port_ref(argv[1], &ref);
	if (!ret)
		ret = port_request(VMQ_CMD_PORT_SET, &ref, &a, "set");
	free_port_args(&a);
	return ret;
}

int cmd_port_del(const struct vmqctl_opts *opts, int argc, char **argv)
{
	struct port_ref ref;
	int ret;

	(void)opts;
	if (argc < 2)
		return usage_error("port del", "which port?");
	if (argc > 2)
		return usage_error("port del", "unknown argument '%s'", argv[2]);
	ret = parse_port_ref(argv[1], &ref);
	if (ret)
		return ret;
	return port_request(VMQ_CMD_PORT_DEL, &ref, NULL, "delete");
}
