// SPDX-License-Identifier: GPL-2.0
/*
 * vmqctl show [SWITCH]: one switch (a do) or every switch in this
 * namespace (a dump), as one text block per switch or a JSON array of
 * objects.
 */
#include <errno.h>

#include "vmqctl.h"

static int show_switch_cb(struct nl_msg *msg, void *arg)
{
	struct out *out = arg;
	struct vmq_obj o;
	int ret;

	ret = vmq_parse_switch(msg, &o);
	if (ret)
		return ret;
	/* A reply to a get is a get, or a new as events give switches. */
	if (o.cmd != VMQ_CMD_SWITCH_GET && o.cmd != VMQ_CMD_SWITCH_NEW)
		return 0;

	if (out->j) {
		json_object_start(out->j);
		print_switch_json(out->j, &o);
		json_object_end(out->j);
	} else {
		if (out->count)
			fputc('\n', out->f);
		print_switch_text(out->f, &o);
	}
	out->count++;
	return 0;
}

static int show_request(const char *name, struct out *out)
{
	uint32_t ifindex = 0;
	struct nl_msg *msg;
	struct gnl *g;
	int ret;

	if (name) {
		ret = dev_index("switch", name, &ifindex);
		if (ret)
			return ret;
	}
	if (vmq_open(&g))
		return VMQCTL_EXIT_ERR;
	msg = gnl_msg_new(g, VMQ_CMD_SWITCH_GET, name ? 0 : NLM_F_DUMP);
	if (!msg) {
		ret = -ENOMEM;
	} else if (name && nla_put_u32(msg, VMQ_A_SWITCH_IFINDEX, ifindex)) {
		nlmsg_free(msg);
		ret = -EMSGSIZE;
	} else {
		ret = gnl_request(g, msg, show_switch_cb, out);
	}
	gnl_close(g);
	if (ret && name)
		return fail(ret, "show switch '%s'", name);
	if (ret)
		return fail(ret, "list switches");
	return 0;
}

int cmd_show(const struct vmqctl_opts *opts, int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : NULL;
	struct out out;
	int ret;

	if (argc > 2)
		return usage_error("show", "unknown argument '%s'", argv[2]);
	ret = out_open(&out, opts);
	if (ret)
		return fail(ret, "show");
	return out_close(&out, show_request(name, &out));
}
