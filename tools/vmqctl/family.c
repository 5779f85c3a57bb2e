// SPDX-License-Identifier: GPL-2.0
/*
 * The "vmq_switch" family: opening it, the GET requests the commands
 * share, and the policies replies and events are checked against before
 * any attribute is read.  A switch or
 * a port that fails them is -EBADMSG: printing it would read past an
 * attribute or print garbage.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/if_ether.h>
#include <netlink/msg.h>

#include "vmqctl.h"

/*
 * The NLA_S32 entries say their length: libnl checks a minimum length
 * only for the types it knows one of, and not every version knows the
 * signed ones.
 */
static const struct nla_policy vmq_policy[VMQ_A_MAX + 1] = {
	[VMQ_A_SWITCH_IFINDEX]		= { .type = NLA_U32 },
	[VMQ_A_SWITCH_NAME]		= { .type = NLA_STRING,
					    .maxlen = IFNAMSIZ },
	[VMQ_A_SWITCH_UPLINK_IFINDEX]	= { .type = NLA_U32 },
	[VMQ_A_SWITCH_UPLINK_NAME]	= { .type = NLA_STRING,
					    .maxlen = IFNAMSIZ },
	[VMQ_A_SWITCH_BACKEND]		= { .type = NLA_U32 },
	[VMQ_A_SWITCH_VMQ]		= { .type = NLA_U8 },
	[VMQ_A_SWITCH_DEFAULT_QUEUE_LEN] = { .type = NLA_U32 },
	[VMQ_A_SWITCH_DEFAULT_CPU]	= { .type = NLA_S32,
					    .minlen = sizeof(int32_t) },
	[VMQ_A_SWITCH_UNKNOWN_UNICAST]	= { .type = NLA_U32 },
	[VMQ_A_SWITCH_PORT_COUNT]	= { .type = NLA_U32 },
	[VMQ_A_SWITCH_DEFAULT_QUEUE]	= { .type = NLA_NESTED },
	[VMQ_A_PORT_ID]			= { .type = NLA_U32 },
	[VMQ_A_PORT_IFINDEX]		= { .type = NLA_U32 },
	[VMQ_A_PORT_NAME]		= { .type = NLA_STRING,
					    .maxlen = IFNAMSIZ },
	[VMQ_A_PORT_MAC]		= { .type = NLA_UNSPEC,
					    .minlen = ETH_ALEN,
					    .maxlen = ETH_ALEN },
	[VMQ_A_PORT_VLAN]		= { .type = NLA_U16 },
	[VMQ_A_PORT_TRUNK]		= { .type = NLA_STRING },
	[VMQ_A_PORT_CPUS]		= { .type = NLA_STRING },
	[VMQ_A_PORT_VMQ]		= { .type = NLA_U8 },
	[VMQ_A_PORT_BCAST_LIMIT]	= { .type = NLA_U32 },
	[VMQ_A_PORT_BINDING]		= { .type = NLA_U32 },
	[VMQ_A_PORT_BINDING_REASON]	= { .type = NLA_STRING },
	[VMQ_A_PORT_QUEUE]		= { .type = NLA_NESTED },
	[VMQ_A_PORT_STATS]		= { .type = NLA_NESTED },
	[VMQ_A_PORT_UP]			= { .type = NLA_U8 },
};

static const struct nla_policy vmq_queue_policy[VMQ_A_QUEUE_MAX + 1] = {
	[VMQ_A_QUEUE_CPU]		= { .type = NLA_S32,
					    .minlen = sizeof(int32_t) },
	[VMQ_A_QUEUE_HW_INDEX]		= { .type = NLA_U32 },
	[VMQ_A_QUEUE_LIMIT]		= { .type = NLA_U32 },
	[VMQ_A_QUEUE_LENGTH]		= { .type = NLA_U32 },
	[VMQ_A_QUEUE_PACKETS]		= { .type = NLA_U64 },
	[VMQ_A_QUEUE_DROPS]		= { .type = NLA_U64 },
	[VMQ_A_QUEUE_PER_CPU]		= { .type = NLA_NESTED },
};

static const struct nla_policy vmq_stats_policy[VMQ_A_STATS_MAX + 1] = {
	[VMQ_A_STATS_RX_PACKETS]	= { .type = NLA_U64 },
	[VMQ_A_STATS_RX_BYTES]		= { .type = NLA_U64 },
	[VMQ_A_STATS_TX_PACKETS]	= { .type = NLA_U64 },
	[VMQ_A_STATS_TX_BYTES]		= { .type = NLA_U64 },
	[VMQ_A_STATS_RX_DROPS]		= { .type = NLA_U64 },
	[VMQ_A_STATS_TX_DROPS]		= { .type = NLA_U64 },
	[VMQ_A_STATS_RX_HW_STEERED]	= { .type = NLA_U64 },
	[VMQ_A_STATS_RX_SW_CLASSIFIED]	= { .type = NLA_U64 },
	[VMQ_A_STATS_RX_BCAST]		= { .type = NLA_U64 },
	[VMQ_A_STATS_BCAST_LIMIT_DROPS]	= { .type = NLA_U64 },
};

