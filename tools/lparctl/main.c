// SPDX-License-Identifier: GPL-2.0
/*
 * lparctl: carve a host into LPAR-like slices through the lpar-cgroup
 * module.  This file only dispatches: options, the command table, help
 * and the two ways a command fails.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/msg.h"
#include "lparctl.h"

static const struct lparctl_cmd cmds[] = {
	{ "host",	cmd_host,	"host [reserve NODE SIZE]" },
	{ "create",	cmd_create,
	  "create NAME cpus CPULIST [nodes NODELIST] [memory SIZE]\n"
	  "                      [mode dedicated|shared]" },
	{ "bind",	cmd_bind,
	  "bind NAME [memory-max SIZE|max] [memory-min SIZE]\n"
	  "                      [cpu-max QUOTA[/PERIOD]|max] [cpu-weight N]" },
	{ "exec",	cmd_exec,	"exec NAME [--] CMD [ARGS...]" },
	{ "move",	cmd_move,	"move NAME PID" },
	{ "destroy",	cmd_destroy,	"destroy NAME [force]" },
	{ "set",	cmd_set,
	  "set NAME [cpus CPULIST] [memory SIZE] [irqs IRQLIST|none]" },
	{ "show",	cmd_show,	"show [NAME]" },
	{ "monitor",	cmd_monitor,	"monitor" },
	{ "help",	NULL,		"help" },
};

static void print_help(void)
{
	printf("Usage: %s [-j] COMMAND [ARGS]\n", program_invocation_short_name);
	fputs("\n"
	      "Commands:\n"
	      "  host                    show the housekeeping CPUs, the slice count and\n"
	      "                          each node's total, reserve and slices' bytes\n"
	      "  host reserve NODE SIZE  keep SIZE of NODE's memory from the slices\n"
	      "  create NAME cpus CPULIST [nodes NODELIST] [memory SIZE]\n"
	      "         [mode dedicated|shared]\n"
	      "                          define a slice and allocate its memory pool\n"
	      "  bind NAME [memory-max SIZE|max] [memory-min SIZE]\n"
	      "       [cpu-max QUOTA[/PERIOD]|max] [cpu-weight N]\n"
	      "                          set up the slice's cgroup, lpar/NAME, as a cpuset\n"
	      "                          partition of its CPUs and nodes, and bind the\n"
	      "                          slice to it; again after a resize. Options\n"
	      "                          set the slice's memory.max and memory.min and,\n"
	      "                          for a shared slice, cpu.max (microseconds,\n"
	      "                          period 100000 unless given) and cpu.weight\n"
	      "                          (1-10000); unchanged where not given\n"
	      "  exec NAME [--] CMD [ARGS...]\n"
	      "                          run CMD in the slice's cgroup from its start;\n"
	      "                          exits with CMD's status (128+N if killed by N)\n"
	      "  move NAME PID           move process PID into the slice's cgroup\n"
	      "  destroy NAME [force]    remove a slice and its cgroup; force: even while\n"
	      "                          its pool is mapped or its cgroup holds tasks\n"
	      "                          (their cgroup is then left in place)\n"
	      "  set NAME [cpus CPULIST] [memory SIZE] [irqs IRQLIST|none]\n"
	      "                          resize a slice, give it device interrupts\n"
	      "                          (pointed at its CPUs; the module keeps every\n"
	      "                          other movable one off dedicated slices), all\n"
	      "                          or nothing\n"
	      "  show [NAME]             show one slice, or all of them\n"
	      "  monitor                 print slice events as they happen, until killed\n"
	      "  help                    show this help\n"
	      "\n"
	      "Options:\n"
	      "  -j, --json              JSON output: an array of slices for show, one\n"
	      "                          object per line for monitor\n"
	      "  -h, --help              show this help; after a command, its usage\n"
	      "\n"
	      "SIZE is a number of bytes with an optional K, M, G or T suffix\n"
	      "(1024-based), as in 512M.  CPULIST and NODELIST are lists such as\n"
	      "2-3,6, as in sysfs.  NAME is a letter a-z followed by up to 30 of\n"
	      "a-z, 0-9, '_' and '-'.\n"
	      "\n"
	      "Slices' cgroups live in lpar/ of the cgroup v2 mount, /sys/fs/cgroup,\n"
	      "or $LPAR_CGROUP_ROOT if set.\n", stdout);
}

static const struct lparctl_cmd *find_cmd(const char *name)
{
	const struct lparctl_cmd *c;

	for (c = cmds; c < cmds + ARRAY_SIZE(cmds); c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int usage_error(const char *cmd, const char *fmt, ...)
{
	const struct lparctl_cmd *c = cmd ? find_cmd(cmd) : NULL;
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (c)
		fprintf(stderr, "Usage: %s %s\n", program_invocation_short_name,
			c->usage);
	else
		fprintf(stderr, "Try '%s help'.\n", program_invocation_short_name);
	return LPARCTL_EXIT_USAGE;
}

int fail(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_verr(err, fmt, ap);
	va_end(ap);
	return LPARCTL_EXIT_ERR;
}

static bool is_help(const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

int main(int argc, char **argv)
{
	struct lparctl_opts opts = { 0 };
	const struct lparctl_cmd *c;
	int ret, i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (is_help(argv[i])) {
			print_help();
			return 0;
		}
		if (strcmp(argv[i], "-j") && strcmp(argv[i], "--json"))
			return usage_error(NULL, "unknown option '%s'", argv[i]);
		opts.json = true;
	}
	if (i == argc)
		return usage_error(NULL, "no command given");

	c = find_cmd(argv[i]);
	if (!c)
		return usage_error(NULL, "unknown command '%s'", argv[i]);
	if (!c->run) {
		print_help();
		ret = 0;
	} else if (i + 1 < argc && is_help(argv[i + 1])) {
		printf("Usage: %s %s\n", program_invocation_short_name,
		       c->usage);
		ret = 0;
	} else {
		/* Commands see their own name as argv[0], like wg's. */
		ret = c->run(&opts, argc - i, argv + i);
	}

	/* Output that didn't make it out is a failure, not a success. */
	errno = 0;
	if (fflush(stdout) == EOF || ferror(stdout)) {
		if (!ret)
			ret = fail(errno ? -errno : -EIO, "write output");
	}
	return ret;
}
