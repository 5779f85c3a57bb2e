// SPDX-License-Identifier: GPL-2.0
/*
 * vmqctl queues [SWITCH]: the queue table, a row per queue: each
 * switch's default queue, then its ports' queues.
 *
 * The switches come first (a dump, or one switch), then one port dump
 * per switch, filtered by the kernel: each port is shown under the
 * switch it was asked for, whatever its reply carries.  Rows are
 * collected before anything is printed, since a text column is as wide
 * as its widest cell.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmqctl.h"

struct queue_row {
	uint32_t	sw_ifindex;
	char		sw[IFNAMSIZ];
	bool		is_port;	/* else the switch's default queue */
	char		port[IFNAMSIZ];	/* "" if the reply had none */
	bool		has_id;
	uint32_t	id;
	bool		has_binding;
	uint32_t	binding;
	struct nlattr	*queue;		/* a copy of the nest, or NULL */
};

struct queue_table {
	struct queue_row	*rows;
	size_t			n;
	size_t			alloc;
	/* The switch asked about (0 and "" for all), for the replies. */
	uint32_t		sw_ifindex;
	char			sw[IFNAMSIZ];
};

/* Text columns; the per-CPU packets follow, as wide as they are. */
enum {
	COL_SWITCH, COL_PORT, COL_BINDING, COL_CPU, COL_PACKETS, COL_DROPS,
	NR_COLS
};

static const struct {
	const char	*title;
	bool		right;		/* numbers line up on the right */
} queue_cols[NR_COLS] = {
	[COL_SWITCH]	= { "SWITCH" },
	[COL_PORT]	= { "PORT" },
	[COL_BINDING]	= { "BINDING" },
	[COL_CPU]	= { "CPU", true },
	[COL_PACKETS]	= { "PACKETS", true },
	[COL_DROPS]	= { "DROPS", true },
};

/* Wide enough for SWITCH:ID and for a u64. */
#define CELL_SIZE	24

static struct queue_row *queue_row_new(struct queue_table *t)
{
	struct queue_row *rows;
	size_t alloc;

	if (t->n == t->alloc) {
		alloc = t->alloc ? 2 * t->alloc : 16;
		rows = reallocarray(t->rows, alloc, sizeof(*rows));
		if (!rows)
			return NULL;
		t->rows = rows;
		t->alloc = alloc;
	}
	memset(&t->rows[t->n], 0, sizeof(t->rows[0]));
	return &t->rows[t->n++];
}

static void queue_table_free(struct queue_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->rows[i].queue);
	free(t->rows);
}

/* The queue nest must outlive its message: rows are printed at the end. */
static int queue_row_set_queue(struct queue_row *row,
			       const struct nlattr *nest)
{
	if (!nest)
		return 0;
	row->queue = malloc(nest->nla_len);
	if (!row->queue)
		return -ENOMEM;
	memcpy(row->queue, nest, nest->nla_len);
	return 0;
}

static void copy_name(char *dst, const char *src)
{
	snprintf(dst, IFNAMSIZ, "%s", src);
}

static int queues_switch_cb(struct nl_msg *msg, void *arg)
{
	struct queue_table *t = arg;
	struct queue_row *row;
	struct vmq_obj o;
	int ret;

	ret = vmq_parse_switch(msg, &o);
	if (ret)
		return ret;
	if (o.cmd != VMQ_CMD_SWITCH_GET && o.cmd != VMQ_CMD_SWITCH_NEW)
		return 0;

	row = queue_row_new(t);
	if (!row)
		return -ENOMEM;
	row->sw_ifindex = o.tb[VMQ_A_SWITCH_IFINDEX] ?
			  nla_get_u32(o.tb[VMQ_A_SWITCH_IFINDEX]) :
			  t->sw_ifindex;
	/* Its ports are asked for by ifindex: without one, no ports. */
	if (!row->sw_ifindex)
		return -EBADMSG;
	copy_name(row->sw, o.tb[VMQ_A_SWITCH_NAME] ?
		  nla_get_string(o.tb[VMQ_A_SWITCH_NAME]) : t->sw);
	row->has_binding = true;
	row->binding = VMQ_BINDING_DEFAULT;
	return queue_row_set_queue(row, o.tb[VMQ_A_SWITCH_DEFAULT_QUEUE]);
}

