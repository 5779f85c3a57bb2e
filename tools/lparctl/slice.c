// SPDX-License-Identifier: GPL-2.0
/*
 * Changing slices: create, destroy and set.  Each is one request,
 * checked locally first; on success they print nothing.  destroy also
 * removes the slice's cgroup, which lparctl bind made.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/opts.h"
#include "cgroup.h"
#include "lparctl.h"

/* Keyword arguments shared by create and set. */
struct slice_args {
	const char	*cpus;
	const char	*nodes;
	bool		has_memory;
	uint64_t	memory;
	bool		has_mode;
	uint32_t	mode;
	const char	*irqs;		/* "" for none */
};

/*
 * Parse "KEY VALUE" pairs from argv; @allowed lists the keys @cmd
 * takes.  Returns 0 or an exit status.
 */
static int parse_slice_args(const char *cmd, const char * const *allowed,
			    int argc, char **argv, struct slice_args *a)
{
	const char * const *k;
	const char *key, *val;
	int i;

	for (i = 0; i < argc; i += 2) {
		key = argv[i];
		for (k = allowed; *k && strcmp(*k, key); k++)
			;
		if (!*k)
			return usage_error(cmd, "unknown argument '%s'", key);
		if (i + 1 == argc)
			return usage_error(cmd, "'%s' needs a value", key);
		val = argv[i + 1];

		if (!strcmp(key, "cpus")) {
			if (a->cpus)
				goto twice;
			if (!check_cpulist("CPU list", val))
				return LPARCTL_EXIT_USAGE;
			a->cpus = val;
		} else if (!strcmp(key, "nodes")) {
			if (a->nodes)
				goto twice;
			if (!check_cpulist("node list", val))
				return LPARCTL_EXIT_USAGE;
			a->nodes = val;
		} else if (!strcmp(key, "memory")) {
			if (a->has_memory)
				goto twice;
			if (parse_size("memory size", val, &a->memory))
				return LPARCTL_EXIT_USAGE;
			a->has_memory = true;
		} else if (!strcmp(key, "irqs")) {
			if (a->irqs)
				goto twice;
			/* IRQ numbers go beyond CPU numbers: the kernel checks. */
			if (!strcmp(val, "none"))
				val = "";
			else if (!*val || strspn(val, "0123456789,-") != strlen(val))
				return usage_error(cmd,
						   "invalid IRQ list '%s': numbers and ranges such as 24,30-31, or none",
						   val);
			a->irqs = val;
		} else if (!strcmp(key, "mode")) {
			if (a->has_mode)
				goto twice;
			if (!parse_mode(val, &a->mode))
				return LPARCTL_EXIT_USAGE;
			a->has_mode = true;
		}
	}
	return 0;
twice:
	return usage_error(cmd, "'%s' given twice", key);
}

static int put_slice_args(struct nl_msg *msg, const struct slice_args *a)
{
	if (a->cpus && nla_put_string(msg, LPAR_A_SLICE_CPUS, a->cpus))
		return -EMSGSIZE;
	if (a->nodes && nla_put_string(msg, LPAR_A_SLICE_NODES, a->nodes))
		return -EMSGSIZE;
	if (a->has_memory &&
	    nla_put_u64(msg, LPAR_A_SLICE_MEMORY_BYTES, a->memory))
		return -EMSGSIZE;
	if (a->has_mode && nla_put_u32(msg, LPAR_A_SLICE_MODE, a->mode))
		return -EMSGSIZE;
	if (a->irqs && nla_put_string(msg, LPAR_A_SLICE_IRQS, a->irqs))
		return -EMSGSIZE;
	return 0;
}

/* Send a slice request that expects no reply; report failure. */
static int slice_request(uint8_t cmd, const char *name,
			 const struct slice_args *a, bool force,
			 const char *what)
{
	struct nl_msg *msg;
	struct gnl *g;
	int ret;

	if (lpar_open(&g))
		return LPARCTL_EXIT_ERR;
	msg = gnl_msg_new(g, cmd, 0);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	if (nla_put_string(msg, LPAR_A_SLICE_NAME, name) ||
	    (a && put_slice_args(msg, a)) ||
	    (force && nla_put_flag(msg, LPAR_A_FORCE))) {
		nlmsg_free(msg);
		ret = -EMSGSIZE;
		goto out;
	}
	ret = gnl_request(g, msg, NULL, NULL);
out:
	gnl_close(g);
	return ret ? fail(ret, "%s slice '%s'", what, name) : 0;
}