int vmq_open(struct gnl **gp)
{
	int ret;

	nlmsg_set_default_size(VMQ_MSG_SIZE);
	ret = gnl_open(gp, VMQ_GENL_NAME, VMQ_GENL_VERSION);
	/* genl.c has already said the family is missing, and why. */
	if (ret && ret != -ENOENT)
		fprintf(stderr, "%s: open generic netlink family '%s': %s\n",
			program_invocation_short_name, VMQ_GENL_NAME,
			strerror(-ret));
	return ret;
}

/*
 * A GET of @cmd (VMQ_CMD_SWITCH_GET or VMQ_CMD_PORT_GET) with @flags: of
 * switch @sw_ifindex, or of its ports, or of everything if it is 0.
 * @cb sees each reply.
 */
int vmq_get(struct gnl *g, uint8_t cmd, int flags, uint32_t sw_ifindex,
	    gnl_msg_cb_t cb, void *arg)
{
	struct nl_msg *msg;

	msg = gnl_msg_new(g, cmd, flags);
	if (!msg)
		return -ENOMEM;
	if (sw_ifindex && nla_put_u32(msg, VMQ_A_SWITCH_IFINDEX, sw_ifindex)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return gnl_request(g, msg, cb, arg);
}

/* A PORT_GET of one port, by its device or as SWITCH:ID. */
int vmq_get_port(struct gnl *g, const struct port_ref *ref, gnl_msg_cb_t cb,
		 void *arg)
{
	struct nl_msg *msg;

	msg = gnl_msg_new(g, VMQ_CMD_PORT_GET, 0);
	if (!msg)
		return -ENOMEM;
	if (put_port_ref(msg, ref)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return gnl_request(g, msg, cb, arg);
}

/*
 * The per-CPU nest has no policy to give libnl: its attribute types are
 * CPU numbers + 1.  Each entry is a u64; an empty one can only be
 * padding, which nla_put_u64_64bit() adds where u64s must be aligned.
 */
static int check_per_cpu(struct nlattr *nest)
{
	struct nlattr *pos;
	int rem;

	nla_for_each_nested(pos, nest, rem) {
		if (!nla_len(pos))
			continue;
		if (nla_len(pos) != sizeof(uint64_t) || nla_type(pos) < 1)
			return -EBADMSG;
	}
	return rem ? -EBADMSG : 0;
}

int vmq_parse_queue(struct nlattr *nest, struct nlattr **queue)
{
	int ret;

	ret = gnl_errno(nla_parse_nested(queue, VMQ_A_QUEUE_MAX, nest,
					 vmq_queue_policy));
	if (ret)
		return ret;
	if (queue[VMQ_A_QUEUE_PER_CPU])
		return check_per_cpu(queue[VMQ_A_QUEUE_PER_CPU]);
	return 0;
}

static int vmq_parse(struct nl_msg *msg, struct vmq_obj *o, int queue_attr)
{
	const struct genlmsghdr *gnlh = nlmsg_data(nlmsg_hdr(msg));
	int ret;

	memset(o, 0, sizeof(*o));
	ret = gnl_parse(msg, o->tb, VMQ_A_MAX, vmq_policy);
	if (ret)
		return ret;
	o->cmd = gnlh->cmd;
	if (o->tb[queue_attr]) {
		ret = vmq_parse_queue(o->tb[queue_attr], o->queue);
		if (ret)
			return ret;
	}
	if (o->tb[VMQ_A_PORT_STATS])
		ret = gnl_errno(nla_parse_nested(o->stats, VMQ_A_STATS_MAX,
						 o->tb[VMQ_A_PORT_STATS],
						 vmq_stats_policy));
	return ret;
}

int vmq_parse_switch(struct nl_msg *msg, struct vmq_obj *o)
{
	int ret;

	ret = vmq_parse(msg, o, VMQ_A_SWITCH_DEFAULT_QUEUE);
	if (ret)
		return ret;
	/* A switch nothing names can't be shown. */
	if (!o->tb[VMQ_A_SWITCH_NAME] && !o->tb[VMQ_A_SWITCH_IFINDEX])
		return -EBADMSG;
	return 0;
}

int vmq_parse_port(struct nl_msg *msg, struct vmq_obj *o)
{
	int ret;

	ret = vmq_parse(msg, o, VMQ_A_PORT_QUEUE);
	if (ret)
		return ret;
	if (!o->tb[VMQ_A_PORT_NAME] && !o->tb[VMQ_A_PORT_ID] &&
	    !o->tb[VMQ_A_PORT_IFINDEX])
		return -EBADMSG;
	return 0;
}