static int queues_port_cb(struct nl_msg *msg, void *arg)
{
	struct queue_table *t = arg;
	struct queue_row *row;
	struct vmq_obj o;
	int ret;

	ret = vmq_parse_port(msg, &o);
	if (ret)
		return ret;
	if (o.cmd != VMQ_CMD_PORT_GET && o.cmd != VMQ_CMD_PORT_NEW)
		return 0;

	row = queue_row_new(t);
	if (!row)
		return -ENOMEM;
	row->sw_ifindex = t->sw_ifindex;
	copy_name(row->sw, t->sw);
	row->is_port = true;
	if (o.tb[VMQ_A_PORT_NAME])
		copy_name(row->port, nla_get_string(o.tb[VMQ_A_PORT_NAME]));
	if (o.tb[VMQ_A_PORT_ID]) {
		row->has_id = true;
		row->id = nla_get_u32(o.tb[VMQ_A_PORT_ID]);
	}
	if (o.tb[VMQ_A_PORT_BINDING]) {
		row->has_binding = true;
		row->binding = nla_get_u32(o.tb[VMQ_A_PORT_BINDING]);
	}
	return queue_row_set_queue(row, o.tb[VMQ_A_PORT_QUEUE]);
}

/*
 * Into @t: the switch @name (every switch if NULL), each followed by
 * its ports.  Returns the exit status.
 */
static int queues_collect(struct gnl *g, const char *name,
			  uint32_t ifindex, struct queue_table *t)
{
	struct queue_table sws = { .sw_ifindex = ifindex };
	struct queue_row *row;
	int ret = 0;
	size_t i;

	copy_name(sws.sw, name ?: "");
	ret = vmq_get(g, VMQ_CMD_SWITCH_GET, name ? 0 : NLM_F_DUMP, ifindex,
		      queues_switch_cb, &sws);
	if (ret && name)
		ret = fail(ret, "show switch '%s'", name);
	else if (ret)
		ret = fail(ret, "list switches");

	for (i = 0; !ret && i < sws.n; i++) {
		row = queue_row_new(t);
		if (!row) {
			ret = fail(-ENOMEM, "queues");
			break;
		}
		*row = sws.rows[i];
		sws.rows[i].queue = NULL;
		t->sw_ifindex = row->sw_ifindex;
		copy_name(t->sw, row->sw);
		ret = vmq_get(g, VMQ_CMD_PORT_GET, NLM_F_DUMP, t->sw_ifindex,
			      queues_port_cb, t);
		if (ret)
			ret = fail(ret, "list the ports of switch '%s'", t->sw);
	}
	queue_table_free(&sws);
	return ret;
}

/* The text cells of a row; @q is its queue, parsed. */
static void queue_cells(const struct queue_row *row, struct nlattr **q,
			char cells[NR_COLS][CELL_SIZE])
{
	const char *s;

	snprintf(cells[COL_SWITCH], CELL_SIZE, "%s", row->sw);
	if (!row->is_port)
		snprintf(cells[COL_PORT], CELL_SIZE, "-");
	else if (row->port[0])
		snprintf(cells[COL_PORT], CELL_SIZE, "%s", row->port);
	else if (row->has_id)
		snprintf(cells[COL_PORT], CELL_SIZE, "%s:%u", row->sw, row->id);
	else
		snprintf(cells[COL_PORT], CELL_SIZE, "?");

	s = row->has_binding ? binding_name(row->binding) : "-";
	if (s)
		snprintf(cells[COL_BINDING], CELL_SIZE, "%s", s);
	else
		snprintf(cells[COL_BINDING], CELL_SIZE, "%u", row->binding);

	if (!q[VMQ_A_QUEUE_CPU])
		snprintf(cells[COL_CPU], CELL_SIZE, "-");
	else if (nla_get_s32(q[VMQ_A_QUEUE_CPU]) < 0)
		snprintf(cells[COL_CPU], CELL_SIZE, "any");
	else
		snprintf(cells[COL_CPU], CELL_SIZE, "%d",
			 nla_get_s32(q[VMQ_A_QUEUE_CPU]));

	if (q[VMQ_A_QUEUE_PACKETS])
		snprintf(cells[COL_PACKETS], CELL_SIZE, "%llu",
			 (unsigned long long)nla_get_u64(q[VMQ_A_QUEUE_PACKETS]));
	else
		snprintf(cells[COL_PACKETS], CELL_SIZE, "-");
	if (q[VMQ_A_QUEUE_DROPS])
		snprintf(cells[COL_DROPS], CELL_SIZE, "%llu",
			 (unsigned long long)nla_get_u64(q[VMQ_A_QUEUE_DROPS]));
	else
		snprintf(cells[COL_DROPS], CELL_SIZE, "-");
}

