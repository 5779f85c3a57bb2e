// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for vmqctl, whole commands included, against a fake kernel.
 *
 * vmqctl's sources are built into this test with the functions that
 * reach outside the process renamed, by macro, to fakes: the generic
 * netlink calls of lib/genl.c and the device lookups of lib/netdev.c.
 * Everything else runs as shipped: argument checks, the requests as
 * they would go on the wire, the policies replies pass, and the output.
 * The fake kernel checks each request as the module's policy would
 * (types, lengths, which attributes a command takes), records it, and
 * answers from a small table of switches and ports.
 *
 * The module is not needed, and neither is any privilege: these tests
 * run anywhere "make check" does.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <netlink/msg.h>
#include <linux/vmq_switch.h>

#include "lib/ether.h"
#include "lib/genl.h"
#include "lib/json.h"
#include "lib/netdev.h"
#include "lib/opts.h"

#define FAKE_GENL_NAME		VMQ_GENL_NAME
#define FAKE_GENL_VERSION	VMQ_GENL_VERSION
#define FAKE_GENL_MCGRP		VMQ_GENL_MCGRP_EVENTS
#include "fake_genl.h"

static int fake_netdev_index(const char *what, const char *name,
			     unsigned int *ifindex);
static const char *fake_netdev_name(unsigned int ifindex, char *buf);

#define netdev_index	fake_netdev_index
#define netdev_name	fake_netdev_name
#define main		vmqctl_main

#include "vmqctl/args.c"
#include "vmqctl/family.c"
#include "vmqctl/irq.c"
#include "vmqctl/main.c"
#include "vmqctl/monitor.c"
#include "vmqctl/names.c"
#include "vmqctl/output.c"
#include "vmqctl/port.c"
#include "vmqctl/port_show.c"
#include "vmqctl/print.c"
#include "vmqctl/queues.c"
#include "vmqctl/show.c"
#include "vmqctl/switch.c"

#undef gnl_open
#undef gnl_close
#undef gnl_request
#undef gnl_subscribe
#undef gnl_listen
#undef netdev_index
#undef netdev_name
#undef main

#include "capture.h"
#include "tap.h"

/* --- the fake kernel's switches and ports ------------------------------ */

struct fake_queue {
	int32_t		cpu;
	bool		has_hw;
	uint32_t	hw;
	uint32_t	limit;
	uint32_t	length;
	uint64_t	packets;
	uint64_t	drops;
	int		ncpus;
	uint32_t	cpus[4];
	uint64_t	cpu_packets[4];
	bool		pad;		/* a padding entry among the CPUs */
};

struct fake_switch {
	uint32_t		ifindex;
	const char		*name;
	uint32_t		uplink_ifindex;
	const char		*uplink;
	uint32_t		backend;
	uint8_t			vmq;
	uint32_t		queue_len;
	int32_t			cpu;
	uint32_t		unknown_unicast;
	uint32_t		ports;
	struct fake_queue	q;
};

struct fake_port {
	uint32_t		sw_ifindex;
	uint32_t		id;
	uint32_t		ifindex;
	const char		*name;
	uint8_t			mac[ETH_ALEN];
	uint16_t		vlan;
	const char		*trunk;
	const char		*cpus;
	uint8_t			vmq;
	uint32_t		bcast_limit;
	uint32_t		binding;
	const char		*reason;
	uint8_t			up;
	struct fake_queue	q;
	uint64_t		stats[VMQ_A_STATS_MAX + 1];
};

static const struct fake_switch switches[] = {
	{
		.ifindex = 10, .name = "vmq0", .uplink_ifindex = 2,
		.uplink = "eth0", .backend = VMQ_BINDING_HW_POOL, .vmq = 1,
		.queue_len = 1000, .cpu = -1,
		.unknown_unicast = VMQ_UNKNOWN_UNICAST_HOST, .ports = 2,
		.q = { .cpu = -1, .limit = 1000, .length = 3, .packets = 1234,
		       .drops = 5, .ncpus = 2, .cpus = { 0, 2 },
		       .cpu_packets = { 1000, 234 } },
	},
	{
		.ifindex = 20, .name = "vmq1", .uplink_ifindex = 3,
		.uplink = "eth1", .backend = VMQ_BINDING_SW, .vmq = 0,
		.queue_len = 64, .cpu = 3,
		.unknown_unicast = VMQ_UNKNOWN_UNICAST_DROP, .ports = 1,
		.q = { .cpu = 3, .limit = 64 },
	},
};

static const struct fake_port ports[] = {
	{
		.sw_ifindex = 10, .id = 1, .ifindex = 11, .name = "vm1",
		.mac = { 0x52, 0x54, 0, 0, 0, 1 }, .vlan = 10,
		.trunk = "20-30", .cpus = "2-3", .vmq = 1, .bcast_limit = 500,
		.binding = VMQ_BINDING_HW_POOL, .reason = "", .up = 1,
		.q = { .cpu = 2, .has_hw = true, .hw = 1, .limit = 512,
		       .packets = 77, .ncpus = 1, .cpus = { 2 },
		       .cpu_packets = { 77 }, .pad = true },
		.stats = {
			[VMQ_A_STATS_RX_PACKETS] = 77,
			[VMQ_A_STATS_RX_BYTES] = 7700,
			[VMQ_A_STATS_TX_PACKETS] = 5,
			[VMQ_A_STATS_TX_BYTES] = 500,
			[VMQ_A_STATS_RX_HW_STEERED] = 70,
			[VMQ_A_STATS_RX_SW_CLASSIFIED] = 7,
			[VMQ_A_STATS_RX_BCAST] = 3,
		},
	},
	{
		.sw_ifindex = 10, .id = 2, .ifindex = 12, .name = "vm2",
		.mac = { 0x52, 0x54, 0, 0, 0, 2 }, .trunk = "", .cpus = "",
		.vmq = 1, .binding = VMQ_BINDING_SW,
		.reason = "no free VMDq pool",
		.q = { .cpu = -1, .limit = 512, .drops = 9 },
	},
	{
		/* Moved into a container: no ifindex we could name. */
		.sw_ifindex = 20, .id = 1, .ifindex = 0, .name = "eth0",
		.mac = { 0x52, 0x54, 0, 0, 1, 1 }, .trunk = "", .cpus = "",
		.vmq = 0, .binding = VMQ_BINDING_DEFAULT,
		.reason = "vmq is off", .up = 1,
		.q = { .cpu = 3, .limit = 512 },
	},
};

/* Devices of the fake namespace. */
static const struct {
	const char	*name;
	unsigned int	ifindex;
} devices[] = {
	{ "eth0", 2 }, { "eth1", 3 }, { "vmq0", 10 }, { "vm1", 11 },
	{ "vm2", 12 }, { "vmq1", 20 },
};

/* What the fake kernel is told to do, beyond fake_genl's. */
static struct {
	/* The command replies carry; 0: the request's. */
	uint8_t		reply_cmd;
	/* Corrupt the switch replies, one way or another. */
	enum {
		GOOD,
		BAD_PER_CPU,	/* a per-CPU entry of the wrong size */
		BAD_STRING,	/* a name without its NUL */
		BAD_S32,	/* a short default CPU */
		BAD_NAMELESS,	/* nothing names the switch */
	}		bad_reply;
	/* Report the switch an unknown backend. */
	bool		odd_backend;
	/* Leave the switch out of port replies. */
	bool		no_port_switch;
	/* Answer as to a caller in another namespace than the switch's. */
	bool		switch_elsewhere;
} fake;

static void fake_reset(void)
{
	fake_genl_reset();
	memset(&fake, 0, sizeof(fake));
}

/* --- building the kernel's messages ------------------------------------ */

static void put_queue(struct nl_msg *m, int type, const struct fake_queue *q)
{
	struct nlattr *nest, *cpus;
	int i;

	nest = nla_nest_start(m, type);
	nla_put_s32(m, VMQ_A_QUEUE_CPU, q->cpu);
	if (q->has_hw)
		nla_put_u32(m, VMQ_A_QUEUE_HW_INDEX, q->hw);
	nla_put_u32(m, VMQ_A_QUEUE_LIMIT, q->limit);
	nla_put_u32(m, VMQ_A_QUEUE_LENGTH, q->length);
	nla_put_u64(m, VMQ_A_QUEUE_PACKETS, q->packets);
	nla_put_u64(m, VMQ_A_QUEUE_DROPS, q->drops);
	/* libnl drops an empty nest; the kernel sends it. */
	if (!q->ncpus && !q->pad && fake.bad_reply != BAD_PER_CPU) {
		nla_put(m, VMQ_A_QUEUE_PER_CPU | NLA_F_NESTED, 0, NULL);
		nla_nest_end(m, nest);
		return;
	}
	cpus = nla_nest_start(m, VMQ_A_QUEUE_PER_CPU);
	/* As nla_put_u64_64bit(..., 0) pads where u64s must be aligned. */
	if (q->pad)
		nla_put(m, 0, 0, NULL);
	for (i = 0; i < q->ncpus; i++)
		nla_put_u64(m, q->cpus[i] + 1, q->cpu_packets[i]);
	if (fake.bad_reply == BAD_PER_CPU)
		nla_put_u32(m, 1, 1);
	nla_nest_end(m, cpus);
	nla_nest_end(m, nest);
}

