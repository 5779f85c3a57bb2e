// SPDX-License-Identifier: GPL-2.0
/*
 * vmqctl set SWITCH KEY VALUE...: change a switch's settings in one
 * request, which the kernel applies all or nothing.  Prints nothing on
 * success.
 */
#include <errno.h>
#include <string.h>

#include "lib/opts.h"
#include "vmqctl.h"

/* The settings to change; has_* says which were given. */
struct switch_args {
	bool		has_vmq;
	bool		vmq;
	bool		has_queue_len;
	uint32_t	queue_len;
	bool		has_cpu;
	int32_t		cpu;
	bool		has_unknown_unicast;
	uint32_t	unknown_unicast;
};

/* The default queue's length, as the header bounds it. */
#define QUEUE_LEN_MIN	1
#define QUEUE_LEN_MAX	65536

static int parse_switch_args(int argc, char **argv, struct switch_args *a)
{
	static const char * const keys[] = {
		"vmq", "default-queue-len", "default-cpu", "unknown-unicast",
		NULL
	};
	const char *key, *val;
	uint32_t cpu;
	int ret, i;

	ret = check_pairs("set", keys, argc, argv);
	if (ret)
		return ret;
	for (i = 0; i < argc; i += 2) {
		key = argv[i];
		val = argv[i + 1];
		if (!strcmp(key, "vmq")) {
			if (!parse_on_off("vmq setting", val, &a->vmq))
				return VMQCTL_EXIT_USAGE;
			a->has_vmq = true;
		} else if (!strcmp(key, "default-queue-len")) {
			if (parse_u32("default queue length", val, QUEUE_LEN_MIN,
				      QUEUE_LEN_MAX, &a->queue_len))
				return VMQCTL_EXIT_USAGE;
			a->has_queue_len = true;
		} else if (!strcmp(key, "default-cpu")) {
			/* any: -1, the CPU that received the frame. */
			a->cpu = -1;
			if (strcmp(val, "any")) {
				if (parse_u32("default CPU", val, 0,
					      LIST_BITS - 1, &cpu))
					return VMQCTL_EXIT_USAGE;
				a->cpu = cpu;
			}
			a->has_cpu = true;
		} else {
			if (!parse_unknown_unicast(val, &a->unknown_unicast))
				return VMQCTL_EXIT_USAGE;
			a->has_unknown_unicast = true;
		}
	}
	return 0;
}

static int put_switch_args(struct nl_msg *msg, const struct switch_args *a)
{
	if (a->has_vmq && nla_put_u8(msg, VMQ_A_SWITCH_VMQ, a->vmq))
		return -EMSGSIZE;
	if (a->has_queue_len &&
	    nla_put_u32(msg, VMQ_A_SWITCH_DEFAULT_QUEUE_LEN, a->queue_len))
		return -EMSGSIZE;
	if (a->has_cpu && nla_put_s32(msg, VMQ_A_SWITCH_DEFAULT_CPU, a->cpu))
		return -EMSGSIZE;
	if (a->has_unknown_unicast &&
	    nla_put_u32(msg, VMQ_A_SWITCH_UNKNOWN_UNICAST, a->unknown_unicast))
		return -EMSGSIZE;
	return 0;
}

int cmd_set(const struct vmqctl_opts *opts, int argc, char **argv)
{
	struct switch_args a = { 0 };
	struct nl_msg *msg;
	uint32_t ifindex;
	struct gnl *g;
	int ret;

	(void)opts;
	if (argc < 2)
		return usage_error("set", "which switch?");
	ret = parse_switch_args(argc - 2, argv + 2, &a);
	if (ret)
		return ret;
	if (argc == 2)
		return usage_error("set", "nothing to change");
	ret = dev_index("switch", argv[1], &ifindex);
	if (ret)
		return ret;

	if (vmq_open(&g))
		return VMQCTL_EXIT_ERR;
	msg = gnl_msg_new(g, VMQ_CMD_SWITCH_SET, 0);
	if (!msg) {
		ret = -ENOMEM;
	} else if (nla_put_u32(msg, VMQ_A_SWITCH_IFINDEX, ifindex) ||
		   put_switch_args(msg, &a)) {
		nlmsg_free(msg);
		ret = -EMSGSIZE;
	} else {
		ret = gnl_request(g, msg, NULL, NULL);
	}
	gnl_close(g);
	return ret ? fail(ret, "set switch '%s'", argv[1]) : 0;
}