/* Already checked when the reply came: this cannot fail. */
static void queue_row_parse(const struct queue_row *row, struct nlattr **q)
{
	memset(q, 0, (VMQ_A_QUEUE_MAX + 1) * sizeof(*q));
	if (row->queue)
		vmq_parse_queue(row->queue, q);
}

static void queue_cell(FILE *f, const int *width, int c, const char *s)
{
	if (c)
		fputs("  ", f);
	if (queue_cols[c].right)
		fprintf(f, "%*s", width[c], s);
	else
		fprintf(f, "%-*s", width[c], s);
}

static void queues_print_text(FILE *f, const struct queue_table *t)
{
	struct nlattr *q[VMQ_A_QUEUE_MAX + 1];
	char cells[NR_COLS][CELL_SIZE];
	int width[NR_COLS];
	size_t i;
	int c;

	for (c = 0; c < NR_COLS; c++)
		width[c] = strlen(queue_cols[c].title);
	for (i = 0; i < t->n; i++) {
		queue_row_parse(&t->rows[i], q);
		queue_cells(&t->rows[i], q, cells);
		for (c = 0; c < NR_COLS; c++)
			if ((int)strlen(cells[c]) > width[c])
				width[c] = strlen(cells[c]);
	}

	for (c = 0; c < NR_COLS; c++)
		queue_cell(f, width, c, queue_cols[c].title);
	fputs("  PER-CPU\n", f);
	for (i = 0; i < t->n; i++) {
		queue_row_parse(&t->rows[i], q);
		queue_cells(&t->rows[i], q, cells);
		for (c = 0; c < NR_COLS; c++)
			queue_cell(f, width, c, cells[c]);
		if (q[VMQ_A_QUEUE_PER_CPU])
			print_per_cpu_text(f, "  ", q[VMQ_A_QUEUE_PER_CPU]);
		fputc('\n', f);
	}
}

static void queues_print_json(struct json *j, const struct queue_table *t)
{
	struct nlattr *q[VMQ_A_QUEUE_MAX + 1];
	const struct queue_row *row;
	const char *s;
	size_t i;

	for (i = 0; i < t->n; i++) {
		row = &t->rows[i];
		queue_row_parse(row, q);
		json_object_start(j);
		json_field_string(j, "switch", row->sw);
		if (row->is_port && row->port[0])
			json_field_string(j, "port", row->port);
		else
			json_field_null(j, "port");
		if (row->has_id)
			json_field_u64(j, "port_id", row->id);
		if (row->has_binding) {
			s = binding_name(row->binding);
			if (s)
				json_field_string(j, "binding", s);
			else
				json_field_u64(j, "binding", row->binding);
		}
		print_queue_json(j, q);
		json_object_end(j);
	}
}

int cmd_queues(const struct vmqctl_opts *opts, int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : NULL;
	struct queue_table t = { 0 };
	uint32_t ifindex = 0;
	struct out out;
	struct gnl *g;
	int ret;

	if (argc > 2)
		return usage_error("queues", "unknown argument '%s'", argv[2]);
	if (name) {
		ret = dev_index("switch", name, &ifindex);
		if (ret)
			return ret;
	}
	if (vmq_open(&g))
		return VMQCTL_EXIT_ERR;
	ret = queues_collect(g, name, ifindex, &t);
	gnl_close(g);

	if (!ret) {
		ret = out_open(&out, opts);
		if (ret) {
			ret = fail(ret, "queues");
		} else {
			if (out.j)
				queues_print_json(out.j, &t);
			else
				queues_print_text(out.f, &t);
			ret = out_close(&out, 0);
		}
	}
	queue_table_free(&t);
	return ret;
}