static struct nl_msg *switch_msg(uint8_t cmd, const struct fake_switch *s)
{
	struct nl_msg *m = fake_msg(cmd);

	if (fake.bad_reply != BAD_NAMELESS)
		nla_put_u32(m, VMQ_A_SWITCH_IFINDEX, s->ifindex);
	if (fake.bad_reply == BAD_STRING)
		nla_put(m, VMQ_A_SWITCH_NAME, strlen(s->name), s->name);
	else if (fake.bad_reply != BAD_NAMELESS)
		nla_put_string(m, VMQ_A_SWITCH_NAME, s->name);
	nla_put_u32(m, VMQ_A_SWITCH_UPLINK_IFINDEX, s->uplink_ifindex);
	nla_put_string(m, VMQ_A_SWITCH_UPLINK_NAME, s->uplink);
	nla_put_u32(m, VMQ_A_SWITCH_BACKEND, fake.odd_backend ? 9 : s->backend);
	nla_put_u8(m, VMQ_A_SWITCH_VMQ, s->vmq);
	nla_put_u32(m, VMQ_A_SWITCH_DEFAULT_QUEUE_LEN, s->queue_len);
	if (fake.bad_reply == BAD_S32)
		nla_put_u16(m, VMQ_A_SWITCH_DEFAULT_CPU, 1);
	else
		nla_put_s32(m, VMQ_A_SWITCH_DEFAULT_CPU, s->cpu);
	nla_put_u32(m, VMQ_A_SWITCH_UNKNOWN_UNICAST, s->unknown_unicast);
	nla_put_u32(m, VMQ_A_SWITCH_PORT_COUNT, s->ports);
	put_queue(m, VMQ_A_SWITCH_DEFAULT_QUEUE, &s->q);
	return m;
}

static const struct fake_switch *find_switch(uint32_t ifindex);

static struct nl_msg *port_msg(uint8_t cmd, const struct fake_port *p)
{
	struct nl_msg *m = fake_msg(cmd);
	struct nlattr *nest;
	int i;

	if (!fake.no_port_switch) {
		nla_put_u32(m, VMQ_A_SWITCH_IFINDEX,
			    fake.switch_elsewhere ? 0 : p->sw_ifindex);
		nla_put_string(m, VMQ_A_SWITCH_NAME,
			       find_switch(p->sw_ifindex)->name);
	}
	nla_put_u32(m, VMQ_A_PORT_ID, p->id);
	nla_put_u32(m, VMQ_A_PORT_IFINDEX, p->ifindex);
	nla_put_string(m, VMQ_A_PORT_NAME, p->name);
	nla_put(m, VMQ_A_PORT_MAC, ETH_ALEN, p->mac);
	nla_put_u16(m, VMQ_A_PORT_VLAN, p->vlan);
	nla_put_string(m, VMQ_A_PORT_TRUNK, p->trunk);
	nla_put_string(m, VMQ_A_PORT_CPUS, p->cpus);
	nla_put_u8(m, VMQ_A_PORT_VMQ, p->vmq);
	nla_put_u32(m, VMQ_A_PORT_BCAST_LIMIT, p->bcast_limit);
	nla_put_u32(m, VMQ_A_PORT_BINDING, p->binding);
	nla_put_string(m, VMQ_A_PORT_BINDING_REASON, p->reason);
	put_queue(m, VMQ_A_PORT_QUEUE, &p->q);
	nest = nla_nest_start(m, VMQ_A_PORT_STATS);
	for (i = VMQ_A_STATS_RX_PACKETS; i <= VMQ_A_STATS_MAX; i++)
		nla_put_u64(m, i, p->stats[i]);
	nla_nest_end(m, nest);
	nla_put_u8(m, VMQ_A_PORT_UP, p->up);
	return m;
}

/* --- the fake kernel's side of a request ------------------------------- */

/* As the module's policy would check them, lengths exact. */
static const struct nla_policy kernel_policy[VMQ_A_MAX + 1] = {
	[VMQ_A_SWITCH_IFINDEX]	= { .type = NLA_U32, .minlen = 4, .maxlen = 4 },
	[VMQ_A_SWITCH_VMQ]	= { .type = NLA_U8, .minlen = 1, .maxlen = 1 },
	[VMQ_A_SWITCH_DEFAULT_QUEUE_LEN] = { .type = NLA_U32, .minlen = 4,
					     .maxlen = 4 },
	[VMQ_A_SWITCH_DEFAULT_CPU] = { .type = NLA_S32, .minlen = 4,
				       .maxlen = 4 },
	[VMQ_A_SWITCH_UNKNOWN_UNICAST] = { .type = NLA_U32, .minlen = 4,
					   .maxlen = 4 },
	[VMQ_A_PORT_ID]		= { .type = NLA_U32, .minlen = 4, .maxlen = 4 },
	[VMQ_A_PORT_IFINDEX]	= { .type = NLA_U32, .minlen = 4, .maxlen = 4 },
	[VMQ_A_PORT_NAME]	= { .type = NLA_STRING, .maxlen = IFNAMSIZ },
	[VMQ_A_PORT_MAC]	= { .minlen = ETH_ALEN, .maxlen = ETH_ALEN },
	[VMQ_A_PORT_VLAN]	= { .type = NLA_U16, .minlen = 2, .maxlen = 2 },
	[VMQ_A_PORT_TRUNK]	= { .type = NLA_STRING },
	[VMQ_A_PORT_CPUS]	= { .type = NLA_STRING },
	[VMQ_A_PORT_VMQ]	= { .type = NLA_U8, .minlen = 1, .maxlen = 1 },
	[VMQ_A_PORT_BCAST_LIMIT] = { .type = NLA_U32, .minlen = 4,
				     .maxlen = 4 },
};

#define A(x)	(1ULL << (x))

/* What each command takes, as the header lists it. */
static uint64_t kernel_allowed(uint8_t cmd)
{
	const uint64_t settings = A(VMQ_A_PORT_MAC) | A(VMQ_A_PORT_VLAN) |
		A(VMQ_A_PORT_TRUNK) | A(VMQ_A_PORT_CPUS) | A(VMQ_A_PORT_VMQ) |
		A(VMQ_A_PORT_BCAST_LIMIT);
	const uint64_t port = A(VMQ_A_PORT_IFINDEX) | A(VMQ_A_SWITCH_IFINDEX) |
		A(VMQ_A_PORT_ID);

	switch (cmd) {
	case VMQ_CMD_SWITCH_GET:
		return A(VMQ_A_SWITCH_IFINDEX);
	case VMQ_CMD_SWITCH_SET:
		return A(VMQ_A_SWITCH_IFINDEX) | A(VMQ_A_SWITCH_VMQ) |
		       A(VMQ_A_SWITCH_DEFAULT_QUEUE_LEN) |
		       A(VMQ_A_SWITCH_DEFAULT_CPU) |
		       A(VMQ_A_SWITCH_UNKNOWN_UNICAST);
	case VMQ_CMD_PORT_NEW:
		return A(VMQ_A_SWITCH_IFINDEX) | A(VMQ_A_PORT_NAME) | settings;
	case VMQ_CMD_PORT_SET:
		return port | settings;
	case VMQ_CMD_PORT_GET:
	case VMQ_CMD_PORT_DEL:
		return port;
	}
	return 0;
}

/* -EINVAL for a request the module would refuse before reading it. */
static int kernel_check(const struct nlmsghdr *nlh, struct nlattr **tb)
{
	const struct genlmsghdr *gnlh = nlmsg_data(nlh);
	struct nlattr *pos;
	int rem;

	if (nlh->nlmsg_type != FAKE_FAMILY ||
	    gnlh->version != VMQ_GENL_VERSION)
		return -EINVAL;
	/* Strict validation: every attribute known, and known here. */
	nla_for_each_attr(pos, genlmsg_attrdata(gnlh, 0),
			  genlmsg_attrlen(gnlh, 0), rem)
		if (nla_type(pos) > VMQ_A_MAX ||
		    !(kernel_allowed(gnlh->cmd) & A(nla_type(pos))))
			return -EINVAL;
	if (rem)
		return -EINVAL;
	return genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, VMQ_A_MAX,
			     (struct nla_policy *)kernel_policy) ? -EINVAL : 0;
}

static const struct fake_switch *find_switch(uint32_t ifindex)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(switches); i++)
		if (switches[i].ifindex == ifindex)
			return &switches[i];
	return NULL;
}

