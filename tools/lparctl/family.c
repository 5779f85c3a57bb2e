// SPDX-License-Identifier: GPL-2.0
/*
 * The "lpar" family: opening it, and the policies replies and events are
 * checked against before any attribute is read.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lparctl.h"

const struct nla_policy lpar_policy[LPAR_A_MAX + 1] = {
	[LPAR_A_HOST_CPUS]		= { .type = NLA_STRING },
	[LPAR_A_SLICE_COUNT]		= { .type = NLA_U32 },
	[LPAR_A_NODE]			= { .type = NLA_NESTED },
	[LPAR_A_SLICE_NAME]		= { .type = NLA_STRING,
					    .maxlen = LPAR_SLICE_NAME_MAX },
	[LPAR_A_SLICE_CPUS]		= { .type = NLA_STRING },
	[LPAR_A_SLICE_NODES]		= { .type = NLA_STRING },
	[LPAR_A_SLICE_MEMORY_BYTES]	= { .type = NLA_U64 },
	[LPAR_A_SLICE_MODE]		= { .type = NLA_U32 },
	[LPAR_A_SLICE_STATE]		= { .type = NLA_U32 },
	[LPAR_A_SLICE_MAPPINGS]		= { .type = NLA_U32 },
	[LPAR_A_SLICE_DEVICE]		= { .type = NLA_STRING },
	[LPAR_A_FORCE]			= { .type = NLA_FLAG },
	[LPAR_A_EVENT]			= { .type = NLA_U32 },
	[LPAR_A_CPU]			= { .type = NLA_U32 },
	[LPAR_A_SLICE_CGROUP_FD]	= { .type = NLA_S32 },
	[LPAR_A_SLICE_CGROUP_ID]	= { .type = NLA_U64 },
	[LPAR_A_SLICE_TASKS]		= { .type = NLA_U32 },
	[LPAR_A_SLICE_REASON]		= { .type = NLA_STRING },
	[LPAR_A_SLICE_IRQS]		= { .type = NLA_STRING },
	[LPAR_A_HOST_IRQS_MOVED]	= { .type = NLA_STRING },
};

const struct nla_policy lpar_node_policy[LPAR_A_NODE_MAX + 1] = {
	[LPAR_A_NODE_ID]		= { .type = NLA_U32 },
	[LPAR_A_NODE_TOTAL_BYTES]	= { .type = NLA_U64 },
	[LPAR_A_NODE_RESERVE_BYTES]	= { .type = NLA_U64 },
	[LPAR_A_NODE_SLICES_BYTES]	= { .type = NLA_U64 },
};

int lpar_open(struct gnl **gp)
{
	int ret;

	ret = gnl_open(gp, LPAR_GENL_NAME, LPAR_GENL_VERSION);
	/* genl.c has already said the family is missing, and why. */
	if (ret && ret != -ENOENT)
		fprintf(stderr, "%s: open generic netlink family '%s': %s\n",
			program_invocation_short_name, LPAR_GENL_NAME,
			strerror(-ret));
	return ret;
}

/* The command of a message gnl_parse() has accepted. */
uint8_t lpar_msg_cmd(struct nl_msg *msg)
{
	const struct genlmsghdr *gnlh = nlmsg_data(nlmsg_hdr(msg));

	return gnlh->cmd;
}
