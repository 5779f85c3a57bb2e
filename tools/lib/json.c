// SPDX-License-Identifier: GPL-2.0
/*
 * Streaming JSON writer; see json.h.
 *
 * Output is written as we go rather than built as a tree: dumps can be
 * long, and a monitor must emit each event as soon as it is complete.
 */
#define _GNU_SOURCE		/* vasprintf */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>

#include "json.h"

#define JSON_LVL_OBJECT		0x1	/* else array */
#define JSON_LVL_NONEMPTY	0x2	/* a member was written: need comma */

#define JSON_INDENT		"    "

void json_init(struct json *j, FILE *f, bool pretty)
{
	*j = (struct json){ .f = f, .pretty = pretty };
}

static void json_fail(struct json *j, int err)
{
	if (!j->err)
		j->err = err;
}

static void json_newline(struct json *j)
{
	unsigned int i;

	if (!j->pretty)
		return;
	fputc('\n', j->f);
	for (i = 0; i < j->depth; i++)
		fputs(JSON_INDENT, j->f);
}

/*
 * Emit whatever must precede the next element at the current level: the
 * comma, and in pretty mode the line break.  Object members get this
 * from json_name(), so their values need nothing.
 */
static bool json_value_begin(struct json *j)
{
	uint8_t *lvl;

	if (j->err)
		return false;
	if (!j->depth)
		return true;
	lvl = &j->stack[j->depth - 1];
	if (*lvl & JSON_LVL_OBJECT) {
		if (!j->have_name) {
			json_fail(j, -EINVAL);
			return false;
		}
		j->have_name = false;
		return true;
	}
	if (*lvl & JSON_LVL_NONEMPTY)
		fputc(',', j->f);
	*lvl |= JSON_LVL_NONEMPTY;
	json_newline(j);
	return true;
}

/* One document per line at top level, even in compact mode. */
static void json_value_end(struct json *j)
{
	if (!j->depth)
		fputc('\n', j->f);
}

/*
 * Length of the valid UTF-8 sequence at s, or 0.  Overlong forms,
 * surrogates and code points past U+10FFFF are invalid (RFC 3629).
 */
static size_t utf8_len(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	/* Only the second byte has a narrowed range; a NUL stops us too. */
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

static void json_put_string(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	fputc('"', f);
	while (*s) {
		switch (*s) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*s < 0x20) {
				fprintf(f, "\\u%04x", *s);
				break;
			}
			n = utf8_len(s);
			if (!n) {
				/* Kernel names are bytes; keep output valid. */
				fputs("\\ufffd", f);
				break;
			}
			fwrite(s, 1, n, f);
			s += n;
			continue;
		}
		s++;
	}
	fputc('"', f);
}

static void json_container_start(struct json *j, uint8_t kind, char c)
{
	if (!json_value_begin(j))
		return;
	if (j->depth >= JSON_MAX_DEPTH) {
		json_fail(j, -EOVERFLOW);
		return;
	}
	j->stack[j->depth++] = kind;
	fputc(c, j->f);
}

static void json_container_end(struct json *j, uint8_t kind, char c)
{
	uint8_t lvl;

	if (j->err)
		return;
	if (!j->depth || j->have_name ||
	    (j->stack[j->depth - 1] & JSON_LVL_OBJECT) != kind) {
		json_fail(j, -EINVAL);
		return;
	}
	lvl = j->stack[--j->depth];
	/* Empty containers stay on one line: {} and []. */
	if (lvl & JSON_LVL_NONEMPTY)
		json_newline(j);
	fputc(c, j->f);
	json_value_end(j);
}

void json_object_start(struct json *j)
{
	json_container_start(j, JSON_LVL_OBJECT, '{');
}

void json_object_end(struct json *j)
{
	json_container_end(j, JSON_LVL_OBJECT, '}');
}

void json_array_start(struct json *j)
{
	json_container_start(j, 0, '[');
}

void json_array_end(struct json *j)
{
	json_container_end(j, 0, ']');
}

void json_name(struct json *j, const char *name)
{
	uint8_t *lvl;

	if (j->err)
		return;
	if (!j->depth || !(j->stack[j->depth - 1] & JSON_LVL_OBJECT) ||
	    j->have_name) {
		json_fail(j, -EINVAL);
		return;
	}
	lvl = &j->stack[j->depth - 1];
	if (*lvl & JSON_LVL_NONEMPTY)
		fputc(',', j->f);
	*lvl |= JSON_LVL_NONEMPTY;
	json_newline(j);
	json_put_string(j->f, name);
	fputs(j->pretty ? ": " : ":", j->f);
	j->have_name = true;
}

void json_string(struct json *j, const char *s)
{
	if (!json_value_begin(j))
		return;
	json_put_string(j->f, s);
	json_value_end(j);
}

void json_stringf(struct json *j, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int ret;

	va_start(ap, fmt);
	ret = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (ret < 0) {
		/* Still consume the pending name so nesting stays sane. */
		if (json_value_begin(j))
			json_fail(j, -ENOMEM);
		return;
	}
	json_string(j, s);
	free(s);
}

void json_u64(struct json *j, uint64_t v)
{
	if (!json_value_begin(j))
		return;
	fprintf(j->f, "%llu", (unsigned long long)v);
	json_value_end(j);
}

void json_s64(struct json *j, int64_t v)
{
	if (!json_value_begin(j))
		return;
	fprintf(j->f, "%lld", (long long)v);
	json_value_end(j);
}

void json_bool(struct json *j, bool v)
{
	if (!json_value_begin(j))
		return;
	fputs(v ? "true" : "false", j->f);
	json_value_end(j);
}

void json_null(struct json *j)
{
	if (!json_value_begin(j))
		return;
	fputs("null", j->f);
	json_value_end(j);
}

int json_finish(struct json *j)
{
	if (!j->err && (j->depth || j->have_name))
		json_fail(j, -EINVAL);
	if (fflush(j->f) || ferror(j->f))
		json_fail(j, -EIO);
	return j->err;
}