static const struct fake_port *find_port(struct nlattr **tb)
{
	uint32_t sw = 0, id = 0, ifindex = 0;
	size_t i;

	if (tb[VMQ_A_PORT_IFINDEX])
		ifindex = nla_get_u32(tb[VMQ_A_PORT_IFINDEX]);
	if (tb[VMQ_A_SWITCH_IFINDEX] && tb[VMQ_A_PORT_ID]) {
		sw = nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]);
		id = nla_get_u32(tb[VMQ_A_PORT_ID]);
	}
	for (i = 0; i < ARRAY_SIZE(ports); i++)
		if ((ifindex && ports[i].ifindex == ifindex) ||
		    (id && ports[i].sw_ifindex == sw && ports[i].id == id))
			return &ports[i];
	return NULL;
}

static uint8_t reply_cmd(uint8_t cmd)
{
	return fake.reply_cmd ?: cmd;
}

static void fake_kernel_answer(const struct nlmsghdr *nlh,
			       struct fake_replies *r)
{
	const struct genlmsghdr *gnlh = nlmsg_data(nlh);
	bool dump = nlh->nlmsg_flags & NLM_F_DUMP;
	struct nlattr *tb[VMQ_A_MAX + 1];
	const struct fake_switch *s;
	const struct fake_port *p;
	struct fake_port new;
	size_t i;

	r->err = kernel_check(nlh, tb);
	if (r->err)
		return;
	/* A do must ask for its ACK: it is how the tool knows it is done. */
	if (!dump && !(nlh->nlmsg_flags & NLM_F_ACK)) {
		r->err = -EPROTO;
		return;
	}
	switch (gnlh->cmd) {
	case VMQ_CMD_SWITCH_GET:
		if (dump) {
			for (i = 0; i < ARRAY_SIZE(switches); i++)
				fake_reply(r, switch_msg(reply_cmd(gnlh->cmd),
							 &switches[i]));
			return;
		}
		s = tb[VMQ_A_SWITCH_IFINDEX] ?
		    find_switch(nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX])) : NULL;
		if (!s)
			r->err = -ENODEV;
		else
			fake_reply(r, switch_msg(reply_cmd(gnlh->cmd), s));
		return;
	case VMQ_CMD_PORT_GET:
		if (dump) {
			for (i = 0; i < ARRAY_SIZE(ports); i++)
				if (!tb[VMQ_A_SWITCH_IFINDEX] ||
				    nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]) ==
				    ports[i].sw_ifindex)
					fake_reply(r, port_msg(reply_cmd(gnlh->cmd),
							       &ports[i]));
			return;
		}
		p = find_port(tb);
		if (!p)
			r->err = -ENODEV;
		else
			fake_reply(r, port_msg(reply_cmd(gnlh->cmd), p));
		return;
	case VMQ_CMD_PORT_NEW:
		if (!tb[VMQ_A_SWITCH_IFINDEX] || !tb[VMQ_A_PORT_NAME]) {
			r->err = -EINVAL;
			return;
		}
		new = (struct fake_port){
			.sw_ifindex = nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]),
			.id = 3, .ifindex = 13,
			.name = nla_get_string(tb[VMQ_A_PORT_NAME]),
			.mac = { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee },
			.trunk = "", .cpus = "", .vmq = 1,
			.binding = VMQ_BINDING_SW, .reason = "port is down",
			.q = { .cpu = -1, .limit = 512 },
		};
		if (tb[VMQ_A_PORT_MAC])
			memcpy(new.mac, nla_data(tb[VMQ_A_PORT_MAC]), ETH_ALEN);
		if (tb[VMQ_A_PORT_VLAN])
			new.vlan = nla_get_u16(tb[VMQ_A_PORT_VLAN]);
		fake_reply(r, port_msg(reply_cmd(VMQ_CMD_PORT_NEW), &new));
		return;
	case VMQ_CMD_SWITCH_SET:
		if (!tb[VMQ_A_SWITCH_IFINDEX] ||
		    !find_switch(nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX])))
			r->err = -ENODEV;
		return;
	case VMQ_CMD_PORT_SET:
	case VMQ_CMD_PORT_DEL:
		if (!find_port(tb))
			r->err = -ENODEV;
		return;
	}
	r->err = -EOPNOTSUPP;
}

/* --- the fakes --------------------------------------------------------- */

static int fake_netdev_index(const char *what, const char *name,
			     unsigned int *ifindex)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(devices); i++) {
		if (!strcmp(devices[i].name, name)) {
			*ifindex = devices[i].ifindex;
			return 0;
		}
	}
	/* Anything else: the real checks and messages, and no such device. */
	return netdev_index(what, name, ifindex);
}

static const char *fake_netdev_name(unsigned int ifindex, char *buf)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(devices); i++) {
		if (devices[i].ifindex == ifindex) {
			snprintf(buf, IFNAMSIZ, "%s", devices[i].name);
			return buf;
		}
	}
	return NULL;
}

/* --- running vmqctl ---------------------------------------------------- */

/* Run "vmqctl ARGS..." (a NULL-terminated list), stdout and stderr caught. */
static int vmqctl(const char *arg, ...)
{
	va_list ap;
	int rc;

	va_start(ap, arg);
	rc = capture_main(vmqctl_main, "vmqctl", arg, ap);
	va_end(ap);
	return rc;
}

/* Request @i's genetlink header and top-level attributes, parsed. */
static const struct genlmsghdr *req_attrs(int i, struct nlattr **tb)
{
	struct nlmsghdr *nlh = fake_genl.req[i];

	memset(tb, 0, (VMQ_A_MAX + 1) * sizeof(*tb));
	if (i >= fake_genl.nreq)
		return NULL;
	genlmsg_parse(nlh, 0, tb, VMQ_A_MAX, NULL);
	return nlmsg_data(nlh);
}

/* How many top-level attributes request @i carries. */
static int req_nattrs(int i)
{
	const struct genlmsghdr *gnlh = nlmsg_data(fake_genl.req[i]);
	struct nlattr *pos;
	int rem, n = 0;

	nla_for_each_attr(pos, genlmsg_attrdata(gnlh, 0),
			  genlmsg_attrlen(gnlh, 0), rem)
		n++;
	return n;
}

/* --- the tests --------------------------------------------------------- */

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static void test_usage(void)
{
	fake_reset();
	is_int(vmqctl(NULL), VMQCTL_EXIT_USAGE, "no command: usage error");
	is_str(run.err, "vmqctl: no command given\nTry 'vmqctl help'.\n",
	       "and says so");
	is_int(vmqctl("help", NULL), 0, "help");
	ok(starts(run.out, "Usage: vmqctl [-j] COMMAND [ARGS]\n"),
	   "help prints the usage");
	is_int(vmqctl("-h", NULL), 0, "-h");
	is_int(vmqctl("port", "add", "--help", NULL), 0, "port add --help");
	ok(starts(run.out, "Usage: vmqctl port add SWITCH NAME [mac MAC]"),
	   "prints that command's usage");
	is_int(vmqctl("port", "-h", NULL), 0, "port -h");
	ok(strstr(run.out, "vmqctl port show [SWITCH|PORT]\n") &&
	   strstr(run.out, "vmqctl port del PORT\n"),
	   "lists every port command");
	is_int(vmqctl("port", "frob", NULL), VMQCTL_EXIT_USAGE,
	       "unknown port command");
	ok(starts(run.err, "vmqctl: unknown command 'port frob'\nUsage: vmqctl port show"),
	   "names it, lists the port commands");
	is_int(vmqctl("frob", NULL), VMQCTL_EXIT_USAGE, "unknown command");
	is_int(vmqctl("-x", "show", NULL), VMQCTL_EXIT_USAGE, "unknown option");
	is_int(vmqctl("show", "vmq0", "extra", NULL), VMQCTL_EXIT_USAGE,
	       "show takes one switch");
	is_str(run.err,
	       "vmqctl: unknown argument 'extra'\nUsage: vmqctl show [SWITCH]\n",
	       "and shows its usage");
	is_int(vmqctl("monitor", "now", NULL), VMQCTL_EXIT_USAGE,
	       "monitor takes nothing");
	is_int(vmqctl("port", "del", NULL), VMQCTL_EXIT_USAGE,
	       "port del needs a port");
	is_int(vmqctl("port", "del", "vm1", "vm2", NULL), VMQCTL_EXIT_USAGE,
	       "port del takes one");
	is_int(fake_genl.nreq, 0, "no usage error reached the kernel");
}

/* A usage error for port add's arguments, and its message. */
static void add_bad(const char *key, const char *val, const char *msg)
{
	fake_reset();
	is_int(vmqctl("port", "add", "vmq0", "vm9", key, val, NULL),
	       VMQCTL_EXIT_USAGE, "port add ... %s %s: usage error", key,
	       val ? val : "(nothing)");
	ok(!strncmp(run.err, msg, strlen(msg)), "  %s", msg);
	if (strncmp(run.err, msg, strlen(msg)))
		tap_diag_str("got", run.err);
	is_int(fake_genl.nreq, 0, "  and no request");
}

