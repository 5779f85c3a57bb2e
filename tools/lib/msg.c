// SPDX-License-Identifier: GPL-2.0
/*
 * The tools' error line (msg.h).
 */
#define _GNU_SOURCE		/* program_invocation_short_name */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/msg.h"

void msg_verr(int err, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", program_invocation_short_name);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, ": %s\n", strerror(-err));
}
