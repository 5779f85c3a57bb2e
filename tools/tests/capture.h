/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Run a tool's main() in this process, its standard output and error
 * caught, for the tests of whole commands. Header-only, as tap.h.
 */
#ifndef TOOLS_TESTS_CAPTURE_H
#define TOOLS_TESTS_CAPTURE_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lib/compiler.h"

/* The last run: its exit status and what it printed. */
static struct {
	int	rc;
	char	out[16384];
	char	err[4096];
} run;

static void capture_slurp(FILE *f, char *buf, size_t size)
{
	size_t len;

	rewind(f);
	len = fread(buf, 1, size - 1, f);
	buf[len] = '\0';
	fclose(f);
}

/* Run MAIN as PROG with the NULL-terminated ARG and AP as its arguments. */
static int __maybe_unused capture_main(int (*main_fn)(int, char **),
				       const char *prog, const char *arg,
				       va_list ap)
{
	char *argv[64] = { (char *)prog };
	int argc = 1, saved_out, saved_err;
	FILE *out, *err;

	for (; arg && argc < 63; arg = va_arg(ap, const char *))
		argv[argc++] = (char *)arg;
	argv[argc] = NULL;

	out = tmpfile();
	err = tmpfile();
	if (!out || !err) {
		perror("tmpfile");
		exit(2);
	}
	fflush(stdout);
	fflush(stderr);
	saved_out = dup(STDOUT_FILENO);
	saved_err = dup(STDERR_FILENO);
	dup2(fileno(out), STDOUT_FILENO);
	dup2(fileno(err), STDERR_FILENO);

	run.rc = main_fn(argc, argv);

	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, STDOUT_FILENO);
	dup2(saved_err, STDERR_FILENO);
	close(saved_out);
	close(saved_err);
	capture_slurp(out, run.out, sizeof(run.out));
	capture_slurp(err, run.err, sizeof(run.err));
	return run.rc;
}

/*
 * @piece and those after it up to NULL, end to end: a long expected line
 * written in lines that fit.  Valid until the next call.
 */
static const char * __maybe_unused cat(const char *piece, ...)
{
	static char buf[4096];
	size_t len = 0;
	va_list ap;

	va_start(ap, piece);
	for (; piece && len < sizeof(buf); piece = va_arg(ap, const char *))
		len += snprintf(buf + len, sizeof(buf) - len, "%s", piece);
	va_end(ap);
	return buf;
}

#endif /* TOOLS_TESTS_CAPTURE_H */
