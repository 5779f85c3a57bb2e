// SPDX-License-Identifier: GPL-2.0
/*
 * lparctl bind NAME: set up slice NAME's cgroup v2 group, then bind the
 * slice to it (LPAR_CMD_SLICE_BIND).  The module never writes cgroupfs;
 * the policy is here:
 *
 *   <root>                 subtree_control +cpuset +memory +cpu
 *   <root>/lpar            every online CPU but the housekeeping ones,
 *                          every node with memory; a partition root,
 *                          subtree_control +cpuset +memory +cpu
 *   <root>/lpar/NAME       the slice's CPUs and nodes; a partition root
 *                          if dedicated, a member if shared;
 *                          memory.oom.group 1; memory.max, memory.min,
 *                          and for a shared slice cpu.max and cpu.weight
 *                          as the options say (unchanged where not given)
 *
 * For a dedicated slice, its CPUs also leave the unbound workqueues' mask
 * (workqueue.c).
 *
 * A value is written only where the file reads something else, so
 * binding again, after a resize or to repair a failed slice, is safe.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/opts.h"
#include "cgroup.h"
#include "lparctl.h"

#define CPU_ONLINE	"/sys/devices/system/cpu/online"
#define NODE_HAS_MEMORY	"/sys/devices/system/node/has_memory"

struct bind_ctx {
	const char	*name;
	bool		have_slice;
	uint32_t	mode;
	char		cpus[CG_VALUE_MAX];	/* the slice's, canonical */
	char		nodes[CG_VALUE_MAX];
	char		host_cpus[CG_VALUE_MAX];
	char		lpar_cpus[CG_VALUE_MAX];
	char		lpar_mems[CG_VALUE_MAX];
	/* cgroupfs values from the options; empty: leave the file alone */
	char		memory_max[CG_VALUE_MAX];
	char		memory_min[CG_VALUE_MAX];
	char		cpu_max[CG_VALUE_MAX];
	char		cpu_weight[CG_VALUE_MAX];
};

static const char * const controllers[] = { "cpuset", "memory", "cpu", NULL };

/* @in as the kernel prints a list ("2-3,6"), so cg_set() can compare. */
static int canon_list(const char *in, char *out, size_t size)
{
	unsigned long map[CPU_BITMAP_LONGS(LIST_BITS)];
	int n;

	if (parse_cpulist(NULL, in, map, LIST_BITS))
		return -EINVAL;
	n = format_cpulist(out, size, map, LIST_BITS);
	return n >= 0 && (size_t)n < size ? 0 : -EOVERFLOW;
}

static int slice_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[LPAR_A_MAX + 1];
	struct bind_ctx *b = arg;
	int ret;

	ret = gnl_parse(msg, tb, LPAR_A_MAX, lpar_policy);
	if (ret)
		return ret;
	if (lpar_msg_cmd(msg) != LPAR_CMD_SLICE_GET)
		return 0;
	if (!tb[LPAR_A_SLICE_CPUS] || !tb[LPAR_A_SLICE_NODES] ||
	    !tb[LPAR_A_SLICE_MODE])
		return -EBADMSG;
	if (canon_list(nla_get_string(tb[LPAR_A_SLICE_CPUS]), b->cpus,
		       sizeof(b->cpus)) ||
	    canon_list(nla_get_string(tb[LPAR_A_SLICE_NODES]), b->nodes,
		       sizeof(b->nodes)))
		return -EBADMSG;
	b->mode = nla_get_u32(tb[LPAR_A_SLICE_MODE]);
	b->have_slice = true;
	return 0;
}

static int host_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[LPAR_A_MAX + 1];
	struct bind_ctx *b = arg;
	int ret;

	ret = gnl_parse(msg, tb, LPAR_A_MAX, lpar_policy);
	if (ret)
		return ret;
	if (lpar_msg_cmd(msg) != LPAR_CMD_HOST_GET)
		return 0;
	if (!tb[LPAR_A_HOST_CPUS])
		return -EBADMSG;
	return canon_list(nla_get_string(tb[LPAR_A_HOST_CPUS]), b->host_cpus,
			  sizeof(b->host_cpus)) ? -EBADMSG : 0;
}

