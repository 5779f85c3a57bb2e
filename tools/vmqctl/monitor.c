// SPDX-License-Identifier: GPL-2.0
/*
 * vmqctl monitor: one line per notification of the "events" multicast
 * group, as text or as one JSON object per line, until killed.  Each
 * line is flushed as soon as it is complete, so a pipe sees events as
 * they come.
 *
 * A line names the event ("port-change") and then the object as the
 * event carries it: text gives the settings and the binding, JSON
 * everything "show" or "port show" would, counters included.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vmqctl.h"

static bool is_port_event(uint8_t cmd)
{
	return cmd == VMQ_CMD_PORT_NEW || cmd == VMQ_CMD_PORT_DEL ||
	       cmd == VMQ_CMD_PORT_CHANGE;
}

/*
 * One event, @o its object, NULL for an event this vmqctl doesn't know
 * (a newer module's): that one only says that something happened.
 */
static int monitor_print(FILE *f, bool json, uint8_t cmd,
			 const struct vmq_obj *o)
{
	const char *ev = event_name(cmd);
	char buf[IFNAMSIZ];
	const char *sw;
	struct json j;

	sw = o && is_port_event(cmd) ? port_switch_name(o, NULL, buf) : NULL;
	if (!json && !o) {
		fprintf(f, "event-%u\n", cmd);
		return 0;
	}
	if (!json) {
		fputs(ev, f);
		if (is_port_event(cmd))
			print_port_line(f, o, sw);
		else
			print_switch_line(f, o);
		fputc('\n', f);
		return 0;
	}
	json_init(&j, f, false);
	json_object_start(&j);
	if (!o)
		json_field_u64(&j, "event", cmd);
	else
		json_field_string(&j, "event", ev);
	if (o && is_port_event(cmd))
		print_port_json(&j, o, sw);
	else if (o)
		print_switch_json(&j, o);
	json_object_end(&j);
	return json_finish(&j);
}

static int monitor_event_cb(struct nl_msg *msg, void *arg)
{
	const struct genlmsghdr *gnlh = nlmsg_data(nlmsg_hdr(msg));
	const struct vmqctl_opts *opts = arg;
	struct vmq_obj o, *obj = &o;
	int ret;

	if (gnlh->cmd > VMQ_CMD_MAX)
		obj = NULL;
	else if (!event_name(gnlh->cmd))
		return 0;	/* a request's command is no event */
	else if (is_port_event(gnlh->cmd) ? vmq_parse_port(msg, &o) :
					    vmq_parse_switch(msg, &o))
		return 0;	/* malformed: skipped, no reason to stop */

	ret = monitor_print(stdout, opts->json, gnlh->cmd, obj);
	errno = 0;
	if (fflush(stdout) == EOF || ferror(stdout))
		return ret ?: (errno ? -errno : -EIO);
	return ret;
}

int cmd_monitor(const struct vmqctl_opts *opts, int argc, char **argv)
{
	/* A copy, since the callback's argument can't be const. */
	struct vmqctl_opts o = *opts;
	struct gnl *g;
	int ret;

	if (argc > 1)
		return usage_error("monitor", "unknown argument '%s'", argv[1]);
	if (vmq_open(&g))
		return VMQCTL_EXIT_ERR;
	ret = gnl_subscribe(g, VMQ_GENL_MCGRP_EVENTS);
	if (ret) {
		gnl_close(g);
		return fail(ret, "subscribe to '%s'", VMQ_GENL_MCGRP_EVENTS);
	}
	for (;;) {
		ret = gnl_listen(g, monitor_event_cb, &o);
		/* The socket overran: say so, and carry on with what comes. */
		if (ret != -ENOBUFS)
			break;
		fprintf(stderr, "%s: events were lost: %s\n",
			program_invocation_short_name, strerror(ENOBUFS));
	}
	gnl_close(g);
	return fail(ret ?: -EPIPE, "monitor events");
}
