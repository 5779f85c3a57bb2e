// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for lib/json.c: exact output bytes for nesting, commas,
 * escaping and number edge cases, and that misuse is reported.
 */
#define _GNU_SOURCE		/* open_memstream */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "lib/json.h"
#include "tap.h"

struct out {
	FILE		*f;
	char		*buf;
	size_t		len;
	struct json	j;
	int		err;
};

static struct json *out_open(struct out *o, bool pretty)
{
	o->buf = NULL;
	o->f = open_memstream(&o->buf, &o->len);
	if (!o->f) {
		perror("open_memstream");
		exit(2);
	}
	json_init(&o->j, o->f, pretty);
	return &o->j;
}

/* Finish the document; the result is valid until out_free(). */
static const char *out_close(struct out *o)
{
	o->err = json_finish(&o->j);
	fclose(o->f);
	return o->buf;
}

static void out_free(struct out *o)
{
	free(o->buf);
}

/* The same document in both modes, to check commas and layout. */
static void write_sample(struct json *j)
{
	json_object_start(j);
	json_field_u64(j, "a", 1);
	json_field_array(j, "b");
	json_u64(j, 1);
	json_s64(j, -2);
	json_object_start(j);
	json_field_null(j, "c");
	json_object_end(j);
	json_array_start(j);
	json_array_end(j);
	json_array_end(j);
	json_field_object(j, "d");
	json_object_end(j);
	json_field_bool(j, "e", true);
	json_field_bool(j, "f", false);
	json_field_string(j, "g", "x");
	json_object_end(j);
}

static void test_layout(void)
{
	struct out o;
	struct json *j;

	j = out_open(&o, false);
	json_object_start(j);
	json_object_end(j);
	is_str(out_close(&o), "{}\n", "empty object");
	is_int(o.err, 0, "empty object: no error");
	out_free(&o);

	j = out_open(&o, true);
	json_array_start(j);
	json_array_end(j);
	is_str(out_close(&o), "[]\n", "empty array stays on one line when pretty");
	out_free(&o);

	j = out_open(&o, false);
	write_sample(j);
	is_str(out_close(&o),
	       "{\"a\":1,\"b\":[1,-2,{\"c\":null},[]],\"d\":{},"
	       "\"e\":true,\"f\":false,\"g\":\"x\"}\n",
	       "compact nesting and commas");
	is_int(o.err, 0, "compact: no error");
	out_free(&o);

	j = out_open(&o, true);
	write_sample(j);
	is_str(out_close(&o),
	       "{\n"
	       "    \"a\": 1,\n"
	       "    \"b\": [\n"
	       "        1,\n"
	       "        -2,\n"
	       "        {\n"
	       "            \"c\": null\n"
	       "        },\n"
	       "        []\n"
	       "    ],\n"
	       "    \"d\": {},\n"
	       "    \"e\": true,\n"
	       "    \"f\": false,\n"
	       "    \"g\": \"x\"\n"
	       "}\n",
	       "pretty nesting and commas");
	is_int(o.err, 0, "pretty: no error");
	out_free(&o);

	/* A monitor writes one document per event. */
	j = out_open(&o, false);
	json_u64(j, 1);
	json_string(j, "two");
	json_object_start(j);
	json_field_u64(j, "n", 3);
	json_object_end(j);
	is_str(out_close(&o), "1\n\"two\"\n{\"n\":3}\n",
	       "top-level values one per line");
	out_free(&o);
}

static const char *one_string(struct out *o, const char *s)
{
	json_string(out_open(o, false), s);
	return out_close(o);
}