/* A request for slice @b->name (none if @cmd is LPAR_CMD_HOST_GET). */
static int request(struct gnl *g, uint8_t cmd, struct bind_ctx *b, int fd,
		   gnl_msg_cb_t cb)
{
	struct nl_msg *msg;

	msg = gnl_msg_new(g, cmd, 0);
	if (!msg)
		return -ENOMEM;
	if ((cmd != LPAR_CMD_HOST_GET &&
	     nla_put_string(msg, LPAR_A_SLICE_NAME, b->name)) ||
	    (fd >= 0 && nla_put_s32(msg, LPAR_A_SLICE_CGROUP_FD, fd))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return gnl_request(g, msg, cb, b);
}

/* lpar's CPUs: the online ones less the housekeeping ones. */
static int get_lpar_cpus(struct bind_ctx *b)
{
	unsigned long online[CPU_BITMAP_LONGS(LIST_BITS)];
	unsigned long hk[CPU_BITMAP_LONGS(LIST_BITS)];
	size_t i;
	int ret;

	ret = cg_read(CPU_ONLINE, b->lpar_cpus, sizeof(b->lpar_cpus));
	if (ret)
		return ret;
	if (parse_cpulist(NULL, b->lpar_cpus, online, LIST_BITS)) {
		fprintf(stderr, "%s: cannot parse %s: '%s'\n",
			program_invocation_short_name, CPU_ONLINE,
			b->lpar_cpus);
		return -EINVAL;
	}
	/* host_cb() has parsed it already. */
	parse_cpulist(NULL, b->host_cpus, hk, LIST_BITS);
	for (i = 0; i < ARRAY_SIZE(online); i++)
		online[i] &= ~hk[i];
	format_cpulist(b->lpar_cpus, sizeof(b->lpar_cpus), online, LIST_BITS);
	if (!b->lpar_cpus[0]) {
		fprintf(stderr,
			"%s: no CPU is left for slices: every online CPU is a housekeeping CPU (%s)\n",
			program_invocation_short_name, b->host_cpus);
		return -ENOSPC;
	}
	return 0;
}

/* lpar's nodes: every node with memory; node 0 without NUMA. */
static int get_lpar_mems(struct bind_ctx *b)
{
	int ret;

	if (access(NODE_HAS_MEMORY, F_OK) && errno == ENOENT) {
		strcpy(b->lpar_mems, "0");
		return 0;
	}
	ret = cg_read(NODE_HAS_MEMORY, b->lpar_mems, sizeof(b->lpar_mems));
	if (ret)
		return ret;
	if (!b->lpar_mems[0]) {
		fprintf(stderr, "%s: %s lists no node\n",
			program_invocation_short_name, NODE_HAS_MEMORY);
		return -ENOENT;
	}
	return 0;
}

/*
 * The kernel may take "root" and still not make @dir a partition: it
 * then reads "root invalid" or "root invalid (reason)".
 */
static int check_partition(const char *dir)
{
	char path[PATH_MAX], val[256];
	int ret;

	ret = cg_path(path, sizeof(path), dir, "cpuset.cpus.partition");
	if (!ret)
		ret = cg_read(path, val, sizeof(val));
	if (ret)
		return ret;
	if (!strcmp(val, "root"))
		return 0;
	fprintf(stderr,
		"%s: %s is not a valid cpuset partition: %s reads '%s', not 'root'\n",
		program_invocation_short_name, dir, path, val);
	return -EINVAL;
}

/* <root>/lpar: the partition every slice's group is carved from. */
static int setup_lpar(const char *root, const struct bind_ctx *b)
{
	char dir[PATH_MAX];
	int ret;

	ret = cg_enable(root, controllers);
	if (ret < 0)
		return ret;
	ret = cg_slice_path(dir, sizeof(dir), root, NULL);
	if (ret)
		return ret;
	ret = cg_mkdir(dir);
	if (ret < 0)
		return ret;
	ret = cg_enable(dir, controllers);
	if (ret < 0)
		return ret;
	/* CPUs first: the partition is checked against them. */
	ret = cg_set(dir, "cpuset.cpus", b->lpar_cpus);
	if (ret < 0)
		return ret;
	ret = cg_set(dir, "cpuset.mems", b->lpar_mems);
	if (ret < 0)
		return ret;
	ret = cg_set(dir, "cpuset.cpus.partition", "root");
	if (ret < 0)
		return ret;
	return check_partition(dir);
}

static int set_option(const char *dir, const char *file, const char *val)
{
	int ret;

	if (!*val)
		return 0;
	ret = cg_set(dir, file, val);
	return ret < 0 ? ret : 0;
}

/* <root>/lpar/NAME, its path in @dir. */
static int setup_slice(const char *root, const struct bind_ctx *b,
		       char *dir, size_t size)
{
	bool dedicated = b->mode == LPAR_MODE_DEDICATED;
	int ret;

	ret = cg_slice_path(dir, size, root, b->name);
	if (ret)
		return ret;
	ret = cg_mkdir(dir);
	if (ret < 0)
		return ret;
	ret = cg_set(dir, "cpuset.cpus", b->cpus);
	if (ret < 0)
		return ret;
	ret = cg_set(dir, "cpuset.mems", b->nodes);
	if (ret < 0)
		return ret;
	ret = cg_set(dir, "cpuset.cpus.partition",
		     dedicated ? "root" : "member");
	if (ret < 0)
		return ret;
	if (dedicated) {
		ret = check_partition(dir);
		if (ret)
			return ret;
	}
	/* An OOM in the slice kills the slice's tasks, nobody else's. */
	ret = cg_set(dir, "memory.oom.group", "1");
	if (ret < 0)
		return ret;
	/* min before max: lowering both, max may then not go below min. */
	ret = set_option(dir, "memory.min", b->memory_min);
	if (!ret)
		ret = set_option(dir, "memory.max", b->memory_max);
	if (!ret)
		ret = set_option(dir, "cpu.max", b->cpu_max);
	if (!ret)
		ret = set_option(dir, "cpu.weight", b->cpu_weight);
	return ret;
}

static int bind_slice(struct gnl *g, const char *root, struct bind_ctx *b)
{
	char dir[PATH_MAX];
	int ret, fd;

	ret = request(g, LPAR_CMD_SLICE_GET, b, -1, slice_cb);
	if (!ret && !b->have_slice)
		ret = -EBADMSG;
	if (ret)
		return fail(ret, "get slice '%s'", b->name);
	if (b->mode != LPAR_MODE_SHARED && (*b->cpu_max || *b->cpu_weight)) {
		fprintf(stderr,
			"%s: slice '%s' is dedicated: its CPUs are all its own; cpu-max and cpu-weight apply to shared slices\n",
			program_invocation_short_name, b->name);
		return LPARCTL_EXIT_ERR;
	}
	if (!mode_name(b->mode)) {
		fprintf(stderr,
			"%s: slice '%s' has mode %u, which this lparctl does not know\n",
			program_invocation_short_name, b->name, b->mode);
		return LPARCTL_EXIT_ERR;
	}
	ret = request(g, LPAR_CMD_HOST_GET, b, -1, host_cb);
	if (ret)
		return fail(ret, "get the housekeeping CPUs");

	/* Those say what went wrong themselves. */
	if (get_lpar_cpus(b) || get_lpar_mems(b) || setup_lpar(root, b) ||
	    setup_slice(root, b, dir, sizeof(dir)))
		return LPARCTL_EXIT_ERR;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return fail(-errno, "open %s", dir);
	ret = request(g, LPAR_CMD_SLICE_BIND, b, fd, NULL);
	close(fd);
	if (ret)
		return fail(ret, "bind slice '%s' to %s", b->name, dir);
	/* Unbound kernel work stays off a dedicated slice's CPUs too. */
	if (b->mode == LPAR_MODE_DEDICATED && wq_update(b->cpus, NULL))
		return LPARCTL_EXIT_ERR;
	return 0;
}

/* SIZE, or "max" where @max_ok, as memory.max takes it. */
static int memory_value(const char *what, const char *arg, bool max_ok,
			char *out, size_t size)
{
	uint64_t bytes;

	if (max_ok && !strcmp(arg, "max")) {
		snprintf(out, size, "max");
		return 0;
	}
	if (parse_size(what, arg, &bytes))
		return -EINVAL;
	snprintf(out, size, "%llu", (unsigned long long)bytes);
	return 0;
}

/*
 * "max", QUOTA or QUOTA/PERIOD in microseconds, as cpu.max takes it
 * ("QUOTA PERIOD"); the kernel's bounds: 1 ms to 1 s for the period, at
 * least 1 ms of quota.
 */
static int cpu_max_value(const char *arg, char *out, size_t size)
{
	uint64_t quota, period = 100000;
	char buf[64], *slash;

	if (!strcmp(arg, "max")) {
		snprintf(out, size, "max");
		return 0;
	}
	if (strlen(arg) >= sizeof(buf)) {
		fprintf(stderr, "%s: cpu-max '%s' is too long\n",
			program_invocation_short_name, arg);
		return -EINVAL;
	}
	strcpy(buf, arg);
	slash = strchr(buf, '/');
	if (slash) {
		*slash = '\0';
		if (parse_u64("cpu-max period (us)", slash + 1, 1000, 1000000,
			      &period))
			return -EINVAL;
	}
	if (parse_u64("cpu-max quota (us)", buf, 1000, UINT32_MAX, &quota))
		return -EINVAL;
	snprintf(out, size, "%llu %llu", (unsigned long long)quota,
		 (unsigned long long)period);
	return 0;
}

/* Every option checked before anything is written: bad input changes nothing. */
static int parse_bind_options(struct bind_ctx *b, int argc, char **argv)
{
	uint32_t weight;
	int i;

	for (i = 2; i < argc; i += 2) {
		const char *key = argv[i], *val = argv[i + 1];
		int ret;

		if (!val)
			return usage_error(argv[0], "'%s' needs a value", key);
		if (!strcmp(key, "memory-max")) {
			ret = memory_value("memory-max", val, true, b->memory_max,
					   sizeof(b->memory_max));
		} else if (!strcmp(key, "memory-min")) {
			ret = memory_value("memory-min", val, false,
					   b->memory_min, sizeof(b->memory_min));
		} else if (!strcmp(key, "cpu-max")) {
			ret = cpu_max_value(val, b->cpu_max, sizeof(b->cpu_max));
		} else if (!strcmp(key, "cpu-weight")) {
			ret = parse_u32("cpu-weight", val, 1, 10000, &weight);
			if (!ret)
				snprintf(b->cpu_weight, sizeof(b->cpu_weight),
					 "%u", weight);
		} else {
			return usage_error(argv[0], "unknown argument '%s'", key);
		}
		if (ret)
			return LPARCTL_EXIT_USAGE;
	}
	return 0;
}

int cmd_bind(const struct lparctl_opts *opts, int argc, char **argv)
{
	const char *root = cg_root();
	struct bind_ctx *b;
	struct gnl *g;
	int ret;

	(void)opts;
	if (argc < 2)
		return usage_error(argv[0], "which slice?");
	if (!check_name(argv[1]))
		return LPARCTL_EXIT_USAGE;
	b = calloc(1, sizeof(*b));
	if (!b)
		return fail(-ENOMEM, "bind");
	ret = parse_bind_options(b, argc, argv);
	if (ret) {
		free(b);
		return ret;
	}
	/* Before the kernel is asked anything: it is the likelier miss. */
	if (cg_check_root(root)) {
		free(b);
		return LPARCTL_EXIT_ERR;
	}
	b->name = argv[1];
	if (lpar_open(&g)) {
		free(b);
		return LPARCTL_EXIT_ERR;
	}
	ret = bind_slice(g, root, b);
	gnl_close(g);
	free(b);
	return ret;
}