static void test_local_checks(void)
{
	add_bad("mac", "01:00:5e:00:00:01",
		"vmqctl: invalid MAC address '01:00:5e:00:00:01': a multicast address");
	add_bad("mac", "00:00:00:00:00:00",
		"vmqctl: invalid MAC address '00:00:00:00:00:00': all zeros\n");
	add_bad("mac", "52:54:00:12:34",
		"vmqctl: invalid MAC address '52:54:00:12:34': expected six hex octets");
	add_bad("vlan", "0", "vmqctl: invalid VLAN ID '0': must be between 1 and 4094\n");
	add_bad("vlan", "4095",
		"vmqctl: invalid VLAN ID '4095': must be between 1 and 4094\n");
	add_bad("trunk", "10,4095",
		"vmqctl: invalid trunk VLAN list '10,4095': VLAN 4095 is not in 1-4094\n");
	add_bad("trunk", "", "vmqctl: invalid trunk VLAN list '': empty VLAN list\n");
	add_bad("cpus", "8192",
		"vmqctl: invalid CPU list '8192': CPU numbers must be below 8192\n");
	add_bad("cpus", "3-1", "vmqctl: invalid CPU list '3-1': range 3-1 is reversed\n");
	add_bad("vmq", "yes", "vmqctl: invalid vmq setting 'yes': must be 'on' or 'off'\n");
	add_bad("bcast-limit", "-1",
		"vmqctl: invalid broadcast limit '-1': not a number\n");
	add_bad("bcast-limit", "4294967296",
		"vmqctl: invalid broadcast limit '4294967296': must be between 0 and 4294967295\n");
	add_bad("speed", "10", "vmqctl: unknown argument 'speed'\nUsage: vmqctl port add");
	add_bad("vlan", NULL, "vmqctl: 'vlan' needs a value\n");

	fake_reset();
	is_int(vmqctl("port", "add", "vmq0", "vm/9", NULL), VMQCTL_EXIT_USAGE,
	       "a port name no device can have");
	is_str(run.err,
	       "vmqctl: invalid port name 'vm/9': no '/', ':' or white space allowed\n",
	       "  says why");
	is_int(vmqctl("port", "add", "vmq0", "a-name-too-long0", NULL),
	       VMQCTL_EXIT_USAGE, "a port name too long");
	is_int(vmqctl("port", "add", "vmq0", NULL), VMQCTL_EXIT_USAGE,
	       "a port needs a name");
	is_int(vmqctl("port", "add", "vmq0", "vm9", "vlan", "5", "vlan", "6",
		      NULL), VMQCTL_EXIT_USAGE, "a key given twice");
	is_str(run.err,
	       "vmqctl: 'vlan' given twice\nUsage: vmqctl port add SWITCH NAME [mac MAC] [vlan N|none] [trunk LIST|none]\n                  [cpus CPULIST|any] [vmq on|off] [bcast-limit N|none]\n",
	       "  with the usage");
	is_int(vmqctl("port", "set", "vm1", NULL), VMQCTL_EXIT_USAGE,
	       "port set with nothing to change");
	is_int(vmqctl("set", "vmq0", NULL), VMQCTL_EXIT_USAGE,
	       "set with nothing to change");
	is_int(vmqctl("set", "vmq0", "default-queue-len", "0", NULL),
	       VMQCTL_EXIT_USAGE, "default-queue-len 0");
	is_int(vmqctl("set", "vmq0", "default-queue-len", "65537", NULL),
	       VMQCTL_EXIT_USAGE, "default-queue-len 65537");
	is_int(vmqctl("set", "vmq0", "default-cpu", "-1", NULL),
	       VMQCTL_EXIT_USAGE, "default-cpu -1 (any is the word)");
	is_int(vmqctl("set", "vmq0", "unknown-unicast", "bridge", NULL),
	       VMQCTL_EXIT_USAGE, "an unknown unknown-unicast policy");
	is_str(run.err,
	       "vmqctl: invalid unknown-unicast policy 'bridge': must be 'host', 'flood' or 'drop'\n",
	       "  lists the policies");
	is_int(vmqctl("port", "set", "vmq0:0", "vlan", "5", NULL),
	       VMQCTL_EXIT_USAGE, "port number 0");
	is_int(vmqctl("port", "set", "vmq0:4097", "vlan", "5", NULL),
	       VMQCTL_EXIT_USAGE, "port number past VMQ_MAX_PORTS");
	is_int(vmqctl("port", "set", "a/b:1", "vlan", "5", NULL),
	       VMQCTL_EXIT_USAGE, "SWITCH:ID with a bad switch name");
	is_int(fake_genl.nreq, 0, "none of them reached the kernel");

	is_int(vmqctl("show", "vmq9", NULL), VMQCTL_EXIT_ERR,
	       "a switch that isn't there is an error, not a usage error");
	is_str(run.err,
	       "vmqctl: switch 'vmq9': no such network device in this namespace\n",
	       "  said plainly");
	is_int(vmqctl("port", "del", "vm9", NULL), VMQCTL_EXIT_ERR,
	       "likewise a port");
	is_str(run.err,
	       "vmqctl: port 'vm9': no such network device in this namespace\n",
	       "  said plainly");
	is_int(vmqctl("port", "set", "vmq9:1", "vlan", "5", NULL),
	       VMQCTL_EXIT_ERR, "and SWITCH:ID's switch");
	is_int(fake_genl.nreq, 0, "nor did those");
}

static void test_switch_set(void)
{
	struct nlattr *tb[VMQ_A_MAX + 1];
	const struct genlmsghdr *gnlh;

	fake_reset();
	is_int(vmqctl("set", "vmq0", "vmq", "off", "default-queue-len", "2048",
		      "default-cpu", "any", "unknown-unicast", "flood", NULL),
	       0, "set: every setting");
	is_str(run.out, "", "  prints nothing");
	gnlh = req_attrs(0, tb);
	ok(fake_genl.nreq == 1 && gnlh->cmd == VMQ_CMD_SWITCH_SET,
	   "  one VMQ_CMD_SWITCH_SET");
	ok(fake_genl.req[0]->nlmsg_flags & NLM_F_ACK, "  asking for the ACK");
	is_int(req_nattrs(0), 5, "  five attributes");
	ok(tb[VMQ_A_SWITCH_IFINDEX] &&
	   nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]) == 10, "  switch ifindex 10");
	ok(tb[VMQ_A_SWITCH_VMQ] && nla_len(tb[VMQ_A_SWITCH_VMQ]) == 1 &&
	   nla_get_u8(tb[VMQ_A_SWITCH_VMQ]) == 0, "  vmq: u8 0");
	ok(tb[VMQ_A_SWITCH_DEFAULT_QUEUE_LEN] &&
	   nla_get_u32(tb[VMQ_A_SWITCH_DEFAULT_QUEUE_LEN]) == 2048,
	   "  default queue length 2048");
	ok(tb[VMQ_A_SWITCH_DEFAULT_CPU] &&
	   nla_len(tb[VMQ_A_SWITCH_DEFAULT_CPU]) == 4 &&
	   nla_get_s32(tb[VMQ_A_SWITCH_DEFAULT_CPU]) == -1,
	   "  default cpu: s32 -1 for any");
	ok(tb[VMQ_A_SWITCH_UNKNOWN_UNICAST] &&
	   nla_get_u32(tb[VMQ_A_SWITCH_UNKNOWN_UNICAST]) ==
	   VMQ_UNKNOWN_UNICAST_FLOOD, "  unknown unicast: flood");

	fake_reset();
	is_int(vmqctl("set", "vmq1", "default-cpu", "5", NULL), 0,
	       "set: one setting");
	req_attrs(0, tb);
	ok(req_nattrs(0) == 2 && nla_get_s32(tb[VMQ_A_SWITCH_DEFAULT_CPU]) == 5,
	   "  only it is sent");

	fake_reset();
	fake_genl.fail_cmd = VMQ_CMD_SWITCH_SET;
	fake_genl.fail_err = -EBUSY;
	is_int(vmqctl("set", "vmq0", "vmq", "on", NULL), VMQCTL_EXIT_ERR,
	       "set: the kernel refuses");
	is_str(run.err, "vmqctl: set switch 'vmq0': Device or resource busy\n",
	       "  and it is said");
	fake_reset();
	is_int(vmqctl("set", "eth0", "vmq", "on", NULL), VMQCTL_EXIT_ERR,
	       "set on a device that is no switch");
	is_str(run.err, "vmqctl: set switch 'eth0': No such device\n",
	       "  the kernel's errno");

	fake_reset();
	fake_genl.open_err = -ENOENT;
	is_int(vmqctl("set", "vmq0", "vmq", "on", NULL), VMQCTL_EXIT_ERR,
	       "no module");
	is_str(run.err,
	       "vmqctl: family 'vmq_switch' not found: is the module loaded?\n",
	       "  one message, genl's");
}

