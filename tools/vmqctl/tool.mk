# SPDX-License-Identifier: GPL-2.0
#
# vmqctl: the command-line tool of the vmq-switch module.
#
# <linux/vmq_switch.h> must be this tree's uapi header, never an older
# copy installed on the build machine: -I directories are searched before
# the system ones, so ../uapi wins over /usr/include.  The unit test
# builds vmqctl's sources into itself and needs the same header.

vmqctl-cflags	:= -I../uapi

build/san/tests/test_vmqctl.o: SAN_CFLAGS += -I../uapi
