// SPDX-License-Identifier: GPL-2.0
/*
 * lparctl show [NAME]: one slice (a do) or every slice (a dump), as one
 * text block per slice or as a JSON array of objects.
 *
 * Output goes to a buffer and reaches stdout only once the request has
 * succeeded, so a failure never leaves half a listing (or half a JSON
 * document) behind.
 */
#define _GNU_SOURCE		/* open_memstream */
#include <errno.h>
#include <stdlib.h>

#include "lib/json.h"
#include "lparctl.h"

struct show_ctx {
	FILE		*f;
	struct json	*j;		/* NULL for text */
	unsigned int	count;
};

static void text_enum(FILE *f, const char *key, const char *name, uint32_t v)
{
	if (name)
		fprintf(f, "  %s: %s\n", key, name);
	else
		fprintf(f, "  %s: unknown (%u)\n", key, v);
}

static void print_slice_text(FILE *f, struct nlattr **tb, bool first)
{
	uint32_t v;

	if (!first)
		fputc('\n', f);
	fprintf(f, "slice %s\n", nla_get_string(tb[LPAR_A_SLICE_NAME]));
	if (tb[LPAR_A_SLICE_CPUS])
		fprintf(f, "  cpus: %s\n", nla_get_string(tb[LPAR_A_SLICE_CPUS]));
	if (tb[LPAR_A_SLICE_NODES])
		fprintf(f, "  nodes: %s\n",
			nla_get_string(tb[LPAR_A_SLICE_NODES]));
	if (tb[LPAR_A_SLICE_MEMORY_BYTES]) {
		fputs("  memory: ", f);
		print_bytes(f, nla_get_u64(tb[LPAR_A_SLICE_MEMORY_BYTES]));
		fputc('\n', f);
	}
	if (tb[LPAR_A_SLICE_MODE]) {
		v = nla_get_u32(tb[LPAR_A_SLICE_MODE]);
		text_enum(f, "mode", mode_name(v), v);
	}
	if (tb[LPAR_A_SLICE_STATE]) {
		v = nla_get_u32(tb[LPAR_A_SLICE_STATE]);
		text_enum(f, "state", state_name(v), v);
	}
	if (tb[LPAR_A_SLICE_MAPPINGS])
		fprintf(f, "  mappings: %u\n",
			nla_get_u32(tb[LPAR_A_SLICE_MAPPINGS]));
	if (tb[LPAR_A_SLICE_DEVICE])
		fprintf(f, "  device: %s\n",
			nla_get_string(tb[LPAR_A_SLICE_DEVICE]));
	if (tb[LPAR_A_SLICE_CGROUP_ID])
		fprintf(f, "  cgroup: %llu\n", (unsigned long long)
			nla_get_u64(tb[LPAR_A_SLICE_CGROUP_ID]));
	if (tb[LPAR_A_SLICE_TASKS])
		fprintf(f, "  tasks: %u\n", nla_get_u32(tb[LPAR_A_SLICE_TASKS]));
	if (tb[LPAR_A_SLICE_IRQS])
		fprintf(f, "  irqs: %s\n", *nla_get_string(tb[LPAR_A_SLICE_IRQS]) ?
			nla_get_string(tb[LPAR_A_SLICE_IRQS]) : "none");
	if (tb[LPAR_A_SLICE_REASON] && *nla_get_string(tb[LPAR_A_SLICE_REASON]))
		fprintf(f, "  reason: %s\n",
			nla_get_string(tb[LPAR_A_SLICE_REASON]));
}

/* An enum as its name; a value this lparctl doesn't know as a number. */
static void json_enum(struct json *j, const char *key, const char *name,
		      uint32_t v)
{
	if (name)
		json_field_string(j, key, name);
	else
		json_field_u64(j, key, v);
}