static void test_strings(void)
{
	struct out o;

	is_str(one_string(&o, ""), "\"\"\n", "empty string");
	out_free(&o);

	is_str(one_string(&o, "a\"b\\c/d"), "\"a\\\"b\\\\c/d\"\n",
	       "quote and backslash escaped, slash not");
	out_free(&o);

	is_str(one_string(&o, "\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"\n",
	       "short control escapes");
	out_free(&o);

	is_str(one_string(&o, "\x01\x1f\x7f"), "\"\\u0001\\u001f\x7f\"\n",
	       "other control chars as \\u00XX, DEL passes");
	out_free(&o);

	is_str(one_string(&o, "h\xc3\xa9llo \xe2\x82\xac \xf0\x9d\x84\x9e"),
	       "\"h\xc3\xa9llo \xe2\x82\xac \xf0\x9d\x84\x9e\"\n",
	       "valid UTF-8 (2, 3, 4 bytes) passes through");
	out_free(&o);

	is_str(one_string(&o, "\xff|\xc0\xaf|\xed\xa0\x80|\xf4\x90\x80\x80|\xe2\x82"),
	       "\"\\ufffd|\\ufffd\\ufffd|\\ufffd\\ufffd\\ufffd|"
	       "\\ufffd\\ufffd\\ufffd\\ufffd|\\ufffd\\ufffd\"\n",
	       "invalid, overlong, surrogate, >U+10FFFF, truncated UTF-8 replaced");
	out_free(&o);

	json_object_start(out_open(&o, false));
	json_field_string(&o.j, "we\"ird\n", "v");
	json_object_end(&o.j);
	is_str(out_close(&o), "{\"we\\\"ird\\n\":\"v\"}\n", "names are escaped");
	out_free(&o);

	json_stringf(out_open(&o, false), "%s-%d", "eth", 3);
	is_str(out_close(&o), "\"eth-3\"\n", "stringf formats");
	out_free(&o);
}

static void test_numbers(void)
{
	struct out o;
	struct json *j;

	j = out_open(&o, false);
	json_array_start(j);
	json_u64(j, 0);
	json_u64(j, UINT64_MAX);
	json_s64(j, INT64_MIN);
	json_s64(j, INT64_MAX);
	json_s64(j, -1);
	json_array_end(j);
	is_str(out_close(&o),
	       "[0,18446744073709551615,-9223372036854775808,"
	       "9223372036854775807,-1]\n",
	       "u64 max, s64 min/max, 0, -1");
	out_free(&o);
}

static void test_misuse(void)
{
	struct out o;
	struct json *j;
	int i;

	j = out_open(&o, false);
	json_object_start(j);
	json_u64(j, 1);
	json_object_end(j);
	out_close(&o);
	is_int(o.err, -EINVAL, "value without a name in an object");
	out_free(&o);

	j = out_open(&o, false);
	json_array_start(j);
	json_name(j, "x");
	out_close(&o);
	is_int(o.err, -EINVAL, "name inside an array");
	out_free(&o);

	j = out_open(&o, false);
	json_object_start(j);
	json_array_end(j);
	out_close(&o);
	is_int(o.err, -EINVAL, "mismatched end");
	out_free(&o);

	j = out_open(&o, false);
	json_object_start(j);
	json_name(j, "dangling");
	json_object_end(j);
	out_close(&o);
	is_int(o.err, -EINVAL, "name without a value");
	out_free(&o);

	j = out_open(&o, false);
	json_array_start(j);
	out_close(&o);
	is_int(o.err, -EINVAL, "unclosed container");
	out_free(&o);

	j = out_open(&o, false);
	json_array_end(j);
	out_close(&o);
	is_int(o.err, -EINVAL, "end at top level");
	out_free(&o);

	j = out_open(&o, false);
	for (i = 0; i <= JSON_MAX_DEPTH; i++)
		json_array_start(j);
	out_close(&o);
	is_int(o.err, -EOVERFLOW, "nesting past JSON_MAX_DEPTH");
	out_free(&o);

	j = out_open(&o, false);
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		json_array_start(j);
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		json_array_end(j);
	out_close(&o);
	is_int(o.err, 0, "nesting exactly JSON_MAX_DEPTH is fine");
	out_free(&o);
}

int main(void)
{
	test_layout();
	test_strings();
	test_numbers();
	test_misuse();
	return tap_done();
}
