/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic netlink plumbing shared by lparctl, vmqctl and kvmshadowctl.
 *
 * A thin layer over libnl-genl-3 that does the parts every tool would
 * otherwise get subtly wrong: family lookup with a useful hint, extended
 * ACK reporting, and a receive loop that knows when a do or a dump is
 * finished.
 *
 * Error convention: functions return 0 (or a non-negative value) on
 * success and a negative errno on failure; callers print.  The one
 * exception is what only this layer can know: the kernel's extack text
 * and the "family not found" hint are printed here (unless gnl->quiet),
 * so that the caller's own "tool: cmd: <strerror>" line follows them.
 */
#ifndef TOOLS_LIB_GENL_H
#define TOOLS_LIB_GENL_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/genetlink.h>
#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

/* What the kernel told us in its extended ACK, decoded. */
struct gnl_ext_ack {
	int		error;		/* negative errno, 0 for a warning */
	char		msg[256];	/* NLMSGERR_ATTR_MSG, "" if none */
	bool		has_offs;
	uint32_t	offs;		/* NLMSGERR_ATTR_OFFS into our request */
	int		attr_type;	/* type of the attr at offs, -1 if unknown */
	bool		has_miss;
	uint32_t	miss_type;	/* NLMSGERR_ATTR_MISS_TYPE */
};

struct gnl {
	struct nl_sock		*sk;
	int			family;		/* resolved family id */
	uint8_t			version;	/* genlmsghdr.version we send */
	char			name[GENL_NAMSIZ];
	bool			quiet;		/* don't print extack/hints */
	struct gnl_ext_ack	ext;		/* from the last request */
};

/*
 * Per-message callback for replies and events.  Return 0 to go on, a
 * positive value to stop early without error, or a negative errno to
 * fail the request.  Either way the rest of a reply is drained, so the
 * socket stays usable for the next request.
 */
typedef int (*gnl_msg_cb_t)(struct nl_msg *msg, void *arg);

int gnl_open(struct gnl **gp, const char *family, uint8_t version);
void gnl_close(struct gnl *g);

/* New request for @cmd; @flags may include NLM_F_DUMP. NULL on ENOMEM. */
struct nl_msg *gnl_msg_new(struct gnl *g, uint8_t cmd, int flags);

/*
 * Send @msg (always consumed) and process replies until the ACK, error,
 * or NLMSG_DONE that ends it.  @cb may be NULL if no reply is expected.
 */
int gnl_request(struct gnl *g, struct nl_msg *msg, gnl_msg_cb_t cb, void *arg);

/* Parse a reply's top-level attributes into tb[0..maxtype]. */
int gnl_parse(struct nl_msg *msg, struct nlattr **tb, int maxtype,
	      const struct nla_policy *policy);

/* Join multicast group @group of our family; see gnl_listen(). */
int gnl_subscribe(struct gnl *g, const char *group);

/*
 * Feed multicast notifications to @cb until it returns non-zero.
 * Use a gnl of its own for this: replies to requests sent on a
 * listening socket would be mixed with events.
 */
int gnl_listen(struct gnl *g, gnl_msg_cb_t cb, void *arg);

/* libnl's NLE_* (negative) to a negative errno. */
int gnl_errno(int nlerr);

/*
 * Decode the extack of an NLMSG_ERROR or NLMSG_DONE message into @ext;
 * @req, if not NULL, is the request it answers, used to name the
 * offending attribute.  Returns the carried error (<= 0).  Exposed for
 * the unit tests.
 */
int gnl_parse_ext_ack(const struct nlmsghdr *nlh, const struct nlmsghdr *req,
		      struct gnl_ext_ack *ext);

#endif /* TOOLS_LIB_GENL_H */