static void test_port_set(void)
{
	struct nlattr *tb[VMQ_A_MAX + 1];
	const struct genlmsghdr *gnlh;
	const uint8_t *mac;
	char *trunk;
	size_t len;
	int v;

	fake_reset();
	is_int(vmqctl("port", "set", "vm1", "mac", "52:54:00:AA:bb:0c", "vlan",
		      "none", "trunk", "30,10-12,11", "cpus", "3,1-2", "vmq",
		      "off", "bcast-limit", "250", NULL),
	       0, "port set: every setting");
	is_str(run.out, "", "  prints nothing");
	gnlh = req_attrs(0, tb);
	ok(fake_genl.nreq == 1 && gnlh->cmd == VMQ_CMD_PORT_SET,
	   "  one VMQ_CMD_PORT_SET");
	is_int(req_nattrs(0), 7, "  seven attributes");
	ok(tb[VMQ_A_PORT_IFINDEX] && nla_get_u32(tb[VMQ_A_PORT_IFINDEX]) == 11,
	   "  the port by its ifindex, 11");
	mac = tb[VMQ_A_PORT_MAC] ? nla_data(tb[VMQ_A_PORT_MAC]) : NULL;
	ok(mac && nla_len(tb[VMQ_A_PORT_MAC]) == ETH_ALEN &&
	   !memcmp(mac, "\x52\x54\x00\xaa\xbb\x0c", ETH_ALEN),
	   "  the MAC, six bytes");
	ok(tb[VMQ_A_PORT_VLAN] && nla_len(tb[VMQ_A_PORT_VLAN]) == 2 &&
	   nla_get_u16(tb[VMQ_A_PORT_VLAN]) == 0, "  vlan none: u16 0");
	is_str(tb[VMQ_A_PORT_TRUNK] ? nla_get_string(tb[VMQ_A_PORT_TRUNK]) :
	       NULL, "10-12,30", "  the trunk list, canonical");
	is_str(tb[VMQ_A_PORT_CPUS] ? nla_get_string(tb[VMQ_A_PORT_CPUS]) :
	       NULL, "1-3", "  the CPU list, canonical");
	ok(tb[VMQ_A_PORT_VMQ] && nla_get_u8(tb[VMQ_A_PORT_VMQ]) == 0,
	   "  vmq off: u8 0");
	ok(tb[VMQ_A_PORT_BCAST_LIMIT] &&
	   nla_get_u32(tb[VMQ_A_PORT_BCAST_LIMIT]) == 250, "  bcast limit");

	fake_reset();
	is_int(vmqctl("port", "set", "vmq1:1", "trunk", "none", "cpus", "any",
		      "bcast-limit", "none", NULL), 0,
	       "port set SWITCH:ID, clearing");
	req_attrs(0, tb);
	ok(!tb[VMQ_A_PORT_IFINDEX] && tb[VMQ_A_SWITCH_IFINDEX] &&
	   nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]) == 20 && tb[VMQ_A_PORT_ID] &&
	   nla_get_u32(tb[VMQ_A_PORT_ID]) == 1,
	   "  names the port by switch 20 and id 1");
	is_str(tb[VMQ_A_PORT_TRUNK] ? nla_get_string(tb[VMQ_A_PORT_TRUNK]) :
	       NULL, "", "  trunk none: \"\"");
	is_str(tb[VMQ_A_PORT_CPUS] ? nla_get_string(tb[VMQ_A_PORT_CPUS]) :
	       NULL, "", "  cpus any: \"\"");
	ok(tb[VMQ_A_PORT_BCAST_LIMIT] &&
	   !nla_get_u32(tb[VMQ_A_PORT_BCAST_LIMIT]), "  bcast-limit none: 0");

	/* The longest lists there are still fit one request. */
	fake_reset();
	trunk = malloc(VLAN_LIST_STR_MAX);
	len = 0;
	for (v = 1; v <= VLAN_VID_MAX; v += 3)
		len += snprintf(trunk + len, VLAN_LIST_STR_MAX - len, "%s%d-%d",
				len ? "," : "", v, v + 1);
	is_int(vmqctl("port", "set", "vm1", "trunk", trunk, "cpus",
		      "0-8191:2/3", NULL), 0, "port set: the longest lists");
	req_attrs(0, tb);
	ok(tb[VMQ_A_PORT_TRUNK] &&
	   nla_len(tb[VMQ_A_PORT_TRUNK]) == VLAN_LIST_STR_MAX,
	   "  the trunk list whole");
	ok(tb[VMQ_A_PORT_CPUS] && nla_len(tb[VMQ_A_PORT_CPUS]) == 26568 + 1 &&
	   starts(nla_get_string(tb[VMQ_A_PORT_CPUS]), "0-1,3-4,"),
	   "  the CPU list whole, canonical");
	free(trunk);

	fake_reset();
	fake_genl.fail_cmd = VMQ_CMD_PORT_SET;
	fake_genl.fail_err = -EEXIST;
	is_int(vmqctl("port", "set", "vm2", "vlan", "10", NULL),
	       VMQCTL_EXIT_ERR, "port set: the kernel refuses");
	is_str(run.err, "vmqctl: set port 'vm2': File exists\n",
	       "  and it is said");

	fake_reset();
	is_int(vmqctl("port", "del", "vm2", NULL), 0, "port del");
	gnlh = req_attrs(0, tb);
	ok(gnlh->cmd == VMQ_CMD_PORT_DEL && req_nattrs(0) == 1 &&
	   nla_get_u32(tb[VMQ_A_PORT_IFINDEX]) == 12,
	   "  VMQ_CMD_PORT_DEL of ifindex 12");
	is_int(vmqctl("port", "del", "vmq1:1", NULL), 0, "port del SWITCH:ID");
	is_int(vmqctl("port", "del", "vmq1:2", NULL), VMQCTL_EXIT_ERR,
	       "port del of a port that isn't there");
	is_str(run.err, "vmqctl: delete port 'vmq1:2': No such device\n",
	       "  names it as given");
}

static const char port_add_text[] =
	"port vm9\n"
	"  switch: vmq0\n"
	"  id: 3\n"
	"  ifindex: 13\n"
	"  mac: 02:aa:bb:cc:dd:ee\n"
	"  vlan: 7\n"
	"  trunk: none\n"
	"  cpus: any\n"
	"  vmq: on\n"
	"  bcast-limit: none\n"
	"  binding: sw (port is down)\n"
	"  up: no\n"
	"  queue:\n"
	"    cpu: any\n"
	"    limit: 512\n"
	"    length: 0\n"
	"    packets: 0\n"
	"    drops: 0\n"
	"  stats:\n"
	"    rx-packets: 0\n"
	"    rx-bytes: 0\n"
	"    tx-packets: 0\n"
	"    tx-bytes: 0\n"
	"    rx-drops: 0\n"
	"    tx-drops: 0\n"
	"    rx-hw-steered: 0\n"
	"    rx-sw-classified: 0\n"
	"    rx-bcast: 0\n"
	"    bcast-limit-drops: 0\n";

static void test_port_add(void)
{
	struct nlattr *tb[VMQ_A_MAX + 1];
	const struct genlmsghdr *gnlh;

	fake_reset();
	is_int(vmqctl("port", "add", "vmq0", "vm9", "vlan", "7", NULL), 0,
	       "port add");
	gnlh = req_attrs(0, tb);
	ok(gnlh->cmd == VMQ_CMD_PORT_NEW && req_nattrs(0) == 3 &&
	   nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]) == 10 &&
	   !strcmp(nla_get_string(tb[VMQ_A_PORT_NAME]), "vm9") &&
	   nla_get_u16(tb[VMQ_A_PORT_VLAN]) == 7,
	   "  VMQ_CMD_PORT_NEW: switch, name, vlan; no MAC (the kernel picks)");
	is_str(run.out, port_add_text, "  prints the new port");

	fake_reset();
	fake.reply_cmd = VMQ_CMD_PORT_GET;
	is_int(vmqctl("-j", "port", "add", "vmq0", "vm9", "mac",
		      "52:54:00:00:00:09", NULL), 0, "port add -j");
	req_attrs(0, tb);
	ok(tb[VMQ_A_PORT_MAC] &&
	   !memcmp(nla_data(tb[VMQ_A_PORT_MAC]), "\x52\x54\0\0\0\x09", 6),
	   "  sends the MAC given");
	ok(starts(run.out,
		  cat("[{\"switch_ifindex\":10,\"switch_name\":\"vmq0\",\"id\":3,",
		      "\"ifindex\":13,\"name\":\"vm9\",",
		      "\"mac\":\"52:54:00:00:00:09\",", NULL)),
	   "  a JSON array with the port, whichever command the reply has");

	fake_reset();
	fake_genl.fail_cmd = VMQ_CMD_PORT_NEW;
	fake_genl.fail_err = -EEXIST;
	is_int(vmqctl("port", "add", "vmq0", "vm1", NULL), VMQCTL_EXIT_ERR,
	       "port add refused");
	is_str(run.err, "vmqctl: add port 'vm1' to switch 'vmq0': File exists\n",
	       "  said");
	is_str(run.out, "", "  nothing printed");
}

