/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tiny streaming JSON writer for the tools' -j output.
 *
 * The writer tracks nesting and commas, so callers only say what comes
 * next.  Misuse (a value in an object without a name, mismatched ends,
 * nesting deeper than JSON_MAX_DEPTH) is latched in ->err and turns the
 * rest into no-ops; json_finish() reports it along with stream errors.
 * Each complete top-level value is followed by a newline, so a monitor
 * can emit one document per event (JSON Lines).
 */
#ifndef TOOLS_LIB_JSON_H
#define TOOLS_LIB_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "compiler.h"

#define JSON_MAX_DEPTH	32

struct json {
	FILE		*f;
	bool		pretty;
	bool		have_name;	/* in an object, name written */
	unsigned int	depth;
	int		err;		/* first error, negative errno */
	uint8_t		stack[JSON_MAX_DEPTH];	/* JSON_LVL_* per level */
};

void json_init(struct json *j, FILE *f, bool pretty);
/* Flush; 0, or -EINVAL for misuse/unclosed containers, -EIO for I/O. */
int json_finish(struct json *j);

void json_object_start(struct json *j);
void json_object_end(struct json *j);
void json_array_start(struct json *j);
void json_array_end(struct json *j);

/* Member name; the next call must write its value. */
void json_name(struct json *j, const char *name);

/* Strings must be NUL-terminated; invalid UTF-8 becomes U+FFFD. */
void json_string(struct json *j, const char *s);
void json_stringf(struct json *j, const char *fmt, ...)
	__printf(2, 3);
void json_u64(struct json *j, uint64_t v);
void json_s64(struct json *j, int64_t v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);

/* "name": value shorthands, the common case in object members. */
static inline void json_field_string(struct json *j, const char *name,
				     const char *s)
{
	json_name(j, name);
	json_string(j, s);
}

static inline void json_field_u64(struct json *j, const char *name, uint64_t v)
{
	json_name(j, name);
	json_u64(j, v);
}

static inline void json_field_s64(struct json *j, const char *name, int64_t v)
{
	json_name(j, name);
	json_s64(j, v);
}

static inline void json_field_bool(struct json *j, const char *name, bool v)
{
	json_name(j, name);
	json_bool(j, v);
}

static inline void json_field_null(struct json *j, const char *name)
{
	json_name(j, name);
	json_null(j);
}

static inline void json_field_object(struct json *j, const char *name)
{
	json_name(j, name);
	json_object_start(j);
}

static inline void json_field_array(struct json *j, const char *name)
{
	json_name(j, name);
	json_array_start(j);
}

#endif /* TOOLS_LIB_JSON_H */
