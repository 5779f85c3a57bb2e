// SPDX-License-Identifier: GPL-2.0
/* The suite's formatted extack messages, built into this module. */
#include "../common/nl_extack.c"
