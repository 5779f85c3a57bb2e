/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lparctl: command-line control of lpar-cgroup slices over the "lpar"
 * generic netlink family (uapi/linux/lpar.h).
 *
 * Every command returns the process exit status: 0 on success,
 * LPARCTL_EXIT_ERR when something failed (after saying what on stderr),
 * LPARCTL_EXIT_USAGE when the command line was wrong.
 */
#ifndef LPARCTL_H
#define LPARCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/lpar.h>

#include "lib/compiler.h"
#include "lib/genl.h"

#define LPARCTL_EXIT_ERR	1
#define LPARCTL_EXIT_USAGE	2

/*
 * Enough CPUs or nodes for any kernel a distribution builds (NR_CPUS is
 * at most 8192, MAX_NUMNODES far less); whether a CPU or node exists is
 * the kernel's call.
 */
#define LIST_BITS		8192

/* Options that come before the command. */
struct lparctl_opts {
	bool	json;		/* -j: JSON instead of text */
};

/* One command: lparctl [OPTIONS] NAME ARGS... */
struct lparctl_cmd {
	const char	*name;
	int		(*run)(const struct lparctl_opts *opts, int argc,
			       char **argv);
	const char	*usage;	/* for "Usage: lparctl ..." */
};

/* main.c */
int usage_error(const char *cmd, const char *fmt, ...) __printf(2, 3);
int fail(int err, const char *fmt, ...) __printf(2, 3);

/* host.c */
int cmd_host(const struct lparctl_opts *opts, int argc, char **argv);

/* slice.c */
int cmd_create(const struct lparctl_opts *opts, int argc, char **argv);
int cmd_destroy(const struct lparctl_opts *opts, int argc, char **argv);
int cmd_set(const struct lparctl_opts *opts, int argc, char **argv);

/* bind.c */
int cmd_bind(const struct lparctl_opts *opts, int argc, char **argv);

/* workqueue.c: unbound work off dedicated slices' CPUs. */
int wq_update(const char *exclude, const char *include);
int wq_slice_cpus(const char *name, char *cpus, size_t size);

/* tasks.c */
int cmd_exec(const struct lparctl_opts *opts, int argc, char **argv);
int cmd_move(const struct lparctl_opts *opts, int argc, char **argv);

/* show.c */
int cmd_show(const struct lparctl_opts *opts, int argc, char **argv);

/* monitor.c */
int cmd_monitor(const struct lparctl_opts *opts, int argc, char **argv);

/* family.c: the socket and the reply policies. */
extern const struct nla_policy lpar_policy[LPAR_A_MAX + 1];
extern const struct nla_policy lpar_node_policy[LPAR_A_NODE_MAX + 1];
int lpar_open(struct gnl **gp);
uint8_t lpar_msg_cmd(struct nl_msg *msg);

/* args.c: local checks of arguments, so typos fail before the kernel. */
bool check_name(const char *arg);
bool check_cpulist(const char *what, const char *arg);
bool parse_mode(const char *arg, uint32_t *mode);

/* names.c: how values are spelled in the output. */
const char *mode_name(uint32_t mode);
const char *state_name(uint32_t state);
const char *event_name(uint32_t event);
void print_bytes(FILE *f, uint64_t bytes);

#endif /* LPARCTL_H */
