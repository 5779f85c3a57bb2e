// SPDX-License-Identifier: GPL-2.0
/*
 * lparctl host: what the host keeps for itself (housekeeping CPUs, each
 * node's reserve) next to what the slices hold; and lparctl host reserve,
 * which sets one node's reserve.
 */
#define _GNU_SOURCE		/* open_memstream */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/json.h"
#include "lib/opts.h"
#include "lparctl.h"

struct host_ctx {
	FILE		*f;
	struct json	*j;		/* NULL for text */
};

static void text_node_bytes(FILE *f, const char *key, struct nlattr *attr)
{
	if (!attr)
		return;
	fprintf(f, "  %-9s", key);
	print_bytes(f, nla_get_u64(attr));
	fputc('\n', f);
}

static void print_node(struct host_ctx *ctx, struct nlattr **tb)
{
	uint32_t id = nla_get_u32(tb[LPAR_A_NODE_ID]);

	if (ctx->j) {
		json_object_start(ctx->j);
		json_field_u64(ctx->j, "id", id);
		if (tb[LPAR_A_NODE_TOTAL_BYTES])
			json_field_u64(ctx->j, "total_bytes",
				       nla_get_u64(tb[LPAR_A_NODE_TOTAL_BYTES]));
		if (tb[LPAR_A_NODE_RESERVE_BYTES])
			json_field_u64(ctx->j, "reserve_bytes",
				       nla_get_u64(tb[LPAR_A_NODE_RESERVE_BYTES]));
		if (tb[LPAR_A_NODE_SLICES_BYTES])
			json_field_u64(ctx->j, "slices_bytes",
				       nla_get_u64(tb[LPAR_A_NODE_SLICES_BYTES]));
		json_object_end(ctx->j);
		return;
	}
	fprintf(ctx->f, "node %u\n", id);
	text_node_bytes(ctx->f, "total:", tb[LPAR_A_NODE_TOTAL_BYTES]);
	text_node_bytes(ctx->f, "reserve:", tb[LPAR_A_NODE_RESERVE_BYTES]);
	text_node_bytes(ctx->f, "slices:", tb[LPAR_A_NODE_SLICES_BYTES]);
}

static int host_cb(struct nl_msg *msg, void *arg)
{
	struct genlmsghdr *gnlh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[LPAR_A_MAX + 1];
	struct nlattr *ntb[LPAR_A_NODE_MAX + 1];
	struct host_ctx *ctx = arg;
	struct nlattr *attr;
	int ret, rem;

	ret = gnl_parse(msg, tb, LPAR_A_MAX, lpar_policy);
	if (ret)
		return ret;
	if (gnlh->cmd != LPAR_CMD_HOST_GET)
		return 0;

	if (ctx->j) {
		json_object_start(ctx->j);
		if (tb[LPAR_A_HOST_CPUS])
			json_field_string(ctx->j, "housekeeping_cpus",
					  nla_get_string(tb[LPAR_A_HOST_CPUS]));
		if (tb[LPAR_A_SLICE_COUNT])
			json_field_u64(ctx->j, "slice_count",
				       nla_get_u32(tb[LPAR_A_SLICE_COUNT]));
		if (tb[LPAR_A_HOST_IRQS_MOVED])
			json_field_string(ctx->j, "irqs_moved",
					  nla_get_string(tb[LPAR_A_HOST_IRQS_MOVED]));
		json_field_array(ctx->j, "nodes");
	} else {
		if (tb[LPAR_A_HOST_CPUS])
			fprintf(ctx->f, "housekeeping cpus: %s\n",
				nla_get_string(tb[LPAR_A_HOST_CPUS]));
		if (tb[LPAR_A_SLICE_COUNT])
			fprintf(ctx->f, "slices: %u\n",
				nla_get_u32(tb[LPAR_A_SLICE_COUNT]));
		if (tb[LPAR_A_HOST_IRQS_MOVED])
			fprintf(ctx->f, "irqs moved off slices' cpus: %s\n",
				*nla_get_string(tb[LPAR_A_HOST_IRQS_MOVED]) ?
				nla_get_string(tb[LPAR_A_HOST_IRQS_MOVED]) :
				"none");
	}

	/* One LPAR_A_NODE per node: gnl_parse() kept only the last. */
	nla_for_each_attr(attr, genlmsg_attrdata(gnlh, 0),
			  genlmsg_attrlen(gnlh, 0), rem) {
		if (nla_type(attr) != LPAR_A_NODE)
			continue;
		ret = gnl_errno(nla_parse_nested(ntb, LPAR_A_NODE_MAX, attr,
						 lpar_node_policy));
		if (ret)
			return ret;
		if (!ntb[LPAR_A_NODE_ID])
			return -EBADMSG;
		print_node(ctx, ntb);
	}

	if (ctx->j) {
		json_array_end(ctx->j);
		json_object_end(ctx->j);
	}
	return 0;
}

static int host_show(const struct lparctl_opts *opts)
{
	struct host_ctx ctx = { 0 };
	struct nl_msg *msg;
	struct json j;
	char *buf = NULL;
	int ret, err = 0;
	struct gnl *g;
	size_t len;

	if (lpar_open(&g))
		return LPARCTL_EXIT_ERR;
	ctx.f = open_memstream(&buf, &len);
	if (!ctx.f) {
		gnl_close(g);
		return fail(-errno, "host");
	}
	if (opts->json) {
		json_init(&j, ctx.f, false);
		ctx.j = &j;
	}

	msg = gnl_msg_new(g, LPAR_CMD_HOST_GET, 0);
	ret = msg ? gnl_request(g, msg, host_cb, &ctx) : -ENOMEM;
	gnl_close(g);
	if (opts->json)
		err = json_finish(&j);
	if (fclose(ctx.f) && !err)
		err = -errno;
	if (!ret && !err)
		fwrite(buf, 1, len, stdout);
	free(buf);
	if (ret)
		return fail(ret, "show host");
	if (err)
		return fail(err, "format output");
	return 0;
}

static int host_reserve(int argc, char **argv)
{
	struct nlattr *nest;
	struct nl_msg *msg;
	uint64_t bytes;
	uint32_t node;
	struct gnl *g;
	int ret;

	if (argc != 4)
		return usage_error(argv[0], "reserve needs a node and a size");
	if (parse_u32("node", argv[2], 0, INT32_MAX, &node) ||
	    parse_size("reserve size", argv[3], &bytes))
		return LPARCTL_EXIT_USAGE;

	if (lpar_open(&g))
		return LPARCTL_EXIT_ERR;
	msg = gnl_msg_new(g, LPAR_CMD_HOST_SET, 0);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	nest = nla_nest_start(msg, LPAR_A_NODE);
	if (!nest || nla_put_u32(msg, LPAR_A_NODE_ID, node) ||
	    nla_put_u64(msg, LPAR_A_NODE_RESERVE_BYTES, bytes)) {
		nlmsg_free(msg);
		ret = -EMSGSIZE;
		goto out;
	}
	nla_nest_end(msg, nest);
	ret = gnl_request(g, msg, NULL, NULL);
out:
	gnl_close(g);
	if (ret)
		return fail(ret, "set the reserve of node %u", node);
	return 0;
}

int cmd_host(const struct lparctl_opts *opts, int argc, char **argv)
{
	if (argc == 1 || (argc == 2 && !strcmp(argv[1], "show")))
		return host_show(opts);
	if (!strcmp(argv[1], "reserve"))
		return host_reserve(argc, argv);
	return usage_error(argv[0], "unknown argument '%s'", argv[1]);
}
