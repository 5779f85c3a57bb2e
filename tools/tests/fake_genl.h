/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake of lib/genl.c's requests, for the tests of whole commands: a
 * test includes this before the tool's sources, whose gnl_open(),
 * gnl_close(), gnl_request(), gnl_subscribe() and gnl_listen() become
 * the fakes below, and defines the fake kernel:
 *
 *   FAKE_GENL_NAME, FAKE_GENL_VERSION, FAKE_GENL_MCGRP
 *		the family it stands for (defined before the include);
 *   fake_kernel_answer(nlh, replies)
 *		its answer to one request, as messages and an errno.
 *
 * Every request is recorded in fake_genl.req[], with whether the gnl was
 * quiet; a test may make a command fail after some replies, make
 * opening or subscribing fail, and queue events for the first listen.
 */
#ifndef TOOLS_TESTS_FAKE_GENL_H
#define TOOLS_TESTS_FAKE_GENL_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "lib/genl.h"

#define FAKE_FAMILY	0x42
#define FAKE_MAX_REQS	16

/* The replies to one request, in order; an errno to end with. */
struct fake_replies {
	struct nl_msg	*msg[8];
	int		n;
	int		err;
};

static void fake_kernel_answer(const struct nlmsghdr *nlh,
			       struct fake_replies *r);

static struct {
	/* Requests, as sent; and whether the gnl was quiet for each. */
	struct nlmsghdr	*req[FAKE_MAX_REQS];
	bool		quiet[FAKE_MAX_REQS];
	int		nreq;
	/* Fail the request with this command, after @fail_after replies. */
	uint8_t		fail_cmd;
	int		fail_err;
	int		fail_after;
	/* monitor: the events to deliver, and how each listen ends. */
	struct nl_msg	*events[8];
	int		nevents;
	int		listens;
	int		open_err;
	int		subscribe_err;
} fake_genl;

static void fake_genl_reset(void)
{
	int i;

	for (i = 0; i < fake_genl.nreq; i++)
		free(fake_genl.req[i]);
	for (i = 0; i < fake_genl.nevents; i++)
		nlmsg_free(fake_genl.events[i]);
	memset(&fake_genl, 0, sizeof(fake_genl));
}

static void __maybe_unused fake_reply(struct fake_replies *r, struct nl_msg *m)
{
	r->msg[r->n++] = m;
}

/* A message of the fake family, as the kernel would start one. */
static struct nl_msg * __maybe_unused fake_msg(uint8_t cmd)
{
	struct nl_msg *m = nlmsg_alloc_size(16384);

	genlmsg_put(m, 0, 0, FAKE_FAMILY, 0, 0, cmd, FAKE_GENL_VERSION);
	return m;
}

static int fake_gnl_open(struct gnl **gp, const char *family,
			 uint8_t version)
{
	struct gnl *g;

	*gp = NULL;
	if (strcmp(family, FAKE_GENL_NAME) || version != FAKE_GENL_VERSION)
		return -EPROTO;
	if (fake_genl.open_err) {
		if (fake_genl.open_err == -ENOENT)
			fprintf(stderr,
				"%s: family '%s' not found: is the module loaded?\n",
				program_invocation_short_name, family);
		return fake_genl.open_err;
	}
	g = calloc(1, sizeof(*g));
	if (!g)
		return -ENOMEM;
	g->family = FAKE_FAMILY;
	g->version = version;
	strcpy(g->name, family);
	*gp = g;
	return 0;
}

static void fake_gnl_close(struct gnl *g)
{
	free(g);
}

static int fake_gnl_request(struct gnl *g, struct nl_msg *msg,
			    gnl_msg_cb_t cb, void *arg)
{
	const struct nlmsghdr *nlh = nlmsg_hdr(msg);
	const struct genlmsghdr *gnlh = nlmsg_data(nlh);
	struct fake_replies r = { 0 };
	int ret = 0, i;

	if (fake_genl.nreq < FAKE_MAX_REQS) {
		fake_genl.req[fake_genl.nreq] = malloc(nlh->nlmsg_len);
		memcpy(fake_genl.req[fake_genl.nreq], nlh, nlh->nlmsg_len);
		fake_genl.quiet[fake_genl.nreq++] = g->quiet;
	}
	fake_kernel_answer(nlh, &r);
	if (fake_genl.fail_cmd == gnlh->cmd && r.n >= fake_genl.fail_after) {
		r.err = fake_genl.fail_err;
		while (r.n > fake_genl.fail_after)
			nlmsg_free(r.msg[--r.n]);
	}
	for (i = 0; i < r.n; i++) {
		/* As gnl_request(): the first error wins, the rest drains. */
		if (!ret && cb)
			ret = cb(r.msg[i], arg);
		nlmsg_free(r.msg[i]);
	}
	nlmsg_free(msg);
	if (ret > 0)
		ret = 0;
	return ret ?: r.err;
}

static int fake_gnl_subscribe(struct gnl *g, const char *group)
{
	(void)g;
	if (strcmp(group, FAKE_GENL_MCGRP))
		return -ENOENT;
	return fake_genl.subscribe_err;
}

/* The first listen delivers the events, then overruns; the next fails. */
static int fake_gnl_listen(struct gnl *g, gnl_msg_cb_t cb, void *arg)
{
	int i, ret;

	(void)g;
	if (fake_genl.listens++)
		return -ECONNRESET;
	for (i = 0; i < fake_genl.nevents; i++) {
		ret = cb(fake_genl.events[i], arg);
		if (ret)
			return ret < 0 ? ret : 0;
	}
	return -ENOBUFS;
}

/* From here on, the tool's calls are the fakes'. */
#define gnl_open	fake_gnl_open
#define gnl_close	fake_gnl_close
#define gnl_request	fake_gnl_request
#define gnl_subscribe	fake_gnl_subscribe
#define gnl_listen	fake_gnl_listen

#endif /* TOOLS_TESTS_FAKE_GENL_H */