static const char show_text[] =
	"switch vmq0\n"
	"  ifindex: 10\n"
	"  uplink: eth0\n"
	"  backend: hw-pool\n"
	"  vmq: on\n"
	"  default-queue-len: 1000\n"
	"  default-cpu: any\n"
	"  unknown-unicast: host\n"
	"  ports: 2\n"
	"  default-queue:\n"
	"    cpu: any\n"
	"    limit: 1000\n"
	"    length: 3\n"
	"    packets: 1234\n"
	"    drops: 5\n"
	"    per-cpu-packets: 0:1000 2:234\n"
	"\n"
	"switch vmq1\n"
	"  ifindex: 20\n"
	"  uplink: eth1\n"
	"  backend: sw\n"
	"  vmq: off\n"
	"  default-queue-len: 64\n"
	"  default-cpu: 3\n"
	"  unknown-unicast: drop\n"
	"  ports: 1\n"
	"  default-queue:\n"
	"    cpu: 3\n"
	"    limit: 64\n"
	"    length: 0\n"
	"    packets: 0\n"
	"    drops: 0\n";

static const char *show_json(void)
{
	return cat("[{\"ifindex\":10,\"name\":\"vmq0\",\"uplink_ifindex\":2,",
		   "\"uplink_name\":\"eth0\",\"backend\":\"hw-pool\",\"vmq\":true,",
		   "\"default_queue_len\":1000,\"default_cpu\":-1,",
		   "\"unknown_unicast\":\"host\",\"port_count\":2,",
		   "\"default_queue\":{\"cpu\":-1,\"limit\":1000,\"length\":3,",
		   "\"packets\":1234,\"drops\":5,\"per_cpu\":{\"0\":1000,\"2\":234}}},",
		   "{\"ifindex\":20,\"name\":\"vmq1\",\"uplink_ifindex\":3,",
		   "\"uplink_name\":\"eth1\",\"backend\":\"sw\",\"vmq\":false,",
		   "\"default_queue_len\":64,\"default_cpu\":3,",
		   "\"unknown_unicast\":\"drop\",\"port_count\":1,",
		   "\"default_queue\":{\"cpu\":3,\"limit\":64,\"length\":0,",
		   "\"packets\":0,\"drops\":0,\"per_cpu\":{}}}]\n",
		   NULL);
}

static void test_show(void)
{
	struct nlattr *tb[VMQ_A_MAX + 1];
	const struct genlmsghdr *gnlh;

	fake_reset();
	is_int(vmqctl("show", NULL), 0, "show");
	gnlh = req_attrs(0, tb);
	ok(gnlh->cmd == VMQ_CMD_SWITCH_GET &&
	   (fake_genl.req[0]->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP &&
	   !req_nattrs(0), "  one unfiltered VMQ_CMD_SWITCH_GET dump");
	is_str(run.out, show_text, "  every switch, a block each");

	fake_reset();
	is_int(vmqctl("-j", "show", NULL), 0, "show -j");
	is_str(run.out, show_json(), "  a JSON array of switches");

	fake_reset();
	is_int(vmqctl("--json", "show", "vmq1", NULL), 0, "show -j SWITCH");
	gnlh = req_attrs(0, tb);
	ok(!(fake_genl.req[0]->nlmsg_flags & NLM_F_DUMP) &&
	   nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]) == 20,
	   "  a do for switch 20");
	ok(starts(run.out, "[{\"ifindex\":20,") &&
	   !strcmp(run.out + strlen(run.out) - 3, "}]\n"),
	   "  that one switch");

	fake_reset();
	is_int(vmqctl("show", "eth0", NULL), VMQCTL_EXIT_ERR,
	       "show of a device that is no switch");
	is_str(run.err, "vmqctl: show switch 'eth0': No such device\n",
	       "  the kernel's errno");

	fake_reset();
	fake.reply_cmd = VMQ_CMD_SWITCH_NEW;
	is_int(vmqctl("show", NULL), 0, "replies as VMQ_CMD_SWITCH_NEW");
	is_str(run.out, show_text, "  are switches all the same");

	fake_reset();
	fake.reply_cmd = VMQ_CMD_PORT_GET;
	is_int(vmqctl("show", NULL), 0, "replies of another command");
	is_str(run.out, "", "  are no switches");
	is_int(vmqctl("-j", "show", NULL), 0, "  and with -j");
	is_str(run.out, "[]\n", "  an empty array");

	fake_reset();
	fake.odd_backend = true;
	is_int(vmqctl("show", "vmq0", NULL), 0, "a backend this vmqctl doesn't know");
	ok(strstr(run.out, "  backend: unknown (9)\n"),
	   "  shown as a number");
	is_int(vmqctl("-j", "show", "vmq0", NULL), 0, "  and in JSON");
	ok(strstr(run.out, "\"backend\":9,"), "  as a number");

	/* A dump that fails half way leaves nothing behind. */
	fake_reset();
	fake_genl.fail_cmd = VMQ_CMD_SWITCH_GET;
	fake_genl.fail_err = -EIO;
	fake_genl.fail_after = 1;
	is_int(vmqctl("-j", "show", NULL), VMQCTL_EXIT_ERR,
	       "a dump failing after one switch");
	is_str(run.out, "", "  prints no half listing");
	is_str(run.err, "vmqctl: list switches: Input/output error\n",
	       "  says what failed");

	fake_reset();
	fake.bad_reply = BAD_PER_CPU;
	is_int(vmqctl("show", NULL), VMQCTL_EXIT_ERR,
	       "a per-CPU entry that is no u64");
	is_str(run.err, "vmqctl: list switches: Bad message\n",
	       "  is refused, not printed");
	is_str(run.out, "", "  nothing printed");
	fake.bad_reply = BAD_STRING;
	is_int(vmqctl("show", NULL), VMQCTL_EXIT_ERR,
	       "a name without its NUL is refused");
	fake.bad_reply = BAD_S32;
	is_int(vmqctl("show", NULL), VMQCTL_EXIT_ERR,
	       "a short s32 is refused");
	fake.bad_reply = BAD_NAMELESS;
	is_int(vmqctl("show", NULL), VMQCTL_EXIT_ERR,
	       "a switch nothing names is refused");
	is_str(run.out, "", "  none printed");
}

static const char port_vm1_text[] =
	"port vm1\n"
	"  switch: vmq0\n"
	"  id: 1\n"
	"  ifindex: 11\n"
	"  mac: 52:54:00:00:00:01\n"
	"  vlan: 10\n"
	"  trunk: 20-30\n"
	"  cpus: 2-3\n"
	"  vmq: on\n"
	"  bcast-limit: 500/s\n"
	"  binding: hw-pool\n"
	"  up: yes\n"
	"  queue:\n"
	"    cpu: 2\n"
	"    hw-index: 1\n"
	"    limit: 512\n"
	"    length: 0\n"
	"    packets: 77\n"
	"    drops: 0\n"
	"    per-cpu-packets: 2:77\n"
	"  stats:\n"
	"    rx-packets: 77\n"
	"    rx-bytes: 7700\n"
	"    tx-packets: 5\n"
	"    tx-bytes: 500\n"
	"    rx-drops: 0\n"
	"    tx-drops: 0\n"
	"    rx-hw-steered: 70\n"
	"    rx-sw-classified: 7\n"
	"    rx-bcast: 3\n"
	"    bcast-limit-drops: 0\n";

static const char *port_vm1_json(void)
{
	return cat("[{\"switch_ifindex\":10,\"switch_name\":\"vmq0\",\"id\":1,",
		   "\"ifindex\":11,\"name\":\"vm1\",\"mac\":\"52:54:00:00:00:01\",",
		   "\"vlan\":10,\"trunk\":\"20-30\",\"cpus\":\"2-3\",\"vmq\":true,",
		   "\"bcast_limit\":500,\"binding\":\"hw-pool\",\"binding_reason\":\"\",",
		   "\"up\":true,\"queue\":{\"cpu\":2,\"hw_index\":1,\"limit\":512,",
		   "\"length\":0,\"packets\":77,\"drops\":0,\"per_cpu\":{\"2\":77}},",
		   "\"stats\":{\"rx_packets\":77,\"rx_bytes\":7700,\"tx_packets\":5,",
		   "\"tx_bytes\":500,\"rx_drops\":0,\"tx_drops\":0,\"rx_hw_steered\":70,",
		   "\"rx_sw_classified\":7,\"rx_bcast\":3,\"bcast_limit_drops\":0}}]\n",
		   NULL);
}

/* The first lines of port vm2's and of vmq1's port's blocks. */
static const char port_vm2_head[] =
	"port vm2\n"
	"  switch: vmq0\n"
	"  id: 2\n"
	"  ifindex: 12\n"
	"  mac: 52:54:00:00:00:02\n"
	"  vlan: none\n"
	"  trunk: none\n"
	"  cpus: any\n"
	"  vmq: on\n"
	"  bcast-limit: none\n"
	"  binding: sw (no free VMDq pool)\n"
	"  up: no\n";