static void print_slice_json(struct json *j, struct nlattr **tb)
{
	uint32_t v;

	json_object_start(j);
	json_field_string(j, "name", nla_get_string(tb[LPAR_A_SLICE_NAME]));
	if (tb[LPAR_A_SLICE_CPUS])
		json_field_string(j, "cpus",
				  nla_get_string(tb[LPAR_A_SLICE_CPUS]));
	if (tb[LPAR_A_SLICE_NODES])
		json_field_string(j, "nodes",
				  nla_get_string(tb[LPAR_A_SLICE_NODES]));
	if (tb[LPAR_A_SLICE_MEMORY_BYTES])
		json_field_u64(j, "memory_bytes",
			       nla_get_u64(tb[LPAR_A_SLICE_MEMORY_BYTES]));
	if (tb[LPAR_A_SLICE_MODE]) {
		v = nla_get_u32(tb[LPAR_A_SLICE_MODE]);
		json_enum(j, "mode", mode_name(v), v);
	}
	if (tb[LPAR_A_SLICE_STATE]) {
		v = nla_get_u32(tb[LPAR_A_SLICE_STATE]);
		json_enum(j, "state", state_name(v), v);
	}
	if (tb[LPAR_A_SLICE_MAPPINGS])
		json_field_u64(j, "mappings",
			       nla_get_u32(tb[LPAR_A_SLICE_MAPPINGS]));
	if (tb[LPAR_A_SLICE_DEVICE])
		json_field_string(j, "device",
				  nla_get_string(tb[LPAR_A_SLICE_DEVICE]));
	if (tb[LPAR_A_SLICE_CGROUP_ID])
		json_field_u64(j, "cgroup_id",
			       nla_get_u64(tb[LPAR_A_SLICE_CGROUP_ID]));
	if (tb[LPAR_A_SLICE_TASKS])
		json_field_u64(j, "tasks", nla_get_u32(tb[LPAR_A_SLICE_TASKS]));
	if (tb[LPAR_A_SLICE_IRQS])
		json_field_string(j, "irqs",
				  nla_get_string(tb[LPAR_A_SLICE_IRQS]));
	/* Always there, so scripts can test it without a key check. */
	json_field_string(j, "reason", tb[LPAR_A_SLICE_REASON] ?
			  nla_get_string(tb[LPAR_A_SLICE_REASON]) : "");
	json_object_end(j);
}

static int show_slice_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[LPAR_A_MAX + 1];
	struct show_ctx *ctx = arg;
	int ret;

	ret = gnl_parse(msg, tb, LPAR_A_MAX, lpar_policy);
	if (ret)
		return ret;
	if (lpar_msg_cmd(msg) != LPAR_CMD_SLICE_GET)
		return 0;
	/* A slice without its name can't be shown; the reply is broken. */
	if (!tb[LPAR_A_SLICE_NAME])
		return -EBADMSG;

	if (ctx->j)
		print_slice_json(ctx->j, tb);
	else
		print_slice_text(ctx->f, tb, !ctx->count);
	ctx->count++;
	return 0;
}

static int show_request(const char *name, struct show_ctx *ctx)
{
	struct nl_msg *msg;
	struct gnl *g;
	int ret;

	ret = lpar_open(&g);
	if (ret)
		return ret;
	msg = gnl_msg_new(g, LPAR_CMD_SLICE_GET, name ? 0 : NLM_F_DUMP);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	if (name && nla_put_string(msg, LPAR_A_SLICE_NAME, name)) {
		nlmsg_free(msg);
		ret = -EMSGSIZE;
		goto out;
	}
	ret = gnl_request(g, msg, show_slice_cb, ctx);
	if (ret) {
		if (name)
			fail(ret, "show slice '%s'", name);
		else
			fail(ret, "list slices");
	}
out:
	gnl_close(g);
	return ret;
}

int cmd_show(const struct lparctl_opts *opts, int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : NULL;
	struct show_ctx ctx = { 0 };
	struct json j;
	char *buf = NULL;
	int ret, err = 0;
	size_t len;

	if (argc > 2)
		return usage_error(argv[0], "unknown argument '%s'", argv[2]);
	if (name && !check_name(name))
		return LPARCTL_EXIT_USAGE;

	ctx.f = open_memstream(&buf, &len);
	if (!ctx.f)
		return fail(-errno, "show");
	if (opts->json) {
		json_init(&j, ctx.f, false);
		ctx.j = &j;
		json_array_start(&j);
	}
	/* It says what failed itself. */
	ret = show_request(name, &ctx);
	if (opts->json) {
		json_array_end(&j);
		err = json_finish(&j);
	}
	if (fclose(ctx.f) && !err)
		err = -errno;
	if (!ret && !err)
		fwrite(buf, 1, len, stdout);
	free(buf);
	if (!ret && err)
		return fail(err, "format output");
	return ret ? LPARCTL_EXIT_ERR : 0;
}
