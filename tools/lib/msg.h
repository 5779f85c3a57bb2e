/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tools' error line: "<prog>: <what>: <strerror>", as each tool's
 * fail() prints it.
 */
#ifndef TOOLS_LIB_MSG_H
#define TOOLS_LIB_MSG_H

#include <stdarg.h>

#include "lib/compiler.h"

/* Print @fmt's message and -@err's description (@err < 0) to stderr. */
void msg_verr(int err, const char *fmt, va_list ap) __printf(2, 0);

#endif /* TOOLS_LIB_MSG_H */