static const char port_other_ns_head[] =
	"port eth0\n"
	"  switch: vmq1\n"
	"  id: 1\n"
	"  ifindex: none (in another namespace)\n";

static void test_port_show(void)
{
	struct nlattr *tb[VMQ_A_MAX + 1];
	const struct genlmsghdr *gnlh;
	const char *p;

	fake_reset();
	is_int(vmqctl("port", "show", "vm1", NULL), 0, "port show PORT");
	ok(fake_genl.nreq == 2, "  two requests");
	gnlh = req_attrs(0, tb);
	ok(gnlh->cmd == VMQ_CMD_SWITCH_GET && fake_genl.quiet[0] &&
	   nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]) == 11,
	   "  first, quietly: is ifindex 11 a switch?");
	gnlh = req_attrs(1, tb);
	ok(gnlh->cmd == VMQ_CMD_PORT_GET && !fake_genl.quiet[1] &&
	   !(fake_genl.req[1]->nlmsg_flags & NLM_F_DUMP) && req_nattrs(1) == 1 &&
	   nla_get_u32(tb[VMQ_A_PORT_IFINDEX]) == 11,
	   "  no: a VMQ_CMD_PORT_GET of port ifindex 11");
	is_str(run.out, port_vm1_text, "  the port, every attribute");

	fake_reset();
	is_int(vmqctl("-j", "port", "show", "vm1", NULL), 0,
	       "port show -j PORT");
	is_str(run.out, port_vm1_json(), "  the port, every attribute");

	fake_reset();
	is_int(vmqctl("port", "show", "vmq0", NULL), 0, "port show SWITCH");
	ok(fake_genl.nreq == 2, "  two requests");
	gnlh = req_attrs(1, tb);
	ok(gnlh->cmd == VMQ_CMD_PORT_GET &&
	   (fake_genl.req[1]->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP &&
	   req_nattrs(1) == 1 && nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]) == 10,
	   "  a VMQ_CMD_PORT_GET dump filtered by switch 10");
	ok(!strncmp(run.out, port_vm1_text, strlen(port_vm1_text)) &&
	   run.out[strlen(port_vm1_text)] == '\n' &&
	   !strncmp(run.out + strlen(port_vm1_text) + 1, port_vm2_head,
		    strlen(port_vm2_head)),
	   "  its two ports, a blank line between them");

	fake_reset();
	is_int(vmqctl("port", NULL), 0, "port alone");
	gnlh = req_attrs(0, tb);
	ok(fake_genl.nreq == 1 && gnlh->cmd == VMQ_CMD_PORT_GET &&
	   (fake_genl.req[0]->nlmsg_flags & NLM_F_DUMP) && !req_nattrs(0),
	   "  one unfiltered dump");
	p = strstr(run.out, port_other_ns_head);
	ok(starts(run.out, "port vm1\n") && strstr(run.out, "\nport vm2\n") &&
	   p, "  every port, the one in another namespace too");

	fake_reset();
	fake.no_port_switch = true;
	is_int(vmqctl("port", "show", "vmq1", NULL), 0,
	       "port replies without their switch");
	ok(strstr(run.out, "  switch: vmq1\n"),
	   "  take the switch asked about");
	is_int(vmqctl("port", "show", "vm2", NULL), 0, "  but asked by port");
	ok(!strstr(run.out, "  switch:"), "  there is none to show");
	is_int(vmqctl("port", "show", "vmq1:1", NULL), 0, "  or as SWITCH:ID");
	ok(!strncmp(run.out, port_other_ns_head, strlen(port_other_ns_head)),
	   "  the switch named in it");
	req_attrs(fake_genl.nreq - 1, tb);
	ok(nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]) == 20 &&
	   nla_get_u32(tb[VMQ_A_PORT_ID]) == 1 && !tb[VMQ_A_PORT_IFINDEX],
	   "  a do by switch and id, no probe");

	fake_reset();
	fake.switch_elsewhere = true;
	is_int(vmqctl("-j", "port", "show", "vm1", NULL), 0,
	       "a port whose switch is in another namespace");
	ok(starts(run.out,
		  "[{\"switch_ifindex\":0,\"switch_name\":\"vmq0\",\"id\":1,"),
	   "  switch ifindex 0, and its name from the reply");

	fake_reset();
	is_int(vmqctl("port", "show", "eth1", NULL), VMQCTL_EXIT_ERR,
	       "port show of a device that is neither");
	is_str(run.err, "vmqctl: show port 'eth1': No such device\n",
	       "  the port request's error, not the probe's");
}

static const char queues_text[] =
	"SWITCH  PORT  BINDING  CPU  PACKETS  DROPS  PER-CPU\n"
	"vmq0    -     default  any     1234      5  0:1000 2:234\n"
	"vmq0    vm1   hw-pool    2       77      0  2:77\n"
	"vmq0    vm2   sw       any        0      9\n"
	"vmq1    -     default    3        0      0\n"
	"vmq1    eth0  default    3        0      0\n";

static void test_queues(void)
{
	struct nlattr *tb[VMQ_A_MAX + 1];
	const struct genlmsghdr *gnlh;

	fake_reset();
	is_int(vmqctl("queues", NULL), 0, "queues");
	is_int(fake_genl.nreq, 3, "  a switch dump, a port dump per switch");
	gnlh = req_attrs(2, tb);
	ok(gnlh->cmd == VMQ_CMD_PORT_GET &&
	   (fake_genl.req[2]->nlmsg_flags & NLM_F_DUMP) &&
	   nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]) == 20,
	   "  the last for switch 20");
	is_str(run.out, queues_text, "  the table");

	fake_reset();
	is_int(vmqctl("-j", "queues", "vmq1", NULL), 0, "queues -j SWITCH");
	is_str(run.out,
	       cat("[{\"switch\":\"vmq1\",\"port\":null,\"binding\":\"default\",",
		   "\"cpu\":3,\"limit\":64,\"length\":0,\"packets\":0,\"drops\":0,",
		   "\"per_cpu\":{}},",
		   "{\"switch\":\"vmq1\",\"port\":\"eth0\",\"port_id\":1,",
		   "\"binding\":\"default\",\"cpu\":3,\"limit\":512,\"length\":0,",
		   "\"packets\":0,\"drops\":0,\"per_cpu\":{}}]\n", NULL),
	       "  a JSON array of queues");

	fake_reset();
	fake_genl.fail_cmd = VMQ_CMD_PORT_GET;
	fake_genl.fail_err = -EINTR;
	is_int(vmqctl("queues", NULL), VMQCTL_EXIT_ERR, "queues failing");
	is_str(run.err,
	       "vmqctl: list the ports of switch 'vmq0': Interrupted system call\n",
	       "  says where");
	is_str(run.out, "", "  prints nothing");
}

/* Queue an event for the fake listen. */
static void event(struct nl_msg *m)
{
	fake_genl.events[fake_genl.nevents++] = m;
}

static void queue_events(void)
{
	struct nl_msg *m;

	event(switch_msg(VMQ_CMD_SWITCH_CHANGE, &switches[1]));
	event(port_msg(VMQ_CMD_PORT_NEW, &ports[1]));
	/* Identifying attributes only. */
	m = fake_msg(VMQ_CMD_PORT_DEL);
	nla_put_u32(m, VMQ_A_SWITCH_IFINDEX, 10);
	nla_put_u32(m, VMQ_A_PORT_ID, 2);
	event(m);
	m = fake_msg(VMQ_CMD_SWITCH_DEL);
	nla_put_u32(m, VMQ_A_SWITCH_IFINDEX, 30);
	event(m);
	/* Not events: a request's command, a malformed one. */
	event(switch_msg(VMQ_CMD_SWITCH_GET, &switches[0]));
	m = fake_msg(VMQ_CMD_PORT_CHANGE);
	nla_put_u16(m, VMQ_A_PORT_ID, 2);
	event(m);
	/* A newer module's. */
	event(fake_msg(VMQ_CMD_MAX + 1));
}

