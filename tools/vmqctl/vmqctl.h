/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmqctl: command-line control of vmq-switch switches and their VM ports
 * over the "vmq_switch" generic netlink family
 * (uapi/linux/vmq_switch.h).
 *
 * Every command returns the process exit status: 0 on success,
 * VMQCTL_EXIT_ERR when something failed (after saying what on stderr),
 * VMQCTL_EXIT_USAGE when the command line was wrong.
 */
#ifndef VMQCTL_H
#define VMQCTL_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/vmq_switch.h>

#include "lib/compiler.h"
#include "lib/genl.h"
#include "lib/json.h"

#define VMQCTL_EXIT_ERR		1
#define VMQCTL_EXIT_USAGE	2

/*
 * Enough CPUs for any kernel a distribution builds (NR_CPUS is at most
 * 8192); whether a CPU exists is the kernel's call.
 */
#define LIST_BITS		8192

/*
 * Room for the longest request, a port with a CPU list and a trunk list
 * each as long as they can be (26568 and 12911 characters): libnl's
 * default message is one page.
 */
#define VMQ_MSG_SIZE		65536

/* Options that come before the command. */
struct vmqctl_opts {
	bool	json;		/* -j: JSON instead of text */
};

/*
 * One command: vmqctl [OPTIONS] NAME ARGS...  NAME is one word, or two
 * for the port commands ("port add"); run() gets NAME's last word as
 * argv[0].
 */
struct vmqctl_cmd {
	const char	*name;
	int		(*run)(const struct vmqctl_opts *opts, int argc,
			       char **argv);
	const char	*usage;	/* for "Usage: vmqctl ..." */
};

/*
 * output.c: a listing reaches stdout only once its requests have all
 * succeeded, so a failure never leaves half of one (or half a JSON
 * document) behind.
 */
struct out {
	FILE		*f;		/* where to print */
	struct json	*j;		/* NULL for text */
	struct json	json;
	unsigned int	count;		/* objects printed so far */
	char		*buf;
	size_t		len;
};

int out_open(struct out *o, const struct vmqctl_opts *opts);
int out_close(struct out *o, int ret);

/* main.c */
int usage_error(const char *cmd, const char *fmt, ...) __printf(2, 3);
int fail(int err, const char *fmt, ...) __printf(2, 3);

/* show.c */
int cmd_show(const struct vmqctl_opts *opts, int argc, char **argv);

/* switch.c */
int cmd_set(const struct vmqctl_opts *opts, int argc, char **argv);

/* queues.c */
int cmd_queues(const struct vmqctl_opts *opts, int argc, char **argv);

/* port_show.c: also prints the port "port add" made. */
struct port_show_ctx {
	struct out	*out;
	const char	*sw;		/* the switch the request named */
};

int cmd_port_show(const struct vmqctl_opts *opts, int argc, char **argv);
int port_show_cb(struct nl_msg *msg, void *arg);

/* port.c */
int cmd_port_add(const struct vmqctl_opts *opts, int argc, char **argv);
int cmd_port_set(const struct vmqctl_opts *opts, int argc, char **argv);
int cmd_port_del(const struct vmqctl_opts *opts, int argc, char **argv);
int cmd_port_irq(const struct vmqctl_opts *opts, int argc, char **argv);

/* monitor.c */
int cmd_monitor(const struct vmqctl_opts *opts, int argc, char **argv);

/*
 * family.c: the socket, the GET requests, and switches and ports from
 * replies and events, their attributes checked against the policies
 * before any is read.
 */
struct vmq_obj {
	uint8_t		cmd;
	struct nlattr	*tb[VMQ_A_MAX + 1];
	/* The switch's default queue or the port's queue; NULLs if none. */
	struct nlattr	*queue[VMQ_A_QUEUE_MAX + 1];
	/* The port's counters; NULLs if none. */
	struct nlattr	*stats[VMQ_A_STATS_MAX + 1];
};

struct port_ref;

int vmq_open(struct gnl **gp);
int vmq_get(struct gnl *g, uint8_t cmd, int flags, uint32_t sw_ifindex,
	    gnl_msg_cb_t cb, void *arg);
int vmq_get_port(struct gnl *g, const struct port_ref *ref, gnl_msg_cb_t cb,
		 void *arg);
int vmq_parse_switch(struct nl_msg *msg, struct vmq_obj *o);
int vmq_parse_port(struct nl_msg *msg, struct vmq_obj *o);
int vmq_parse_queue(struct nlattr *nest, struct nlattr **queue);

/* args.c: local checks of arguments, so typos fail before the kernel. */
struct port_ref {
	const char	*arg;		/* as given, for messages */
	uint32_t	ifindex;	/* the port's own device, or 0 */
	uint32_t	switch_ifindex;	/* else its switch... */
	uint32_t	id;		/* ...and its number there */
	char		switch_name[IFNAMSIZ];	/* the switch, as given */
};

int check_pairs(const char *cmd, const char * const *keys, int argc,
		char **argv);
int dev_index(const char *what, const char *name, uint32_t *ifindex);
int parse_port_ref(const char *arg, struct port_ref *ref);
int put_port_ref(struct nl_msg *msg, const struct port_ref *ref);
bool parse_on_off(const char *what, const char *arg, bool *on);
bool parse_unknown_unicast(const char *arg, uint32_t *policy);
int parse_trunk(const char *arg, char **out);
int parse_cpus(const char *arg, char **out);

/* names.c: how enum values are spelled, in and out. */
const char *binding_name(uint32_t binding);
const char *unknown_unicast_name(uint32_t policy);
bool unknown_unicast_value(const char *name, uint32_t *policy);
const char *event_name(uint8_t cmd);

/* print.c: switches, ports and queues as text, JSON and one line. */
const char *port_switch_name(const struct vmq_obj *o, const char *fallback,
			     char *buf);
void print_switch_text(FILE *f, const struct vmq_obj *o);
void print_switch_json(struct json *j, const struct vmq_obj *o);
void print_switch_line(FILE *f, const struct vmq_obj *o);
void print_port_text(FILE *f, const struct vmq_obj *o, const char *sw);
void print_port_json(struct json *j, const struct vmq_obj *o, const char *sw);
void print_port_line(FILE *f, const struct vmq_obj *o, const char *sw);
bool print_per_cpu_text(FILE *f, const char *prefix,
			const struct nlattr *nest);
void print_queue_json(struct json *j, struct nlattr * const *queue);

#endif /* VMQCTL_H */
