// SPDX-License-Identifier: GPL-2.0
/*
 * Local checks of command-line arguments.  The kernel has the last word
 * (which CPUs and nodes exist, what is free), but a typo should fail
 * here, with a message that points at it, rather than as an EINVAL from
 * the kernel.  Each check prints its own reason.
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/opts.h"
#include "lparctl.h"

/* [a-z][a-z0-9_-]*, as the module checks it. */
bool check_name(const char *arg)
{
	size_t len = strlen(arg), i;

	if (len >= LPAR_SLICE_NAME_MAX) {
		fprintf(stderr,
			"%s: invalid slice name '%s': longer than %d characters\n",
			program_invocation_short_name, arg,
			LPAR_SLICE_NAME_MAX - 1);
		return false;
	}
	if (!(arg[0] >= 'a' && arg[0] <= 'z')) {
		fprintf(stderr,
			"%s: invalid slice name '%s': must start with a letter a-z\n",
			program_invocation_short_name, arg);
		return false;
	}
	for (i = 1; i < len; i++) {
		char c = arg[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_' || c == '-')
			continue;
		fprintf(stderr,
			"%s: invalid slice name '%s': only a-z, 0-9, '_' and '-' may follow the first letter\n",
			program_invocation_short_name, arg);
		return false;
	}
	return true;
}

bool check_cpulist(const char *what, const char *arg)
{
	unsigned long map[CPU_BITMAP_LONGS(LIST_BITS)];

	return !parse_cpulist(what, arg, map, LIST_BITS);
}

bool parse_mode(const char *arg, uint32_t *mode)
{
	if (!strcmp(arg, "dedicated")) {
		*mode = LPAR_MODE_DEDICATED;
		return true;
	}
	if (!strcmp(arg, "shared")) {
		*mode = LPAR_MODE_SHARED;
		return true;
	}
	fprintf(stderr,
		"%s: invalid mode '%s': must be 'dedicated' or 'shared'\n",
		program_invocation_short_name, arg);
	return false;
}
