/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Just enough TAP for the unit tests: one "ok N - name" or
 * "not ok N - name" per check, the plan ("1..N") at the end, and
 * exit status 1 if anything failed.  Header-only: each test is one
 * program and there is nothing worth a library here.
 */
#ifndef TOOLS_TESTS_TAP_H
#define TOOLS_TESTS_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "lib/compiler.h"

static unsigned int tap_count, tap_failed;

/* Line-buffered, so a crash can't swallow results already reported. */
static void __attribute__((constructor)) tap_init(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}

/* A description must stay on its line: show newlines as \n. */
static void __printf(1, 0)
tap_vdesc(const char *fmt, va_list ap)
{
	char buf[512];
	const char *p;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	for (p = buf; *p; p++) {
		if (*p == '\n')
			fputs("\\n", stdout);
		else
			putchar(*p);
	}
	putchar('\n');
}

static void __printf(4, 5) __maybe_unused
tap_ok(bool pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %u - ", pass ? "" : "not ", ++tap_count);
	va_start(ap, fmt);
	tap_vdesc(fmt, ap);
	va_end(ap);
	if (!pass) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
}

/* Show strings C-escaped so newlines and bytes in diffs are visible. */
static void __maybe_unused
tap_diag_str(const char *label, const char *s)
{
	printf("#   %8s: ", label);
	if (!s) {
		printf("(null)\n");
		return;
	}
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '\n')
			printf("\\n");
		else if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	printf("\"\n");
}

#define ok(cond, ...)	tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_str(got, exp, ...)						\
	do {								\
		const char *_g = (got), *_e = (exp);			\
		bool _p = _g && _e && !strcmp(_g, _e);			\
									\
		tap_ok(_p, __FILE__, __LINE__, __VA_ARGS__);		\
		if (!_p) {						\
			tap_diag_str("got", _g);			\
			tap_diag_str("expected", _e);			\
		}							\
	} while (0)

#define is_int(got, exp, ...)						\
	do {								\
		long long _g = (got), _e = (exp);			\
									\
		tap_ok(_g == _e, __FILE__, __LINE__, __VA_ARGS__);	\
		if (_g != _e)						\
			printf("#        got: %lld\n#   expected: %lld\n",\
			       _g, _e);					\
	} while (0)

static void __printf(1, 2) __maybe_unused
tap_skip(const char *fmt, ...)
{
	va_list ap;

	printf("ok %u # SKIP ", ++tap_count);
	va_start(ap, fmt);
	tap_vdesc(fmt, ap);
	va_end(ap);
}

static int tap_done(void)
{
	printf("1..%u\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif /* TOOLS_TESTS_TAP_H */
