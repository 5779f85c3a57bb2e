// SPDX-License-Identifier: GPL-2.0
/*
 * vmqctl: switches and VM ports of the vmq-switch module.  This file
 * only dispatches: options, the command table, help and the two ways a
 * command fails.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/msg.h"
#include "vmqctl.h"

static const struct vmqctl_cmd cmds[] = {
	{ "show",	cmd_show,	"show [SWITCH]" },
	{ "set",	cmd_set,
	  "set SWITCH [vmq on|off] [default-queue-len N] [default-cpu N|any]\n"
	  "                  [unknown-unicast host|flood|drop]" },
	{ "queues",	cmd_queues,	"queues [SWITCH]" },
	{ "port show",	cmd_port_show,	"port show [SWITCH|PORT]" },
	{ "port add",	cmd_port_add,
	  "port add SWITCH NAME [mac MAC] [vlan N|none] [trunk LIST|none]\n"
	  "                  [cpus CPULIST|any] [vmq on|off] [bcast-limit N|none]" },
	{ "port set",	cmd_port_set,
	  "port set PORT [mac MAC] [vlan N|none] [trunk LIST|none]\n"
	  "                  [cpus CPULIST|any] [vmq on|off] [bcast-limit N|none]" },
	{ "port del",	cmd_port_del,	"port del PORT" },
	{ "port irq",	cmd_port_irq,	"port irq PORT" },
	{ "monitor",	cmd_monitor,	"monitor" },
	{ "help",	NULL,		"help" },
};

static void print_help(void)
{
	printf("Usage: %s [-j] COMMAND [ARGS]\n", program_invocation_short_name);
	fputs("\n"
	      "Commands:\n"
	      "  show [SWITCH]           show one switch, or all of them: uplink, backend,\n"
	      "                          settings, default queue, number of ports\n"
	      "  set SWITCH [vmq on|off] [default-queue-len N] [default-cpu N|any]\n"
	      "      [unknown-unicast host|flood|drop]\n"
	      "                          change a switch's settings, all or nothing\n"
	      "  queues [SWITCH]         a line per queue: each switch's default queue,\n"
	      "                          then its ports' queues\n"
	      "  port show [SWITCH|PORT] show every port, a switch's ports, or one port\n"
	      "                          (\"port\" alone: every port)\n"
	      "  port add SWITCH NAME [mac MAC] [vlan N|none] [trunk LIST|none]\n"
	      "      [cpus CPULIST|any] [vmq on|off] [bcast-limit N|none]\n"
	      "                          add port device NAME to SWITCH, down, and show it\n"
	      "  port set PORT [mac MAC] [vlan N|none] [trunk LIST|none]\n"
	      "      [cpus CPULIST|any] [vmq on|off] [bcast-limit N|none]\n"
	      "                          change a port's settings, all or nothing\n"
	      "  port del PORT           delete a port and its device\n"
	      "  port irq PORT           point the interrupt of the port's hardware\n"
	      "                          queue at the port's CPUs\n"
	      "  monitor                 print switch and port events as they happen,\n"
	      "                          until killed\n"
	      "  help                    show this help\n"
	      "\n"
	      "Options:\n"
	      "  -j, --json              JSON output: an array of objects for show,\n"
	      "                          queues, port show and port add, one object per\n"
	      "                          line for monitor\n"
	      "  -h, --help              show this help; after a command, its usage\n"
	      "\n"
	      "SWITCH and PORT are network devices in this namespace; PORT may also be\n"
	      "SWITCH:ID, the port's number on its switch, for a port whose device is in\n"
	      "another namespace.  MAC is a unicast address such as 52:54:00:12:34:56\n"
	      "(default: random).  VLANs are 1 to 4094, none: untagged.  LIST is a VLAN\n"
	      "list such as 10,20-30, CPULIST a CPU list such as 2-3,6; the first online\n"
	      "CPU of it serves the port's queue, any: the CPU that received the frame.\n"
	      "bcast-limit is broadcast and multicast frames per second, none: no limit.\n",
	      stdout);
}

/*
 * The command argv[i] names, with argv[i + 1] for a two-word one;
 * *words gets how many words it took.
 */
static const struct vmqctl_cmd *lookup_cmd(int argc, char **argv, int i,
					   int *words)
{
	const struct vmqctl_cmd *c;
	const char *sp;
	size_t len;

	for (c = cmds; c < cmds + ARRAY_SIZE(cmds); c++) {
		sp = strchr(c->name, ' ');
		if (!sp) {
			if (strcmp(c->name, argv[i]))
				continue;
			*words = 1;
			return c;
		}
		len = sp - c->name;
		if (strncmp(c->name, argv[i], len) || argv[i][len] ||
		    i + 1 == argc || strcmp(sp + 1, argv[i + 1]))
			continue;
		*words = 2;
		return c;
	}
	return NULL;
}

static const struct vmqctl_cmd *find_cmd(const char *name)
{
	const struct vmqctl_cmd *c;

	for (c = cmds; c < cmds + ARRAY_SIZE(cmds); c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* Every "port ..." usage, for "port -h" and a mistyped port command. */
static void print_port_usage(FILE *f)
{
	const char *lead = "Usage:";
	const struct vmqctl_cmd *c;

	for (c = cmds; c < cmds + ARRAY_SIZE(cmds); c++) {
		if (strncmp(c->name, "port ", 5))
			continue;
		fprintf(f, "%s %s %s\n", lead, program_invocation_short_name,
			c->usage);
		lead = "      ";
	}
}

int usage_error(const char *cmd, const char *fmt, ...)
{
	const struct vmqctl_cmd *c = cmd ? find_cmd(cmd) : NULL;
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (c)
		fprintf(stderr, "Usage: %s %s\n", program_invocation_short_name,
			c->usage);
	else if (cmd && !strcmp(cmd, "port"))
		print_port_usage(stderr);
	else
		fprintf(stderr, "Try '%s help'.\n", program_invocation_short_name);
	return VMQCTL_EXIT_USAGE;
}

int fail(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_verr(err, fmt, ap);
	va_end(ap);
	return VMQCTL_EXIT_ERR;
}

static bool is_help(const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

int main(int argc, char **argv)
{
	struct vmqctl_opts opts = { 0 };
	const struct vmqctl_cmd *c;
	int ret, i, words = 1;

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

	c = lookup_cmd(argc, argv, i, &words);
	if (!c && !strcmp(argv[i], "port")) {
		/* "port" alone lists the ports, as "ip link" does links. */
		if (i + 1 == argc) {
			c = find_cmd("port show");
		} else if (is_help(argv[i + 1])) {
			print_port_usage(stdout);
			return 0;
		} else {
			return usage_error("port", "unknown command 'port %s'",
					   argv[i + 1]);
		}
	}
	if (!c)
		return usage_error(NULL, "unknown command '%s'", argv[i]);

	/* Commands see their name's last word as argv[0], like wg's. */
	i += words - 1;
	if (!c->run) {
		print_help();
		ret = 0;
	} else if (i + 1 < argc && is_help(argv[i + 1])) {
		printf("Usage: %s %s\n", program_invocation_short_name,
		       c->usage);
		ret = 0;
	} else {
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