int cmd_create(const struct lparctl_opts *opts, int argc, char **argv)
{
	static const char * const keys[] = {
		"cpus", "nodes", "memory", "mode", NULL
	};
	struct slice_args a = { 0 };
	int ret;

	(void)opts;
	if (argc < 2)
		return usage_error(argv[0], "a slice needs a name");
	if (!check_name(argv[1]))
		return LPARCTL_EXIT_USAGE;
	ret = parse_slice_args(argv[0], keys, argc - 2, argv + 2, &a);
	if (ret)
		return ret;
	if (!a.cpus)
		return usage_error(argv[0], "a slice needs its CPUs: cpus CPULIST");
	return slice_request(LPAR_CMD_SLICE_NEW, argv[1], &a, false, "create");
}

/*
 * The slice's group goes with it.  Tasks can only be left in it when the
 * destruction was forced: then the group stays, with a warning, since
 * the slice is gone all the same.
 */
static int remove_group(const char *name)
{
	char path[PATH_MAX];

	if (cg_slice_path(path, sizeof(path), cg_root(), name))
		return LPARCTL_EXIT_ERR;
	if (!rmdir(path) || errno == ENOENT) {
		/*
		 * The last slice gone, lpar/ goes too: its partition would
		 * keep every CPU but the housekeeping ones from the host's
		 * tasks with no slice to use them. It stays while any other
		 * group (a slice's, or one made by hand) is in it.
		 */
		if (!cg_slice_path(path, sizeof(path), cg_root(), NULL))
			rmdir(path);
		return 0;
	}
	if (errno == EBUSY) {
		fprintf(stderr,
			"%s: warning: slice '%s' is gone but its cgroup %s still holds tasks (or child groups): left in place\n",
			program_invocation_short_name, name, path);
		return 0;
	}
	return fail(-errno, "remove the cgroup %s", path);
}

int cmd_destroy(const struct lparctl_opts *opts, int argc, char **argv)
{
	static char cpus[CG_VALUE_MAX];
	bool force = false;
	int ret;

	(void)opts;
	if (argc < 2)
		return usage_error(argv[0], "which slice?");
	if (!check_name(argv[1]))
		return LPARCTL_EXIT_USAGE;
	if (argc == 3 && !strcmp(argv[2], "force"))
		force = true;
	else if (argc > 2)
		return usage_error(argv[0], "unknown argument '%s'", argv[2]);
	/* A slice that is not there: the request says so. */
	if (wq_slice_cpus(argv[1], cpus, sizeof(cpus)))
		cpus[0] = '\0';
	ret = slice_request(LPAR_CMD_SLICE_DEL, argv[1], NULL, force,
			    "destroy");
	if (!ret && *cpus && wq_update(NULL, cpus))
		ret = LPARCTL_EXIT_ERR;
	return ret ?: remove_group(argv[1]);
}

int cmd_set(const struct lparctl_opts *opts, int argc, char **argv)
{
	static const char * const keys[] = { "cpus", "memory", "irqs", NULL };
	static char old[CG_VALUE_MAX];
	struct slice_args a = { 0 };
	int ret;

	(void)opts;
	if (argc < 2)
		return usage_error(argv[0], "which slice?");
	if (!check_name(argv[1]))
		return LPARCTL_EXIT_USAGE;
	ret = parse_slice_args(argv[0], keys, argc - 2, argv + 2, &a);
	if (ret)
		return ret;
	if (!a.cpus && !a.has_memory && !a.irqs)
		return usage_error(argv[0],
				   "nothing to change: give cpus, memory or irqs");
	if (a.cpus && wq_slice_cpus(argv[1], old, sizeof(old)))
		return LPARCTL_EXIT_ERR;
	ret = slice_request(LPAR_CMD_SLICE_SET, argv[1], &a, false, "set");
	/* The CPUs it gave up take unbound work again, its new ones not. */
	if (!ret && a.cpus && *old && wq_update(a.cpus, old))
		ret = LPARCTL_EXIT_ERR;
	return ret;
}