static void test_monitor(void)
{
	char unknown[64];

	fake_reset();
	queue_events();
	is_int(vmqctl("monitor", NULL), VMQCTL_EXIT_ERR,
	       "monitor runs until the socket fails");
	snprintf(unknown, sizeof(unknown), "event-%d\n", VMQ_CMD_MAX + 1);
	is_str(run.out,
	       cat("switch-change vmq1 uplink eth1 backend sw vmq off",
		   " default-queue-len 64 default-cpu 3 unknown-unicast drop",
		   " ports 1\n",
		   "port-new vm2 switch vmq0 id 2 mac 52:54:00:00:00:02",
		   " vlan none trunk none cpus any vmq on bcast-limit none",
		   " binding sw (no free VMDq pool) up no\n",
		   "port-del switch vmq0 id 2\n",
		   "switch-del ifindex 30\n",
		   unknown, NULL),
	       "  a line per event in order, a newer one's by number");
	is_str(run.err,
	       "vmqctl: events were lost: No buffer space available\n"
	       "vmqctl: monitor events: Connection reset by peer\n",
	       "  an overrun is said and survived; the end is an error");

	fake_reset();
	queue_events();
	is_int(vmqctl("-j", "monitor", NULL), VMQCTL_EXIT_ERR, "monitor -j");
	ok(starts(run.out,
		  "{\"event\":\"switch-change\",\"ifindex\":20,\"name\":\"vmq1\","),
	   "  an object per line, the event first");
	ok(strstr(run.out,
		  cat("\n{\"event\":\"port-del\",\"switch_ifindex\":10,",
		      "\"switch_name\":\"vmq0\",\"id\":2}\n", NULL)),
	   "  a deletion carries what identifies the port");
	ok(strstr(run.out, "\n{\"event\":\"switch-del\",\"ifindex\":30}\n"),
	   "  or the switch");
	snprintf(unknown, sizeof(unknown), "\n{\"event\":%d}\n", VMQ_CMD_MAX + 1);
	ok(strstr(run.out, unknown), "  a newer module's event by number");

	fake_reset();
	fake_genl.subscribe_err = -EPERM;
	is_int(vmqctl("monitor", NULL), VMQCTL_EXIT_ERR,
	       "monitor without the right to listen");
	is_str(run.err, "vmqctl: subscribe to 'events': Operation not permitted\n",
	       "  says so");
	fake_reset();
}

static void test_names(void)
{
	uint32_t v = 99;

	is_str(binding_name(VMQ_BINDING_SW), "sw", "binding sw");
	is_str(binding_name(VMQ_BINDING_HW_POOL), "hw-pool", "binding hw-pool");
	is_str(binding_name(VMQ_BINDING_HW_FLOW), "hw-flow", "binding hw-flow");
	is_str(binding_name(VMQ_BINDING_DEFAULT), "default", "binding default");
	ok(!binding_name(VMQ_BINDING_DEFAULT + 1), "a newer binding: NULL");
	ok(unknown_unicast_value("flood", &v) &&
	   v == VMQ_UNKNOWN_UNICAST_FLOOD, "flood");
	ok(!unknown_unicast_value("Flood", &v), "names are exact");
	is_str(unknown_unicast_name(VMQ_UNKNOWN_UNICAST_DROP), "drop", "drop");
	ok(!event_name(VMQ_CMD_SWITCH_GET) && !event_name(VMQ_CMD_PORT_SET),
	   "requests are no events");
	is_str(event_name(VMQ_CMD_PORT_CHANGE), "port-change", "port-change");
}

/* --- port irq ------------------------------------------------------------ */

static char irq_root[64];

/* Write @text to @rel under irq_root, directories made as needed. */
static void irq_file(const char *rel, const char *text)
{
	char path[256], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", irq_root, rel);
	for (slash = strchr(path + strlen(irq_root) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		exit(2);
	}
}

static const char *irq_read(const char *rel)
{
	static char buf[256];
	char path[256];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", irq_root, rel);
	f = fopen(path, "r");
	if (!f)
		return "(none)";
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* /proc/interrupts with one more line, the action @name on IRQ 47. */
static void irq_interrupts(const char *name)
{
	char text[1024];

	snprintf(text, sizeof(text),
		 "           CPU0       CPU1       CPU2       CPU3\n"
		 "  0:         40          0          0          0   IO-APIC   2-edge      timer\n"
		 " 44:          5          0          0          0  PCI-MSI 524288-edge      eth0-TxRx-0\n"
		 " 46:          9          0          0          0  PCI-MSI 524290-edge      eth1-TxRx-1\n"
		 " 47:          1          0          0          0  PCI-MSI 524291-edge      %s\n"
		 "NMI:          0          0          0          0   Non-maskable interrupts\n",
		 name);
	irq_file("proc/interrupts", text);
	irq_file("proc/irq/44/smp_affinity_list", "0-3\n");
	irq_file("proc/irq/47/smp_affinity_list", "0-3\n");
}

static void test_port_irq(void)
{
	struct nlattr *tb[VMQ_A_MAX + 1];
	char path[256];

	snprintf(irq_root, sizeof(irq_root), "/tmp/test_vmqctl.XXXXXX");
	if (!mkdtemp(irq_root)) {
		perror("mkdtemp");
		exit(2);
	}
	snprintf(path, sizeof(path), "%s/proc", irq_root);
	setenv("VMQCTL_PROC", path, 1);
	snprintf(path, sizeof(path), "%s/sys", irq_root);
	setenv("VMQCTL_SYS", path, 1);

	fake_reset();
	irq_interrupts("eth0-TxRx-1");
	is_int(vmqctl("port", "irq", "vm1", NULL), 0, "port irq: ixgbe's naming");
	is_str(run.out, "vm1: IRQ 47 (eth0-TxRx-1), ring 1 of eth0, now on CPUs 2-3\n",
	       "  says which interrupt, for which ring, on which CPUs");
	is_str(irq_read("proc/irq/47/smp_affinity_list"), "2-3\n",
	       "  the port's CPUs written to its smp_affinity_list");
	is_str(irq_read("proc/irq/44/smp_affinity_list"), "0-3\n",
	       "  ring 0's interrupt left alone");
	ok(fake_genl.nreq == 2 && req_attrs(0, tb)->cmd == VMQ_CMD_PORT_GET &&
	   req_attrs(1, tb)->cmd == VMQ_CMD_SWITCH_GET &&
	   tb[VMQ_A_SWITCH_IFINDEX] && nla_get_u32(tb[VMQ_A_SWITCH_IFINDEX]) == 10,
	   "  asked for the port, then its switch for the uplink");

	fake_reset();
	irq_interrupts("i40e-eth0-TxRx-1");
	is_int(vmqctl("-j", "port", "irq", "vm1", NULL), 0, "port irq -j: i40e's naming");
	is_str(run.out,
	       cat("[{\"port\":\"vm1\",\"irq\":47,\"name\":\"i40e-eth0-TxRx-1\",",
		   "\"uplink\":\"eth0\",\"ring\":1,\"cpus\":\"2-3\"}]\n", NULL),
	       "  in JSON, as the other commands' objects");

	fake_reset();
	irq_interrupts("mlx5_comp1@pci:0000:03:00.0");
	snprintf(path, sizeof(path), "%s/sys/class/net/eth0", irq_root);
	irq_file("sys/class/net/eth0/.keep", "");
	snprintf(path, sizeof(path), "%s/sys/class/net/eth0/device", irq_root);
	if (symlink("../../../devices/pci0000:00/0000:03:00.0", path)) {
		perror(path);
		exit(2);
	}
	is_int(vmqctl("port", "irq", "vm1", NULL), 0,
	       "port irq: mlx5's naming, by the uplink's PCI address");
	is_str(irq_read("proc/irq/47/smp_affinity_list"), "2-3\n", "  written");

	fake_reset();
	irq_interrupts("mlx5_comp1@pci:0000:04:00.0");
	is_int(vmqctl("port", "irq", "vm1", NULL), VMQCTL_EXIT_ERR,
	       "port irq: another device's vector is not the uplink's");
	is_str(run.err,
	       "vmqctl: no interrupt named for ring 1 of eth0 in /proc/interrupts (its driver's naming is not one vmqctl knows)\n",
	       "  says none was found");
	is_str(irq_read("proc/irq/47/smp_affinity_list"), "0-3\n", "  and writes nothing");

	fake_reset();
	is_int(vmqctl("port", "irq", "vm2", NULL), VMQCTL_EXIT_ERR,
	       "port irq: a port served in software");
	is_str(run.err,
	       "vmqctl: port 'vm2' has no hardware queue (its binding is sw): software serves it, no interrupt does\n",
	       "  has no interrupt to point");

	fake_reset();
	irq_interrupts("eth0-TxRx-1");
	snprintf(path, sizeof(path), "%s/proc/irq/47/smp_affinity_list", irq_root);
	unlink(path);
	is_int(vmqctl("port", "irq", "vm1", NULL), VMQCTL_EXIT_ERR,
	       "port irq: the kernel refuses the write");
	is_str(run.err,
	       "vmqctl: point IRQ 47 (eth0-TxRx-1) at CPUs 2-3: No such file or directory\n",
	       "  says so, with the reason");

	fake_reset();
	is_int(vmqctl("port", "irq", NULL), VMQCTL_EXIT_USAGE, "port irq: no port");
	is_int(vmqctl("port", "irq", "vm1", "now", NULL), VMQCTL_EXIT_USAGE,
	       "port irq: an extra argument");
	ok(fake_genl.nreq == 0, "  nothing asked of the kernel");

	snprintf(path, sizeof(path), "rm -rf '%s'", irq_root);
	if (system(path))
		perror(path);
	unsetenv("VMQCTL_PROC");
	unsetenv("VMQCTL_SYS");
}

int main(void)
{
	program_invocation_short_name = "vmqctl";
	test_names();
	test_usage();
	test_local_checks();
	test_switch_set();
	test_port_set();
	test_port_add();
	test_show();
	test_port_show();
	test_queues();
	test_monitor();
	test_port_irq();
	return tap_done();
}
