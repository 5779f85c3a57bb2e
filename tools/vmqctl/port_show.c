// SPDX-License-Identifier: GPL-2.0
/*
 * vmqctl port show [SWITCH | PORT]: every port in this namespace's
 * switches (a dump), one switch's ports (a dump the kernel filters), or
 * one port (a do), as one text block per port or a JSON array of
 * objects.
 */
#include <errno.h>
#include <string.h>

#include "lib/netdev.h"
#include "vmqctl.h"

int port_show_cb(struct nl_msg *msg, void *arg)
{
	struct port_show_ctx *ctx = arg;
	struct out *out = ctx->out;
	char buf[IFNAMSIZ];
	struct vmq_obj o;
	const char *sw;
	int ret;

	ret = vmq_parse_port(msg, &o);
	if (ret)
		return ret;
	/* A get's reply, or "port add"'s: the new port as a get gives it. */
	if (o.cmd != VMQ_CMD_PORT_GET && o.cmd != VMQ_CMD_PORT_NEW)
		return 0;

	sw = port_switch_name(&o, ctx->sw, buf);
	if (out->j) {
		json_object_start(out->j);
		print_port_json(out->j, &o, sw);
		json_object_end(out->j);
	} else {
		if (out->count)
			fputc('\n', out->f);
		print_port_text(out->f, &o, sw);
	}
	out->count++;
	return 0;
}

static int port_show_found_cb(struct nl_msg *msg, void *arg)
{
	(void)msg;
	*(bool *)arg = true;
	return 0;
}

/*
 * Whether device @ifindex is a switch, asked of the kernel: nothing else
 * knows.  Quietly, since "no" is an answer here, not an error.
 */
static bool port_show_is_switch(struct gnl *g, uint32_t ifindex)
{
	bool found = false;
	int ret;

	g->quiet = true;
	ret = vmq_get(g, VMQ_CMD_SWITCH_GET, 0, ifindex, port_show_found_cb,
		      &found);
	g->quiet = false;
	return !ret && found;
}

/* Every port, or only those of switch @sw_ifindex if not 0. */
static int port_show_dump(struct gnl *g, uint32_t sw_ifindex,
			  struct port_show_ctx *ctx)
{
	return vmq_get(g, VMQ_CMD_PORT_GET, NLM_F_DUMP, sw_ifindex,
		       port_show_cb, ctx);
}

static int port_show_request(const char *name, struct out *out)
{
	struct port_show_ctx ctx = { .out = out };
	struct port_ref ref = { 0 };
	struct gnl *g;
	int ret;

	/* A device here is a switch or a port: only the kernel can tell. */
	if (name && strchr(name, ':'))
		ret = parse_port_ref(name, &ref);
	else if (name)
		ret = dev_index("switch or port", name, &ref.ifindex);
	else
		ret = 0;
	if (ret)
		return ret;
	ref.arg = name;

	if (vmq_open(&g))
		return VMQCTL_EXIT_ERR;
	if (!name) {
		ret = port_show_dump(g, 0, &ctx);
		if (ret)
			fail(ret, "list ports");
	} else if (ref.ifindex && port_show_is_switch(g, ref.ifindex)) {
		ctx.sw = name;
		ret = port_show_dump(g, ref.ifindex, &ctx);
		if (ret)
			fail(ret, "list the ports of switch '%s'", name);
	} else {
		ctx.sw = ref.switch_name[0] ? ref.switch_name : NULL;
		ret = vmq_get_port(g, &ref, port_show_cb, &ctx);
		if (ret)
			fail(ret, "show port '%s'", name);
	}
	gnl_close(g);
	return ret ? VMQCTL_EXIT_ERR : 0;
}

int cmd_port_show(const struct vmqctl_opts *opts, int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : NULL;
	struct out out;
	int ret;

	if (argc > 2)
		return usage_error("port show", "unknown argument '%s'",
				   argv[2]);
	ret = out_open(&out, opts);
	if (ret)
		return fail(ret, "port show");
	return out_close(&out, port_show_request(name, &out));
}
