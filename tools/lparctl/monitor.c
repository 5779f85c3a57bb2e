// SPDX-License-Identifier: GPL-2.0
/*
 * lparctl monitor: one line per event of the "events" multicast group,
 * as text or as one JSON object per line, until killed.  Each line is
 * flushed as soon as it is complete, so a pipe sees events as they come.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/json.h"
#include "lparctl.h"

static int event_cb(struct nl_msg *msg, void *arg)
{
	const struct lparctl_opts *opts = arg;
	struct nlattr *tb[LPAR_A_MAX + 1];
	const char *name, *ev;
	uint32_t event;
	struct json j;
	int ret;

	/* A malformed event is skipped, not a reason to stop listening. */
	ret = gnl_parse(msg, tb, LPAR_A_MAX, lpar_policy);
	if (ret || lpar_msg_cmd(msg) != LPAR_CMD_SLICE_EVENT ||
	    !tb[LPAR_A_EVENT])
		return 0;
	event = nla_get_u32(tb[LPAR_A_EVENT]);
	ev = event_name(event);
	name = tb[LPAR_A_SLICE_NAME] ? nla_get_string(tb[LPAR_A_SLICE_NAME]) :
				       NULL;

	if (opts->json) {
		json_init(&j, stdout, false);
		json_object_start(&j);
		if (ev)
			json_field_string(&j, "event", ev);
		else
			json_field_u64(&j, "event", event);
		if (name)
			json_field_string(&j, "name", name);
		if (tb[LPAR_A_CPU])
			json_field_u64(&j, "cpu", nla_get_u32(tb[LPAR_A_CPU]));
		json_object_end(&j);
		ret = json_finish(&j);
	} else {
		if (ev)
			fputs(ev, stdout);
		else
			printf("event-%u", event);
		if (name)
			printf(" %s", name);
		if (tb[LPAR_A_CPU])
			printf(" cpu %u", nla_get_u32(tb[LPAR_A_CPU]));
		putchar('\n');
	}
	errno = 0;
	if (fflush(stdout) == EOF || ferror(stdout))
		return ret ?: (errno ? -errno : -EIO);
	return ret;
}

int cmd_monitor(const struct lparctl_opts *opts, int argc, char **argv)
{
	/* A copy, since the callback's argument can't be const. */
	struct lparctl_opts o = *opts;
	struct gnl *g;
	int ret;

	if (argc > 1)
		return usage_error(argv[0], "unknown argument '%s'", argv[1]);
	if (lpar_open(&g))
		return LPARCTL_EXIT_ERR;
	ret = gnl_subscribe(g, LPAR_MCGRP_EVENTS);
	if (ret) {
		gnl_close(g);
		return fail(ret, "subscribe to '%s'", LPAR_MCGRP_EVENTS);
	}
	for (;;) {
		ret = gnl_listen(g, event_cb, &o);
		/* The socket overran: say so, and carry on with what comes. */
		if (ret != -ENOBUFS)
			break;
		fprintf(stderr, "%s: events were lost: %s\n",
			program_invocation_short_name, strerror(ENOBUFS));
	}
	gnl_close(g);
	return fail(ret ?: -EPIPE, "monitor events");
}
